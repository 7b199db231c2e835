package store

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// A record's text is most of a caseload, and it is stored compressed in
// the form SQLite's own archive format (sqlar) uses, which the stock
// sqlite3 shell reads with its built-in sqlar_uncompress(data, size): a
// zlib stream in a BLOB, with the text's length in bytes in the column
// body_size beside it (migration 0008). Shorter texts, and texts that
// would not shrink, stay TEXT as they are, with body_size their length,
// which sqlar_uncompress passes through. So with caseload gone,
//
//	SELECT CAST(sqlar_uncompress(body, body_size) AS TEXT) FROM records
//
// in the stock shell gives every record's text (docs/recovery.md).
// Caseload registers a function of the same name and meaning, which the
// index's triggers and the view records_text use. (Vaults of schema 3
// held raw DEFLATE behind a version byte; migration 0008 converts them.) At 1,000 invented clients
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
	packers   = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return w }}
	unpackers = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// packText is what a record text is stored as: s itself when short or
// incompressible, else its zlib stream. Its body_size is len(s).
func packText(s string) any {
	if len(s) < packMin {
		return s
	}
	var buf bytes.Buffer
	buf.Grow(len(s)/2 + 16)
	w := packers.Get().(*zlib.Writer)
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

// unpackText reverses packText for a stored BLOB: a zlib stream, or a
// schema 3 text (raw DEFLATE behind packV1).
func unpackText(b []byte) (string, error) {
	if len(b) > 0 && b[0] != packV1 {
		r, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			return "", fmt.Errorf("%w: %w", errPacked, err)
		}
		var out strings.Builder
		out.Grow(len(b) * 3)
		if _, err := io.Copy(&out, r); err != nil {
			return "", fmt.Errorf("%w: %w", errPacked, err)
		}
		return out.String(), nil
	}
	if len(b) == 0 {
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

// sqlarUncompress is the stock sqlite3 shell's sqlar_uncompress: data
// as it is when size is not positive or is data's length, else data
// inflated from zlib into exactly size bytes (a BLOB); a TEXT is always
// passed through. A stream that does
// not inflate to size is an error here (the shell returns NULL): a
// damaged text must not reach the index as if it were one.
func sqlarUncompress(data driver.Value, size int64) (driver.Value, error) {
	var b []byte
	switch d := data.(type) {
	case []byte:
		b = d
	case string:
		// Caseload keeps compressed text only in BLOBs: a TEXT is the
		// text, whatever body_size says (the stock shell would try to
		// inflate it and give NULL; a row written by hand, say).
		return d, nil
	default:
		return data, nil
	}
	if size <= 0 || size == int64(len(b)) {
		return b, nil
	}
	if size > 1<<30 {
		return nil, fmt.Errorf("%w: %d bytes is too large", errPacked, size)
	}
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errPacked, err)
	}
	out := make([]byte, size)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, fmt.Errorf("%w: %w", errPacked, err)
	}
	return out, nil
}

// The SQL side: sqlar_uncompress(data, size) as the stock shell has it;
// caseload_text(x) unpacks a stored text (either format) and passes any
// other value through; caseload_pack(x) packs a TEXT, for migrations.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("sqlar_uncompress", 2,
		func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			size, _ := args[1].(int64)
			return sqlarUncompress(args[0], size)
		})
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
