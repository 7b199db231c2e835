package crypt

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"filippo.io/age"
)

// Options tunes how a vault is created and opened. A nil *Options is the
// zero value, which is what the app uses.
type Options struct {
	// WorkFactor is scrypt's log2(N) when sealing identity.age; 0 means 18,
	// about a second on a current laptop. Tests lower it. Values above 22
	// are refused, since Open would not accept the result.
	WorkFactor int

	// ImageMemory, when set, gives the memory Open decrypts vault.age
	// into, exactly size bytes, so the caller can have the image land
	// where it will be used (the store's database) instead of in a buffer
	// it must then copy. Open writes nothing else there; on an error the
	// memory is zeroed and the caller frees it. Nil: Go's heap.
	ImageMemory func(size int64) ([]byte, error)

	// Keys talks with the coach while a security key's plugin runs (see
	// SecurityKey); nil: a plugin that asks something is told no.
	Keys KeyPrompter

	// KeyTimeout is how long a security key may take to answer; 0 means
	// a minute.
	KeyTimeout time.Duration

	// StateDir is where this laptop remembers the vaults it opened (see
	// state.go); "" means $CASELOAD_STATE_DIR, else the OS state folder.
	StateDir string

	// The rest is for this package's tests: fault injection, a clock for
	// backup names, and a smaller write buffer so that a small image
	// takes several writes. Unexported, so the app cannot reach them.
	fs      fsys
	now     func() time.Time
	bufSize int
}

// Vault is an open, locked vault folder. It holds the keys and what was
// last loaded from or sealed to vault.age, so that it can notice a file
// that changed behind its back. Its methods are safe for concurrent use.
type Vault struct {
	dir        string
	fs         fsys
	now        func() time.Time
	workFactor int
	bufSize    int // write buffer for vault.age and its copies
	imageMem   func(int64) ([]byte, error)
	keyUI      unlockOptions

	mu   sync.Mutex
	lock *os.File // nil once closed, and for a snapshot
	keys *keys    // nil once closed
	disk onDisk

	// The journal (journal.go).
	device       string   // this laptop's name in entry names
	chain        []link   // the entries following the snapshot, in order
	nextSeq      uint64   // the number of the next entry
	replay       [][]byte // changes read at open, until Replay takes them
	conflicts    []string // other laptops' entries not applied
	leftovers    []string // entries of ours an interrupted compaction left
	journalReady bool     // journal/ exists and its creation is durable
	appended     int      // entries appended since open
	nextRefs     []string // the documents the next snapshot references
	refsKnown    bool     // nextRefs was set for the next Compact

	// The laptop's memory of this vault (state.go).
	stateDir string
	seen     *seen  // what it remembered at open; nil: nothing
	gen      uint64 // the newest generation this Vault knows of
	accepted bool   // the coach took an older vault as current
	// snapshot is a vault opened to read only, without the lock (see
	// OpenSnapshot): every method that writes refuses.
	snapshot bool
	// inUse: another process held the lock when the snapshot was taken.
	inUse bool
}

// onDisk remembers the vault.age this Vault loaded or last sealed.
type onDisk struct {
	present bool
	size    int64
	sum     [sha256.Size]byte
	info    fs.FileInfo
}

// newVault applies the options; it does no I/O.
func newVault(dir string, o *Options) (*Vault, error) {
	v := &Vault{dir: dir, fs: osFS{}, now: time.Now, workFactor: defaultWorkFactor, bufSize: sealBufSize, stateDir: stateDir(o)}
	if o != nil {
		if o.bufSize != 0 {
			v.bufSize = o.bufSize
		}
		if o.WorkFactor != 0 {
			v.workFactor = o.WorkFactor
		}
		if o.fs != nil {
			v.fs = o.fs
		}
		if o.now != nil {
			v.now = o.now
		}
		v.imageMem = o.ImageMemory
		v.keyUI = unlockOptions{ui: o.Keys, timeout: o.KeyTimeout}
	}
	if v.workFactor < 1 || v.workFactor > maxWorkFactor {
		return nil, fmt.Errorf("scrypt work factor %d is outside 1..%d", v.workFactor, maxWorkFactor)
	}
	return v, nil
}

func (v *Vault) path(name string) string { return filepath.Join(v.dir, name) }

// takeLock locks the vault folder or fails at once with ErrInUse.
func (v *Vault) takeLock() error {
	f, err := lockFile(v.path(lockName))
	if err != nil {
		return err
	}
	v.lock = f
	return nil
}

// release drops the keys and the lock.
func (v *Vault) release() error {
	if v.keys != nil {
		v.keys.key.wipe()
		v.keys.closeAhead()
	}
	v.keys = nil
	v.disk = onDisk{}
	for i := range v.replay {
		clear(v.replay[i])
	}
	v.replay, v.chain = nil, nil
	if v.lock == nil {
		return nil
	}
	err := unlockFile(v.lock)
	v.lock = nil
	return err
}

// exists reports whether name is present in the folder.
func (v *Vault) exists(name string) (bool, error) {
	_, err := v.fs.Stat(v.path(name))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, err
	}
}

// Exists reports whether dir holds a vault (an identity.age), so the app
// can choose between the unlock and the create screen.
func Exists(dir string) (bool, error) {
	v, _ := newVault(dir, nil)
	ok, err := v.exists(identityFile)
	if err != nil {
		return false, fmt.Errorf("looking for vault: %w", err)
	}
	return ok, nil
}

// Create makes a new vault in dir (created 0700 if needed) sealed with the
// passphrase, and returns it open and locked together with the recovery
// key, a secret to show the user once: it opens every vault.age, and
// nothing else can if the passphrase is forgotten. There is no vault.age
// until the first Seal.
//
// Create returns ErrVaultExists if dir already holds identity.age or
// vault.age (a lone vault.age may still be recovered), and ErrInUse if
// another process holds the folder's lock.
func Create[P Passphrase](dir string, passphrase P, o *Options) (*Vault, string, error) {
	if len(passphrase) == 0 {
		return nil, "", errors.New("creating vault: the passphrase is empty")
	}
	v, err := newVault(dir, o)
	if err != nil {
		return nil, "", fmt.Errorf("creating vault: %w", err)
	}
	if err := v.refuseExisting(); err != nil {
		return nil, "", err
	}
	if err := v.fs.MkdirAll(dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("creating vault: %w", err)
	}
	if err := v.takeLock(); err != nil {
		return nil, "", fmt.Errorf("creating vault: %w", err)
	}
	pass := newSecret(passphrase)
	defer pass.wipe()
	recovery, err := v.create(pass)
	if err != nil {
		v.release()
		return nil, "", err
	}
	return v, recovery, nil
}

// refuseExisting returns ErrVaultExists if the folder holds a vault.
func (v *Vault) refuseExisting() error {
	for _, name := range []string{identityFile, vaultFile} {
		ok, err := v.exists(name)
		if err != nil {
			return fmt.Errorf("creating vault: %w", err)
		}
		if ok {
			return fmt.Errorf("creating vault: %w (%s)", ErrVaultExists, name)
		}
	}
	return nil
}

// create does Create's work under the lock.
func (v *Vault) create(passphrase secret) (string, error) {
	// Checked again under the lock: two Creates may race to this point.
	if err := v.refuseExisting(); err != nil {
		return "", err
	}
	key, err := newVaultKey()
	if err != nil {
		return "", fmt.Errorf("creating vault: %w", err)
	}
	recovery, err := age.GenerateHybridIdentity()
	if err != nil {
		return "", fmt.Errorf("creating vault: %w", err)
	}
	k := &keys{tag: newTag(), identity: key.id, key: key, recovery: recovery.Recipient()}
	err = writeIdentity(v.fs, v.dir, passphrase, v.workFactor, k, nil)
	scryptDone()
	if err != nil {
		return "", fmt.Errorf("creating vault: %w", err)
	}
	v.keys = k
	v.device, v.nextSeq = loadDevice(stateFS, v.stateDir), 1
	return recovery.String(), nil
}

// Open unlocks the vault in dir and returns it with the database image,
// or a nil image for a vault never sealed. It takes the folder's lock
// first and fails at once with ErrInUse if another process holds it. The
// whole vault.age is read and decrypted before anything is returned; on
// any error nothing is kept, the lock is released, and no file is written.
//
// Errors: ErrNoVault (no identity.age), ErrInUse, ErrWrongPassphrase,
// ErrNotVault (identity.age is not ours, or vault.age belongs to another
// vault), ErrDamaged (a file failed authentication or is truncated, or
// vault.age is missing while backups/ holds generations), and a
// *KeyError when the vault is bound to a security key that did not open
// it.
//
// A vault whose identity.age predates version 2 (not an age identity
// file), or whose passphrase was sealed before caseload normalised
// passphrases to NFC, has identity.age rewritten on open (atomically, the
// same keys), so that the standard age CLI opens it from then on; if that
// write fails (a read-only folder), the vault opens all the same.
func Open[P Passphrase](dir string, passphrase P, o *Options) (*Vault, []byte, error) {
	if len(passphrase) == 0 {
		return nil, nil, fmt.Errorf("opening vault: %w", ErrWrongPassphrase)
	}
	v, err := newVault(dir, o)
	if err != nil {
		return nil, nil, fmt.Errorf("opening vault: %w", err)
	}
	// Looked for before locking, so that opening a wrong folder does not
	// leave a lock file in it.
	ok, err := v.exists(identityFile)
	if err != nil {
		return nil, nil, fmt.Errorf("opening vault: %w", err)
	}
	if !ok {
		return nil, nil, fmt.Errorf("opening vault: %w", ErrNoVault)
	}
	if err := v.takeLock(); err != nil {
		return nil, nil, fmt.Errorf("opening vault: %w", err)
	}
	pass, raw := newSecret(passphrase), rawSecret(passphrase)
	defer pass.wipe()
	defer raw.wipe()
	k, err := readIdentity(v.fs, dir, pass, raw, v.keyUI)
	scryptDone()
	if err != nil {
		v.release()
		return nil, nil, fmt.Errorf("opening vault: %w", fileErr(identityFile, err))
	}
	v.keys = k
	v.device = loadDevice(stateFS, v.stateDir)
	v.seen = loadSeen(stateFS, v.stateDir, k.tag)
	// The journal's entries are read and decrypted while vault.age is.
	entries := v.startJournal(k.entryIdentities()...)
	image, disk, _, err := v.readVault(k.identity, k.tag)
	all, jerr := entries()
	if err != nil || !disk.present {
		for _, f := range all {
			clear(f.change)
		}
	}
	if err != nil {
		v.release()
		return nil, nil, fmt.Errorf("opening vault: %w", fileErr(vaultFile, err))
	}
	v.disk = disk
	if disk.present {
		if v.replay, err = v.chainJournal(all, jerr); err != nil {
			clear(image)
			v.release()
			return nil, nil, fmt.Errorf("opening vault: %w", err)
		}
	}
	if k.legacy {
		// Best effort: a failure leaves the old file, which still opens.
		if writeIdentity(v.fs, v.dir, pass, v.workFactor, k, v.keyUI.ui) == nil {
			k.legacy = false
		}
	}
	removeStaleTemps(v.fs, dir)
	return v, image, nil
}

// readVault reads and fully decrypts vault.age. A missing file is a vault
// never sealed (a nil image and no error) if backups/ is empty too. tag is the vault's own tag, or
// "" when recovering; the probe returned holds the tag found in the file.
func (v *Vault) readVault(id age.Identity, tag string) ([]byte, onDisk, *probe, error) {
	p := &probe{Identity: id}
	f, err := v.fs.Open(v.path(vaultFile))
	if errors.Is(err, fs.ErrNotExist) {
		// Never sealed, unless earlier generations say otherwise: then the
		// file went missing, and opening an empty caseload in its place
		// would let the next saves rotate the backups out.
		if sign, err := v.earlierVault(); err != nil {
			return nil, onDisk{}, p, err
		} else if sign != "" {
			return nil, onDisk{}, p, fmt.Errorf("%w: vault.age is missing, though %s", ErrDamaged, sign)
		}
		return nil, onDisk{}, p, nil
	}
	if err != nil {
		return nil, onDisk{}, p, fmt.Errorf("reading vault.age: %w", err)
	}
	// Everything below reads this one open file, so a sync tool renaming
	// another over vault.age meanwhile cannot mix two files.
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, onDisk{}, p, fmt.Errorf("reading vault.age: %w", err)
	}
	size := info.Size()
	if size > maxFileSize {
		return nil, onDisk{}, p, fmt.Errorf("reading vault.age: %w: %d bytes is too large for a caseload", ErrDamaged, size)
	}
	head, tail, err := readEnds(f, size)
	if err != nil {
		return nil, onDisk{}, p, fmt.Errorf("reading vault.age: %w", err)
	}
	sum := fingerprint(size, head, tail)
	if !bytes.HasPrefix(head, []byte(ageIntro)) {
		// The identity unwrapped, so the folder is ours; a vault.age that is
		// not even age is a broken copy, not a foreign vault.
		return nil, onDisk{}, p, fmt.Errorf("reading vault.age: %w: not an age file", ErrDamaged)
	}
	image, err := decryptImage(&endsReaderAt{f: f, size: size, head: head, tail: tail}, size, p, v.imageMem)
	disk := onDisk{present: true, size: size, sum: sum, info: info}
	if err != nil {
		switch {
		case errors.As(err, new(*memoryError)):
			// The caller had no memory for it: nothing wrong with the file.
		case noMatch(err) && tag == "":
			err = ErrWrongRecoveryKey
		case noMatch(err) && p.tag != tag:
			err = fmt.Errorf("%w: vault.age belongs to another vault", ErrNotVault)
		case noMatch(err):
			err = fmt.Errorf("%w: the vault key does not open vault.age", ErrDamaged)
		default:
			err = damaged(err, p)
		}
		return nil, onDisk{}, p, fmt.Errorf("reading vault.age: %w", err)
	}
	return image, disk, p, nil
}

// earlierVault names a sign that the folder held a sealed vault before,
// or returns "" if it never did: generations in backups/, sealed
// documents in files/, a conflict file, journal entries, or this
// laptop's memory of a generation of this vault.
func (v *Vault) earlierVault() (string, error) {
	list, err := v.listBackups()
	if err != nil {
		return "", fmt.Errorf("listing backups: %w", err)
	}
	if len(list) > 0 {
		return fmt.Sprintf("backups/ holds %d earlier generations", len(list)), nil
	}
	count := func(sub, prefix string) (int, error) {
		entries, err := v.fs.ReadDir(v.path(sub))
		if errors.Is(err, fs.ErrNotExist) {
			return 0, nil
		}
		if err != nil {
			return 0, fmt.Errorf("looking for an earlier vault: %w", err)
		}
		n := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), prefix) && strings.HasSuffix(e.Name(), ".age") && !e.IsDir() {
				n++
			}
		}
		return n, nil
	}
	for _, c := range []struct{ sub, prefix, what string }{
		{filesDir, "", "files/ holds %d sealed documents"},
		{journalDir, "", "journal/ holds %d saved changes"},
		{".", "vault.conflict-", "the folder holds %d conflict files"},
	} {
		n, err := count(c.sub, c.prefix)
		if err != nil {
			return "", err
		}
		if n > 0 {
			return fmt.Sprintf(c.what, n), nil
		}
	}
	if v.seen != nil && v.seen.Generation > 0 {
		return fmt.Sprintf("this laptop saved generation %d of it on %s", v.seen.Generation, stamp(v.seen.Time)), nil
	}
	return "", nil
}

// Recover opens the vault in dir with the recovery key when the passphrase
// is lost, and seals it anew under newPassphrase. It returns the vault
// open and locked, with its image. The recovery key stays valid.
//
// It generates a new vault key (the old one is sealed under the forgotten
// passphrase), seals the image to the new vault key and the recovery key
// through the normal Seal path (so the previous vault.age is kept in
// backups/), and only then rewrites identity.age. A crash at any point
// leaves a vault.age that the recovery key opens: the old and the new
// vault.age are both sealed to it and the rename between them is atomic.
// Between the two steps, identity.age still holds the old vault key, which
// no longer opens vault.age (Open reports ErrDamaged); running Recover
// again finishes the job. Generations in backups/ from before the recovery
// open only with the recovery key from then on.
//
// Errors: ErrWrongRecoveryKey, ErrNoVault (no vault.age to recover),
// ErrInUse, ErrDamaged, and anything Seal returns.
func Recover[P Passphrase](dir, recoveryKey string, newPassphrase P, o *Options) (*Vault, []byte, error) {
	recovery, err := parseRecoveryKey(recoveryKey)
	if err != nil {
		return nil, nil, fmt.Errorf("recovering vault: %w", err)
	}
	if len(newPassphrase) == 0 {
		return nil, nil, errors.New("recovering vault: the new passphrase is empty")
	}
	v, err := newVault(dir, o)
	if err != nil {
		return nil, nil, fmt.Errorf("recovering vault: %w", err)
	}
	ok, err := v.exists(vaultFile)
	if err != nil {
		return nil, nil, fmt.Errorf("recovering vault: %w", err)
	}
	if !ok {
		return nil, nil, fmt.Errorf("recovering vault: %w: nothing was ever sealed", ErrNoVault)
	}
	if err := v.takeLock(); err != nil {
		return nil, nil, fmt.Errorf("recovering vault: %w", err)
	}
	pass := newSecret(newPassphrase)
	defer pass.wipe()
	image, err := v.recover(recovery, pass)
	if err != nil {
		v.release()
		if errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotRegular) {
			err = fileErr(vaultFile, err)
		}
		return nil, nil, fmt.Errorf("recovering vault: %w", err)
	}
	removeStaleTemps(v.fs, dir)
	return v, image, nil
}

// recover does Recover's work under the lock.
func (v *Vault) recover(recovery *age.HybridIdentity, passphrase secret) ([]byte, error) {
	image, disk, p, err := v.readVault(recovery, "")
	if err != nil {
		return nil, err
	}
	if image == nil { // vanished between the check and the lock
		return nil, ErrNoVault
	}
	v.disk = disk
	v.device = loadDevice(stateFS, v.stateDir)
	changes, err := v.readJournal(recovery)
	if err != nil {
		clear(image)
		return nil, err
	}
	key, err := newVaultKey()
	if err != nil {
		clear(image)
		return nil, err
	}
	tag := p.tag
	if !validTag(tag) {
		tag = newTag()
	}
	v.keys = &keys{tag: tag, identity: key.id, key: key, recovery: recovery.Recipient()}
	// identity.age's next content is sealed (scrypt, a second at the
	// default work factor) before vault.age moves to the new key, and put
	// in place right after: between the two only the recovery key opens
	// the vault, and that gap is now a rename.
	next, err := prepareIdentity(v.fs, v.dir, passphrase, v.workFactor, v.keys, nil)
	scryptDone()
	if err != nil {
		clear(image)
		return nil, fmt.Errorf("writing identity.age: %w", err)
	}
	// The journal's entries are sealed to the old vault key too: they are
	// sealed again, under the new one, as the chain of the new snapshot.
	if err := v.seal(image, changes); err != nil {
		v.fs.Remove(next.name)
		clear(image)
		return nil, fmt.Errorf("sealing vault: %w", err)
	}
	v.replay = changes
	if err := placeIdentity(v.fs, v.dir, next); err != nil {
		clear(image)
		return nil, fmt.Errorf("writing identity.age: %w", err)
	}
	return image, nil
}

// scryptDone gives scrypt's memory back to the system. scrypt takes
// 256 MiB at the default work factor, garbage the moment it returns; the
// Go runtime would hand it back to the system over minutes, and until
// then it counts in the process's resident memory: 299 MiB resident
// after unlocking 1,000 clients (an 18.6 MiB image), 41 MiB with this.
// A forced collection costs a few milliseconds beside scrypt's second.
func scryptDone() { debug.FreeOSMemory() }

// Dir returns the vault folder.
func (v *Vault) Dir() string { return v.dir }

// SetPassphrase seals the vault key under a new passphrase. Only
// identity.age is rewritten (atomically); vault.age stays as it is, which
// is why the vault has a key of its own. The security keys stay bound
// (their plugins may ask for a touch).
func (v *Vault) SetPassphrase(p string) error {
	v.mu.Lock()
	keys := []SecurityKey(nil)
	if v.keys != nil {
		keys = v.keys.factors
	}
	v.mu.Unlock()
	if err := v.Rekey([]byte(p), keys); err != nil {
		return fmt.Errorf("changing passphrase: %w", err)
	}
	return nil
}

// Close drops the keys and releases the lock. Go cannot promise to wipe
// key material from memory; dropping the references is what it can do.
// Closing twice is harmless.
func (v *Vault) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys != nil && v.appended > 0 && v.guard(v.gen+1) == nil {
		v.settled(v.gen)
	}
	if err := v.release(); err != nil {
		return fmt.Errorf("closing vault: %w", err)
	}
	return nil
}

// decryptSpan is the least plaintext worth a goroutine of its own when
// decrypting: a multiple of age's 64 KiB chunk, so that no chunk is
// decrypted twice.
const decryptSpan = 4 << 20

// memoryError is a failure to get memory for the image: the caller's,
// not the file's, so not damage.
type memoryError struct{ err error }

func (e *memoryError) Error() string { return "memory for the caseload: " + e.err.Error() }
func (e *memoryError) Unwrap() error { return e.err }

// decryptImage is decryptAll for vault.age, reading the file itself: the
// same checks, the one image-sized buffer and no copy of the ciphertext,
// with the chunks read and decrypted on every core. It returns nothing
// unless every chunk authenticated.
func decryptImage(src io.ReaderAt, encrypted int64, id age.Identity, mem func(int64) ([]byte, error)) ([]byte, error) {
	ra, size, err := age.DecryptReaderAt(src, encrypted, id)
	if err != nil {
		return nil, err
	}
	var out []byte
	if mem == nil {
		out = make([]byte, size)
	} else if out, err = mem(size); err != nil {
		return nil, &memoryError{err}
	} else if int64(len(out)) != size {
		return nil, &memoryError{fmt.Errorf("%d bytes given, want %d", len(out), size)}
	}
	parts := int64(min(runtime.GOMAXPROCS(0), 8))
	span := max((size+parts-1)/parts, decryptSpan)
	span = (span + 64<<10 - 1) &^ (64<<10 - 1)
	var wg sync.WaitGroup
	errs := make([]error, (size+span-1)/span)
	for i := range errs {
		off := int64(i) * span
		part := out[off:min(off+span, size)]
		read := func() {
			n, err := ra.ReadAt(part, off)
			if err == io.EOF && n == len(part) {
				err = nil
			}
			errs[i] = err
		}
		if i == len(errs)-1 {
			read() // the last part on this goroutine
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); read() }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			clear(out)
			return nil, err
		}
	}
	return out, nil
}
