package crypt

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
)

// A backup archive is one file that holds everything a vault needs to be
// put back on another laptop: vault.age, every sealed document it refers
// to, and identity.age, the key that opens them (documents open with keys
// inside vault.age).
//
// It is a tar file of three members:
//
//	README.txt     how to open it, with caseload or with age and tar
//	identity.age   the vault's identity.age as it was, sealed with the passphrase
//	vault.tar.age  a tar of vault.age, journal/<device>-<seq>.age (the saves
//	               since vault.age) and files/<id>.age, sealed with age
//	               to the vault key and the recovery key, like vault.age
//
// Why not one age file: age seals a file either with a passphrase alone or
// to keys, never both, and a backup must open with the passphrase (which
// unwraps identity.age, which holds the vault key) as well as with the
// recovery key when the passphrase is lost. restic keeps its keys beside
// its data for the same reason. Every byte of client data is inside
// vault.tar.age: the number and sizes of the documents are hidden too.
// Recipe, with the age and tar tools alone:
//
//	tar -xf BACKUP identity.age vault.tar.age
//	age -d identity.age > key.txt      # asks for the passphrase
//	age -d -i key.txt vault.tar.age | tar -x
//	  (or: age -d -i recovery-key.txt vault.tar.age | tar -x)
//
// which leaves vault.age, journal/ and files/ as in the vault folder.
const (
	archiveReadme   = "README.txt"
	archiveIdentity = identityFile
	archiveSealed   = "vault.tar.age"
)

// archiveReadmeText is the archive's README: no client data, the recipe.
const archiveReadmeText = `caseload backup

This file holds a whole caseload vault: vault.age (the caseload), the
saves since it in journal/, the sealed documents in files/, and identity.age (the vault's key, sealed
with the passphrase). Put it back with:

    caseload restore THIS-FILE --vault FOLDER

Without caseload, with the standard age and tar tools:

    tar -xf THIS-FILE identity.age vault.tar.age
    age -d identity.age > key.txt        (asks for the passphrase)
    age -d -i key.txt vault.tar.age | tar -x
    (or with the recovery key: age -d -i recovery.txt vault.tar.age | tar -x)

That leaves vault.age, journal/ and files/ as they are in the vault folder. Delete
key.txt afterwards: it opens the vault without the passphrase.
`

// ErrNotBackup means a file is not a backup archive caseload wrote.
var ErrNotBackup = errors.New("not a caseload backup")

// ArchiveInfo describes a backup archive that was written.
type ArchiveInfo struct {
	Path      string
	Documents int   // sealed documents in it
	Size      int64 // bytes
}

// WriteArchive writes a backup archive of the vault to path, atomically
// (temp file beside it, fsync, read back, rename, fsync the folder),
// replacing any file there. documents are the ids of the sealed files the
// database refers to; each must be present in files/. What is archived is
// vault.age as last sealed (Seal first) and identity.age as on disk; it
// returns ErrNoVault if nothing was sealed yet and ErrVaultChanged if
// vault.age is not the file this Vault saw. It works on a snapshot too:
// every file is opened before anything is written, so a document removed
// afterwards by the window that has the vault open is still read whole
// (on Windows it cannot be removed while open); one removed before is a
// *FileError wrapping fs.ErrNotExist, and Changed then tells whether the
// vault was saved meanwhile.
func (v *Vault) WriteArchive(path string, documents []string) (ArchiveInfo, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.keys == nil {
		return ArchiveInfo{}, fmt.Errorf("writing backup: %w", errClosed)
	}
	if !v.disk.present {
		return ArchiveInfo{}, fmt.Errorf("writing backup: %w: nothing sealed yet", ErrNoVault)
	}
	identity, _, err := readFile(v.fs, v.path(identityFile))
	if err != nil {
		return ArchiveInfo{}, fmt.Errorf("writing backup: reading identity.age: %w", err)
	}
	var members []archiveMember
	vault, err := v.openMember(vaultFile, vaultFile)
	if err != nil {
		return ArchiveInfo{}, fmt.Errorf("writing backup: %w", err)
	}
	members = append(members, vault)
	defer func() {
		for _, m := range members {
			m.f.Close()
		}
	}()
	if sum, err := fingerprintOf(vault.f, vault.size); err != nil {
		return ArchiveInfo{}, fmt.Errorf("writing backup: reading vault.age: %w", err)
	} else if vault.size != v.disk.size || sum != v.disk.sum {
		return ArchiveInfo{}, fmt.Errorf("writing backup: %w", ErrVaultChanged)
	}
	// The journal's entries this Vault applied: the saves since vault.age
	// was written, which Open replays. Each must be the file read then; a
	// compaction in another window removes them after replacing vault.age,
	// which Changed then tells.
	for _, l := range v.chain {
		name := journalDir + "/" + l.name
		m, err := v.openMember(filepath.FromSlash(name), name)
		if err != nil {
			return ArchiveInfo{}, fmt.Errorf("writing backup: %w", fileErr(name, err))
		}
		members = append(members, m)
		h := sha256.New()
		if _, err := io.Copy(h, io.NewSectionReader(m.f, 0, m.size)); err != nil {
			return ArchiveInfo{}, fmt.Errorf("writing backup: reading %s: %w", name, err)
		}
		if m.size != l.size || !bytes.Equal(h.Sum(nil), l.hash[:]) {
			return ArchiveInfo{}, fmt.Errorf("writing backup: %w", ErrVaultChanged)
		}
	}
	for _, id := range documents {
		if !validBlobID(id) {
			return ArchiveInfo{}, fmt.Errorf("writing backup: invalid document id %q", id)
		}
		name := filesDir + "/" + id + ".age"
		m, err := v.openMember(filepath.FromSlash(name), name)
		if err != nil {
			return ArchiveInfo{}, fmt.Errorf("writing backup: %w", fileErr(name, err))
		}
		members = append(members, m)
	}
	recipients := v.keys.recipients()
	dir := filepath.Dir(path)
	// The temp file is named after the backup, so that what a killed
	// backup left (ciphertext, but clutter on a USB disk) goes the next
	// time a backup of that name is written.
	prefix := "." + filepath.Base(path) + "."
	if entries, err := v.fs.ReadDir(dir); err == nil {
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".tmp") && e.Type().IsRegular() {
				v.fs.Remove(filepath.Join(dir, n))
			}
		}
	}
	w, err := writeTemp(v.fs, dir, prefix+"*.tmp", v.bufSize, func(w io.Writer) error {
		return writeArchive(w, identity, members, recipients, v.now())
	})
	if err != nil {
		return ArchiveInfo{}, fmt.Errorf("writing backup: %w", err)
	}
	if err := v.fs.Rename(w.name, path); err != nil {
		v.fs.Remove(w.name)
		return ArchiveInfo{}, fmt.Errorf("writing backup: %w", err)
	}
	if err := v.fs.SyncDir(dir); err != nil {
		return ArchiveInfo{}, fmt.Errorf("writing backup: syncing folder: %w", err)
	}
	return ArchiveInfo{Path: path, Documents: len(documents), Size: w.size}, nil
}

// archiveMember is a file of the vault on its way into an archive: read
// from the one open file, for exactly the size it had when opened.
type archiveMember struct {
	name string // in the archive, with forward slashes
	f    file
	size int64
}

func (v *Vault) openMember(rel, name string) (archiveMember, error) {
	f, err := v.fs.Open(v.path(rel))
	if err != nil {
		return archiveMember{}, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return archiveMember{}, err
	}
	return archiveMember{name: name, f: f, size: info.Size()}, nil
}

// fingerprintOf is fingerprint of an open file of size bytes.
func fingerprintOf(f io.ReaderAt, size int64) ([32]byte, error) {
	head, tail, err := readEnds(f, size)
	if err != nil {
		return [32]byte{}, err
	}
	return fingerprint(size, head, tail), nil
}

// tarBlock is tar's unit: headers and padded contents are multiples of it,
// and an archive ends with two empty blocks.
const tarBlock = 512

// innerTarSize is the size of the tar writeInner makes: a header block per
// member, the contents padded to blocks, and the two closing blocks. The
// names are short and the sizes small enough for a plain USTAR header.
func innerTarSize(members []archiveMember) int64 {
	n := int64(2 * tarBlock)
	for _, m := range members {
		n += tarBlock + (m.size+tarBlock-1)/tarBlock*tarBlock
	}
	return n
}

// sealedSize is the size of age's payload for plain bytes of plaintext:
// 64 KiB chunks, each with a 16-byte tag, and at least one chunk.
func sealedSize(plain int64) int64 {
	const chunk, tag = 64 << 10, 16
	chunks := max(1, (plain+chunk-1)/chunk)
	return plain + chunks*tag
}

// writeArchive writes the outer tar. The sealed member streams: its size,
// which the tar header needs first, is the age header age.Encrypt writes
// up front plus the payload size that follows from the plaintext's.
func writeArchive(w io.Writer, identity []byte, members []archiveMember, recipients []age.Recipient, now time.Time) error {
	now = now.UTC().Truncate(time.Second)
	tw := tar.NewWriter(w)
	put := func(name string, data []byte) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), ModTime: now,
			Typeflag: tar.TypeReg, Format: tar.FormatUSTAR}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	if err := put(archiveReadme, []byte(archiveReadmeText)); err != nil {
		return err
	}
	if err := put(archiveIdentity, identity); err != nil {
		return err
	}
	var head bytes.Buffer
	sw := &switchWriter{w: &head}
	ew, err := age.Encrypt(sw, recipients...)
	if err != nil {
		return err
	}
	plain := innerTarSize(members)
	if err := tw.WriteHeader(&tar.Header{Name: archiveSealed, Mode: 0o600, ModTime: now,
		Size: int64(head.Len()) + sealedSize(plain), Typeflag: tar.TypeReg, Format: tar.FormatUSTAR}); err != nil {
		return err
	}
	if _, err := tw.Write(head.Bytes()); err != nil {
		return err
	}
	sw.w = tw
	if err := writeInner(ew, members, now); err != nil {
		return err
	}
	if err := ew.Close(); err != nil {
		return err
	}
	// Close fails if the sealed member came out another size than its
	// header says: never a silently broken archive.
	return tw.Close()
}

// writeInner writes the tar that is sealed: vault.age and the documents.
func writeInner(w io.Writer, members []archiveMember, now time.Time) error {
	tw := tar.NewWriter(w)
	for _, m := range members {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Mode: 0o600, Size: m.size, ModTime: now,
			Typeflag: tar.TypeReg, Format: tar.FormatUSTAR}); err != nil {
			return err
		}
		n, err := io.Copy(tw, io.NewSectionReader(m.f, 0, m.size))
		if err != nil {
			return fmt.Errorf("reading %s: %w", m.name, err)
		}
		if n != m.size {
			return fmt.Errorf("reading %s: %w", m.name, io.ErrUnexpectedEOF)
		}
	}
	return tw.Close()
}

// switchWriter writes to w, which can be changed between writes.
type switchWriter struct{ w io.Writer }

func (s *switchWriter) Write(p []byte) (int, error) { return s.w.Write(p) }

// Staged is a backup archive unpacked and checked beside the folder it is
// to be restored to, not yet in place. Its Vault is open (and locked) on
// the staging folder so the caller can check the caseload and its
// documents; Commit then puts it in place, Discard throws it away.
type Staged struct {
	Vault  *Vault
	Image  []byte // the database image, decrypted and authenticated
	target string
	dir    string // the staging folder, beside target
	force  bool
	// Replaced is where Commit moved the vault it replaced, if any.
	Replaced string
}

// RestoreArchive unpacks the backup archive at path beside dir, the
// folder it is to be restored to, and opens it with the passphrase of the
// time of the backup: every byte is authenticated before Commit can put
// it in place. dir must not exist or be empty, unless force; a vault in
// dir must not be open (ErrInUse).
//
// Errors: ErrVaultExists (dir holds files, without force), ErrNotBackup,
// ErrDamaged (the archive fails authentication or is cut short, inside a
// *FileError naming the backup), ErrWrongPassphrase, and Open's.
func RestoreArchive[P Passphrase](path, dir string, passphrase P, force bool, o *Options) (*Staged, error) {
	dir = filepath.Clean(dir)
	if err := checkTarget(dir, force); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, fmt.Errorf("restoring: %w", err)
	}
	staging, err := os.MkdirTemp(parent, ".caseload-restore-*")
	if err != nil {
		return nil, fmt.Errorf("restoring: %w", diskErr(err))
	}
	st := &Staged{target: dir, dir: staging, force: force}
	var uo unlockOptions
	if o != nil {
		uo = unlockOptions{ui: o.Keys, timeout: o.KeyTimeout}
	}
	if err := unpackArchive(path, staging, passphrase, uo); err != nil {
		os.RemoveAll(staging)
		return nil, err
	}
	v, image, err := Open(staging, passphrase, o)
	if err != nil {
		os.RemoveAll(staging)
		if errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotVault) {
			return nil, fmt.Errorf("restoring: %w", &FileError{Name: filepath.Base(path), Err: err})
		}
		return nil, fmt.Errorf("restoring: %w", err)
	}
	st.Vault, st.Image = v, image
	return st, nil
}

// RestoreArchiveRecovery is RestoreArchive for a coach who no longer
// knows the passphrase the backup was made with: the recovery key opens
// the archive, and once every byte of it has been authenticated,
// newPassphrase is asked for and the staged vault is recovered with it
// (see Recover: a new vault key, identity.age sealed with the new
// passphrase). The recovery key stays valid.
//
// Errors: RestoreArchive's, with ErrWrongRecoveryKey for a key that is
// malformed or does not open the archive, and newPassphrase's.
func RestoreArchiveRecovery(path, dir, recoveryKey string, newPassphrase func() ([]byte, error), force bool, o *Options) (*Staged, error) {
	recovery, err := age.ParseHybridIdentity(strings.TrimSpace(recoveryKey))
	if err != nil {
		// age's message is not wrapped: it could quote the key.
		return nil, fmt.Errorf("restoring: %w: malformed key", ErrWrongRecoveryKey)
	}
	dir = filepath.Clean(dir)
	if err := checkTarget(dir, force); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return nil, fmt.Errorf("restoring: %w", err)
	}
	staging, err := os.MkdirTemp(parent, ".caseload-restore-*")
	if err != nil {
		return nil, fmt.Errorf("restoring: %w", diskErr(err))
	}
	fail := func(err error) (*Staged, error) {
		os.RemoveAll(staging)
		return nil, err
	}
	if err := unpackWith(path, staging, func() (age.Identity, error) { return recovery, nil }, true); err != nil {
		return fail(err)
	}
	p, err := newPassphrase()
	if err != nil {
		return fail(err)
	}
	defer clear(p)
	v, image, err := Recover(staging, recoveryKey, p, o)
	if err != nil {
		if errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotVault) {
			return fail(fmt.Errorf("restoring: %w", &FileError{Name: filepath.Base(path), Err: err}))
		}
		return fail(fmt.Errorf("restoring: %w", err))
	}
	return &Staged{Vault: v, Image: image, target: dir, dir: staging, force: force}, nil
}

// checkTarget refuses a folder that holds anything, unless force.
func checkTarget(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("restoring: %w", err)
	}
	if len(entries) > 0 && !force {
		return fmt.Errorf("restoring: %w: %s is not empty", ErrVaultExists, dir)
	}
	return nil
}

// unpackArchive checks the passphrase on the archive's identity.age and
// unpacks the sealed tar into staging. The sealed part is decrypted as it
// streams, so a damaged chunk fails midway; the caller then removes the
// staging folder, and nothing of it was ever in place.
func unpackArchive[P Passphrase](path, staging string, passphrase P, uo unlockOptions) error {
	pass, raw := newSecret(passphrase), rawSecret(passphrase)
	defer pass.wipe()
	defer raw.wipe()
	return unpackWith(path, staging, func() (age.Identity, error) {
		k, err := readIdentity(osFS{}, staging, pass, raw, uo)
		if err != nil {
			return nil, err
		}
		return k.identity, nil
	}, false)
}

// unpackWith is unpackArchive with what opens the sealed member: the
// vault key from identity.age (already written to staging when open is
// called), or the recovery key.
func unpackWith(path, staging string, open func() (age.Identity, error), recovering bool) error {
	f, err := openNoBlock(path)
	if err != nil {
		return fmt.Errorf("restoring: %w", err)
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return fmt.Errorf("restoring: %w", err)
	} else if !info.Mode().IsRegular() {
		return fmt.Errorf("restoring: %s: %w", path, ErrNotRegular)
	}
	name := filepath.Base(path)
	bad := func(err error) error {
		return fmt.Errorf("restoring: %w", &FileError{Name: name, Err: fmt.Errorf("%w: %v", ErrDamaged, err)})
	}
	tr := tar.NewReader(f)
	var id age.Identity
	sealed := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if id == nil {
				return fmt.Errorf("restoring: %s: %w", name, ErrNotBackup)
			}
			return bad(err)
		}
		switch h.Name {
		case archiveReadme:
		case archiveIdentity:
			if h.Size > 1<<20 {
				return bad(errors.New("identity.age is too large"))
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				return bad(err)
			}
			if err := writeFileSync(filepath.Join(staging, identityFile), data); err != nil {
				return fmt.Errorf("restoring: %w", diskErr(err))
			}
			k, err := open()
			if err != nil {
				if errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotVault) {
					return bad(err)
				}
				return fmt.Errorf("restoring: %w", err)
			}
			id = k
		case archiveSealed:
			if id == nil {
				return bad(errors.New("vault.tar.age comes before identity.age"))
			}
			if err := unpackSealed(tr, staging, id); err != nil {
				switch {
				case errors.Is(err, ErrDiskFull):
					return fmt.Errorf("restoring: %w", err)
				case noMatch(err) && recovering:
					return fmt.Errorf("restoring: %w", ErrWrongRecoveryKey)
				}
				return bad(err)
			}
			sealed = true
		default:
			return bad(fmt.Errorf("unexpected member %q", h.Name))
		}
	}
	if id == nil || !sealed {
		return fmt.Errorf("restoring: %s: %w", name, ErrNotBackup)
	}
	if err := syncDir(staging); err != nil {
		return fmt.Errorf("restoring: %w", err)
	}
	return nil
}

// unpackSealed decrypts the sealed tar and writes its members into
// staging: vault.age, files/<id>.age and journal/<device>-<seq>.age,
// nothing else.
func unpackSealed(r io.Reader, staging string, id age.Identity) error {
	dr, err := age.Decrypt(r, id)
	if err != nil {
		return err
	}
	tr := tar.NewReader(dr)
	sawVault := false
	madeFiles, madeJournal := false, false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		id, isDoc := strings.CutPrefix(name, filesDir+"/")
		id, _ = strings.CutSuffix(id, ".age")
		switch {
		case h.Typeflag != tar.TypeReg:
			return fmt.Errorf("unexpected member %q", h.Name)
		case name == vaultFile:
			sawVault = true
		case isEntry(name):
			if !madeJournal {
				if err := os.Mkdir(filepath.Join(staging, journalDir), 0o700); err != nil {
					return err
				}
				madeJournal = true
			}
		case isDoc && validBlobID(id) && name == filesDir+"/"+id+".age":
			if !madeFiles {
				if err := os.Mkdir(filepath.Join(staging, filesDir), 0o700); err != nil {
					return err
				}
				madeFiles = true
			}
		default:
			return fmt.Errorf("unexpected member %q", h.Name)
		}
		if h.Size > maxFileSize {
			return fmt.Errorf("%s is too large", name)
		}
		if err := copyFileSync(filepath.Join(staging, filepath.FromSlash(name)), tr); err != nil {
			return err
		}
	}
	// Reading to the end authenticates the last chunk.
	if _, err := io.Copy(io.Discard, dr); err != nil {
		return err
	}
	if !sawVault {
		return errors.New("no vault.age in the archive")
	}
	if madeFiles {
		if err := syncDir(filepath.Join(staging, filesDir)); err != nil {
			return err
		}
	}
	if madeJournal {
		if err := syncDir(filepath.Join(staging, journalDir)); err != nil {
			return err
		}
	}
	return nil
}

// isEntry reports whether name (cleaned, with forward slashes) is a
// journal entry's place in the vault folder: journal/<device>-<seq>.age.
func isEntry(name string) bool {
	base, ok := strings.CutPrefix(name, journalDir+"/")
	if !ok || strings.ContainsAny(base, `/\`) || base == "." || base == ".." {
		return false
	}
	_, _, ok = parseEntryName(base)
	return ok
}

// writeFileSync writes a new file and fsyncs it.
func writeFileSync(name string, data []byte) error {
	return copyFileSync(name, bytes.NewReader(data))
}

// copyFileSync makes a new file with what r holds, and fsyncs it.
func copyFileSync(name string, r io.Reader) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return diskErr(err)
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return diskErr(err)
}

// Discard closes the staged vault and removes the staging folder.
func (s *Staged) Discard() error {
	err := s.Vault.Close()
	if rerr := os.RemoveAll(s.dir); err == nil {
		err = rerr
	}
	return err
}

// Commit closes the staged vault and puts it in place of the target
// folder with a rename, so that a crash at any point leaves the target
// either absent or whole: never half a vault. A target that held files
// (with force) is not deleted but moved aside beside it, its name in
// Replaced; an empty target folder is removed first.
func (s *Staged) Commit() error {
	if err := s.Vault.Close(); err != nil {
		return fmt.Errorf("restoring: %w", err)
	}
	entries, err := os.ReadDir(s.target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("restoring: %w", err)
	case len(entries) == 0:
		if err := os.Remove(s.target); err != nil {
			return fmt.Errorf("restoring: %w", err)
		}
	case !s.force:
		return fmt.Errorf("restoring: %w: %s is not empty", ErrVaultExists, s.target)
	default:
		// The vault there must not be open: its window would go on
		// saving into the folder moved aside.
		lock, err := lockFile(filepath.Join(s.target, lockName))
		if err != nil {
			return fmt.Errorf("restoring: %w", err)
		}
		unlockFile(lock)
		aside := s.target + ".replaced-" + s.Vault.now().UTC().Format(stampLayout)
		if err := os.Rename(s.target, aside); err != nil {
			return fmt.Errorf("restoring: moving the old vault aside: %w", err)
		}
		s.Replaced = aside
	}
	if err := os.Rename(s.dir, s.target); err != nil {
		if s.Replaced != "" && os.Rename(s.Replaced, s.target) == nil {
			s.Replaced = ""
		}
		return fmt.Errorf("restoring: %w", err)
	}
	if err := syncDir(filepath.Dir(s.target)); err != nil {
		return fmt.Errorf("restoring: syncing folder: %w", err)
	}
	return nil
}
