package crypt

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"strings"
)

// Which documents each snapshot references, so that the rotation of
// backups/ never removes the only generation that still opens a document
// whose sealed file exists (issue 11, hole 3). crypt cannot read the
// database; the store says, at every compaction, which blob ids the image
// it hands over references (Referenced). The list is kept sealed beside
// the snapshot as refs.age (random ids, but how many documents a vault
// holds is nobody else's business), and goes to backups/ with it as
// vault-<UTC>.refs.age.

const refsFile = "refs.age"

// Referenced tells the vault which sealed documents the image of the
// next Compact references. The store calls it just before Compact.
func (v *Vault) Referenced(ids []string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.nextRefs = append(v.nextRefs[:0], ids...)
	v.refsKnown = true
}

// keepRefs moves the current snapshot's list to backups/ beside it (kept
// is its backup's path), then writes the new snapshot's. Housekeeping
// after a durable seal: a failure costs at most a generation kept longer.
func (v *Vault) keepRefs(kept string) {
	if kept != "" {
		v.fs.Link(v.path(refsFile), strings.TrimSuffix(kept, ".age")+".refs.age")
	}
	if !v.refsKnown {
		// Who sealed did not say (Seal, Recover): no list beats a wrong one.
		v.fs.Remove(v.path(refsFile))
		return
	}
	var plain bytes.Buffer
	for _, id := range v.nextRefs {
		plain.WriteString(id + "\n")
	}
	recipients := v.keys.recipients()
	writeAtomic(v.fs, v.dir, refsFile, vaultTemp, func(w io.Writer) error {
		return encrypt(w, plain.Bytes(), recipients...)
	})
	v.refsKnown = false
}

// readRefs reads a list of referenced ids; ok is false if there is none
// or it does not open (then the generation is treated as referencing
// anything: kept rather than risked).
func (v *Vault) readRefs(path string) (map[string]bool, bool) {
	data, _, err := readFile(v.fs, path)
	if err != nil {
		return nil, false
	}
	plain, err := decryptAll(data, v.keys.identity)
	if err != nil {
		return nil, false
	}
	refs := map[string]bool{}
	for _, id := range strings.Fields(string(plain)) {
		refs[id] = true
	}
	return refs, true
}

// protectDocuments turns keep on again for every generation the rotation
// would remove that is the only one left referencing a document whose
// sealed file still exists in files/. A generation without a readable
// list is kept only if it is the newest to be removed and some document
// is referenced by no generation kept: the list came with the journal,
// older generations never had one.
func (v *Vault) protectDocuments(list []Backup, keep []bool) {
	removing := false
	for _, k := range keep {
		removing = removing || !k
	}
	if !removing || v.keys == nil {
		return
	}
	entries, err := v.fs.ReadDir(v.path(filesDir))
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return
	}
	if err != nil {
		return
	}
	exist := map[string]bool{}
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".age"); ok && !strings.HasPrefix(id, ".") {
			exist[id] = true
		}
	}
	// What the current snapshot and the generations kept reference.
	covered := map[string]bool{}
	add := func(refs map[string]bool) {
		for id := range refs {
			covered[id] = true
		}
	}
	if refs, ok := v.readRefs(v.path(refsFile)); ok {
		add(refs)
	} else {
		return // the current snapshot's list is unknown: nothing to go on
	}
	refsOf := func(b Backup) (map[string]bool, bool) {
		return v.readRefs(strings.TrimSuffix(b.Path, ".age") + ".refs.age")
	}
	for i, b := range list {
		if keep[i] {
			if refs, ok := refsOf(b); ok {
				add(refs)
			}
		}
	}
	// Newest first: the newest generation to be removed that references
	// an orphaned document is the one kept for it.
	for i, b := range list {
		if keep[i] {
			continue
		}
		refs, ok := refsOf(b)
		if !ok {
			continue
		}
		for id := range refs {
			if exist[id] && !covered[id] {
				keep[i] = true
				add(refs)
				break
			}
		}
	}
}
