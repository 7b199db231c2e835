package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/tui/kit"
)

// Items kept under a retention category of the practice's own (see
// store.Category.Item): the settings add and delete such categories, the
// record, document and complaint forms give an item one, the client's
// retention tab and the deadlines show each item's countdown, and the
// purge confirmation erases the items whose day has come.

// itemKeeper is what those screens need of the store beyond Store: the
// real store has it; a store without it shows the fixed categories only.
type itemKeeper interface {
	// ItemCountdowns returns the countdown of every item of a client (0:
	// of all) kept under an item category.
	ItemCountdowns(ctx context.Context, clientID int64) ([]store.ItemCountdown, error)
	// PlanItemPurge says what a purge of a client's items under c erases.
	PlanItemPurge(ctx context.Context, clientID int64, c store.Category) (store.PurgePlan, error)
	// AddPolicy adds an item category; the result carries its key.
	AddPolicy(ctx context.Context, p store.Policy) (store.Policy, error)
	// DeletePolicy removes an item category nothing is kept under.
	DeletePolicy(ctx context.Context, c store.Category) error
	// SetAttachmentRetention gives a document its item category ("": with
	// the dossier).
	SetAttachmentRetention(ctx context.Context, id int64, c store.Category) error
}

// keeper returns the store as an itemKeeper, when it is one.
func keeper(s Store) (itemKeeper, bool) {
	k, ok := s.(itemKeeper)
	return k, ok
}

// policyName names a policy's category: the fixed three by the screens'
// words, the practice's own by their name in the coach's language.
func policyName(t Text, p store.Policy) string {
	return itemCategoryName(t, p.Category, p.Name)
}

// itemCategoryName names category c whose stored name is name (see
// store.Policy.Name).
func itemCategoryName(t Text, c store.Category, name string) string {
	if !c.Item() {
		return categoryText(t, c)
	}
	return kit.OneLine(store.LocalText(name, "retention.default_name.", string(t.Lang())))
}

// retentionOptions are the choices of a form's "Keep" field for an item
// of kind: with the dossier, or one of the item categories that can keep
// it (one counting from a complaint's closing keeps complaints only).
func retentionOptions(t Text, policies []store.Policy, kind store.KeptKind) []kit.Option {
	out := []kit.Option{{Value: "", Label: t.T("retention.with_dossier")}}
	for _, p := range policies {
		if !p.Category.Item() || (p.Basis == store.BasisComplaintClosed && kind != store.KeptComplaint) {
			continue
		}
		out = append(out, kit.Option{Value: string(p.Category), Label: policyName(t, p)})
	}
	return out
}

// itemBasisText names the event an item category counts from.
func itemBasisText(t Text, b store.Basis) string {
	switch b {
	case store.BasisRecordDate:
		return t.T("item_basis.record_date")
	case store.BasisTrajectoryEnd:
		return t.T("item_basis.trajectory_end")
	case store.BasisRejection:
		return t.T("item_basis.rejection")
	case store.BasisLastContact:
		return t.T("item_basis.last_contact")
	case store.BasisComplaintClosed:
		return t.T("item_basis.complaint_closed")
	}
	return string(b)
}

// keptKindText names a kind of item.
func keptKindText(t Text, k store.KeptKind) string {
	switch k {
	case store.KeptRecord:
		return t.T("item.record")
	case store.KeptDocument:
		return t.T("item.document")
	case store.KeptComplaint:
		return t.T("item.complaint")
	}
	return string(k)
}

// itemRef names an item in a list: its kind and its name, or "(masked)"
// for a special-category one, whose name the store leaves out.
func itemRef(t Text, k store.KeptKind, ref string) string {
	if ref == "" {
		ref = t.T("retention.masked")
	}
	return keptKindText(t, k) + ": " + kit.OneLine(ref)
}

// policiesLoadedMsg answers loadPolicies.
type policiesLoadedMsg struct {
	req      reqID
	policies []store.Policy
	err      error
}

func (m policiesLoadedMsg) request() reqID { return m.req }

// loadPolicies reads the retention policies, for a form's "Keep" field.
func loadPolicies(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		ps, err := s.Policies(ctx())
		return policiesLoadedMsg{req: req, policies: ps, err: err}
	}
}

// readItemCountdowns reads a client's item countdowns and the stored
// names of the categories; nothing when the store keeps no items. It runs
// inside a command, off the event loop.
func readItemCountdowns(s Store, clientID int64) ([]store.ItemCountdown, map[store.Category]string, error) {
	k, ok := keeper(s)
	if !ok {
		return nil, nil, nil
	}
	items, err := k.ItemCountdowns(ctx(), clientID)
	if err != nil || len(items) == 0 {
		return nil, nil, err
	}
	ps, err := s.Policies(ctx())
	names := map[store.Category]string{}
	for _, p := range ps {
		names[p.Category] = p.Name
	}
	return items, names, err
}

// addPolicy adds an item category.
func addPolicy(k itemKeeper, req reqID, p store.Policy) tea.Cmd {
	return saving(func() tea.Msg {
		_, err := k.AddPolicy(ctx(), p)
		return settingSavedMsg{req: req, err: err}
	})
}

// policyDeletedMsg answers deletePolicy.
type policyDeletedMsg struct {
	req reqID
	err error
}

func (m policyDeletedMsg) saveErr() error { return m.err }
func (m policyDeletedMsg) request() reqID { return m.req }

// deletePolicy removes an item category nothing is kept under.
func deletePolicy(k itemKeeper, req reqID, c store.Category) tea.Cmd {
	return saving(func() tea.Msg { return policyDeletedMsg{req: req, err: k.DeletePolicy(ctx(), c)} })
}
