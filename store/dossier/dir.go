package dossier

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// exportsFolder is the folder an export goes to inside the user's
// documents folder, unless the coach chooses another.
const exportsFolder = "caseload-exports"

// DefaultDir is where exports go unless the coach chose a folder: the
// user's documents folder (as the desktop names it, so "Documenten" on a
// Dutch Linux desktop; on Windows wherever the known-folder API says it
// is, in OneDrive when it is redirected there), then caseload-exports.
// getenv is os.Getenv, or a test's.
func DefaultDir(getenv func(string) string) string {
	home := getenv("HOME")
	if runtime.GOOS == "windows" {
		home = getenv("USERPROFILE")
	}
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	docs := filepath.Join(home, "Documents")
	if d := knownDocuments(); d != "" {
		// Windows: where the Documents folder really is, which OneDrive's
		// folder backup (and a company's policy) moves out of the profile.
		docs = d
	} else if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if d := xdgDocuments(getenv, home); d != "" {
			docs = d
		}
	}
	return filepath.Join(docs, exportsFolder)
}

// xdgDocuments reads XDG_DOCUMENTS_DIR from the user's user-dirs.dirs,
// the file the desktop keeps the (translated) folder names in. It returns
// "" when there is none or it points at the home folder itself, as it
// does on a desktop without a documents folder.
func xdgDocuments(getenv func(string) string, home string) string {
	config := getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		v = strings.Replace(v, "$HOME", home, 1)
		if !filepath.IsAbs(v) || filepath.Clean(v) == filepath.Clean(home) {
			return ""
		}
		return filepath.Clean(v)
	}
	return ""
}
