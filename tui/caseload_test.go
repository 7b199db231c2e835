package tui

import (
	"slices"
	"testing"

	"github.com/caseload/caseload/store"
)

// names lists the clients the caseload shows, in order.
func names(m caseloadModel) []string {
	var out []string
	for _, i := range m.visible {
		out = append(out, m.rows[i].name)
	}
	return out
}

func TestCaseloadTabs(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	for _, want := range [][]string{
		{"Anna de Vries", "Zoë Çelik"},
		{"Fatima el Amrani", "Mehmet Yılmaz", "Sanne Bakker"},
		{"Anna de Vries", "Fatima el Amrani", "Mehmet Yılmaz", "Sanne Bakker", "Zoë Çelik"},
		{"Anna de Vries", "Zoë Çelik"},
	} {
		if got := names(top[caseloadModel](t, d)); !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		d.keys("[tab]")
	}
}

func TestCaseloadFilter(t *testing.T) {
	for _, tt := range []struct {
		lang  Lang
		query string
		want  []string
	}{
		{English, "celik", []string{"Zoë Çelik"}},
		{English, "ZOË", []string{"Zoë Çelik"}},
		{English, "yilmaz", []string{"Mehmet Yılmaz"}},
		{English, "0687", []string{"Zoë Çelik"}},
		{English, "06-1234", []string{"Anna de Vries"}},
		{English, "utrecht", []string{"Anna de Vries"}},
		{English, "example.nl", []string{"Anna de Vries", "Zoë Çelik"}},
		{English, "municipality", []string{"Anna de Vries"}},
		{Dutch, "gemeente", []string{"Anna de Vries"}},
		{English, "nobody", nil},
	} {
		d, _, _ := unlocked(t, newPeopleStore(t), tt.lang, 100, 30)
		d.keys("[tab][tab]/" + tt.query)
		if got := names(top[caseloadModel](t, d)); !slices.Equal(got, tt.want) {
			t.Errorf("%s /%s: got %v, want %v", tt.lang, tt.query, got, tt.want)
		}
	}
}

func TestCaseloadFilterWidensAndClears(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[tab][tab]/anna")
	if got := names(top[caseloadModel](t, d)); !slices.Equal(got, []string{"Anna de Vries"}) {
		t.Fatalf("/anna: %v", got)
	}
	d.keys("[backspace]")
	if got := names(top[caseloadModel](t, d)); !slices.Equal(got, []string{"Anna de Vries", "Sanne Bakker"}) {
		t.Fatalf("/ann: %v", got)
	}
	d.keys("[enter]")
	if m := top[caseloadModel](t, d); m.filtering || m.query != "ann" {
		t.Fatalf("enter should keep the filter: filtering %v query %q", m.filtering, m.query)
	}
	d.keys("[esc]") // esc on the caseload clears an applied filter
	if m := top[caseloadModel](t, d); m.query != "" || len(m.visible) != 5 {
		t.Errorf("esc did not clear the filter: %q, %d rows", m.query, len(m.visible))
	}
}

func TestCaseloadSortByNextAppointment(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[tab][tab]s")
	got := names(top[caseloadModel](t, d))
	want := []string{"Zoë Çelik", "Anna de Vries", "Fatima el Amrani", "Mehmet Yılmaz", "Sanne Bakker"}
	if !slices.Equal(got, want) {
		t.Errorf("by next appointment: %v, want %v", got, want)
	}
}

func TestCaseloadCursorKeepsClient(t *testing.T) {
	d, _, _ := unlocked(t, newPeopleStore(t), English, 100, 30)
	d.keys("[tab][tab]gjj") // Mehmet
	if id := top[caseloadModel](t, d).selectedID(); id != 3 {
		t.Fatalf("selected %d, want 3", id)
	}
	d.keys("s")
	if id := top[caseloadModel](t, d).selectedID(); id != 3 {
		t.Errorf("sorting lost the selection: %d", id)
	}
	d.keys("[enter]")
	if c := top[clientScreen](t, d); c.id != 3 || c.d.client.LastName != "Yılmaz" {
		t.Errorf("opened client %d", c.id)
	}
}

func TestCaseloadNewClientIsSelected(t *testing.T) {
	s := newPeopleStore(t)
	d, _, _ := unlocked(t, s, English, 100, 30)
	d.keys("nNoor[tab]Jansen[ctrl+s]")
	m := top[caseloadModel](t, d)
	if got := m.rows[m.visible[m.list.Cursor]].name; got != "Noor Jansen" {
		t.Errorf("selected %q after creating Noor Jansen", got)
	}
}

func TestRetentionText(t *testing.T) {
	en := newText(English)
	for _, tt := range []struct {
		c    store.Countdown
		want string
	}{
		{store.Countdown{State: store.RetentionRunning}, "—"},
		{store.Countdown{State: store.RetentionCounting, DaysLeft: 412}, "412 d"},
		{store.Countdown{State: store.RetentionSoon, DaysLeft: 23}, "23 d"},
		{store.Countdown{State: store.RetentionUrgent, DaysLeft: 0}, "due today"},
		{store.Countdown{State: store.RetentionOverdue, DaysLeft: -3}, "overdue 3 d"},
		{store.Countdown{State: store.RetentionHold, HoldReason: "complaint"}, "hold: complaint"},
	} {
		if got := retentionText(en, tt.c); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
	}
}
