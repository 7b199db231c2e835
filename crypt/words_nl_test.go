package crypt

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

func TestDutchWordsAreUnambiguousToHear(t *testing.T) {
	if len(exportWordsNL) != 1024 {
		t.Errorf("%d Dutch words, want 1024", len(exportWordsNL))
	}
	seen := map[string]bool{}
	plain := regexp.MustCompile(`^[a-z]{3,8}$`)
	for _, w := range exportWordsNL {
		if seen[w] {
			t.Errorf("%q twice", w)
		}
		seen[w] = true
		if !plain.MatchString(w) {
			t.Errorf("%q is not 3 to 8 letters a to z", w)
		}
		for _, s := range []string{"ij", "ei", "au", "ou", "ch", "c", "q", "x", "y", "dt"} {
			if strings.Contains(w, s) {
				t.Errorf("%q holds %q, which a listener cannot tell apart", w, s)
			}
		}
		if strings.HasSuffix(w, "d") {
			t.Errorf("%q ends in a d that sounds as t", w)
		}
	}
}

func TestDutchPassphraseIsAsStrongAsTheEnglishOne(t *testing.T) {
	nl := exportPassphraseWordsNL * math.Log2(float64(len(exportWordsNL)))
	en := exportPassphraseWords * math.Log2(float64(len(exportWords)))
	if nl < en {
		t.Errorf("Dutch passphrase %.1f bits, English %.1f", nl, en)
	}
	p := NewExportPassphraseIn("nl")
	words := strings.Split(p, "-")
	if len(words) != exportPassphraseWordsNL {
		t.Fatalf("%q has %d words", p, len(words))
	}
	list := map[string]bool{}
	for _, w := range exportWordsNL {
		list[w] = true
	}
	for _, w := range words {
		if !list[w] {
			t.Errorf("%q is not on the Dutch list", w)
		}
	}
	if en := strings.Split(NewExportPassphraseIn("en"), "-"); len(en) != exportPassphraseWords {
		t.Errorf("English passphrase of %d words", len(en))
	}
	if NewExportPassphraseIn("nl") == p {
		t.Error("two passphrases alike")
	}
}
