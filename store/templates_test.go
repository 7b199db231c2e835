package store

import (
	"errors"
	"strings"
	"testing"
)

func TestShippedTemplatesParseInBothLanguages(t *testing.T) {
	keys := map[string][]string{}
	for _, tp := range ShippedTemplates() {
		p, err := ParseTemplate(tp.Body)
		if err != nil {
			t.Errorf("%s.%s: %v", tp.Key, tp.Lang, err)
			continue
		}
		if p.Settings.Name == "" {
			t.Errorf("%s.%s has no name", tp.Key, tp.Lang)
		}
		keys[tp.Key] = append(keys[tp.Key], tp.Lang)
	}
	for _, want := range []string{"plan", "progress", "final", "cv", "letter", "ack", "extend", "refuse",
		"access", "notify", "consent", "breach-ap", "breach-notice"} {
		if got := strings.Join(keys[want], " "); got != "en nl" {
			t.Errorf("shipped template %s in %q, want en and nl", want, got)
		}
	}
}

func TestTemplateWithAnUnknownPlaceholderIsRefusedWithItsLine(t *testing.T) {
	s := newFixture(t).s
	body := "% name: Mijn brief\n# Brief\n\nBeste {{client.name}},\nUw afspraak is op {{client.afspraak}}.\n"
	_, err := s.SaveTemplate(ctx, Template{Key: "brief", Lang: "nl", Body: body})
	var te *TemplateError
	if !errors.As(err, &te) || te.Line != 5 || te.Code != "unknown-placeholder" || te.Arg != "client.afspraak" {
		t.Fatalf("err = %v, want unknown placeholder client.afspraak on line 5", err)
	}
	if vs, _ := s.TemplateVersions(ctx, "brief", "nl"); len(vs) != 0 {
		t.Errorf("a refused template was saved: %v", vs)
	}
	for body, code := range map[string]string{
		"# no name\n":                                 "no-name",
		"% name: x\n% colour: red\n":                  "unknown-setting",
		"% name: x\n% to: everyone\n":                 "bad-setting",
		"% name: x\nText {{plan.goals}} inline\n":     "block-in-line",
		"% name: x\nText {{client.name and more\n":    "unclosed-placeholder",
		"% name: x\n\n\n{{ client.nmae }}\n":          "unknown-placeholder",
		"% name: x\n| Label | {{client.birth}}\n":     "unknown-placeholder",
		"% name: x\n- an item {{practice.kvk}} {{x}}": "unknown-placeholder",
	} {
		_, err := ParseTemplate(body)
		if !errors.As(err, &te) || te.Code != code {
			t.Errorf("%q: err = %v, want %s", body, err, code)
		}
	}
}

func TestTemplateCopiesAreVersionedAndStandInForTheShippedOne(t *testing.T) {
	s := newFixture(t).s
	shipped, err := s.Template(ctx, "ack", "nl")
	if err != nil || shipped.Custom || !shipped.Shipped {
		t.Fatalf("shipped ack: %+v, %v", shipped, err)
	}
	mine := strings.Replace(shipped.Body, "Met vriendelijke groet,", "Hartelijke groet,", 1)
	if v, err := s.SaveTemplate(ctx, Template{Key: "ack", Lang: "nl", Body: mine}); err != nil || v.Version != 1 {
		t.Fatalf("save: %+v, %v", v, err)
	}
	mine2 := mine + "\nPS.\n"
	if v, err := s.SaveTemplate(ctx, Template{Key: "ack", Lang: "nl", Body: mine2}); err != nil || v.Version != 2 {
		t.Fatalf("save again: %+v, %v", v, err)
	}
	got, _ := s.Template(ctx, "ack", "nl")
	if got.Body != mine2 || !got.Custom || !got.Shipped || got.Version != 2 {
		t.Errorf("printed template: %+v", got)
	}
	if vs, _ := s.TemplateVersions(ctx, "ack", "nl"); len(vs) != 2 || vs[1].Body != mine {
		t.Errorf("the first version is lost: %d versions", len(vs))
	}
	all, _ := s.Templates(ctx)
	n := 0
	for _, tp := range all {
		if tp.Key == "ack" && tp.Lang == "nl" {
			n++
			if !tp.Custom {
				t.Error("the list shows the shipped ack, not the coach's copy")
			}
		}
	}
	if n != 1 || len(all) != len(ShippedTemplates()) {
		t.Errorf("%d ack nl in a list of %d", n, len(all))
	}
	if err := s.DeleteTemplate(ctx, "ack", "nl"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Template(ctx, "ack", "nl"); got.Custom || got.Body != shipped.Body {
		t.Error("deleting the copy did not bring the shipped template back")
	}
	if err := s.DeleteTemplate(ctx, "ack", "nl"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if _, err := s.SaveTemplate(ctx, Template{Key: "../x", Lang: "nl", Body: mine}); err == nil {
		t.Error("a key with a path in it was taken")
	}
}

// A vault written before the templates table (version 4) opens, gains the
// table, and keeps a coach's template from then on.
func TestMigratesAVersion4VaultToTemplates(t *testing.T) {
	image := imageAtVersion(t, 4,
		`INSERT INTO clients (id, uid, first_name, last_name, status, created_at, updated_at)
			VALUES (3, 'u3', 'Noor', 'Bakker', 'intake', '2026-01-05 09:00:00', '2026-01-05 09:00:00')`)
	s, err := Open(ctx, image, Options{Clock: (&fixedClock{t: day("2026-11-22")}).now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, err := s.Client(ctx, 3); err != nil || c.FirstName != "Noor" {
		t.Fatalf("client after the migration: %+v, %v", c, err)
	}
	all, err := s.Templates(ctx)
	if err != nil || len(all) != len(ShippedTemplates()) {
		t.Fatalf("templates after the migration: %d, %v", len(all), err)
	}
	if _, err := s.SaveTemplate(ctx, Template{Key: "eigen", Lang: "nl", Body: "% name: Eigen brief\nBeste {{client.first_name}},\n"}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Template(ctx, "eigen", "nl"); err != nil || got.Version != 1 || got.Shipped {
		t.Errorf("the coach's own template: %+v, %v", got, err)
	}
}
