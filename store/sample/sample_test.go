package sample_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caseload/caseload/store"
	"github.com/caseload/caseload/store/sample"
)

// TestMain starts every caseload after the first from the first one's
// image: building the schema again costs a second under the race
// detector, and changes nothing (store.KeepNewCaseloads).
func TestMain(m *testing.M) {
	store.KeepNewCaseloads()
	os.Exit(m.Run())
}

// memSealer keeps the last sealed image, as a vault file would.
type memSealer struct {
	mu    sync.Mutex
	image []byte
	seals int
}

func (m *memSealer) Seal(image []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.image = append(m.image[:0], image...)
	m.seals++
	return nil
}

// memBlobs keeps documents in memory.
type memBlobs struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memBlobs) Put(data []byte) (string, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	id := fmt.Sprintf("blob%d", len(m.files)+1)
	m.files[id] = append([]byte(nil), data...)
	return id, "AGE-SECRET-KEY-TEST-" + id, nil
}

func (m *memBlobs) Get(id, key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if key != "AGE-SECRET-KEY-TEST-"+id {
		return nil, errors.New("wrong key")
	}
	return m.files[id], nil
}

func (m *memBlobs) Remove(id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, id)
	return nil
}

// today is the day every test caseload is spread around.
var today = time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)

func openStore(tb testing.TB, o store.Options) *store.Store {
	tb.Helper()
	o.Clock = func() time.Time { return today.Add(10 * time.Hour) }
	s, err := store.Open(context.Background(), nil, o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// reservedDomains are the only e-mail domains an invented caseload may use.
var reservedDomains = map[string]bool{"example.org": true, "example.net": true, "example.com": true}

var (
	emailRE = regexp.MustCompile(`[\p{L}0-9._%+-]+@([\p{L}0-9.-]+)`)
	phoneRE = regexp.MustCompile(`^06-0\d{3} \d{4}$`)
)

// TestFillSealsEveryWrite keeps to a few clients: every seal serializes
// the whole image, which the race detector makes slow.
func TestFillSealsEveryWrite(t *testing.T) {
	sealer := &memSealer{}
	s := openStore(t, store.Options{Sealer: sealer, Blobs: &memBlobs{}})
	st, err := sample.Fill(context.Background(), s, sample.Options{Clients: 3, Seed: 1, Today: today, Documents: true})
	if err != nil {
		t.Fatal(err)
	}
	if sealer.seals < st.Writes {
		t.Errorf("%d seals for %d writes: every write should seal", sealer.seals, st.Writes)
	}
}

func TestFill(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, store.Options{Blobs: &memBlobs{}})
	st, err := sample.Fill(ctx, s, sample.Options{Clients: 50, Seed: 1, Today: today, Documents: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.Clients != 50 {
		t.Fatalf("Fill added %d clients, want 50", st.Clients)
	}
	for _, status := range store.Statuses {
		if st.Statuses[status] == 0 {
			t.Errorf("no client is %s: %v", status, st.Statuses)
		}
	}
	if st.Statuses[store.StatusActive] < st.Statuses[store.StatusClosed] ||
		st.Statuses[store.StatusClosed] < st.Statuses[store.StatusRejected] {
		t.Errorf("statuses not spread as a caseload is: %v", st.Statuses)
	}

	rows, err := s.ListClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 50 {
		t.Fatalf("ListClients: %d rows, want 50", len(rows))
	}
	var minors, soon, overdue, texts int
	var textBytes int
	for _, row := range rows {
		c, err := s.Client(ctx, row.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", c.Name(), err)
		}
		checkEmails(t, c.Name(), c.Email)
		if !phoneRE.MatchString(c.Phone) {
			t.Errorf("%s: phone %q is not 06-0xxx xxxx", c.Name(), c.Phone)
		}
		if c.AgeOn(today) < 16 {
			minors++
			if c.Representative == "" {
				t.Errorf("%s is %d and has no legal representative", c.Name(), c.AgeOn(today))
			}
		}
		switch row.Retention.State {
		case store.RetentionSoon, store.RetentionUrgent:
			soon++
		case store.RetentionOverdue:
			if c.Status == store.StatusClosed {
				overdue++
			}
		}

		recs, err := s.Records(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[store.RecordKind]int{}
		size := 0
		for _, r := range recs {
			if err := r.Validate(); err != nil {
				t.Errorf("%s: record %q: %v", c.Name(), r.Title, err)
			}
			if r.Special {
				if r, err = s.RevealRecord(ctx, r.ID); err != nil {
					t.Fatal(err)
				}
			}
			kinds[r.Kind]++
			size += len(r.Title) + len(r.Body)
			checkEmails(t, c.Name(), r.Body)
			if strings.ContainsAny(r.Title+r.Body, "{}") {
				t.Errorf("%s: record %q has an unfilled slot:\n%s", c.Name(), r.Title, r.Body)
			}
			if r.Date.After(today) {
				t.Errorf("%s: record %q is dated %s, after today", c.Name(), r.Title, r.Date.Format(time.DateOnly))
			}
		}
		textBytes += size
		texts++
		want := wantRecords[c.Status]
		for kind, n := range want {
			if kinds[kind] != n {
				t.Errorf("%s (%s): %d records of kind %s, want %d", c.Name(), c.Status, kinds[kind], kind, n)
			}
		}
		if full := c.Status == store.StatusActive || c.Status == store.StatusClosed; full && (size < 15_000 || size > 25_000) {
			t.Errorf("%s (%s): %d bytes of text, want 15–25 KB", c.Name(), c.Status, size)
		}

		appts, err := s.Appointments(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var planned, past int
		for _, a := range appts {
			if err := a.Validate(); err != nil {
				t.Errorf("%s: appointment %s: %v", c.Name(), a.Start, err)
			}
			switch {
			case a.Attendance == store.AttendancePlanned:
				planned++
				if a.Start.Before(today) {
					t.Errorf("%s: planned appointment in the past: %s", c.Name(), a.Start)
				}
			case a.Start.After(today):
				t.Errorf("%s: appointment %s is %s but in the future", c.Name(), a.Start, a.Attendance)
			default:
				past++
				if a.Attendance != store.AttendanceAttended && a.Reason == "" {
					t.Errorf("%s: %s appointment without a reason", c.Name(), a.Attendance)
				}
			}
		}
		running := c.Status == store.StatusIntake || c.Status == store.StatusActive
		if running && (planned < 1 || planned > 2) || !running && planned != 0 {
			t.Errorf("%s (%s): %d planned appointments", c.Name(), c.Status, planned)
		}
		if past == 0 {
			t.Errorf("%s: no past appointments", c.Name())
		}
		if c.Status == store.StatusClosed && (c.End.IsZero() || c.Outcome == store.OutcomeNone) {
			t.Errorf("%s: closed without end date or outcome", c.Name())
		}
	}
	if minors < 1 || minors > 2 {
		t.Errorf("%d clients under 16, want one or two", minors)
	}
	if soon == 0 || overdue == 0 {
		t.Errorf("retention: %d closed or rejected due within 30 days, %d closed overdue; want some of each", soon, overdue)
	}
	if avg := textBytes / texts; avg < 12_000 || avg > 20_000 {
		t.Errorf("%d bytes of text per client on average", avg)
	}
	if textBytes != st.TextBytes {
		t.Errorf("stored text is %d bytes, Stats says %d", textBytes, st.TextBytes)
	}

	// Every client with a CV has it as a document too.
	if st.Documents != 50-st.Statuses[store.StatusRejected] {
		t.Errorf("%d documents, want one per client with a CV (%d)", st.Documents, 50-st.Statuses[store.StatusRejected])
	}

	// Stats.Hits is what Search finds among records.
	for _, w := range []string{sample.CommonWord, sample.MediumWord, sample.RareWord} {
		hits, err := s.Search(ctx, w, 1_000_000)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, h := range hits {
			if h.RecordID != 0 {
				n++
			} else {
				t.Errorf("search word %q matches client %s", w, h.ClientName)
			}
		}
		if n != st.Hits[w] {
			t.Errorf("Search(%q) finds %d records, Stats.Hits says %d", w, n, st.Hits[w])
		}
	}
	if st.Hits[sample.CommonWord] < st.Records/2 {
		t.Errorf("CommonWord in %d of %d records, want most", st.Hits[sample.CommonWord], st.Records)
	}
	if m := st.Hits[sample.MediumWord]; m == 0 || m > st.Records/10 {
		t.Errorf("MediumWord in %d of %d records", m, st.Records)
	}
}

// wantRecords are the records every client of a status has.
var wantRecords = map[store.Status]map[store.RecordKind]int{
	store.StatusIntake:   {store.KindIntake: 1, store.KindPlan: 1, store.KindEvaluation: 0, store.KindNote: 3, store.KindCV: 1},
	store.StatusActive:   {store.KindIntake: 1, store.KindPlan: 1, store.KindEvaluation: 2, store.KindNote: 10, store.KindCV: 1},
	store.StatusClosed:   {store.KindIntake: 1, store.KindPlan: 1, store.KindEvaluation: 2, store.KindNote: 10, store.KindCV: 1},
	store.StatusRejected: {store.KindIntake: 1, store.KindPlan: 0, store.KindEvaluation: 0, store.KindNote: 2, store.KindCV: 0},
}

// checkEmails fails for an e-mail address outside the reserved domains.
func checkEmails(t *testing.T, who, text string) {
	t.Helper()
	for _, m := range emailRE.FindAllStringSubmatch(text, -1) {
		if !reservedDomains[strings.ToLower(m[1])] {
			t.Errorf("%s: e-mail address %q is not at a domain reserved for examples", who, m[0])
		}
	}
}

func TestSpread(t *testing.T) {
	const n = 2000
	o := sample.Options{Seed: 7, Today: today}
	statuses := map[store.Status]int{}
	outcomes := map[store.Outcome]int{}
	var notes, special, english, soon, overdue int
	for i := range n {
		d := sample.NewDossier(o, i)
		c := d.Client
		statuses[c.Status]++
		if c.Status == store.StatusClosed {
			outcomes[c.Outcome]++
			// The dossier is due for deletion 24 months after the end.
			purge := c.End.AddDate(2, 0, 0)
			switch days := int(purge.Sub(today).Hours() / 24); {
			case days < 0:
				overdue++
			case days <= 30:
				soon++
			}
		}
		for _, r := range d.Records {
			if r.Kind == store.KindNote {
				notes++
				if r.Special {
					special++
				}
			}
		}
		if strings.Contains(d.Records[0].Body, " the ") {
			english++
		}
	}
	pct := func(k, of int) float64 { return 100 * float64(k) / float64(of) }
	for status, want := range map[store.Status]float64{
		store.StatusIntake: 15, store.StatusActive: 45, store.StatusClosed: 30, store.StatusRejected: 10,
	} {
		if got := pct(statuses[status], n); got < want-4 || got > want+4 {
			t.Errorf("%s: %.1f%% of clients, want about %.0f%%", status, got, want)
		}
	}
	closed := statuses[store.StatusClosed]
	if got := pct(outcomes[store.OutcomeEducation]+outcomes[store.OutcomeWork], closed); got < 70 || got > 80 {
		t.Errorf("education or work: %.1f%% of closed trajectories, want 70–80%%", got)
	}
	if got := pct(special, notes); got < 3 || got > 7 {
		t.Errorf("special: %.1f%% of notes, want about 5%%", got)
	}
	if got := pct(english, n); got < 15 || got > 25 {
		t.Errorf("English: %.1f%% of dossiers in mixed, want about 20%%", got)
	}
	if soon == 0 || overdue == 0 || pct(soon+overdue, closed) > 40 {
		t.Errorf("retention of %d closed: %d due within 30 days, %d overdue", closed, soon, overdue)
	}
}

func TestDeterministic(t *testing.T) {
	o := sample.Options{Seed: 42, Today: today, Lang: sample.LangMixed}
	for i := range 20 {
		a := sample.NewDossier(o, i)
		b := sample.NewDossier(o, i)
		if a.Client.Name() != b.Client.Name() || a.Client.Email != b.Client.Email {
			t.Fatalf("client %d: %s, then %s", i, a.Client.Name(), b.Client.Name())
		}
		if len(a.Records) != len(b.Records) || a.Records[len(a.Records)-1].Body != b.Records[len(b.Records)-1].Body {
			t.Fatalf("client %d: records differ between runs", i)
		}
		if c := sample.Client(o, i); c != a.Client {
			t.Fatalf("client %d: Client gives %s, NewDossier %s", i, c.Name(), a.Client.Name())
		}
	}
	other := sample.Options{Seed: 43, Today: today}
	same := 0
	for i := range 20 {
		if sample.Client(o, i).Name() == sample.Client(other, i).Name() {
			same++
		}
	}
	if same > 2 {
		t.Errorf("seeds 42 and 43 share %d of 20 names", same)
	}

	// Two fills with the same seed hold the same people.
	ctx := context.Background()
	names := func() []string {
		s := openStore(t, store.Options{})
		if _, err := sample.Fill(ctx, s, sample.Options{Clients: 10, Seed: 5, Today: today}); err != nil {
			t.Fatal(err)
		}
		rows, err := s.ListClients(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Name+" "+r.Email)
		}
		return out
	}
	first := names()
	if a, b := strings.Join(first, ", "), strings.Join(names(), ", "); a != b {
		t.Errorf("same seed, different caseloads:\n%s\n%s", a, b)
	}
	// Fill's clients are NewDossier's and Client's.
	var want []string
	for i := range 10 {
		c := sample.Client(sample.Options{Seed: 5, Today: today}, i)
		want = append(want, c.Name()+" "+c.Email)
	}
	slices.Sort(first)
	slices.Sort(want)
	if !slices.Equal(first, want) {
		t.Errorf("Fill adds %v, Client gives %v", first, want)
	}
}

func TestLanguages(t *testing.T) {
	for _, tc := range []struct {
		lang, word string
	}{{sample.LangDutch, " de "}, {sample.LangEnglish, " the "}} {
		o := sample.Options{Seed: 3, Today: today, Lang: tc.lang}
		for i := range 30 {
			d := sample.NewDossier(o, i)
			if !strings.Contains(d.Records[0].Body, tc.word) {
				t.Errorf("%s: intake of client %d is not in that language:\n%s", tc.lang, i, d.Records[0].Body)
			}
		}
	}
	s := openStore(t, store.Options{})
	if _, err := sample.Fill(context.Background(), s, sample.Options{Clients: 1, Lang: "fr"}); err == nil {
		t.Error("Fill accepts an unknown language")
	}
}

func TestFillWithoutBlobs(t *testing.T) {
	s := openStore(t, store.Options{})
	st, err := sample.Fill(context.Background(), s, sample.Options{Clients: 5, Seed: 1, Documents: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 0 || st.Clients != 5 {
		t.Errorf("without Blobs: %d clients, %d documents", st.Clients, st.Documents)
	}
}

func TestFillCancelled(t *testing.T) {
	s := openStore(t, store.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := sample.Fill(ctx, s, sample.Options{Clients: 5})
	if !errors.Is(err, context.Canceled) || st.Clients != 0 {
		t.Errorf("cancelled Fill: %d clients, error %v", st.Clients, err)
	}
}

// BenchmarkFill fills a caseload of 1,000 clients into a store without a
// Sealer, and reports what a client costs in text and image.
func BenchmarkFill(b *testing.B) { benchmarkFill(b, 1_000) }

// BenchmarkFill10k is BenchmarkFill at 10,000 clients: about a minute.
// Run it on its own with -bench=Fill10k.
func BenchmarkFill10k(b *testing.B) { benchmarkFill(b, 10_000) }

func benchmarkFill(b *testing.B, clients int) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(ctx, nil, store.Options{Clock: func() time.Time { return today.Add(10 * time.Hour) }})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := sample.Fill(ctx, s, sample.Options{Clients: clients, Seed: 1, Today: today})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		image, err := s.Image(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.TextBytes)/float64(clients), "text-B/client")
		b.ReportMetric(float64(len(image))/float64(clients), "image-B/client")
		b.ReportMetric(float64(st.Writes)/float64(clients), "writes/client")
		b.ReportMetric(float64(st.Hits[sample.CommonWord]), "common-hits")
		b.ReportMetric(float64(st.Hits[sample.MediumWord]), "medium-hits")
		b.ReportMetric(float64(st.Hits[sample.RareWord]), "rare-hits")
		s.Close()
		b.StartTimer()
	}
}
