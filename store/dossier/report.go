package dossier

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// dossier.html is the access report a client can read and print: the copy
// of their data with everything AVG art. 15(1) and (2) require, in the
// coach's language. It is one file with its style inside and loads
// nothing, so it opens the same offline, on any device, years later.
//
// Where each item of art. 15 is (the id of its section):
//
//	(1)(a) purposes             #purposes
//	(1)(b) categories           #categories
//	(1)(c) recipients           #recipients (the disclosure log, usual recipients, consents)
//	(1)(d) retention            #retention (a row per category with its end date)
//	(1)(e) rectification, erasure, restriction, objection
//	                            #rights (#right-rectification, #right-erasure,
//	                            #right-restriction, #right-objection …)
//	(1)(f) complaint to the AP  #complaint
//	(1)(g) source               #source
//	(1)(h) automated decisions  #automated
//	(2)    third countries      #transfers
//	(3)    the copy             #copy (#personal, #records, #appointments, #documents,
//	                            #requests, #complaints …)
//	the controller              #controller

//go:embed report.html
var reportHTML string

// reportTemplate is parsed once; the language is chosen per render by
// the functions of a clone.
var reportTemplate = template.Must(template.New("report").Funcs(reportFuncs(LangEnglish)).Parse(reportHTML))

// reportFuncs are the template's helpers in lang.
func reportFuncs(lang string) template.FuncMap {
	return template.FuncMap{
		"T":      func(key string) string { return tr(lang, key) },
		"Tf":     func(key string, args ...any) string { return tr(lang, key, args...) },
		"date":   func(iso string) string { return longDate(lang, iso) },
		"moment": func(iso string) string { return longMoment(lang, iso) },
		"label":  func(kind, value string) string { return label(lang, kind, value) },
		"euros":  func(cents int64) string { return euros(lang, cents) },
		"size":   humanSize,
		"inc":    func(i int) int { return i + 1 },
	}
}

// label names an enumerated value in lang, or shows it as it is.
func label(lang, kind, value string) string {
	if value == "" {
		return ""
	}
	if has(kind + "-" + value) {
		return tr(lang, kind+"-"+value)
	}
	return value
}

// humanSize writes a byte count for people.
func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

// reportData is what the template shows.
type reportData struct {
	Lang      string
	D         *Dossier
	Name      string
	Practice  string // the practice's name, or "the practice"
	Contact   string // how to reach the practice about a right
	Source    string
	Retention []retentionRow
	Files     []fileEntry
}

// retentionRow is one line of the retention table, in words.
type retentionRow struct {
	Category, Name, Reason, Period, Until string
}

// writeReport renders dossier.html for d in lang; files are the zip's
// entries, listed at the end.
func writeReport(w io.Writer, d *Dossier, lang string, files []fileEntry) error {
	t, err := reportTemplate.Clone()
	if err != nil {
		return err
	}
	t.Funcs(reportFuncs(lang))
	practice := strings.TrimSpace(d.Controller.Name)
	if practice == "" {
		practice = tr(lang, "the-practice")
	}
	contact := practice
	for _, c := range []string{d.Controller.Email, d.Controller.Phone, d.Controller.DPOContact} {
		if c = strings.TrimSpace(c); c != "" {
			contact = c
			break
		}
	}
	data := reportData{
		Lang:      lang,
		D:         d,
		Name:      strings.TrimSpace(d.Client.FirstName + " " + d.Client.LastName),
		Practice:  practice,
		Contact:   contact,
		Source:    source(lang, d.Client),
		Retention: retentionRows(lang, d),
		Files:     files,
	}
	return t.Execute(w, data)
}

// source says where the data came from (AVG art. 15(1)(g)): the client,
// or the referrer named in the dossier.
func source(lang string, c Client) string {
	if c.Referral == "" || c.Referral == "self" {
		return tr(lang, "source-self")
	}
	who := strings.TrimSpace(c.ReferralDetail)
	if who == "" {
		who = tr(lang, "source-"+c.Referral)
	}
	return tr(lang, "source-referred", who)
}

func retentionRows(lang string, d *Dossier) []retentionRow {
	var rows []retentionRow
	for _, r := range d.Retention {
		row := retentionRow{Category: r.Category, Name: tr(lang, "ret-"+r.Category), Reason: r.Reason,
			Period: period(lang, r.Months, r.Basis)}
		if r.Name != "" {
			// An item category of the practice's own: its name, and its
			// period counted from the item's own event.
			row.Name, row.Period = r.Name, period(lang, r.Months, "item-"+r.Basis)
		}
		switch {
		case !r.Applies:
			row.Until = tr(lang, "until-not-applicable")
		case r.Until == "":
			row.Until = tr(lang, "until-running")
		default:
			row.Until = longDate(lang, r.Until)
		}
		if r.Applies && r.LegalHold && r.Category != "invoice" {
			row.Until = tr(lang, "until-hold", row.Until)
		}
		rows = append(rows, row)
	}
	return rows
}
