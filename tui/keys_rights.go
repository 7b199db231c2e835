package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/caseload/caseload/tui/kit"
)

// The key maps of the rights desk: the client screen's consent and
// requests tabs, the request view and the breach register. As in keys.go,
// each is built by a constructor and switched with SetEnabled.

// rightsKeys are the client screen's keys on the consent and requests
// tabs. n adds what the tab lists (a request, a consent); u records a
// disclosure, "uitwisseling", since n is taken on that tab.
type rightsKeys struct {
	OpenRequest key.Binding
	Add         key.Binding
	Disclose    key.Binding
	Withdraw    key.Binding
	Complaints  key.Binding
}

func newRightsKeys(t Text) rightsKeys {
	return rightsKeys{
		OpenRequest: bind([]string{"enter"}, "enter", t.T("key.open_request")),
		Add:         bind([]string{"n"}, "n", t.T("key.new_request")),
		Disclose:    bind([]string{"u"}, "u", t.T("key.new_disclosure")),
		Withdraw:    bind([]string{"w"}, "w", t.T("key.withdraw_consent")),
		Complaints:  bind([]string{"K"}, "K", t.T("key.complaints")),
	}
}

func (k rightsKeys) bindings() []key.Binding {
	return []key.Binding{k.OpenRequest, k.Add, k.Disclose, k.Withdraw, k.Complaints}
}

// requestKeys are the request view's keys. Which actions show depends on
// the kind of request and on whether it is still open; the cursor moves
// over the recipients to tell, or over the consents to withdraw.
type requestKeys struct {
	kit.ListKeys
	Edit     key.Binding
	Answer   key.Binding
	Refuse   key.Binding
	Extend   key.Binding
	Restrict key.Binding
	Erase    key.Binding
	Notified key.Binding
	Withdraw key.Binding
}

func newRequestKeys(t Text) requestKeys {
	return requestKeys{
		ListKeys: newListKeys(t),
		Edit:     bind([]string{"e"}, "e", t.T("key.edit")),
		Answer:   bind([]string{"a"}, "a", t.T("key.answer")),
		Refuse:   bind([]string{"f"}, "f", t.T("key.refuse")),
		Extend:   bind([]string{"v"}, "v", t.T("key.extend")),
		Restrict: bind([]string{"b"}, "b", t.T("key.restrict_request")),
		Erase:    bind([]string{"w"}, "w", t.T("key.erase")),
		Notified: bind([]string{"m"}, "m", t.T("key.mark_notified")),
		Withdraw: bind([]string{"i"}, "i", t.T("key.withdraw_consent")),
	}
}

func (k requestKeys) actions() []key.Binding {
	return []key.Binding{k.Answer, k.Refuse, k.Extend, k.Restrict, k.Erase, k.Notified, k.Withdraw, k.Edit}
}

// ShortHelp is the request view's hint line.
func (k requestKeys) ShortHelp() []key.Binding { return k.actions() }

// FullHelp is the request view's part of the help overlay.
func (k requestKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), k.actions()}
}

// breachKeys are the breach register's keys.
type breachKeys struct {
	kit.ListKeys
	New  key.Binding
	Edit key.Binding
}

func newBreachKeys(t Text) breachKeys {
	return breachKeys{
		ListKeys: newListKeys(t),
		New:      bind([]string{"n"}, "n", t.T("key.new_breach")),
		Edit:     bind([]string{"e", "enter"}, "e", t.T("key.edit")),
	}
}

// ShortHelp is the breach register's hint line.
func (k breachKeys) ShortHelp() []key.Binding { return []key.Binding{k.New, k.Edit} }

// FullHelp is the breach register's part of the help overlay.
func (k breachKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.New, k.Edit}}
}
