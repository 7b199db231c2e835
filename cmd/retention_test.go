package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
)

// testPassphrase opens the vaults these tests make.
const testPassphrase = "correct horse battery staple"

// testVault is a vault in a temporary folder and the clock the command
// line runs under: the scenario is built through the store, since no
// command adds clients, and the commands then run in-process.
type testVault struct {
	dir, passFile string
	now           time.Time
}

// newTestVault creates a vault at now and fills it through the store.
func newTestVault(t *testing.T, now time.Time, fill func(ctx context.Context, s *store.Store) error) *testVault {
	t.Helper()
	root := t.TempDir()
	v := &testVault{dir: filepath.Join(root, "vault"), passFile: filepath.Join(root, "pass"), now: now}
	if err := os.WriteFile(v.passFile, []byte(testPassphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := &env{vaultDir: v.dir, workFactor: testWorkFactor, clock: func() time.Time { return now }}
	ctx := context.Background()
	s, _, err := e.create(ctx, testPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(ctx, s.Store); err != nil {
		s.Close()
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return v
}

// run runs caseload with args on the vault, in English unless args say
// otherwise, and returns what it printed and its exit code.
func (v *testVault) run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errs bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errs,
		getenv:     func(k string) string { return map[string]string{"LANG": "en_GB.UTF-8"}[k] },
		clock:      func() time.Time { return v.now },
		workFactor: testWorkFactor,
		tty:        func() bool { return false },
		readSecret: func() ([]byte, error) { return nil, errNoTerminal },
	}
	code = run(append([]string{"--vault", v.dir, "--passphrase-file", v.passFile}, args...), e)
	return out.String(), errs.String(), code
}

// vaultBytes is vault.age as it is on disk.
func (v *testVault) vaultBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(v.dir, "vault.age"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func civil(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// dueCaseload is a caseload on 2026-11-22 with one dossier overdue for
// deletion, one counting down, one running trajectory with an open access
// request, and a breach not yet reported.
func dueCaseload(ctx context.Context, s *store.Store) error {
	over, err := s.CreateClient(ctx, store.Client{FirstName: "Olga", LastName: "Overdue", Status: store.StatusClosed,
		Start: civil("2023-01-01"), End: civil("2024-11-21"), Outcome: store.OutcomeWork})
	if err != nil {
		return err
	}
	for _, r := range []store.Record{
		{ClientID: over.ID, Kind: store.KindIntake, Title: "Intake", Date: civil("2023-01-01")},
		{ClientID: over.ID, Kind: store.KindNote, Title: "Gesprek", Date: civil("2023-05-01")},
	} {
		if _, err := s.SaveRecord(ctx, r); err != nil {
			return err
		}
	}
	if _, err := s.SaveAppointment(ctx, store.Appointment{ClientID: over.ID, Start: time.Date(2023, 2, 1, 10, 0, 0, 0, time.UTC),
		Minutes: 60, Attendance: store.AttendanceAttended}); err != nil {
		return err
	}
	if _, err := s.AddInvoice(ctx, store.Invoice{ClientID: over.ID, Number: "2024-007", Date: civil("2024-01-10"),
		AmountCents: 90000, Debtor: "Gemeente Utrecht"}); err != nil {
		return err
	}
	if _, err := s.CreateClient(ctx, store.Client{FirstName: "Sven", LastName: "Soon", Status: store.StatusClosed,
		Start: civil("2023-01-01"), End: civil("2024-12-10"), Outcome: store.OutcomeEducation}); err != nil {
		return err
	}
	run, err := s.CreateClient(ctx, store.Client{FirstName: "Rosa", LastName: "Running", Status: store.StatusActive,
		Start: civil("2026-01-05")})
	if err != nil {
		return err
	}
	if _, err := s.AddRequest(ctx, store.Request{ClientID: run.ID, Kind: store.RequestAccess, Received: civil("2026-11-02"),
		Channel: store.ChannelEmail}); err != nil {
		return err
	}
	_, err = s.AddBreach(ctx, store.Breach{Discovered: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC),
		Description: "USB stick with the weekly backup lost"})
	return err
}

var nov22 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func TestRetentionPurgeDryRunChangesNothing(t *testing.T) {
	v := newTestVault(t, nov22, dueCaseload)
	before := v.vaultBytes(t)
	backups, _ := os.ReadDir(filepath.Join(v.dir, "backups"))

	out, errs, code := v.run(t, "retention", "--purge")
	if code != 0 {
		t.Fatalf("retention --purge: exit %d, %s", code, errs)
	}
	want := "dossier of client #1: 2 records, 0 documents, 1 appointment; invoices stay until 2031-01-10\n"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "Nothing was erased") || strings.Contains(out, "Olga") {
		t.Errorf("retention --purge printed\n%s\nwant it to start with\n%s", out, want)
	}
	if !bytes.Equal(v.vaultBytes(t), before) {
		t.Error("the dry run changed vault.age")
	}
	if after, _ := os.ReadDir(filepath.Join(v.dir, "backups")); len(after) != len(backups) {
		t.Errorf("the dry run made a backup: %d before, %d after", len(backups), len(after))
	}

	out, errs, code = v.run(t, "retention", "--purge", "--yes")
	if code != 0 || !strings.Contains(out, "erased: dossier of client #1 (proof of deletion #1)") {
		t.Fatalf("retention --purge --yes: exit %d\n%s%s", code, out, errs)
	}
	if bytes.Equal(v.vaultBytes(t), before) {
		t.Error("the purge did not reach vault.age")
	}
	out, _, _ = v.run(t, "list", "--json")
	var listed []listedClient
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatal(err)
	}
	for _, c := range listed {
		if c.ID == 1 || strings.Contains(c.Name, "Olga") {
			t.Errorf("the purged client is still listed: %+v", c)
		}
	}
	if len(listed) != 2 {
		t.Errorf("list after the purge = %+v, want the two others", listed)
	}
	if out, _, code := v.run(t, "retention", "--purge"); code != 0 || out != "Nothing is due for deletion.\n" {
		t.Errorf("retention --purge after the purge: exit %d, %q", code, out)
	}
}

func TestRetentionLists(t *testing.T) {
	v := newTestVault(t, nov22, dueCaseload)
	before := v.vaultBytes(t)
	out, errs, code := v.run(t, "retention")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "Olga Overdue") || !strings.Contains(lines[1], "1 day overdue") ||
		!strings.Contains(lines[1], "2031-01-10") || !strings.Contains(lines[2], "Sven Soon") ||
		!strings.Contains(lines[2], "2026-12-10") || !strings.Contains(lines[2], "18 days") ||
		lines[3] != "1 running trajectory: its countdown starts when it closes." {
		t.Errorf("retention printed\n%s", out)
	}
	out, _, code = v.run(t, "retention", "--json")
	var r retentionReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 {
		t.Fatalf("retention --json: %v\n%s", err, out)
	}
	if len(r.Clients) != 2 || r.Clients[0].State != "overdue" || r.Clients[0].DaysLeft != -1 ||
		r.Clients[1].PurgeOn != "2026-12-10" || r.Running != 1 || len(r.Invoices) != 0 {
		t.Errorf("retention --json = %+v", r)
	}
	if !bytes.Equal(v.vaultBytes(t), before) {
		t.Error("listing changed vault.age")
	}
	for _, bad := range [][]string{{"retention", "--yes"}, {"retention", "--purge", "--json"}} {
		if _, errs, code := v.run(t, bad...); code != exitUsage {
			t.Errorf("%v: exit %d, %s", bad, code, errs)
		}
	}
}

func TestDeadlinesCommand(t *testing.T) {
	v := newTestVault(t, nov22, dueCaseload)
	before := v.vaultBytes(t)
	out, errs, code := v.run(t, "deadlines")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := []string{
		"DUE               LEFT           WHAT",
		"2026-11-21        1 day overdue  delete the dossier of #1 Olga Overdue",
		"2026-11-24 08:00  46 h           report breach #1 to the Autoriteit Persoonsgegevens: USB stick with the weekly backup lost",
		"2026-12-02        10 days        answer the access request of #3 Rosa Running",
		"2026-12-10        18 days        delete the dossier of #2 Sven Soon",
	}
	if got := strings.Split(strings.TrimSpace(out), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("deadlines printed\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}

	out, _, _ = v.run(t, "--lang", "nl", "deadlines")
	if !strings.Contains(out, "beantwoord het verzoek om inzage van #3 Rosa Running") || !strings.Contains(out, "1 dag te laat") ||
		!strings.Contains(out, "46 u") {
		t.Errorf("deadlines in Dutch printed\n%s", out)
	}

	out, _, code = v.run(t, "deadlines", "--json")
	var got []listedDeadline
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("deadlines --json: %v\n%s", err, out)
	}
	if len(got) != 4 || got[0].Kind != "retention" || got[0].Category != "dossier" ||
		got[1].Kind != "breach" || got[1].Due != "2026-11-24T08:00" || got[1].HoursLeft == nil || *got[1].HoursLeft != 46 ||
		got[2].Kind != "request" || got[2].RequestKind != "access" || got[2].Due != "2026-12-02" || got[2].HoursLeft != nil {
		t.Errorf("deadlines --json = %s", out)
	}
	if !bytes.Equal(v.vaultBytes(t), before) {
		t.Error("deadlines changed vault.age")
	}
}

func TestRegisterCommand(t *testing.T) {
	v := newTestVault(t, nov22, func(ctx context.Context, s *store.Store) error {
		if err := dueCaseload(ctx, s); err != nil {
			return err
		}
		return s.SavePractice(ctx, store.Practice{Name: "Praktijk Nieuwe Wegen", Address: "Oudegracht 1, Utrecht",
			Email: "info@example.org", Purposes: "Begeleiding naar school en werk", LegalBases: "Overeenkomst"})
	})
	out, errs, code := v.run(t, "--lang", "nl", "register")
	if code != 0 || !strings.HasPrefix(out, "# Register van verwerkingsactiviteiten\n") || errs != "" ||
		!strings.Contains(out, "Praktijk Nieuwe Wegen") || strings.Contains(out, "Olga") {
		t.Errorf("register: exit %d\n%s\n%s", code, out, errs)
	}
	base := filepath.Join(t.TempDir(), "register.html")
	out, _, code = v.run(t, "register", "--out", base)
	md, err1 := os.ReadFile(strings.TrimSuffix(base, ".html") + ".md")
	html, err2 := os.ReadFile(base)
	if code != 0 || errors.Join(err1, err2) != nil || !strings.Contains(out, "register.md") ||
		!bytes.HasPrefix(md, []byte("# Record of processing activities")) || !bytes.Contains(html, []byte("<h1>Record of processing activities</h1>")) {
		t.Errorf("register --out: exit %d, %s; %v %v", code, out, err1, err2)
	}
	for _, c := range []string{"Invoices", "7 years after the invoice date", "Coaching dossier", "Intake without a trajectory"} {
		if !bytes.Contains(html, []byte(c)) {
			t.Errorf("register.html lacks %q", c)
		}
	}
	// Written like every file caseload leaves in the clear: the coach's
	// only, with nothing beside it (it was 0644 once).
	for _, name := range []string{base, strings.TrimSuffix(base, ".html") + ".md"} {
		if info, err := os.Stat(name); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
			t.Errorf("%s: %v, %v; want mode 0600", name, info.Mode(), err)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(base)); len(entries) != 2 {
		t.Errorf("register --out left %d files, want 2", len(entries))
	}
}

// The purge says until when backups/ holds what it erased, and
// --drop-backups deletes those older versions from disk at once, leaving a
// vault that opens with the purge done.
func TestRetentionPurgeDropsBackups(t *testing.T) {
	v := newTestVault(t, nov22, dueCaseload)
	out, errs, code := v.run(t, "retention", "--purge", "--yes")
	if code != 0 || !strings.Contains(out, "backups/ still holds what was erased in") ||
		!strings.Contains(out, "until 2026-12-22 at the latest") || !strings.Contains(out, "--drop-backups") {
		t.Fatalf("retention --purge --yes: exit %d\n%s%s", code, out, errs)
	}
	if _, errs, code := v.run(t, "retention", "--drop-backups"); code != 2 || !strings.Contains(errs, "--drop-backups goes with --purge --yes") {
		t.Errorf("--drop-backups alone: exit %d, %s", code, errs)
	}
	// Another client falls due; this purge drops every older version.
	v.now = civil("2026-12-11")
	out, errs, code = v.run(t, "retention", "--purge", "--yes", "--drop-backups")
	if code != 0 || !strings.Contains(out, "older versions from backups/: nothing erased survives there") {
		t.Fatalf("retention --purge --yes --drop-backups: exit %d\n%s%s", code, out, errs)
	}
	left, err := os.ReadDir(filepath.Join(v.dir, "backups"))
	if err != nil || len(left) != 0 {
		t.Errorf("backups/ after --drop-backups holds %d files (%v)", len(left), err)
	}
	if out, _, code := v.run(t, "list", "--json"); code != 0 || strings.Contains(out, "Sven") || strings.Contains(out, "Olga") {
		t.Errorf("list after the purges: exit %d\n%s", code, out)
	}
}

// steunpunt-studerende-moeders: mails "tot maximaal twee jaar terug
// bewaard", kept from the command line: the countdown of the mail is
// listed by number, the dry run shows its purge and changes nothing, and
// --purge --yes erases the mail alone, leaving a proof of deletion.
func TestSteunpuntCorrespondencePurgedFromTheCommandLine(t *testing.T) {
	v := newTestVault(t, nov22, func(ctx context.Context, s *store.Store) error {
		c, err := s.CreateClient(ctx, store.Client{FirstName: "Mila", LastName: "Mail", Status: store.StatusActive,
			Start: civil("2024-01-08")})
		if err != nil {
			return err
		}
		for _, r := range []store.Record{
			{ClientID: c.ID, Kind: store.KindEmail, Title: "Mail over de opvang", Date: civil("2024-11-20"),
				Retention: store.CategoryCorrespondence},
			{ClientID: c.ID, Kind: store.KindEmail, Title: "Mail over het rooster", Date: civil("2025-06-01"),
				Retention: store.CategoryCorrespondence},
			{ClientID: c.ID, Kind: store.KindIntake, Title: "Intake", Date: civil("2024-01-08")},
		} {
			if _, err := s.SaveRecord(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	before := v.vaultBytes(t)
	out, errs, code := v.run(t, "retention")
	if code != 0 || !strings.Contains(out, "record #1") || !strings.Contains(out, "2026-11-20") ||
		!strings.Contains(out, "2 days overdue") || !strings.Contains(out, "2027-06-01") || strings.Contains(out, "opvang") {
		t.Errorf("retention: exit %d\n%s%s", code, out, errs)
	}
	out, _, _ = v.run(t, "retention", "--json")
	var r retentionReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 2 || r.Items[0] != (retentionItem{Kind: "record", ID: 1, ClientID: 1, Category: "correspondence",
		PurgeOn: "2026-11-20", DaysLeft: -2, State: "overdue"}) {
		t.Errorf("retention --json items = %+v", r.Items)
	}
	out, _, _ = v.run(t, "deadlines")
	if !strings.Contains(out, "delete record #1 (Correspondence and e-mail) of #1 Mila Mail") {
		t.Errorf("deadlines printed\n%s", out)
	}
	out, errs, code = v.run(t, "retention", "--purge")
	if code != 0 || !strings.HasPrefix(out, "Correspondence and e-mail of client #1: 1 record\n") ||
		!bytes.Equal(v.vaultBytes(t), before) {
		t.Fatalf("retention --purge: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = v.run(t, "--lang", "nl", "retention", "--purge", "--yes")
	if code != 0 || !strings.Contains(out, "gewist: Correspondentie en e-mail van cliënt #1 (bewijs van verwijdering #1)") {
		t.Fatalf("retention --purge --yes: exit %d\n%s%s", code, out, errs)
	}
	out, _, _ = v.run(t, "retention", "--json")
	r = retentionReport{}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 1 || r.Items[0].ID != 2 {
		t.Errorf("after the purge, items = %+v; want the newer mail alone", r.Items)
	}
}

// A purge cut off between erasing and dropping backups/ (killed, a full
// disk) finds nothing due when run again; with --drop-backups it must
// still drop what backups/ holds of the erased, not say "nothing is due"
// and leave it there.
func TestRetentionDropBackupsAfterCutOffPurge(t *testing.T) {
	v := newTestVault(t, nov22, dueCaseload)
	if out, errs, code := v.run(t, "retention", "--purge", "--yes"); code != 0 || !strings.Contains(out, "erased: dossier") {
		t.Fatalf("retention --purge --yes: exit %d\n%s%s", code, out, errs)
	}
	if left, _ := os.ReadDir(filepath.Join(v.dir, "backups")); len(left) == 0 {
		t.Fatal("no older version in backups/ to drop")
	}
	// Cut off a second time, inside the drop: the generations are gone,
	// their journals and lists of documents (the erased client's saves)
	// are not.
	gens, _ := filepath.Glob(filepath.Join(v.dir, "backups", "vault-*Z.age"))
	for _, g := range gens {
		os.Remove(g)
	}
	if left, _ := os.ReadDir(filepath.Join(v.dir, "backups")); len(left) == 0 {
		t.Fatal("no journal kept beside the generations in backups/")
	}
	out, errs, code := v.run(t, "retention", "--purge", "--yes", "--drop-backups")
	if code != 0 || !strings.Contains(out, "Nothing is due for deletion.") ||
		!strings.Contains(out, "older versions from backups/: nothing erased survives there") {
		t.Fatalf("retention --purge --yes --drop-backups with nothing due: exit %d\n%s%s", code, out, errs)
	}
	if left, err := os.ReadDir(filepath.Join(v.dir, "backups")); err != nil || len(left) != 0 {
		t.Errorf("backups/ still holds %d files (%v)", len(left), err)
	}
	// Without --drop-backups a run with nothing due changes nothing.
	if out, _, code := v.run(t, "retention", "--purge", "--yes"); code != 0 || strings.Contains(out, "backups/") {
		t.Errorf("retention --purge --yes with nothing due: exit %d\n%s", code, out)
	}
}
