package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// benchRows invents n clients with every status and retention state.
func benchRows(n int) []store.ClientRow {
	first := []string{"Anna", "Zoë", "Mehmet", "Fatima", "Sanne", "Noor", "Daan", "Yasmina", "Lucas", "Émilie", "Søren", "Priya"}
	last := []string{"de Vries", "Çelik", "Yılmaz", "el Amrani", "Bakker", "Jansen", "Visser", "Bouzid", "Smit", "Nguyễn", "Kowalski", "Mulder"}
	states := []store.RetentionState{store.RetentionRunning, store.RetentionCounting, store.RetentionSoon,
		store.RetentionUrgent, store.RetentionOverdue, store.RetentionHold}
	rows := make([]store.ClientRow, n)
	for i := range rows {
		f, l := first[i%len(first)], last[(i/len(first))%len(last)]
		rows[i] = store.ClientRow{
			ID:              int64(i + 1),
			Name:            fmt.Sprintf("%s %s %d", f, l, i),
			Email:           fmt.Sprintf("client%d@example.nl", i),
			Phone:           fmt.Sprintf("06-%08d", i*7919%100000000),
			Referral:        store.Referrals[i%len(store.Referrals)],
			ReferralDetail:  "Gemeente Utrecht",
			Status:          store.Statuses[i%len(store.Statuses)],
			Start:           day(2024, time.Month(i%12+1), 1),
			NextAppointment: time.Date(2026, 2, i%28+1, 9+i%8, 0, 0, 0, time.UTC),
			Retention:       store.Countdown{State: states[i%len(states)], DaysLeft: i%800 - 30, HoldReason: "klacht"},
		}
	}
	return rows
}

func benchCaseload(b *testing.B, n int) caseloadModel {
	e := &env{backend: &testBackend{t: b}, text: newText(Dutch), styles: kit.NewStyles(kit.DefaultTheme()), now: func() time.Time { return testNow }}
	m := newCaseload(e)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 27})
	m, _ = m.Update(clientsLoadedMsg{req: m.req, table: buildTable(e.text, benchRows(n))})
	m.view = viewAll
	return m
}

// BenchmarkCaseloadFilter is one keystroke in the filter: Update with one
// key, then View. It types "ann", then deletes it again, so both the
// narrowing and the widening path are measured.
func BenchmarkCaseloadFilter(b *testing.B) {
	keys := []tea.KeyMsg{
		{Type: tea.KeyRunes, Runes: []rune{'a'}}, {Type: tea.KeyRunes, Runes: []rune{'n'}},
		{Type: tea.KeyRunes, Runes: []rune{'n'}}, {Type: tea.KeyBackspace},
		{Type: tea.KeyBackspace}, {Type: tea.KeyBackspace},
	}
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := benchCaseload(b, n)
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				m, _ = m.Update(keys[i%len(keys)])
				_ = m.View()
			}
		})
	}
}

// BenchmarkCaseloadView is one frame of the caseload: the part of a
// keystroke that draws the rows on screen, apart from the filtering.
func BenchmarkCaseloadView(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := benchCaseload(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				_ = m.View()
			}
		})
	}
}

// BenchmarkCaseloadLoad turns the store's rows into the table. "build" is
// the part that runs in loadClients' command, off the event loop (cells,
// search text, sort orders); "apply" is what Update and View then do with
// it on the event loop.
func BenchmarkCaseloadLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		rows := benchRows(n)
		t := newText(Dutch)
		b.Run(fmt.Sprintf("build/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_ = buildTable(t, rows)
			}
		})
		b.Run(fmt.Sprintf("apply/%d", n), func(b *testing.B) {
			m := benchCaseload(b, 0)
			table := buildTable(t, rows)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				m, _ = m.Update(clientsLoadedMsg{req: m.req, table: table})
				_ = m.View()
			}
		})
	}
}
