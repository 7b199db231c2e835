package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
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
		st[0].Outcomes[OutcomeEducation] != 1 || st[0].Outcomes[OutcomeNone] != 1 {
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
