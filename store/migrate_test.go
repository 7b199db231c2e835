package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// imageAtVersion builds a caseload image the way a build with only the
// first n migrations wrote it, then runs seed on it.
func imageAtVersion(t *testing.T, n int, seed ...string) []byte {
	t.Helper()
	steps, err := migrationSteps()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i, step := range append(steps[:n:n], seed...) {
		if _, err := conn.ExecContext(ctx, step); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(n)); err != nil {
		t.Fatal(err)
	}
	var image []byte
	err = conn.Raw(func(dc any) error {
		image, err = dc.(interface{ Serialize() ([]byte, error) }).Serialize()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return image
}

func TestMigratesAVersion1Vault(t *testing.T) {
	image := imageAtVersion(t, 1,
		// A client closed before an outcome was required, and without a
		// start date: v1 allowed both.
		`INSERT INTO clients (id, uid, first_name, status, end_date, created_at, updated_at)
			VALUES (7, 'u7', 'Oud', 'closed', '2022-03-01', '2022-03-01 09:00:00', '2022-03-01 09:00:00')`,
		`INSERT INTO trajectory_stats (end_year, length_days, outcome) VALUES (2022, 120, 'education')`,
		`INSERT INTO invoices (client_id, number, invoice_date, amount_cents, debtor)
			VALUES (7, '2022-001', '2022-02-01', 50000, 'Oud')`)
	seal := &memSealer{}
	f := &fixture{seal: seal, clock: &fixedClock{t: day("2026-11-22")}}
	s, err := Open(ctx, image, Options{Sealer: seal, Clock: f.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion() || version < 2 {
		t.Fatalf("user_version = %d, %v; want %d", version, err, SchemaVersion())
	}
	if !s.Dirty() {
		t.Error("a migrated caseload must be sealed at the next save")
	}

	// What v1 held is still there and counts as before.
	rows, err := s.ListClients(ctx)
	if err != nil || len(rows) != 1 || rows[0].Retention.State != RetentionOverdue ||
		!rows[0].Retention.PurgeOn.Equal(day("2024-03-01")) || !rows[0].InvoicesUntil.Equal(day("2029-02-01")) {
		t.Fatalf("ListClients on a migrated vault = %+v, %v", rows, err)
	}
	st, err := s.Statistics(ctx)
	if err != nil || len(st) != 1 || st[0].Trajectories != 2 || st[0].Measured != 1 || st[0].MedianDays != 120 ||
		st[0].Outcomes[OutcomeEducation] != 1 || st[0].Outcomes[OutcomeUnknown] != 1 {
		t.Fatalf("Statistics on a migrated vault = %+v, %v", st, err)
	}

	// v2 keeps a trajectory without a length through a purge.
	plan, err := s.PlanPurge(ctx, 7, PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Statistics(ctx)
	if fmt.Sprint(after) != fmt.Sprint(st) {
		t.Errorf("statistics after purging a trajectory without a start: %+v, want %+v", after, st)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if _, err := Open(ctx, seal.image, Options{}); err != nil {
		t.Errorf("reopening the migrated, sealed vault: %v", err)
	}
}

func TestRefusesAVaultFromTheFuture(t *testing.T) {
	image := imageAtVersion(t, SchemaVersion())
	// One version further than this build knows.
	s, err := Open(ctx, image, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.conn.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.committed++
	newer, _ := s.Image(ctx)
	s.Close()
	if _, err := Open(ctx, newer, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Open of a newer vault = %v, want ErrNewerSchema", err)
	}
}

func TestMigratesAVersion2Vault(t *testing.T) {
	// Written the way v2 wrote it: every occurrence of every word of the
	// records, with its position, in records_fts.
	image := imageAtVersion(t, 2,
		`INSERT INTO clients (id, uid, first_name, last_name, email, status, start_date, end_date, outcome,
				created_at, updated_at)
			VALUES (7, 'u7', '`+canaryFirst+`', '`+canaryLast+`', '`+canaryMail+`', 'closed', '2021-09-01',
				'2022-03-01', 'work', '2022-03-01 09:00:00', '2022-03-01 09:00:00'),
			(8, 'u8', 'Anouk', 'Blijft', '', 'active', '2026-01-05', NULL, '', '2026-01-05 09:00:00',
				'2026-01-05 09:00:00')`,
		`INSERT INTO records (id, client_id, kind, title, body, record_date, special, created_at, updated_at) VALUES
			(1, 7, 'intake', 'Intake', 'Wil werken in de zorg; `+canaryWord+` komt terug in het gesprek.',
				'2021-09-01', 0, '2021-09-01 09:00:00', '2021-09-01 09:00:00'),
			(2, 7, 'note', 'Medisch', 'Zwangerschapsverlof gepland.', '2021-10-01', 1,
				'2021-10-01 09:00:00', '2021-10-01 09:00:00'),
			(3, 8, 'note', 'Portfoliogesprek', 'Het portfolio van Anouk is bijna af; volgende week de coachingsvragen.',
				'2026-01-05', 0, '2026-01-05 09:00:00', '2026-01-05 09:00:00')`)
	seal := &memSealer{}
	clock := &fixedClock{t: day("2026-11-22")}
	s, err := Open(ctx, image, Options{Sealer: seal, Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion() || version < 3 {
		t.Fatalf("user_version = %d, %v; want %d", version, err, SchemaVersion())
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after the migration: %v", err)
	}
	// The old index's pages are given back, not sealed as free pages.
	var free int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA freelist_count").Scan(&free); err != nil || free != 0 {
		t.Errorf("%d free pages after the migration (%v), want 0", free, err)
	}

	// Search finds what v2 held, by any prefix, and shows where.
	for query, want := range map[string]string{
		canaryWord[:8]:  "«" + canaryWord + "»",
		"portfolio":     "«portfolio»",
		"portfolio ano": "«Anouk»",
		"coachings":     "«coachingsvragen»",
	} {
		hits, err := s.Search(ctx, query, 10)
		if err != nil {
			t.Fatal(err)
		}
		if n := recordHits(hits); n != 1 || !strings.Contains(firstRecordHit(hits).Snippet, want) {
			t.Errorf("Search(%q) on a migrated vault = %+v; want one record with %q in its snippet", query, hits, want)
		}
	}
	if hits, _ := s.Search(ctx, "zwangerschap", 10); recordHits(hits) != 1 || firstRecordHit(hits).Snippet != "" {
		t.Errorf("Search for a special-category record = %+v; want it found without its text", hits)
	}

	// The index follows edits made after the migration.
	r, err := s.Record(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	r.Body = "Het cv is af."
	if _, err := s.SaveRecord(ctx, r); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "portfolio", 10); recordHits(hits) != 1 {
		t.Errorf("Search(portfolio) after an edit = %+v; want the record, by its title", hits)
	}
	if hits, _ := s.Search(ctx, "coachingsvragen", 10); len(hits) != 0 {
		t.Errorf("Search for a word edited away = %+v; want nothing", hits)
	}

	// A purge leaves no word of the client in the image: not in the new
	// index, and not in the pages the old one left behind.
	plan, err := s.PlanPurge(ctx, 7, PurgeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Purge(ctx, plan); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{canaryFirst, canaryWord, "zwangerschap"} {
		if hits, err := s.Search(ctx, q, 10); err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) after the purge = %+v, %v", q, hits, err)
		}
	}
	mem, err := s.Image(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range [][]byte{mem, seal.image} {
		for _, w := range []string{canaryFirst, canaryLast, canaryMail, canaryWord, "Zwangerschapsverlof"} {
			for _, v := range []string{w, strings.ToLower(w)} {
				if bytes.Contains(img, []byte(v)) {
					t.Errorf("%q survives in the image", v)
				}
			}
		}
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	s2, err := Open(ctx, seal.image, Options{})
	if err != nil {
		t.Fatalf("reopening the migrated, sealed vault: %v", err)
	}
	defer s2.Close()
	if hits, _ := s2.Search(ctx, "anouk", 10); len(hits) != 1 || hits[0].ClientID != 8 {
		t.Errorf("Search(anouk) after reopening = %+v; want the client who stayed", hits)
	}
}

func recordHits(hits []Hit) int {
	n := 0
	for _, h := range hits {
		if h.RecordID != 0 {
			n++
		}
	}
	return n
}

func firstRecordHit(hits []Hit) Hit {
	for _, h := range hits {
		if h.RecordID != 0 {
			return h
		}
	}
	return Hit{}
}

// TestDefaultReasonsFollowTheReader: a vault written before migration 10
// holds the shipped retention reasons as English text; the untouched ones
// become keys that a Dutch reader reads in Dutch, and a reason the coach
// wrote stays as written.
func TestDefaultReasonsFollowTheReader(t *testing.T) {
	image := imageAtVersion(t, 9,
		`UPDATE retention_policies SET reason = 'Eigen reden van de praktijk.', updated_at = '2026-01-05 09:00:00'
			WHERE category = 'rejected_intake'`)
	s, err := Open(ctx, image, Options{Sealer: &memSealer{}, Clock: (&fixedClock{t: day("2026-11-22")}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	policies, err := s.Policies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[Category]Policy{}
	for _, p := range policies {
		got[p.Category] = p
	}
	if r := got[CategoryDossier].Reason; r != DefaultReason(CategoryDossier) {
		t.Errorf("untouched dossier reason = %q, want the key", r)
	}
	if r := got[CategoryInvoice].ReasonText("nl"); !strings.HasPrefix(r, "Facturen: zeven jaar") {
		t.Errorf("invoice reason for a Dutch reader = %q", r)
	}
	if r := got[CategoryDossier].ReasonText("en"); !strings.HasPrefix(r, "Coaching dossier: two years") {
		t.Errorf("dossier reason for an English reader = %q", r)
	}
	if p := got[CategoryRejectedIntake]; p.Reason != "Eigen reden van de praktijk." || p.ReasonText("en") != p.Reason {
		t.Errorf("the coach's own reason became %q / %q", p.Reason, p.ReasonText("en"))
	}

	// A new vault ships them as keys too, which the Dutch register quotes
	// in Dutch (package register's tests check that it quotes them).
	fresh, err := Open(ctx, nil, Options{Sealer: &memSealer{}, Clock: (&fixedClock{t: day("2026-11-22")}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	doc, err := fresh.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Policies) == 0 {
		t.Fatal("a new vault has no policies")
	}
	for _, p := range doc.Policies {
		if nl := p.ReasonText("nl"); p.Reason != "default:"+string(p.Category) || strings.Contains(nl, "default:") ||
			p.Category == CategoryDossier && !strings.HasPrefix(nl, "Begeleidingsdossier: twee jaar na het einde van het traject") {
			t.Errorf("policy %s ships reason %q, in Dutch %q", p.Category, p.Reason, nl)
		}
	}
}

// TestValidationErrorsByCode: a problem is said in the reader's language
// from its code, quoting what was given where it matters; a problem no
// catalogue names keeps its English sentence.
func TestValidationErrorsByCode(t *testing.T) {
	for _, c := range []struct {
		client   Client
		nl, code string
	}{
		{Client{FirstName: "Anna", Status: StatusClosed, End: day("2026-01-31")}, "een afgesloten traject heeft een uitkomst nodig", "client.outcome_missing"},
		{Client{FirstName: "Anna", Status: StatusActive, Start: day("2026-02-01"), End: day("2026-01-31")},
			"het traject eindigt voordat het begint", "client.end_before_start"},
		{Client{FirstName: "Anna", Status: "gepauzeerd"}, `onbekende status "gepauzeerd"`, "client.status_unknown"},
	} {
		var ve *ValidationError
		if err := c.client.Validate(); !errors.As(err, &ve) || ve.Code != c.code {
			t.Fatalf("%+v: %v, want code %s", c.client, err, c.code)
		}
		if got := ve.Text("nl"); got != c.nl {
			t.Errorf("%s in Dutch = %q, want %q", c.code, got, c.nl)
		}
		if got := ve.Text("en"); got != ve.Problem {
			t.Errorf("%s in English = %q, want %q", c.code, got, ve.Problem)
		}
	}
	ve := &ValidationError{Field: "x", Problem: "something new"}
	if ve.Text("nl") != "something new" {
		t.Errorf("an uncoded problem = %q", ve.Text("nl"))
	}
}
