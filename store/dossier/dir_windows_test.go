//go:build windows

package dossier

import (
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"
)

// TestDefaultDirFollowsKnownFolder: on Windows the export folder is in
// the Documents folder where Windows says it is (OneDrive when it is
// redirected there), not %USERPROFILE%\Documents.
func TestDefaultDirFollowsKnownFolder(t *testing.T) {
	docs, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		t.Skip(err)
	}
	getenv := func(k string) string { return map[string]string{"USERPROFILE": `C:\Users\nobody`}[k] }
	if got, want := DefaultDir(getenv), filepath.Join(docs, exportsFolder); got != want {
		t.Errorf("DefaultDir = %s, want %s", got, want)
	}
}
