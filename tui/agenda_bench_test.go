//go:build unix

package tui

import (
	"context"
	"fmt"
	"slices"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
	"github.com/caseload/caseload/tui/kit"
)

// benchWeekStores keeps one store per size across the runs of a
// benchmark: building 10,000 clients takes a while.
var benchWeekStores = map[int]*benchWeek{}

type benchWeek struct {
	s     *store.Store
	today time.Time
	appts int
}

// benchWeekStore is a real store of n invented clients (store/sample's
// dossiers, without their records: the week reads no text) with five
// years of appointments: each client's own sessions from the generator,
// and a fortnightly series of 24 at some point in the five years before
// today, on a weekday at an hour of the working day. Imported through
// store.ImportClients, 500 clients a transaction, as sample.FillBulk does.
func benchWeekStore(b *testing.B, n int) *benchWeek {
	b.Helper()
	if w, ok := benchWeekStores[n]; ok {
		return w
	}
	ctx := context.Background()
	today := time.Date(2026, 1, 22, 0, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return today.Add(10 * time.Hour) }})
	if err != nil {
		b.Fatal(err)
	}
	start := today.AddDate(-5, 0, 0)
	days := int(today.Sub(start).Hours() / 24)
	o := sample.Options{Clients: n, Seed: 1, Today: today}
	var bundles []store.ClientBundle
	for i := range n {
		d := sample.NewDossier(o, i)
		c := d.Client
		c.UID = fmt.Sprintf("%032x", i+1)
		first := start.AddDate(0, 0, (i*7919)%days)
		first = first.AddDate(0, 0, -((int(first.Weekday())+6)%7)+i%5).Add(time.Duration(9+i%8) * time.Hour)
		starts, err := store.Repeat{EveryWeeks: 2, Count: 24}.Starts(first)
		if err != nil {
			b.Fatal(err)
		}
		appts := d.Appointments
		for _, at := range starts {
			appts = append(appts, store.Appointment{Start: at, Minutes: 60, Place: "Wijkcentrum"})
		}
		bundles = append(bundles, store.ClientBundle{Client: c, Appointments: appts})
		if len(bundles) == 500 || i == n-1 {
			if _, err := s.ImportClients(ctx, bundles); err != nil {
				b.Fatal(err)
			}
			bundles = bundles[:0]
		}
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	w := &benchWeek{s: s, today: today, appts: counts.Appointments}
	benchWeekStores[n] = w
	return w
}

// BenchmarkAgendaWeek measures the week view at 100 clients (the
// baseline of the same run) and at 10,000 with five years of
// appointments, each time on another week of the last two years:
//
//   - "query" is the store's week (loadWeek's command, which Bubble Tea
//     runs off the event loop);
//   - "frame" is what the event loop does with the answer: Update, then
//     View at 200×50, the frame the coach waits for.
//
// Besides Go's mean it reports the median in ms/median and, since this
// machine is shared, the process's CPU time per operation in cpu-ms/op,
// which the load of other processes does not inflate.
func BenchmarkAgendaWeek(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprintf("query/%d", n), func(b *testing.B) {
			w := benchWeekStore(b, n)
			b.Logf("%d clients, %d appointments", n, w.appts)
			s := &testStore{Store: w.s}
			measure(b, func(i int) {
				monday := monday(w.today).AddDate(0, 0, -7*(i%104))
				if msg := loadWeek(s, 0, monday)().(weekLoadedMsg); msg.err != nil {
					b.Fatal(msg.err)
				}
			})
		})
		b.Run(fmt.Sprintf("frame/%d", n), func(b *testing.B) {
			w := benchWeekStore(b, n)
			e := &env{store: &testStore{Store: w.s}, text: newText(Dutch), styles: kit.NewStyles(kit.DefaultTheme()),
				now: func() time.Time { return w.today.Add(10 * time.Hour) }}
			m := newAgenda(e, Route{Kind: KindAgenda})
			m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 47})
			weeks := make([]weekLoadedMsg, 8)
			for i := range weeks {
				weeks[i] = loadWeek(e.store, m.req, monday(w.today).AddDate(0, 0, -7*i))().(weekLoadedMsg)
			}
			b.Logf("%d clients: %d appointments in this week", n, len(weeks[0].items))
			measure(b, func(i int) {
				msg := weeks[i%len(weeks)]
				m.day, m.week = msg.week, msg.week
				m, _ = m.Update(msg)
				_ = m.View()
			})
			if !m.loaded {
				b.Fatal("the week did not load")
			}
		})
	}
}

// measure runs op b.N times and reports the median wall time and the CPU
// time per op.
func measure(b *testing.B, op func(i int)) {
	b.Helper()
	frames := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		op(i)
		frames = append(frames, time.Since(t0))
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	slices.Sort(frames)
	b.ReportMetric(float64(frames[len(frames)/2].Microseconds())/1000, "ms/median")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
