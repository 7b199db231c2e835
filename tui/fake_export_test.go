package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/caseload/caseload/store"
	dossierfile "github.com/caseload/caseload/store/dossier"
)

// The fake store's export: the session's rules as far as the screens
// branch on them, a fixed passphrase, and no file written.

// fakePassphrase is the passphrase every fake export is sealed with.
const fakePassphrase = "appel brug citroen duin egel fluit"

// fakeExportDir is where the fake says exports go.
const fakeExportDir = "/home/coach/Documenten/caseload-exports"

func (s *fakeStore) CheckPublicKey(key string) error {
	for _, l := range strings.Fields(key) {
		if !strings.HasPrefix(l, "age1") || len(l) < 20 {
			return fmt.Errorf("%w: %q", dossierfile.ErrBadPublicKey, l)
		}
	}
	return nil
}

func (s *fakeStore) ExportDossier(_ context.Context, clientID int64, r dossierfile.Request) (dossierfile.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("ExportDossier")
	s.exports = append(s.exports, r)
	c, ok := s.clients[clientID]
	switch {
	case !ok:
		return dossierfile.Result{}, store.ErrNotFound
	case s.exportErr != nil:
		return dossierfile.Result{}, s.exportErr
	case r.Plain && r.PublicKey != "":
		return dossierfile.Result{}, dossierfile.ErrBoth
	case r.PublicKey != "" && s.CheckPublicKey(r.PublicKey) != nil:
		return dossierfile.Result{}, dossierfile.ErrBadPublicKey
	case r.Recipient != "" && c.Restricted:
		return dossierfile.Result{}, store.ErrRestricted
	case r.Recipient != "" && r.Basis == store.LegalBasisConsent && !s.consentedLocked(clientID, r.Recipient):
		return dossierfile.Result{}, store.ErrNoConsent
	}
	res := dossierfile.Result{Client: c, Sealing: r.Sealing(), Records: 4, Appointments: 2, Documents: 1}
	name := fmt.Sprintf("dossier-%d-%s-2026-01-22.zip", c.ID, dossierfile.Initials(c.FirstName, c.LastName))
	if r.Sealing() != dossierfile.SealedNone {
		name += ".age"
	}
	res.Path = filepath.Join(fakeExportDir, name)
	if r.Sealing() == dossierfile.SealedPassphrase {
		res.Passphrase = fakePassphrase
	}
	return res, s.sealErr
}

// consentedLocked tells whether a consent for recipient is in force.
func (s *fakeStore) consentedLocked(clientID int64, recipient string) bool {
	for _, c := range s.rights().consents {
		if c.ClientID == clientID && strings.EqualFold(c.Recipient, recipient) && c.Withdrawn.IsZero() {
			return true
		}
	}
	return false
}
