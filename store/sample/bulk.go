package sample

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/caseload/caseload/store"
)

// bulkBatch is how many clients FillBulk imports per store.ImportClients
// call: one transaction (and, with a Sealer, one seal) each. Larger
// batches save little: the full-text index is most of the cost either way.
// A variable so the test can cross batch boundaries with a few clients.
var bulkBatch = 500

// FillBulk adds the same clients, records, appointments and documents as
// Fill, but through store.ImportClients, 500 clients per call: a
// transaction per batch instead of one per item. 10,000 clients take well
// under a minute instead of several; with a Sealer, the image is sealed
// once per batch.
//
// What differs from Fill is the bookkeeping around the dossiers: every
// client gets its UID up front (so the import's duplicate check, by name
// and birth date, never refuses two invented people who happen to share
// both), and the audit log holds one import line per client instead of a
// create line per item. Stats.Writes counts the ImportClients calls.
//
// On an error FillBulk stops and returns what the batches before it added;
// a batch is all or nothing. A cancelled ctx stops it between batches.
func FillBulk(ctx context.Context, s *store.Store, o Options) (Stats, error) {
	st := Stats{
		Statuses: map[store.Status]int{},
		Outcomes: map[store.Outcome]int{},
		Hits:     map[string]int{CommonWord: 0, MediumWord: 0, RareWord: 0},
	}
	if err := o.check(); err != nil {
		return st, fmt.Errorf("filling sample caseload: %w", err)
	}
	if o.Today.IsZero() {
		o.Today = s.Today()
	}
	docs := o.Documents
	bundles := make([]store.ClientBundle, 0, min(bulkBatch, o.Clients))
	for from := 0; from < o.Clients; from += bulkBatch {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		bundles = bundles[:0]
		for i := from; i < min(from+bulkBatch, o.Clients); i++ {
			bundles = append(bundles, bundle(NewDossier(o, i), docs))
		}
		_, err := s.ImportClients(ctx, bundles)
		if errors.Is(err, store.ErrNoBlobs) && docs {
			// As Fill: a store without Blobs gets no documents.
			docs = false
			for j := range bundles {
				bundles[j].Documents = nil
			}
			_, err = s.ImportClients(ctx, bundles)
		}
		if err != nil {
			return st, fmt.Errorf("adding sample clients %d to %d: %w", from+1, from+len(bundles), err)
		}
		st.Writes++
		for _, b := range bundles {
			st.add(b)
		}
	}
	if st.Writes > 1 {
		// The batches leave the search index in many segments, which
		// every later save pays for (see store/fts.go): merge it once.
		if err := s.OptimizeIndex(ctx); err != nil {
			return st, fmt.Errorf("merging the search index of the sample caseload: %w", err)
		}
	}
	return st, nil
}

// bundle is a dossier as an import takes it.
func bundle(d Dossier, docs bool) store.ClientBundle {
	c := d.Client
	if c.UID == "" {
		u := make([]byte, 16)
		rand.Read(u)
		c.UID = hex.EncodeToString(u)
	}
	b := store.ClientBundle{Client: c, Records: d.Records, Appointments: d.Appointments}
	if docs && d.Document.Name != "" {
		b.Documents = []store.BundleDocument{{
			Attachment: store.Attachment{Name: d.Document.Name, Kind: store.KindCV},
			Data:       d.Document.Data,
		}}
	}
	return b
}

// add counts an imported bundle the way Fill counts what it adds.
func (st *Stats) add(b store.ClientBundle) {
	c := b.Client
	if c.Status == "" {
		c.Status = store.StatusIntake
	}
	st.Clients++
	st.Statuses[c.Status]++
	if c.Status == store.StatusClosed {
		st.Outcomes[c.Outcome]++
	}
	for _, r := range b.Records {
		st.Records++
		st.TextBytes += len(r.Title) + len(r.Body)
		if r.Special {
			st.Special++
		}
		for _, w := range []string{CommonWord, MediumWord, RareWord} {
			if hasPrefixWord(r.Title, w) || hasPrefixWord(r.Body, w) {
				st.Hits[w]++
			}
		}
	}
	st.Appointments += len(b.Appointments)
	st.Documents += len(b.Documents)
}
