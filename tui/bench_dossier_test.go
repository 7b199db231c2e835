package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// longRecord is an invented record of about 30 KB: paragraphs of Dutch
// prose, the length of a thorough intake report.
func longRecord() store.Record { return recordOf(30 * 1024) }

// recordOf is an invented record of about size bytes.
func recordOf(size int) store.Record {
	sentences := []string{
		"Anna vertelt dat ze graag een opleiding in de zorg wil volgen.",
		"De kinderopvang is nog niet geregeld; haar moeder past twee dagen per week op.",
		"We spreken af dat ze de open dag van het ROC bezoekt en daarna belt.",
		"Ze maakt zich zorgen over de reistijd en het lesrooster.",
		"Volgende keer bespreken we de aanmelding en de studiefinanciering.",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(sentences[i%len(sentences)])
		if i%4 == 3 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return store.Record{ID: 1, ClientID: 1, Kind: store.KindIntake, Title: "Intakeverslag",
		Date: day(2026, 1, 5), Body: b.String()}
}

func benchEnv(t testing.TB) *env {
	return &env{backend: &testBackend{t: t}, store: newTestStore(t, nil), text: newText(Dutch),
		styles: kit.NewStyles(kit.DefaultTheme()), now: func() time.Time { return testNow }}
}

// BenchmarkReaderView renders the reader on a 30 KB record at 100×27, as
// every frame of scrolling does.
func BenchmarkReaderView(b *testing.B) {
	m := newRecordReader(benchEnv(b), 1, 1)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 27})
	m, _ = m.Update(recordLoadedMsg{req: m.req, record: longRecord(), revealed: true})
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		_ = m.View()
	}
}

// BenchmarkReaderScroll is one key press of scrolling: Update and View.
func BenchmarkReaderScroll(b *testing.B) {
	m := newRecordReader(benchEnv(b), 1, 1)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 27})
	m, _ = m.Update(recordLoadedMsg{req: m.req, record: longRecord(), revealed: true})
	keys := []tea.KeyMsg{keyMsg("pgdown"), keyMsg("pgdown"), keyMsg("pgup"), keyMsg("pgup")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

// BenchmarkReaderLayout wraps a 30 KB record to the window: what a resize
// or a load costs.
func BenchmarkReaderLayout(b *testing.B) {
	m := newRecordReader(benchEnv(b), 1, 1)
	m, _ = m.Update(recordLoadedMsg{req: m.req, record: longRecord(), revealed: true})
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m, _ = m.Update(tea.WindowSizeMsg{Width: 100 - i%2, Height: 27})
	}
}

// BenchmarkEditorKeystroke types one character into a text of 3 KB (a
// usual note) and of 30 KB: Update (which compares the text with what is
// saved) and View. Most of the time is bubbles' textarea, which wraps,
// hashes and styles every line of the text on every key.
func BenchmarkEditorKeystroke(b *testing.B) {
	for _, kb := range []int{3, 30} {
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			m := newRecordEditor(benchEnv(b), Route{Kind: KindRecordEdit, Client: 1, Item: 1, Tab: "intake"})
			m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 27})
			m, _ = m.Update(recordLoadedMsg{req: m.req, record: recordOf(kb * 1024), revealed: true})
			keys := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune{'a'}}, {Type: tea.KeyBackspace}}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				m, _ = m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}
