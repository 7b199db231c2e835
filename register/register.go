// Package register writes the record of processing activities (GDPR
// art. 30) of a practice, as Markdown and as one self-contained HTML page,
// in Dutch or English. It words the facts package store gathers (what the
// practice states, its policies and processors, which kinds of data the
// caseload holds) with the texts of package msg; the command line and the
// screens both write it through here. It names no client and counts
// nothing of one.
package register

import (
	"bytes"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"

	"github.com/caseload/caseload/msg"
	"github.com/caseload/caseload/store"
)

// Doc is the record of processing activities in one language, ready to
// render with Markdown or HTML.
type Doc struct {
	// Lang is the language it is written in.
	Lang msg.Lang
	// Date is the day the record was drawn up.
	Date time.Time
	// Controller is the practice: name and contact details, and the
	// contact for data protection.
	Controller store.Practice
	// Purposes, LegalBases and Recipients are the practice's own
	// statements, one per line of its settings.
	Purposes   []string
	LegalBases []string
	Recipients []string
	// Subjects are the categories of people the data are about.
	Subjects []string
	// DataCategories are the categories of personal data in use.
	DataCategories []string
	// Special says whether special-category data (GDPR art. 9) are
	// processed: whether any record is marked special category.
	Special bool
	// SpecialText says so in a sentence.
	SpecialText string
	// Transfers says whether data leave the European Economic Area.
	Transfers string
	// Retention is the retention period of every category, from the
	// policies, followed by what the vault keeps for as long as it lives.
	Retention []Retention
	// Security describes the technical measures caseload takes.
	Security []string
	// Processors are the practice's processors (GDPR art. 28), by name.
	Processors []store.Processor
	// Rights counts the rights requests handled, for the register's
	// statistics: no one is named.
	Rights store.RegisterRights
	// Missing names the practice settings still empty that the register
	// needs, by field name ("name", "email", "purposes"); the register is
	// incomplete until they are filled in.
	Missing []string
}

// Retention is one retention period in the register.
type Retention struct {
	// Category is the policy's category; empty for what is not a policy.
	Category store.Category
	Label    string
	Period   string
	// Reason is why the practice keeps the category this long.
	Reason string
}

// New words the facts as the register in lang.
func New(f store.RegisterFacts, lang msg.Lang) Doc {
	p := msg.For(lang)
	d := Doc{Lang: p.Lang(), Date: f.Date, Controller: f.Controller, Processors: f.Processors, Rights: f.Rights}
	c, u := f.Controller, f.Usage
	d.Purposes, d.LegalBases, d.Recipients = lines(c.Purposes), lines(c.LegalBases), lines(c.Recipients)
	if u.Disclosures {
		d.Recipients = append(d.Recipients, p.T("register.logged_recipients"))
	}
	for _, m := range []struct {
		field string
		empty bool
	}{
		{"name", c.Name == ""}, {"address", c.Address == ""}, {"email", c.Email == "" && c.Phone == ""},
		{"purposes", len(d.Purposes) == 0}, {"legal_bases", len(d.LegalBases) == 0},
	} {
		if m.empty {
			d.Missing = append(d.Missing, m.field)
		}
	}
	d.Subjects, d.DataCategories = subjects(p, u), categories(p, u)
	d.Special = u.Special
	d.SpecialText = p.T("register.no_special")
	if u.Special {
		d.SpecialText = p.T("register.special")
	}
	d.Transfers = p.T("register.transfers")
	for _, pol := range f.Policies {
		d.Retention = append(d.Retention, Retention{Category: pol.Category,
			Label: categoryName(p, pol), Period: period(p, pol), Reason: pol.ReasonText(string(d.Lang))})
	}
	life := p.T("register.kept.vault_lifetime")
	d.Retention = append(d.Retention,
		Retention{Label: p.T("register.kept.proof"), Period: life, Reason: p.T("register.kept.proof_reason")},
		Retention{Label: p.T("register.kept.audit"), Period: life, Reason: p.T("register.kept.audit_reason")},
		Retention{Label: p.T("register.kept.stats"), Period: life, Reason: p.T("register.kept.stats_reason")})
	d.Security = []string{p.T("register.security.encrypted"), p.T("register.security.post_quantum"),
		p.T("register.security.passphrase"), p.T("register.security.documents"), p.T("register.security.offline"),
		p.T("register.security.auto_lock"), p.T("register.security.secure_delete"), p.T("register.security.audit"),
		p.T("register.security.retention"), p.T("register.security.backups")}
	return d
}

// subjects are the categories of data subjects the caseload holds data of.
func subjects(p msg.Printer, u store.RegisterUsage) []string {
	return pick(true, p.T("register.subject.clients"),
		u.Rejected, p.T("register.subject.rejected"),
		u.Representative, p.T("register.subject.representatives"),
		u.Invoices, p.T("register.subject.payers"))
}

// categories are the categories of personal data in use.
func categories(p msg.Printer, u store.RegisterUsage) []string {
	contact := pick(u.Email, p.T("register.data.contact_email"), u.Phone, p.T("register.data.contact_phone"),
		u.Address, p.T("register.data.contact_address"))
	return pick(true, p.T("register.data.trajectory"),
		len(contact) > 0, p.Tf("register.data.contact", strings.Join(contact, ", ")),
		u.Birth, p.T("register.data.birth"),
		u.Representative, p.T("register.data.representative"),
		u.Referrer, p.T("register.data.referrer"),
		len(u.Kinds) > 0, p.Tf("register.data.records", kindList(p, u)),
		u.Notes, p.T("register.data.notes"),
		u.Appointments, p.T("register.data.appointments"),
		u.Documents, p.T("register.data.documents"),
		u.Consents || u.Disclosures, p.T("register.data.sharing"),
		u.Requests, p.T("register.data.requests"),
		u.Invoices, p.T("register.data.invoices"))
}

// kindList names the record kinds in use, in the order of
// store.RecordKinds.
func kindList(p msg.Printer, u store.RegisterUsage) string {
	var in []string
	for _, k := range store.RecordKinds {
		if u.Kinds[k] {
			in = append(in, kindName(p, k))
		}
	}
	return strings.Join(in, ", ")
}

func kindName(p msg.Printer, k store.RecordKind) string {
	switch k {
	case store.KindIntake:
		return p.T("register.kind.intake")
	case store.KindPlan:
		return p.T("register.kind.plan")
	case store.KindEvaluation:
		return p.T("register.kind.evaluation")
	case store.KindNote:
		return p.T("register.kind.note")
	case store.KindCV:
		return p.T("register.kind.cv")
	case store.KindLetter:
		return p.T("register.kind.letter")
	case store.KindEmail:
		return p.T("register.kind.email")
	}
	return p.T("register.kind.other")
}

// categoryName names a policy's category: the fixed three in the
// register's words, a category of the practice's own by its name.
func categoryName(p msg.Printer, pol store.Policy) string {
	if pol.Category.Item() {
		return pol.NameText(string(p.Lang()))
	}
	c := pol.Category
	switch c {
	case store.CategoryDossier:
		return p.T("register.category.dossier")
	case store.CategoryRejectedIntake:
		return p.T("register.category.rejected_intake")
	case store.CategoryInvoice:
		return p.T("register.category.invoice")
	}
	return string(c)
}

// period is a policy's rule: "2 years after the trajectory ends", in
// whole years where the months make them.
func period(p msg.Printer, pol store.Policy) string {
	n := p.N("period.months", pol.Months)
	if pol.Months%12 == 0 {
		n = p.N("period.years", pol.Months/12)
	}
	var basis string
	switch {
	case pol.Category.Item():
		basis = itemBasis(p, pol.Basis)
	case pol.Basis == store.BasisTrajectoryEnd:
		basis = p.T("register.basis.trajectory_end")
	case pol.Basis == store.BasisRejection:
		basis = p.T("register.basis.rejection")
	case pol.Basis == store.BasisRecordDate:
		basis = p.T("register.basis.record_date")
	case pol.Basis == store.BasisInvoiceDate:
		basis = p.T("register.basis.invoice_date")
	}
	return n + " " + basis
}

// itemBasis is the event an item category counts from, per item.
func itemBasis(p msg.Printer, b store.Basis) string {
	switch b {
	case store.BasisTrajectoryEnd:
		return p.T("register.basis.trajectory_end")
	case store.BasisRejection:
		return p.T("register.basis.rejection")
	case store.BasisRecordDate:
		return p.T("register.item_basis.record_date")
	case store.BasisLastContact:
		return p.T("register.item_basis.last_contact")
	case store.BasisComplaintClosed:
		return p.T("register.item_basis.complaint_closed")
	}
	return string(b)
}

// lines splits a practice setting into its non-empty lines, without the
// list marks a coach may have typed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•")); l != "" {
			out = append(out, l)
		}
	}
	return out
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

// Markdown renders the register as Markdown.
func (d Doc) Markdown() ([]byte, error) {
	var b bytes.Buffer
	err := markdownRegister.Execute(&b, d.data())
	return b.Bytes(), err
}

// HTML renders the register as one self-contained HTML page: the style is
// inline and nothing is loaded from anywhere, so it opens offline and
// prints as it shows.
func (d Doc) HTML() ([]byte, error) {
	var b bytes.Buffer
	err := htmlRegister.Execute(&b, d.data())
	return b.Bytes(), err
}

func (d Doc) data() map[string]any {
	return map[string]any{"D": d, "T": headings(msg.For(d.Lang)), "Date": d.Date.Format("2006-01-02")}
}

// headings are the register's headings and labels, by the names its
// templates use.
func headings(p msg.Printer) map[string]string {
	return map[string]string{
		"Title":          p.T("register.h.title"),
		"Intro":          p.T("register.h.intro"),
		"Controller":     p.T("register.h.controller"),
		"Name":           p.T("register.h.name"),
		"Address":        p.T("register.h.address"),
		"Email":          p.T("register.h.email"),
		"Phone":          p.T("register.h.phone"),
		"KvK":            p.T("register.h.kvk"),
		"DPO":            p.T("register.h.dpo"),
		"NotFilled":      p.T("register.h.not_filled"),
		"Purposes":       p.T("register.h.purposes"),
		"LegalBases":     p.T("register.h.legal_bases"),
		"Subjects":       p.T("register.h.subjects"),
		"DataCategories": p.T("register.h.data_categories"),
		"Special":        p.T("register.h.special"),
		"Recipients":     p.T("register.h.recipients"),
		"Transfers":      p.T("register.h.transfers"),
		"Retention":      p.T("register.h.retention"),
		"Security":       p.T("register.h.security"),
		"DrawnUp":        p.T("register.h.drawn_up"),
		"Processors":     p.T("register.h.processors"),
		"ProcessorsNone": p.T("register.h.processors_none"),
		"Processes":      p.T("register.h.processes"),
		"Agreement":      p.T("register.h.agreement"),
		"Location":       p.T("register.h.location"),
		"Yes":            p.T("register.h.yes"),
		"No":             p.T("register.h.no"),
		"Rights":         p.T("register.h.rights"),
		"Received":       p.T("register.h.received"),
		"Answered":       p.T("register.h.answered"),
		"Refused":        p.T("register.h.refused"),
		"Open":           p.T("register.h.open"),
		"Erasures":       p.T("register.h.erasures"),
		"OnTime":         p.T("register.h.on_time"),
		"Complaints":     p.T("register.h.complaints"),
	}
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
