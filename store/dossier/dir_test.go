package dossier

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestDefaultDir(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the XDG user dirs are a Linux desktop's")
	}
	home := t.TempDir()
	env := map[string]string{"HOME": home}
	getenv := func(k string) string { return env[k] }
	if got, want := DefaultDir(getenv), filepath.Join(home, "Documents", "caseload-exports"); got != want {
		t.Errorf("without user-dirs: %s, want %s", got, want)
	}
	// A Dutch desktop names the folder in Dutch.
	cfg := filepath.Join(home, ".config")
	must(t, os.MkdirAll(cfg, 0o700))
	must(t, os.WriteFile(filepath.Join(cfg, "user-dirs.dirs"),
		[]byte("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Bureaublad\"\nXDG_DOCUMENTS_DIR=\"$HOME/Documenten\"\n"), 0o600))
	if got, want := DefaultDir(getenv), filepath.Join(home, "Documenten", "caseload-exports"); got != want {
		t.Errorf("Dutch desktop: %s, want %s", got, want)
	}
	// A documents folder that is the home folder itself is no folder.
	must(t, os.WriteFile(filepath.Join(cfg, "user-dirs.dirs"), []byte("XDG_DOCUMENTS_DIR=\"$HOME/\"\n"), 0o600))
	if got, want := DefaultDir(getenv), filepath.Join(home, "Documents", "caseload-exports"); got != want {
		t.Errorf("documents = home: %s, want %s", got, want)
	}
}
