package crypt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"filippo.io/age"
)

// Blobs keeps attachments (a CV, a letter, a scan) in files/<id>.age, each
// sealed to a fresh hybrid key of its own that lives only in the database
// row. Deleting the row makes every copy of the file unreadable at once —
// a synced folder, a disk image, an old backup of files/ — which is the
// point (crypto-shredding). It implements store.Blobs.
type Blobs struct {
	v *Vault
}

// Blobs returns the attachment store of the vault. It works while the
// vault is open.
func (v *Vault) Blobs() *Blobs { return &Blobs{v: v} }

// blobIDBytes is the random part of an id: 128 bits, so ids never collide
// and say nothing about the attachment.
const blobIDBytes = 16

// validBlobID accepts only ids Put makes: lowercase hex of the right
// length. Nothing else can name a path outside files/.
func validBlobID(id string) bool {
	if len(id) != 2*blobIDBytes {
		return false
	}
	for _, c := range []byte(id) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// open returns the vault's folder and file system, or errClosed; to
// write, ErrReadOnly for a snapshot.
func (b *Blobs) open(write bool) (string, fsys, error) {
	b.v.mu.Lock()
	defer b.v.mu.Unlock()
	if b.v.keys == nil {
		return "", nil, errClosed
	}
	if write {
		if err := b.v.writable(); err != nil {
			return "", nil, err
		}
	}
	return b.v.path(filesDir), b.v.fs, nil
}

// Put seals data to a fresh key under a fresh random id, atomically (temp
// file, fsync, read back, rename), and returns the id and the key. The key
// is a secret: it belongs in the database, never in a log.
func (b *Blobs) Put(data []byte) (id, key string, err error) {
	dir, fsys, err := b.open(true)
	if err != nil {
		return "", "", fmt.Errorf("storing attachment: %w", err)
	}
	identity, err := age.GenerateHybridIdentity()
	if err != nil {
		return "", "", fmt.Errorf("storing attachment: %w", err)
	}
	if err := fsys.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("storing attachment: %w", err)
	}
	id = randomHex(blobIDBytes)
	recipient := identity.Recipient()
	err = writeAtomic(fsys, dir, id+".age", blobTemp, func(w io.Writer) error {
		return encrypt(w, data, recipient)
	})
	if err != nil {
		return "", "", fmt.Errorf("storing attachment: %w", diskErr(err))
	}
	return id, identity.String(), nil
}

// Get returns the attachment's contents, decrypted in full before anything
// is returned: damage anywhere (ErrDamaged) yields an error, never part of
// the file. A key that does not open the file is reported as ErrDamaged
// too: the key comes from the database, so the file is not the one it was.
// A missing file wraps fs.ErrNotExist.
func (b *Blobs) Get(id, key string) ([]byte, error) {
	if !validBlobID(id) {
		return nil, fmt.Errorf("reading attachment: invalid id %q", id)
	}
	dir, fsys, err := b.open(false)
	if err != nil {
		return nil, fmt.Errorf("reading attachment %s: %w", id, err)
	}
	plain, err := getBlob(fsys, dir, id, key)
	if err != nil {
		return nil, fmt.Errorf("reading attachment %s: %w", id, fileErr(filesDir+"/"+id+".age", err))
	}
	return plain, nil
}

// getBlob reads and decrypts files/<id>.age in full.
func getBlob(fsys fsys, dir, id, key string) ([]byte, error) {
	identity, err := age.ParseHybridIdentity(key)
	if err != nil {
		// age's message is not wrapped: it could quote the key.
		return nil, fmt.Errorf("%w: malformed key", ErrDamaged)
	}
	data, _, err := readFile(fsys, filepath.Join(dir, id+".age"))
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(ageIntro)) {
		return nil, fmt.Errorf("%w: not an age file", ErrDamaged)
	}
	p := &probe{Identity: identity}
	plain, err := decryptAll(data, p)
	if err != nil {
		if noMatch(err) {
			return nil, fmt.Errorf("%w: the key does not open it", ErrDamaged)
		}
		return nil, damaged(err, p)
	}
	return plain, nil
}

// Remove deletes the attachment's file. A missing file is not an error:
// removing is idempotent, so a purge interrupted halfway can run again.
func (b *Blobs) Remove(id string) error {
	if !validBlobID(id) {
		return fmt.Errorf("removing attachment: invalid id %q", id)
	}
	dir, fsys, err := b.open(true)
	if err != nil {
		return fmt.Errorf("removing attachment %s: %w", id, err)
	}
	err = fsys.Remove(filepath.Join(dir, id+".age"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("removing attachment %s: %w", id, err)
	}
	if err := fsys.SyncDir(dir); err != nil {
		return fmt.Errorf("removing attachment %s: %w", id, err)
	}
	return nil
}

// Check authenticates the attachment in full without keeping its
// contents: nil, or Get's error (ErrDamaged, fs.ErrNotExist, …) inside a
// *FileError naming the file.
func (b *Blobs) Check(id, key string) error {
	plain, err := b.Get(id, key)
	clear(plain)
	return err
}

// List returns the ids of the sealed files in files/, in no set order;
// a vault that never held a document has none. Temp files and names Put
// could not have made are left out.
func (b *Blobs) List() ([]string, error) {
	dir, fsys, err := b.open(false)
	if err != nil {
		return nil, fmt.Errorf("listing attachments: %w", err)
	}
	entries, err := fsys.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing attachments: %w", err)
	}
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".age")
		if ok && validBlobID(id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
