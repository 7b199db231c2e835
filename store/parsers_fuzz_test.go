package store

import (
	"bytes"
	"errors"
	"io/fs"
	"testing"
)

// FuzzParseTemplate: a template body is text the coach typed or pasted
// from anywhere; the parser never panics and every refusal is a
// *TemplateError naming a line of the body.
func FuzzParseTemplate(f *testing.F) {
	names, _ := fs.Glob(shippedTemplates, "templates/*.txt")
	for _, n := range names[:min(len(names), 6)] {
		b, _ := fs.ReadFile(shippedTemplates, n)
		f.Add(string(b))
	}
	f.Add("% name: x\n{{client.name")
	f.Add("% name: x\r\nHallo {{#records}} {{/records}}\n")
	f.Fuzz(func(t *testing.T, body string) {
		_, err := ParseTemplate(body)
		if err == nil {
			return
		}
		var te *TemplateError
		if !errors.As(err, &te) {
			t.Fatalf("not a TemplateError: %T %v", err, err)
		}
		if lines := bytes.Count([]byte(body), []byte("\n")) + 1; te.Line < 1 || te.Line > lines {
			t.Fatalf("line %d of a body of %d lines", te.Line, lines)
		}
	})
}

// FuzzDecodeChanges: the changes a journal entry carries (another
// device's saves) are cut apart without panicking, and what is cut apart
// puts back together to the same bytes.
func FuzzDecodeChanges(f *testing.F) {
	f.Add(encodeChanges([][]byte{[]byte("a change"), nil, []byte("another")}))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Add([]byte{5, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		sets, err := decodeChanges(b)
		if err != nil {
			return
		}
		if again := encodeChanges(sets); !bytes.Equal(again, b) && len(b) > 0 {
			// A length written with more bytes than needed decodes the same;
			// the sets must still come back.
			back, err := decodeChanges(again)
			if err != nil || len(back) != len(sets) {
				t.Fatalf("%d sets do not encode back: %v", len(sets), err)
			}
		}
	})
}
