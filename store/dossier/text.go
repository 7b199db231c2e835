package dossier

import (
	"fmt"
	"strings"
	"time"

	"github.com/caseload/caseload/store"
)

// The report and the README are written in the coach's language. Every
// text has a Dutch and an English version; a test holds the two
// catalogues to the same keys.

// Languages the report is written in.
const (
	LangDutch   = "nl"
	LangEnglish = "en"
)

// text is one sentence or label in both languages.
type text struct{ nl, en string }

// catalogue holds the texts of the report, the README and the log lines.
var catalogue = map[string]text{
	// The report's head.
	"title":        {"Inzage in je dossier", "Your dossier"},
	"intro":        {"Dit is een kopie van alle gegevens die %s over je bewaart, met alles wat je volgens de Algemene Verordening Gegevensbescherming (AVG, artikel 15) moet weten over wat er met die gegevens gebeurt.", "This is a copy of all the data %s keeps about you, with everything the General Data Protection Regulation (GDPR, article 15) says you must be told about what is done with it."},
	"made-on":      {"Gemaakt op %s.", "Made on %s."},
	"contents":     {"Inhoud", "Contents"},
	"the-practice": {"de praktijk", "the practice"},
	"print-hint":   {"Je kunt dit document afdrukken of als pdf bewaren met de afdrukfunctie van je browser.", "You can print this document, or save it as a PDF, with your browser's print function."},

	// Controller.
	"h-controller":  {"Wie je gegevens bewaart", "Who keeps your data"},
	"controller":    {"De verwerkingsverantwoordelijke is:", "The controller is:"},
	"kvk":           {"KvK-nummer", "Chamber of Commerce no."},
	"dpo":           {"Contact voor privacyvragen", "Contact for privacy questions"},
	"address":       {"Adres", "Address"},
	"email":         {"E-mail", "E-mail"},
	"phone":         {"Telefoon", "Phone"},
	"not-filled-in": {"(niet ingevuld door de praktijk)", "(not filled in by the practice)"},

	// Art. 15(1)(a): purposes.
	"h-purposes":       {"Waarvoor je gegevens worden gebruikt", "What your data is used for"},
	"purposes-default": {"Je gegevens worden gebruikt om je te begeleiden in je traject (naar school, werk of je inburgering) en voor de administratie daarvan: afspraken, verslagen en facturen.", "Your data is used to coach you through your trajectory (back to school, to work or through your integration course) and to keep its administration: appointments, reports and invoices."},
	"legal-bases":      {"Op welke grond", "On what grounds"},
	"bases-default":    {"De praktijk heeft de gronden niet apart vastgelegd; vraag ernaar via de contactgegevens hierboven.", "The practice has not recorded its grounds separately; ask through the contact details above."},

	// Art. 15(1)(b): categories.
	"h-categories":         {"Welke gegevens", "What data"},
	"categories-intro":     {"Dit dossier bevat de volgende soorten persoonsgegevens:", "This dossier holds these kinds of personal data:"},
	"cat-identity":         {"je naam", "your name"},
	"cat-contact":          {"contactgegevens (e-mail, telefoon, adres)", "contact details (e-mail, phone, address)"},
	"cat-birth_date":       {"je geboortedatum", "your date of birth"},
	"cat-representative":   {"je wettelijk vertegenwoordiger", "your legal representative"},
	"cat-referral":         {"wie je heeft aangemeld", "who referred you"},
	"cat-trajectory":       {"gegevens over je traject: status, begin- en einddatum, uitkomst", "details of your trajectory: status, start and end dates, outcome"},
	"cat-records":          {"verslagen van de begeleiding (intake, plan van aanpak, evaluaties, notities, cv, brieven)", "reports of the coaching (intake, plan, evaluations, notes, CV, letters)"},
	"cat-special_category": {"bijzondere persoonsgegevens (zoals over je gezondheid); die zijn hieronder gemarkeerd", "special categories of personal data (such as about your health); they are marked below"},
	"cat-appointments":     {"afspraken en of je er was", "appointments and whether you came"},
	"cat-documents":        {"documenten (bijvoorbeeld je cv of brieven)", "documents (such as your CV or letters)"},
	"cat-consents":         {"toestemmingen die je hebt gegeven", "consents you gave"},
	"cat-disclosures":      {"wat met wie is gedeeld", "what was shared with whom"},
	"cat-requests":         {"verzoeken die je hebt gedaan over je gegevens", "requests you made about your data"},
	"cat-complaints":       {"klachten over hoe met je gegevens is omgegaan", "complaints about how your data were handled"},
	"cat-invoices":         {"facturen", "invoices"},

	// Art. 15(1)(g): source.
	"h-source":            {"Waar de gegevens vandaan komen", "Where the data comes from"},
	"source-self":         {"Je hebt je zelf aangemeld. De gegevens komen van jou en uit de gesprekken met je coach.", "You signed up yourself. The data comes from you and from the conversations with your coach."},
	"source-referred":     {"Je bent aangemeld door %s. Van hen kwamen je aanmelding en de gegevens die daarbij hoorden; de rest komt van jou en uit de gesprekken met je coach.", "You were referred by %s. Your referral and the data that came with it came from them; the rest comes from you and from the conversations with your coach."},
	"source-municipality": {"je gemeente", "your municipality"},
	"source-school":       {"je school", "your school"},
	"source-other":        {"een andere organisatie", "another organisation"},

	// Art. 15(1)(c): recipients.
	"h-recipients":         {"Met wie je gegevens zijn gedeeld", "Who your data was shared with"},
	"recipients-none":      {"Er zijn geen gegevens uit je dossier aan anderen verstrekt.", "Nothing from your dossier has been given to anyone else."},
	"recipients-log":       {"Uit je dossier is het volgende verstrekt:", "The following was given from your dossier:"},
	"usual-recipients":     {"Gebruikelijke ontvangers volgens de praktijk", "Usual recipients, as the practice states them"},
	"col-recipient":        {"Aan", "To"},
	"col-what":             {"Wat", "What"},
	"col-date":             {"Datum", "Date"},
	"col-basis":            {"Grond", "Grounds"},
	"h-consents":           {"Toestemmingen", "Consents"},
	"consents-none":        {"Je hebt geen toestemming gegeven om gegevens te delen.", "You have not given consent to share data."},
	"col-purpose":          {"Doel", "Purpose"},
	"col-given":            {"Gegeven op", "Given on"},
	"col-given-by":         {"Door", "By"},
	"col-withdrawn":        {"Ingetrokken op", "Withdrawn on"},
	"given-client":         {"jezelf", "yourself"},
	"given-representative": {"je vertegenwoordiger", "your representative"},
	"in-force":             {"van kracht", "in force"},

	// Art. 15(1)(d): retention.
	"h-retention":          {"Hoe lang je gegevens worden bewaard", "How long your data is kept"},
	"col-category":         {"Gegevens", "Data"},
	"col-period":           {"Bewaartermijn", "Retention period"},
	"col-until":            {"Tot en met", "Until"},
	"ret-dossier":          {"Je dossier", "Your dossier"},
	"ret-rejected_intake":  {"Je aanmelding (als je traject niet is begonnen)", "Your sign-up (if your trajectory did not start)"},
	"ret-invoice":          {"Facturen (fiscale bewaarplicht)", "Invoices (fiscal retention duty)"},
	"period":               {"%s na %s", "%s after %s"},
	"basis-trajectory_end": {"het einde van je traject", "the end of your trajectory"},
	"basis-rejection":      {"het besluit over je aanmelding", "the decision on your sign-up"},
	"basis-record_date":    {"de laatste aantekening in je dossier", "the last entry in your dossier"},
	"basis-invoice_date":   {"de factuurdatum", "the invoice date"},
	// The events an item category of the practice counts from, per item.
	"basis-item-record_date":      {"de datum waarop het is vastgelegd", "the date it was recorded"},
	"basis-item-trajectory_end":   {"het einde van je traject", "the end of your trajectory"},
	"basis-item-rejection":        {"het besluit over je aanmelding", "the decision on your sign-up"},
	"basis-item-last_contact":     {"ons laatste contact", "our last contact"},
	"basis-item-complaint_closed": {"het afhandelen van de klacht", "the closing of the complaint"},
	"months":                      {"%d maanden", "%d months"},
	"month":                       {"1 maand", "1 month"},
	"years":                       {"%d jaar", "%d years"},
	"year":                        {"1 jaar", "1 year"},
	"until-running":               {"telt vanaf het einde van je traject", "counts from the end of your trajectory"},
	"until-not-applicable":        {"geldt nu niet voor jou", "does not apply to you now"},
	"until-hold":                  {"%s — maar er geldt een juridische bewaring (legal hold): tot die is opgeheven wordt niets verwijderd", "%s — but a legal hold applies: nothing is deleted until it is lifted"},
	"retention-after":             {"Daarna worden de gegevens verwijderd. Alleen anonieme cijfers (het jaar waarin je traject eindigde, hoe lang het duurde en de uitkomst) blijven bewaard.", "After that the data is deleted. Only anonymous figures (the year your trajectory ended, how long it took and its outcome) are kept."},

	// Art. 15(1)(e): rights.
	"h-rights":            {"Je rechten", "Your rights"},
	"rights-intro":        {"Je kunt de praktijk vragen om:", "You can ask the practice to:"},
	"right-access":        {"inzage: een kopie van je gegevens, zoals dit document (artikel 15 AVG);", "give you access: a copy of your data, like this document (GDPR article 15);"},
	"right-rectification": {"rectificatie: onjuiste gegevens verbeteren of onvolledige aanvullen (artikel 16);", "rectify: correct wrong data or complete what is missing (article 16);"},
	"right-erasure":       {"wissing: je gegevens verwijderen, tenzij de wet vraagt ze te bewaren (artikel 17);", "erase your data, unless the law requires it to be kept (article 17);"},
	"right-restriction":   {"beperking: je gegevens tijdelijk niet gebruiken, alleen bewaren, bijvoorbeeld terwijl wordt nagegaan of ze kloppen (artikel 18);", "restrict: stop using your data for a while and only keep it, for example while its accuracy is checked (article 18);"},
	"right-portability":   {"overdracht: je gegevens in een bestand dat een ander programma kan lezen, voor jezelf of voor een nieuwe coach (artikel 20) — dossier.json en de CSV-bestanden in dit pakket zijn daarvoor bedoeld;", "portability: your data in a file another program can read, for yourself or for a new coach (article 20) — dossier.json and the CSV files in this package are meant for that;"},
	"right-objection":     {"bezwaar: te stoppen met het gebruik van je gegevens, als dat gebeurt op grond van een gerechtvaardigd belang (artikel 21);", "stop using your data when it is used on the grounds of a legitimate interest: the right to object (article 21);"},
	"right-withdraw":      {"een toestemming intrekken die je eerder gaf; wat daarvoor al gebeurde blijft rechtmatig (artikel 7).", "withdraw a consent you gave; what was done before remains lawful (article 7)."},
	"rights-how":          {"Vraag het aan je coach of via %s. Je krijgt binnen een maand antwoord; als dat echt niet lukt, hoor je binnen die maand waarom het langer duurt (hooguit twee maanden extra).", "Ask your coach, or through %s. You will have an answer within a month; if that is really not possible, you will hear within that month why it takes longer (at most two more months)."},

	// Art. 15(1)(f): complaint.
	"h-complaint": {"Een klacht indienen", "Making a complaint"},
	"complaint":   {"Ben je het niet eens met hoe de praktijk met je gegevens omgaat? Zeg het eerst tegen de praktijk. Kom je er samen niet uit, dan heb je het recht een klacht in te dienen bij de Autoriteit Persoonsgegevens, de toezichthouder in Nederland: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, telefoon 088 - 1805 250, www.autoriteitpersoonsgegevens.nl.", "Do you disagree with how the practice handles your data? Tell the practice first. If you cannot resolve it together, you have the right to complain to the Autoriteit Persoonsgegevens, the Dutch data protection authority: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, the Netherlands, phone +31 88 - 1805 250, www.autoriteitpersoonsgegevens.nl."},

	// Art. 15(1)(h): automated decisions.
	"h-automated": {"Geen geautomatiseerde besluiten", "No automated decisions"},
	"automated":   {"Er worden over jou geen besluiten genomen door een computer alleen, en er wordt geen profiel van je gemaakt (artikel 22 AVG). Alle beslissingen in je traject neemt je coach, met jou.", "No decisions about you are taken by a computer alone, and no profile of you is made (GDPR article 22). Every decision in your trajectory is taken by your coach, with you."},

	// Art. 15(2): transfers.
	"h-transfers": {"Buiten Europa", "Outside Europe"},
	"transfers":   {"Je dossier staat versleuteld op de computer van de praktijk. Het programma waarin het wordt bijgehouden stuurt niets naar een land buiten de Europese Economische Ruimte. Is er toch iets aan een ontvanger buiten de EER gegeven, dan staat dat hierboven bij de ontvangers.", "Your dossier is kept encrypted on the practice's computer. The program it is kept in sends nothing to a country outside the European Economic Area. Had anything been given to a recipient outside the EEA, it would be listed with the recipients above."},

	// The copy.
	"h-copy":           {"Je gegevens", "Your data"},
	"h-personal":       {"Persoonsgegevens", "Personal details"},
	"f-name":           {"Naam", "Name"},
	"f-birth_date":     {"Geboortedatum", "Date of birth"},
	"f-representative": {"Wettelijk vertegenwoordiger", "Legal representative"},
	"f-referral":       {"Aangemeld door", "Referred by"},
	"f-status":         {"Status", "Status"},
	"f-start":          {"Begin traject", "Trajectory start"},
	"f-end":            {"Einde traject", "Trajectory end"},
	"f-rejected_on":    {"Besluit aanmelding", "Decision on sign-up"},
	"f-outcome":        {"Uitkomst", "Outcome"},
	"f-restricted":     {"Verwerking beperkt", "Processing restricted"},
	"f-hold":           {"Juridische bewaring", "Legal hold"},
	"f-notes":          {"Notities", "Notes"},
	"f-id":             {"Kenmerk", "Reference"},
	"f-created":        {"Aangemaakt", "Created"},
	"f-updated":        {"Laatst gewijzigd", "Last changed"},
	"yes-because":      {"ja: %s", "yes: %s"},
	"h-records":        {"Verslagen", "Reports"},
	"records-none":     {"Er zijn geen verslagen.", "There are no reports."},
	"h-omitted":        {"Weggelaten uit deze kopie", "Left out of this copy"},
	"omitted-intro": {"Deze verslagen staan in het dossier maar niet in deze kopie. Je kunt over het weglaten een klacht indienen bij de Autoriteit Persoonsgegevens.",
		"These reports are in the dossier but not in this copy. You can complain about leaving them out to the Autoriteit Persoonsgegevens."},
	"omit-others_rights": {"een kopie zou de rechten en vrijheden van anderen schaden (art. 15 lid 4 AVG)",
		"a copy would harm the rights and freedoms of others (GDPR art. 15(4))"},
	"omit-internal_note": {"interne werkaantekening, alleen bedoeld voor intern overleg en beraad",
		"internal working note, meant only for internal deliberation"},
	"special":           {"Bijzonder persoonsgegeven (artikel 9 AVG)", "Special category of personal data (GDPR article 9)"},
	"written":           {"geschreven %s, laatst gewijzigd %s", "written %s, last changed %s"},
	"h-appointments":    {"Afspraken", "Appointments"},
	"appointments-none": {"Er zijn geen afspraken.", "There are no appointments."},
	"col-when":          {"Wanneer", "When"},
	"col-minutes":       {"Minuten", "Minutes"},
	"col-place":         {"Waar", "Where"},
	"col-attendance":    {"Aanwezig", "Attendance"},
	"col-notes":         {"Toelichting", "Notes"},
	"h-documents":       {"Documenten", "Documents"},
	"documents-none":    {"Er zijn geen documenten.", "There are no documents."},
	"documents-intro":   {"De documenten staan in de map files in dit pakket:", "The documents are in the folder files in this package:"},
	"col-name":          {"Naam", "Name"},
	"col-file":          {"Bestand", "File"},
	"col-kind":          {"Soort", "Kind"},
	"col-size":          {"Grootte", "Size"},
	"col-added":         {"Toegevoegd", "Added"},
	"h-requests":        {"Je verzoeken", "Your requests"},
	"h-complaints":      {"Je klachten", "Your complaints"},
	"col-subject":       {"Waarover", "About"},
	"col-received":      {"Ontvangen", "Received"},
	"col-status":        {"Status", "Status"},
	"col-answered":      {"Beantwoord", "Answered"},
	"col-outcome":       {"Afhandeling", "Outcome"},
	"h-invoices":        {"Facturen", "Invoices"},
	"col-number":        {"Nummer", "Number"},
	"col-amount":        {"Bedrag", "Amount"},
	"col-debtor":        {"Betaald door", "Paid by"},
	"col-description":   {"Omschrijving", "Description"},
	"h-files":           {"Wat er in dit pakket zit", "What is in this package"},
	"footer":            {"Gemaakt met caseload op %s voor %s.", "Made with caseload on %s for %s."},

	// Enumerations.
	"status-intake":              {"aanmelding", "intake"},
	"status-active":              {"actief", "active"},
	"status-closed":              {"afgesloten", "closed"},
	"status-rejected":            {"niet gestart", "not started"},
	"outcome-education":          {"opleiding", "education"},
	"outcome-work":               {"werk", "work"},
	"outcome-other":              {"anders", "other"},
	"outcome-dropped_out":        {"gestopt", "dropped out"},
	"referral-self":              {"jezelf", "yourself"},
	"referral-municipality":      {"gemeente", "municipality"},
	"referral-school":            {"school", "school"},
	"referral-other":             {"anders", "other"},
	"kind-intake":                {"intake", "intake"},
	"kind-plan":                  {"plan van aanpak", "plan"},
	"kind-evaluation":            {"evaluatie", "evaluation"},
	"kind-note":                  {"notitie", "note"},
	"kind-cv":                    {"cv", "CV"},
	"kind-letter":                {"brief", "letter"},
	"kind-email":                 {"e-mail", "e-mail"},
	"kind-other":                 {"overig", "other"},
	"attendance-planned":         {"gepland", "planned"},
	"attendance-attended":        {"ja", "yes"},
	"attendance-cancelled":       {"afgezegd", "cancelled"},
	"attendance-no_show":         {"niet gekomen", "did not come"},
	"basis-consent":              {"toestemming", "consent"},
	"basis-contract":             {"overeenkomst", "contract"},
	"basis-legal_obligation":     {"wettelijke plicht", "legal obligation"},
	"basis-vital_interest":       {"vitaal belang", "vital interest"},
	"basis-public_task":          {"taak van algemeen belang", "public task"},
	"basis-legitimate_interest":  {"gerechtvaardigd belang", "legitimate interest"},
	"request-access":             {"inzage", "access"},
	"request-rectification":      {"rectificatie", "rectification"},
	"request-erasure":            {"wissing", "erasure"},
	"request-restriction":        {"beperking", "restriction"},
	"request-objection":          {"bezwaar", "objection"},
	"request-portability":        {"overdracht", "portability"},
	"request-consent_withdrawal": {"intrekken toestemming", "withdrawal of consent"},
	"rstatus-open":               {"in behandeling", "open"},
	"coutcome-upheld":            {"gegrond", "upheld"},
	"coutcome-partly_upheld":     {"deels gegrond", "partly upheld"},
	"coutcome-not_upheld":        {"ongegrond", "not upheld"},
	"coutcome-withdrawn":         {"ingetrokken", "withdrawn"},
	"coutcome-open":              {"in behandeling", "open"},
	"rstatus-extended":           {"verlengd", "extended"},
	"rstatus-answered":           {"beantwoord", "answered"},
	"rstatus-refused":            {"afgewezen", "refused"},

	// Reading a client list.
	"bad-control":          {"bevat een stuurteken (zoals een NUL-byte of een escape), dat hier nooit bedoeld is", "holds a control character (such as a NUL byte or an escape), which is never meant here"},
	"bad-too-long-chars":   {"is langer dan %d tekens", "is longer than %d characters"},
	"bad-too-long-bytes":   {"is langer dan %d bytes", "is longer than %d bytes"},
	"bad-year":             {"het jaar moet tussen 1900 en 2199 liggen", "the year must be between 1900 and 2199"},
	"bad-date":             {"geen datum (JJJJ-MM-DD)", "not a date (YYYY-MM-DD)"},
	"bad-moment":           {"geen datum en tijd (JJJJ-MM-DDTuu:mm:ss)", "not a date and time (YYYY-MM-DDThh:mm:ss)"},
	"bad-missing":          {"ontbreekt", "missing"},
	"bad-one-of":           {"%q is niet een van %s", "%q is not one of %s"},
	"csv-date-range":       {"%q: het jaar moet tussen 1900 en 2199 liggen", "%q: the year must be between 1900 and 2199"},
	"csv-unreadable":       {"het bestand kan niet worden gelezen", "the file cannot be read"},
	"csv-too-large":        {"het bestand is te groot voor een lijst met cliënten", "the file is too large for a client list"},
	"csv-not-utf8":         {"dit is geen UTF-8-tekst; sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'", "this is not UTF-8 text; in Excel, save it as 'CSV UTF-8 (Comma delimited)'"},
	"csv-empty":            {"het bestand is leeg", "the file is empty"},
	"csv-no-clients":       {"er staan geen cliënten in, alleen een kopregel", "it holds no clients, only a header row"},
	"csv-quotes":           {"een aanhalingsteken staat niet goed; controleer de regel in een teksteditor", "a quotation mark is out of place; check the line in a text editor"},
	"csv-extra-fields":     {"deze regel heeft meer velden dan de %d kolommen van de kopregel", "this line has more fields than the %d columns of the header row"},
	"csv-dup-column":       {"deze kolom staat er al, als %q", "this column is there already, as %q"},
	"csv-no-name":          {"de kopregel heeft geen kolom voornaam, achternaam of naam (of first name, last name, name)", "the header row has no column first name, last name or name (or voornaam, achternaam, naam)"},
	"csv-bad-date":         {"%q is geen datum; schrijf 2026-01-31 of 31-01-2026", "%q is not a date; write 2026-01-31 or 31-01-2026"},
	"csv-bad-status":       {"%q is geen status; gebruik intake, actief, afgesloten of afgewezen", "%q is not a status; use intake, active, closed or rejected"},
	"csv-bad-outcome":      {"%q is geen uitkomst; gebruik opleiding, werk, anders of uitgevallen", "%q is not an outcome; use education, work, other or dropped out"},
	"csv-outcomes":         {" (opleiding, werk, anders of uitgevallen)", " (education, work, other or dropped out)"},
	"csv-same-as-line":     {"dezelfde cliënt als op regel %d", "the same client as on line %d"},
	"csv-already-imported": {"deze cliënt is al eerder ingelezen: cliënt %d (%s)", "this client was imported before: client %d (%s)"},
	"csv-already-there":    {"staat al in de caseload als cliënt %d (%s)", "already in the caseload as client %d (%s)"},

	// The disclosure log of an export.
	"log-to-client":         {"de cliënt zelf (verzoek om inzage)", "the client (access request)"},
	"log-what":              {"dossier-export (dossier.html, dossier.json, CSV) met %d verslagen, %d afspraken en %d documenten", "dossier export (dossier.html, dossier.json, CSV) with %d reports, %d appointments and %d documents"},
	"log-omitted":           {"; %d verslag(en) weggelaten, met reden", "; %d report(s) left out, with the reason"},
	"log-sealed-passphrase": {"versleuteld met een wachtwoordzin; bestand %s", "encrypted with a passphrase; file %s"},
	"log-sealed-public_key": {"versleuteld met de publieke sleutel van de ontvanger; bestand %s", "encrypted with the recipient's public key; file %s"},
	"log-sealed-none":       {"onversleuteld (bevestigd door de coach); bestand %s", "unencrypted (confirmed by the coach); file %s"},
}

// tr returns the text for key in lang, formatted with args. A missing key
// shows itself rather than vanishing from the report.
// problemText is the sentence, in lang, for a problem the store's
// Validate names by code (store.CodeControl and the like), or "" for
// a problem without a code.
func problemText(lang string, ve *store.ValidationError) string {
	switch ve.Code {
	case store.CodeControl:
		return tr(lang, "bad-control")
	case store.CodeTooLong:
		if ve.Limit == store.MaxName || ve.Limit == store.MaxLine {
			return tr(lang, "bad-too-long-chars", ve.Limit)
		}
		return tr(lang, "bad-too-long-bytes", ve.Limit)
	case store.CodeDateRange:
		return tr(lang, "bad-year")
	}
	return ""
}

func tr(lang, key string, args ...any) string {
	t, ok := catalogue[key]
	if !ok {
		return "[" + key + "]"
	}
	s := t.en
	if lang == LangDutch {
		s = t.nl
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// monthsNL and monthsEN name the months for dates in running text.
var (
	monthsNL = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"}
	monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
)

// longDate writes an ISO date the way the coach's language reads it: 2
// maart 2026, 2 March 2026. Anything that is not a date is returned as it
// is.
func longDate(lang, iso string) string {
	if len(iso) < len(dateLayout) {
		return iso
	}
	t, err := time.Parse(dateLayout, iso[:len(dateLayout)])
	if err != nil {
		return iso
	}
	months := monthsEN
	if lang == LangDutch {
		months = monthsNL
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// longMoment writes an ISO moment as a long date and the time of day.
func longMoment(lang, iso string) string {
	t, err := time.Parse(momentLayout, iso)
	if err != nil {
		return longDate(lang, iso)
	}
	return longDate(lang, iso) + ", " + t.Format("15:04")
}

// period writes a retention period: "2 jaar na het einde van je traject".
func period(lang string, months int, basis string) string {
	var n string
	switch {
	case months%12 == 0 && months == 12:
		n = tr(lang, "year")
	case months%12 == 0:
		n = tr(lang, "years", months/12)
	case months == 1:
		n = tr(lang, "month")
	default:
		n = tr(lang, "months", months)
	}
	return tr(lang, "period", n, tr(lang, "basis-"+basis))
}

// euros writes an amount in cents as the language writes money.
func euros(lang string, cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole, frac := cents/100, cents%100
	digits := fmt.Sprint(whole)
	sep, dec := ",", "."
	if lang == LangDutch {
		sep, dec = ".", ","
	}
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s€ %s%s%02d", sign, b.String(), dec, frac)
}
