package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// SettingsFormat names a settings file; SettingsVersion is the one schema
// version this build reads and writes. A file of another version is
// refused whole: guessing at a newer schema could lose a setting silently.
const (
	SettingsFormat  = "caseload-settings"
	SettingsVersion = 1
)

// Settings is the practice's own set-up, as one JSON file a coach carries
// to a new laptop's fresh vault: no client data at all, only what the
// practice chose. Templates travel as their current version only: the
// history of a template is the old vault's, kept there; the new vault's
// history starts at the import (see docs/settings.md).
type Settings struct {
	Format           string              `json:"format"`
	Version          int                 `json:"version"`
	Practice         SettingsPractice    `json:"practice"`
	AnswerTargetDays int                 `json:"answer_target_days"`
	ClientFields     []string            `json:"client_fields"`
	Invoicing        SettingsInvoicing   `json:"invoicing"`
	Processors       []SettingsProcessor `json:"processors"`
	Recipients       []SettingsRecipient `json:"recipients"`
	Funders          []SettingsFunder    `json:"funders"`
	Templates        []SettingsTemplate  `json:"templates"`
	Retention        []SettingsPolicy    `json:"retention"`
}

// SettingsPolicy is a retention policy in the settings file. A fixed
// category ("dossier", "invoice", …) is its own key; an own category is
// matched by its name, as its key (own_N) is only the vault's numbering.
type SettingsPolicy struct {
	Category string `json:"category"`
	Name     string `json:"name,omitempty"`
	Basis    string `json:"basis"`
	Months   int    `json:"months"`
	Reason   string `json:"reason"`
}

// SettingsPractice is Practice in the settings file.
type SettingsPractice struct {
	Name       string `json:"name"`
	Address    string `json:"address"`
	Email      string `json:"email"`
	Phone      string `json:"phone"`
	KvK        string `json:"kvk"`
	DPOContact string `json:"dpo_contact"`
	Purposes   string `json:"purposes"`
	LegalBases string `json:"legal_bases"`
	Recipients string `json:"recipients"`
}

// SettingsInvoicing is MoneySettings in the settings file.
type SettingsInvoicing struct {
	VATNumber      string `json:"vat_number"`
	IBAN           string `json:"iban"`
	VATExempt      bool   `json:"vat_exempt"`
	ExemptionText  string `json:"exemption_text"`
	DefaultVATBP   int    `json:"default_vat_bp"`
	NoShowBillable bool   `json:"no_show_billable"`
	PaymentDays    int    `json:"payment_days"`
}

// SettingsProcessor is a Processor in the settings file; its name is its key.
type SettingsProcessor struct {
	Name      string `json:"name"`
	Processes string `json:"processes"`
	Agreement bool   `json:"agreement"`
	Location  string `json:"location"`
}

// SettingsRecipient is a Recipient in the settings file; its name is its
// key, compared as the consent gate compares recipients.
type SettingsRecipient struct {
	Name    string `json:"name"`
	Contact string `json:"contact"`
}

// SettingsFunder is a Funder in the settings file; its name is its key.
type SettingsFunder struct {
	Name        string `json:"name"`
	Address     string `json:"address"`
	KvK         string `json:"kvk"`
	VATNumber   string `json:"vat_number"`
	Contract    string `json:"contract"`
	EInvoice    string `json:"einvoice"`
	PaymentDays int    `json:"payment_days"`
}

// SettingsTemplate is the current version of one of the coach's own
// templates; key and language are its key.
type SettingsTemplate struct {
	Key  string `json:"key"`
	Lang string `json:"lang"`
	Body string `json:"body"`
}

// SettingsSummary counts what an import added and updated, by section
// ("processors", "recipients", "funders", "templates"). The practice's
// details, answer target, client fields and invoicing are one each, and
// always updated.
type SettingsSummary struct {
	Added, Updated, Unchanged map[string]int
}

// ExportSettings reads the practice's settings, in one read transaction
// so the file is one moment's state.
func (s *Store) ExportSettings(ctx context.Context) (Settings, error) {
	st := Settings{Format: SettingsFormat, Version: SettingsVersion}
	err := s.read(ctx, func(t *tx) error {
		p, err := t.practice()
		if err != nil {
			return err
		}
		st.Practice = SettingsPractice{Name: p.Name, Address: p.Address, Email: p.Email, Phone: p.Phone,
			KvK: p.KvK, DPOContact: p.DPOContact, Purposes: p.Purposes, LegalBases: p.LegalBases,
			Recipients: p.Recipients}
		if err := t.row("SELECT answer_target_days FROM practice WHERE id = 1").Scan(&st.AnswerTargetDays); err != nil {
			return fmt.Errorf("reading the answer target: %w", err)
		}
		set, err := t.clientFieldSet()
		if err != nil {
			return err
		}
		st.ClientFields = []string{}
		for _, f := range set {
			st.ClientFields = append(st.ClientFields, string(f))
		}
		m, err := t.moneySettings()
		if err != nil {
			return err
		}
		st.Invoicing = SettingsInvoicing{VATNumber: m.VATNumber, IBAN: m.IBAN, VATExempt: m.VATExempt,
			ExemptionText: m.ExemptionText, DefaultVATBP: m.DefaultVATBP, NoShowBillable: m.NoShowBillable,
			PaymentDays: m.PaymentDays}
		ps, err := t.processors()
		if err != nil {
			return err
		}
		st.Processors = []SettingsProcessor{}
		for _, p := range ps {
			st.Processors = append(st.Processors, SettingsProcessor{Name: p.Name, Processes: p.Processes,
				Agreement: p.Agreement, Location: p.Location})
		}
		pols, err := t.policies()
		if err != nil {
			return err
		}
		st.Retention = []SettingsPolicy{}
		for _, p := range pols {
			st.Retention = append(st.Retention, SettingsPolicy{Category: string(p.Category), Name: p.Name,
				Basis: string(p.Basis), Months: p.Months, Reason: p.Reason})
		}
		return t.exportLists(&st)
	})
	return st, err
}

// exportLists reads the recipients, funders and templates.
func (t *tx) exportLists(st *Settings) error {
	st.Recipients, st.Funders, st.Templates = []SettingsRecipient{}, []SettingsFunder{}, []SettingsTemplate{}
	rs, err := t.query("SELECT name, contact FROM recipients ORDER BY name COLLATE NOCASE, id")
	if err != nil {
		return fmt.Errorf("reading recipients: %w", err)
	}
	for rs.Next() {
		var r SettingsRecipient
		if err := rs.Scan(&r.Name, &r.Contact); err != nil {
			rs.Close()
			return fmt.Errorf("reading recipients: %w", err)
		}
		st.Recipients = append(st.Recipients, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return fmt.Errorf("reading recipients: %w", err)
	}
	fs, err := t.query("SELECT " + funderColumns + " FROM funders ORDER BY name COLLATE NOCASE, id")
	if err != nil {
		return fmt.Errorf("reading funders: %w", err)
	}
	for fs.Next() {
		f, err := scanFunder(fs)
		if err != nil {
			fs.Close()
			return fmt.Errorf("reading funders: %w", err)
		}
		st.Funders = append(st.Funders, SettingsFunder{Name: f.Name, Address: f.Address, KvK: f.KvK,
			VATNumber: f.VATNumber, Contract: f.Contract, EInvoice: f.EInvoice, PaymentDays: f.PaymentDays})
	}
	fs.Close()
	if err := fs.Err(); err != nil {
		return fmt.Errorf("reading funders: %w", err)
	}
	ts, err := t.query(`SELECT key, lang, body FROM templates t
		WHERE version = (SELECT MAX(version) FROM templates u WHERE u.key = t.key AND u.lang = t.lang)
		ORDER BY key, lang`)
	if err != nil {
		return fmt.Errorf("reading templates: %w", err)
	}
	defer ts.Close()
	for ts.Next() {
		var tp SettingsTemplate
		if err := ts.Scan(&tp.Key, &tp.Lang, &tp.Body); err != nil {
			return fmt.Errorf("reading templates: %w", err)
		}
		st.Templates = append(st.Templates, tp)
	}
	return ts.Err()
}

// ParseSettings reads a settings file, refusing one of another format or
// schema version with a coded ValidationError before anything is looked at.
func ParseSettings(data []byte) (Settings, error) {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Format != SettingsFormat {
		return Settings{}, invalidValue("settings.not_settings", "settings", "",
			"this is not a caseload settings file")
	}
	if head.Version != SettingsVersion {
		return Settings{}, invalidValue("settings.version", "version", fmt.Sprint(head.Version),
			fmt.Sprintf("settings schema version %d is not one this caseload reads (it reads %d)",
				head.Version, SettingsVersion))
	}
	var st Settings
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return Settings{}, invalidValue("settings.malformed", "settings", "",
			fmt.Sprintf("the settings file is damaged: %v", err))
	}
	return st, nil
}

// validate checks every item through the store's own validation before
// the transaction starts, so a bad value changes nothing.
func (st *Settings) validate() error {
	p := Practice{Name: st.Practice.Name, Address: st.Practice.Address, Email: st.Practice.Email,
		Phone: st.Practice.Phone, KvK: st.Practice.KvK, DPOContact: st.Practice.DPOContact,
		Purposes: st.Practice.Purposes, LegalBases: st.Practice.LegalBases, Recipients: st.Practice.Recipients}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := validAnswerTarget(st.AnswerTargetDays); err != nil {
		return err
	}
	for _, f := range st.ClientFields {
		if !ClientField(f).Valid() {
			return invalidValue("practice.client_field_unknown", "client_fields", f,
				fmt.Sprintf("unknown client field %q", f))
		}
	}
	if st.Invoicing.PaymentDays == 0 {
		st.Invoicing.PaymentDays = 30
	}
	if st.invoicingSet() {
		if err := st.invoicing().Validate(); err != nil {
			return err
		}
	} else if !standardVAT(st.Invoicing.DefaultVATBP) || st.Invoicing.PaymentDays < 1 || st.Invoicing.PaymentDays > 365 {
		return invalid("invoicing", "the default VAT rate must be 0, 9 or 21% and the payment term 1 to 365 days")
	}
	for i := range st.Processors {
		p := &st.Processors[i]
		p.Name, p.Location = strings.TrimSpace(p.Name), strings.TrimSpace(p.Location)
		if err := (Processor{Name: p.Name, Processes: p.Processes, Location: p.Location}).Validate(); err != nil {
			return err
		}
	}
	for i := range st.Recipients {
		r := &st.Recipients[i]
		r.Name, r.Contact = strings.Join(strings.Fields(r.Name), " "), strings.TrimSpace(r.Contact)
		if err := (Recipient{Name: r.Name, Contact: r.Contact}).Validate(); err != nil {
			return err
		}
	}
	for i := range st.Funders {
		f := &st.Funders[i]
		f.Name, f.Address = strings.TrimSpace(f.Name), strings.TrimSpace(f.Address)
		if f.PaymentDays == 0 {
			f.PaymentDays = 30
		}
		if err := st.funder(i).Validate(); err != nil {
			return err
		}
	}
	for _, p := range st.Retention {
		if err := p.policy().Validate(); err != nil {
			return err
		}
	}
	for _, tp := range st.Templates {
		if err := validTemplate(Template{Key: tp.Key, Lang: tp.Lang, Body: tp.Body}); err != nil {
			return err
		}
	}
	return nil
}

// invoicingSet reports whether the file's invoicing was ever set up: a
// fresh vault's has no VAT number, no exemption and no IBAN, which
// Validate rightly refuses for a practice that invoices. Such a file says
// nothing about invoicing, and its import leaves the vault's as it is.
func (st *Settings) invoicingSet() bool {
	m := st.Invoicing
	return m.VATExempt || m.VATNumber != "" || m.ExemptionText != "" || m.IBAN != ""
}

func (st *Settings) invoicing() MoneySettings {
	m := st.Invoicing
	return MoneySettings{VATNumber: m.VATNumber, IBAN: m.IBAN, VATExempt: m.VATExempt,
		ExemptionText: m.ExemptionText, DefaultVATBP: m.DefaultVATBP, NoShowBillable: m.NoShowBillable,
		PaymentDays: m.PaymentDays}
}

func (st *Settings) funder(i int) Funder {
	f := st.Funders[i]
	return Funder{Name: f.Name, Address: f.Address, KvK: f.KvK, VATNumber: f.VATNumber,
		Contract: f.Contract, EInvoice: f.EInvoice, PaymentDays: f.PaymentDays}
}

// ImportSettings takes a settings file into the vault, all or nothing in
// one transaction: every value is validated first, and an item whose key
// (a name; a template's key and language) the vault already has is
// updated, never duplicated. Items the vault has and the file lacks are
// left alone: an import adds to a practice, it does not prune it.
func (s *Store) ImportSettings(ctx context.Context, st Settings) (SettingsSummary, error) {
	sum := SettingsSummary{Added: map[string]int{}, Updated: map[string]int{}, Unchanged: map[string]int{}}
	if st.Format != SettingsFormat || st.Version != SettingsVersion {
		return sum, invalidValue("settings.version", "version", fmt.Sprint(st.Version),
			fmt.Sprintf("settings schema version %d is not one this caseload reads (it reads %d)",
				st.Version, SettingsVersion))
	}
	if err := st.validate(); err != nil {
		return sum, err
	}
	err := s.write(ctx, func(t *tx) error {
		p := st.Practice
		if _, err := t.exec(`UPDATE practice SET name = ?, address = ?, email = ?, phone = ?, kvk = ?,
			dpo_contact = ?, purposes = ?, legal_bases = ?, recipients = ?, answer_target_days = ?,
			client_fields = ?, updated_at = ? WHERE id = 1`, p.Name, p.Address, p.Email, p.Phone, p.KvK,
			p.DPOContact, p.Purposes, p.LegalBases, p.Recipients, st.AnswerTargetDays,
			strings.Join(orderedFields(st.ClientFields), ","), t.stamp()); err != nil {
			return fmt.Errorf("importing practice details: %w", err)
		}
		if err := t.importInvoicing(st); err != nil {
			return err
		}
		if err := t.importProcessors(st.Processors, sum); err != nil {
			return err
		}
		if err := t.importRecipients(st.Recipients, sum); err != nil {
			return err
		}
		for i := range st.Funders {
			if err := t.importFunder(st.funder(i), sum); err != nil {
				return err
			}
		}
		for _, tp := range st.Templates {
			if err := t.importTemplate(tp, sum); err != nil {
				return err
			}
		}
		for _, p := range st.Retention {
			if err := t.importPolicy(p.policy(), sum); err != nil {
				return err
			}
		}
		return t.audit(AuditEdit, 0, "settings imported")
	})
	return sum, err
}

// orderedFields is the stored form of a field list: in the order of
// ClientFields, each once.
func orderedFields(names []string) []string {
	on := map[string]bool{}
	for _, n := range names {
		on[n] = true
	}
	out := []string{}
	for _, f := range ClientFields {
		if on[string(f)] {
			out = append(out, string(f))
		}
	}
	return out
}

func (t *tx) importProcessors(list []SettingsProcessor, sum SettingsSummary) error {
	have, err := t.processors()
	if err != nil {
		return err
	}
	for _, p := range list {
		var id int64
		var same bool
		for _, h := range have {
			if strings.EqualFold(h.Name, p.Name) {
				id = h.ID
				same = h.Name == p.Name && h.Processes == p.Processes && h.Agreement == p.Agreement && h.Location == p.Location
				break
			}
		}
		switch {
		case same:
			sum.Unchanged["processors"]++
		case id == 0:
			res, err := t.exec(`INSERT INTO processors (name, processes, agreement, location, created_at)
				VALUES (?, ?, ?, ?, ?)`, p.Name, p.Processes, p.Agreement, p.Location, t.stamp())
			if err != nil {
				return fmt.Errorf("importing processor: %w", err)
			}
			nid, _ := res.LastInsertId()
			have = append(have, Processor{ID: nid, Name: p.Name, Processes: p.Processes, Agreement: p.Agreement, Location: p.Location})
			sum.Added["processors"]++
		default:
			if _, err := t.exec(`UPDATE processors SET name = ?, processes = ?, agreement = ?, location = ?
				WHERE id = ?`, p.Name, p.Processes, p.Agreement, p.Location, id); err != nil {
				return fmt.Errorf("importing processor: %w", err)
			}
			sum.Updated["processors"]++
		}
	}
	return nil
}

func (t *tx) importRecipients(list []SettingsRecipient, sum SettingsSummary) error {
	for _, r := range list {
		h, err := t.recipientNamed(r.Name)
		switch {
		case err == ErrNotFound:
			if _, err := t.addRecipient(Recipient{Name: r.Name, Contact: r.Contact}); err != nil {
				return err
			}
			sum.Added["recipients"]++
		case err != nil:
			return err
		case h.Contact == r.Contact:
			// The gate compares by key; the list's own spelling stays, as
			// consents and disclosures copy it.
			sum.Unchanged["recipients"]++
		default:
			if _, err := t.exec("UPDATE recipients SET contact = ? WHERE id = ?", r.Contact, h.ID); err != nil {
				return fmt.Errorf("importing recipient: %w", err)
			}
			sum.Updated["recipients"]++
		}
	}
	return nil
}

func (t *tx) importFunder(f Funder, sum SettingsSummary) error {
	var h Funder
	err := func() error {
		var id int64
		if err := t.row("SELECT id FROM funders WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1", f.Name).Scan(&id); err != nil {
			return ErrNotFound
		}
		var err error
		h, err = t.funder(id)
		return err
	}()
	switch {
	case err == ErrNotFound:
		if _, err := t.exec(`INSERT INTO funders (name, address, kvk, vat_number, contract, einvoice,
			payment_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Name, f.Address, f.KvK, f.VATNumber, f.Contract, f.EInvoice, f.PaymentDays,
			t.stamp(), t.stamp()); err != nil {
			return fmt.Errorf("importing funder: %w", err)
		}
		sum.Added["funders"]++
	case err != nil:
		return err
	case h.Name == f.Name && h.Address == f.Address && h.KvK == f.KvK && h.VATNumber == f.VATNumber &&
		h.Contract == f.Contract && h.EInvoice == f.EInvoice && h.PaymentDays == f.PaymentDays:
		sum.Unchanged["funders"]++
	default:
		if _, err := t.exec(`UPDATE funders SET name = ?, address = ?, kvk = ?, vat_number = ?,
			contract = ?, einvoice = ?, payment_days = ?, updated_at = ? WHERE id = ?`,
			f.Name, f.Address, f.KvK, f.VATNumber, f.Contract, f.EInvoice, f.PaymentDays,
			t.stamp(), h.ID); err != nil {
			return fmt.Errorf("importing funder: %w", err)
		}
		sum.Updated["funders"]++
	}
	return nil
}

// importTemplate keeps the file's body as a new version when it differs
// from the vault's current one: a template is versioned, so an import
// never overwrites a version the coach saved.
func (t *tx) importTemplate(tp SettingsTemplate, sum SettingsSummary) error {
	var v int
	var body string
	if err := t.row(`SELECT COALESCE(MAX(version), 0) FROM templates WHERE key = ? AND lang = ?`,
		tp.Key, tp.Lang).Scan(&v); err != nil {
		return fmt.Errorf("importing template: %w", err)
	}
	if v > 0 {
		if err := t.row(`SELECT body FROM templates WHERE key = ? AND lang = ? AND version = ?`,
			tp.Key, tp.Lang, v).Scan(&body); err != nil {
			return fmt.Errorf("importing template: %w", err)
		}
		if body == tp.Body {
			sum.Unchanged["templates"]++
			return nil
		}
	}
	if _, err := t.exec(`INSERT INTO templates (key, lang, version, body, saved_at) VALUES (?, ?, ?, ?, ?)`,
		tp.Key, tp.Lang, v+1, tp.Body, t.stamp()); err != nil {
		return fmt.Errorf("importing template: %w", err)
	}
	if v == 0 {
		sum.Added["templates"]++
	} else {
		sum.Updated["templates"]++
	}
	return nil
}

// SettingsSections lists the sections a summary counts, in file order.
func SettingsSections() []string {
	return []string{"processors", "recipients", "funders", "templates", "retention"}
}

// importInvoicing stores the file's invoicing settings, when it has any
// (see invoicingSet).
func (t *tx) importInvoicing(st Settings) error {
	if !st.invoicingSet() {
		return nil
	}
	m := st.invoicing()
	if _, err := t.exec(`UPDATE money_settings SET vat_number = ?, iban = ?, vat_exempt = ?,
		exemption_text = ?, default_vat_bp = ?, no_show_billable = ?, payment_days = ?,
		updated_at = ? WHERE id = 1`, strings.TrimSpace(m.VATNumber), strings.TrimSpace(m.IBAN),
		m.VATExempt, strings.TrimSpace(m.ExemptionText), m.DefaultVATBP, m.NoShowBillable,
		m.PaymentDays, t.stamp()); err != nil {
		return fmt.Errorf("importing invoicing settings: %w", err)
	}
	return nil
}

func (p SettingsPolicy) policy() Policy {
	pol := Policy{Category: Category(p.Category), Name: p.Name, Basis: Basis(p.Basis), Months: p.Months, Reason: p.Reason}
	if !pol.Category.Item() {
		pol.Name = ""
	}
	return pol
}

// importPolicy updates a fixed category, or an own category of the same
// name, or adds the own category under a new key of this vault.
func (t *tx) importPolicy(p Policy, sum SettingsSummary) error {
	have, err := t.policies()
	if err != nil {
		return err
	}
	var old *Policy
	for i, h := range have {
		if !p.Category.Item() && h.Category == p.Category ||
			p.Category.Item() && h.Category.Item() && strings.EqualFold(h.Name, p.Name) {
			old = &have[i]
			break
		}
	}
	if old == nil {
		if !p.Category.Item() {
			return invalidValue("retention.category_unknown", "category", string(p.Category), "unknown retention category")
		}
		sum.Added["retention"]++
		return t.addPolicy(&p)
	}
	p.Category = old.Category
	if old.Name == p.Name && old.Basis == p.Basis && old.Months == p.Months && old.Reason == p.Reason {
		sum.Unchanged["retention"]++
		return nil
	}
	if err := t.basisFitsItems(p); err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE retention_policies SET name = ?, basis = ?, months = ?, reason = ?,
		updated_at = ? WHERE category = ?`, p.Name, p.Basis, p.Months, p.Reason, t.stamp(), p.Category); err != nil {
		return fmt.Errorf("importing retention policy: %w", err)
	}
	sum.Updated["retention"]++
	return t.audit(AuditEdit, 0, fmt.Sprintf("retention policy %s → %s", *old, p))
}
