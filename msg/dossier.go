package msg

// dossierTexts are the texts of the dossier export (package
// store/dossier): the report dossier.html and its head, the README, the
// names of enumerated values, the problems of a client list being read,
// and the lines the export leaves in the disclosure log. Their keys are
// "dossier." and the name the dossier's own lookup (tr) gives them.
var dossierTexts = map[string]entry{
	// The report's head.
	"dossier.title":        {"Inzage in je dossier", "Your dossier"},
	"dossier.intro":        {"Dit is een kopie van alle gegevens die %s over je bewaart, met alles wat je volgens de Algemene Verordening Gegevensbescherming (AVG, artikel 15) moet weten over wat er met die gegevens gebeurt.", "This is a copy of all the data %s keeps about you, with everything the General Data Protection Regulation (GDPR, article 15) says you must be told about what is done with it."},
	"dossier.made-on":      {"Gemaakt op %s.", "Made on %s."},
	"dossier.contents":     {"Inhoud", "Contents"},
	"dossier.the-practice": {"de praktijk", "the practice"},
	"dossier.print-hint":   {"Je kunt dit document afdrukken of als pdf bewaren met de afdrukfunctie van je browser.", "You can print this document, or save it as a PDF, with your browser's print function."},

	// Controller.
	"dossier.h-controller":  {"Wie je gegevens bewaart", "Who keeps your data"},
	"dossier.controller":    {"De verwerkingsverantwoordelijke is:", "The controller is:"},
	"dossier.kvk":           {"KvK-nummer", "Chamber of Commerce no."},
	"dossier.dpo":           {"Contact voor privacyvragen", "Contact for privacy questions"},
	"dossier.address":       {"Adres", "Address"},
	"dossier.email":         {"E-mail", "E-mail"},
	"dossier.phone":         {"Telefoon", "Phone"},
	"dossier.not-filled-in": {"(niet ingevuld door de praktijk)", "(not filled in by the practice)"},

	// Art. 15(1)(a): purposes.
	"dossier.h-purposes":       {"Waarvoor je gegevens worden gebruikt", "What your data is used for"},
	"dossier.purposes-default": {"Je gegevens worden gebruikt om je te begeleiden in je traject (naar school, werk of je inburgering) en voor de administratie daarvan: afspraken, verslagen en facturen.", "Your data is used to coach you through your trajectory (back to school, to work or through your integration course) and to keep its administration: appointments, reports and invoices."},
	"dossier.legal-bases":      {"Op welke grond", "On what grounds"},
	"dossier.bases-default":    {"De praktijk heeft de gronden niet apart vastgelegd; vraag ernaar via de contactgegevens hierboven.", "The practice has not recorded its grounds separately; ask through the contact details above."},

	// Art. 15(1)(b): categories.
	"dossier.h-categories":         {"Welke gegevens", "What data"},
	"dossier.categories-intro":     {"Dit dossier bevat de volgende soorten persoonsgegevens:", "This dossier holds these kinds of personal data:"},
	"dossier.cat-identity":         {"je naam", "your name"},
	"dossier.cat-contact":          {"contactgegevens (e-mail, telefoon, adres)", "contact details (e-mail, phone, address)"},
	"dossier.cat-birth_date":       {"je geboortedatum", "your date of birth"},
	"dossier.cat-representative":   {"je wettelijk vertegenwoordiger", "your legal representative"},
	"dossier.cat-referral":         {"wie je heeft aangemeld", "who referred you"},
	"dossier.cat-trajectory":       {"gegevens over je traject: status, begin- en einddatum, uitkomst", "details of your trajectory: status, start and end dates, outcome"},
	"dossier.cat-records":          {"verslagen van de begeleiding (intake, plan van aanpak, evaluaties, notities, cv, brieven)", "reports of the coaching (intake, plan, evaluations, notes, CV, letters)"},
	"dossier.cat-special_category": {"bijzondere persoonsgegevens (zoals over je gezondheid); die zijn hieronder gemarkeerd", "special categories of personal data (such as about your health); they are marked below"},
	"dossier.cat-appointments":     {"afspraken en of je er was", "appointments and whether you came"},
	"dossier.cat-documents":        {"documenten (bijvoorbeeld je cv of brieven)", "documents (such as your CV or letters)"},
	"dossier.cat-consents":         {"toestemmingen die je hebt gegeven", "consents you gave"},
	"dossier.cat-disclosures":      {"wat met wie is gedeeld", "what was shared with whom"},
	"dossier.cat-requests":         {"verzoeken die je hebt gedaan over je gegevens", "requests you made about your data"},
	"dossier.cat-complaints":       {"klachten over hoe met je gegevens is omgegaan", "complaints about how your data were handled"},
	"dossier.cat-invoices":         {"facturen", "invoices"},
	"dossier.cat-personal_details": {"persoonlijke gegevens (zoals geslacht, gezin, herkomst, verblijfsstatus)", "personal details (such as gender, family, origin, residence status)"},
	"dossier.cat-bsn":              {"je burgerservicenummer (BSN)", "your citizen service number (BSN)"},

	// Art. 15(1)(g): source.
	"dossier.h-source":            {"Waar de gegevens vandaan komen", "Where the data comes from"},
	"dossier.source-self":         {"Je hebt je zelf aangemeld. De gegevens komen van jou en uit de gesprekken met je coach.", "You signed up yourself. The data comes from you and from the conversations with your coach."},
	"dossier.source-referred":     {"Je bent aangemeld door %s. Van hen kwamen je aanmelding en de gegevens die daarbij hoorden; de rest komt van jou en uit de gesprekken met je coach.", "You were referred by %s. Your referral and the data that came with it came from them; the rest comes from you and from the conversations with your coach."},
	"dossier.source-municipality": {"je gemeente", "your municipality"},
	"dossier.source-school":       {"je school", "your school"},
	"dossier.source-other":        {"een andere organisatie", "another organisation"},

	// Art. 15(1)(c): recipients.
	"dossier.h-recipients":         {"Met wie je gegevens zijn gedeeld", "Who your data was shared with"},
	"dossier.recipients-none":      {"Er zijn geen gegevens uit je dossier aan anderen verstrekt.", "Nothing from your dossier has been given to anyone else."},
	"dossier.recipients-log":       {"Uit je dossier is het volgende verstrekt:", "The following was given from your dossier:"},
	"dossier.usual-recipients":     {"Gebruikelijke ontvangers volgens de praktijk", "Usual recipients, as the practice states them"},
	"dossier.col-recipient":        {"Aan", "To"},
	"dossier.col-what":             {"Wat", "What"},
	"dossier.col-date":             {"Datum", "Date"},
	"dossier.col-basis":            {"Grond", "Grounds"},
	"dossier.h-consents":           {"Toestemmingen", "Consents"},
	"dossier.consents-none":        {"Je hebt geen toestemming gegeven om gegevens te delen.", "You have not given consent to share data."},
	"dossier.col-purpose":          {"Doel", "Purpose"},
	"dossier.col-given":            {"Gegeven op", "Given on"},
	"dossier.col-given-by":         {"Door", "By"},
	"dossier.col-withdrawn":        {"Ingetrokken op", "Withdrawn on"},
	"dossier.given-client":         {"jezelf", "yourself"},
	"dossier.given-representative": {"je vertegenwoordiger", "your representative"},
	"dossier.in-force":             {"van kracht", "in force"},

	// Art. 15(1)(d): retention.
	"dossier.h-retention":          {"Hoe lang je gegevens worden bewaard", "How long your data is kept"},
	"dossier.col-category":         {"Gegevens", "Data"},
	"dossier.col-period":           {"Bewaartermijn", "Retention period"},
	"dossier.col-until":            {"Tot en met", "Until"},
	"dossier.ret-dossier":          {"Je dossier", "Your dossier"},
	"dossier.ret-rejected_intake":  {"Je aanmelding (als je traject niet is begonnen)", "Your sign-up (if your trajectory did not start)"},
	"dossier.ret-invoice":          {"Facturen (fiscale bewaarplicht)", "Invoices (fiscal retention duty)"},
	"dossier.period":               {"%s na %s", "%s after %s"},
	"dossier.basis-trajectory_end": {"het einde van je traject", "the end of your trajectory"},
	"dossier.basis-rejection":      {"het besluit over je aanmelding", "the decision on your sign-up"},
	"dossier.basis-record_date":    {"de laatste aantekening in je dossier", "the last entry in your dossier"},
	"dossier.basis-invoice_date":   {"de factuurdatum", "the invoice date"},
	// The events an item category of the practice counts from, per item.
	"dossier.basis-item-record_date":      {"de datum waarop het is vastgelegd", "the date it was recorded"},
	"dossier.basis-item-trajectory_end":   {"het einde van je traject", "the end of your trajectory"},
	"dossier.basis-item-rejection":        {"het besluit over je aanmelding", "the decision on your sign-up"},
	"dossier.basis-item-last_contact":     {"ons laatste contact", "our last contact"},
	"dossier.basis-item-complaint_closed": {"het afhandelen van de klacht", "the closing of the complaint"},
	"dossier.until-running":               {"telt vanaf het einde van je traject", "counts from the end of your trajectory"},
	"dossier.until-not-applicable":        {"geldt nu niet voor jou", "does not apply to you now"},
	"dossier.until-hold":                  {"%s — maar er geldt een juridische bewaring (legal hold): tot die is opgeheven wordt niets verwijderd", "%s — but a legal hold applies: nothing is deleted until it is lifted"},
	"dossier.retention-after":             {"Daarna worden de gegevens verwijderd. Alleen anonieme cijfers (het jaar waarin je traject eindigde, hoe lang het duurde en de uitkomst) blijven bewaard.", "After that the data is deleted. Only anonymous figures (the year your trajectory ended, how long it took and its outcome) are kept."},

	// Art. 15(1)(e): rights.
	"dossier.h-rights":            {"Je rechten", "Your rights"},
	"dossier.rights-intro":        {"Je kunt de praktijk vragen om:", "You can ask the practice to:"},
	"dossier.right-access":        {"inzage: een kopie van je gegevens, zoals dit document (artikel 15 AVG);", "give you access: a copy of your data, like this document (GDPR article 15);"},
	"dossier.right-rectification": {"rectificatie: onjuiste gegevens verbeteren of onvolledige aanvullen (artikel 16);", "rectify: correct wrong data or complete what is missing (article 16);"},
	"dossier.right-erasure":       {"wissing: je gegevens verwijderen, tenzij de wet vraagt ze te bewaren (artikel 17);", "erase your data, unless the law requires it to be kept (article 17);"},
	"dossier.right-restriction":   {"beperking: je gegevens tijdelijk niet gebruiken, alleen bewaren, bijvoorbeeld terwijl wordt nagegaan of ze kloppen (artikel 18);", "restrict: stop using your data for a while and only keep it, for example while its accuracy is checked (article 18);"},
	"dossier.right-portability":   {"overdracht: je gegevens in een bestand dat een ander programma kan lezen, voor jezelf of voor een nieuwe coach (artikel 20) — dossier.json en de CSV-bestanden in dit pakket zijn daarvoor bedoeld;", "portability: your data in a file another program can read, for yourself or for a new coach (article 20) — dossier.json and the CSV files in this package are meant for that;"},
	"dossier.right-objection":     {"bezwaar: te stoppen met het gebruik van je gegevens, als dat gebeurt op grond van een gerechtvaardigd belang (artikel 21);", "stop using your data when it is used on the grounds of a legitimate interest: the right to object (article 21);"},
	"dossier.right-withdraw":      {"een toestemming intrekken die je eerder gaf; wat daarvoor al gebeurde blijft rechtmatig (artikel 7).", "withdraw a consent you gave; what was done before remains lawful (article 7)."},
	"dossier.rights-how":          {"Vraag het aan je coach of via %s. Je krijgt binnen een maand antwoord; als dat echt niet lukt, hoor je binnen die maand waarom het langer duurt (hooguit twee maanden extra).", "Ask your coach, or through %s. You will have an answer within a month; if that is really not possible, you will hear within that month why it takes longer (at most two more months)."},

	// Art. 15(1)(f): complaint.
	"dossier.h-complaint": {"Een klacht indienen", "Making a complaint"},
	"dossier.complaint":   {"Ben je het niet eens met hoe de praktijk met je gegevens omgaat? Zeg het eerst tegen de praktijk. Kom je er samen niet uit, dan heb je het recht een klacht in te dienen bij de Autoriteit Persoonsgegevens, de toezichthouder in Nederland: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, telefoon 088 - 1805 250, www.autoriteitpersoonsgegevens.nl.", "Do you disagree with how the practice handles your data? Tell the practice first. If you cannot resolve it together, you have the right to complain to the Autoriteit Persoonsgegevens, the Dutch data protection authority: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, the Netherlands, phone +31 88 - 1805 250, www.autoriteitpersoonsgegevens.nl."},

	// Art. 15(1)(h): automated decisions.
	"dossier.h-automated": {"Geen geautomatiseerde besluiten", "No automated decisions"},
	"dossier.automated":   {"Er worden over jou geen besluiten genomen door een computer alleen, en er wordt geen profiel van je gemaakt (artikel 22 AVG). Alle beslissingen in je traject neemt je coach, met jou.", "No decisions about you are taken by a computer alone, and no profile of you is made (GDPR article 22). Every decision in your trajectory is taken by your coach, with you."},

	// Art. 15(2): transfers.
	"dossier.h-transfers": {"Buiten Europa", "Outside Europe"},
	"dossier.transfers":   {"Je dossier staat versleuteld op de computer van de praktijk. Het programma waarin het wordt bijgehouden stuurt niets naar een land buiten de Europese Economische Ruimte. Is er toch iets aan een ontvanger buiten de EER gegeven, dan staat dat hierboven bij de ontvangers.", "Your dossier is kept encrypted on the practice's computer. The program it is kept in sends nothing to a country outside the European Economic Area. Had anything been given to a recipient outside the EEA, it would be listed with the recipients above."},

	// The copy.
	"dossier.h-copy":             {"Je gegevens", "Your data"},
	"dossier.h-personal":         {"Persoonsgegevens", "Personal details"},
	"dossier.f-name":             {"Naam", "Name"},
	"dossier.f-birth_date":       {"Geboortedatum", "Date of birth"},
	"dossier.f-representative":   {"Wettelijk vertegenwoordiger", "Legal representative"},
	"dossier.f-referral":         {"Aangemeld door", "Referred by"},
	"dossier.f-status":           {"Status", "Status"},
	"dossier.f-start":            {"Begin traject", "Trajectory start"},
	"dossier.f-end":              {"Einde traject", "Trajectory end"},
	"dossier.f-rejected_on":      {"Besluit aanmelding", "Decision on sign-up"},
	"dossier.f-outcome":          {"Uitkomst", "Outcome"},
	"dossier.f-gender":           {"Geslacht", "Gender"},
	"dossier.f-marital_status":   {"Burgerlijke staat", "Marital status"},
	"dossier.f-children":         {"Aantal kinderen", "Number of children"},
	"dossier.f-birth_country":    {"Geboorteland", "Country of birth"},
	"dossier.f-nationality":      {"Nationaliteit", "Nationality"},
	"dossier.f-residence_status": {"Verblijfsstatus", "Residence status"},
	"dossier.f-arrival_date":     {"In Nederland sinds", "In the Netherlands since"},
	"dossier.f-bsn":              {"Burgerservicenummer (BSN)", "Citizen service number (BSN)"},
	"dossier.f-restricted":       {"Verwerking beperkt", "Processing restricted"},
	"dossier.f-hold":             {"Juridische bewaring", "Legal hold"},
	"dossier.f-notes":            {"Notities", "Notes"},
	"dossier.f-id":               {"Kenmerk", "Reference"},
	"dossier.f-created":          {"Aangemaakt", "Created"},
	"dossier.f-updated":          {"Laatst gewijzigd", "Last changed"},
	"dossier.yes-because":        {"ja: %s", "yes: %s"},
	"dossier.h-records":          {"Verslagen", "Reports"},
	"dossier.records-none":       {"Er zijn geen verslagen.", "There are no reports."},
	"dossier.h-omitted":          {"Weggelaten uit deze kopie", "Left out of this copy"},
	"dossier.omitted-intro": {"Deze verslagen staan in het dossier maar niet in deze kopie. Je kunt over het weglaten een klacht indienen bij de Autoriteit Persoonsgegevens.",
		"These reports are in the dossier but not in this copy. You can complain about leaving them out to the Autoriteit Persoonsgegevens."},
	"dossier.omit-others_rights": {"een kopie zou de rechten en vrijheden van anderen schaden (art. 15 lid 4 AVG)",
		"a copy would harm the rights and freedoms of others (GDPR art. 15(4))"},
	"dossier.omit-internal_note": {"interne werkaantekening, alleen bedoeld voor intern overleg en beraad",
		"internal working note, meant only for internal deliberation"},
	"dossier.special":           {"Bijzonder persoonsgegeven (artikel 9 AVG)", "Special category of personal data (GDPR article 9)"},
	"dossier.written":           {"geschreven %s, laatst gewijzigd %s", "written %s, last changed %s"},
	"dossier.h-appointments":    {"Afspraken", "Appointments"},
	"dossier.appointments-none": {"Er zijn geen afspraken.", "There are no appointments."},
	"dossier.col-when":          {"Wanneer", "When"},
	"dossier.col-minutes":       {"Minuten", "Minutes"},
	"dossier.col-place":         {"Waar", "Where"},
	"dossier.col-attendance":    {"Aanwezig", "Attendance"},
	"dossier.col-notes":         {"Toelichting", "Notes"},
	"dossier.h-documents":       {"Documenten", "Documents"},
	"dossier.documents-none":    {"Er zijn geen documenten.", "There are no documents."},
	"dossier.documents-intro":   {"De documenten staan in de map files in dit pakket:", "The documents are in the folder files in this package:"},
	"dossier.col-name":          {"Naam", "Name"},
	"dossier.col-file":          {"Bestand", "File"},
	"dossier.col-kind":          {"Soort", "Kind"},
	"dossier.col-size":          {"Grootte", "Size"},
	"dossier.col-added":         {"Toegevoegd", "Added"},
	"dossier.h-requests":        {"Je verzoeken", "Your requests"},
	"dossier.h-complaints":      {"Je klachten", "Your complaints"},
	"dossier.col-subject":       {"Waarover", "About"},
	"dossier.col-received":      {"Ontvangen", "Received"},
	"dossier.col-status":        {"Status", "Status"},
	"dossier.col-answered":      {"Beantwoord", "Answered"},
	"dossier.col-outcome":       {"Afhandeling", "Outcome"},
	"dossier.h-invoices":        {"Facturen", "Invoices"},
	"dossier.col-number":        {"Nummer", "Number"},
	"dossier.col-amount":        {"Bedrag", "Amount"},
	"dossier.col-debtor":        {"Betaald door", "Paid by"},
	"dossier.col-description":   {"Omschrijving", "Description"},
	"dossier.h-files":           {"Wat er in dit pakket zit", "What is in this package"},
	"dossier.footer":            {"Gemaakt met caseload op %s voor %s.", "Made with caseload on %s for %s."},

	// Enumerations.
	"dossier.status-intake":              {"aanmelding", "intake"},
	"dossier.status-active":              {"actief", "active"},
	"dossier.status-closed":              {"afgesloten", "closed"},
	"dossier.status-rejected":            {"niet gestart", "not started"},
	"dossier.outcome-education":          {"opleiding", "education"},
	"dossier.outcome-work":               {"werk", "work"},
	"dossier.outcome-other":              {"anders", "other"},
	"dossier.outcome-dropped_out":        {"gestopt", "dropped out"},
	"dossier.outcome-unknown":            {"onbekend", "unknown"},
	"dossier.gender-female":              {"vrouw", "female"},
	"dossier.gender-male":                {"man", "male"},
	"dossier.gender-other":               {"anders", "other"},
	"dossier.marital-single":             {"ongehuwd", "single"},
	"dossier.marital-married":            {"gehuwd", "married"},
	"dossier.marital-registered_partner": {"geregistreerd partner", "registered partner"},
	"dossier.marital-cohabiting":         {"samenwonend", "cohabiting"},
	"dossier.marital-divorced":           {"gescheiden", "divorced"},
	"dossier.marital-widowed":            {"weduwe of weduwnaar", "widowed"},
	"dossier.referral-self":              {"jezelf", "yourself"},
	"dossier.referral-municipality":      {"gemeente", "municipality"},
	"dossier.referral-school":            {"school", "school"},
	"dossier.referral-other":             {"anders", "other"},
	"dossier.kind-intake":                {"intake", "intake"},
	"dossier.kind-plan":                  {"plan van aanpak", "plan"},
	"dossier.kind-evaluation":            {"evaluatie", "evaluation"},
	"dossier.kind-note":                  {"notitie", "note"},
	"dossier.kind-cv":                    {"cv", "CV"},
	"dossier.kind-letter":                {"brief", "letter"},
	"dossier.kind-email":                 {"e-mail", "e-mail"},
	"dossier.kind-other":                 {"overig", "other"},
	"dossier.attendance-planned":         {"gepland", "planned"},
	"dossier.attendance-attended":        {"ja", "yes"},
	"dossier.attendance-cancelled":       {"afgezegd", "cancelled"},
	"dossier.attendance-no_show":         {"niet gekomen", "did not come"},
	"dossier.basis-consent":              {"toestemming", "consent"},
	"dossier.basis-contract":             {"overeenkomst", "contract"},
	"dossier.basis-legal_obligation":     {"wettelijke plicht", "legal obligation"},
	"dossier.basis-vital_interest":       {"vitaal belang", "vital interest"},
	"dossier.basis-public_task":          {"taak van algemeen belang", "public task"},
	"dossier.basis-legitimate_interest":  {"gerechtvaardigd belang", "legitimate interest"},
	"dossier.request-access":             {"inzage", "access"},
	"dossier.request-rectification":      {"rectificatie", "rectification"},
	"dossier.request-erasure":            {"wissing", "erasure"},
	"dossier.request-restriction":        {"beperking", "restriction"},
	"dossier.request-objection":          {"bezwaar", "objection"},
	"dossier.request-portability":        {"overdracht", "portability"},
	"dossier.request-consent_withdrawal": {"intrekken toestemming", "withdrawal of consent"},
	"dossier.rstatus-open":               {"in behandeling", "open"},
	"dossier.coutcome-upheld":            {"gegrond", "upheld"},
	"dossier.coutcome-partly_upheld":     {"deels gegrond", "partly upheld"},
	"dossier.coutcome-not_upheld":        {"ongegrond", "not upheld"},
	"dossier.coutcome-withdrawn":         {"ingetrokken", "withdrawn"},
	"dossier.coutcome-open":              {"in behandeling", "open"},
	"dossier.rstatus-extended":           {"verlengd", "extended"},
	"dossier.rstatus-answered":           {"beantwoord", "answered"},
	"dossier.rstatus-refused":            {"afgewezen", "refused"},

	// Reading a client list.
	"dossier.bad-control":          {"bevat een stuurteken (zoals een NUL-byte of een escape), dat hier nooit bedoeld is", "holds a control character (such as a NUL byte or an escape), which is never meant here"},
	"dossier.bad-too-long-chars":   {"is langer dan %d tekens", "is longer than %d characters"},
	"dossier.bad-too-long-bytes":   {"is langer dan %d bytes", "is longer than %d bytes"},
	"dossier.bad-year":             {"het jaar moet tussen 1900 en 2199 liggen", "the year must be between 1900 and 2199"},
	"dossier.bad-date":             {"geen datum (JJJJ-MM-DD)", "not a date (YYYY-MM-DD)"},
	"dossier.bad-moment":           {"geen datum en tijd (JJJJ-MM-DDTuu:mm:ss)", "not a date and time (YYYY-MM-DDThh:mm:ss)"},
	"dossier.bad-missing":          {"ontbreekt", "missing"},
	"dossier.bad-one-of":           {"%q is niet een van %s", "%q is not one of %s"},
	"dossier.csv-date-range":       {"%q: het jaar moet tussen 1900 en 2199 liggen", "%q: the year must be between 1900 and 2199"},
	"dossier.csv-unreadable":       {"het bestand kan niet worden gelezen", "the file cannot be read"},
	"dossier.csv-too-large":        {"het bestand is te groot voor een lijst met cliënten", "the file is too large for a client list"},
	"dossier.csv-not-utf8":         {"dit is geen UTF-8-tekst; sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'", "this is not UTF-8 text; in Excel, save it as 'CSV UTF-8 (Comma delimited)'"},
	"dossier.csv-empty":            {"het bestand is leeg", "the file is empty"},
	"dossier.csv-no-clients":       {"er staan geen cliënten in, alleen een kopregel", "it holds no clients, only a header row"},
	"dossier.csv-quotes":           {"een aanhalingsteken staat niet goed; controleer de regel in een teksteditor", "a quotation mark is out of place; check the line in a text editor"},
	"dossier.csv-extra-fields":     {"deze regel heeft meer velden dan de %d kolommen van de kopregel", "this line has more fields than the %d columns of the header row"},
	"dossier.csv-dup-column":       {"deze kolom staat er al, als %q", "this column is there already, as %q"},
	"dossier.csv-no-name":          {"de kopregel heeft geen kolom voornaam, achternaam of naam (of first name, last name, name)", "the header row has no column first name, last name or name (or voornaam, achternaam, naam)"},
	"dossier.csv-bad-date":         {"%q is geen datum; schrijf 2026-01-31 of 31-01-2026", "%q is not a date; write 2026-01-31 or 31-01-2026"},
	"dossier.csv-bad-status":       {"%q is geen status; gebruik intake, actief, afgesloten of afgewezen", "%q is not a status; use intake, active, closed or rejected"},
	"dossier.csv-bad-gender":       {"%q is geen geslacht; gebruik vrouw, man of anders", "%q is not a gender; use female, male or other"},
	"dossier.csv-bad-marital":      {"%q is geen burgerlijke staat; gebruik ongehuwd, gehuwd, geregistreerd partner, samenwonend, gescheiden of weduwe", "%q is not a marital status; use single, married, registered partner, cohabiting, divorced or widowed"},
	"dossier.csv-bad-children":     {"%q is geen aantal kinderen; gebruik een getal van 0 tot 30", "%q is not a number of children; use a number from 0 to 30"},
	"dossier.csv-bad-outcome":      {"%q is geen uitkomst; gebruik opleiding, werk, anders of uitgevallen", "%q is not an outcome; use education, work, other or dropped out"},
	"dossier.csv-outcomes":         {" (opleiding, werk, anders of uitgevallen)", " (education, work, other or dropped out)"},
	"dossier.csv-same-as-line":     {"dezelfde cliënt als op regel %d", "the same client as on line %d"},
	"dossier.csv-already-imported": {"deze cliënt is al eerder ingelezen: cliënt %d (%s)", "this client was imported before: client %d (%s)"},
	"dossier.csv-already-there":    {"staat al in de caseload als cliënt %d (%s)", "already in the caseload as client %d (%s)"},

	// The disclosure log of an export.
	"dossier.log-to-client":         {"de cliënt zelf (verzoek om inzage)", "the client (access request)"},
	"dossier.log-bsn":               {", met het BSN", ", with the BSN"},
	"dossier.log-what":              {"dossier-export (dossier.html, dossier.json, CSV) met %s, %s en %s", "dossier export (dossier.html, dossier.json, CSV) with %s, %s and %s"},
	"dossier.log-sealed-passphrase": {"versleuteld met een wachtwoordzin; bestand %s", "encrypted with a passphrase; file %s"},
	"dossier.log-sealed-public_key": {"versleuteld met de publieke sleutel van de ontvanger; bestand %s", "encrypted with the recipient's public key; file %s"},
	"dossier.log-sealed-none":       {"onversleuteld (bevestigd door de coach); bestand %s", "unencrypted (confirmed by the coach); file %s"},

	// How an error about a client list names a field the file has no
	// column for, in the language of the file's own headers.
	"dossier.column-first_name":     {"voornaam", "first name"},
	"dossier.column-last_name":      {"achternaam", "last name"},
	"dossier.column-email":          {"e-mail", "e-mail"},
	"dossier.column-birth_date":     {"geboortedatum", "birth date"},
	"dossier.column-status":         {"status", "status"},
	"dossier.column-start":          {"start", "start"},
	"dossier.column-end":            {"einde", "end"},
	"dossier.column-rejected_on":    {"afgewezen op", "rejected on"},
	"dossier.column-referral":       {"verwijzer", "referral"},
	"dossier.column-outcome":        {"uitkomst", "outcome"},
	"dossier.column-name":           {"naam", "name"},
	"dossier.column-gender":         {"geslacht", "gender"},
	"dossier.column-marital_status": {"burgerlijke staat", "marital status"},
	"dossier.column-children":       {"kinderen", "children"},
	"dossier.column-arrival_date":   {"in Nederland sinds", "arrival date"},
	"dossier.column-bsn":            {"BSN", "BSN"},

	// What each fixed entry of the dossier's zip is for, as README.txt
	// lists them.
	"dossier.file-readme":           {"dit bestand", "this file"},
	"dossier.file-html":             {"je dossier om te lezen en af te drukken: open het in een webbrowser", "your dossier to read and print: open it in a web browser"},
	"dossier.file-json":             {"al je gegevens in een vast formaat (JSON) voor een ander programma, zoals dat van een nieuwe coach", "all your data in a fixed format (JSON) for another program, such as a new coach's"},
	"dossier.file-schema":           {"de beschrijving van dat formaat (JSON Schema)", "the description of that format (JSON Schema)"},
	"dossier.file-clients_csv":      {"je persoonsgegevens als tabel (CSV, te openen in een spreadsheet)", "your personal details as a table (CSV, opens in a spreadsheet)"},
	"dossier.file-appointments_csv": {"je afspraken als tabel (CSV)", "your appointments as a table (CSV)"},
	"dossier.file-records_csv":      {"de verslagen als tabel (CSV)", "the reports as a table (CSV)"},

	// README.txt. %[1]s is the client's name, %[2]s the practice, %[3]s
	// the date, %[4]s the file list, %[5]s the export's own file name.
	"dossier.readme": {`Dossier van %[1]s
Gemaakt door %[2]s op %[3]s.

Wat er in dit pakket zit
%[4]s
Begin met dossier.html: daarin staat alles wat in je dossier staat, en wat
je volgens de privacywet (AVG) moet weten: waarvoor je gegevens worden
gebruikt, met wie ze zijn gedeeld, hoe lang ze worden bewaard, welke rechten
je hebt en waar je terechtkunt met een klacht.

Het versleutelde bestand openen
Heb je dit pakket gekregen als %[5]s.age, dan is het versleuteld met age
(https://age-encryption.org). Je hebt de wachtwoordzin apart gekregen,
bijvoorbeeld per sms of telefoon, of het is versleuteld voor jouw sleutel.

  Met de opdrachtregel:
    age -d -o dossier.zip %[5]s.age
  (of: age -d %[5]s.age > dossier.zip)
  Met een sleutel in plaats van een wachtwoordzin:
    age -d -i sleutel.txt -o dossier.zip %[5]s.age

  Zonder opdrachtregel: programma's die age-bestanden openen zijn er voor
  Windows, macOS en Linux; zie https://age-encryption.org. Pak daarna
  dossier.zip uit zoals elk zip-bestand.

Bewaar de uitgepakte bestanden op een plek waar alleen jij bij kunt: ze
bevatten al je gegevens, onversleuteld.
`,
		`Dossier of %[1]s
Made by %[2]s on %[3]s.

What is in this package
%[4]s
Start with dossier.html: it holds everything in your dossier, and what the
privacy law (GDPR) says you must be told: what your data is used for, who
it was shared with, how long it is kept, what your rights are and where to
go with a complaint.

Opening the encrypted file
If you received this package as %[5]s.age, it is encrypted with age
(https://age-encryption.org). You received the passphrase separately, for
example by text message or phone, or it is encrypted to your own key.

  On the command line:
    age -d -o dossier.zip %[5]s.age
  (or: age -d %[5]s.age > dossier.zip)
  With a key instead of a passphrase:
    age -d -i key.txt -o dossier.zip %[5]s.age

  Without a command line: apps that open age files exist for Windows,
  macOS and Linux; see https://age-encryption.org. Then unpack
  dossier.zip like any zip file.

Keep the unpacked files where only you can reach them: they hold all your
data, unencrypted.
`},
}

// dossierCounts are the dossier's texts about a number: for each language
// the form for one, then the form for any other number.
var dossierCounts = map[string]counted{
	"dossier.log-reports":      {[2]string{"%d verslag", "%d verslagen"}, [2]string{"%d report", "%d reports"}},
	"dossier.log-appointments": {[2]string{"%d afspraak", "%d afspraken"}, [2]string{"%d appointment", "%d appointments"}},
	"dossier.log-documents":    {[2]string{"%d document", "%d documenten"}, [2]string{"%d document", "%d documents"}},
	"dossier.log-omitted": {[2]string{"; %d verslag weggelaten, met reden", "; %d verslagen weggelaten, met reden"},
		[2]string{"; %d report left out, with the reason", "; %d reports left out, with the reason"}},
}
