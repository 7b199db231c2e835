package tui

import (
	"context"
	"strings"
	"testing"
)

// studiebegeleiding §8 and mesis "Verwerkers": the coach records the
// practice's processors in the settings (v), and one without a processing
// agreement stands out.
func TestProcessorsFromSettings(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("Sv")
	top[processorsScreen](t, d)
	d.keys("n[ctrl+s]")
	if v := d.view(); !strings.Contains(v, "Give the processor's name") {
		t.Fatalf("a processor without a name was not refused:\n%s", v)
	}
	d.keys("Laposta B.V.[tab]nieuwsbrief: naam en e-mail[tab]Nederland[tab][right][ctrl+s]")
	m := top[processorsScreen](t, d)
	if len(m.items) != 1 || m.items[0].Name != "Laposta B.V." || m.items[0].Agreement {
		t.Fatalf("processors %+v", m.items)
	}
	if v := d.view(); !strings.Contains(v, "no — arrange one") {
		t.Errorf("a missing agreement does not stand out:\n%s", v)
	}
	d.keys("e[tab][tab][tab][left][ctrl+s]")
	if m := top[processorsScreen](t, d); !m.items[0].Agreement {
		t.Errorf("after marking the agreement: %+v", m.items)
	}
	d.keys("dy")
	if m := top[processorsScreen](t, d); len(m.items) != 0 || s.count("DeleteProcessor") != 1 {
		t.Errorf("after deleting: %+v", m.items)
	}
}

// mesis "binnen vier weken": the practice form takes the answer target, and
// refuses one longer than the legal month.
func TestPracticeAnswerTarget(t *testing.T) {
	s := retentionStoreForTest(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("Sp" + strings.Repeat("[tab]", 9) + "40[ctrl+s]")
	if v := d.view(); !strings.Contains(v, "A number of days from 1 to 31") {
		t.Fatalf("a target of 40 days was not refused:\n%s", v)
	}
	d.keys("[ctrl+u]28[ctrl+s]")
	top[settingsScreen](t, d)
	if got := must[int](t)(s.AnswerTarget(context.Background())); got != 28 {
		t.Errorf("target = %d, want 28", got)
	}
	if v := d.view(); !strings.Contains(v, "28 days (the law: one month)") {
		t.Errorf("settings do not show the target:\n%s", v)
	}
}
