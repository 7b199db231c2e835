package dossier

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/caseload/caseload/store"
)

// A client list is how a coach who kept clients in a spreadsheet brings
// them in: one client a row, headers in Dutch or English, as Excel,
// Numbers or LibreOffice save it (comma or semicolon, UTF-8 with or
// without a byte order mark, dates as 2026-01-31 or 31-01-2026). Every
// problem names the file, the line and the column, in the coach's
// language, so it can be fixed in the spreadsheet; nothing is imported
// until the whole list is right.

// maxListSize bounds a client list: ten thousand clients are a few MB.
const maxListSize = 64 << 20

// The fields a client list can fill, by the key the import uses.
const (
	colID             = "id"
	colFirst          = "first_name"
	colInfix          = "infix"
	colLast           = "last_name"
	colName           = "name"
	colEmail          = "email"
	colPhone          = "phone"
	colAddress        = "address"
	colBirth          = "birth_date"
	colStatus         = "status"
	colStart          = "start"
	colEnd            = "end"
	colRejected       = "rejected_on"
	colReferral       = "referral"
	colReferralDetail = "referral_detail"
	colRepresentative = "representative"
	colOutcome        = "outcome"
	colNotes          = "notes"

	// The optional fields (store.ClientFields) go by the store's names.
	colGender          = string(store.FieldGender)
	colMaritalStatus   = string(store.FieldMaritalStatus)
	colChildren        = string(store.FieldChildren)
	colBirthCountry    = string(store.FieldBirthCountry)
	colNationality     = string(store.FieldNationality)
	colResidenceStatus = string(store.FieldResidenceStatus)
	colArrivalDate     = string(store.FieldArrivalDate)
	colBSN             = string(store.FieldBSN)
)

// columnAliases are the headers each field is known by, folded (lower
// case, no accents, letters and digits only): "E-mail", "e_mail" and
// "Email" are all "email".
var columnAliases = map[string][]string{
	colID:             {"id"},
	colFirst:          {"voornaam", "voornamen", "roepnaam", "firstname", "givenname", "first"},
	colInfix:          {"tussenvoegsel", "tussenvoegsels", "infix"},
	colLast:           {"achternaam", "familienaam", "lastname", "surname", "familyname", "last"},
	colName:           {"naam", "volledigenaam", "name", "fullname"},
	colEmail:          {"email", "emailadres", "mail", "emailaddress"},
	colPhone:          {"telefoon", "telefoonnummer", "tel", "mobiel", "mobielnummer", "phone", "phonenumber", "telephone", "mobile"},
	colAddress:        {"adres", "woonadres", "address"},
	colBirth:          {"geboortedatum", "geboren", "birthdate", "dateofbirth", "dob"},
	colStatus:         {"status"},
	colStart:          {"start", "startdatum", "begin", "begindatum", "startdate"},
	colEnd:            {"einde", "eind", "einddatum", "end", "enddate"},
	colRejected:       {"afgewezenop", "datumafwijzing", "afwijzing", "rejectedon", "rejectiondate", "rejected"},
	colReferral:       {"verwijzer", "verwijzing", "aangemelddoor", "referral", "referredby", "referrer"},
	colReferralDetail: {"verwijzernaam", "verwijzendeinstantie", "referraldetail", "referrername"},
	colRepresentative: {"vertegenwoordiger", "wettelijkvertegenwoordiger", "representative", "legalrepresentative", "guardian"},
	colOutcome:        {"uitkomst", "resultaat", "uitstroom", "outcome", "result"},
	colNotes:          {"notities", "notitie", "opmerkingen", "opmerking", "notes", "note", "comments", "remarks"},
	colGender:         {"geslacht", "gender", "sex"},
	colMaritalStatus:  {"burgerlijkestaat", "maritalstatus", "civilstatus"},
	colChildren:       {"kinderen", "aantalkinderen", "children", "numberofchildren"},
	colBirthCountry:   {"geboorteland", "landvangeboorte", "birthcountry", "countryofbirth"},
	colNationality:    {"nationaliteit", "nationality", "citizenship"},
	colResidenceStatus: {"verblijfsstatus", "verblijfsvergunning", "verblijfstitel", "residencestatus",
		"residencepermit", "immigrationstatus"},
	colArrivalDate: {"datumaankomst", "aankomstdatum", "innederlandsinds", "datumvestiging", "arrivaldate",
		"dateofarrival", "arrival"},
	colBSN: {"bsn", "burgerservicenummer", "sofinummer", "citizenservicenumber"},
}

// dutchHeaders are the aliases only a Dutch spreadsheet uses; a list whose
// known headers are mostly these gets its missing columns named in Dutch.
var dutchHeaders = map[string]bool{"voornaam": true, "voornamen": true, "roepnaam": true,
	"tussenvoegsel": true, "tussenvoegsels": true, "achternaam": true, "familienaam": true, "naam": true,
	"volledigenaam": true, "emailadres": true, "telefoon": true, "telefoonnummer": true, "mobiel": true,
	"mobielnummer": true, "adres": true, "woonadres": true, "geboortedatum": true, "geboren": true,
	"startdatum": true, "begindatum": true, "einde": true, "eind": true, "einddatum": true,
	"afgewezenop": true, "datumafwijzing": true, "afwijzing": true, "verwijzer": true, "verwijzing": true,
	"aangemelddoor": true, "verwijzernaam": true, "verwijzendeinstantie": true, "vertegenwoordiger": true,
	"wettelijkvertegenwoordiger": true, "uitkomst": true, "resultaat": true, "uitstroom": true,
	"notities": true, "notitie": true, "opmerkingen": true, "opmerking": true, "geslacht": true,
	"burgerlijkestaat": true, "kinderen": true, "aantalkinderen": true, "geboorteland": true,
	"landvangeboorte": true, "nationaliteit": true, "verblijfsstatus": true, "verblijfsvergunning": true,
	"verblijfstitel": true, "datumaankomst": true, "aankomstdatum": true, "innederlandsinds": true,
	"datumvestiging": true, "burgerservicenummer": true, "sofinummer": true}

// valueAliases are the values of the enumerated columns, folded.
var (
	statusAliases = map[string]store.Status{
		"intake": store.StatusIntake, "aanmelding": store.StatusIntake,
		"actief": store.StatusActive, "active": store.StatusActive, "lopend": store.StatusActive,
		"afgesloten": store.StatusClosed, "closed": store.StatusClosed, "gesloten": store.StatusClosed,
		"beeindigd": store.StatusClosed,
		"afgewezen": store.StatusRejected, "rejected": store.StatusRejected, "nietgestart": store.StatusRejected,
	}
	outcomeAliases = map[string]store.Outcome{
		"opleiding": store.OutcomeEducation, "education": store.OutcomeEducation, "school": store.OutcomeEducation,
		"werk": store.OutcomeWork, "work": store.OutcomeWork, "baan": store.OutcomeWork, "job": store.OutcomeWork,
		"anders": store.OutcomeOther, "other": store.OutcomeOther, "overig": store.OutcomeOther,
		"uitgevallen": store.OutcomeDroppedOut, "uitval": store.OutcomeDroppedOut, "gestopt": store.OutcomeDroppedOut,
		"droppedout": store.OutcomeDroppedOut,
		"onbekend":   store.OutcomeUnknown, "unknown": store.OutcomeUnknown,
	}
	genderAliases = map[string]store.Gender{
		"vrouw": store.GenderFemale, "v": store.GenderFemale, "female": store.GenderFemale, "f": store.GenderFemale,
		"woman": store.GenderFemale,
		"man":   store.GenderMale, "m": store.GenderMale, "male": store.GenderMale,
		"anders": store.GenderOther, "x": store.GenderOther, "other": store.GenderOther, "nonbinary": store.GenderOther,
		"nietbinair": store.GenderOther,
	}
	maritalAliases = map[string]store.MaritalStatus{
		"ongehuwd": store.MaritalSingle, "alleenstaand": store.MaritalSingle, "single": store.MaritalSingle,
		"gehuwd": store.MaritalMarried, "getrouwd": store.MaritalMarried, "married": store.MaritalMarried,
		"geregistreerdpartner": store.MaritalRegisteredPartner, "partnerschap": store.MaritalRegisteredPartner,
		"registeredpartner": store.MaritalRegisteredPartner, "registeredpartnership": store.MaritalRegisteredPartner,
		"samenwonend": store.MaritalCohabiting, "cohabiting": store.MaritalCohabiting,
		"gescheiden": store.MaritalDivorced, "divorced": store.MaritalDivorced,
		"weduwe": store.MaritalWidowed, "weduwnaar": store.MaritalWidowed, "widowed": store.MaritalWidowed,
	}
	referralAliases = map[string]store.Referral{
		"zelf": store.ReferralSelf, "self": store.ReferralSelf, "eigenaanmelding": store.ReferralSelf,
		"gemeente": store.ReferralMunicipality, "municipality": store.ReferralMunicipality,
		"school": store.ReferralSchool,
		"anders": store.ReferralOther, "other": store.ReferralOther, "overig": store.ReferralOther,
	}
)

// fold is how headers and values are compared: lower case, accents
// dropped, only letters and digits.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// CSVError is a problem in a client list: the file, the line and the
// column as the file names it, and what is wrong, in the coach's language.
type CSVError struct {
	File    string
	Line    int // 0 for the file as a whole
	Column  string
	Problem string
	lang    string
}

func (e *CSVError) Error() string {
	line, field := "line", "field"
	if e.lang == LangDutch {
		line, field = "regel", "veld"
	}
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(", %s %d", line, e.Line)
	}
	if e.Column != "" {
		s += fmt.Sprintf(", %s %q", field, e.Column)
	}
	return s + ": " + e.Problem
}

// ClientList is a client list read from a CSV file, ready for the store's
// ImportClients.
type ClientList struct {
	// Bundles are the clients, one per row, without records.
	Bundles []store.ClientBundle
	// Lines are the line numbers of the clients' rows, in the same order.
	Lines []int
	// Ignored are the columns the import does not know, as the file
	// names them: they are not imported.
	Ignored []string
	// UnknownOutcome are the lines of closed trajectories the list gives
	// no outcome for: they are imported with outcome unknown, for the
	// coach to complete for the statistics.
	UnknownOutcome []int
	// NotRecorded are the columns of optional client fields the practice
	// does not record (see KeepFields), as the file names them: they
	// were not imported.
	NotRecorded []string

	file    string
	lang    string
	headers map[string]string // field → header as the file writes it
	dutch   bool              // the headers are Dutch
}

// ReadClientList reads a client list. file names it in errors; lang is
// the language of the errors. Any problem is a *CSVError.
func ReadClientList(r io.Reader, file, lang string) (*ClientList, error) {
	l := &ClientList{file: file, lang: lang, headers: map[string]string{}}
	data, err := io.ReadAll(io.LimitReader(r, maxListSize+1))
	if err != nil {
		return nil, l.fail(0, "", tr(lang, "csv-unreadable"))
	}
	if len(data) > maxListSize {
		return nil, l.fail(0, "", tr(lang, "csv-too-large"))
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !utf8.Valid(data) {
		return nil, l.fail(invalidUTF8Line(data), "", tr(lang, "csv-not-utf8"))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffComma(data)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, l.fail(0, "", tr(lang, "csv-empty"))
	}
	if err != nil {
		return nil, l.csvFail(err)
	}
	cols, err := l.columns(header)
	if err != nil {
		return nil, err
	}
	var ids []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, l.csvFail(err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) > len(header) && !blank(rec[len(header):]) {
			return nil, l.fail(line, "", tr(lang, "csv-extra-fields", len(header)))
		}
		row := map[string]string{}
		for i, field := range cols {
			if field != "" && i < len(rec) {
				row[field] = strings.TrimSpace(rec[i])
			}
		}
		c, err := l.client(line, row)
		if err != nil {
			return nil, err
		}
		ids = append(ids, row[colID])
		l.Bundles = append(l.Bundles, store.ClientBundle{Client: c})
		l.Lines = append(l.Lines, line)
		if c.Outcome == store.OutcomeUnknown && fold(row[colOutcome]) != "onbekend" && fold(row[colOutcome]) != "unknown" {
			l.UnknownOutcome = append(l.UnknownOutcome, line)
		}
	}
	if len(l.Bundles) == 0 {
		return nil, l.fail(0, "", tr(lang, "csv-no-clients"))
	}
	l.useIDs(ids)
	return l, nil
}

// useIDs keeps an id column only when every value in it is a caseload
// client id (a list that came out of an export): a spreadsheet's own
// numbering is not an id that travels, and goes with the ignored columns.
func (l *ClientList) useIDs(ids []string) {
	h, ok := l.headers[colID]
	if !ok {
		return
	}
	for _, id := range ids {
		if id != "" && !uidPattern.MatchString(id) {
			l.Ignored = append(l.Ignored, h)
			return
		}
	}
	for i, id := range ids {
		l.Bundles[i].Client.UID = id
	}
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// invalidUTF8Line is the line of the first byte that is not UTF-8.
func invalidUTF8Line(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line
}

// sniffComma picks the separator the header line uses most: a comma, or
// the semicolon spreadsheets write where the comma is the decimal sign
// (Dutch Excel), or a tab. Quoted text does not count.
func sniffComma(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data) {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// columns maps each header to the field it fills ("" for unknown).
func (l *ClientList) columns(header []string) ([]string, error) {
	byAlias := map[string]string{}
	for field, aliases := range columnAliases {
		for _, a := range aliases {
			byAlias[a] = field
		}
	}
	cols := make([]string, len(header))
	dutch, english := 0, 0
	for i, h := range header {
		h = strings.TrimSpace(h)
		field := byAlias[fold(h)]
		switch {
		case field == "":
		case dutchHeaders[fold(h)]:
			dutch++
		case fold(h) != "status" && fold(h) != "start" && fold(h) != "id" && fold(h) != "email":
			english++
		}
		if field == "" {
			if h != "" {
				l.Ignored = append(l.Ignored, h)
			}
			continue
		}
		if other, dup := l.headers[field]; dup {
			return nil, l.fail(1, h, tr(l.lang, "csv-dup-column", other))
		}
		l.headers[field] = h
		cols[i] = field
	}
	l.dutch = dutch > english || (dutch == english && l.lang == LangDutch)
	_, first := l.headers[colFirst]
	_, last := l.headers[colLast]
	_, name := l.headers[colName]
	switch {
	case !first && !last && !name:
		return nil, l.fail(1, "", tr(l.lang, "csv-no-name"))
	case (first || last) && name:
		// First and last name say more than a full name: use those.
		l.Ignored = append(l.Ignored, l.headers[colName])
		for i := range cols {
			if cols[i] == colName {
				cols[i] = ""
			}
		}
		delete(l.headers, colName)
	}
	return cols, nil
}

// column is how an error names field: the file's own header, or the
// field's name in the coach's language when the file has no such column.
func (l *ClientList) column(field string) string {
	if h, ok := l.headers[field]; ok {
		return h
	}
	lang := LangEnglish
	if l.dutch {
		lang = LangDutch
	}
	if has("column-" + field) {
		return tr(lang, "column-"+field)
	}
	return field
}

func (l *ClientList) fail(line int, column, problem string) error {
	return &CSVError{File: l.file, Line: line, Column: column, Problem: problem, lang: l.lang}
}

// csvFail reports a parse error of encoding/csv at its line.
func (l *ClientList) csvFail(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return l.fail(pe.StartLine, "", tr(l.lang, "csv-quotes"))
	}
	return l.fail(0, "", tr(l.lang, "csv-unreadable"))
}

// client turns one row into a client, checking every value.
func (l *ClientList) client(line int, row map[string]string) (store.Client, error) {
	var c store.Client
	var err error
	date := func(field string) time.Time {
		if err != nil || row[field] == "" {
			return time.Time{}
		}
		t, perr := parseListDate(row[field])
		switch {
		case perr != nil:
			err = l.fail(line, l.column(field), tr(l.lang, "csv-bad-date", row[field]))
		case t.IsZero() || store.CheckDate(field, t) != nil:
			// Refused here: 0001-01-01 would otherwise pass as no date.
			err = l.fail(line, l.column(field), tr(l.lang, "csv-date-range", row[field]))
		}
		return t
	}
	c.FirstName, c.LastName = row[colFirst], row[colLast]
	if infix := row[colInfix]; infix != "" {
		c.LastName = strings.TrimSpace(infix + " " + c.LastName)
	}
	if full := row[colName]; full != "" {
		c.FirstName, c.LastName, _ = strings.Cut(strings.Join(strings.Fields(full), " "), " ")
	}
	c.Email, c.Phone, c.Address = row[colEmail], row[colPhone], row[colAddress]
	c.Representative, c.Notes = row[colRepresentative], row[colNotes]
	c.BirthDate, c.Start, c.End, c.RejectedOn = date(colBirth), date(colStart), date(colEnd), date(colRejected)
	if err != nil {
		return c, err
	}
	if v := row[colStatus]; v != "" {
		s, ok := statusAliases[fold(v)]
		if !ok {
			return c, l.fail(line, l.column(colStatus), tr(l.lang, "csv-bad-status", v))
		}
		c.Status = s
	} else {
		c.Status = store.StatusIntake
	}
	if v := row[colOutcome]; v != "" {
		o, ok := outcomeAliases[fold(v)]
		if !ok {
			return c, l.fail(line, l.column(colOutcome), tr(l.lang, "csv-bad-outcome", v))
		}
		c.Outcome = o
	} else if c.Status == store.StatusClosed {
		// A spreadsheet seldom kept the outcome: the row comes in with
		// outcome unknown, and the import names its line.
		c.Outcome = store.OutcomeUnknown
	}
	if err := l.optional(line, row, &c); err != nil {
		return c, err
	}
	c.Referral, c.ReferralDetail = referral(row[colReferral])
	if d := row[colReferralDetail]; d != "" {
		c.ReferralDetail = d
	}
	if c.Status == store.StatusRejected && c.RejectedOn.IsZero() {
		// A spreadsheet's "end" of an intake that never started is the
		// day it was turned down.
		c.RejectedOn = c.End
	}
	if err := c.Validate(); err != nil {
		return c, l.validation(line, err)
	}
	return c, nil
}

// referral reads the referral column: a kind (gemeente, school …) or the
// referrer's name, whose kind is guessed from it ("Gemeente Nijmegen",
// "ROC Nijmegen") and kept as the detail.
func referral(v string) (store.Referral, string) {
	if v == "" {
		return store.ReferralSelf, ""
	}
	f := fold(v)
	if r, ok := referralAliases[f]; ok {
		return r, ""
	}
	switch {
	case strings.HasPrefix(f, "gemeente") || strings.HasPrefix(f, "municipality"):
		return store.ReferralMunicipality, v
	}
	for _, word := range strings.Fields(v) {
		w := fold(word)
		if strings.Contains(w, "school") || slices.Contains(schoolWords, w) {
			return store.ReferralSchool, v
		}
	}
	return store.ReferralOther, v
}

// schoolWords name schools in a referrer's name ("ROC Nijmegen").
var schoolWords = []string{"college", "roc", "mbo", "hbo", "hogeschool", "universiteit", "university", "lyceum",
	"academie", "gymnasium", "atheneum"}

// parseListDate reads 2026-01-31 or 31-01-2026 (also 31-1-2026, as
// Excel writes it in Dutch).
func parseListDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Parse("2-1-2006", s)
}

// validation turns the store's verdict on a row into the row's line and
// column, in the coach's language.
func (l *ClientList) validation(line int, err error) error {
	var ve *store.ValidationError
	if !errors.As(err, &ve) {
		return l.fail(line, "", err.Error())
	}
	field := map[string]string{"name": colFirst, "status": colStatus, "referral": colReferral,
		"email": colEmail, "end": colEnd, "birth_date": colBirth, "rejected_on": colRejected,
		"outcome": colOutcome, "uid": colID, "first_name": colFirst, "last_name": colLast,
		"phone": colPhone, "address": colAddress, "referral_detail": colReferralDetail,
		"representative": colRepresentative, "notes": colNotes, "start": colStart,
		"gender": colGender, "marital_status": colMaritalStatus, "children": colChildren,
		"birth_country": colBirthCountry, "nationality": colNationality, "residence_status": colResidenceStatus,
		"arrival_date": colArrivalDate, "bsn": colBSN}[ve.Field]
	if ve.Field == "last_name" {
		if _, ok := l.headers[colLast]; !ok {
			field = colInfix // the last name came from the infix alone, or from a full name
		}
	}
	if ve.Field == "name" || ve.Field == "first_name" || ve.Field == "last_name" {
		if _, ok := l.headers[colName]; ok {
			field = colName
		}
	}
	if ve.Field == "referral_detail" {
		if _, ok := l.headers[colReferralDetail]; !ok {
			field = colReferral
		}
	}
	if p := problemText(l.lang, ve); p != "" {
		return l.fail(line, l.column(field), p)
	}
	if ve.Field == "rejected_on" {
		if _, ok := l.headers[colRejected]; !ok {
			field = colEnd
		}
	}
	problem := ve.Text(l.lang)
	if ve.Field == "outcome" {
		problem += tr(l.lang, "csv-outcomes")
	}
	return l.fail(line, l.column(field), problem)
}

// Explain turns an error of the store's import of l into the line and
// column of the client list it is about; other errors pass unchanged.
func (l *ClientList) Explain(err error) error {
	var ie *store.ImportError
	if !errors.As(err, &ie) || ie.Index < 0 || ie.Index >= len(l.Lines) {
		return err
	}
	line := l.Lines[ie.Index]
	var ee *store.ExistingClientError
	if errors.As(err, &ee) {
		if ee.ID == 0 && ee.Earlier >= 0 && ee.Earlier < len(l.Lines) {
			return l.fail(line, "", tr(l.lang, "csv-same-as-line", l.Lines[ee.Earlier]))
		}
		if ee.ByUID {
			return l.fail(line, l.column(colID), tr(l.lang, "csv-already-imported", ee.ID, ee.Name))
		}
		return l.fail(line, "", tr(l.lang, "csv-already-there", ee.ID, ee.Name))
	}
	return l.validation(line, ie.Err)
}

// optional reads the optional client fields of a row.
func (l *ClientList) optional(line int, row map[string]string, c *store.Client) error {
	if v := row[colGender]; v != "" {
		g, ok := genderAliases[fold(v)]
		if !ok {
			return l.fail(line, l.column(colGender), tr(l.lang, "csv-bad-gender", v))
		}
		c.Gender = g
	}
	if v := row[colMaritalStatus]; v != "" {
		m, ok := maritalAliases[fold(v)]
		if !ok {
			return l.fail(line, l.column(colMaritalStatus), tr(l.lang, "csv-bad-marital", v))
		}
		c.MaritalStatus = m
	}
	if v := row[colChildren]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > store.MaxChildren {
			return l.fail(line, l.column(colChildren), tr(l.lang, "csv-bad-children", v))
		}
		c.Children, c.ChildrenKnown = n, true
	}
	c.BirthCountry, c.Nationality, c.ResidenceStatus = row[colBirthCountry], row[colNationality], row[colResidenceStatus]
	if v := row[colArrivalDate]; v != "" {
		t, err := parseListDate(v)
		if err != nil || t.IsZero() || store.CheckDate(colArrivalDate, t) != nil {
			return l.fail(line, l.column(colArrivalDate), tr(l.lang, "csv-bad-date", v))
		}
		c.ArrivalDate = t
	}
	c.BSN = store.NormalizeBSN(row[colBSN])
	return nil
}

// KeepFields keeps only the optional client fields the practice records:
// a column of any other is not imported, and its header goes to
// NotRecorded for the coach to read. A practice that does not record
// nationalities does not start to because a spreadsheet had them.
func (l *ClientList) KeepFields(set store.FieldSet) {
	for _, f := range store.ClientFields {
		h, ok := l.headers[string(f)]
		if !ok || set.Has(f) {
			continue
		}
		l.NotRecorded = append(l.NotRecorded, h)
		for i := range l.Bundles {
			c := &l.Bundles[i].Client
			switch f {
			case store.FieldGender:
				c.Gender = ""
			case store.FieldMaritalStatus:
				c.MaritalStatus = ""
			case store.FieldChildren:
				c.Children, c.ChildrenKnown = 0, false
			case store.FieldBirthCountry:
				c.BirthCountry = ""
			case store.FieldNationality:
				c.Nationality = ""
			case store.FieldResidenceStatus:
				c.ResidenceStatus = ""
			case store.FieldArrivalDate:
				c.ArrivalDate = time.Time{}
			case store.FieldBSN:
				c.BSN = ""
			}
		}
	}
}
