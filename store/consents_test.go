package store

import (
	"errors"
	"testing"
)

func TestDisclosureOnConsentNeedsAConsentInForce(t *testing.T) {
	for _, tc := range []struct {
		name      string
		consent   *Consent // nil: none
		withdrawn string   // withdrawn on this day, before the disclosure is recorded
		recipient string
		basis     LegalBasis
		err       error // nil: recorded
	}{
		{"no consent at all", nil, "", "Studiefonds Utrecht", LegalBasisConsent, ErrNoConsent},
		{"a consent in force", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-03-01")}, "", "Studiefonds Utrecht", LegalBasisConsent, nil},
		{"the same recipient, written otherwise", &Consent{Recipient: "studiefonds  Utrecht", Given: day("2026-03-01")}, "", " Studiefonds Utrecht", LegalBasisConsent, nil},
		{"consent given on the day", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-06-01")}, "", "Studiefonds Utrecht", LegalBasisConsent, nil},
		{"consent to another recipient", &Consent{Recipient: "Gemeente Utrecht", Given: day("2026-03-01")}, "", "Studiefonds Utrecht", LegalBasisConsent, ErrNoConsent},
		{"consent given after the disclosure", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-06-02")}, "", "Studiefonds Utrecht", LegalBasisConsent, ErrNoConsent},
		{"consent withdrawn before", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-03-01")}, "2026-05-31", "Studiefonds Utrecht", LegalBasisConsent, ErrNoConsent},
		{"consent withdrawn on the day", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-03-01")}, "2026-06-01", "Studiefonds Utrecht", LegalBasisConsent, ErrNoConsent},
		{"consent withdrawn the day after", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-03-01")}, "2026-06-02", "Studiefonds Utrecht", LegalBasisConsent, nil},
		{"no consent, another legal basis", nil, "", "Studiefonds Utrecht", LegalBasisLegitimateInterest, nil},
		{"withdrawn consent, another legal basis", &Consent{Recipient: "Studiefonds Utrecht", Given: day("2026-03-01")}, "2026-05-31", "Studiefonds Utrecht", LegalBasisContract, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.at(day("2026-03-01"))
			c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
			var cons Consent
			if tc.consent != nil {
				f.at(tc.consent.Given)
				cc := *tc.consent
				cc.ClientID, cc.Purpose = c.ID, "study grant"
				var err error
				if cons, err = f.s.AddConsent(ctx, cc); err != nil {
					t.Fatal(err)
				}
			}
			if tc.withdrawn != "" {
				f.at(day(tc.withdrawn))
				if _, err := f.s.WithdrawConsent(ctx, cons.ID); err != nil {
					t.Fatal(err)
				}
			}
			f.at(day("2026-06-10"))
			d, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: tc.recipient,
				What: "plan of approach", Date: day("2026-06-01"), Basis: tc.basis})
			switch {
			case tc.err != nil && !errors.Is(err, tc.err):
				t.Errorf("AddDisclosure = %v, want %v", err, tc.err)
			case tc.err == nil && err != nil:
				t.Errorf("AddDisclosure = %v", err)
			case tc.err == nil && tc.basis == LegalBasisConsent && d.ConsentID != cons.ID:
				t.Errorf("the disclosure names consent %d, want %d", d.ConsentID, cons.ID)
			case tc.err == nil && tc.basis != LegalBasisConsent && d.ConsentID != 0:
				t.Errorf("a disclosure on %s names consent %d", tc.basis, d.ConsentID)
			}
			ds, _ := f.s.Disclosures(ctx, c.ID)
			if n := map[bool]int{true: 0, false: 1}[tc.err != nil]; len(ds) != n {
				t.Errorf("%d disclosures recorded, want %d", len(ds), n)
			}
		})
	}
}

func TestDisclosureNamingAConsent(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	other := f.client(t, Client{FirstName: "Sem", Status: StatusActive})
	theirs, err := f.s.AddConsent(ctx, Consent{ClientID: other.ID, Purpose: "grant", Recipient: "Studiefonds", Given: day("2026-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: "Studiefonds", What: "plan",
		Date: day("2026-11-01"), Basis: LegalBasisConsent, ConsentID: theirs.ID}); !errors.Is(err, ErrNoConsent) {
		t.Errorf("a disclosure on another client's consent = %v, want ErrNoConsent", err)
	}
	if _, err := f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: "Studiefonds", What: "plan",
		Date: day("2026-11-23"), Basis: LegalBasisContract}); err == nil {
		t.Error("a disclosure dated tomorrow was recorded")
	}
	_, err = f.s.AddDisclosure(ctx, Disclosure{ClientID: c.ID, Recipient: "Studiefonds", What: "plan",
		Date: day("2026-11-01"), Basis: "gut_feeling"})
	wantInvalid(t, err, "basis")
}

func TestUnder16ConsentComesFromTheRepresentative(t *testing.T) {
	f := newFixture(t)
	young := f.client(t, Client{FirstName: "Lotte", Status: StatusActive, BirthDate: day("2010-11-02"), Representative: "J. de Vries (moeder)"})
	unknown := f.client(t, Client{FirstName: "Finn", Status: StatusActive})
	for _, tc := range []struct {
		name  string
		c     Client
		given string
		by    GivenBy
		ok    bool
	}{
		{"15, the day before her birthday", young, "2026-11-01", GivenByClient, false},
		{"15, by the representative", young, "2026-11-01", GivenByRepresentative, true},
		{"16 on her birthday", young, "2026-11-02", GivenByClient, true},
		{"15, with the default giver", young, "2026-11-01", "", false},
		{"birth date unknown", unknown, "2026-11-01", GivenByClient, true},
		{"an unknown giver", young, "2026-11-02", "neighbour", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := f.s.AddConsent(ctx, Consent{ClientID: tc.c.ID, Purpose: "grant application",
				Recipient: "Studiefonds", Given: day(tc.given), GivenBy: tc.by})
			if tc.ok && err != nil {
				t.Errorf("AddConsent = %v", err)
			}
			if !tc.ok {
				wantInvalid(t, err, "given_by")
			}
			if tc.ok && tc.by == "" && got.GivenBy != GivenByClient {
				t.Errorf("GivenBy = %q, want client", got.GivenBy)
			}
		})
	}
	var ve *ValidationError
	_, err := f.s.AddConsent(ctx, Consent{ClientID: young.ID, Purpose: "grant", Recipient: "Studiefonds", Given: day("2026-11-01")})
	if !errors.As(err, &ve) || ve.Problem != "the client was 15 on 2026-11-01: under 16, consent is given by the legal representative" {
		t.Errorf("the refusal reads %q", err)
	}
}

func TestWithdrawConsent(t *testing.T) {
	f := newFixture(t)
	c := f.client(t, Client{FirstName: "Noor", Status: StatusActive})
	cons, err := f.s.AddConsent(ctx, Consent{ClientID: c.ID, Purpose: "grant", Recipient: "Studiefonds", Given: day("2026-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetRestriction(ctx, c.ID, true, "objection pending"); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.WithdrawConsent(ctx, cons.ID)
	if err != nil || !got.Withdrawn.Equal(day("2026-11-22")) {
		t.Fatalf("WithdrawConsent of a restricted client = %+v, %v; never refused", got, err)
	}
	f.at(day("2026-11-30"))
	if again, err := f.s.WithdrawConsent(ctx, cons.ID); err != nil || !again.Withdrawn.Equal(day("2026-11-22")) {
		t.Errorf("a second withdrawal = %+v, %v; want the first date kept", again, err)
	}
	all, _ := f.s.Consents(ctx, c.ID)
	if len(all) != 1 || !all[0].Withdrawn.Equal(day("2026-11-22")) || all[0].Covers(day("2026-11-22")) || !all[0].Covers(day("2026-11-21")) {
		t.Errorf("Consents = %+v", all)
	}
	if _, err := f.s.WithdrawConsent(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("WithdrawConsent of an unknown consent = %v", err)
	}
}
