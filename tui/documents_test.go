package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/caseload/caseload/store"
)

// withHome points the session's home folder at dir, so "~" and the
// suggested Downloads folder are inside the test's own folder.
func withHome(t *testing.T, d *driver, dir string) {
	t.Helper()
	m := d.model()
	m.env.home = dir
	m.home = dir
	d.m = m
}

func TestDocumentAddSealsFile(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	home := t.TempDir()
	withHome(t, d, home)
	data := []byte("%PDF-1.4 brief van Anna")
	if err := os.WriteFile(filepath.Join(home, "brief anna.pdf"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("8n~/brief\\ anna.pdf[tab][right][ctrl+s]")
	c := top[clientScreen](t, d)
	if s.count("AddAttachment") != 1 {
		t.Fatalf("AddAttachment called %d times", s.count("AddAttachment"))
	}
	doc := c.d.docs[c.lists[tabDocuments].Cursor]
	if doc.Name != "brief anna.pdf" || doc.Kind != store.KindLetter || doc.Size != int64(len(data)) {
		t.Errorf("added %+v", doc)
	}
	if _, got, err := s.Store.AttachmentData(context.Background(), doc.ID); err != nil || !bytes.Equal(got, data) {
		t.Error("sealed contents differ")
	}
	if !strings.Contains(d.view(), "is sealed in the vault. The original is still at ~/brief anna.pdf") {
		t.Errorf("no notice:\n%s", d.view())
	}
}

func TestDocumentAddRefusals(t *testing.T) {
	home := t.TempDir()
	big := filepath.Join(home, "film.mp4")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxDocument + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tt := range []struct{ path, want string }{
		{"~/bestaat-niet.pdf", "There is no file ~/bestaat-niet.pdf"},
		{"~", "is a folder, not a file"},
		{"~/film.mp4", "larger than 50 MB"},
		{"   ", "Type the path of a file"},
	} {
		s := newPeopleStore(t)
		d := openAnna(t, s, English)
		withHome(t, d, home)
		d.keys("8n" + tt.path + "[ctrl+s]")
		f := top[documentAdd](t, d)
		if s.count("AddAttachment") != 0 || !strings.Contains(f.Fields[0].Err, tt.want) {
			t.Errorf("%q: added %d, error %q", tt.path, s.count("AddAttachment"), f.Fields[0].Err)
		}
	}
}

func TestDocumentSaveCopy(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "Downloads"), 0o700); err != nil {
		t.Fatal(err)
	}
	// The suggested name is taken: the suggestion gets a number. It names
	// the client and document by number, never by name (the document is
	// called cv-anna-de-vries.pdf).
	taken := filepath.Join(home, "Downloads", "client-1-document-1.pdf")
	if err := os.WriteFile(taken, []byte("ander bestand"), 0o600); err != nil {
		t.Fatal(err)
	}
	withHome(t, d, home)
	s.blobs.mu.Lock()
	s.blobs.files["blob1"] = []byte("inhoud van het cv") // Anna's cv, the first document
	s.blobs.mu.Unlock()
	d.keys("8s")
	f := top[documentSave](t, d)
	if got := f.Get("path"); got != "~/Downloads/client-1-document-1 (2).pdf" {
		t.Fatalf("suggested %q", got)
	}
	if !strings.Contains(d.view(), "The copy is NOT encrypted.") {
		t.Fatalf("no warning:\n%s", d.view())
	}
	d.keys("[ctrl+s]")
	if d.model().prompt == nil || !strings.Contains(d.view(), "Save an unencrypted copy as ~/Downloads/client-1-document-1 (2).pdf?") {
		t.Fatalf("no confirmation:\n%s", d.view())
	}
	d.keys("n")
	if s.count("AttachmentData") != 0 {
		t.Fatal("written without a yes")
	}
	d.keys("[ctrl+s]y")
	top[clientScreen](t, d)
	out := filepath.Join(home, "Downloads", "client-1-document-1 (2).pdf")
	got, err := os.ReadFile(out)
	if err != nil || string(got) != "inhoud van het cv" {
		t.Fatalf("copy: %q, %v", got, err)
	}
	if info, _ := os.Stat(out); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("copy mode %v, want 0600", info.Mode().Perm())
	}
	if !slices.Contains(s.auditActions(t), store.AuditExport) {
		t.Error("export not logged")
	}
	if !strings.Contains(d.view(), "Unencrypted copy saved as ~/Downloads/client-1-document-1 (2).pdf") {
		t.Errorf("no notice:\n%s", d.view())
	}
}

func TestDocumentSaveNeverOverwrites(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	home := t.TempDir()
	withHome(t, d, home)
	existing := filepath.Join(home, "cv.pdf")
	if err := os.WriteFile(existing, []byte("niet overschrijven"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("8s[ctrl+u]~/cv.pdf[ctrl+s]y")
	f := top[documentSave](t, d)
	if !strings.Contains(f.Fields[0].Err, "There is already a file ~/cv.pdf") {
		t.Errorf("error %q", f.Fields[0].Err)
	}
	if got, _ := os.ReadFile(existing); string(got) != "niet overschrijven" {
		t.Errorf("existing file changed: %q", got)
	}
	if s.count("AttachmentData") != 0 {
		t.Error("document read although nothing could be written")
	}
	d.keys("[ctrl+u]~/map-bestaat-niet/cv.pdf[ctrl+s]y")
	if f := top[documentSave](t, d); !strings.Contains(f.Fields[0].Err, "does not exist") {
		t.Errorf("missing folder: %q", f.Fields[0].Err)
	}
}

func TestDeleteDocumentExplains(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("8d")
	if !strings.Contains(d.view(), "The sealed file becomes unreadable at once") {
		t.Fatalf("no explanation:\n%s", d.view())
	}
	d.keys("y")
	if c := top[clientScreen](t, d); len(c.d.docs) != 0 || s.count("DeleteAttachment") != 1 {
		t.Errorf("docs %d, deletes %d", len(c.d.docs), s.count("DeleteAttachment"))
	}
}

func TestExpandPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("unix paths")
	}
	for _, tt := range []struct{ in, want string }{
		{"~/cv.pdf", "/home/coach/cv.pdf"},
		{"~", "/home/coach"},
		{" '/tmp/mijn brief.pdf' ", "/tmp/mijn brief.pdf"},
		{`"/tmp/mijn brief.pdf"`, "/tmp/mijn brief.pdf"},
		{`/tmp/mijn\ brief.pdf`, "/tmp/mijn brief.pdf"},
		{"/tmp/../tmp/a.pdf", "/tmp/a.pdf"},
		{"", ""},
	} {
		if got := expandPath(tt.in, "/home/coach"); got != tt.want {
			t.Errorf("expandPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// smallsteps "Kopie van je legitimatiebewijs … medische gegevens" and AVG
// art. 9: a document marked special-category shows masked, even its name,
// until v reveals it, and the reveal is logged.
func TestSpecialDocumentMaskedUntilRevealed(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	home := t.TempDir()
	withHome(t, d, home)
	if err := os.WriteFile(filepath.Join(home, "verklaring huisarts.pdf"), []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("8n~/verklaring\\ huisarts.pdf[tab][tab][right][ctrl+s]")
	v := d.view()
	if !strings.Contains(v, "› •••••• special category — v shows the name") {
		t.Fatalf("a special-category document is not listed masked:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if strings.Contains(line, "huisarts") && !strings.Contains(line, "is sealed in the vault") && !strings.Contains(line, "~/") {
			t.Errorf("the list names it: %q", line)
		}
	}
	d.keys("v")
	if v := d.view(); !strings.Contains(v, "⚑ verklaring huisarts.pdf") {
		t.Fatalf("v does not show the name:\n%s", v)
	}
	audit := s.auditActions(t)
	if s.count("RevealAttachment") != 1 || len(audit) == 0 || audit[len(audit)-1] != store.AuditReveal {
		t.Errorf("the reveal was not logged: %d calls, audit %+v", s.count("RevealAttachment"), audit)
	}
	if top[clientScreen](t, d).keys.RevealDoc.Enabled() {
		t.Error("v stays on for a revealed document")
	}
}
