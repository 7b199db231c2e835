//go:build unix

package crypt

import (
	"os"
	"path/filepath"
	"testing"
)

// A plain export killed halfway leaves its temp file, the dossier in the
// clear; the next export to that folder removes it at once, not after an
// hour, while a temp file another export is still writing stays.
func TestExportRemovesAbandonedTempAtOnce(t *testing.T) {
	dir := t.TempDir()
	abandoned := filepath.Join(dir, ".dossier-111.tmp")
	if err := os.WriteFile(abandoned, zipLike[:len(zipLike)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	writing := filepath.Join(dir, ".dossier-222.tmp")
	if err := os.WriteFile(writing, zipLike[:3], 0o600); err != nil {
		t.Fatal(err)
	}
	held := holdTemp(writing)
	if held == nil {
		t.Fatal("cannot hold a temp file")
	}
	defer releaseTemp(held)
	if _, err := WriteExport(dir, "d.zip", ExportKey{Plain: true}, false, fillWith(zipLike)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abandoned); !os.IsNotExist(err) {
		t.Errorf("the killed export's temp file is still there (%v)", err)
	}
	if _, err := os.Stat(writing); err != nil {
		t.Errorf("the temp file of an export still running was removed: %v", err)
	}
}
