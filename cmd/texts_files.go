package cmd

import "github.com/caseload/caseload/msg"

// t picks the English or the Dutch of a text written in place: the texts of
// the files and journal work (backup, restore, verify's documents, the
// hints per file), which are still to move into msg's catalogue.
func (e *env) t(en, nl string) string {
	if msg.Lang(e.lang) == msg.Dutch {
		return nl
	}
	return en
}
