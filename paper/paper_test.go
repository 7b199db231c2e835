package paper

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tool finds an outside checker (poppler-utils, qpdf). CI installs them
// (.ci/run); on a machine without them the test says so and skips, except
// under CI, where a missing tool is a failure.
func tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/run installs poppler-utils and qpdf", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", name)
	}
	return path
}

// Checked is what the outside tools made of a PDF.
type checked struct {
	Text   string // pdftotext -layout, all pages
	Pages  int
	Fonts  string // pdffonts
	Folder string
	File   string
}

// check writes pdf to a temporary folder and runs qpdf --check, pdftotext
// and pdffonts over it.
func check(t testing.TB, pdf []byte) checked {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "paper.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool(t, "qpdf"), "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text, err := exec.Command(tool(t, "pdftotext"), "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	fonts, err := exec.Command(tool(t, "pdffonts"), file).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	info, err := exec.Command(tool(t, "pdfinfo"), file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	c := checked{Text: string(text), Fonts: string(fonts), Folder: dir, File: file}
	for _, l := range strings.Split(string(info), "\n") {
		if strings.HasPrefix(l, "Pages:") {
			fmt.Sscan(strings.TrimPrefix(l, "Pages:"), &c.Pages)
		}
		if strings.HasPrefix(l, "Page size:") && !strings.Contains(l, "595.28 x 841.89") {
			t.Errorf("not A4: %s", l)
		}
	}
	return c
}

func sample() Document {
	return Document{
		Lang:   "nl",
		Title:  "Plan van aanpak",
		Author: "Coachpraktijk Één & Ĳsselmeer",
		Date:   time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC),
		Letterhead: Letterhead{
			Name:  "Coachpraktijk Één & Ĳsselmeer",
			Lines: []string{"Kerkstraat 1, 1234 AB Utrecht", "KvK 12345678", "info@example.nl · 030 123 45 67"},
		},
		Recipient: []string{"Zoë Ëlberg-D’Hondt", "Prinsengracht 12", "1015 DX Amsterdam"},
		Blocks: []Block{
			Fields{{Label: "Cliënt", Value: "Zoë Ëlberg-D’Hondt"}, {Label: "Geboortedatum", Value: "1 maart 2008"}, {Label: "BSN", Value: ""}},
			Heading{Text: "Situatie", Level: 1},
			Paragraph{Text: "Zoë wil „graag” terug naar school; de reiskosten (€ 12,50) zijn een probleem. Één ĳverige café-eigenaar naïef ‘coöperatief’ – prima…\n\nTweede alinea."},
			Heading{Text: "Doelen"},
			List{Numbered: true, Items: []string{"Startkwalificatie halen", "Zelfstandig reizen"}},
			Table{Columns: []Column{{Title: "Actie", Width: 3}, {Title: "Wie"}, {Title: "Wanneer", Align: Right}},
				Rows: [][]string{{"Inschrijven bij het ROC", "Zoë", "1 februari 2027"}},
				Foot: [][]string{{"Totaal", "", "1"}}},
			Signatures{{Role: "Cliënt of wettelijk vertegenwoordiger", Name: "Zoë Ëlberg-D’Hondt"}, {Role: "Coach"}},
		},
		Footer: "KvK 12345678 · IBAN NL00 BANK 0123 4567 89",
	}
}

func TestPDFKeepsDutchTextSelectableOnA4(t *testing.T) {
	var b bytes.Buffer
	if err := WritePDF(&b, sample()); err != nil {
		t.Fatal(err)
	}
	c := check(t, b.Bytes())
	for _, want := range []string{"Zoë Ëlberg-D’Hondt", "Coachpraktijk Één & Ĳsselmeer", "„graag”", "€ 12,50",
		"Één ĳverige", "café-eigenaar naïef ‘coöperatief’ – prima…", "Situatie", "Doelen", "Handtekening",
		"Cliënt of wettelijk vertegenwoordiger", "Pagina 1 van 1", "IBAN NL00"} {
		if !strings.Contains(c.Text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, c.Text)
		}
	}
	if strings.Count(c.Fonts, "CID TrueType      Identity-H       yes") != 2 {
		t.Errorf("fonts not embedded:\n%s", c.Fonts)
	}
	if os.Getenv("PAPER_KEEP") != "" {
		_ = os.WriteFile(os.Getenv("PAPER_KEEP"), b.Bytes(), 0o600)
	}
}

func TestPDFIsTheSameForTheSameDocument(t *testing.T) {
	var a, b bytes.Buffer
	if err := WritePDF(&a, sample()); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two papers from one document differ: the wall clock leaked in")
	}
}

// A long paper: 40 goals, three pages of text, a table of 60 rows, an
// unbroken 300-character word. Nothing may run off the page: pdftotext
// with a crop box of the page finds every line, and page numbers count on.
func TestPDFBreaksLongPapersOverPages(t *testing.T) {
	d := sample()
	var goals []string
	for i := 1; i <= 40; i++ {
		goals = append(goals, fmt.Sprintf("Doel %d: een doel met een lange omschrijving die over meer dan één regel loopt, zodat de lijst ook afbreekt waar het moet", i))
	}
	long := strings.Repeat("Een zin over de voortgang van de cliënt die steeds terugkomt. ", 260)
	var rows [][]string
	for i := 1; i <= 60; i++ {
		rows = append(rows, []string{fmt.Sprintf("Actie %d met een omschrijving die over twee regels kan lopen in de smalle kolom", i), "coach", "week " + fmt.Sprint(i)})
	}
	d.Blocks = append(d.Blocks,
		Heading{Text: "Veertig doelen"}, List{Numbered: true, Items: goals},
		Heading{Text: "Verslag"}, Paragraph{Text: long},
		Paragraph{Text: strings.Repeat("x", 300) + " einde"},
		Table{Columns: []Column{{Title: "Actie", Width: 3}, {Title: "Wie"}, {Title: "Wanneer"}}, Rows: rows},
		Heading{Text: "Ondertekening"}, Signatures{{Role: "Cliënt"}, {Role: "Coach", Name: "Coach"}},
	)
	var b bytes.Buffer
	if err := WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	c := check(t, b.Bytes())
	if c.Pages < 6 {
		t.Errorf("%d pages for a long paper", c.Pages)
	}
	for _, want := range []string{"40.", "Doel 40:", "Actie 60", "week 60", "einde", fmt.Sprintf("Pagina %d van %d", c.Pages, c.Pages), "Handtekening"} {
		if !strings.Contains(c.Text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	// Text cropped to the page's body: everything the layout printed
	// lies inside the margins.
	inside, err := exec.Command(tool(t, "pdftotext"), "-x", "70", "-y", "0", "-W", "517", "-H", "842", c.File, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	all, _ := exec.Command(tool(t, "pdftotext"), c.File, "-").Output()
	if n, m := len(strings.Fields(string(inside))), len(strings.Fields(string(all))); n != m {
		t.Errorf("%d words on the pages, %d within the margins: text runs off the page", m, n)
	}
}

func TestPDFDropsControlsAndBidiOverrides(t *testing.T) {
	d := Document{Lang: "en", Title: "T\x1b[31m", Blocks: []Block{Paragraph{Text: "abc\u202Edef\x00ghi"}}}
	var b bytes.Buffer
	if err := WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	c := check(t, b.Bytes())
	if !strings.Contains(c.Text, "abcdefghi") || !strings.Contains(c.Text, "Page 1 of 1") {
		t.Errorf("text:\n%s", c.Text)
	}
}

func TestHTMLIsSelfContainedAndEscaped(t *testing.T) {
	d := sample()
	d.Blocks = append(d.Blocks, Paragraph{Text: `<script>alert("x")</script>` + "\u202E"})
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, bad := range []string{"<script", "http://", "https://", "src=", "\u202E"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML holds %q", bad)
		}
	}
	for _, want := range []string{`lang="nl"`, "Zoë Ëlberg-D’Hondt", "<h2>Situatie</h2>", "Handtekening", "&lt;script&gt;", "@page { size: A4"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// BenchmarkPlanPDF makes a two-page plan van aanpak; BenchmarkWriteSameBytes
// writes a file of the same size, the baseline to compare it with.
func BenchmarkPlanPDF(b *testing.B) {
	d := sample()
	for i := 1; i <= 12; i++ {
		d.Blocks = append(d.Blocks, Paragraph{Text: strings.Repeat("Een zin over de situatie van de cliënt. ", 12)})
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WritePDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/paper")
}

func BenchmarkWriteSameBytes(b *testing.B) {
	d := sample()
	for i := 1; i <= 12; i++ {
		d.Blocks = append(d.Blocks, Paragraph{Text: strings.Repeat("Een zin over de situatie van de cliënt. ", 12)})
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, d); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "paper.pdf")
	for b.Loop() {
		if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
	}
}
