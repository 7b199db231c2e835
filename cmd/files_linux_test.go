package cmd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// inMountNamespace runs sh script with args in a mount namespace of its
// own, as root, so that it can mount without touching the machine: the
// mounts vanish with it. The script exits 99 when it cannot mount, and
// the test is skipped.
func inMountNamespace(t *testing.T, script string, args ...string) (stdout, stderr string) {
	t.Helper()
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("no unshare")
	}
	if _, err := exec.LookPath("caseload"); err != nil {
		t.Skip("no caseload command in PATH (testscript sets it up in TestMain)")
	}
	var out, errs bytes.Buffer
	c := exec.Command("unshare", append([]string{"-m", "sh", "-c", script, "sh"}, args...)...)
	c.Stdout, c.Stderr = &out, &errs
	err := c.Run()
	if c.ProcessState != nil && c.ProcessState.ExitCode() == 99 || err != nil && strings.Contains(errs.String(), "unshare") {
		t.Skipf("cannot mount here: %v\n%s", err, errs.String())
	}
	if err != nil {
		t.Fatalf("%v\n%s%s", err, out.String(), errs.String())
	}
	return out.String(), errs.String()
}

// TestReadOnlyMount: on a read-only mount the reading commands work, and
// a command that would write says the folder cannot be written.
func TestReadOnlyMount(t *testing.T) {
	tv := newDocVault(t)
	script := `v="$1"; p="$2"
mount --bind "$v" "$v" && mount -o remount,ro,bind "$v" || exit 99
for c in list verify deadlines retention; do
	echo "== $c"
	caseload --lang en --vault "$v" --passphrase-file "$p" $c 2>&1
	echo "exit $?"
done
echo "== import"
caseload --lang en --vault "$v" --passphrase-file "$p" import "$3" 2>&1
echo "exit $?"
`
	csv := filepath.Join(t.TempDir(), "more.csv")
	os.WriteFile(csv, []byte("first_name,last_name,status\nMila,Bakker,intake\n"), 0o600)
	out, _ := inMountNamespace(t, script, tv.dir, tv.passFile, csv)
	for _, part := range strings.Split(out, "== ")[1:] {
		name, body, _ := strings.Cut(part, "\n")
		if name == "import" {
			if !strings.Contains(body, "exit 1") || !strings.Contains(body, "cannot be written") || strings.Contains(body, "Imported") {
				t.Errorf("import on a read-only mount:\n%s", body)
			}
			continue
		}
		if !strings.Contains(body, "exit 0") {
			t.Errorf("%s on a read-only mount:\n%s", name, body)
		}
	}
	if !strings.Contains(out, "Noor Jansen") || !strings.Contains(out, "vault ok") {
		t.Errorf("output:\n%s", out)
	}
}

// TestImportOnAFullDiskSaysNothingWasSaved: when the save fails, import
// prints no success line, exits 1 saying nothing was saved, and the vault
// on disk does not hold the clients.
func TestImportOnAFullDiskSaysNothingWasSaved(t *testing.T) {
	tv := newDocVault(t)
	csv := filepath.Join(t.TempDir(), "more.csv")
	os.WriteFile(csv, []byte("first_name,last_name,status\nMila,Bakker,intake\n"), 0o600)
	script := `src="$1"; p="$2"; v="$src.full"
mkdir -p "$v" && mount -t tmpfs -o size=32m tmpfs "$v" || exit 99
cp -a "$src/." "$v/" || exit 98
dd if=/dev/zero of="$v/filler" bs=4k 2>/dev/null
echo "== import"
caseload --lang en --vault "$v" --passphrase-file "$p" import "$3" 2>&1
echo "exit $?"
rm "$v/filler"
echo "== list"
caseload --lang en --vault "$v" --passphrase-file "$p" list 2>&1
echo "exit $?"
`
	out, _ := inMountNamespace(t, script, tv.dir, tv.passFile, csv)
	imp, list, _ := strings.Cut(out, "== list")
	if !strings.Contains(imp, "exit 1") || strings.Contains(imp, "Imported") ||
		!strings.Contains(imp, "nothing was saved: the disk is full") {
		t.Errorf("import on a full disk:\n%s", imp)
	}
	if !strings.Contains(list, "exit 0") || strings.Contains(list, "Mila") || !strings.Contains(list, "Noor") {
		t.Errorf("the vault after the failed import:\n%s", list)
	}
}
