package tui

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
	"github.com/caseload/caseload/termsafe"
)

// Text from the vault never reaches the terminal raw (issue 11, hole 1).
// A client list or dossier from outside can put anything in a name or a
// note; an older vault may hold it already. This test fills every text of
// a caseload with a terminal attack, opens every screen the code defines,
// presses every key each screen offers, and checks that no frame holds a
// control character, a bidi override or any other character the terminal
// would obey instead of show — before View's last safety pass, so each
// screen must escape its own cells and keep its layout.

// hostile retitles the terminal, wipes the screen and turns the text
// around: what an attacker puts in a CSV's name column.
const hostile = "\x1b]0;pwned\a\x1b[2J\u202e\u2066"

// poison prefixes every non-empty plain string under v with hostile,
// unexported fields included. Typed strings (a Status, a RecordKind) are
// left: they are checked values, never free text.
func poison(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() && v.String() != "" {
			v.SetString(hostile + v.String())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
			}
			poison(f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			poison(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			poison(v.Elem())
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			poison(e)
			v.SetMapIndex(k, e)
		}
	}
}

// The store refuses control characters in what it is given, so a hostile
// text cannot be put in through its methods; an older vault or a file
// from outside may still hold one. hostileView plays that vault: every
// text the real store returns comes out poisoned. Drafts (the screens'
// own format), templates (their syntax) and counts are left alone;
// TestHostileViewPoisonsEveryRead keeps the list complete.
type hostileView struct{ *testStore }

// hostileOut poisons a result of the store.
func hostileOut[T any](v T, err error) (T, error) {
	poison(reflect.ValueOf(&v).Elem())
	return v, err
}

// notPoisoned are the Store methods whose results hostileView passes on
// as they are.
var notPoisoned = map[string]bool{"Draft": true, "Templates": true, "Template": true, "SaveTemplate": true,
	"Backups": true, "PrintPaper": true}

func (h hostileView) Agenda(ctx context.Context, from, to time.Time) ([]store.AgendaItem, error) {
	return hostileOut(h.testStore.Agenda(ctx, from, to))
}
func (h hostileView) DueWithin(ctx context.Context, days int) ([]store.Deadline, error) {
	return hostileOut(h.testStore.DueWithin(ctx, days))
}
func (h hostileView) Appointment(ctx context.Context, id int64) (store.Appointment, error) {
	return hostileOut(h.testStore.Appointment(ctx, id))
}
func (h hostileView) PlanSeries(ctx context.Context, first store.Appointment, r store.Repeat) (store.Planned, error) {
	return hostileOut(h.testStore.PlanSeries(ctx, first, r))
}
func (h hostileView) Reschedule(ctx context.Context, id int64, start time.Time, rest bool) (store.Planned, error) {
	return hostileOut(h.testStore.Reschedule(ctx, id, start, rest))
}
func (h hostileView) Overlaps(ctx context.Context, a store.Appointment) ([]store.AgendaItem, error) {
	return hostileOut(h.testStore.Overlaps(ctx, a))
}
func (h hostileView) SaveSessionNote(ctx context.Context, appointmentID int64, r store.Record) (store.Record, error) {
	return hostileOut(h.testStore.SaveSessionNote(ctx, appointmentID, r))
}
func (h hostileView) NoteAppointment(ctx context.Context, recordID int64) (store.Appointment, error) {
	return hostileOut(h.testStore.NoteAppointment(ctx, recordID))
}
func (h hostileView) ListClients(ctx context.Context) ([]store.ClientRow, error) {
	return hostileOut(h.testStore.ListClients(ctx))
}
func (h hostileView) Client(ctx context.Context, id int64) (store.Client, error) {
	return hostileOut(h.testStore.Client(ctx, id))
}
func (h hostileView) RevealBSN(ctx context.Context, id int64) (string, error) {
	return hostileOut(h.testStore.RevealBSN(ctx, id))
}
func (h hostileView) ClientBreaches(ctx context.Context, clientID int64) ([]store.Breach, error) {
	return hostileOut(h.testStore.ClientBreaches(ctx, clientID))
}
func (h hostileView) CreateClient(ctx context.Context, c store.Client) (store.Client, error) {
	return hostileOut(h.testStore.CreateClient(ctx, c))
}
func (h hostileView) UpdateClient(ctx context.Context, c store.Client) (store.Client, error) {
	return hostileOut(h.testStore.UpdateClient(ctx, c))
}
func (h hostileView) Records(ctx context.Context, clientID int64, kinds ...store.RecordKind) ([]store.Record, error) {
	return hostileOut(h.testStore.Records(ctx, clientID, kinds...))
}
func (h hostileView) Record(ctx context.Context, id int64) (store.Record, error) {
	return hostileOut(h.testStore.Record(ctx, id))
}
func (h hostileView) RevealRecord(ctx context.Context, id int64) (store.Record, error) {
	return hostileOut(h.testStore.RevealRecord(ctx, id))
}
func (h hostileView) SaveRecord(ctx context.Context, r store.Record) (store.Record, error) {
	return hostileOut(h.testStore.SaveRecord(ctx, r))
}
func (h hostileView) Appointments(ctx context.Context, clientID int64) ([]store.Appointment, error) {
	return hostileOut(h.testStore.Appointments(ctx, clientID))
}
func (h hostileView) SaveAppointment(ctx context.Context, a store.Appointment) (store.Appointment, error) {
	return hostileOut(h.testStore.SaveAppointment(ctx, a))
}
func (h hostileView) Attachments(ctx context.Context, clientID int64) ([]store.Attachment, error) {
	return hostileOut(h.testStore.Attachments(ctx, clientID))
}
func (h hostileView) RevealAttachment(ctx context.Context, id int64) (store.Attachment, error) {
	return hostileOut(h.testStore.RevealAttachment(ctx, id))
}
func (h hostileView) AddAttachment(ctx context.Context, a store.Attachment, data []byte) (store.Attachment, error) {
	return hostileOut(h.testStore.AddAttachment(ctx, a, data))
}
func (h hostileView) AttachmentData(ctx context.Context, id int64) (store.Attachment, []byte, error) {
	a, data, err := h.testStore.AttachmentData(ctx, id)
	poison(reflect.ValueOf(&a).Elem())
	return a, data, err
}
func (h hostileView) Search(ctx context.Context, query string, limit int) ([]store.Hit, error) {
	return hostileOut(h.testStore.Search(ctx, query, limit))
}
func (h hostileView) Audit(ctx context.Context, clientID int64, limit int) ([]store.AuditEntry, error) {
	return hostileOut(h.testStore.Audit(ctx, clientID, limit))
}
func (h hostileView) Register(ctx context.Context) (store.RegisterFacts, error) {
	return hostileOut(h.testStore.Register(ctx))
}
func (h hostileView) Deadlines(ctx context.Context) ([]store.Deadline, error) {
	return hostileOut(h.testStore.Deadlines(ctx))
}
func (h hostileView) PlanPurge(ctx context.Context, clientID int64, o store.PurgeOptions) (store.PurgePlan, error) {
	return hostileOut(h.testStore.PlanPurge(ctx, clientID, o))
}
func (h hostileView) PlanInvoicePurge(ctx context.Context, clientID int64) (store.PurgePlan, error) {
	return hostileOut(h.testStore.PlanInvoicePurge(ctx, clientID))
}
func (h hostileView) Purge(ctx context.Context, plan store.PurgePlan) (store.Tombstone, error) {
	return hostileOut(h.testStore.Purge(ctx, plan))
}
func (h hostileView) Policies(ctx context.Context) ([]store.Policy, error) {
	return hostileOut(h.testStore.Policies(ctx))
}
func (h hostileView) PreviewPolicy(ctx context.Context, p store.Policy) (store.PolicyImpact, error) {
	return hostileOut(h.testStore.PreviewPolicy(ctx, p))
}
func (h hostileView) Practice(ctx context.Context) (store.Practice, error) {
	return hostileOut(h.testStore.Practice(ctx))
}
func (h hostileView) Processors(ctx context.Context) ([]store.Processor, error) {
	return hostileOut(h.testStore.Processors(ctx))
}
func (h hostileView) SaveProcessor(ctx context.Context, p store.Processor) (store.Processor, error) {
	return hostileOut(h.testStore.SaveProcessor(ctx, p))
}
func (h hostileView) Statistics(ctx context.Context) ([]store.YearStats, error) {
	return hostileOut(h.testStore.Statistics(ctx))
}
func (h hostileView) Requests(ctx context.Context, clientID int64) ([]store.Request, error) {
	return hostileOut(h.testStore.Requests(ctx, clientID))
}
func (h hostileView) Request(ctx context.Context, id int64) (store.Request, error) {
	return hostileOut(h.testStore.Request(ctx, id))
}
func (h hostileView) AddRequest(ctx context.Context, r store.Request) (store.Request, error) {
	return hostileOut(h.testStore.AddRequest(ctx, r))
}
func (h hostileView) UpdateRequest(ctx context.Context, r store.Request) (store.Request, error) {
	return hostileOut(h.testStore.UpdateRequest(ctx, r))
}
func (h hostileView) AnswerRequest(ctx context.Context, id int64, outcome string) (store.Request, error) {
	return hostileOut(h.testStore.AnswerRequest(ctx, id, outcome))
}
func (h hostileView) Complaints(ctx context.Context, clientID int64) ([]store.Complaint, error) {
	return hostileOut(h.testStore.Complaints(ctx, clientID))
}
func (h hostileView) SaveComplaint(ctx context.Context, c store.Complaint) (store.Complaint, error) {
	return hostileOut(h.testStore.SaveComplaint(ctx, c))
}
func (h hostileView) Recipients(ctx context.Context) ([]store.Recipient, error) {
	return hostileOut(h.testStore.Recipients(ctx))
}
func (h hostileView) AcceptObjection(ctx context.Context, id int64, decision string) (store.Request, error) {
	return hostileOut(h.testStore.AcceptObjection(ctx, id, decision))
}
func (h hostileView) RefuseRequest(ctx context.Context, id int64, reason string) (store.Request, error) {
	return hostileOut(h.testStore.RefuseRequest(ctx, id, reason))
}
func (h hostileView) ExtendRequest(ctx context.Context, id int64, months int, reason string) (store.Request, error) {
	return hostileOut(h.testStore.ExtendRequest(ctx, id, months, reason))
}
func (h hostileView) NotifyList(ctx context.Context, requestID int64) ([]store.Notice, error) {
	return hostileOut(h.testStore.NotifyList(ctx, requestID))
}
func (h hostileView) PlanErasure(ctx context.Context, requestID int64) (store.PurgePlan, error) {
	return hostileOut(h.testStore.PlanErasure(ctx, requestID))
}
func (h hostileView) Consents(ctx context.Context, clientID int64) ([]store.Consent, error) {
	return hostileOut(h.testStore.Consents(ctx, clientID))
}
func (h hostileView) AddConsent(ctx context.Context, c store.Consent) (store.Consent, error) {
	return hostileOut(h.testStore.AddConsent(ctx, c))
}
func (h hostileView) WithdrawConsent(ctx context.Context, consentID int64) (store.Consent, error) {
	return hostileOut(h.testStore.WithdrawConsent(ctx, consentID))
}
func (h hostileView) WithdrawConsentFromRequest(ctx context.Context, requestID, consentID int64) (store.Consent, error) {
	return hostileOut(h.testStore.WithdrawConsentFromRequest(ctx, requestID, consentID))
}
func (h hostileView) Disclosures(ctx context.Context, clientID int64) ([]store.Disclosure, error) {
	return hostileOut(h.testStore.Disclosures(ctx, clientID))
}
func (h hostileView) AddDisclosure(ctx context.Context, d store.Disclosure) (store.Disclosure, error) {
	return hostileOut(h.testStore.AddDisclosure(ctx, d))
}
func (h hostileView) Breaches(ctx context.Context) ([]store.Breach, error) {
	return hostileOut(h.testStore.Breaches(ctx))
}
func (h hostileView) AddBreach(ctx context.Context, b store.Breach) (store.Breach, error) {
	return hostileOut(h.testStore.AddBreach(ctx, b))
}
func (h hostileView) UpdateBreach(ctx context.Context, b store.Breach) (store.Breach, error) {
	return hostileOut(h.testStore.UpdateBreach(ctx, b))
}
func (h hostileView) RemoveMistake(ctx context.Context, id int64) (store.Tombstone, error) {
	return hostileOut(h.testStore.RemoveMistake(ctx, id))
}
func (h hostileView) ImportFile(ctx context.Context, path, secret, lang string) (dossierfile.ImportSummary, error) {
	return hostileOut(h.testStore.ImportFile(ctx, path, secret, lang))
}
func (h hostileView) ExportDossier(ctx context.Context, clientID int64, r dossierfile.Request) (dossierfile.Result, error) {
	res, err := h.testStore.ExportDossier(ctx, clientID, r)
	poison(reflect.ValueOf(&res.Client).Elem()) // the file's path and passphrase are not the vault's
	return res, err
}
func (h hostileView) Terms(ctx context.Context, clientID int64) (store.Terms, error) {
	return hostileOut(h.testStore.Terms(ctx, clientID))
}
func (h hostileView) Budget(ctx context.Context, clientID int64) (store.Budget, error) {
	return hostileOut(h.testStore.Budget(ctx, clientID))
}
func (h hostileView) TimeEntries(ctx context.Context, clientID int64) ([]store.TimeEntry, error) {
	return hostileOut(h.testStore.TimeEntries(ctx, clientID))
}
func (h hostileView) Invoices(ctx context.Context, clientID int64) ([]store.Invoice, error) {
	return hostileOut(h.testStore.Invoices(ctx, clientID))
}
func (h hostileView) Funder(ctx context.Context, id int64) (store.Funder, error) {
	return hostileOut(h.testStore.Funder(ctx, id))
}
func (h hostileView) MakeInvoice(ctx context.Context, d store.InvoiceDraft) (store.Invoice, error) {
	return hostileOut(h.testStore.MakeInvoice(ctx, d))
}
func (h hostileView) MarkInvoicePaid(ctx context.Context, id int64, on time.Time) (store.Invoice, error) {
	return hostileOut(h.testStore.MarkInvoicePaid(ctx, id, on))
}
func (h hostileView) CreditInvoice(ctx context.Context, id int64, date time.Time) (store.Invoice, error) {
	return hostileOut(h.testStore.CreditInvoice(ctx, id, date))
}
func (h hostileView) MoneyYear(ctx context.Context, year int) ([]store.MonthMoney, error) {
	return hostileOut(h.testStore.MoneyYear(ctx, year))
}

// hostilePath is a dossier the hostile store imports.
const hostilePath = "/tmp/hostile.zip"

// hostileStore is a caseload of every kind of data — clients in every
// retention state, Anna's records, appointments and document, requests,
// consents, disclosures, breaches, deadlines, policies and the practice —
// with every text poisoned on its way out of the store, and a dossier to
// import that brings in one more hostile client.
func hostileStore(t testing.TB) *testStore {
	t.Helper()
	s := fromSeed(t, "hostile", func(t testing.TB, s *testStore) {
		seedPeople(t, s)
		seedRights(t, s)
		seedBreaches(t, s)
		retentionExtras(t, s)
		must[store.Record](t)(s.Store.SaveRecord(context.Background(), store.Record{ClientID: 1,
			Kind: store.KindEvaluation, Title: "Evaluatie", Date: day(2026, 1, 20), Body: "Regel een\n\tingesprongen\nRegel drie"}))
	})
	// The store refuses a control character in an import; the summary
	// comes out poisoned, as every read does.
	c := importedClient("Amina", "Oğuz", store.StatusIntake)
	s.withImport(hostilePath, importable{sum: dossierfile.ImportSummary{Kind: dossierfile.ImportedDossier,
		Clients: []store.Client{c}, Ignored: []string{"kolom"}, Records: 1}})
	return s
}

// hostileRoutes are the routes worth opening for a kind: about client 1,
// with each item the store holds (a record, appointment, document,
// request, breach) and each tab a screen may take.
func hostileRoutes(t testing.TB, s *testStore, kind ScreenKind) []Route {
	t.Helper()
	c := context.Background()
	items := []int64{0}
	for _, r := range must[[]store.Record](t)(s.Records(c, 1)) {
		items = append(items, r.ID)
	}
	for _, a := range must[[]store.Appointment](t)(s.Appointments(c, 1)) {
		items = append(items, a.ID)
	}
	for _, a := range must[[]store.Attachment](t)(s.Attachments(c, 1)) {
		items = append(items, a.ID)
	}
	for _, r := range must[[]store.Request](t)(s.Requests(c, 1)) {
		items = append(items, r.ID)
	}
	for _, b := range must[[]store.Breach](t)(s.Breaches(c)) {
		items = append(items, b.ID)
	}
	slices.Sort(items)
	items = slices.Compact(items)
	var routes []Route
	for _, it := range items {
		routes = append(routes, Route{Kind: kind, Client: 1, Item: it})
	}
	tabs := []string{"invoice"}
	for tab := range tabCount {
		tabs = append(tabs, tab.id())
	}
	for _, p := range must[[]store.Policy](t)(s.Policies(c)) {
		tabs = append(tabs, string(p.Category))
	}
	for _, tab := range tabs {
		routes = append(routes, Route{Kind: kind, Client: 1, Tab: tab})
	}
	// A screen about a client with no dossier of its own: the purge of
	// invoices (client 0), and a restricted client.
	return append(routes, Route{Kind: kind}, Route{Kind: kind, Client: 8})
}

// TestHostileViewPoisonsEveryRead: every Store method whose result holds
// a text is one hostileView declares itself, so a method added to Store
// later is poisoned too, or the test says so.
func TestHostileViewPoisonsEveryRead(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "hostile_test.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil {
			if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok && id.Name == "hostileView" {
				declared[fn.Name.Name] = true
			}
		}
	}
	st := reflect.TypeFor[Store]()
	for i := range st.NumMethod() {
		m := st.Method(i)
		texts := false
		for j := range m.Type.NumOut() {
			texts = texts || holdsText(m.Type.Out(j), map[reflect.Type]bool{})
		}
		if texts && !declared[m.Name] && !notPoisoned[m.Name] {
			t.Errorf("hostileView does not poison what %s returns", m.Name)
		}
	}
}

// holdsText tells whether a value of type t can hold a plain string.
func holdsText(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String:
		return t == reflect.TypeFor[string]()
	case reflect.Struct:
		for i := range t.NumField() {
			if holdsText(t.Field(i).Type, seen) {
				return true
			}
		}
	case reflect.Slice, reflect.Array, reflect.Pointer, reflect.Map:
		return holdsText(t.Elem(), seen)
	}
	return false
}

// screenKinds lists every ScreenKind constant in the package's source,
// so a screen added later is walked without anyone editing this test.
func screenKinds(t *testing.T) []ScreenKind {
	t.Helper()
	// This folder and any below it, should screens move into packages.
	var names []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			names = append(names, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []ScreenKind
	for _, name := range names {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				var typ string
				switch x := vs.Type.(type) {
				case *ast.Ident:
					typ = x.Name
				case *ast.SelectorExpr:
					typ = x.Sel.Name
				}
				if typ != "ScreenKind" {
					continue
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok {
						s, _ := strconv.Unquote(lit.Value)
						kinds = append(kinds, ScreenKind(s))
					}
				}
			}
		}
	}
	slices.Sort(kinds)
	if len(kinds) < 20 {
		t.Fatalf("found only %d screen kinds: %v", len(kinds), kinds)
	}
	return kinds
}

// screenKeys are the keys of the top screen's help, and a few that every
// list and form reacts to.
func screenKeys(d *driver) []string {
	keys := []string{"enter", "tab", "down", "space", "e", "d", "ctrl+s"}
	m := d.model()
	for _, g := range m.top().KeyMap().FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				keys = append(keys, b.Keys()...)
			}
		}
	}
	for _, g := range m.globals().FullHelp() {
		for _, b := range g {
			if b.Enabled() && !slices.Contains(b.Keys(), "ctrl+c") {
				keys = append(keys, b.Keys()...)
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// hostileCheck fails when the frame, before View's last pass, holds
// anything termsafe would escape.
// Each raw line is reported once, however many routes and keys reach it.
func hostileCheck(t *testing.T, d *driver, where string) bool {
	t.Helper()
	f := d.model().frame()
	if termsafe.Text(f) == f {
		return true
	}
	for i, l := range strings.Split(f, "\n") {
		if termsafe.Text(l) != l {
			if !reported[l] {
				reported[l] = true
				t.Errorf("%s: line %d reaches the terminal raw: %q", where, i, l)
			}
			return false
		}
	}
	return false
}

// reported are the raw lines hostileCheck has reported.
var reported = map[string]bool{}

// hostileDriver is an unlocked session on a fresh copy of the hostile
// store base, its home
// folder in the test's temporary folder (a document copy may be written).
func hostileDriver(t *testing.T, base *testStore, lang Lang, home string) *driver {
	d, _ := hostileSession(t, base, lang, home)
	return d
}

// hostileSession is hostileDriver with the copy of the caseload it opened,
// so a walk over thousands of sessions can close each when done with it:
// an open in-memory caseload holds its whole image, and thousands held
// until the test ends took 8 GB.
func hostileSession(t *testing.T, base *testStore, lang Lang, home string) (*driver, *testStore) {
	s := base.clone(t)
	b := &testBackend{t: t, exists: true, pass: "tulp fiets regen lantaarn", store: s,
		wrap: func(s *testStore) Store { return hostileView{s} }}
	d := newDriver(t, newTestModel(b, lang, s.now), 100, 30)
	d.keys("tulp fiets regen lantaarn[enter]")
	leaveToday(d)
	withHome(t, d, home)
	return d, s
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	home := t.TempDir()
	kinds := screenKinds(t)
	base := hostileStore(t)
	frames := 0
	seen := map[string]bool{}
	var last *testStore
	for i, kind := range kinds {
		lang := []Lang{English, Dutch}[i%2]
		for _, r := range raceSample(hostileRoutes(t, base, kind)) {
			open := func() *driver {
				if last != nil {
					last.Close() // its frames are checked; free its image
				}
				d, s := hostileSession(t, base, lang, home)
				last = s
				d.send(navigateMsg{route: r})
				return d
			}
			where := fmt.Sprintf("%s %+v", lang, r)
			d := open()
			frames++
			if !hostileCheck(t, d, where) {
				continue
			}
			// A route that shows what an earlier one showed (a screen
			// that ignores the item or tab) adds nothing to press keys on.
			f := d.model().frame()
			if seen[f] {
				continue
			}
			seen[f] = true
			// Under the race detector every screen is drawn, but the keys
			// are pressed only in the run without it: each press opens
			// a fresh copy of the caseload, and the walk would outlast
			// the test timeout.
			if raceEnabled {
				continue
			}
			for _, k := range screenKeys(d) {
				d := open()
				d.keys("[" + k + "]")
				frames++
				if !hostileCheck(t, d, where+" key "+k) {
					break
				}
				d.keys("y") // confirm a prompt, if one opened
				frames++
				if !hostileCheck(t, d, where+" key "+k+" y") {
					break
				}
			}
		}
	}
	t.Logf("%d screen kinds, %d frames", len(kinds), frames)
}

// raceSample is routes under the race detector, where each session costs
// some ten times more, a fifth of them: every fifth, and the last two (a
// screen without a client, a restricted client). The walk is about
// escaping, which the run without the detector checks on every route
// (.ci/run runs it); under the detector it still opens every kind of
// screen, with and without a client.
func raceSample(routes []Route) []Route {
	if !raceEnabled {
		return routes
	}
	var some []Route
	for i, r := range routes {
		if i%5 == 0 || i >= len(routes)-2 {
			some = append(some, r)
		}
	}
	return some
}

// TestHostileTextTyped walks the states that need typed text: the
// caseload's filter, a search with results, and an import that brings in
// a hostile client.
func TestHostileTextTyped(t *testing.T) {
	base := hostileStore(t)
	for _, lang := range []Lang{English, Dutch} {
		d := hostileDriver(t, base, lang, t.TempDir())
		d.keys("/a")
		hostileCheck(t, d, "filter")
		d.keys("[enter]")
		hostileCheck(t, d, "filter, client opened")

		d = hostileDriver(t, base, lang, t.TempDir())
		for _, q := range []string{"a", "pwned", "Anna", "Regel"} {
			d.keys("[ctrl+f]" + q)
			d.send(searchDueMsg{id: top[searchScreen](t, d).due})
			hostileCheck(t, d, "search "+q)
			d.keys("[down][enter]")
			hostileCheck(t, d, "search "+q+" opened")
			d.keys("[esc][esc][esc]")
		}

		d = hostileDriver(t, base, lang, t.TempDir())
		d.send(navigateMsg{route: Route{Kind: KindImport}})
		d.keys(hostilePath + "[enter]")
		if !strings.Contains(d.view(), `\x1b]0;pwned\x07`) {
			t.Errorf("%s: import of a hostile client not shown escaped:\n%s", lang, d.view())
		}
		hostileCheck(t, d, "import done")
		d.keys("[enter]")
		hostileCheck(t, d, "after import")
	}
}

// A field past its bound is refused with a sentence in the coach's
// language under the field, and nothing is saved (issue 11, hole 11).
func TestFieldTooLongIsRefusedUnderTheField(t *testing.T) {
	s := newPeopleStore(t)
	d := openAnna(t, s, Dutch)
	d.keys("7n")
	f := top[appointmentForm](t, d)
	f.Set("start", "02-02-2026 10:00")
	f.Set("place", strings.Repeat("Bibliotheek ", store.MaxLine/12+1))
	d.m = replaceTop(d.model(), asScreen(f))
	d.keys("[ctrl+s]")
	if !strings.Contains(d.view(), "Dit is langer dan 1000 tekens; maak het korter.") {
		t.Fatalf("no Dutch sentence under the field:\n%s", d.view())
	}
	if appts, _ := s.Appointments(ctx(), 1); len(appts) != 4 {
		t.Errorf("%d appointments, want Anna's 4: the refused one was kept", len(appts))
	}
}

// replaceTop puts s on top of the stack in place of the top screen.
func replaceTop(m Model, s Screen) Model {
	m.stack = append(m.stack[:len(m.stack)-1:len(m.stack)-1], s)
	return m
}
