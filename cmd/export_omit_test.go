package cmd

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// `caseload export CLIENT --leave-out RECORD:REASON` leaves a record out of
// the copy and the copy says so (AVG art. 15(4)); a wrong record number is
// refused with the remedy and writes nothing.
func TestExportLeavesOutWithTheReason(t *testing.T) {
	v := newTestVault(t, civil("2026-11-10"), func(ctx context.Context, s *store.Store) error {
		c, err := s.CreateClient(ctx, store.Client{FirstName: "Noor", LastName: "Bakker",
			Status: store.StatusActive, Start: civil("2026-01-05")})
		if err != nil {
			return err
		}
		for _, r := range []store.Record{
			{ClientID: c.ID, Kind: store.KindNote, Title: "Wat haar zus vertelde", Date: civil("2026-03-01"),
				Body: "zuskanarie"},
			{ClientID: c.ID, Kind: store.KindPlan, Title: "Plan", Date: civil("2026-02-01"), Body: "doelen"},
		} {
			if _, err := s.SaveRecord(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	out := filepath.Join(t.TempDir(), "copy.zip")
	if _, errs, code := v.run(t, "export", "1", "--leave-out", "1:others", "--plain", "--yes", "--out", out); code != 0 {
		t.Fatalf("export --leave-out: exit %d\n%s", code, errs)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var d struct {
		Records []struct{ Title string } `json:"records"`
		Omitted []struct{ Kind, Date, Reason string }
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.Contains(string(b), "zuskanarie") {
			t.Errorf("%s holds the record left out", f.Name)
		}
		if f.Name == "dossier.json" {
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(d.Records) != 1 || len(d.Omitted) != 1 || d.Omitted[0].Reason != "others_rights" || d.Omitted[0].Date != "2026-03-01" {
		t.Errorf("dossier.json: records %+v, omitted %+v", d.Records, d.Omitted)
	}

	for _, tc := range []struct {
		arg, want string
		code      int
	}{
		{"1:private", "is not a valid value for --leave-out", 2},
		{"99:internal", "caseload: hint: nothing was written; the record numbers are on the client's screen", 1},
	} {
		_, errs, code := v.run(t, "export", "1", "--leave-out", tc.arg, "--plain", "--yes",
			"--out", filepath.Join(t.TempDir(), "x.zip"))
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("--leave-out %s: exit %d\n%s", tc.arg, code, errs)
		}
	}
}
