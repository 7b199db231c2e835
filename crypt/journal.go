package crypt

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"filippo.io/age"
)

// The journal: vault.age is the snapshot, and each save seals only what
// changed since the save before as a small age file beside it,
// journal/<device>-<seq>.age. The change itself is opaque here (the store
// hands over SQLite changesets); this file chains the entries, writes
// them durably and reads them back in order.
//
// Each entry's plaintext starts with a few header lines:
//
//	caseload-journal/v1
//	device <the laptop that wrote it>
//	seq <its place, counting on across snapshots, so a name is never reused>
//	snapshot <fingerprint of the vault.age it follows>
//	prev <SHA-256 of the entry file before it, or the snapshot's fingerprint>
//	gen <the caseload's generation after it>
//
// then an empty line and the change. Being inside the seal, the header is
// authenticated with the change; an entry cannot be moved to another
// chain or reordered without the chain breaking.
//
// Opening follows the chain from the snapshot through the prev hashes.
// Entries that name another snapshot are left over from a compaction that
// was cut short (the snapshot they follow was replaced by one holding
// them) and are not applied. An entry that does not decrypt at the end of
// the chain is a write cut short by a crash and never acknowledged: it is
// dropped. Anything missing or damaged before the end is ErrDamaged.
//
// Two laptops sharing a vault through a sync tool write under their own
// device names, so neither overwrites the other's entries. Where both
// continued the same chain, the chain forks: this laptop follows its own
// branch and reports the other's entries as a conflict (Conflicts),
// leaving them in place for a merge.

const (
	journalDir   = "journal"
	journalTemp  = ".entry-*.tmp"
	journalMagic = "caseload-journal/v1"
)

// ErrJournalBroken means a saved change in journal/ is missing or
// damaged before the end of the chain, so the saves after it cannot be
// applied. It comes wrapped with ErrDamaged; vault.age itself is whole.
var ErrJournalBroken = errors.New("a saved change in journal/ is missing or damaged")

// entryHead is an entry's header.
type entryHead struct {
	device   string
	seq      uint64
	snapshot [sha256.Size]byte
	prev     [sha256.Size]byte
	gen      uint64
}

// link is an entry of the chain this Vault follows.
type link struct {
	name string
	head entryHead
	hash [sha256.Size]byte // of the entry file
	size int64
}

// entryName is the file name of an entry.
func entryName(device string, seq uint64) string {
	return fmt.Sprintf("%s-%010d.age", device, seq)
}

// parseEntryName is entryName's inverse.
func parseEntryName(name string) (device string, seq uint64, ok bool) {
	s, ok := strings.CutSuffix(name, ".age")
	if !ok {
		return "", 0, false
	}
	i := strings.LastIndexByte(s, '-')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.ParseUint(s[i+1:], 10, 64)
	if err != nil || n == 0 {
		return "", 0, false
	}
	return s[:i], n, true
}

// marshalEntry writes an entry's plaintext.
func marshalEntry(h entryHead, change []byte) []byte {
	var b bytes.Buffer
	b.Grow(256 + len(change))
	fmt.Fprintf(&b, "%s\ndevice %s\nseq %d\nsnapshot %x\nprev %x\ngen %d\n\n",
		journalMagic, h.device, h.seq, h.snapshot, h.prev, h.gen)
	b.Write(change)
	return b.Bytes()
}

// errEntry means an entry's plaintext is not one.
var errEntry = errors.New("not a journal entry")

// parseEntry reads an entry's plaintext; the change aliases b.
func parseEntry(b []byte) (entryHead, []byte, error) {
	var h entryHead
	head, change, ok := bytes.Cut(b, []byte("\n\n"))
	if !ok {
		return h, nil, errEntry
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) != 6 || lines[0] != journalMagic {
		return h, nil, errEntry
	}
	field := func(i int, name string) string {
		s, _ := strings.CutPrefix(lines[i], name+" ")
		return s
	}
	h.device = field(1, "device")
	var err1, err2 error
	h.seq, err1 = strconv.ParseUint(field(2, "seq"), 10, 64)
	h.gen, err2 = strconv.ParseUint(field(5, "gen"), 10, 64)
	s1, err3 := hex.DecodeString(field(3, "snapshot"))
	s2, err4 := hex.DecodeString(field(4, "prev"))
	if h.device == "" || err1 != nil || err2 != nil || err3 != nil || err4 != nil ||
		len(s1) != sha256.Size || len(s2) != sha256.Size {
		return h, nil, errEntry
	}
	copy(h.snapshot[:], s1)
	copy(h.prev[:], s2)
	return h, change, nil
}

// found is an entry file read at open.
type found struct {
	name   string
	device string
	seq    uint64
	head   entryHead
	hash   [sha256.Size]byte
	size   int64
	change []byte
	err    error // it did not decrypt or parse
}

// readJournal reads journal/ after vault.age was read into v.disk, and
// returns the changes to apply to the snapshot, in order. It sets the
// chain, the next sequence number, the conflicts and the leftovers.
func (v *Vault) readJournal(ids ...age.Identity) ([][]byte, error) {
	return v.chainJournal(v.startJournal(ids...)())
}

// startJournal lists journal/ and reads and decrypts its entries on
// goroutines of their own, which need nothing of vault.age: Open starts
// it before it decrypts vault.age, so that the entries fill the gaps the
// snapshot's decryption leaves on the cores. wait returns them once all
// are read, for chainJournal; it must be called, whatever happens.
func (v *Vault) startJournal(ids ...age.Identity) (wait func() ([]*found, error)) {
	dir := v.path(journalDir)
	list, err := v.fs.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return func() ([]*found, error) { return nil, nil }
	}
	if err != nil {
		return func() ([]*found, error) { return nil, fmt.Errorf("reading journal: %w", err) }
	}
	var all []*found
	for _, e := range list {
		device, seq, ok := parseEntryName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		all = append(all, &found{name: e.Name(), device: device, seq: seq})
	}
	// Read and decrypt on every core. Through the journal key an entry
	// costs microseconds; one without it (written before the journal key,
	// or opened with the recovery key) costs an ML-KEM and X25519
	// unwrapping, which made 500 of them most of what they added to an
	// unlock.
	var wg sync.WaitGroup
	work := make(chan *found, len(all))
	for _, f := range all {
		work <- f
	}
	close(work)
	var readErr error
	var mu sync.Mutex
	for range min(runtime.GOMAXPROCS(0), 8, len(all)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				data, _, err := readFile(v.fs, filepath.Join(dir, f.name))
				if err != nil {
					mu.Lock()
					readErr = cmp.Or(readErr, fmt.Errorf("reading journal entry %s: %w", f.name, err))
					mu.Unlock()
					continue
				}
				f.hash, f.size = sha256.Sum256(data), int64(len(data))
				plain, err := decryptAll(data, ids...)
				if err == nil {
					f.head, f.change, err = parseEntry(plain)
					if err == nil && (f.head.device != f.device || f.head.seq != f.seq) {
						err = fmt.Errorf("%w: its name says otherwise", errEntry)
					}
				}
				f.err = err
			}
		}()
	}
	return func() ([]*found, error) {
		wg.Wait()
		if readErr != nil {
			for _, f := range all {
				clear(f.change)
			}
			return nil, readErr
		}
		return all, nil
	}
}

// chainJournal follows the chain from the snapshot in v.disk through the
// entries startJournal read, and returns their changes in order. It sets
// the chain, the next sequence number, the conflicts and the leftovers.
func (v *Vault) chainJournal(all []*found, err error) ([][]byte, error) {
	v.chain, v.conflicts, v.leftovers, v.nextSeq = nil, nil, nil, 1
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		v.nextSeq = max(v.nextSeq, f.seq+1)
	}
	var follows []*found
	for _, f := range all {
		if f.err != nil {
			follows = append(follows, f) // placed below, by its number
			continue
		}
		if f.head.snapshot != v.disk.sum {
			if f.device == v.device {
				v.leftovers = append(v.leftovers, f.name)
			} else {
				v.conflicts = append(v.conflicts, filepath.Join(journalDir, f.name))
			}
			continue
		}
		follows = append(follows, f)
	}
	slices.SortFunc(follows, func(a, b *found) int {
		if c := cmpUint(a.seq, b.seq); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	// Follow the chain from the snapshot.
	byPrev := map[[sha256.Size]byte][]*found{}
	for _, f := range follows {
		if f.err == nil {
			byPrev[f.head.prev] = append(byPrev[f.head.prev], f)
		}
	}
	var changes [][]byte
	used := map[*found]bool{}
	at := v.disk.sum
	for {
		next := byPrev[at]
		if len(next) == 0 {
			break
		}
		pick := next[0]
		for _, f := range next {
			if f.device == v.device {
				pick = f
				break
			}
		}
		for _, f := range next {
			if f != pick {
				v.conflicts = append(v.conflicts, filepath.Join(journalDir, f.name))
				used[f] = true
			}
		}
		used[pick] = true
		v.chain = append(v.chain, link{name: pick.name, head: pick.head, hash: pick.hash, size: pick.size})
		changes = append(changes, pick.change)
		at = pick.hash
	}
	// Whatever follows the snapshot but is not on the chain: the other
	// branch of a fork, an entry torn by a crash before it was
	// acknowledged (dropped: its number is never reused, and the next
	// compaction removes it), or the entries after a gap or a damaged
	// entry, which make the vault damaged.
	var bad []*found
	for _, f := range follows {
		if !used[f] && f.err != nil {
			bad = append(bad, f)
			v.leftovers = append(v.leftovers, f.name)
		}
	}
	for _, f := range follows {
		if used[f] || f.err != nil {
			continue
		}
		if f.device != v.device {
			v.conflicts = append(v.conflicts, filepath.Join(journalDir, f.name))
			continue
		}
		for i := range changes {
			clear(changes[i])
		}
		for _, b := range bad {
			if b.seq < f.seq {
				return nil, fmt.Errorf("%w: %w: journal/%s does not decrypt, and the saves after it cannot be applied without it", ErrDamaged, ErrJournalBroken, b.name)
			}
		}
		return nil, fmt.Errorf("%w: %w: an entry before journal/%s is missing", ErrDamaged, ErrJournalBroken, f.name)
	}
	return changes, nil
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Replay hands over, once, the changes read at Open that the snapshot
// does not hold yet, oldest first: the store applies them to the image
// before anything else.
func (v *Vault) Replay() [][]byte {
	v.mu.Lock()
	defer v.mu.Unlock()
	r := v.replay
	v.replay = nil
	return r
}

// Conflicts names the journal entries another laptop wrote that this one
// did not apply: the other side of a fork, or entries following another
// snapshot. They are never overwritten or removed; merging them is for
// the coach to decide.
func (v *Vault) Conflicts() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.conflicts)
}

// Backlog is how many entries, and bytes of them, follow the snapshot:
// what the next open must decrypt and apply, and what compaction clears.
func (v *Vault) Backlog() (entries int, size int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, l := range v.chain {
		size += l.size
	}
	return len(v.chain), size
}

// Append makes change durable as the next journal entry after the
// snapshot, bringing the caseload to generation gen. It returns nil only
// once the entry is durable: sealed, written to a temp file, fsynced,
// read back, renamed into journal/ and the folder fsynced.
//
// It returns ErrVaultChanged, writing nothing, if vault.age is no longer
// the snapshot this Vault follows (a sync tool replaced it): the caller
// keeps the change and seals a whole image next, which Seal then keeps
// as a conflict file. It returns an error wrapping ErrRolledBack if gen
// does not build on what this laptop last saw of the vault (see
// Generation).
func (v *Vault) Append(change []byte, gen uint64) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return fmt.Errorf("saving change: %w", errClosed)
	}
	if !v.disk.present {
		return errors.New("saving change: there is no snapshot to follow yet")
	}
	if err := v.guard(gen); err != nil {
		return fmt.Errorf("saving change: %w", err)
	}
	info, err := v.fs.Stat(v.path(vaultFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("saving change: checking vault.age: %w", err)
	}
	if err != nil || info.Size() != v.disk.size || !info.ModTime().Equal(v.disk.info.ModTime()) || !sameFile(info, v.disk.info) {
		return fmt.Errorf("saving change: %w", ErrVaultChanged)
	}
	l, err := v.writeEntry(change, v.disk.sum, gen)
	if err != nil {
		return fmt.Errorf("saving change: %w", err)
	}
	v.chain = append(v.chain, l)
	v.appended++
	v.gen = max(v.gen, gen)
	v.keys.drawAhead() // for the next entry, off this one's path
	return nil
}

// writeEntry seals change as the next entry after the chain, following
// the snapshot with fingerprint snapshot, and makes it durable.
func (v *Vault) writeEntry(change []byte, snapshot [sha256.Size]byte, gen uint64) (link, error) {
	if v.device == "" || v.nextSeq == 0 {
		return link{}, errors.New("the journal was not read")
	}
	h := entryHead{device: v.device, seq: v.nextSeq, snapshot: snapshot, prev: snapshot, gen: gen}
	if n := len(v.chain); n > 0 {
		h.prev = v.chain[n-1].hash
	}
	plain := marshalEntry(h, change)
	var sealed bytes.Buffer
	err := encrypt(&sealed, plain, v.keys.entryRecipients()...)
	clear(plain)
	if err != nil {
		return link{}, err
	}
	dir := v.path(journalDir)
	if !v.journalReady {
		if err := v.fs.MkdirAll(dir, 0o700); err != nil {
			return link{}, fmt.Errorf("creating journal folder: %w", diskErr(err))
		}
		if err := v.fs.SyncDir(v.dir); err != nil {
			return link{}, fmt.Errorf("syncing folder: %w", err)
		}
		v.journalReady = true
	}
	tmp, err := writeSmall(v.fs, dir, journalTemp, sealed.Bytes())
	if err != nil {
		return link{}, err
	}
	name := entryName(h.device, h.seq)
	if err := v.fs.Rename(tmp, filepath.Join(dir, name)); err != nil {
		v.fs.Remove(tmp)
		return link{}, fmt.Errorf("naming journal entry: %w", err)
	}
	v.nextSeq++ // used, even if the folder sync fails: never reuse a name
	if err := v.fs.SyncDir(dir); err != nil {
		return link{}, fmt.Errorf("syncing journal folder: %w", err)
	}
	return link{name: name, head: h, hash: sha256.Sum256(sealed.Bytes()), size: int64(sealed.Len())}, nil
}

// writeSmall writes data to a new temp file in dir, fsyncs it, reads it
// back and compares, all on the caller's goroutine: for a journal entry
// of a few KiB, writeTemp's writing and reading goroutines cost more in
// hand-offs than they save, and on a loaded machine each hand-off waits
// for a core. It returns the temp file's name; on any failure the file
// is removed and never written to again.
func writeSmall(fsys fsys, dir, pattern string, data []byte) (_ string, err error) {
	f, err := fsys.CreateTemp(dir, pattern)
	if err != nil {
		return "", fmt.Errorf("creating temp file: %w", diskErr(err))
	}
	name := f.Name()
	defer func() {
		if err != nil {
			fsys.Remove(name)
		}
	}()
	n, err := f.Write(data)
	if err == nil && n < len(data) {
		err = io.ErrShortWrite
	}
	if err != nil {
		f.Close()
		return "", fmt.Errorf("writing temp file: %w", diskErr(err))
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("syncing temp file: %w", diskErr(err))
	}
	back := make([]byte, len(data)+1)
	n, err = f.ReadAt(back, 0)
	if err == io.EOF {
		err = nil
	}
	if err == nil && !bytes.Equal(back[:n], data) {
		err = errReadBack
	}
	if err != nil {
		f.Close()
		return "", fmt.Errorf("reading back %s: %w", filepath.Base(name), err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("closing temp file: %w", diskErr(err))
	}
	return name, nil
}

// Compact seals image, which must hold every change appended so far, as
// the new snapshot of generation gen (see Seal), then keeps the entries
// it covers with the snapshot they followed in backups/ and removes them
// from journal/. A crash between the two leaves entries that name the old
// snapshot; they are not applied, and the next compaction removes them.
func (v *Vault) Compact(image []byte, gen uint64) error {
	if len(image) == 0 {
		return errors.New("compacting vault: refusing to seal an empty image")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return fmt.Errorf("compacting vault: %w", errClosed)
	}
	if err := v.guard(gen); err != nil {
		return fmt.Errorf("compacting vault: %w", err)
	}
	if err := v.seal(image, nil); err != nil {
		return fmt.Errorf("compacting vault: %w", err)
	}
	v.settled(gen)
	return nil
}

// dropCovered keeps the entries of the chain the snapshot just replaced
// with that snapshot's backup (kept, a file in backups/, or "" if none
// was kept), then removes them and the leftovers from journal/. It is
// housekeeping after a durable seal: what fails stays for next time.
func (v *Vault) dropCovered(kept string) {
	if len(v.chain) == 0 && len(v.leftovers) == 0 {
		return
	}
	dir := v.path(journalDir)
	if kept != "" && len(v.chain) > 0 {
		bdir := strings.TrimSuffix(kept, ".age") + ".journal"
		if err := v.fs.MkdirAll(bdir, 0o700); err == nil {
			ok := true
			for _, l := range v.chain {
				if err := v.fs.Link(filepath.Join(dir, l.name), filepath.Join(bdir, l.name)); err != nil && !errors.Is(err, fs.ErrExist) {
					ok = false
				}
			}
			if ok {
				v.fs.SyncDir(bdir)
			}
		}
	}
	for _, l := range v.chain {
		v.fs.Remove(filepath.Join(dir, l.name))
	}
	for _, name := range v.leftovers {
		v.fs.Remove(filepath.Join(dir, name))
	}
	v.fs.SyncDir(dir)
	v.chain, v.leftovers = nil, nil
}

// rotateJournals removes the kept entries of generations the rotation
// removed from backups/.
func (v *Vault) rotateJournals() {
	dir := v.path(backupsDir)
	list, err := v.fs.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range list {
		if base, ok := strings.CutSuffix(e.Name(), ".refs.age"); ok {
			if ok, err := v.exists(filepath.Join(backupsDir, base+".age")); err == nil && !ok {
				v.fs.Remove(filepath.Join(dir, e.Name()))
			}
			continue
		}
		base, ok := strings.CutSuffix(e.Name(), ".journal")
		if !ok || !e.IsDir() {
			continue
		}
		if ok, err := v.exists(filepath.Join(backupsDir, base+".age")); err == nil && !ok {
			sub := filepath.Join(dir, e.Name())
			if entries, err := v.fs.ReadDir(sub); err == nil {
				for _, f := range entries {
					v.fs.Remove(filepath.Join(sub, f.Name()))
				}
			}
			v.fs.Remove(sub)
		}
	}
}
