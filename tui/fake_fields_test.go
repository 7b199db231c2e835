package tui

import (
	"context"

	"github.com/caseload/caseload/store"
)

// The fake keeps no optional fields: its practice records none, its
// clients hold no BSN and no unknown outcome. Tests of the optional
// fields run on the real store (client_fields_test.go).

func (s *fakeStore) ClientFieldSet(context.Context) (store.FieldSet, error) { return nil, nil }

func (s *fakeStore) SetClientFieldSet(context.Context, store.FieldSet) error { return nil }

func (s *fakeStore) RevealBSN(context.Context, int64) (string, error) { return "", nil }

func (s *fakeStore) UnknownOutcomes(context.Context) (int, error) { return 0, nil }
