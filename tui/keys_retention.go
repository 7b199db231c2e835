package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/caseload/caseload/tui/kit"
)

// The key maps of retention: the deadlines list, the purge confirmation,
// the client screen's hold, restriction and purge keys, and the settings.
// As in keys.go, each is built by a constructor and switched with
// SetEnabled.

// deadlinesKeys are the deadlines screen's keys.
type deadlinesKeys struct {
	kit.ListKeys
	Open  key.Binding
	Purge key.Binding
}

func newDeadlinesKeys(t Text) deadlinesKeys {
	return deadlinesKeys{
		ListKeys: newListKeys(t),
		Open:     bind([]string{"enter"}, "enter", t.T("key.open_client")),
		// Shift+p: a capital for the one action that cannot be undone,
		// so a slip of the finger on p does not even open the question.
		Purge: bind([]string{"P"}, "P", t.T("key.purge")),
	}
}

// ShortHelp is the deadlines screen's hint line.
func (k deadlinesKeys) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Purge} }

// FullHelp is the deadlines screen's part of the help overlay.
func (k deadlinesKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Open, k.Purge}}
}

// purgeKeys answer the purge confirmation. As in a prompt, y and j both
// mean yes; esc (a global key) goes back without erasing anything.
type purgeKeys struct {
	Confirm key.Binding
	Backups key.Binding
}

func newPurgeKeys(t Text) purgeKeys {
	yes := "y"
	if t.Lang() == Dutch {
		yes = "j"
	}
	return purgeKeys{
		Confirm: bind([]string{"y", "Y", "j", "J"}, yes, t.T("key.purge_confirm")),
		Backups: bind([]string{"b", " "}, "b", t.T("key.purge_backups")),
	}
}

// ShortHelp is the purge confirmation's hint line.
func (k purgeKeys) ShortHelp() []key.Binding { return []key.Binding{k.Confirm, k.Backups} }

// FullHelp is the purge confirmation's part of the help overlay.
func (k purgeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// retentionKeys are the client screen's keys for the retention of the
// dossier, on the overview tab: legal hold, restriction and purge.
type retentionKeys struct {
	Hold     key.Binding
	Restrict key.Binding
	Purge    key.Binding
}

func newRetentionKeys(t Text) retentionKeys {
	return retentionKeys{
		Hold:     bind([]string{"h"}, "h", t.T("key.hold")),
		Restrict: bind([]string{"r"}, "r", t.T("key.restrict")),
		Purge:    bind([]string{"P"}, "P", t.T("key.purge")),
	}
}

func (k retentionKeys) bindings() []key.Binding { return []key.Binding{k.Hold, k.Restrict, k.Purge} }

// settingsKeys are the settings screen's keys: the cursor moves over the
// retention policies.
type settingsKeys struct {
	kit.ListKeys
	Edit       key.Binding
	Practice   key.Binding
	Register   key.Binding
	Processors key.Binding
	AddKey     key.Binding
	// NewCategory and DeleteCategory add a retention category of the
	// practice's own, and delete the one under the cursor.
	NewCategory    key.Binding
	DeleteCategory key.Binding
}

func newSettingsKeys(t Text) settingsKeys {
	return settingsKeys{
		ListKeys:       newListKeys(t),
		NewCategory:    bind([]string{"n"}, "n", t.T("key.new_category")),
		DeleteCategory: bind([]string{"d"}, "d", t.T("key.delete_category")),
		Edit:           bind([]string{"e", "enter"}, "e", t.T("key.edit_policy")),
		Practice:       bind([]string{"p"}, "p", t.T("key.edit_practice")),
		Register:       bind([]string{"w"}, "w", t.T("key.write_register")),
		Processors:     bind([]string{"v"}, "v", t.T("key.processors")),
		AddKey:         bind([]string{"b"}, "b", t.T("key.add_security_key")),
	}
}

// ShortHelp is the settings screen's hint line.
func (k settingsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Edit, k.Practice, k.Register}
}

// FullHelp is the settings screen's part of the help overlay.
func (k settingsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.ListKeys.Bindings(), {k.Edit, k.NewCategory, k.DeleteCategory, k.Practice, k.Processors,
		k.Register, k.AddKey}}
}
