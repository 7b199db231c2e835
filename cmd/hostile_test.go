package cmd

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caseload/caseload/crypt"
	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/termsafe"
)

// Text from the vault and from the command line never reaches the
// terminal raw (issue 11, hole 1): every command runs on a vault whose
// every text holds a terminal attack, and with hostile arguments, and
// nothing it prints holds a character the terminal would obey.

// hostile retitles the terminal, wipes the screen and turns text around.
const hostile = "\x1b]0;pwned\a\x1b[2J\u202e\u2066"

const hostilePass = "een lange oefenzin voor de kluis"

// hostileVault makes a vault with a client of every kind — records,
// appointments, a document, consents, a disclosure, requests, a breach,
// a retention deadline, the practice's details — and then puts hostile
// in front of every free text, straight in SQLite, as a vault written
// before input was checked would hold it.
func hostileVault(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	s, _, err := e.create(ctx, hostilePass)
	if err != nil {
		t.Fatal(err)
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.CreateClient(ctx, store.Client{FirstName: "Amina", LastName: "Oğuz", Email: "amina@example.org",
		Status: store.StatusClosed, Outcome: store.OutcomeWork, Start: day(2020, 1, 6), End: day(2021, 3, 1),
		ReferralDetail: "Gemeente Utrecht", Notes: "Belt liever dan mailt"})
	must(c, err)
	must(s.CreateClient(ctx, store.Client{FirstName: "Noor", LastName: "Jansen", Status: store.StatusActive,
		Start: day(2025, 9, 1)}))
	must(s.SaveRecord(ctx, store.Record{ClientID: c.ID, Kind: store.KindNote, Title: "Gesprek", Body: "Kort verslag",
		Date: day(2021, 2, 1)}))
	must(s.SaveAppointment(ctx, store.Appointment{ClientID: c.ID, Start: day(2021, 2, 1).Add(10 * time.Hour),
		Minutes: 60, Place: "Bibliotheek", Attendance: store.AttendanceAttended}))
	must(s.AddAttachment(ctx, store.Attachment{ClientID: c.ID, Name: "cv.pdf", Kind: store.KindCV}, []byte("%PDF-1.4")))
	cons, err := s.AddConsent(ctx, store.Consent{ClientID: c.ID, Purpose: "voortgang delen", Recipient: "Gemeente Utrecht",
		Given: day(2020, 1, 6), GivenBy: store.GivenByClient})
	must(cons, err)
	must(s.AddDisclosure(ctx, store.Disclosure{ClientID: c.ID, Recipient: "Gemeente Utrecht", What: "verslag",
		Date: day(2020, 6, 1), Basis: store.LegalBasisConsent, ConsentID: cons.ID}))
	must(s.AddRequest(ctx, store.Request{ClientID: c.ID, Kind: store.RequestAccess, Received: s.Today(),
		Channel: store.ChannelEmail, IdentityHow: "bekend e-mailadres", Notes: "wil alles zien"}))
	must(s.AddBreach(ctx, store.Breach{Discovered: time.Now().UTC().Add(-time.Hour).Truncate(time.Minute),
		Description: "USB-stick kwijt", Categories: "cv's"}))
	must(nil, s.SavePractice(ctx, store.Practice{Name: "Coaching Noord", Email: "info@example.nl",
		Purposes: "begeleiding", Recipients: "gemeente"}))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	poisonVault(t, e)
}

// freeText are the columns that hold text a coach or an import wrote;
// the others hold checked values (a status, a date) a hostile one would
// only make unreadable.
var freeText = map[string]bool{"name": true, "address": true, "email": true, "phone": true, "kvk": true,
	"dpo_contact": true, "purposes": true, "legal_bases": true, "recipients": true, "first_name": true,
	"last_name": true, "referral_detail": true, "representative": true, "restricted_reason": true,
	"hold_reason": true, "notes": true, "title": true, "body": true, "place": true, "reason": true,
	"purpose": true, "recipient": true, "what": true, "identity_how": true, "extension_reason": true,
	"debtor": true, "description": true, "categories": true, "consequences": true, "measures": true,
	"contact": true, "not_reported_reason": true}

// poisonVault opens the vault's image in SQLite, prefixes every free
// text with hostile, and seals it back.
func poisonVault(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	v, image, err := crypt.Open(e.vaultDir, hostilePass, e.cryptOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	type serializer interface {
		Serialize() ([]byte, error)
		Deserialize([]byte) error
	}
	if err := conn.Raw(func(dc any) error { return dc.(serializer).Deserialize(image) }); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '%fts%' AND p.type = 'TEXT'`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		if freeText[col] || table == "requests" && col == "outcome" {
			cols = append(cols, [2]string{table, col})
		}
	}
	rows.Close()
	for _, tc := range cols {
		q := `UPDATE "` + tc[0] + `" SET "` + tc[1] + `" = ? || "` + tc[1] + `" WHERE typeof("` + tc[1] + `") = 'text' AND "` + tc[1] + `" != ''`
		if _, err := conn.ExecContext(ctx, q, hostile); err != nil {
			t.Fatalf("poisoning %s.%s: %v", tc[0], tc[1], err)
		}
	}
	var out []byte
	if err := conn.Raw(func(dc any) error { b, err := dc.(serializer).Serialize(); out = b; return err }); err != nil {
		t.Fatal(err)
	}
	if err := v.Seal(out); err != nil {
		t.Fatal(err)
	}
}

// hostileJSON is hostile as a JSON string's contents.
func hostileJSON() string {
	b, _ := json.Marshal(hostile)
	return string(b[1 : len(b)-1])
}

// hostileArgs are the arguments each command runs with: on the hostile
// vault, and with hostile input of its own. A command missing here fails
// the test, so a new command is never left out.
func hostileArgs(dir string) map[string][][]string {
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			panic(err)
		}
		return p
	}
	pass := file("pass", hostilePass+"\n")
	csv := file("list.csv", "voornaam,achternaam\n"+hostile+"Sara,"+hostile+"Bakker\n")
	return map[string][][]string{
		"init":      {{"init"}},
		"verify":    {{"verify"}},
		"list":      {{"list"}, {"list", "--json"}, {"list", hostile}},
		"deadlines": {{"deadlines"}, {"deadlines", "--json"}},
		"agenda": {{"agenda"}, {"agenda", "--from", "2021-02-01", "--days", "7"}, {"agenda", "--from", hostile},
			{"agenda", "--from", "2021-02-01", "--json"},
			{"agenda", "--from", "2021-01-01", "--days", "60", "--ics", filepath.Join(dir, "week.ics"), "--yes", "--names"}},
		"retention": {{"retention"}, {"retention", "--json"}, {"retention", "--purge"}},
		"register":  {{"register"}, {"register", "--out", filepath.Join(dir, "register")}},
		"passwd":    {{"passwd", "--new-passphrase-file", pass}},
		"recover":   {{"recover", "--recovery-file", file("key", hostile+"AGE-SECRET-KEY\n"), "--new-passphrase-file", pass}},
		"backup":    {{"backup", "--out", filepath.Join(dir, hostile+"backup.age")}},
		"restore": {{"restore", "--at", hostile}, {"restore", "--at", "2000-01-01"},
			{"restore", filepath.Join(dir, hostile+"backup.age"), "--vault", filepath.Join(dir, hostile+"restored")},
			{"restore", filepath.Join(dir, hostile+"missing.tar"), "--vault", filepath.Join(dir, "r2")},
			{"restore", csv, "--vault", filepath.Join(dir, "r3")}},
		"recover-image": {{"recover-image", "--out", filepath.Join(dir, hostile+"image.db"), "--yes"}, {"recover-image", "--out", filepath.Join(dir, "noyes.db")},
			{"recover-image", filepath.Join(dir, hostile), "--out", filepath.Join(dir, "image2.db"), "--yes"}},
		"export": {{"export", "1", "--plain", "--yes", "--out", filepath.Join(dir, "a.zip")}, {"export", hostile},
			{"export", "Amina"}, {"export", "--all", "--plain", "--yes", "--out", filepath.Join(dir, "all")}},
		"erasures": {{"erasures"}, {"erasures", "--json"}},
		"settings": {{"settings", "export"}, {"settings", "export", "--out", filepath.Join(dir, "settings.json"), "--yes"},
			{"settings", "import", filepath.Join(dir, "settings.json")},
			{"settings", "import", file("s2.json", `{"format":"caseload-settings","version":1,"practice":{"name":"`+hostileJSON()+`"},"invoicing":{"default_vat_bp":2100,"payment_days":30},"funders":[{"name":"`+hostileJSON()+`","address":""}],"templates":[{"key":"k","lang":"nl","body":"% name: `+hostileJSON()+`\\n{{`+hostileJSON()+`}}"}]}`)},
			{"settings", "import", file("s3.json", `{"format":"caseload-settings","version":1,"templates":[{"key":"k","lang":"nl","body":"% name: x\\n{{`+hostileJSON()+`}}"}]}`)},
			{"settings", "import", file("s4.json", hostile)}},
		"version":    {{"version"}},
		"completion": {{"completion", "bash"}, {"completion", hostile}},
		"help":       {{"help"}, {"help", "export"}, {"help", hostile}, {hostile}},
		"import": {{"import", csv, "--dry-run"}, {"import", csv}, {"import", filepath.Join(dir, hostile+".csv")},
			{"import", filepath.Join(dir, "a.zip"), "--dry-run"}},
		"print": {{"print", "--list"}, {"print", "1", "plan", "--plain", "--yes", "--out", filepath.Join(dir, "plan.pdf")},
			{"print", hostile, "plan"}, {"print", "1", hostile}},
		"invoice": {{"invoice", "list"}, {"invoice", "funders"}, {"invoice", "show", hostile},
			{"invoice", "books", "--plain", "--yes", "--out", filepath.Join(dir, "books.csv")}},
		"demo": nil, // opens the TUI, which has its own test (tui's TestHostileText…)
	}
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	base := &env{vaultDir: vault, workFactor: 1, clock: time.Now, getenv: func(string) string { return "" }}
	hostileVault(t, base)
	all := hostileArgs(dir)
	runs := 0
	cmds := newRootCmd(&env{getenv: func(string) string { return "" }}).Commands()
	for _, c := range cmds {
		cases, ok := all[c.Name()]
		if !ok {
			t.Errorf("command %q has no hostile case: add it to hostileArgs", c.Name())
		}
		for _, args := range cases {
			for _, lang := range []string{"en", "nl"} {
				var stdout, stderr bytes.Buffer
				e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, workFactor: 1,
					clock: time.Now, getenv: func(string) string { return "" }, tty: func() bool { return false }}
				full := append([]string{"--vault", vault, "--lang", lang, "--passphrase-file", filepath.Join(dir, "pass")}, args...)
				code := run(full, e)
				runs++
				for name, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
					if termsafe.Text(out) != out {
						t.Errorf("caseload %q (exit %d): %s reaches the terminal raw:\n%q", args, code, name, out)
					}
				}
				if c.Name() == "list" && len(args) == 1 && !strings.Contains(stdout.String(), `\x1b]0;pwned\x07`) {
					t.Errorf("list shows no escaped name:\n%s", stdout.String())
				}
			}
		}
	}
	t.Logf("%d commands, %d runs", len(cmds), runs)
}

// A client list with a NUL byte, an impossible year or a 64 KiB note is
// refused with the file, the line and the column, in the coach's
// language, and nothing of it is imported (issue 11, hole 11).
func TestImportRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	vault := filepath.Join(dir, "vault")
	pass := filepath.Join(dir, "pass")
	if err := os.WriteFile(pass, []byte(hostilePass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	caseload := func(lang string, args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, workFactor: 1,
			clock: time.Now, getenv: func(string) string { return "" }, tty: func() bool { return false }}
		code := run(append([]string{"--vault", vault, "--lang", lang, "--passphrase-file", pass}, args...), e)
		return code, stdout.String(), stderr.String()
	}
	if code, _, stderr := caseload("en", "init"); code != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct{ name, list, lang, want string }{
		{"NUL", "voornaam,achternaam\nNoor,Jansen\nAn\x00na,de Vries\n", "en",
			`list.csv, line 3, field "voornaam": holds a control character`},
		{"year 0000", "voornaam,geboortedatum\nNoor,2001-02-03\nAnna,0000-01-01\n", "nl",
			`list.csv, regel 3, veld "geboortedatum": "0000-01-01": het jaar moet tussen 1900 en 2199 liggen`},
		{"0001-01-01", "first name,start\nNoor,2026-01-05\nAnna,0001-01-01\n", "en",
			`list.csv, line 3, field "start": "0001-01-01": the year must be between 1900 and 2199`},
		{"a big note", "voornaam,notities\nNoor,kort\nAnna,\"" + strings.Repeat("lang ", 14000) + "\"\n", "nl",
			`list.csv, regel 3, veld "notities": is langer dan 65536 bytes`},
	} {
		list := filepath.Join(dir, "list.csv")
		if err := os.WriteFile(list, []byte(c.list), 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := caseload(c.lang, "import", list)
		if code != 1 || !strings.Contains(stderr, "caseload: error: "+c.want) || stdout != "" {
			t.Errorf("%s: exit %d\nstdout %s\nstderr %s\nwant %s", c.name, code, stdout, stderr, c.want)
		}
		if _, out, _ := caseload("en", "list", "--json"); strings.TrimSpace(out) != "[]" {
			t.Errorf("%s: imported all the same: %s", c.name, out)
		}
	}
}
