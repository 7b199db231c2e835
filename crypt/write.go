package crypt

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"path/filepath"
	"sync"
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

// crcTable is CRC-32C, computed in hardware on amd64 and arm64 (~10 GB/s).
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// pipeWriter is the buffered writer between fill and the temp file. It
// fills one buffer while a goroutine of its own writes the other to the
// file, so the caller's encryption and hashing run on one core while the
// write system calls run on another; two buffers of bufSize are all the
// memory it takes, whatever the file's size.
//
// Every buffer is hashed twice on the filling side while it is being
// written: SHA-256, the file's identity for the changed-on-disk check,
// which must stay collision-resistant; and CRC-32C, which the read-back
// compares against, since it is there to catch short writes and lying
// layers, not an adversary, and costs a tenth of a second hash.
//
// Only the writing goroutine touches the file until close returns, so the
// file calls keep the order they had with a plain bufio.Writer. After a
// failed or short write it writes nothing more: the error reaches fill at
// its next Write, and close returns it.
type pipeWriter struct {
	cur  []byte      // being filled by fill
	full chan []byte // to the writing goroutine
	free chan []byte // back from it, written
	done chan struct{}
	sha  hash.Hash
	crc  uint32
	n    int64 // bytes handed to the writing goroutine

	mu  sync.Mutex
	err error // the first write error, set by the writing goroutine
}

func newPipeWriter(f io.Writer, bufSize int) *pipeWriter {
	p := &pipeWriter{
		cur:  make([]byte, 0, bufSize),
		full: make(chan []byte, 2),
		free: make(chan []byte, 2),
		done: make(chan struct{}),
		sha:  sha256.New(),
	}
	p.free <- make([]byte, 0, bufSize)
	go p.write(f)
	return p
}

// write is the writing goroutine.
func (p *pipeWriter) write(f io.Writer) {
	defer close(p.done)
	failed := false
	for buf := range p.full {
		if !failed {
			n, err := f.Write(buf)
			if err == nil && n < len(buf) {
				err = io.ErrShortWrite
			}
			if err != nil {
				failed = true
				p.mu.Lock()
				p.err = err
				p.mu.Unlock()
			}
		}
		p.free <- buf[:0]
	}
}

func (p *pipeWriter) writeErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

func (p *pipeWriter) Write(b []byte) (int, error) {
	if err := p.writeErr(); err != nil {
		return 0, err
	}
	total := len(b)
	for len(b) > 0 {
		n := copy(p.cur[len(p.cur):cap(p.cur)], b)
		p.cur = p.cur[:len(p.cur)+n]
		b = b[n:]
		if len(p.cur) == cap(p.cur) {
			p.flush()
		}
	}
	return total, nil
}

// flush hands the current buffer to the writing goroutine, hashes it
// while it is being written, and takes the other buffer to fill.
func (p *pipeWriter) flush() {
	if len(p.cur) == 0 {
		return
	}
	buf := p.cur
	p.full <- buf
	// buf is only read from here on, on both sides, and comes back to
	// this side only through free: no copy, and no race.
	p.sha.Write(buf)
	p.crc = crc32.Update(p.crc, crcTable, buf)
	p.n += int64(len(buf))
	p.cur = <-p.free
}

// close writes what is left, waits for the writing goroutine and returns
// its error. The caller must call it exactly once, whatever happened.
func (p *pipeWriter) close(flush bool) error {
	if flush && p.writeErr() == nil {
		p.flush()
	}
	close(p.full)
	<-p.done
	return p.writeErr()
}

// writeTemp creates a temp file in dir, lets fill stream into it through a
// bufSize buffer, fsyncs it, reads it back and compares, and closes it. On
// any failure the temp file is removed and the error returned: a file whose
// write or fsync failed is never written to again (after a failed fsync the
// kernel may have dropped the dirty pages and a retry would "succeed").
//
// The writes run on a goroutine of their own while fill produces the next
// buffer (see pipeWriter); every other call on the file is made from the
// caller's goroutine, after the last write returned.
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

	pw := newPipeWriter(f, bufSize)
	ferr := fill(pw)
	werr := pw.close(ferr == nil)
	if werr != nil {
		// The write error, rather than what fill made of it.
		return nil, fmt.Errorf("writing temp file: %w", diskErr(werr))
	}
	if ferr != nil {
		return nil, fmt.Errorf("writing temp file: %w", diskErr(ferr))
	}
	// (The file's name is in the *PathError of each of these.)
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("syncing temp file: %w", diskErr(err))
	}
	w := &written{name: name, size: pw.n}
	pw.sha.Sum(w.sum[:0])
	// The read-back reuses a buffer that the writes are done with.
	if err := readBack(f, w.size, pw.crc, <-pw.free); err != nil {
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

// readBack re-reads the whole file through buf and compares its CRC-32C
// with the one taken while writing. Right after an fsync this mostly reads
// the page cache, so it catches our own mistakes and lying layers between
// us and the cache (short writes, a misbehaving FUSE or network share)
// rather than failing media. Those are accidents, not attacks, which a
// 32-bit CRC catches but for one in four billion; the SHA-256 kept as the
// file's identity is of the same bytes, taken as they were written.
func readBack(f io.ReaderAt, size int64, want uint32, buf []byte) error {
	buf = buf[:cap(buf)]
	if int64(len(buf)) > size {
		buf = buf[:max(size, 1)]
	}
	var crc uint32
	for off := int64(0); off < size; {
		n, err := f.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		crc = crc32.Update(crc, crcTable, buf[:n])
		off += int64(n)
		if err == io.EOF && off < size {
			err = io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			return err
		}
		if n == 0 && err == nil {
			return io.ErrNoProgress
		}
	}
	// Nothing may follow what was written.
	if n, err := f.ReadAt(buf[:1], size); n != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = errReadBack
		}
		return err
	}
	if crc != want {
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

// readPiece is how much readFileHashed reads per call: the hash of one
// piece runs while the next is read.
const readPiece = 1 << 20

// readFileHashed is readFile that also returns the file's SHA-256, taken
// on another goroutine piece by piece as the pieces arrive, so that the
// hash costs next to nothing on top of the read.
func readFileHashed(fsys fsys, name string) ([]byte, fs.FileInfo, [sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, sum, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, sum, err
	}
	if info.Size() > maxFileSize {
		return nil, nil, sum, fmt.Errorf("%s is too large (%d bytes)", filepath.Base(name), info.Size())
	}
	pieces := make(chan []byte, 64)
	hashed := make(chan [sha256.Size]byte, 1)
	go func() {
		h := sha256.New()
		for p := range pieces {
			h.Write(p)
		}
		var s [sha256.Size]byte
		hashed <- [sha256.Size]byte(h.Sum(s[:0]))
	}()
	// One byte more than the size, to see the end without a regrow.
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):min(len(data)+readPiece, cap(data))])
		// A piece is never written again once read: a regrow copies it.
		pieces <- data[len(data) : len(data)+n]
		data = data[:len(data)+n]
		if err == io.EOF {
			close(pieces)
			return data, info, <-hashed, nil
		}
		if err != nil {
			close(pieces)
			<-hashed
			return nil, nil, sum, err
		}
		if len(data) == cap(data) { // the file grew while we read it
			if len(data) > maxFileSize {
				close(pieces)
				<-hashed
				return nil, nil, sum, fmt.Errorf("%s is too large", filepath.Base(name))
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
