package tui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/tui/kit"
)

// The bookkeeper's quarterly list of invoices (b on the statistics): a
// quarter of the year shown, as a CSV written into the export folder
// sealed with a fresh passphrase, or in the clear after a yes. cmd's
// session writes and logs it, as the command line's `invoice books` does.

// booksWriter writes the bookkeeper's CSV; cmd's session has it.
type booksWriter interface {
	WriteBooks(ctx context.Context, year, quarter int, lang string, plain bool) (fill.Result, error)
}

// KindBooks writes the bookkeeper's CSV: Item is the year.
const KindBooks ScreenKind = "money-books"

// booksFile is the screen: a quarter and the sealing, then the result.
type booksFile struct {
	fileForm
	year int
}

func newBooksFile(e *env, r Route) booksFile {
	t := e.text
	y := int(r.Item)
	if y == 0 {
		y = e.today().Year()
	}
	quarters := make([]kit.Option, 4)
	for i := range quarters {
		quarters[i] = kit.Option{Value: fmt.Sprint(i + 1), Label: fmt.Sprintf("Q%d %d", i+1, y)}
	}
	// The usual list: the quarter just ended (or the first, early in a year).
	if today := e.today(); today.Year() == y {
		if q := (int(today.Month())-1)/3 - 1; q > 0 {
			quarters = append(quarters[q:], quarters[:q]...)
		}
	}
	return booksFile{year: y, fileForm: newFileForm(e, kit.ChoiceField("quarter", t.T("books.quarter"), quarters))}
}

// Route names the screen and the year.
func (m booksFile) Route() Route { return Route{Kind: KindBooks, Item: int64(m.year)} }

// Title is "Invoices for the bookkeeper".
func (m booksFile) Title() string { return m.env.text.T("books.title") }

// RestoreDraft has nothing to restore.
func (m booksFile) RestoreDraft(string) booksFile { return m }

// Update handles the write and the keys.
func (m booksFile) Update(msg tea.Msg) (booksFile, tea.Cmd) {
	var cmd tea.Cmd
	m.fileForm, cmd = m.update(msg, func(err error) string { return moneyProblem(m.env, err) }, m.write)
	return m, cmd
}

// write writes the list; the screen waits for its answer.
func (m booksFile) write(f *fileForm) tea.Cmd {
	w, ok := m.env.store.(booksWriter)
	var q int
	fmt.Sscan(f.set.Get("quarter"), &q)
	year, lang := m.year, string(m.env.lang())
	return f.start(m.env.text.T("books.confirm_plain"), ok, func(plain bool) (fill.Result, error) {
		return w.WriteBooks(ctx(), year, q, lang, plain)
	})
}

// View draws the fields, or the file written with its passphrase.
func (m booksFile) View() string { return m.view(m.env.text.T("books.help")) }
