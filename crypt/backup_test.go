package crypt

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// fakeClock is a clock the test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestBackupRotation(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2025, 3, 1, 7, 30, 0, 0, time.UTC)}
	o := testOpts()
	o.now = clock.now
	o.fs = &faultFS{} // no faults, no fsyncs: this test is about names and times
	dir, v, _ := createVault(t, o)

	// Saves every 15 hours for 60 days: more than 20 saves, more than 30
	// days, days with one save and days with two.
	const step = 15 * time.Hour
	var setAside []time.Time // when each generation went to backups/
	for i := 0; clock.t.Before(time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC)); i++ {
		if i > 0 {
			setAside = append(setAside, clock.t)
		}
		mustSeal(t, v, textImage(2000, i))
		clock.t = clock.t.Add(step)
	}
	clock.t = clock.t.Add(-step) // the time of the last save

	list, err := v.Backups()
	if err != nil {
		t.Fatal(err)
	}
	var got []time.Time
	for _, b := range list {
		got = append(got, b.Time)
	}

	// The rule, written out independently: the newest 20, and the newest
	// of each UTC day of the last 30 days.
	slices.Reverse(setAside)
	var want []time.Time
	days := map[string]bool{}
	for i, ts := range setAside {
		day := ts.Format(time.DateOnly)
		recent := ts.After(clock.t.Add(-30 * 24 * time.Hour))
		if i < 20 || (recent && !days[day]) {
			want = append(want, ts)
		}
		days[day] = true
	}
	if !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Fatalf("kept %d backups:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
	}
	if len(got) > 20+30 {
		t.Fatalf("%d backups kept", len(got))
	}
	if len(got) <= 20 {
		t.Fatalf("only %d backups kept: the daily ones are missing", len(got))
	}
	// Each backup is the generation before the save that set it aside.
	if img := decryptFile(t, v, list[0].Path); !bytes.Equal(img, textImage(2000, len(setAside)-1)) {
		t.Error("the newest backup is not the generation before the last save")
	}

	n, err := v.DropBackups()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(list) {
		t.Errorf("DropBackups dropped %d, want %d", n, len(list))
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, backupsDir)); len(entries) != 0 {
		t.Errorf("backups/ still holds %d files", len(entries))
	}
	if list, _ := v.Backups(); len(list) != 0 {
		t.Errorf("Backups after DropBackups: %v", list)
	}
	v.Close()
	mustOpen(t, dir, nil) // vault.age is untouched
}
