package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/legaldate"
	"github.com/caseload/caseload/tui/kit"
)

// Screen is one page on the root model's stack, as the root model sees it.
// Screens are written bubbles-style (constructor, value receivers, Update
// returning the concrete type, see pageModel) and wrapped by asScreen.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the content area: the size of the last
	// tea.WindowSizeMsg the screen received, never more.
	View() string
	// Route names the screen by identity (kind and ids), so the root model
	// can build it again after a lock without keeping its data.
	Route() Route
	// Title is the screen's name in the header's breadcrumb.
	Title() string
	// Capturing reports whether a focused text field wants every key,
	// including q, ? and esc.
	Capturing() bool
	// KeyMap lists the screen's bindings for the key hints and the help
	// overlay; disabled bindings are not shown.
	KeyMap() help.KeyMap
	// Draft returns typed text the coach has not saved, in whatever form
	// RestoreDraft reads back; ok is false when there is nothing to keep.
	Draft() (text string, ok bool)
	// RestoreDraft hands back the text of an earlier Draft after an unlock.
	// It may arrive before the screen's data has loaded; the screen must
	// apply it on top of the data whichever comes first.
	RestoreDraft(text string) Screen
}

// pageModel is what a concrete screen type implements: the Screen methods,
// but with Update and RestoreDraft returning the concrete type, as bubbles
// components do. Tests then assert on the concrete state without type
// switches.
type pageModel[T any] interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (T, tea.Cmd)
	View() string
	Route() Route
	Title() string
	Capturing() bool
	KeyMap() help.KeyMap
	Draft() (string, bool)
	RestoreDraft(text string) T
}

// page adapts a pageModel to Screen.
type page[T pageModel[T]] struct{ m T }

// asScreen wraps a concrete screen for the stack.
func asScreen[T pageModel[T]](m T) Screen { return page[T]{m} }

func (p page[T]) Init() tea.Cmd { return p.m.Init() }
func (p page[T]) Update(msg tea.Msg) (Screen, tea.Cmd) {
	m, cmd := p.m.Update(msg)
	return page[T]{m}, cmd
}
func (p page[T]) View() string                    { return p.m.View() }
func (p page[T]) Route() Route                    { return p.m.Route() }
func (p page[T]) Title() string                   { return p.m.Title() }
func (p page[T]) Capturing() bool                 { return p.m.Capturing() }
func (p page[T]) KeyMap() help.KeyMap             { return p.m.KeyMap() }
func (p page[T]) Draft() (string, bool)           { return p.m.Draft() }
func (p page[T]) RestoreDraft(text string) Screen { return page[T]{p.m.RestoreDraft(text)} }

// Wipe wipes what the screen holds that must not outlive it (a typed
// passphrase), for a screen that says so; the root model calls it when a
// lock drops the stack.
func (p page[T]) Wipe() {
	if w, ok := any(p.m).(wiper); ok {
		w.Wipe()
	}
}

// wiper is a screen holding a secret: Wipe wipes it in place, so every
// copy of the screen's value (they share the buffer) holds nothing.
type wiper interface{ Wipe() }

// Loading reports whether the screen still waits for its first data, for
// a screen that says so (an optional method: a screen without one never
// waits); the root model holds the keys typed meanwhile (see loader).
func (p page[T]) Loading() bool {
	l, ok := any(p.m).(loader)
	return ok && l.Loading()
}

// ScreenKind names a kind of screen; with the ids in a Route it is enough
// to build the screen again.
type ScreenKind string

// The screens a Route can name. The unlock screen is not among them: the
// root model shows it itself whenever the vault is locked.
const (
	KindCaseload     ScreenKind = "caseload"
	KindClient       ScreenKind = "client"
	KindClientForm   ScreenKind = "client-form"
	KindRecord       ScreenKind = "record"        // the reader: Client, Item
	KindRecordEdit   ScreenKind = "record-edit"   // Client, Item (0: new), Tab it came from
	KindAppointment  ScreenKind = "appointment"   // the form: Client, Item (0: new)
	KindDocumentAdd  ScreenKind = "document-add"  // Client
	KindDocumentSave ScreenKind = "document-save" // Client, Item
	KindSearch       ScreenKind = "search"
	KindDeadlines    ScreenKind = "deadlines"
	KindPurge        ScreenKind = "purge"    // Client (0: invoices of purged clients), Tab "invoice" for invoices alone
	KindHold         ScreenKind = "hold"     // the legal-hold form: Client
	KindRestrict     ScreenKind = "restrict" // the restriction form: Client
	KindSettings     ScreenKind = "settings"
	KindPolicy       ScreenKind = "policy"   // the policy form: Tab is the category
	KindPractice     ScreenKind = "practice" // the practice details form
	// KindSecurityKey binds a security key to the vault (settings).
	KindSecurityKey ScreenKind = "security-key"
	// KindProcessors is the practice's processors; KindProcessorForm adds
	// or corrects one (Item).
	KindProcessors ScreenKind = "processors"
	// KindComplaints is a client's complaints; KindComplaintForm records
	// or answers one (Item).
	KindComplaints    ScreenKind = "complaints"
	KindComplaintForm ScreenKind = "complaint"
	KindProcessorForm ScreenKind = "processor"

	// The rights desk.
	KindRequest     ScreenKind = "request"      // the request view: Client, Item
	KindRequestForm ScreenKind = "request-form" // Client, Item (0: new)
	KindConsentForm ScreenKind = "consent-form" // Client
	KindDisclosure  ScreenKind = "disclosure"   // the disclosure form: Client
	KindBreaches    ScreenKind = "breaches"     // the breach register
	KindBreachForm  ScreenKind = "breach-form"  // Item (0: new)

	KindExport ScreenKind = "export" // the dossier export: Client
	KindPrint  ScreenKind = "print"  // a paper from a template: Client, Item (the record it is made from, 0: none)

	KindTemplates    ScreenKind = "templates"     // the paper templates (settings)
	KindTemplateEdit ScreenKind = "template-edit" // Tab is "<key>.<lang>"

	KindAgenda ScreenKind = "agenda" // the week across clients: Tab is the selected day (YYYY-MM-DD)
	KindToday  ScreenKind = "today"  // today's appointments and what is due within a week
)

// Route is a screen's identity: its kind and the ids it shows. It holds no
// client data, so the root model may keep it while the vault is locked.
type Route struct {
	Kind ScreenKind `json:"kind"`
	// Client is the client the screen is about; 0 for none or a new one.
	Client int64 `json:"client,omitempty"`
	// Item is a record, appointment or document within the client: the
	// one a screen shows or edits, or the one selected on a client tab.
	Item int64 `json:"item,omitempty"`
	// Tab is the tab a tabbed screen had open; for the record editor, the
	// tab it was opened from, which gives a new record its kind.
	Tab string `json:"tab,omitempty"`
}

// newScreen builds the screen a route names, or returns false for a kind
// this version does not know (a session saved by a newer version). It is
// the one place a route becomes a screen: a new screen plugs in here.
func newScreen(e *env, r Route) (Screen, bool) {
	switch r.Kind {
	case KindCaseload:
		return asScreen(newCaseload(e)), true
	case KindClient:
		return asScreen(newClientScreen(e, r)), true
	case KindClientForm:
		return asScreen(newClientForm(e, r.Client)), true
	case KindRecord:
		return asScreen(newRecordReader(e, r.Client, r.Item)), true
	case KindRecordEdit:
		return asScreen(newRecordEditor(e, r)), true
	case KindAppointment:
		return asScreen(newAppointmentForm(e, r.Client, r.Item)), true
	case KindDocumentAdd:
		return asScreen(newDocumentAdd(e, r.Client)), true
	case KindDocumentSave:
		return asScreen(newDocumentSave(e, r.Client, r.Item)), true
	case KindSearch:
		return asScreen(newSearch(e)), true
	case KindExport:
		return asScreen(newExportForm(e, r)), true
	case KindPrint:
		return asScreen(newPrintForm(e, r)), true
	case KindMoney:
		return asScreen(newMoneyScreen(e, r)), true
	case KindInvoiceForm:
		return asScreen(newInvoiceForm(e, r)), true
	case KindMoneyStats:
		return asScreen(newMoneyStats(e, r)), true
	case KindTemplates:
		return asScreen(newTemplateList(e)), true
	case KindTemplateEdit:
		return asScreen(newTemplateEditor(e, r)), true
	case KindAgenda:
		return asScreen(newAgenda(e, r)), true
	case KindToday:
		return asScreen(newToday(e)), true
	case KindDeadlines:
		return asScreen(newDeadlines(e)), true
	case KindPurge:
		return asScreen(newPurgeScreen(e, r)), true
	case KindHold, KindRestrict:
		return asScreen(newReasonForm(e, r)), true
	case KindSettings:
		return asScreen(newSettings(e)), true
	case KindPolicy:
		return asScreen(newPolicyForm(e, store.Category(r.Tab))), true
	case KindPractice:
		return asScreen(newPracticeForm(e)), true
	case KindSecurityKey:
		return asScreen(newSecurityKeyForm(e)), true
	case KindProcessors:
		return asScreen(newProcessors(e)), true
	case KindProcessorForm:
		return asScreen(newProcessorForm(e, r)), true
	case KindImport:
		return asScreen(newImportForm(e)), true
	case KindRequest:
		return asScreen(newRequestView(e, r)), true
	case KindRequestForm:
		return asScreen(newRequestForm(e, r)), true
	case KindConsentForm, KindDisclosure:
		return asScreen(newSharingForm(e, r)), true
	case KindBreaches:
		return asScreen(newBreaches(e, r)), true
	case KindBreachForm:
		return asScreen(newBreachForm(e, r)), true
	case KindComplaints:
		return asScreen(newComplaints(e, r)), true
	case KindComplaintForm:
		return asScreen(newComplaintForm(e, r)), true
	case KindTermsForm:
		return asScreen(newTermsForm(e, r)), true
	case KindTimeForm:
		return asScreen(newTimeForm(e, r)), true
	case KindFunders:
		return asScreen(newFunderList(e)), true
	case KindFunderForm:
		return asScreen(newFunderForm(e, r)), true
	case KindMoneySettings:
		return asScreen(newMoneySettingsForm(e)), true
	case KindInvoiceFile:
		return asScreen(newInvoiceFile(e, r)), true
	case KindFunderReport:
		return asScreen(newFunderReport(e, r)), true
	case KindBooks:
		return asScreen(newBooksFile(e, r)), true
	}
	return nil, false
}

// env is what every screen of one unlocked session shares. The root model
// builds it when the vault opens and drops it when the vault locks; screens
// only read it.
type env struct {
	store   Store
	backend Backend
	text    Text
	styles  *Styles
	now     func() time.Time
	// home is the coach's home folder ("" when unknown): "~" in a path
	// typed for a document means it, and shown paths start with "~".
	home string
	// unlockHint is Config.UnlockHint, for the unlock screen.
	unlockHint string
}

// today is the coach's civil date.
func (e *env) today() time.Time { return legaldate.Day(e.now()) }

// clock is the coach's wall-clock time as a civil date-time, the way
// appointments are stored (the wall clock read as UTC, never converted).
func (e *env) clock() time.Time {
	n := e.now()
	return time.Date(n.Year(), n.Month(), n.Day(), n.Hour(), n.Minute(), n.Second(), 0, time.UTC)
}

// problem classifies err for a sentence; see Backend.Classify.
func (e *env) problem(err error) Problem {
	if err == nil {
		return ProblemNone
	}
	return e.backend.Classify(err)
}

// navigateMsg asks the root model to push the screen a route names.
type navigateMsg struct{ route Route }

// navigate pushes the screen route names onto the stack.
func navigate(r Route) tea.Cmd {
	return func() tea.Msg { return navigateMsg{route: r} }
}

// backMsg asks the root model to pop the top screen. The screen below gets
// a shownMsg and then result, if there is one (the form that created a
// client sends back the new client, so the list can select it).
type backMsg struct{ result tea.Msg }

// back pops the top screen and hands result to the one below.
func back(result tea.Msg) tea.Cmd {
	return func() tea.Msg { return backMsg{result: result} }
}

// shownMsg tells a screen it is on top again after the one above it was
// popped: time to reload what may have changed.
type shownMsg struct{}

// Styles are the kit's rendered roles; the alias keeps the screens'
// signatures short.
type Styles = kit.Styles
