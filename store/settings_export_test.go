package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// fullSettings fills a vault with one of every setting a settings file
// carries.
func fullSettings(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SavePractice(ctx, Practice{Name: "Praktijk Zoë", Address: "Oudegracht 1\nUtrecht",
		Email: "info@zoe.nl", KvK: "12345678", Purposes: "loopbaanbegeleiding"}))
	must(s.SetAnswerTarget(ctx, 14))
	must(s.SetClientFieldSet(ctx, FieldSet{ClientFields[0]}))
	must(s.SaveMoneySettings(ctx, MoneySettings{VATExempt: true, ExemptionText: "Vrijgesteld van btw (art. 11)",
		IBAN: "NL91ABNA0417164300", PaymentDays: 14}))
	_, err := s.SaveProcessor(ctx, Processor{Name: "Rapasso", Processes: "hosting", Agreement: true, Location: "NL"})
	must(err)
	_, err = s.SaveRecipient(ctx, Recipient{Name: "Gemeente Utrecht", Contact: "Mw. Jansen"})
	must(err)
	_, err = s.SaveFunder(ctx, Funder{Name: "UWV", Address: "Postbus 1", Contract: "C-9", PaymentDays: 30})
	must(err)
	pols, err := s.Policies(ctx)
	must(err)
	for _, p := range pols {
		if p.Category == CategoryInvoice {
			p.Months, p.Reason = 120, "Tien jaar, voor de zekerheid"
			must(s.SavePolicy(ctx, p))
		}
	}
	_, err = s.AddPolicy(ctx, Policy{Name: "Werkgeverscontacten", Basis: BasisRecordDate, Months: 24, Reason: "Twee jaar"})
	must(err)
	_, err = s.SaveTemplate(ctx, Template{Key: "mine", Lang: "nl", Body: "% name: Mijn brief\n# Eerste\n"})
	must(err)
	_, err = s.SaveTemplate(ctx, Template{Key: "mine", Lang: "nl", Body: "% name: Mijn brief\n# Tweede\n{{client.name}}\n"})
	must(err)
}

func TestSettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	from := newFixture(t).s
	fullSettings(t, from)
	st, err := from.ExportSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "Eerste") {
		t.Errorf("an old template version travelled: %s", data)
	}
	parsed, err := ParseSettings(data)
	if err != nil {
		t.Fatal(err)
	}
	to := newFixture(t).s
	sum, err := to.ImportSettings(ctx, parsed)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added["retention"] != 1 || sum.Updated["retention"] != 1 {
		t.Errorf("retention: %d added, %d updated; want the own category added, the invoice's updated",
			sum.Added["retention"], sum.Updated["retention"])
	}
	for _, sec := range SettingsSections()[:4] {
		if sum.Added[sec] != 1 || sum.Updated[sec] != 0 {
			t.Errorf("%s: added %d, updated %d; want 1 added", sec, sum.Added[sec], sum.Updated[sec])
		}
	}
	back, err := to.ExportSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st, back) {
		t.Errorf("round trip differs:\n%+v\n%+v", st, back)
	}
	// A second import updates nothing and duplicates nothing.
	sum, err = to.ImportSettings(ctx, parsed)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range SettingsSections() {
		if sum.Added[sec] != 0 || sum.Updated[sec] != 0 || sum.Unchanged[sec] != 1 && sec != "retention" {
			t.Errorf("second import, %s: %d added, %d updated, %d unchanged", sec,
				sum.Added[sec], sum.Updated[sec], sum.Unchanged[sec])
		}
	}
	// A changed item under the same key is updated, not added.
	parsed.Funders[0].Contract, parsed.Recipients[0].Name = "C-10", "gemeente  utrecht"
	sum, err = to.ImportSettings(ctx, parsed)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated["funders"] != 1 || sum.Added["funders"] != 0 || sum.Unchanged["recipients"] != 1 {
		t.Errorf("changed import: %+v", sum)
	}
	fs, _ := to.Funders(ctx)
	rs, _ := to.Recipients(ctx)
	if len(fs) != 1 || fs[0].Contract != "C-10" || len(rs) != 1 {
		t.Errorf("funders %+v, recipients %+v", fs, rs)
	}
}

func TestSettingsImportRefusesAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	from := newFixture(t).s
	fullSettings(t, from)
	good, err := from.ExportSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(good)
	var ve *ValidationError
	if _, err := ParseSettings([]byte(strings.Replace(string(data), `"version":1`, `"version":2`, 1))); !errors.As(err, &ve) || ve.Code != "settings.version" {
		t.Errorf("version 2: %v", err)
	}
	if _, err := ParseSettings([]byte(`{"name":"x"}`)); !errors.As(err, &ve) || ve.Code != "settings.not_settings" {
		t.Errorf("not settings: %v", err)
	}
	to := newFixture(t).s
	before, _ := to.ExportSettings(ctx)
	for name, spoil := range map[string]func(*Settings){
		"version":      func(s *Settings) { s.Version = 2 },
		"funder":       func(s *Settings) { s.Funders[0].Address = "" },
		"template":     func(s *Settings) { s.Templates[0].Body = "% name: x\n{{no.such}}\n" },
		"answer":       func(s *Settings) { s.AnswerTargetDays = 40 },
		"client field": func(s *Settings) { s.ClientFields = []string{"shoe_size"} },
		"email":        func(s *Settings) { s.Practice.Email = "not an address" },
		"invoice kept too short": func(s *Settings) {
			for i := range s.Retention {
				if s.Retention[i].Category == string(CategoryInvoice) {
					s.Retention[i].Months = 12
				}
			}
		},
		"unknown category": func(s *Settings) {
			s.Retention = append(s.Retention, SettingsPolicy{Category: "nonsense", Basis: "x", Months: 1, Reason: "r"})
		},
	} {
		bad, _ := ParseSettings(data)
		spoil(&bad)
		if _, err := to.ImportSettings(ctx, bad); err == nil {
			t.Errorf("%s: imported", name)
		} else if name != "template" && !errors.As(err, &ve) {
			t.Errorf("%s: %v is not a ValidationError", name, err)
		}
		after, _ := to.ExportSettings(ctx)
		if !reflect.DeepEqual(before, after) {
			t.Errorf("%s: a refused import changed the vault", name)
		}
	}
}
