package store

import (
	"bytes"
	"compress/flate"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// A record's text is most of a caseload, and it is stored compressed:
// raw DEFLATE behind a version byte, in a BLOB. Shorter texts, and texts
// that would not shrink, stay TEXT as they are. At 1,000 invented clients
// this halves the records (14.8 to 7.8 MB) and takes the image from 1.68
// to about 1.25 times the raw text; every save and unlock moves that much
// less.
//
// The full-text index reads the text through the view records_text, which
// unpacks it with the SQL function caseload_text; the triggers that keep
// the index up to date do the same (migration 0003).
//
// Compressing before encrypting can leak, through the length of the
// result, whether text an attacker slipped into a record matches text
// beside it. Here each record is compressed on its own, the whole vault is
// sealed after every edit, and its length is all a sync provider sees:
// guessing a word would take thousands of edits of the coach's own notes.

// packMin is the shortest text worth compressing.
const packMin = 64

// packV1 opens a packed text: raw DEFLATE follows.
const packV1 = 0x01

var (
	packers   = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }}
	unpackers = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// packText is what a record text is stored as: s itself when short or
// incompressible, else its packed bytes.
func packText(s string) any {
	if len(s) < packMin {
		return s
	}
	var buf bytes.Buffer
	buf.Grow(len(s)/2 + 16)
	buf.WriteByte(packV1)
	w := packers.Get().(*flate.Writer)
	w.Reset(&buf)
	_, err := io.WriteString(w, s)
	if err == nil {
		err = w.Close()
	}
	packers.Put(w)
	if err != nil || buf.Len() >= len(s) {
		return s
	}
	return buf.Bytes()
}

// errPacked means a stored text could not be unpacked.
var errPacked = errors.New("a stored text is damaged")

// unpackText reverses packText for a stored BLOB.
func unpackText(b []byte) (string, error) {
	if len(b) == 0 || b[0] != packV1 {
		return "", fmt.Errorf("%w: unknown format", errPacked)
	}
	r := unpackers.Get().(io.ReadCloser)
	defer unpackers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b[1:]), nil); err != nil {
		return "", fmt.Errorf("%w: %w", errPacked, err)
	}
	var out strings.Builder
	out.Grow(len(b) * 3)
	if _, err := io.Copy(&out, r); err != nil {
		return "", fmt.Errorf("%w: %w", errPacked, err)
	}
	return out.String(), nil
}

// storedText scans a record text column, packed or not, into a string.
type storedText struct{ s *string }

func (t storedText) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*t.s = ""
	case string:
		*t.s = v
	case []byte:
		s, err := unpackText(v)
		*t.s = s
		return err
	default:
		return fmt.Errorf("a stored text of type %T", v)
	}
	return nil
}

// The SQL side: caseload_text(x) unpacks a stored text and passes any
// other value through; caseload_pack(x) packs a TEXT, for migrations.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("caseload_text", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			if b, ok := args[0].([]byte); ok {
				return unpackText(b)
			}
			return args[0], nil
		})
	sqlite.MustRegisterDeterministicScalarFunction("caseload_pack", 1,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			if s, ok := args[0].(string); ok {
				return packText(s), nil
			}
			return args[0], nil
		})
}
