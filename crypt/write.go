package crypt

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"path/filepath"
)

// Names in the vault folder.
const (
	vaultFile    = "vault.age"
	identityFile = "identity.age"
	lockName     = "lock"
	filesDir     = "files"
	backupsDir   = "backups"

	// Temp files are hidden and end in .tmp; Open sweeps up what a killed
	// process left behind (ciphertext, but clutter).
	vaultTemp    = ".vault-*.tmp"
	identityTemp = ".identity-*.tmp"
	blobTemp     = ".blob-*.tmp"
	backupTemp   = ".backup-*.tmp"

	// maxFileSize bounds what is read into memory: a caseload image is tens
	// of megabytes, a scan a few; a multi-gigabyte file is not ours.
	maxFileSize = 1<<31 - 2
)

// tempPatterns are the temp files Open may sweep up.
var tempPatterns = []string{vaultTemp, identityTemp, blobTemp, backupTemp}

// written describes a temp file that was written, fsynced, read back and
// found identical.
type written struct {
	name string
	size int64
	sum  [sha256.Size]byte
	info fs.FileInfo // of the temp file; after a rename, of the target
}

// hashWriter hashes and counts what reached the file. A short write
// without an error is turned into one, so no caller can miss it.
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	return n, err
}

// writeTemp creates a temp file in dir, lets fill stream into it through a
// bufSize buffer, fsyncs it, reads it back and compares, and closes it. On
// any failure the temp file is removed and the error returned: a file whose
// write or fsync failed is never written to again (after a failed fsync the
// kernel may have dropped the dirty pages and a retry would "succeed").
func writeTemp(fsys fsys, dir, pattern string, bufSize int, fill func(io.Writer) error) (_ *written, err error) {
	f, err := fsys.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("creating temp file: %w", diskErr(err))
	}
	name := f.Name()
	open := true
	defer func() {
		if err != nil {
			if open {
				f.Close()
			}
			fsys.Remove(name)
		}
	}()

	hw := &hashWriter{w: f, h: sha256.New()}
	bw := bufio.NewWriterSize(hw, bufSize)
	if err := fill(bw); err != nil {
		return nil, fmt.Errorf("writing temp file: %w", diskErr(err))
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("writing temp file: %w", diskErr(err))
	}
	// (The file's name is in the *PathError of each of these.)
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("syncing temp file: %w", diskErr(err))
	}
	w := &written{name: name, size: hw.n}
	hw.h.Sum(w.sum[:0])
	if err := readBack(f, w.size, w.sum, bufSize); err != nil {
		return nil, fmt.Errorf("reading back %s: %w", filepath.Base(name), err)
	}
	if w.info, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("inspecting temp file: %w", err)
	}
	open = false
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("closing temp file: %w", diskErr(err))
	}
	return w, nil
}

// errReadBack means the file holds other bytes than were written.
var errReadBack = errors.New("file differs from what was written")

// readBack re-reads the whole file and compares its hash with the one
// taken while writing. Right after an fsync this mostly reads the page
// cache, so it catches our own mistakes and lying layers between us and
// the cache (short writes, a misbehaving FUSE or network share) rather
// than failing media.
func readBack(f io.ReaderAt, size int64, want [sha256.Size]byte, bufSize int) error {
	h := sha256.New()
	buf := make([]byte, min(int64(bufSize), max(size, 1)))
	if _, err := io.CopyBuffer(h, io.NewSectionReader(f, 0, size), buf); err != nil {
		return err
	}
	// Nothing may follow what was written.
	if n, err := f.ReadAt(buf[:1], size); n != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = errReadBack
		}
		return err
	}
	var got [sha256.Size]byte
	if !bytes.Equal(h.Sum(got[:0]), want[:]) {
		return errReadBack
	}
	return nil
}

// writeAtomic replaces dir/name with what fill writes: temp file, fsync,
// read back, rename, fsync the folder. Readers see the old file or the new
// one, never a mix, and after a crash at any point one of the two is whole.
func writeAtomic(fsys fsys, dir, name, pattern string, fill func(io.Writer) error) error {
	w, err := writeTemp(fsys, dir, pattern, 64<<10, fill)
	if err != nil {
		return err
	}
	if err := fsys.Rename(w.name, filepath.Join(dir, name)); err != nil {
		fsys.Remove(w.name)
		return fmt.Errorf("replacing %s: %w", name, err)
	}
	if err := fsys.SyncDir(dir); err != nil {
		return fmt.Errorf("syncing folder %s: %w", dir, err)
	}
	return nil
}

// readFile reads a whole file and returns its bytes with the FileInfo of
// the very file read (not of whatever the name points at afterwards).
func readFile(fsys fsys, name string) ([]byte, fs.FileInfo, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if info.Size() > maxFileSize {
		return nil, nil, fmt.Errorf("%s is too large (%d bytes)", filepath.Base(name), info.Size())
	}
	// One byte more than the size, to see the end without a regrow.
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, info, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if len(data) == cap(data) { // the file grew while we read it
			if len(data) > maxFileSize {
				return nil, nil, fmt.Errorf("%s is too large", filepath.Base(name))
			}
			data = append(data, 0)[:len(data)]
		}
	}
}

// hashFile hashes a file and returns the FileInfo of the file hashed.
func hashFile(fsys fsys, name string) ([sha256.Size]byte, fs.FileInfo, error) {
	var sum [sha256.Size]byte
	f, err := fsys.Open(name)
	if err != nil {
		return sum, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return sum, nil, err
	}
	h := sha256.New()
	if _, err := io.CopyBuffer(h, f, make([]byte, 1<<20)); err != nil {
		return sum, nil, err
	}
	h.Sum(sum[:0])
	return sum, info, nil
}

// removeStaleTemps deletes temp files a killed process left in the vault
// folder. Only called with the lock held, so none of them is being written.
func removeStaleTemps(fsys fsys, dir string) {
	for _, d := range []string{dir, filepath.Join(dir, filesDir), filepath.Join(dir, backupsDir)} {
		entries, err := fsys.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			for _, p := range tempPatterns {
				if ok, _ := filepath.Match(p, e.Name()); ok && e.Type().IsRegular() {
					fsys.Remove(filepath.Join(d, e.Name()))
				}
			}
		}
	}
}
