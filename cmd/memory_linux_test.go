package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/sys/unix"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui"
)

// The canaries the memory test looks for. Constants live in the binary's
// read-only data, which the scan skips: only copies the program made
// count.
const (
	memPass   = "Wibblesnort plant tulpen in de herfst"
	memFirst  = "Quorzelia"
	memLast   = "Wibblesnort-Vandermeer"
	memName   = memFirst + " " + memLast
	memEnv    = "CASELOAD_MEMSCAN_DIR"
	memPrefix = "memscan "
)

// memCounts are the copies of each canary in the process's writable memory.
type memCounts struct {
	Pass, PassUTF32, KeyUpper, KeyLower, Seed, Name int
}

// TestMemoryAfterLock unlocks a vault in the real TUI (driven in a child
// process, so no other test's memory counts), then locks it with ctrl+l,
// and counts the copies of the passphrase, the vault's secret key (its
// text, upper and lower case, and its raw seed) and a client's name in
// the child's own writable memory (/proc/self/mem) while unlocked and
// after the lock. Keys and passphrase must be gone after the lock.
func TestMemoryAfterLock(t *testing.T) {
	if os.Getenv(memEnv) != "" {
		t.Skip("the child runs TestMemoryAfterLockChild")
	}
	dir := filepath.Join(t.TempDir(), "vault")
	e := &env{vaultDir: dir, workFactor: testWorkFactor, clock: time.Now}
	s, _, err := e.create(context.Background(), memPass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateClient(context.Background(), store.Client{FirstName: memFirst, LastName: memLast, Status: store.StatusActive}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	key := vaultKey(t, dir)

	cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryAfterLockChild$", "-test.v")
	cmd.Env = append(os.Environ(), memEnv+"="+dir)
	cmd.Stdin = strings.NewReader(key + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var unlocked, locked memCounts
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), memPrefix+"unlocked "); ok {
			json.Unmarshal([]byte(rest), &unlocked)
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), memPrefix+"locked "); ok {
			json.Unmarshal([]byte(rest), &locked)
		}
	}
	t.Logf("copies while unlocked: %+v", unlocked)
	t.Logf("copies after lock:     %+v", locked)
	if unlocked.Name == 0 || unlocked.KeyUpper+unlocked.KeyLower+unlocked.Seed == 0 && unlocked.Pass == 0 {
		t.Fatalf("the scan finds nothing even while unlocked: it is blind\n%s", out)
	}
	if locked.Pass+locked.PassUTF32+locked.KeyUpper+locked.KeyLower+locked.Seed != 0 {
		t.Errorf("after the lock the process still holds the passphrase or the vault key: %+v", locked)
	}
}

// vaultKey reads the vault's secret key the way docs/recovery.md does.
func vaultKey(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "identity.age"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := crypt.DecryptWithPassphrase(data, memPass)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(plain), "\n") {
		if strings.HasPrefix(l, "AGE-SECRET-KEY-PQ-1") {
			return l
		}
	}
	t.Fatal("no key in identity.age")
	return ""
}

// TestMemoryAfterLockChild is the child of TestMemoryAfterLock.
func TestMemoryAfterLockChild(t *testing.T) {
	dir := os.Getenv(memEnv)
	if dir == "" {
		t.Skip("run by TestMemoryAfterLock")
	}
	// As Main does: the scan below must work on a non-dumpable process.
	disableCoreDumps()
	if d, _ := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0); d != 0 {
		t.Fatalf("the process is still dumpable (%d)", d)
	}
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_CORE, &lim); lim.Cur != 0 || lim.Max != 0 {
		t.Fatalf("core files still allowed: %+v", lim)
	}
	sc := newMemScanner(t)
	e := &env{vaultDir: dir, workFactor: testWorkFactor, clock: time.Now, lang: "en",
		getenv: func(string) string { return "" }}
	d := &memDriver{t: t, m: tui.New(tui.Config{Backend: backend{e}, Lang: tui.English})}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, r := range memPass {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	d.send(tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(d.m.View(), memFirst) {
		t.Fatalf("not unlocked:\n%s", d.m.View())
	}
	fmt.Printf("%sunlocked %s\n", memPrefix, sc.scanJSON())
	d.send(tea.KeyMsg{Type: tea.KeyCtrlL})
	if v := d.m.View(); !strings.Contains(v, "Unlock your caseload") || strings.Contains(v, memFirst) {
		t.Fatalf("not locked:\n%s", v)
	}
	fmt.Printf("%slocked %s\n", memPrefix, sc.scanJSON())
}

// memScanner counts needles in the process's writable memory. Needles and
// the read buffer live in mappings of their own, left out of the scan.
type memScanner struct {
	t                    *testing.T
	needles, buf         []byte
	pass, passW, up, low []byte
	seed, name           []byte
}

func newMemScanner(t *testing.T) *memScanner {
	mm := func(n int) []byte {
		b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	s := &memScanner{t: t, needles: mm(1 << 16), buf: mm(1 << 20)}
	// The key arrives on stdin, read straight into the needle mapping;
	// every needle is made there, without a copy on Go's heap.
	n, _ := syscall.Read(0, s.needles[:200])
	line := s.needles[:bytes.IndexByte(s.needles[:n], '\n')]
	at := n
	put := func(b []byte) []byte { copy(s.needles[at:], b); r := s.needles[at : at+len(b)]; at += len(b); return r }
	s.up = line
	s.low = put(line)
	for i, c := range s.low {
		if c >= 'A' && c <= 'Z' {
			s.low[i] = c + 'a' - 'A'
		}
	}
	s.seed = s.needles[at : at+32]
	bech32Data(t, s.low, s.seed)
	at += 32
	s.pass = put(unsafe.Slice(unsafe.StringData(memPass), len(memPass)))
	for _, r := range memPass {
		s.needles[at], s.needles[at+1], s.needles[at+2], s.needles[at+3] = byte(r), byte(r>>8), byte(r>>16), byte(r>>24)
		at += 4
	}
	s.passW = s.needles[at-4*len([]rune(memPass)) : at]
	s.name = put(unsafe.Slice(unsafe.StringData(memLast), len(memLast)))
	return s
}

func (s *memScanner) scanJSON() string {
	c := s.scan()
	b, _ := json.Marshal(c)
	return string(b)
}

// scan reads every private writable mapping through /proc/self/mem.
func (s *memScanner) scan() memCounts {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		s.t.Fatal(err)
	}
	mem, err := os.Open("/proc/self/mem")
	if err != nil {
		s.t.Fatal(err)
	}
	defer mem.Close()
	// The needles and the buffer are left out by address: the kernel may
	// merge their mappings with neighbours.
	skip := [][2]uint64{}
	for _, b := range [][]byte{s.needles, s.buf} {
		lo := uint64(uintptr(unsafe.Pointer(&b[0])))
		skip = append(skip, [2]uint64{lo, lo + uint64(len(b))})
	}
	var c memCounts
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || !strings.HasPrefix(f[1], "rw") {
			continue
		}
		lo, hi, _ := strings.Cut(f[0], "-")
		a, _ := strconv.ParseUint(lo, 16, 64)
		z, _ := strconv.ParseUint(hi, 16, 64)
		for _, r := range cut([2]uint64{a, z}, skip) {
			s.scanRange(mem, r[0], r[1], &c)
		}
	}
	return c
}

// cut is r less the ranges in skip.
func cut(r [2]uint64, skip [][2]uint64) [][2]uint64 {
	out := [][2]uint64{r}
	for _, k := range skip {
		var next [][2]uint64
		for _, x := range out {
			if k[1] <= x[0] || k[0] >= x[1] {
				next = append(next, x)
				continue
			}
			if x[0] < k[0] {
				next = append(next, [2]uint64{x[0], k[0]})
			}
			if k[1] < x[1] {
				next = append(next, [2]uint64{k[1], x[1]})
			}
		}
		out = next
	}
	return out
}

// scanRange counts the needles in [a, z).
func (s *memScanner) scanRange(mem *os.File, a, z uint64, c *memCounts) {
	{
		const overlap = 256
		for off := a; off < z; off += uint64(len(s.buf) - overlap) {
			n := min(uint64(len(s.buf)), z-off)
			m, _ := mem.ReadAt(s.buf[:n], int64(off))
			chunk := s.buf[:m]
			// Count only matches that start in this chunk's new part.
			count := func(needle []byte) int {
				k := 0
				for i := 0; ; {
					j := bytes.Index(chunk[i:], needle)
					if j < 0 {
						return k
					}
					if off == a || i+j >= overlap {
						k++
					}
					i += j + 1
				}
			}
			c.Pass += count(s.pass)
			c.PassUTF32 += count(s.passW)
			c.KeyUpper += count(s.up)
			c.KeyLower += count(s.low)
			c.Seed += count(s.seed)
			c.Name += count(s.name)
			if n < uint64(len(s.buf)) {
				break
			}
		}
	}
}

// bech32Data decodes a lower-case bech32 string's data part (the key's
// raw seed) into out.
func bech32Data(t *testing.T, s, out []byte) {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	i := bytes.LastIndexByte(s, '1')
	var acc, bits uint
	k := 0
	for _, c := range s[i+1 : len(s)-6] {
		acc = acc<<5 | uint(strings.IndexByte(charset, c))
		bits += 5
		for bits >= 8 {
			bits -= 8
			if k == len(out) {
				t.Fatal("seed longer than 32 bytes")
			}
			out[k] = byte(acc >> bits)
			k++
		}
	}
	if k != 32 {
		t.Fatalf("seed of %d bytes", k)
	}
}

// memDriver runs the TUI synchronously, like the screens' own tests do:
// every command runs and its message is fed back; timers are skipped.
type memDriver struct {
	t *testing.T
	m tea.Model
}

var memTickCode = reflect.ValueOf(tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil })).Pointer()

func (d *memDriver) send(msg tea.Msg) {
	m, cmd := d.m.Update(msg)
	d.m = m
	d.run(cmd)
}

func (d *memDriver) run(cmd tea.Cmd) {
	cmdType := reflect.TypeOf(tea.Cmd(nil))
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			d.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || reflect.ValueOf(c).Pointer() == memTickCode {
			continue
		}
		msg := c()
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			var sub []tea.Cmd
			for i := range v.Len() {
				sub = append(sub, v.Index(i).Interface().(tea.Cmd))
			}
			queue = append(sub, queue...)
			continue
		}
		switch msg.(type) {
		case nil, spinner.TickMsg, tea.QuitMsg:
			continue
		}
		m, next := d.m.Update(msg)
		d.m = m
		queue = append(queue, next)
	}
}
