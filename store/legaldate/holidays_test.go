package legaldate

import (
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{2024, "2024-03-31"},
		{2025, "2025-04-20"},
		{2026, "2026-04-05"},
		{2027, "2027-03-28"},
		{2028, "2028-04-16"},
		{2029, "2029-04-01"},
		{2030, "2030-04-21"},
		{2031, "2031-04-13"},
		{2032, "2032-03-28"},
		{2033, "2033-04-17"},
		{2034, "2034-04-09"},
		{2035, "2035-03-25"},
		{2036, "2036-04-13"},
		// Edges of the range: earliest and latest possible, and odd centuries.
		{1583, "1583-04-10"},
		{1818, "1818-03-22"},
		{1943, "1943-04-25"},
		{1954, "1954-04-18"},
		{1981, "1981-04-19"},
		{2000, "2000-04-23"},
		{2016, "2016-03-27"},
		{2038, "2038-04-25"},
		{2285, "2285-03-22"},
		{9999, "9999-03-28"},
	}
	for _, tt := range tests {
		if got, want := Easter(tt.year), date(t, tt.want); !got.Equal(want) {
			t.Errorf("Easter(%d) = %s, want %s", tt.year, got.Format(time.DateOnly), tt.want)
		}
	}
}

// gaussEaster is Gauss's Easter algorithm with its two exceptions: a second,
// independent computus to check Easter against.
func gaussEaster(y int) time.Time {
	a, b, c := y%19, y%4, y%7
	k := y / 100
	p := (13 + 8*k) / 25
	q := k / 4
	m := (15 - p + k - q) % 30
	n := (4 + k - q) % 7
	d := (19*a + m) % 30
	e := (2*b + 4*c + 6*d + n) % 7
	switch {
	case d == 29 && e == 6:
		return time.Date(y, time.April, 19, 0, 0, 0, 0, time.UTC)
	case d == 28 && e == 6 && (11*m+11)%30 < 19:
		return time.Date(y, time.April, 18, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.March, 22+d+e, 0, 0, 0, 0, time.UTC)
}

func TestEasterEveryGregorianYear(t *testing.T) {
	earliest, latest := time.Date(0, time.March, 22, 0, 0, 0, 0, time.UTC), time.Date(0, time.April, 25, 0, 0, 0, 0, time.UTC)
	for y := 1583; y <= 9999; y++ {
		got := Easter(y)
		if want := gaussEaster(y); !got.Equal(want) {
			t.Fatalf("Easter(%d) = %s, Gauss says %s", y, got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		if got.Weekday() != time.Sunday {
			t.Fatalf("Easter(%d) = %s, a %s", y, got.Format(time.DateOnly), got.Weekday())
		}
		if inYear0 := got.AddDate(-y, 0, 0); inYear0.Before(earliest) || inYear0.After(latest) {
			t.Fatalf("Easter(%d) = %s, outside 22 March to 25 April", y, got.Format(time.DateOnly))
		}
	}
}

// wantHolidays was written out by hand from the Easter dates above (Good
// Friday −2, Easter Monday +1, Ascension +39, Whit Monday +50) and a
// calendar (King's Day is Saturday 26 April when 27 April is a Sunday: 2025
// and 2031), then checked against Python's dateutil.easter.
var wantHolidays = []struct {
	year                                                    int
	newYear, goodFriday, easterMonday, kingsDay, liberation string
	ascension, whitMonday, christmas, boxingDay             string
}{
	{2025, "2025-01-01", "2025-04-18", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"},
	{2026, "2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26"},
	{2027, "2027-01-01", "2027-03-26", "2027-03-29", "2027-04-27", "2027-05-05", "2027-05-06", "2027-05-17", "2027-12-25", "2027-12-26"},
	{2028, "2028-01-01", "2028-04-14", "2028-04-17", "2028-04-27", "2028-05-05", "2028-05-25", "2028-06-05", "2028-12-25", "2028-12-26"},
	{2029, "2029-01-01", "2029-03-30", "2029-04-02", "2029-04-27", "2029-05-05", "2029-05-10", "2029-05-21", "2029-12-25", "2029-12-26"},
	{2030, "2030-01-01", "2030-04-19", "2030-04-22", "2030-04-27", "2030-05-05", "2030-05-30", "2030-06-10", "2030-12-25", "2030-12-26"},
	{2031, "2031-01-01", "2031-04-11", "2031-04-14", "2031-04-26", "2031-05-05", "2031-05-22", "2031-06-02", "2031-12-25", "2031-12-26"},
	{2032, "2032-01-01", "2032-03-26", "2032-03-29", "2032-04-27", "2032-05-05", "2032-05-06", "2032-05-17", "2032-12-25", "2032-12-26"},
	{2033, "2033-01-01", "2033-04-15", "2033-04-18", "2033-04-27", "2033-05-05", "2033-05-26", "2033-06-06", "2033-12-25", "2033-12-26"},
	{2034, "2034-01-01", "2034-04-07", "2034-04-10", "2034-04-27", "2034-05-05", "2034-05-18", "2034-05-29", "2034-12-25", "2034-12-26"},
	{2035, "2035-01-01", "2035-03-23", "2035-03-26", "2035-04-27", "2035-05-05", "2035-05-03", "2035-05-14", "2035-12-25", "2035-12-26"},
}

func TestHolidays(t *testing.T) {
	for _, w := range wantHolidays {
		want := []struct {
			nameNL, date string
			weekday      time.Weekday // -1: any
		}{
			{"Nieuwjaarsdag", w.newYear, -1},
			{"Goede Vrijdag", w.goodFriday, time.Friday},
			{"Tweede Paasdag", w.easterMonday, time.Monday},
			{"Koningsdag", w.kingsDay, -1},
			{"Bevrijdingsdag", w.liberation, -1},
			{"Hemelvaartsdag", w.ascension, time.Thursday},
			{"Tweede Pinksterdag", w.whitMonday, time.Monday},
			{"Eerste Kerstdag", w.christmas, -1},
			{"Tweede Kerstdag", w.boxingDay, -1},
		}
		got := Holidays(w.year)
		if len(got) != len(want) {
			t.Fatalf("Holidays(%d) has %d days, want %d: %v", w.year, len(got), len(want), got)
		}
		byName := make(map[string]Holiday, len(got))
		for _, h := range got {
			byName[h.NameNL] = h
		}
		for _, wh := range want {
			d := date(t, wh.date)
			if wh.weekday >= 0 && d.Weekday() != wh.weekday {
				t.Errorf("test table: %s %d on %s is a %s, want a %s", wh.nameNL, w.year, wh.date, d.Weekday(), wh.weekday)
			}
			h, ok := byName[wh.nameNL]
			if !ok {
				t.Errorf("Holidays(%d) lacks %s", w.year, wh.nameNL)
				continue
			}
			if !h.Date.Equal(d) {
				t.Errorf("Holidays(%d): %s on %s, want %s", w.year, wh.nameNL, h.Date.Format(time.DateOnly), wh.date)
			}
			if h.Name == "" {
				t.Errorf("Holidays(%d): %s has no English name", w.year, wh.nameNL)
			}
			if got, ok := IsHoliday(d.Add(15 * time.Hour)); !ok || got.NameNL != wh.nameNL {
				t.Errorf("IsHoliday(%s) = %v, %t, want %s", wh.date, got, ok, wh.nameNL)
			}
			if IsWorkingDay(d) {
				t.Errorf("IsWorkingDay(%s) = true on %s", wh.date, wh.nameNL)
			}
		}
	}
}

func TestKingsDayNeverSunday(t *testing.T) {
	for y := 2014; y <= 2100; y++ {
		d := kingsDay(y)
		if d.Weekday() == time.Sunday {
			t.Fatalf("King's Day %d on Sunday %s", y, d.Format(time.DateOnly))
		}
		if _, _, day := d.Date(); day != 27 && !(day == 26 && d.Weekday() == time.Saturday) {
			t.Fatalf("King's Day %d on %s %s", y, d.Weekday(), d.Format(time.DateOnly))
		}
	}
}

func TestHolidaysInDateOrder(t *testing.T) {
	for y := 1583; y <= 9999; y++ {
		hs := Holidays(y)
		for i := 1; i < len(hs); i++ {
			if hs[i].Date.Before(hs[i-1].Date) {
				t.Fatalf("Holidays(%d): %s %s before %s %s", y,
					hs[i].NameNL, hs[i].Date.Format(time.DateOnly), hs[i-1].NameNL, hs[i-1].Date.Format(time.DateOnly))
			}
		}
	}
	// 2035: Ascension Day (3 May) comes before Liberation Day (5 May).
	hs := Holidays(2035)
	if hs[4].NameNL != "Hemelvaartsdag" || hs[5].NameNL != "Bevrijdingsdag" {
		t.Errorf("Holidays(2035)[4:6] = %v, want Hemelvaartsdag then Bevrijdingsdag", hs[4:6])
	}
}

func TestTwoHolidaysOneDate(t *testing.T) {
	// 2016: Easter 27 March, so Ascension Day fell on 5 May.
	d := date(t, "2016-05-05")
	var names []string
	for _, h := range Holidays(2016) {
		if h.Date.Equal(d) {
			names = append(names, h.NameNL)
		}
	}
	if len(names) != 2 {
		t.Fatalf("Holidays(2016) on 5 May: %v, want Bevrijdingsdag and Hemelvaartsdag", names)
	}
	if h, ok := IsHoliday(d); !ok || h.NameNL != "Bevrijdingsdag" {
		t.Errorf("IsHoliday(2016-05-05) = %v, %t, want Bevrijdingsdag", h, ok)
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		day  string
		want bool
	}{
		{"2026-04-02", true},  // Maundy Thursday is not a holiday
		{"2026-04-03", false}, // Good Friday
		{"2026-04-04", false}, // Saturday
		{"2026-04-05", false}, // Easter Sunday, a Sunday
		{"2026-04-06", false}, // Easter Monday
		{"2026-04-07", true},
		{"2026-05-15", true},  // Friday after Ascension: equated only by a periodic besluit, left out
		{"2026-05-24", false}, // Whit Sunday, a Sunday
		{"2026-12-24", true},  // Christmas Eve is not a holiday
		{"2026-12-31", true},  // nor is New Year's Eve
		{"2028-05-05", false}, // Liberation Day every year, not only every fifth
		{"2030-05-05", false}, // Sunday as well as Liberation Day
		{"2031-04-27", false}, // Sunday; King's Day moved to the 26th
		{"2031-04-28", true},  // and not to the Monday
	}
	for _, tt := range tests {
		if got := IsWorkingDay(date(t, tt.day)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %t, want %t", tt.day, got, tt.want)
		}
	}
	if h, ok := IsHoliday(date(t, "2026-04-05")); ok {
		t.Errorf("IsHoliday(Easter Sunday 2026) = %v, want none: Sundays are not on the list", h)
	}
}

func TestNextWorkingDay(t *testing.T) {
	tests := []struct {
		day, want string
	}{
		{"2026-03-10", "2026-03-10"}, // a Tuesday stays
		{"2026-03-28", "2026-03-30"}, // Saturday
		{"2026-03-29", "2026-03-30"}, // Sunday
		{"2028-04-14", "2028-04-18"}, // Good Friday, Easter weekend, Easter Monday
		{"2026-12-25", "2026-12-28"}, // Christmas on Friday, Boxing Day on Saturday, Sunday
		{"2033-12-25", "2033-12-27"}, // Christmas on Sunday, Boxing Day on Monday
		{"2032-12-25", "2032-12-27"}, // Christmas on Saturday
		{"2027-12-31", "2027-12-31"}, // a Friday, with New Year's Day on Saturday after it
		{"2028-01-01", "2028-01-03"},
		{"2035-05-03", "2035-05-04"}, // Ascension; Liberation Day is the Saturday after
		{"9999-12-31", "9999-12-31"}, // a Friday
	}
	for _, tt := range tests {
		got := NextWorkingDay(date(t, tt.day))
		if want := date(t, tt.want); !got.Equal(want) {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.day, got.Format(time.DateOnly), tt.want)
		}
	}
}
