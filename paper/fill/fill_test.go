package fill

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/paper"
	"github.com/caseload/caseload/store"
)

var ctx = context.Background()

var today = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func must[T any](tb testing.TB) func(T, error) T {
	return func(v T, err error) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

func newStore(tb testing.TB, practice bool) *store.Store {
	tb.Helper()
	s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return today }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if practice {
		if err := s.SavePractice(ctx, store.Practice{Name: "Coachpraktijk Één & Ĳzerman-Ağaoğlu",
			Address: "Lange Hezelstraat 1\n6511 AA Nijmegen", Email: "info@een.example.org", Phone: "024-0123456",
			KvK: "01234567", DPOContact: "Marieke Smit, privacy@een.example.org"}); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

// fullClient is a client with every field filled, and long: a long name,
// a plan with 40 goals, three pages of text in the records, appointments
// of every kind, a request extended, a consent and a breach.
func fullClient(tb testing.TB, s *store.Store) store.Client {
	c := must[store.Client](tb)(s.CreateClient(ctx, store.Client{
		FirstName: "Zoë Anne-Geneviève Françoise", LastName: "van der Ĳssel-Ëlberg d’Hondt-Çelik Wijnaldum-Østergård",
		Email: "zoe@example.org", Phone: "06-01234567", Address: "Prinsengracht 1234-III\n1015 DX Amsterdam",
		BirthDate: day("2012-03-01"), Referral: store.ReferralMunicipality, ReferralDetail: "Gemeente Amsterdam",
		Representative: "Mevrouw Ingrid Ëlberg-van Dijk", Status: store.StatusClosed, Start: day("2025-01-06"),
		End: day("2026-11-30"), Outcome: store.OutcomeEducation, Gender: store.GenderFemale,
		MaritalStatus: store.MaritalSingle, Children: 0, ChildrenKnown: true, BirthCountry: "Eritrea",
		Nationality: "Eritrese", ResidenceStatus: "statushouder", ArrivalDate: day("2016-05-02"), BSN: "123456782"}))
	var plan strings.Builder
	plan.WriteString("## Situatie\n")
	plan.WriteString(strings.Repeat("Zoë woont met haar moeder in Amsterdam en wil graag terug naar school; de reiskosten zijn een zorg. ", 30))
	plan.WriteString("\n\n## Doelen\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&plan, "- Doel nummer %d: een concreet doel dat over meer dan één regel loopt, zodat de lijst ook netjes afbreekt\n", i)
	}
	plan.WriteString("\n## Acties\n")
	for i := 1; i <= 25; i++ {
		fmt.Fprintf(&plan, "- Actie %d: inschrijven, bellen of langsgaan bij de school | Zoë en coach | week %d\n", i, i)
	}
	plan.WriteString("\n## Afspraken\nWe zien elkaar elke week op dinsdag.\nAfzeggen kan tot 24 uur van tevoren.\n\n## Duur\nnegen maanden\n")
	must[store.Record](tb)(s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindPlan, Title: "Plan van aanpak",
		Body: plan.String(), Date: day("2025-01-20")}))
	for i := 1; i <= 3; i++ {
		body := fmt.Sprintf("Doel 1: stap %d gezet, gaat goed.\n2. loopt nog.\nDoel 40: begonnen.\n", i)
		must[store.Record](tb)(s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindEvaluation,
			Title: fmt.Sprintf("Evaluatie %d", i), Body: body, Date: day(fmt.Sprintf("2025-0%d-15", i+3)), Special: i == 2}))
	}
	cv := "## Opleiding\n- 2024–2026: mbo Verzorgende IG, ROC van Amsterdam\n\n## Werkervaring\n" +
		strings.Repeat("- Bijbaan bij de bakker: klanten helpen, kassa, vakken vullen; betrouwbaar en op tijd.\n", 60) +
		"\n## Talen\n- Nederlands (B1)\n- Turks (moedertaal)\n"
	must[store.Record](tb)(s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindCV, Title: "CV", Body: cv, Date: day("2025-06-01")}))
	letter := "Geachte heer, mevrouw,\n\n" + strings.Repeat("Met veel belangstelling las ik uw vacature voor een leerbaan in de zorg; ik wil graag bij u leren en werken. ", 40) +
		"\n\n" + strings.Repeat("Graag vertel ik u meer in een gesprek. ", 20)
	must[store.Record](tb)(s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindLetter, Title: "Sollicitatie leerbaan Verzorgende IG bij Zorggroep Amstelland",
		Body: letter, Date: day("2025-06-02")}))
	for i, a := range []store.Attendance{store.AttendanceAttended, store.AttendanceAttended, store.AttendanceCancelled, store.AttendanceNoShow} {
		must[store.Appointment](tb)(s.SaveAppointment(ctx, store.Appointment{ClientID: c.ID, Start: day("2025-02-01").AddDate(0, 0, 7*i),
			Minutes: 60, Attendance: a}))
	}
	r := must[store.Request](tb)(s.AddRequest(ctx, store.Request{ClientID: c.ID, Kind: store.RequestAccess, Received: day("2026-11-20"),
		Channel: store.Channel("email")}))
	must[store.Request](tb)(s.ExtendRequest(ctx, r.ID, 2, "Het dossier is groot en bevat documenten van derden die we eerst moeten afschermen."))
	must[store.Consent](tb)(s.AddConsent(ctx, store.Consent{ClientID: c.ID, Purpose: "Voortgang en resultaat van het traject melden aan de gemeente",
		Recipient: "Gemeente Amsterdam", Given: day("2025-01-06"), GivenBy: store.GivenByRepresentative}))
	must[store.Breach](tb)(s.AddBreach(ctx, store.Breach{Discovered: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC),
		Description: "Een laptop met een kopie van het werkrooster is gestolen uit de auto.", Categories: "namen, telefoonnummers",
		PeopleAffected: 12, RecordsAffected: 40, Consequences: "Ongewenst contact is mogelijk.", Measures: "Wachtwoorden gewijzigd; aangifte gedaan.",
		Contact: "Marieke Smit, 024-0123456"}))
	return c
}

// pdfText makes the PDF and returns what pdftotext reads from it; it
// fails the test if qpdf finds the file damaged or text lies outside the
// margins. With PAPER_PNG set to a folder, page 1 is drawn there as PNG
// for a person to look at.
func pdfText(t *testing.T, d paper.Document, name string) string {
	t.Helper()
	for _, tool := range []string{"pdftotext", "qpdf", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed: .ci/run installs poppler-utils and qpdf", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	var b bytes.Buffer
	if err := paper.WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "paper.pdf")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	text, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Everything printed lies inside the page less 10 mm on each side.
	inside, _ := exec.Command("pdftotext", "-x", "28", "-y", "28", "-W", "539", "-H", "786", file, "-").Output()
	all, _ := exec.Command("pdftotext", file, "-").Output()
	if n, m := len(strings.Fields(string(inside))), len(strings.Fields(string(all))); n != m {
		t.Errorf("%s: %d words on the pages, %d inside the margins", name, m, n)
	}
	if dir := os.Getenv("PAPER_PNG"); dir != "" {
		_ = exec.Command("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file, filepath.Join(dir, name)).Run()
		_ = os.WriteFile(filepath.Join(dir, name+".pdf"), b.Bytes(), 0o600)
	}
	return string(text)
}

// englishWords are words that would give away English in a Dutch paper.
var englishWords = regexp.MustCompile(`\b(the|and|Dear|Client|Goal|Page|Signature|Date|Name|Place|with|your|regards|January|December|not)\b`)

func TestEveryTemplateInBothLanguagesForAnEmptyAndAFullClient(t *testing.T) {
	for _, full := range []bool{false, true} {
		s := newStore(t, full)
		var c store.Client
		if full {
			c = fullClient(t, s)
		} else {
			c = must[store.Client](t)(s.CreateClient(ctx, store.Client{FirstName: "Ümit", Status: store.StatusIntake}))
		}
		for _, tp := range store.ShippedTemplates() {
			name := fmt.Sprintf("%s.%s.%s", tp.Key, tp.Lang, map[bool]string{false: "empty", true: "full"}[full])
			t.Run(name, func(t *testing.T) {
				pt, _ := store.ParseTemplate(tp.Body)
				recipient := ""
				if pt.Settings.To == "recipient" {
					recipient = "Gemeente Amsterdam"
				}
				p, err := Make(ctx, s, c.ID, Options{Lang: tp.Lang, Template: tp, Recipient: recipient})
				if err != nil {
					t.Fatal(err)
				}
				text := pdfText(t, p.Document, name)
				flat := strings.Join(strings.Fields(text), " ")
				if strings.Contains(text, "{{") || strings.Contains(text, "}}") {
					t.Errorf("a placeholder is left:\n%s", text)
				}
				if pt.Uses["client.name"] && !strings.Contains(flat, c.FirstName) {
					t.Errorf("the client's name %q is missing", c.FirstName)
				}
				if full && pt.Uses["client.name"] && !strings.Contains(flat, "Ĳssel-Ëlberg") {
					t.Errorf("the client's last name is missing:\n%s", text)
				}
				for _, l := range pt.Lines {
					if (l.Kind == store.LineHeading || l.Kind == store.LineTitle) && !strings.Contains(l.Text, "{{") {
						if !strings.Contains(flat, l.Text) {
							t.Errorf("heading %q is missing", l.Text)
						}
					}
				}
				if pt.Uses["signatures"] {
					for _, want := range map[string][]string{"nl": {"Handtekening", "Plaats / Datum", "Coach"}, "en": {"Signature", "Place / Date", "Coach"}}[tp.Lang] {
						if !strings.Contains(flat, want) {
							t.Errorf("signature block lacks %q", want)
						}
					}
					if full && !strings.Contains(flat, "Wettelijk vertegenwoordiger van") && tp.Lang == "nl" {
						t.Error("a minor's paper is not signed by the representative")
					}
				}
				if tp.Lang == "nl" {
					if m := englishWords.FindAllString(text, -1); len(m) > 0 {
						t.Errorf("English in a Dutch paper: %v\n%s", m, text)
					}
				}
				if full && tp.Key == "plan" && !strings.Contains(flat, "40. Doel nummer 40") {
					t.Error("the plan lacks its 40th goal")
				}
				if full && tp.Key == "progress" && (!strings.Contains(flat, "stap 3 gezet") || !strings.Contains(flat, map[string]string{"nl": "Doel 40:", "en": "Goal 40:"}[tp.Lang])) {
					t.Errorf("progress per goal is missing:\n%s", text)
				}
			})
		}
	}
}

func TestEveryPlaceholderHasAValue(t *testing.T) {
	s := newStore(t, true)
	c := fullClient(t, s)
	var body strings.Builder
	body.WriteString("% name: alles\n% record: plan\n")
	for _, name := range store.PlaceholderNames() {
		if store.Placeholders[name] == store.BlockPlaceholder {
			fmt.Fprintf(&body, "{{%s}}\n\n", name)
		} else {
			fmt.Fprintf(&body, "%s {{%s}}\n\n", name, name)
		}
	}
	out, err := Make(ctx, s, c.ID, Options{Lang: "nl", Template: store.Template{Body: body.String()},
		Recipient: "Gemeente Amsterdam", WithBSN: true})
	if err != nil {
		t.Fatal(err)
	}
	var h bytes.Buffer
	if err := paper.WriteHTML(&h, out.Document); err != nil {
		t.Fatal(err)
	}
	// Blank for this client: the request is not answered yet (answered,
	// outcome) and the breach not reported.
	if n := strings.Count(h.String(), blank); n != 3 {
		t.Errorf("%d placeholders printed blank for a full client:\n%s", n, h.String())
	}
}

// The BSN goes on a paper only when the coach ticks it, and then the
// reveal is logged; the optional fields print in the paper's language.
func TestBSNOnAPaperOnlyWhenTicked(t *testing.T) {
	s := newStore(t, true)
	c := fullClient(t, s)
	body := "% name: bsn\nBSN: {{client.bsn}}, {{client.gender}}, {{client.nationality}}, {{client.arrival_date}}\n"
	html := func(o Options) string {
		t.Helper()
		out, err := Make(ctx, s, c.ID, o)
		if err != nil {
			t.Fatal(err)
		}
		var h bytes.Buffer
		if err := paper.WriteHTML(&h, out.Document); err != nil {
			t.Fatal(err)
		}
		return h.String()
	}
	plain := html(Options{Lang: "nl", Template: store.Template{Body: body}})
	if strings.Contains(plain, "123456782") || !strings.Contains(plain, "vrouw, Eritrese, 2 mei 2016") {
		t.Errorf("without the tick:\n%s", plain)
	}
	if log, _ := s.Audit(ctx, c.ID, 3); len(log) > 0 && log[0].Action == store.AuditReveal {
		t.Error("a paper without the BSN logged a reveal")
	}
	if with := html(Options{Lang: "en", Template: store.Template{Body: body}, WithBSN: true}); !strings.Contains(with, "BSN: 123456782, female") {
		t.Errorf("with the tick:\n%s", with)
	}
	if log, _ := s.Audit(ctx, c.ID, 3); len(log) == 0 || log[0].Action != store.AuditReveal || log[0].Detail != "bsn" {
		t.Errorf("the BSN's reveal is not logged: %+v", log)
	}
}

// A field row of only optional client fields is left out when empty: a
// CV of a practice that does not record nationalities has no such row.
func TestEmptyOptionalRowIsLeftOut(t *testing.T) {
	s := newStore(t, true)
	c := must[store.Client](t)(s.CreateClient(ctx, store.Client{FirstName: "Bram", LastName: "Aalders"}))
	body := "% name: cv\n| Naam | {{client.name}}\n| Nationaliteit | {{client.nationality}}\n| BSN | {{client.bsn}}\n| Telefoon | {{client.phone}}\n"
	out, err := Make(ctx, s, c.ID, Options{Lang: "nl", Template: store.Template{Body: body}})
	if err != nil {
		t.Fatal(err)
	}
	var h bytes.Buffer
	if err := paper.WriteHTML(&h, out.Document); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(h.String(), "Nationaliteit") || strings.Contains(h.String(), "BSN") || !strings.Contains(h.String(), "Telefoon") {
		t.Errorf("empty optional rows:\n%s", h.String())
	}
}
