package cmd

import (
	"bytes"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/caseload/caseload/tui"
)

// quitAtOnce is a model that ends the program as it starts.
type quitAtOnce struct{}

func (quitAtOnce) Init() tea.Cmd                       { return tea.Quit }
func (quitAtOnce) Update(tea.Msg) (tea.Model, tea.Cmd) { return quitAtOnce{}, nil }
func (quitAtOnce) View() string                        { return "" }

// TestWindowTitleAtStartup: the program titles the window before it draws
// anything, so no title is written while the renderer draws.
func TestWindowTitleAtStartup(t *testing.T) {
	var out bytes.Buffer
	if _, err := newProgram(quitAtOnce{}, &out, tea.WithInput(nil)).Run(); err != nil {
		t.Fatal(err)
	}
	// The renderer's first frame starts with a carriage return.
	title, frame := strings.Index(out.String(), ansi.SetWindowTitle(tui.WindowTitle)), strings.Index(out.String(), "\r")
	if title < 0 || frame >= 0 && frame < title {
		t.Errorf("output %q: want the title before the first frame", out.String()[:min(out.Len(), 60)])
	}
}
