package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/caseload/caseload/store"
)

// The commands of retention: deadlines, purges, holds and restrictions,
// policies, the practice's details and the statistics. As in commands.go,
// every store call happens inside a tea.Cmd and every result carries the
// request id of the screen state that asked.

// deadlinesLoadedMsg answers loadDeadlines.
type deadlinesLoadedMsg struct {
	req   reqID
	items []store.Deadline
	err   error
}

func (m deadlinesLoadedMsg) request() reqID { return m.req }

// loadDeadlines reads everything due, soonest first.
func loadDeadlines(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		items, err := s.Deadlines(ctx())
		return deadlinesLoadedMsg{req: req, items: items, err: err}
	}
}

// countDue reads how many dossiers wait for deletion and, when any do,
// says so on the status line with the key that lists them. A failure is
// left unsaid: the deadlines screen reports it when the coach opens it.
func countDue(s Store, t Text) tea.Cmd {
	return func() tea.Msg {
		n, err := s.DueCount(ctx())
		if err != nil || n == 0 {
			return nil
		}
		return statusMsg{kind: statusWarning, text: t.N("due.startup", n)}
	}
}

// imageSizeMsg answers checkSize.
type imageSizeMsg struct{ bytes int64 }

// checkSize reads the size of the caseload as last saved, for the status
// line's warning when it nears what a vault can hold.
func checkSize(s Store) tea.Cmd {
	return func() tea.Msg { return imageSizeMsg{bytes: s.ImageSize()} }
}

// Sizes for the warning. A vault's database lives in memory, and SQLite
// grows an in-memory database it was handed to 1 GiB at most; past that
// every edit fails. The warning comes early enough that a coach has
// months, at any pace of writing, to purge or archive.
const (
	imageLimit  = 1 << 30
	imageWarnAt = 700 << 20
)

// countdownLoadedMsg answers loadCountdown.
type countdownLoadedMsg struct {
	req reqID
	row store.ClientRow
	ok  bool // the client was listed
	// items are the countdowns of the client's items kept under an item
	// category, names the stored names of those categories.
	items []store.ItemCountdown
	names map[store.Category]string
	err   error
}

func (m countdownLoadedMsg) request() reqID { return m.req }

// loadCountdown reads a client's retention countdown. The store computes
// countdowns for the caseload list only, so this reads the list and keeps
// the one row; it runs off the event loop like the caseload's own load.
func loadCountdown(s Store, req reqID, id int64) tea.Cmd {
	return func() tea.Msg {
		rows, err := s.ListClients(ctx())
		if err != nil {
			return countdownLoadedMsg{req: req, err: err}
		}
		for _, r := range rows {
			if r.ID == id {
				msg := countdownLoadedMsg{req: req, row: r, ok: true}
				msg.items, msg.names, msg.err = readItemCountdowns(s, id)
				return msg
			}
		}
		return countdownLoadedMsg{req: req}
	}
}

// purgePlan is a plan with what the confirmation says about backups/.
type purgePlan struct {
	plan    store.PurgePlan
	backups BackupInfo
}

// planLoadedMsg answers planPurge.
type planLoadedMsg struct {
	req reqID
	p   purgePlan
	err error
}

func (m planLoadedMsg) request() reqID { return m.req }

// planPurge plans the purge of a client's dossier, or with invoices of
// the client's invoices alone (0: of clients purged earlier), and reads
// what backups/ holds. A failure to read backups/ leaves the sentence
// about it out; it does not stop the purge.
func planPurge(s Store, req reqID, clientID int64, invoices bool) tea.Cmd {
	return func() tea.Msg {
		var p purgePlan
		var err error
		if invoices {
			p.plan, err = s.PlanInvoicePurge(ctx(), clientID)
		} else {
			p.plan, err = s.PlanPurge(ctx(), clientID, store.PurgeOptions{})
		}
		if err != nil {
			return planLoadedMsg{req: req, err: err}
		}
		p.backups, _ = s.Backups()
		return planLoadedMsg{req: req, p: p}
	}
}

// planItemPurge plans the purge of a client's items under item category
// c whose day has come.
func planItemPurge(s Store, req reqID, clientID int64, c store.Category) tea.Cmd {
	return func() tea.Msg {
		k, ok := keeper(s)
		if !ok {
			return planLoadedMsg{req: req, err: store.ErrNotDue}
		}
		var p purgePlan
		var err error
		if p.plan, err = k.PlanItemPurge(ctx(), clientID, c); err != nil {
			return planLoadedMsg{req: req, err: err}
		}
		p.backups, _ = s.Backups()
		return planLoadedMsg{req: req, p: p}
	}
}

// purgedMsg answers purge. It travels back to the screen below the purge
// confirmation (see purgeScreen), which reloads.
type purgedMsg struct {
	req      reqID
	plan     store.PurgePlan
	dropped  int  // older versions deleted from backups/
	dropFail bool // deleting them failed; the purge itself stands
	err      error
}

func (m purgedMsg) saveErr() error { return m.err }
func (m purgedMsg) request() reqID { return m.req }

// purge carries out a confirmed plan and then, when asked, deletes the
// older versions in backups/: after the purge, so the version the purge
// itself set aside goes too.
func purge(s Store, req reqID, plan store.PurgePlan, dropBackups bool) tea.Cmd {
	return saving(func() tea.Msg {
		msg := purgedMsg{req: req, plan: plan}
		if _, msg.err = s.Purge(ctx(), plan); msg.err != nil {
			return msg
		}
		if dropBackups {
			n, err := s.DropBackups()
			msg.dropped, msg.dropFail = n, err != nil
		}
		return msg
	})
}

// flagSetMsg answers setHold and setRestriction.
type flagSetMsg struct {
	req    reqID
	client int64
	hold   bool // a legal hold, else a restriction
	on     bool
	err    error
}

func (m flagSetMsg) saveErr() error { return m.err }
func (m flagSetMsg) request() reqID { return m.req }

// setHold puts a client under legal hold, or lifts it.
func setHold(s Store, req reqID, id int64, on bool, reason string, until time.Time) tea.Cmd {
	return saving(func() tea.Msg {
		err := s.SetHold(ctx(), id, on, reason, until)
		return flagSetMsg{req: req, client: id, hold: true, on: on, err: err}
	})
}

// setRestriction restricts processing of a client, or lifts it.
func setRestriction(s Store, req reqID, id int64, on bool, reason string) tea.Cmd {
	return saving(func() tea.Msg {
		err := s.SetRestriction(ctx(), id, on, reason)
		return flagSetMsg{req: req, client: id, on: on, err: err}
	})
}

// settings is what the settings screen shows, read in one command.
type settings struct {
	policies []store.Policy
	practice store.Practice
	stats    []store.YearStats
	// target is the practice's answer target for rights requests, in days
	// (0: none); processors its processors.
	target     int
	processors []store.Processor
	// fields are the optional client fields the practice records.
	fields store.FieldSet
}

// settingsLoadedMsg answers loadSettings.
type settingsLoadedMsg struct {
	req reqID
	s   settings
	err error
}

func (m settingsLoadedMsg) request() reqID { return m.req }

// loadSettings reads the policies, the practice's details and the
// statistics.
func loadSettings(s Store, req reqID) tea.Cmd {
	return func() tea.Msg {
		var out settings
		var err error
		if out.policies, err = s.Policies(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.practice, err = s.Practice(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.target, err = s.AnswerTarget(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.processors, err = s.Processors(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		if out.fields, err = s.ClientFieldSet(ctx()); err != nil {
			return settingsLoadedMsg{req: req, err: err}
		}
		out.stats, err = s.Statistics(ctx())
		return settingsLoadedMsg{req: req, s: out, err: err}
	}
}

// previewedMsg answers previewPolicy.
type previewedMsg struct {
	req    reqID
	impact store.PolicyImpact
	err    error
}

func (m previewedMsg) request() reqID { return m.req }

// previewPolicy asks what p would make due today.
func previewPolicy(s Store, req reqID, p store.Policy) tea.Cmd {
	return func() tea.Msg {
		impact, err := s.PreviewPolicy(ctx(), p)
		return previewedMsg{req: req, impact: impact, err: err}
	}
}

// settingSavedMsg answers savePolicy and savePractice.
type settingSavedMsg struct {
	req reqID
	err error
}

func (m settingSavedMsg) saveErr() error { return m.err }
func (m settingSavedMsg) request() reqID { return m.req }

// savePolicy replaces a retention policy.
func savePolicy(s Store, req reqID, p store.Policy) tea.Cmd {
	return saving(func() tea.Msg { return settingSavedMsg{req: req, err: s.SavePolicy(ctx(), p)} })
}

// savePractice stores the practice's details.
func savePractice(s Store, req reqID, p store.Practice, target int, fields store.FieldSet) tea.Cmd {
	return saving(func() tea.Msg {
		if err := s.SetAnswerTarget(ctx(), target); err != nil {
			return settingSavedMsg{req: req, err: err}
		}
		if err := s.SetClientFieldSet(ctx(), fields); err != nil {
			return settingSavedMsg{req: req, err: err}
		}
		return settingSavedMsg{req: req, err: s.SavePractice(ctx(), p)}
	})
}

// saveProcessor adds or corrects one of the practice's processors.
func saveProcessor(s Store, req reqID, p store.Processor) tea.Cmd {
	return saving(func() tea.Msg {
		_, err := s.SaveProcessor(ctx(), p)
		return settingSavedMsg{req: req, err: err}
	})
}

// deleteProcessor removes a processor the practice no longer uses.
func deleteProcessor(s Store, req reqID, id int64) tea.Cmd {
	return saving(func() tea.Msg { return settingSavedMsg{req: req, err: s.DeleteProcessor(ctx(), id)} })
}
