package crypt

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// An exported dossier leaves the vault for somebody else: the client who
// asked for their data, or the coach who takes the client over. It is
// sealed with plain age so that any age release opens it (`age -d`), never
// with caseload's vault keys: a passphrase of six random words (scrypt), or
// the public key the receiver pasted (age1… or the post-quantum age1pq…).
// A plain zip is written only when the caller says so.
//
// The zip itself is made elsewhere (store/dossier); this file streams it
// through age into a temp file in the export folder and renames that into
// place, so the folder never holds a partial export or a clear-text temp
// file of a sealed one.

// Errors of the dossier export and import.
var (
	// ErrBadRecipient means the pasted public key is not an age recipient
	// (age1… or age1pq…).
	ErrBadRecipient = errors.New("not an age public key")

	// ErrWrongExportKey means the passphrase or identity given does not
	// open the dossier file. A damaged scrypt stanza reads the same (age's
	// passphrase AEAD is not key-committing).
	ErrWrongExportKey = errors.New("the passphrase or key does not open this file")

	// ErrNotExport means the file is neither an age file nor a zip.
	ErrNotExport = errors.New("not a dossier file")

	// ErrExportExists means the chosen export file already exists: an
	// export never replaces an earlier one, whose passphrase may have gone
	// out with it.
	ErrExportExists = errors.New("the export file already exists")
)

// ExportKey says how an export is sealed. Exactly one of Passphrase,
// Recipients and Plain is set.
type ExportKey struct {
	// Passphrase seals with age's scrypt recipient; NewExportPassphrase
	// makes one.
	Passphrase string
	// Recipients are age public keys (age1… or age1pq…), one per line;
	// lines starting with # are comments, as in age's recipients files.
	Recipients string
	// Plain writes the zip as it is. Only after the coach confirmed it.
	Plain bool
	// WorkFactor is scrypt's log2(N) for a passphrase; 0 means 18, age's
	// own default, which every age release decrypts. Tests lower it.
	WorkFactor int
}

// exportPassphraseWords is how many words NewExportPassphrase draws.
const exportPassphraseWords = 6

// NewExportPassphrase returns six words drawn uniformly at random from a
// list of 1,783, joined by hyphens (about 65 bits): short enough to read
// out on the phone, long enough that scrypt makes guessing hopeless. It
// is meant to be shown once and handed over by another channel than the
// file.
func NewExportPassphrase() string {
	words := make([]string, exportPassphraseWords)
	n := big.NewInt(int64(len(exportWords)))
	for i := range words {
		k, err := rand.Int(rand.Reader, n)
		if err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		words[i] = exportWords[k.Int64()]
	}
	return strings.Join(words, "-")
}

// CheckRecipients reports whether s holds at least one age public key and
// nothing else, so a form can refuse a bad paste before any work is done.
// The error wraps ErrBadRecipient and says which line is wrong, without
// quoting it.
func CheckRecipients(s string) error {
	_, err := parseRecipients(s)
	return err
}

func parseRecipients(s string) ([]age.Recipient, error) {
	var lines []string
	for line := range strings.Lines(s) {
		// A key pasted from a mail or a chat keeps its surrounding spaces
		// and sometimes a CR; age's parser takes neither.
		lines = append(lines, strings.TrimSpace(line))
	}
	rs, err := age.ParseRecipients(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		// age's message may quote the line; only its position is kept.
		msg := "no key found"
		if _, after, ok := strings.Cut(err.Error(), "error at line "); ok {
			n, _, _ := strings.Cut(after, ":")
			if _, err := strconv.Atoi(n); err == nil {
				msg = "line " + n
			}
		}
		return nil, fmt.Errorf("%w (%s)", ErrBadRecipient, msg)
	}
	return rs, nil
}

// recipients turns k into age recipients; nil means plain.
func (k ExportKey) recipients() ([]age.Recipient, error) {
	set := 0
	for _, b := range []bool{k.Passphrase != "", k.Recipients != "", k.Plain} {
		if b {
			set++
		}
	}
	if set != 1 {
		return nil, errors.New("sealing export: choose one of passphrase, recipients and plain")
	}
	switch {
	case k.Plain:
		return nil, nil
	case k.Recipients != "":
		return parseRecipients(k.Recipients)
	}
	r, err := age.NewScryptRecipient(k.Passphrase)
	if err != nil {
		return nil, fmt.Errorf("sealing export: %w", err)
	}
	wf := k.WorkFactor
	if wf == 0 {
		wf = defaultWorkFactor
	}
	if wf < 1 || wf > maxWorkFactor {
		// age -d refuses anything above 22: the receiver could not open it.
		return nil, fmt.Errorf("sealing export: scrypt work factor %d is outside 1..%d", wf, maxWorkFactor)
	}
	r.SetWorkFactor(wf)
	return []age.Recipient{r}, nil
}

// SealExport returns a writer that seals what is written to it as k says
// and streams the result into w. Close finishes the age file (it does not
// close w). For a plain export the writer passes the bytes through.
func SealExport(w io.Writer, k ExportKey) (io.WriteCloser, error) {
	rs, err := k.recipients()
	if err != nil {
		return nil, err
	}
	if rs == nil {
		return nopCloser{w}, nil
	}
	ew, err := age.Encrypt(w, rs...)
	if err != nil {
		return nil, fmt.Errorf("sealing export: %w", err)
	}
	return ew, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// exportTemp names the temp files of an export. Hidden, so a coach who
// opens the folder during an export sees only finished files.
const exportTemp = ".dossier-*.tmp"

// staleExportTemp is how old a temp file in the export folder must be
// before WriteExport removes it: older than any export takes, so a
// concurrent export from another vault is left alone.
const staleExportTemp = time.Hour

// WriteExport writes an export into dir under name, sealed as k says:
// fill writes the zip, which streams through age into a temp file in dir;
// the temp file is synced, read back and compared, and only then linked to
// its name. A sealed export therefore never exists in the clear on disk,
// not even as a temp file, and the folder never holds half an export.
//
// An existing file is never replaced (its passphrase may already be on its
// way to somebody): when name is taken, WriteExport tries name-2, name-3 …
// (before the extension) if free is set, and otherwise fails with
// ErrExportExists. dir is created (0700) when missing. It returns the
// path written. On any failure nothing is left behind; a full disk wraps
// ErrDiskFull.
func WriteExport(dir, name string, k ExportKey, free bool, fill func(io.Writer) error) (string, error) {
	return writeExport(osFS{}, dir, name, k, free, fill, nil)
}

// WriteExportLogged is WriteExport for a file that a log must hold (a
// disclosure): log runs with the path the file is about to take, once the
// file is whole and synced and before it takes that name. A crash (kill
// -9, power) can then leave a logged export that is not there, never a
// file the log does not hold. An error from log is returned as it is, and
// nothing is left behind; log's caller decides what counts as an error (a
// log line kept in memory until the next save need not be one).
func WriteExportLogged(dir, name string, k ExportKey, free bool, fill func(io.Writer) error,
	log func(path string) error) (string, error) {
	return writeExport(osFS{}, dir, name, k, free, fill, log)
}

// logError is an error of WriteExportLogged's log, passed on unwrapped.
type logError struct{ err error }

func (e *logError) Error() string { return e.err.Error() }

func writeExport(fsys fsys, dir, name string, k ExportKey, free bool, fill func(io.Writer) error,
	log func(path string) error) (string, error) {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("writing export: invalid file name %q", name)
	}
	if _, err := k.recipients(); err != nil {
		return "", err
	}
	if err := fsys.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("writing export: %w", diskErr(err))
	}
	removeStaleExportTemps(fsys, dir)
	held := &holdingFS{fsys: fsys}
	defer held.release()
	w, err := writeTemp(held, dir, exportTemp, 1<<20, func(w io.Writer) error {
		sw, err := SealExport(w, k)
		if err != nil {
			return err
		}
		if err := fill(sw); err != nil {
			return err
		}
		return sw.Close()
	})
	if err != nil {
		return "", fmt.Errorf("writing export: %w", err)
	}
	path, err := placeExport(fsys, w.name, dir, name, free, log)
	if err != nil {
		fsys.Remove(w.name)
		if le, ok := err.(*logError); ok {
			return "", le.err
		}
		return "", fmt.Errorf("writing export: %w", err)
	}
	if err := fsys.SyncDir(dir); err != nil {
		// Not known to be durable, so not reported as written: the caller
		// logs only exports that happened, and a file it does not know of
		// must not stay.
		fsys.Remove(path)
		return "", fmt.Errorf("writing export: syncing folder: %w", err)
	}
	return path, nil
}

// placeExport gives the temp file its name without replacing anything: a
// hard link fails when the name exists, where a rename would overwrite.
// On a file system without hard links it checks, then renames; the gap
// between the two is the only place a file appearing at once could be
// replaced.
//
// With log, the first free name is logged before the file takes it; a
// name taken between the two (another export of the same file name in
// that instant) fails with ErrExportExists, leaving a logged export that
// is not there rather than trying the next name unlogged.
func placeExport(fsys fsys, temp, dir, name string, free bool, log func(string) error) (string, error) {
	base, ext := splitExportName(name)
	for i := 1; i <= 1000; i++ {
		candidate := name
		if i > 1 {
			candidate = base + "-" + strconv.Itoa(i) + ext
		}
		path := filepath.Join(dir, candidate)
		if log != nil {
			if _, err := fsys.Stat(path); err == nil {
				if !free {
					return "", fmt.Errorf("%w: %s", ErrExportExists, path)
				}
				continue
			} else if !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
			if err := log(path); err != nil {
				return "", &logError{err}
			}
			placed, err := placeNoClobber(fsys, temp, path)
			switch {
			case err != nil:
				return "", err
			case !placed:
				return "", fmt.Errorf("%w: %s", ErrExportExists, path)
			}
			return path, nil
		}
		placed, err := placeNoClobber(fsys, temp, path)
		if err != nil {
			return "", err
		}
		if placed {
			return path, nil
		}
		if !free {
			return "", fmt.Errorf("%w: %s", ErrExportExists, path)
		}
	}
	return "", errors.New("no free file name")
}

// placeNoClobber moves temp to path unless path exists; it reports
// whether it did.
func placeNoClobber(fsys fsys, temp, path string) (bool, error) {
	err := fsys.Link(temp, path)
	switch {
	case err == nil:
		fsys.Remove(temp)
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	// No hard links here (FAT, some network shares): look, then rename.
	if _, err := fsys.Stat(path); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := fsys.Rename(temp, path); err != nil {
		return false, err
	}
	return true, nil
}

// splitExportName splits "dossier-x.zip.age" into "dossier-x" and
// ".zip.age", so a second export of the day is "dossier-x-2.zip.age".
func splitExportName(name string) (base, ext string) {
	for _, e := range []string{".zip.age", ".zip"} {
		if b, ok := strings.CutSuffix(name, e); ok && b != "" {
			return b, e
		}
	}
	ext = filepath.Ext(name)
	return strings.TrimSuffix(name, ext), ext
}

// holdingFS holds the temp file it creates (holdTemp) until release, so
// that another export to the same folder can tell a temp file still being
// written from one a killed export left: a plain export's temp file holds
// the dossier in the clear, and must not wait an hour to go.
type holdingFS struct {
	fsys
	held []*os.File
}

func (h *holdingFS) CreateTemp(dir, pattern string) (file, error) {
	f, err := h.fsys.CreateTemp(dir, pattern)
	if err == nil {
		if t := holdTemp(f.Name()); t != nil {
			h.held = append(h.held, t)
		}
	}
	return f, err
}

func (h *holdingFS) release() {
	for _, f := range h.held {
		releaseTemp(f)
	}
}

// removeStaleExportTemps deletes temp files a killed export left behind:
// at once those nobody holds (see holdingFS), and any older than
// staleExportTemp where holding is not known.
func removeStaleExportTemps(fsys fsys, dir string) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if ok, _ := filepath.Match(exportTemp, e.Name()); !ok || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleExportTemp || tempAbandoned(path) {
			fsys.Remove(path)
		}
	}
}

// ExportSealing is how a dossier file is sealed, as far as its header
// tells before any key is tried.
type ExportSealing int

// The ways a dossier file can be sealed.
const (
	// SealedPlain is a zip in the clear.
	SealedPlain ExportSealing = iota
	// SealedPassphrase is an age file sealed with a passphrase (scrypt).
	SealedPassphrase
	// SealedKey is an age file sealed to public keys; it needs an identity.
	SealedKey
)

// maxExportSize bounds what ReadExport reads into memory.
const maxExportSize = maxFileSize

// armorIntro starts an ASCII-armored age file (age -a), which some
// receivers use to mail a file as text.
const armorIntro = "-----BEGIN AGE ENCRYPTED FILE-----"

// zipIntro starts every zip file that has at least one entry.
const zipIntro = "PK\x03\x04"

// ReadExport reads a dossier file into memory and tells how it is sealed.
// It wraps ErrNotExport for anything that is neither an age file nor a
// zip, without quoting the file.
func ReadExport(path string) ([]byte, ExportSealing, error) {
	data, _, err := readFile(osFS{}, path)
	if err != nil {
		return nil, 0, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	s, err := ExportSealingOf(data)
	return data, s, err
}

// ExportSealingOf tells how data, a dossier file, is sealed.
func ExportSealingOf(data []byte) (ExportSealing, error) {
	switch {
	case bytes.HasPrefix(data, []byte(zipIntro)):
		return SealedPlain, nil
	case bytes.HasPrefix(data, []byte(ageIntro)), bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte(armorIntro)):
	default:
		return 0, ErrNotExport
	}
	body, err := dearmor(data)
	if err != nil {
		return 0, err
	}
	hdr, err := age.ExtractHeader(bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("%w: malformed header", ErrDamaged)
	}
	p := &stanzaProbe{}
	age.DecryptHeader(hdr, p) // fails by design: the probe only looks
	if len(p.types) == 1 && p.types[0] == "scrypt" {
		return SealedPassphrase, nil
	}
	return SealedKey, nil
}

// stanzaProbe is an identity that records the header's stanza types and
// opens nothing.
type stanzaProbe struct{ types []string }

// Unwrap records the stanza types.
func (p *stanzaProbe) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		p.types = append(p.types, s.Type)
	}
	return nil, age.ErrIncorrectIdentity
}

// dearmor returns the binary age file inside an armored one.
func dearmor(data []byte) ([]byte, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(trimmed, []byte(armorIntro)) {
		return data, nil
	}
	out, err := io.ReadAll(io.LimitReader(armor.NewReader(bytes.NewReader(trimmed)), maxExportSize))
	if err != nil {
		return nil, fmt.Errorf("%w: malformed armor", ErrDamaged)
	}
	return out, nil
}

// OpenExport returns the zip inside a dossier file. A plain zip comes back
// as it is. A sealed one is opened with the passphrase or, for one sealed
// to a public key, with the identities in identity (the contents of an
// age identity file: AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1… lines). It
// is decrypted in full before anything is returned: a damaged file
// (ErrDamaged) yields nothing. A key that does not fit is
// ErrWrongExportKey.
func OpenExport(data []byte, passphrase, identity string) ([]byte, error) {
	sealing, err := ExportSealingOf(data)
	if err != nil {
		return nil, err
	}
	if sealing == SealedPlain {
		return data, nil
	}
	var ids []age.Identity
	if passphrase != "" {
		id, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, ErrWrongExportKey
		}
		// The same bound age -d applies, so a planted file cannot make the
		// import spin for minutes.
		id.SetMaxWorkFactor(maxWorkFactor)
		ids = append(ids, id)
	}
	if strings.TrimSpace(identity) != "" {
		parsed, err := age.ParseIdentities(bufio.NewReader(strings.NewReader(identity)))
		if err != nil {
			// age's message may quote the key: it is left out.
			return nil, fmt.Errorf("%w: the identity file holds no age secret key", ErrWrongExportKey)
		}
		ids = append(ids, parsed...)
	}
	if len(ids) == 0 {
		return nil, ErrWrongExportKey
	}
	body, err := dearmor(data)
	if err != nil {
		return nil, err
	}
	p := &probe{Identity: multiIdentity(ids)}
	plain, err := decryptAll(body, p)
	if err != nil {
		if noMatch(err) || errors.Is(err, age.ErrIncorrectIdentity) {
			return nil, ErrWrongExportKey
		}
		return nil, fmt.Errorf("opening dossier: %w", damaged(err, p))
	}
	return plain, nil
}

// multiIdentity tries each identity in turn, as age does with a list; it
// lets one probe watch them all.
type multiIdentity []age.Identity

// Unwrap returns the file key from the first identity that opens the
// header.
func (m multiIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	var last error = age.ErrIncorrectIdentity
	for _, id := range m {
		k, err := id.Unwrap(stanzas)
		if err == nil {
			return k, nil
		}
		if !errors.Is(err, age.ErrIncorrectIdentity) {
			return nil, err
		}
		last = err
	}
	return nil, last
}
