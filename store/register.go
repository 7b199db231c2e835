package store

import (
	"bytes"
	"context"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"
)

// The record of processing activities (AVG art. 30): what the practice
// processes, for whom and why, how long it keeps it and how it is kept
// safe. It is drawn from the practice's own details, the retention
// policies and what the caseload actually holds: a category of data
// appears when a client has it, so the register does not claim more (or
// less) than is processed. It names no client and counts nothing of one.

// RegisterDoc is the record of processing activities in one language,
// ready to render with Markdown or HTML.
type RegisterDoc struct {
	// Lang is "nl" or "en".
	Lang string
	// Date is the day the record was drawn up.
	Date time.Time
	// Controller is the practice: name and contact details, and the
	// contact for data protection.
	Controller Practice
	// Purposes, LegalBases and Recipients are the practice's own
	// statements, one per line of its settings.
	Purposes   []string
	LegalBases []string
	Recipients []string
	// Subjects are the categories of people the data are about.
	Subjects []string
	// DataCategories are the categories of personal data in use.
	DataCategories []string
	// Special says whether special-category data (AVG art. 9) are
	// processed: whether any record is marked special category.
	Special bool
	// SpecialText says so in a sentence.
	SpecialText string
	// Transfers says whether data leave the European Economic Area.
	Transfers string
	// Retention is the retention period of every category, from the
	// policies, followed by what the vault keeps for as long as it lives.
	Retention []RegisterRetention
	// Security describes the technical measures caseload takes.
	Security []string
	// Processors are the practice's processors (AVG art. 28), by name.
	Processors []Processor
	// Rights counts the rights requests handled, for the register's
	// statistics: no one is named.
	Rights RegisterRights
	// Missing names the practice settings still empty that the register
	// needs, by field name ("name", "email", "purposes"); the register is
	// incomplete until they are filled in.
	Missing []string
}

// RegisterRetention is one retention period in the register.
type RegisterRetention struct {
	// Category is the policy's category; empty for what is not a policy.
	Category Category
	Label    string
	Period   string
	// Reason is why the practice keeps the category this long.
	Reason string
}

// RegisterRights counts the handling of rights requests: how many came in
// (per kind, those still with their dossier) and the erasures carried out,
// which outlive their dossier (see Erasures), with how many within the
// deadline.
type RegisterRights struct {
	Received       int
	Answered       int
	Refused        int
	Open           int
	Erasures       int
	ErasuresOnTime int
	// Complaints and ComplaintsOpen count the complaints about the
	// handling of data, still with their dossier.
	Complaints     int
	ComplaintsOpen int
}

// registerUsage is what the caseload holds, category by category, without
// counting anyone.
type registerUsage struct {
	email, phone, address, birth, representative, referrer, notes   bool
	rejected, appointments, documents, invoices, consents, requests bool
	disclosures, special                                            bool
	kinds                                                           map[RecordKind]bool
}

// Register draws up the record of processing activities in lang ("nl" or
// "en"), as of today.
func (s *Store) Register(ctx context.Context, lang string) (RegisterDoc, error) {
	l, ok := registerLangs[lang]
	if !ok {
		return RegisterDoc{}, invalid("lang", fmt.Sprintf("the register is written in nl or en, not %q", lang))
	}
	var d RegisterDoc
	var policies []Policy
	var u registerUsage
	err := s.read(ctx, func(t *tx) error {
		var err error
		d.Date = t.today()
		if d.Controller, err = t.practice(); err != nil {
			return err
		}
		if policies, err = t.policies(); err != nil {
			return err
		}
		if u, err = t.registerUsage(); err != nil {
			return err
		}
		if d.Processors, err = t.processors(); err != nil {
			return err
		}
		d.Rights, err = t.registerRights()
		return err
	})
	if err != nil {
		return d, err
	}
	d.Lang = lang
	p := d.Controller
	d.Purposes, d.LegalBases, d.Recipients = lines(p.Purposes), lines(p.LegalBases), lines(p.Recipients)
	if u.disclosures {
		d.Recipients = append(d.Recipients, l.loggedRecipients)
	}
	for _, m := range []struct {
		field string
		empty bool
	}{
		{"name", p.Name == ""}, {"address", p.Address == ""}, {"email", p.Email == "" && p.Phone == ""},
		{"purposes", len(d.Purposes) == 0}, {"legal_bases", len(d.LegalBases) == 0},
	} {
		if m.empty {
			d.Missing = append(d.Missing, m.field)
		}
	}
	d.Subjects, d.DataCategories = l.subjects(u), l.categories(u)
	d.Special = u.special
	d.SpecialText = l.noSpecial
	if u.special {
		d.SpecialText = l.special
	}
	d.Transfers = l.transfers
	for _, pol := range policies {
		d.Retention = append(d.Retention, RegisterRetention{Category: pol.Category,
			Label: l.label(pol, lang), Period: l.period(pol), Reason: pol.ReasonText(lang)})
	}
	d.Retention = append(d.Retention, l.kept...)
	d.Security = append([]string(nil), l.security...)
	return d, nil
}

func (t *tx) registerUsage() (registerUsage, error) {
	u := registerUsage{kinds: map[RecordKind]bool{}}
	err := t.row(`SELECT
			EXISTS (SELECT 1 FROM clients WHERE email != ''),
			EXISTS (SELECT 1 FROM clients WHERE phone != ''),
			EXISTS (SELECT 1 FROM clients WHERE address != ''),
			EXISTS (SELECT 1 FROM clients WHERE birth_date IS NOT NULL),
			EXISTS (SELECT 1 FROM clients WHERE representative != '')
				OR EXISTS (SELECT 1 FROM consents WHERE given_by = 'representative'),
			EXISTS (SELECT 1 FROM clients WHERE referral != 'self' OR referral_detail != ''),
			EXISTS (SELECT 1 FROM clients WHERE notes != ''),
			EXISTS (SELECT 1 FROM clients WHERE status = 'rejected'),
			EXISTS (SELECT 1 FROM appointments),
			EXISTS (SELECT 1 FROM attachments),
			EXISTS (SELECT 1 FROM invoices),
			EXISTS (SELECT 1 FROM consents),
			EXISTS (SELECT 1 FROM requests),
			EXISTS (SELECT 1 FROM disclosures),
			EXISTS (SELECT 1 FROM records WHERE special)`).Scan(&u.email, &u.phone, &u.address,
		&u.birth, &u.representative, &u.referrer, &u.notes, &u.rejected, &u.appointments,
		&u.documents, &u.invoices, &u.consents, &u.requests, &u.disclosures, &u.special)
	if err != nil {
		return u, fmt.Errorf("reading what the caseload holds: %w", err)
	}
	rs, err := t.query("SELECT DISTINCT kind FROM records")
	if err != nil {
		return u, fmt.Errorf("reading what the caseload holds: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var k RecordKind
		if err := rs.Scan(&k); err != nil {
			return u, fmt.Errorf("reading what the caseload holds: %w", err)
		}
		u.kinds[k] = true
	}
	return u, rs.Err()
}

func (t *tx) registerRights() (RegisterRights, error) {
	var r RegisterRights
	err := t.row(`SELECT count(*),
			coalesce(sum(status = 'answered'), 0), coalesce(sum(status = 'refused'), 0),
			coalesce(sum(status IN ('open', 'extended')), 0)
		FROM requests`).Scan(&r.Received, &r.Answered, &r.Refused, &r.Open)
	if err != nil {
		return r, fmt.Errorf("counting requests: %w", err)
	}
	if err := t.row(`SELECT count(*), coalesce(sum(done_on <= due_on), 0) FROM erasures`).Scan(
		&r.Erasures, &r.ErasuresOnTime); err != nil {
		return r, fmt.Errorf("counting erasures: %w", err)
	}
	if err := t.row(`SELECT count(*), coalesce(sum(answered_on IS NULL), 0) FROM complaints`).Scan(
		&r.Complaints, &r.ComplaintsOpen); err != nil {
		return r, fmt.Errorf("counting complaints: %w", err)
	}
	// An erasure's request went with the dossier: count it as received
	// and answered too.
	r.Received += r.Erasures
	r.Answered += r.Erasures
	return r, nil
}

// lines splits a practice setting into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// registerLang holds the register's fixed text in one language.
type registerLang struct {
	// h are the headings and labels the renderers use, by name.
	h                                               map[string]string
	loggedRecipients, noSpecial, special, transfers string
	category                                        map[Category]string
	basis                                           map[Basis]string
	itemBasis                                       map[Basis]string
	months                                          func(n int) string
	subjects                                        func(registerUsage) []string
	categories                                      func(registerUsage) []string
	kept                                            []RegisterRetention
	security                                        []string
}

func (l registerLang) period(p Policy) string {
	if p.Category.Item() {
		return l.months(p.Months) + " " + l.itemBasis[p.Basis]
	}
	return l.months(p.Months) + " " + l.basis[p.Basis]
}

// label names a category: the fixed three by the register's words, the
// practice's own by their name.
func (l registerLang) label(p Policy, lang string) string {
	if p.Category.Item() {
		return p.NameText(lang)
	}
	return l.category[p.Category]
}

// kindList names the record kinds in use, in the order of RecordKinds.
func kindList(u registerUsage, names map[RecordKind]string) string {
	var in []string
	for _, k := range RecordKinds {
		if u.kinds[k] {
			in = append(in, names[k])
		}
	}
	return strings.Join(in, ", ")
}

// pick returns the texts whose condition holds, in order.
func pick(items ...any) []string {
	var out []string
	for i := 0; i+1 < len(items); i += 2 {
		if items[i].(bool) {
			out = append(out, items[i+1].(string))
		}
	}
	return out
}

// How the register names the record kinds.
var (
	registerKindsEN = map[RecordKind]string{KindIntake: "intake", KindPlan: "plan of approach",
		KindEvaluation: "evaluations", KindNote: "progress notes", KindCV: "CVs", KindLetter: "application letters",
		KindEmail: "e-mails", KindOther: "other texts"}
	registerKindsNL = map[RecordKind]string{KindIntake: "intake", KindPlan: "plan van aanpak",
		KindEvaluation: "evaluaties", KindNote: "voortgangsnotities", KindCV: "cv's", KindLetter: "sollicitatiebrieven",
		KindEmail: "e-mails", KindOther: "overige teksten"}
)

var registerLangs = map[string]registerLang{
	"en": {
		h: map[string]string{
			"Title": "Record of processing activities",
			"Intro": "The record of processing activities of this practice (AVG/GDPR art. 30), drawn up by " +
				"caseload from the practice's settings, its retention policies and the kinds of data its caseload holds.",
			"Controller": "Controller", "Name": "Name", "Address": "Address", "Email": "E-mail", "Phone": "Phone",
			"KvK": "Chamber of Commerce (KvK)", "DPO": "Contact for data protection", "NotFilled": "(not filled in yet)",
			"Purposes": "Purposes of the processing", "LegalBases": "Legal bases",
			"Subjects": "Categories of data subjects", "DataCategories": "Categories of personal data",
			"Special": "Special categories of personal data", "Recipients": "Categories of recipients",
			"Transfers": "Transfers outside the European Economic Area", "Retention": "Retention periods",
			"Security": "Technical security measures", "DrawnUp": "Drawn up on",
			"Processors": "Processors", "ProcessorsNone": "No processor is registered in caseload's settings.",
			"Processes": "Processes", "Agreement": "Processing agreement", "Location": "Where",
			"Yes": "yes", "No": "no — arrange one (AVG art. 28(3))",
			"Rights": "Requests from data subjects (statistics)", "Received": "Requests received",
			"Answered": "answered", "Refused": "refused", "Open": "still open",
			"Erasures": "Erasure requests carried out (art. 17)", "OnTime": "within the legal deadline",
			"Complaints": "Complaints about the handling of data",
		},
		loggedRecipients: "Others named in the disclosure log, each with the client's consent or another legal basis",
		noSpecial:        "No record is marked as special-category data (health and the like).",
		transfers:        "None. caseload works offline and sends no data anywhere.",
		category: map[Category]string{CategoryDossier: "Coaching dossier",
			CategoryRejectedIntake: "Intake without a trajectory", CategoryInvoice: "Invoices"},
		basis: map[Basis]string{BasisTrajectoryEnd: "after the trajectory ends",
			BasisRejection: "after the intake was turned down", BasisRecordDate: "after the last entry in the dossier",
			BasisInvoiceDate: "after the invoice date"},
		itemBasis: map[Basis]string{BasisTrajectoryEnd: "after the trajectory ends",
			BasisRejection: "after the intake was turned down", BasisRecordDate: "after it was recorded",
			BasisLastContact: "after the last contact", BasisComplaintClosed: "after the complaint was closed"},
		months: func(n int) string {
			switch {
			case n == 12:
				return "1 year"
			case n%12 == 0:
				return fmt.Sprintf("%d years", n/12)
			case n == 1:
				return "1 month"
			}
			return fmt.Sprintf("%d months", n)
		},
		subjects: func(u registerUsage) []string {
			return pick(true, "Clients: people in coaching and people who came for an intake",
				u.rejected, "People whose intake did not lead to a trajectory",
				u.representative, "Legal representatives of clients under 16",
				u.invoices, "Whoever pays an invoice (the client, a parent, a municipality or a school)")
		},
		categories: func(u registerUsage) []string {
			var contact []string
			contact = append(contact, pick(u.email, "e-mail", u.phone, "phone", u.address, "address")...)
			return pick(true, "Name, and the trajectory: status, start and end dates, outcome",
				len(contact) > 0, "Contact details: "+strings.Join(contact, ", "),
				u.birth, "Date of birth",
				u.representative, "Legal representative",
				u.referrer, "Referrer (municipality, school)",
				len(u.kinds) > 0, "Coaching records: "+kindList(u, registerKindsEN),
				u.notes, "Notes on the client",
				u.appointments, "Appointments and attendance",
				u.documents, "Documents (CVs, letters, scans)",
				u.consents || u.disclosures, "Consents, and what was shared with whom",
				u.requests, "Requests to exercise privacy rights, and their handling",
				u.invoices, "Invoices: number, date, amount, debtor")
		},
		special: "Yes: records marked as special-category data (health and the like). They are shown masked, " +
			"and every time one is shown the audit log records it.",
		kept: []RegisterRetention{
			{Label: "Proof of deletion", Period: "as long as the vault",
				Reason: "The client's number, the categories erased, the date and the policy applied; no name, no text."},
			{Label: "Audit log", Period: "as long as the vault",
				Reason: "Who did what to which dossier, naming clients by number only."},
			{Label: "Anonymous statistics", Period: "as long as the vault",
				Reason: "Year, length and outcome of closed trajectories; nothing that identifies a person."},
		},
		security: []string{
			"The whole caseload is one file encrypted with age; while caseload is open the database exists " +
				"only in memory, and nothing of it is written to disk unencrypted.",
			"Post-quantum keys: the vault key and the recovery key are hybrid ML-KEM-768 + X25519 keys, so " +
				"data kept for years cannot be stored now and decrypted later.",
			"The vault key is sealed with the coach's passphrase (scrypt). A recovery key, shown once when " +
				"the vault is made, opens it when the passphrase is lost.",
			"Every document is encrypted with a key of its own, kept only in the vault: deleting the " +
				"document makes every copy of the file unreadable.",
			"Offline: caseload makes no network connections and uses no cloud service.",
			"Auto-lock: after a few minutes without a key press (5 by default) caseload drops the data and " +
				"the keys from memory and asks for the passphrase again.",
			"Deleted data are overwritten inside the database (secure delete), including the search index.",
			"An audit log inside the vault records views of dossiers, special-category texts shown, exports, " +
				"edits and purges, naming clients by number only.",
			"Retention periods count down by themselves; a purge erases the whole dossier after one " +
				"confirmation and leaves a proof of deletion without a name.",
			"Earlier versions of the vault are kept as encrypted backups (the last 20 saves, and one a day " +
				"for 30 days), as encrypted as the vault itself.",
		},
	},
	"nl": {
		h: map[string]string{
			"Title": "Register van verwerkingsactiviteiten",
			"Intro": "Het register van verwerkingsactiviteiten van deze praktijk (art. 30 AVG), opgesteld door " +
				"caseload uit de instellingen van de praktijk, het bewaarbeleid en de soorten gegevens in de caseload.",
			"Controller": "Verwerkingsverantwoordelijke", "Name": "Naam", "Address": "Adres", "Email": "E-mail",
			"Phone": "Telefoon", "KvK": "KvK-nummer", "DPO": "Contact voor gegevensbescherming",
			"NotFilled": "(nog niet ingevuld)", "Purposes": "Doeleinden van de verwerking", "LegalBases": "Grondslagen",
			"Subjects": "Categorieën betrokkenen", "DataCategories": "Categorieën persoonsgegevens",
			"Special": "Bijzondere persoonsgegevens", "Recipients": "Categorieën ontvangers",
			"Transfers": "Doorgifte buiten de Europese Economische Ruimte", "Retention": "Bewaartermijnen",
			"Security": "Technische beveiligingsmaatregelen", "DrawnUp": "Opgesteld op",
			"Processors": "Verwerkers", "ProcessorsNone": "Er is geen verwerker vastgelegd in de instellingen van caseload.",
			"Processes": "Verwerkt", "Agreement": "Verwerkersovereenkomst", "Location": "Waar",
			"Yes": "ja", "No": "nee — sluit er een af (art. 28 lid 3 AVG)",
			"Rights": "Verzoeken van betrokkenen (statistiek)", "Received": "Verzoeken ontvangen",
			"Answered": "beantwoord", "Refused": "geweigerd", "Open": "nog open",
			"Erasures": "Uitgevoerde verzoeken om verwijdering (art. 17)", "OnTime": "binnen de wettelijke termijn",
			"Complaints": "Klachten over de omgang met gegevens",
		},
		loggedRecipients: "Anderen die in het overzicht van verstrekkingen staan, elk met toestemming van de cliënt of een andere grondslag",
		noSpecial:        "Geen enkel verslag is gemarkeerd als bijzonder persoonsgegeven (gezondheid en dergelijke).",
		transfers:        "Geen. caseload werkt offline en verstuurt nergens gegevens heen.",
		category: map[Category]string{CategoryDossier: "Begeleidingsdossier",
			CategoryRejectedIntake: "Intake zonder traject", CategoryInvoice: "Facturen"},
		basis: map[Basis]string{BasisTrajectoryEnd: "na het einde van het traject",
			BasisRejection: "na de afwijzing van de intake", BasisRecordDate: "na de laatste aantekening in het dossier",
			BasisInvoiceDate: "na de factuurdatum"},
		itemBasis: map[Basis]string{BasisTrajectoryEnd: "na het einde van het traject",
			BasisRejection: "na de afwijzing van de intake", BasisRecordDate: "nadat het is vastgelegd",
			BasisLastContact: "na het laatste contact", BasisComplaintClosed: "na het afhandelen van de klacht"},
		months: func(n int) string {
			switch {
			case n%12 == 0:
				return fmt.Sprintf("%d jaar", n/12)
			case n == 1:
				return "1 maand"
			}
			return fmt.Sprintf("%d maanden", n)
		},
		subjects: func(u registerUsage) []string {
			return pick(true, "Cliënten: mensen in begeleiding en mensen die voor een intake kwamen",
				u.rejected, "Mensen bij wie de intake niet tot een traject leidde",
				u.representative, "Wettelijk vertegenwoordigers van cliënten jonger dan 16",
				u.invoices, "Wie een factuur betaalt (de cliënt, een ouder, een gemeente of een school)")
		},
		categories: func(u registerUsage) []string {
			var contact []string
			contact = append(contact, pick(u.email, "e-mail", u.phone, "telefoon", u.address, "adres")...)
			return pick(true, "Naam, en het traject: status, begin- en einddatum, resultaat",
				len(contact) > 0, "Contactgegevens: "+strings.Join(contact, ", "),
				u.birth, "Geboortedatum",
				u.representative, "Wettelijk vertegenwoordiger",
				u.referrer, "Verwijzer (gemeente, school)",
				len(u.kinds) > 0, "Begeleidingsverslagen: "+kindList(u, registerKindsNL),
				u.notes, "Aantekeningen over de cliënt",
				u.appointments, "Afspraken en aanwezigheid",
				u.documents, "Documenten (cv's, brieven, scans)",
				u.consents || u.disclosures, "Toestemmingen, en wat met wie is gedeeld",
				u.requests, "Verzoeken om privacyrechten uit te oefenen, en de afhandeling",
				u.invoices, "Facturen: nummer, datum, bedrag, debiteur")
		},
		special: "Ja: verslagen gemarkeerd als bijzonder persoonsgegeven (gezondheid en dergelijke). Ze worden " +
			"afgeschermd getoond, en elke keer dat er een wordt getoond, legt het logboek dat vast.",
		kept: []RegisterRetention{
			{Label: "Bewijs van verwijdering", Period: "zolang de kluis bestaat",
				Reason: "Het nummer van de cliënt, de gewiste categorieën, de datum en het toegepaste beleid; geen naam, geen tekst."},
			{Label: "Logboek", Period: "zolang de kluis bestaat",
				Reason: "Wat er met welk dossier is gedaan, met cliënten alleen bij nummer."},
			{Label: "Anonieme statistiek", Period: "zolang de kluis bestaat",
				Reason: "Jaar, duur en resultaat van afgesloten trajecten; niets wat iemand herkenbaar maakt."},
		},
		security: []string{
			"De hele caseload is één bestand, versleuteld met age; zolang caseload open is, bestaat de database " +
				"alleen in het geheugen, en er komt niets onversleuteld op schijf.",
			"Post-kwantumsleutels: de sleutel van de kluis en de herstelsleutel zijn hybride ML-KEM-768 + " +
				"X25519-sleutels, zodat gegevens die jaren bewaard worden niet nu onderschept en later ontsleuteld kunnen worden.",
			"De sleutel van de kluis is beveiligd met de wachtwoordzin van de coach (scrypt). Een herstelsleutel, " +
				"eenmalig getoond bij het maken van de kluis, opent hem als de wachtwoordzin kwijt is.",
			"Elk document is versleuteld met een eigen sleutel die alleen in de kluis staat: wie het document " +
				"verwijdert, maakt elke kopie van het bestand onleesbaar.",
			"Offline: caseload maakt geen netwerkverbindingen en gebruikt geen clouddienst.",
			"Automatisch vergrendelen: na enkele minuten zonder toetsaanslag (standaard 5) haalt caseload de " +
				"gegevens en sleutels uit het geheugen en vraagt opnieuw om de wachtwoordzin.",
			"Verwijderde gegevens worden in de database overschreven (secure delete), ook in de zoekindex.",
			"Een logboek in de kluis legt vast welke dossiers zijn ingezien, welke bijzondere gegevens zijn getoond, " +
				"en elke export, wijziging en verwijdering, met cliënten alleen bij nummer.",
			"Bewaartermijnen tellen vanzelf af; verwijderen wist na één bevestiging het hele dossier en laat een " +
				"bewijs van verwijdering zonder naam achter.",
			"Eerdere versies van de kluis worden bewaard als versleutelde back-ups (de laatste 20 keer opslaan, " +
				"en één per dag gedurende 30 dagen), even goed versleuteld als de kluis zelf.",
		},
	},
}

// Markdown renders the register as Markdown.
func (d RegisterDoc) Markdown() ([]byte, error) {
	var b bytes.Buffer
	err := markdownRegister.Execute(&b, d.data())
	return b.Bytes(), err
}

// HTML renders the register as one self-contained HTML page: the style is
// inline and nothing is loaded from anywhere, so it opens offline and
// prints as it shows.
func (d RegisterDoc) HTML() ([]byte, error) {
	var b bytes.Buffer
	err := htmlRegister.Execute(&b, d.data())
	return b.Bytes(), err
}

func (d RegisterDoc) data() map[string]any {
	return map[string]any{"D": d, "T": registerLangs[d.Lang].h,
		"Date": d.Date.Format(dateLayout)}
}

var markdownRegister = template.Must(template.New("register.md").Parse(`# {{.T.Title}}

{{.T.Intro}}

{{.T.DrawnUp}}: {{.Date}}

## {{.T.Controller}}

{{with .D.Controller -}}
- {{$.T.Name}}: {{or .Name $.T.NotFilled}}
- {{$.T.Address}}: {{or .Address $.T.NotFilled}}
- {{$.T.Email}}: {{or .Email $.T.NotFilled}}
- {{$.T.Phone}}: {{or .Phone $.T.NotFilled}}
- {{$.T.KvK}}: {{or .KvK $.T.NotFilled}}
- {{$.T.DPO}}: {{or .DPOContact $.T.NotFilled}}
{{- end}}
{{define "list"}}{{range .}}
- {{.}}{{end}}{{end}}
## {{.T.Purposes}}
{{if .D.Purposes}}{{template "list" .D.Purposes}}{{else}}
{{.T.NotFilled}}{{end}}

## {{.T.LegalBases}}
{{if .D.LegalBases}}{{template "list" .D.LegalBases}}{{else}}
{{.T.NotFilled}}{{end}}

## {{.T.Subjects}}
{{template "list" .D.Subjects}}

## {{.T.DataCategories}}
{{template "list" .D.DataCategories}}

## {{.T.Special}}

{{.D.SpecialText}}

## {{.T.Recipients}}
{{if .D.Recipients}}{{template "list" .D.Recipients}}{{else}}
{{.T.NotFilled}}{{end}}

## {{.T.Transfers}}

{{.D.Transfers}}

## {{.T.Retention}}
{{range .D.Retention}}
- **{{.Label}}**: {{.Period}}. {{.Reason}}{{end}}

## {{.T.Processors}}
{{if .D.Processors}}{{range .D.Processors}}
- **{{.Name}}**{{with .Processes}}: {{.}}{{end}}{{with .Location}} ({{$.T.Location}}: {{.}}){{end}}. {{$.T.Agreement}}: {{if .Agreement}}{{$.T.Yes}}{{else}}{{$.T.No}}{{end}}{{end}}{{else}}
{{.T.ProcessorsNone}}{{end}}

## {{.T.Rights}}
{{with .D.Rights}}
- {{$.T.Received}}: {{.Received}} ({{$.T.Answered}} {{.Answered}}, {{$.T.Refused}} {{.Refused}}, {{$.T.Open}} {{.Open}})
- {{$.T.Erasures}}: {{.Erasures}}, {{$.T.OnTime}}: {{.ErasuresOnTime}}
- {{$.T.Complaints}}: {{.Complaints}} ({{$.T.Open}} {{.ComplaintsOpen}})
{{- end}}

## {{.T.Security}}
{{template "list" .D.Security}}
`))

var htmlRegister = htmltemplate.Must(htmltemplate.New("register.html").Parse(`<!DOCTYPE html>
<html lang="{{.D.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.T.Title}}{{with .D.Controller.Name}} — {{.}}{{end}}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.3em 0.6em 0.3em 0; }
.muted { color: #666; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<h1>{{.T.Title}}</h1>
<p>{{.T.Intro}}</p>
<p class="muted">{{.T.DrawnUp}}: {{.Date}}</p>

<h2>{{.T.Controller}}</h2>
<table>
{{- with .D.Controller}}
<tr><th>{{$.T.Name}}</th><td>{{or .Name $.T.NotFilled}}</td></tr>
<tr><th>{{$.T.Address}}</th><td>{{or .Address $.T.NotFilled}}</td></tr>
<tr><th>{{$.T.Email}}</th><td>{{or .Email $.T.NotFilled}}</td></tr>
<tr><th>{{$.T.Phone}}</th><td>{{or .Phone $.T.NotFilled}}</td></tr>
<tr><th>{{$.T.KvK}}</th><td>{{or .KvK $.T.NotFilled}}</td></tr>
<tr><th>{{$.T.DPO}}</th><td>{{or .DPOContact $.T.NotFilled}}</td></tr>
{{- end}}
</table>
{{define "list"}}<ul>{{range .}}
<li>{{.}}</li>{{end}}
</ul>{{end}}
<h2>{{.T.Purposes}}</h2>
{{if .D.Purposes}}{{template "list" .D.Purposes}}{{else}}<p class="muted">{{.T.NotFilled}}</p>{{end}}

<h2>{{.T.LegalBases}}</h2>
{{if .D.LegalBases}}{{template "list" .D.LegalBases}}{{else}}<p class="muted">{{.T.NotFilled}}</p>{{end}}

<h2>{{.T.Subjects}}</h2>
{{template "list" .D.Subjects}}

<h2>{{.T.DataCategories}}</h2>
{{template "list" .D.DataCategories}}

<h2>{{.T.Special}}</h2>
<p>{{.D.SpecialText}}</p>

<h2>{{.T.Recipients}}</h2>
{{if .D.Recipients}}{{template "list" .D.Recipients}}{{else}}<p class="muted">{{.T.NotFilled}}</p>{{end}}

<h2>{{.T.Transfers}}</h2>
<p>{{.D.Transfers}}</p>

<h2>{{.T.Retention}}</h2>
<table>
{{- range .D.Retention}}
<tr><th>{{.Label}}</th><td>{{.Period}}</td><td>{{.Reason}}</td></tr>
{{- end}}
</table>

<h2>{{.T.Processors}}</h2>
{{if .D.Processors}}<table>
<tr><th>{{.T.Name}}</th><th>{{.T.Processes}}</th><th>{{.T.Location}}</th><th>{{.T.Agreement}}</th></tr>
{{- range .D.Processors}}
<tr><td>{{.Name}}</td><td>{{.Processes}}</td><td>{{.Location}}</td><td>{{if .Agreement}}{{$.T.Yes}}{{else}}{{$.T.No}}{{end}}</td></tr>
{{- end}}
</table>{{else}}<p class="muted">{{.T.ProcessorsNone}}</p>{{end}}

<h2>{{.T.Rights}}</h2>
{{with .D.Rights}}<ul>
<li>{{$.T.Received}}: {{.Received}} ({{$.T.Answered}} {{.Answered}}, {{$.T.Refused}} {{.Refused}}, {{$.T.Open}} {{.Open}})</li>
<li>{{$.T.Erasures}}: {{.Erasures}}, {{$.T.OnTime}}: {{.ErasuresOnTime}}</li>
<li>{{$.T.Complaints}}: {{.Complaints}} ({{$.T.Open}} {{.ComplaintsOpen}})</li>
</ul>{{end}}

<h2>{{.T.Security}}</h2>
{{template "list" .D.Security}}
</body>
</html>
`))
