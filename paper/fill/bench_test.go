package fill

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
)

// benchPlan makes the plan van aanpak of one client in a caseload of n
// invented clients, from the vault to the PDF's bytes (what p does before
// sealing), and as the baseline writes a file of the same bytes.
func benchPlan(b *testing.B, n int) {
	s := newStore(b, true)
	if _, err := sample.FillBulk(ctx, s, sample.Options{Clients: n, Seed: 7, Lang: sample.LangDutch, Today: today}); err != nil {
		b.Fatal(err)
	}
	rows, err := s.ListClients(ctx)
	if err != nil {
		b.Fatal(err)
	}
	id := rows[len(rows)/2].ID
	tp, _ := store.ShippedTemplate("plan", "nl")
	var buf bytes.Buffer
	b.Run("make", func(b *testing.B) {
		for b.Loop() {
			p, err := Make(ctx, s, id, Options{Lang: "nl", Template: tp})
			if err != nil {
				b.Fatal(err)
			}
			buf.Reset()
			if err := paper.WritePDF(&buf, p.Document); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(buf.Len()), "bytes/paper")
	})
	file := filepath.Join(b.TempDir(), "plan.pdf")
	b.Run("write-same-bytes", func(b *testing.B) {
		for b.Loop() {
			if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkPlanPaper100(b *testing.B)   { benchPlan(b, 100) }
func BenchmarkPlanPaper10000(b *testing.B) { benchPlan(b, 10_000) }
