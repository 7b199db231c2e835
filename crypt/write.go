package crypt

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
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
var tempPatterns = []string{vaultTemp, identityTemp, blobTemp, backupTemp, journalTemp}

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
// Every buffer is checksummed with CRC-32C on the filling side while it is
// being written; the read-back compares against it. It is there to catch
// short writes and lying layers, not an adversary, and in hardware it
// costs a tenth of what SHA-256 would.
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
	crc  uint32
	// head and tail are the file's ends as written, for its fingerprint.
	head, tail []byte
	n          int64 // bytes handed to the writing goroutine

	mu  sync.Mutex
	err error // the first write error, set by the writing goroutine
}

// bufPool keeps write buffers from one save to the next. Two fresh ones
// per save would be garbage, and a store holding an image-sized buffer
// makes the garbage collector let garbage grow to the image's size before
// it collects: a caseload's memory would creep up by 2 MiB a save.
var bufPool sync.Pool // of *[]byte

// getBuf returns an empty buffer of capacity size.
func getBuf(size int) []byte {
	if p, ok := bufPool.Get().(*[]byte); ok && cap(*p) == size {
		return (*p)[:0]
	}
	return make([]byte, 0, size)
}

// putBuf gives a buffer back for a later save.
func putBuf(b []byte) {
	b = b[:0]
	bufPool.Put(&b)
}

func newPipeWriter(f io.Writer, bufSize int) *pipeWriter {
	p := &pipeWriter{
		cur:  getBuf(bufSize),
		full: make(chan []byte, 2),
		free: make(chan []byte, 2),
		done: make(chan struct{}),
	}
	p.free <- getBuf(bufSize)
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

// flush hands the current buffer to the writing goroutine, checksums it
// while it is being written, and takes the other buffer to fill.
func (p *pipeWriter) flush() {
	if len(p.cur) == 0 {
		return
	}
	buf := p.cur
	p.full <- buf
	// buf is only read from here on, on both sides, and comes back to
	// this side only through free: no copy, and no race.
	p.crc = crc32.Update(p.crc, crcTable, buf)
	if len(p.head) < fingerprintSpan {
		p.head = append(p.head, buf[:min(len(buf), fingerprintSpan-len(p.head))]...)
	}
	p.tail = append(p.tail, buf[max(0, len(buf)-fingerprintSpan):]...)
	if len(p.tail) > fingerprintSpan {
		p.tail = append(p.tail[:0], p.tail[len(p.tail)-fingerprintSpan:]...)
	}
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
	// The read-back runs while fsync waits for the disk: it reads the page
	// cache on another core, and the rename waits for both. It reuses a
	// buffer that the writes are done with.
	w := &written{name: name, size: pw.n}
	back := make(chan error, 1)
	spare := <-pw.free
	go func() { back <- readBack(f, w.size, pw.crc, spare) }()
	// (The file's name is in the *PathError of each of these.)
	serr := f.Sync()
	berr := <-back
	putBuf(spare)
	putBuf(pw.cur)
	if serr != nil {
		return nil, fmt.Errorf("syncing temp file: %w", diskErr(serr))
	}
	if berr != nil {
		return nil, fmt.Errorf("reading back %s: %w", filepath.Base(name), berr)
	}
	w.sum = fingerprint(w.size, pw.head, pw.tail)
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
// 32-bit CRC catches but for one in four billion.
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

// fingerprintSpan is how much of each end of a file its fingerprint reads.
const fingerprintSpan = 64 << 10

// fingerprint identifies a sealed file by its size and the SHA-256 of its
// first and last 64 KiB (head and tail, which overlap in a small file),
// without reading what lies between.
//
// That is enough to tell one seal from another: every seal draws a fresh
// random file key, wrapped anew for each recipient, and the header that
// carries them opens the file, so two seals never share a header. Two
// files with the same header and size but other bytes between can only be
// a damaged copy of the same seal; authentication catches that at the
// next open, and taking it for unchanged loses nothing, since the save
// that replaces it carries everything that seal did and more.
//
// Hashing all of vault.age instead took 25 ms per 35 MiB on every open and
// every save, the largest cost after the encryption itself.
func fingerprint(size int64, head, tail []byte) [sha256.Size]byte {
	var sum [sha256.Size]byte
	h := sha256.New()
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(size))
	h.Write(n[:])
	h.Write(head)
	h.Write(tail)
	h.Sum(sum[:0])
	return sum
}

// readEnds reads the head and the tail that fingerprint covers.
func readEnds(r io.ReaderAt, size int64) (head, tail []byte, err error) {
	span := min(size, fingerprintSpan)
	head, tail = make([]byte, span), make([]byte, span)
	for _, part := range []struct {
		buf []byte
		off int64
	}{{head, 0}, {tail, size - span}} {
		n, err := r.ReadAt(part.buf, part.off)
		if err == io.EOF && n == len(part.buf) {
			err = nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return head, tail, nil
}

// endsReaderAt reads a file whose head and tail were read already,
// serving those from memory: the bytes the fingerprint was taken of are
// then the very bytes that are authenticated, and a read that went wrong
// cannot leave a fingerprint of bytes that were never checked.
type endsReaderAt struct {
	f          io.ReaderAt
	size       int64
	head, tail []byte // tail ends at size
}

func (r *endsReaderAt) ReadAt(p []byte, off int64) (n int, err error) {
	tailStart := r.size - int64(len(r.tail))
	for len(p) > 0 && err == nil {
		if off >= r.size {
			return n, io.EOF
		}
		var k int
		switch {
		case off < int64(len(r.head)):
			k = copy(p, r.head[off:])
		case off >= tailStart:
			k = copy(p, r.tail[off-tailStart:])
		default:
			k, err = r.f.ReadAt(p[:min(int64(len(p)), tailStart-off)], off)
		}
		n, p, off = n+k, p[k:], off+int64(k)
	}
	if err == nil && off == r.size {
		err = io.EOF
	}
	return n, err
}

// fingerprintFile fingerprints a file and returns the FileInfo of the very
// file read.
func fingerprintFile(fsys fsys, name string) ([sha256.Size]byte, fs.FileInfo, error) {
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
	head, tail, err := readEnds(f, info.Size())
	if err != nil {
		return sum, nil, err
	}
	return fingerprint(info.Size(), head, tail), info, nil
}

// removeStaleTemps deletes temp files a killed process left in the vault
// folder. Only called with the lock held, so none of them is being written.
func removeStaleTemps(fsys fsys, dir string) {
	for _, d := range []string{dir, filepath.Join(dir, filesDir), filepath.Join(dir, backupsDir), filepath.Join(dir, journalDir)} {
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
