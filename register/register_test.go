package register

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/store"
)

var ctx = context.Background()

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// fixture is a real in-memory store on a fixed day.
type fixture struct{ s *store.Store }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &fixture{s: s}
}

func (f *fixture) client(t *testing.T, c store.Client) store.Client {
	t.Helper()
	c, err := f.s.CreateClient(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) disclose(t *testing.T, c store.Client, recipient, on string) {
	t.Helper()
	if _, err := f.s.AddDisclosure(ctx, store.Disclosure{ClientID: c.ID, Recipient: recipient, What: "progress report",
		Date: day(on), Basis: store.LegalBasisLegalObligation}); err != nil {
		t.Fatal(err)
	}
}

// draw gathers the facts and words them in lang.
func (f *fixture) draw(t *testing.T, lang string) Doc {
	t.Helper()
	facts, err := f.s.Register(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return New(facts, msg.Lang(lang))
}

// external finds anything in an HTML page that would load from elsewhere
// or run: a src or href attribute, a url() or @import in a style, a
// script, a link element, an embedded frame or object.
var external = regexp.MustCompile(`(?i)\s(src|href|srcset|action|formaction|poster|data)\s*=|url\(|@import|<script|<link|<iframe|<object|<embed|<img|<base|<meta\s+http-equiv|https?://|//[a-z0-9.-]+\.[a-z]{2,}/`)

func TestRegister(t *testing.T) {
	f := newFixture(t)
	if err := f.s.SavePractice(ctx, store.Practice{Name: "Coaching <Vermeer> & Co", Address: "Oudegracht 1, Utrecht",
		Email: "praktijk@example.org", KvK: "12345678", DPOContact: "praktijk@example.org",
		Purposes:   "Coaching young mothers back to school\n- Reporting to the municipality that pays\n\n",
		LegalBases: "Contract with the client\nLegal obligation (fiscal records)",
		Recipients: "Municipality (referrer)\nStudy funds, with consent"}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SavePolicy(ctx, store.Policy{Category: store.CategoryDossier, Basis: store.BasisRecordDate, Months: 30,
		Reason: "Thirty months after the last entry: the municipality may ask for a follow-up."}); err != nil {
		t.Fatal(err)
	}
	c := f.client(t, store.Client{FirstName: "Ayla", LastName: "Vermeer", Email: "ayla@example.org", Status: store.StatusActive,
		BirthDate: day("2004-03-09")})
	if _, err := f.s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindIntake, Title: "Intake", Date: day("2026-01-05")}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindNote, Title: "Medisch", Date: day("2026-02-05"), Special: true}); err != nil {
		t.Fatal(err)
	}
	f.disclose(t, c, "Gemeente Utrecht", "2026-03-01")
	policies, err := f.s.Policies(ctx)
	if err != nil || len(policies) != 8 {
		t.Fatal(policies, err)
	}

	for _, tc := range []struct {
		lang     string
		labels   []string // of every policy, in order
		periods  []string
		special  string
		contains []string
	}{
		{"en", []string{"Coaching dossier", "Intake without a trajectory", "Invoices", "Applicants",
			"Correspondence and e-mail", "ID copies", "Recorded (7 years)", "Complaints"},
			[]string{"30 months after the last entry in the dossier", "1 month after the intake was turned down",
				"7 years after the invoice date", "1 month after the intake was turned down", "2 years after it was recorded",
				"2 years after the trajectory ends", "7 years after it was recorded", "2 years after the complaint was closed"},
			"Yes: records marked as special-category data",
			[]string{"Record of processing activities", "Contact details: e-mail", "Date of birth",
				"Coaching records: intake, progress notes", "Post-quantum keys", "ML-KEM-768", "Offline",
				"Others named in the disclosure log", "Reporting to the municipality that pays"}},
		{"nl", []string{"Begeleidingsdossier", "Intake zonder traject", "Facturen", "Sollicitanten",
			"Correspondentie en e-mail", "Kopie identiteitsbewijs", "Vastgelegd (7 jaar)", "Klachten"},
			[]string{"30 maanden na de laatste aantekening in het dossier", "1 maand na de afwijzing van de intake",
				"7 jaar na de factuurdatum", "1 maand na de afwijzing van de intake", "2 jaar nadat het is vastgelegd",
				"2 jaar na het einde van het traject", "7 jaar nadat het is vastgelegd", "2 jaar na het afhandelen van de klacht"},
			"Ja: verslagen gemarkeerd als bijzonder persoonsgegeven",
			[]string{"Register van verwerkingsactiviteiten", "Contactgegevens: e-mail", "Geboortedatum",
				"Begeleidingsverslagen: intake, voortgangsnotities", "Post-kwantumsleutels", "Offline"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			doc := f.draw(t, tc.lang)
			if !doc.Special || len(doc.Missing) != 0 || !doc.Date.Equal(day("2026-11-22")) {
				t.Errorf("register: special %v, missing %v, date %s", doc.Special, doc.Missing, doc.Date)
			}
			html, err := doc.HTML()
			if err != nil {
				t.Fatal(err)
			}
			md, err := doc.Markdown()
			if err != nil {
				t.Fatal(err)
			}
			if m := external.Find(html); m != nil {
				t.Errorf("the HTML register loads or links something: %q", m)
			}
			if !strings.Contains(string(html), "Coaching &lt;Vermeer&gt; &amp; Co") || strings.Contains(string(html), "<Vermeer>") {
				t.Error("the practice's name is not escaped in the HTML")
			}
			for i, p := range policies {
				// A shipped reason is quoted in the register's language.
				for _, want := range []string{tc.labels[i], tc.periods[i], p.ReasonText(tc.lang)} {
					if !strings.Contains(string(html), escapeHTML(want)) {
						t.Errorf("the HTML register does not name policy %s: %q missing", p.Category, want)
					}
					if !strings.Contains(string(md), want) {
						t.Errorf("the Markdown register does not name policy %s: %q missing", p.Category, want)
					}
				}
			}
			for _, want := range append(tc.contains, tc.special) {
				if !strings.Contains(string(html), escapeHTML(want)) || !strings.Contains(string(md), want) {
					t.Errorf("the register lacks %q", want)
				}
			}
			for _, never := range []string{"Ayla", "ayla@example.org", "Gemeente Utrecht", "Medisch"} {
				if strings.Contains(string(html), never) || strings.Contains(string(md), never) {
					t.Errorf("the register names client data: %q", never)
				}
			}
		})
	}
}

// escapeHTML escapes as html/template does the text of this test.
func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&#39;", `"`, "&#34;").Replace(s)
}

func TestRegisterOfANewPractice(t *testing.T) {
	f := newFixture(t)
	doc := f.draw(t, "en")
	if strings.Join(doc.Missing, ",") != "name,address,email,purposes,legal_bases" {
		t.Errorf("Missing = %v", doc.Missing)
	}
	if doc.Special || len(doc.DataCategories) != 1 || len(doc.Subjects) != 1 || len(doc.Recipients) != 0 {
		t.Errorf("a register of an empty caseload claims %+v", doc)
	}
	md, err := doc.Markdown()
	if err != nil || !strings.Contains(string(md), "(not filled in yet)") || !strings.Contains(string(md), "No record is marked") {
		t.Errorf("Markdown = %s, %v", md, err)
	}
	html, err := doc.HTML()
	if err != nil || external.Find(html) != nil {
		t.Errorf("HTML: %v, external %q", err, external.Find(html))
	}
	if de := f.draw(t, "de"); de.Lang != msg.English {
		t.Errorf("a register asked for in German is in %s, not English", de.Lang)
	}
}

// The processors and the rights statistics, worded from the facts alone.
func TestRegisterProcessorsAndRights(t *testing.T) {
	facts := store.RegisterFacts{Date: day("2026-11-22"),
		Processors: []store.Processor{{Name: "Laposta B.V.", Processes: "nieuwsbrief: naam en e-mailadres", Location: "Nederland", Agreement: true},
			{Name: "Boekhouder Jansen", Processes: "facturen"}},
		Rights:   store.RegisterRights{Received: 2, Answered: 1, Open: 1, Erasures: 1},
		Policies: []store.Policy{{Category: store.CategoryInvoice, Basis: store.BasisInvoiceDate, Months: 84}, {Category: store.CategoryRejectedIntake, Basis: store.BasisRejection, Months: 1}}}
	md, err := New(facts, msg.Dutch).Markdown()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"## Verwerkers", "**Laposta B.V.**: nieuwsbrief: naam en e-mailadres (Waar: Nederland). Verwerkersovereenkomst: ja",
		"**Boekhouder Jansen**: facturen. Verwerkersovereenkomst: nee — sluit er een af",
		"Uitgevoerde verzoeken om verwijdering (art. 17): 1, binnen de wettelijke termijn: 0",
		"**Facturen**: 7 jaar na de factuurdatum", "**Intake zonder traject**: 1 maand na de afwijzing van de intake"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("register lacks %q:\n%s", s, md)
		}
	}
	html, err := New(facts, msg.English).HTML()
	if err != nil || !strings.Contains(string(html), "<td>Laposta B.V.</td>") || !strings.Contains(string(html), "no — arrange one (GDPR art. 28(3))") {
		t.Errorf("HTML register lacks the processors (%v)", err)
	}
}
