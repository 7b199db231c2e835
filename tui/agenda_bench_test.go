package tui

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
)

// benchWeekStore is a real store of n invented clients (store/sample's
// bulk generator) whose appointments are then spread over five years:
// every client is seen every other week from five years before today on,
// at an hour of the working day, until their series ends. It is what a
// week query has to pick a week out of.
func benchWeekStore(b *testing.B, n int) (*store.Store, time.Time, int) {
	b.Helper()
	ctx := context.Background()
	today := time.Date(2026, 1, 22, 0, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return today.Add(10 * time.Hour) }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := sample.FillBulk(ctx, s, sample.Options{Clients: n, Seed: 1, Today: today}); err != nil {
		b.Fatal(err)
	}
	rows, err := s.ListClients(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// Five years of sessions: each client a weekly series of 24 at some
	// moment in those years, the series starting on a weekday.
	start := today.AddDate(-5, 0, 0)
	days := int(today.Sub(start).Hours() / 24)
	for i, r := range rows {
		first := start.AddDate(0, 0, (i*7919)%days)
		first = first.AddDate(0, 0, -((int(first.Weekday())+6)%7)+i%5).Add(time.Duration(9+i%8) * time.Hour)
		if _, err := s.PlanSeries(ctx, store.Appointment{ClientID: r.ID, Start: first, Minutes: 60,
			Place: "Wijkcentrum"}, store.Repeat{EveryWeeks: 2, Count: 24}); err != nil {
			b.Fatal(err)
		}
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return s, today, counts.Appointments
}

// BenchmarkAgendaWeek is one frame of the week view after a move to
// another week: the store's week query (loadWeek's command), then Update
// with its answer and View at 200×50. It reports the median frame in
// ms/median beside Go's mean, at 100 clients (the baseline of the same
// run) and at 10,000 with five years of appointments.
func BenchmarkAgendaWeek(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s, today, appts := benchWeekStore(b, n)
			b.Logf("%d clients, %d appointments", n, appts)
			e := &env{store: realStore{s}, text: newText(Dutch), styles: NewStyles(DefaultTheme()),
				now: func() time.Time { return today.Add(10 * time.Hour) }}
			m := newAgenda(e, Route{Kind: KindAgenda})
			m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 47})
			weeks := 0
			var frames []time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				// A week in the last two years, each time another.
				monday := monday(today).AddDate(0, 0, -7*(weeks%104))
				weeks++
				m.day, m.week = monday, monday
				msg := loadWeek(e.store, m.req, monday)().(weekLoadedMsg)
				m, _ = m.Update(msg)
				_ = m.View()
				frames = append(frames, time.Since(t0))
			}
			b.StopTimer()
			if !m.loaded {
				b.Fatal("the week did not load")
			}
			slices.Sort(frames)
			b.ReportMetric(float64(frames[len(frames)/2].Microseconds())/1000, "ms/median")
		})
	}
}
