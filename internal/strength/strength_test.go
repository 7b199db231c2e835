package strength

import "testing"

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		p    string
		want Reason
	}{
		{"kort", TooShort},
		{"aaaaaaaaaa", Repeated},
		{"          ", Repeated},
		{"abcabcabcabc", Repeated},
		{"abcdefghijkl", Sequence},
		{"9876543210a", Sequence},
		{"1234567890", Common},
		{"zxcvbnm,./", Keyboard},
		{"qwertyuiop", Common},
		{"password123", Common},
		{"P@ssw0rd2024", Common},
		{"Gerrit plant tulpen in de herfst", OK},
		{"anchor-velvet-orbit-tissue-cradle-humble", OK},
		{"correct horse battery staple", OK},
	} {
		if got := Check(tc.p); got.Reason != tc.want {
			t.Errorf("Check(%q) = %+v, want reason %d", tc.p, got, tc.want)
		}
	}
	if Check("caseload2026").Reason == OK {
		t.Error("the product's own name passes")
	}
}

func TestCheckLongInputIsQuick(t *testing.T) {
	long := make([]byte, 1024)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	Check(string(long)) // must not take seconds: capped at maxRunes
}
