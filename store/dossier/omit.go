package dossier

import (
	"fmt"

	"github.com/caseload/caseload/store"
)

// OmitReason is why a record is left out of a copy: the two grounds on
// which an access copy may hold less than the whole dossier.
type OmitReason string

const (
	// OmitOthersRights leaves out a record whose copy would harm the
	// rights and freedoms of others, such as what a third person said in
	// confidence (AVG art. 15(4)).
	OmitOthersRights OmitReason = "others_rights"
	// OmitInternalNote leaves out a purely internal working note, meant
	// only for the coach's own deliberation (studiebegeleiding-nijmegen
	// §14.1a: "werkdocumenten, interne notities").
	OmitInternalNote OmitReason = "internal_note"
)

// Valid reports whether r is a known reason.
func (r OmitReason) Valid() bool { return r == OmitOthersRights || r == OmitInternalNote }

// Omission is a record the coach leaves out of a copy, and why.
type Omission struct {
	RecordID int64
	Reason   OmitReason
}

// Omitted is what a copy says of a record left out: its kind and date and
// the reason, never its title or text.
type Omitted struct {
	Kind   string `json:"kind"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// omit takes the records o names out of d and returns what the copy says
// of them. It refuses an unknown reason, a record of another client and a
// record named twice, so a copy never claims an omission that did not
// happen.
func omit(d *store.ClientDossier, o []Omission) ([]Omitted, error) {
	if len(o) == 0 {
		return nil, nil
	}
	reason := map[int64]OmitReason{}
	for _, x := range o {
		if !x.Reason.Valid() {
			return nil, fmt.Errorf("%w: unknown reason %q to leave a record out", ErrOmission, x.Reason)
		}
		if _, twice := reason[x.RecordID]; twice {
			return nil, fmt.Errorf("%w: record %d is named twice", ErrOmission, x.RecordID)
		}
		reason[x.RecordID] = x.Reason
	}
	var kept []store.Record
	var out []Omitted
	for _, r := range d.Records {
		why, ok := reason[r.ID]
		if !ok {
			kept = append(kept, r)
			continue
		}
		delete(reason, r.ID)
		out = append(out, Omitted{Kind: string(r.Kind), Date: isoDate(r.Date), Reason: string(why)})
	}
	for id := range reason {
		return nil, fmt.Errorf("%w: record %d is not in this client's dossier", ErrOmission, id)
	}
	d.Records = kept
	return out, nil
}
