package tui

import (
	"context"
	"path/filepath"

	"github.com/caseload/caseload/paper/fill"
	"github.com/caseload/caseload/store"
)

// The fake store's papers: the shipped templates, the session's rules as
// far as the screens branch on them, the fixed passphrase, no file.

func (s *fakeStore) Templates(context.Context) ([]store.Template, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Templates")
	all := store.ShippedTemplates()
	for i, t := range all {
		if vs := s.own[t.Key+"."+t.Lang]; len(vs) > 0 {
			own := vs[len(vs)-1]
			own.Shipped = true
			all[i] = own
		}
	}
	return all, nil
}

func (s *fakeStore) PrintPaper(_ context.Context, clientID int64, r fill.Request) (fill.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("PrintPaper")
	s.papers = append(s.papers, r)
	c, ok := s.clients[clientID]
	tp, err := store.ShippedTemplate(r.Template, r.Lang)
	switch {
	case !ok:
		return fill.Result{}, store.ErrNotFound
	case err != nil:
		return fill.Result{}, err
	case r.Recipient != "" && r.Basis == store.LegalBasisConsent && !s.consentedLocked(clientID, r.Recipient):
		return fill.Result{}, store.ErrNoConsent
	}
	if p, _ := store.ParseTemplate(tp.Body); p.Settings.To == "recipient" && r.Recipient == "" {
		return fill.Result{}, fill.ErrNeedsRecipient
	}
	res := fill.Result{Name: tp.Name(), Sealed: !r.Plain, PublicKey: r.PublicKey != "",
		Path: filepath.Join(fakeExportDir, r.Template+"-"+c.FirstName+".pdf")}
	if res.Sealed && !res.PublicKey {
		res.Passphrase, res.Path = fakePassphrase, res.Path+".age"
	}
	return res, s.sealErr
}

func (s *fakeStore) RemoveMistake(_ context.Context, id int64) (store.Tombstone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("RemoveMistake")
	if _, ok := s.clients[id]; !ok {
		return store.Tombstone{}, store.ErrNotFound
	}
	if s.dd != nil {
		for _, r := range s.dd.records {
			if r.ClientID == id {
				return store.Tombstone{}, store.ErrNotAMistake
			}
		}
	}
	delete(s.clients, id)
	delete(s.rows, id)
	return store.Tombstone{ClientID: id}, s.sealErr
}

func (s *fakeStore) Template(_ context.Context, key, lang string) (store.Template, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("Template")
	if vs := s.own[key+"."+lang]; len(vs) > 0 {
		return vs[len(vs)-1], nil
	}
	return store.ShippedTemplate(key, lang)
}

func (s *fakeStore) SaveTemplate(_ context.Context, t store.Template) (store.Template, error) {
	if _, err := store.ParseTemplate(t.Body); err != nil {
		return store.Template{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("SaveTemplate")
	if s.own == nil {
		s.own = map[string][]store.Template{}
	}
	k := t.Key + "." + t.Lang
	t.Custom, t.Version = true, len(s.own[k])+1
	s.own[k] = append(s.own[k], t)
	return t, s.sealErr
}

func (s *fakeStore) DeleteTemplate(_ context.Context, key, lang string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.called("DeleteTemplate")
	if len(s.own[key+"."+lang]) == 0 {
		return store.ErrNotFound
	}
	delete(s.own, key+"."+lang)
	return s.sealed()
}
