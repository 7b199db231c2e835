package tui

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

func TestReaderRevealIsLoggedAndMaskedAgain(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("5j[enter]") // Gezondheid, special
	r := top[recordReader](t, d)
	if r.revealed || strings.Contains(d.view(), "rugklachten") {
		t.Fatalf("special record shown unmasked:\n%s", d.view())
	}
	if !strings.Contains(d.view(), "press v to reveal; the reveal is logged") {
		t.Fatalf("no mask:\n%s", d.view())
	}
	reveals := countOf(s.auditActions(t), store.AuditReveal)
	d.keys("v")
	if !strings.Contains(d.view(), "rugklachten") {
		t.Fatalf("v did not reveal:\n%s", d.view())
	}
	if got := countOf(s.auditActions(t), store.AuditReveal); got != reveals+1 {
		t.Errorf("reveals logged: %d, want %d", got, reveals+1)
	}
	if top[recordReader](t, d).keys.Reveal.Enabled() {
		t.Error("v still offered after the reveal")
	}
	d.send(shownMsg{}) // back from the editor, say
	if strings.Contains(d.view(), "rugklachten") {
		t.Error("text still shown when the reader came back")
	}
}

func countOf(xs []string, x string) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}

func TestReaderScrollsLongRecord(t *testing.T) {
	s := newPeopleStore(t)
	var b strings.Builder
	for i := range 200 {
		b.WriteString("Regel ")
		b.WriteString(strings.Repeat("woord ", i%30))
		b.WriteString("\n")
	}
	long := must[store.Record](t)(s.Store.SaveRecord(context.Background(), store.Record{ClientID: 1,
		Kind: store.KindNote, Title: "Lang", Date: day(2026, 1, 20), Body: b.String()}))
	d := openAnna(t, s, English)
	d.keys("5[enter]")
	r := top[recordReader](t, d)
	if r.record.ID != long.ID || !r.keys.Down.Enabled() {
		t.Fatalf("record %d, scrolling %v", r.record.ID, r.keys.Down.Enabled())
	}
	d.keys("[pgdown]jj")
	if r := top[recordReader](t, d); r.vp.YOffset == 0 {
		t.Error("did not scroll")
	}
	d.keys("G")
	if r := top[recordReader](t, d); !r.vp.AtBottom() {
		t.Error("G did not go to the end")
	}
	for _, l := range strings.Split(d.view(), "\n") {
		if w := len([]rune(l)); w > 100 {
			t.Fatalf("line wider than the window: %d", w)
		}
	}
}

func TestReaderEditSpecialAsksFirst(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("5je")
	if d.model().prompt == nil || !strings.Contains(d.view(), "is special category. Reveal it to edit?") {
		t.Fatalf("no question before revealing in the editor:\n%s", d.view())
	}
	d.keys("y")
	e := top[recordEditor](t, d)
	if s.count("RevealRecord") != 1 || !strings.Contains(e.form.Get("body"), "rugklachten") {
		t.Fatalf("editor not loaded through RevealRecord: %d, %q", s.count("RevealRecord"), e.form.Get("body"))
	}
	if e.form.Get("special") != "yes" || e.form.Get("title") != "Gezondheid" {
		t.Errorf("fields %q %q", e.form.Get("special"), e.form.Get("title"))
	}
}

func TestEditorSavesAndStaysOpen(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("2nEerste indruk[tab][tab][tab][tab]Regel een[enter]Regel twee[ctrl+s]")
	e := top[recordEditor](t, d)
	if e.id == 0 || e.form.Dirty || e.form.Saving {
		t.Fatalf("after ctrl+s: id %d dirty %v saving %v", e.id, e.form.Dirty, e.form.Saving)
	}
	if !strings.Contains(d.view(), "saved") {
		t.Errorf("status line does not say saved:\n%s", d.view())
	}
	d.keys("[enter]Regel drie[ctrl+s]")
	recs := s.records(t)
	var mine []store.Record
	for _, r := range recs {
		if r.Title == "Eerste indruk" {
			mine = append(mine, r)
		}
	}
	if len(mine) != 1 || mine[0].Body != "Regel een\nRegel twee\nRegel drie" || mine[0].Kind != store.KindIntake {
		t.Fatalf("stored %+v", mine)
	}
	d.keys("[esc]")
	c := top[clientScreen](t, d)
	if c.tab != tabIntake || c.selectedID() != mine[0].ID {
		t.Errorf("back on tab %s, item %d", c.tab.id(), c.selectedID())
	}
}

func TestEditorSaveDuringSaveSavesOnceMore(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("5nBellen[tab][tab][tab][tab]Eerste")
	m := d.model()
	next, cmd := m.Update(keyMsg("ctrl+s")) // the save starts; its command waits
	if cmd == nil {
		t.Fatal("ctrl+s started nothing")
	}
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("!")})
	next, again := next.Update(keyMsg("ctrl+s"))
	d.m = next
	d.run(again) // nothing: a save is running
	if s.count("SaveRecord") != 0 {
		t.Fatal("a second save started while the first ran")
	}
	d.run(cmd) // the first save ends; the second follows
	if got := s.count("SaveRecord"); got != 2 {
		t.Fatalf("SaveRecord called %d times, want 2", got)
	}
	var bodies []string
	for _, r := range s.records(t) {
		if r.Title == "Bellen" {
			bodies = append(bodies, r.Body)
		}
	}
	if !slices.Equal(bodies, []string{"Eerste!"}) {
		t.Errorf("stored %q, want one record with the latest text", bodies)
	}
	if e := top[recordEditor](t, d); e.form.Dirty {
		t.Error("still dirty after both saves")
	}
}

func TestEditorRefusesImpossibleDate(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, Dutch)
	d.keys("5nTest[tab][ctrl+u]30-02-2026[ctrl+s]")
	e := top[recordEditor](t, d)
	if s.count("SaveRecord") != 0 {
		t.Fatal("saved with an impossible date")
	}
	if e.form.Focused().ID != "date" || !strings.Contains(e.form.Focused().Err, "30-02-2026 bestaat niet") {
		t.Errorf("focus %s, %q", e.form.Focused().ID, e.form.Focused().Err)
	}
	d.keys("[ctrl+u][ctrl+s]")
	e = top[recordEditor](t, d)
	if s.count("SaveRecord") != 0 || !strings.Contains(e.form.Focused().Err, "datum") {
		t.Errorf("saved without a date: %q", e.form.Focused().Err)
	}
}

func TestEditorEscAsksOnlyWhenChanged(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	d.keys("5n[esc]")
	top[clientScreen](t, d)
	d.keys("nX[esc]")
	if d.model().prompt == nil {
		t.Fatal("esc with a typed title did not ask")
	}
	d.keys("n")
	if e := top[recordEditor](t, d); e.form.Get("title") != "X" {
		t.Fatal("answering no lost the title")
	}
	d.keys("[esc]y")
	top[clientScreen](t, d)
}

func TestEditorDraftBeforeLoad(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	e := newRecordEditor(d.model().env, Route{Kind: KindRecordEdit, Client: 1, Item: 3, Tab: "notes"})
	e, _ = e.Update(tea.WindowSizeMsg{Width: 100, Height: 27})
	draft, _ := json.Marshal(editorDraft{Fields: `{"title":"Gesprek over stage (bijgewerkt)"}`,
		Body: "Nieuwe tekst\nmet twee regels", OnBody: true})
	e = e.RestoreDraft(string(draft))
	e, _ = e.Update(recordLoadedMsg{req: e.req, record: s.record(t, 3), revealed: true})
	if e.form.Get("body") != "Nieuwe tekst\nmet twee regels" || e.form.Get("title") != "Gesprek over stage (bijgewerkt)" {
		t.Errorf("draft not on top: %q %q", e.form.Get("title"), e.form.Get("body"))
	}
	if !e.form.Dirty || !e.onBody() {
		t.Errorf("dirty %v on body %v", e.form.Dirty, e.onBody())
	}
	if e.form.Get("date") != "2026-01-14" {
		t.Errorf("loaded date lost: %q", e.form.Get("date"))
	}
}

func TestEditorTextAreaHasNoLineLimit(t *testing.T) {
	d := openAnna(t, newPeopleStore(t), English)
	d.keys("5nLang[tab][tab][tab][tab]")
	for range 150 {
		d.keys("x[enter]")
	}
	if n := strings.Count(top[recordEditor](t, d).form.Get("body"), "\n"); n != 150 {
		t.Errorf("text has %d line breaks, want 150", n)
	}
}

// TestLockWhileSavingNewRecord: a lock that waits for the first save of a
// new record must keep the record's new id in the session, or the draft
// restored after the unlock would add the record a second time.
func TestLockWhileSavingNewRecord(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, English)
	d.keys("5nNieuw[tab][tab][tab][tab]Tekst")
	m := d.model()
	next, save := m.Update(keyMsg("ctrl+s"))
	// Run the save's commands but hold its answer back: "saving…" is on,
	// the store has the record, the editor does not know its id yet.
	var answer tea.Msg
	for _, msg := range runAll(save) {
		if _, ok := msg.(savingMsg); ok {
			next, _ = next.Update(msg)
		} else {
			answer = msg
		}
	}
	next, _ = next.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" erbij")})
	next, lock := next.Update(keyMsg("ctrl+l"))
	if lock != nil || next.(Model).phase != phaseClosing {
		t.Fatal("the lock did not wait for the save")
	}
	d.m = next
	d.send(answer)
	if d.model().phase != phaseLocked {
		t.Fatalf("not locked after the save: phase %d", d.model().phase)
	}
	var sess session
	if err := json.Unmarshal([]byte(s.draft(t, sessionKey)), &sess); err != nil {
		t.Fatal(err)
	}
	last := sess.Screens[len(sess.Screens)-1]
	if last.Route.Kind != KindRecordEdit || last.Route.Item == 0 || !last.HasDraft {
		t.Fatalf("session %+v", last)
	}
	d.keys("tulp fiets regen lantaarn[enter]")
	e := top[recordEditor](t, d)
	if e.form.Get("body") != "Tekst erbij" || e.id != last.Route.Item {
		t.Errorf("after unlock: id %d body %q", e.id, e.form.Get("body"))
	}
	d.keys("[ctrl+s]")
	n := 0
	for _, r := range s.records(t) {
		if r.Title == "Nieuw" {
			n++
			if r.Body != "Tekst erbij" {
				t.Errorf("body %q", r.Body)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d records titled Nieuw, want 1", n)
	}
}

// runAll runs cmd and the batches and sequences in it, and returns the
// messages of its leaves without delivering them; ticks are skipped.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil || reflect.ValueOf(cmd).Pointer() == tickCode {
		return nil
	}
	msg := cmd()
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, runAll(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}
