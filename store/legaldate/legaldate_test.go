package legaldate

import (
	"testing"
	"time"
	_ "time/tzdata" // Europe/Amsterdam without relying on the host's zoneinfo
)

// date parses a YYYY-MM-DD literal as midnight UTC.
func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("parsing test date %q: %v", s, err)
	}
	return d
}

// amsterdam loads the zone the coaches live in.
func amsterdam(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatalf("loading Europe/Amsterdam: %v", err)
	}
	return loc
}

func TestDay(t *testing.T) {
	ams := amsterdam(t)
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"midnight UTC stays", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026-03-01"},
		{"late UTC", time.Date(2026, 2, 28, 23, 59, 59, 999999999, time.UTC), "2026-02-28"},
		{"just after midnight in Amsterdam", time.Date(2026, 3, 1, 0, 30, 0, 0, ams), "2026-03-01"},
		{"the same instant seen in UTC", time.Date(2026, 3, 1, 0, 30, 0, 0, ams).UTC(), "2026-02-28"},
		{"summer time starts", time.Date(2026, 3, 29, 3, 0, 0, 0, ams), "2026-03-29"},
		{"east of the date line", time.Date(2028, 2, 29, 23, 0, 0, 0, time.FixedZone("+14", 14*3600)), "2028-02-29"},
		{"year 1", time.Date(1, 1, 1, 12, 0, 0, 0, time.UTC), "0001-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Day(tt.in)
			if want := date(t, tt.want); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("Day(%v) = %v, want %v at midnight UTC", tt.in, got, want)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		// Month ends: the last day of the shorter month.
		{"2026-08-31", 1, "2026-09-30"},
		{"2027-01-31", 1, "2027-02-28"},
		{"2028-01-31", 1, "2028-02-29"},
		{"2028-01-30", 1, "2028-02-29"},
		{"2028-01-29", 1, "2028-02-29"},
		{"2028-01-28", 1, "2028-02-28"},
		{"2026-05-31", 1, "2026-06-30"},
		{"2026-10-31", 1, "2026-11-30"},
		{"2026-12-31", 2, "2027-02-28"},
		{"2027-01-31", 3, "2027-04-30"},
		// The same day when it exists, across the year end.
		{"2026-03-05", 1, "2026-04-05"},
		{"2026-11-25", 1, "2026-12-25"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-02-28", 1, "2026-03-28"},
		{"2026-09-30", 1, "2026-10-30"},
		// Zero months.
		{"2026-08-31", 0, "2026-08-31"},
		// Leap years.
		{"2028-02-29", 12, "2029-02-28"},
		{"2028-02-29", 48, "2032-02-29"},
		{"2028-02-29", -12, "2027-02-28"},
		{"2100-01-31", 1, "2100-02-28"}, // not a leap year
		{"2000-01-31", 1, "2000-02-29"}, // a leap year
		// Negative months.
		{"2026-09-30", -1, "2026-08-30"},
		{"2027-03-31", -1, "2027-02-28"},
		{"2028-03-31", -1, "2028-02-29"},
		{"2026-01-15", -1, "2025-12-15"},
		{"2027-01-31", -13, "2025-12-31"},
		{"2026-12-31", -12, "2025-12-31"},
		{"2026-05-31", -25, "2024-04-30"},
		// Weekends do not move a retention period: 28 February 2026 is a Saturday.
		{"2026-01-31", 1, "2026-02-28"},
		// The ends of the calendar.
		{"0001-01-31", 1, "0001-02-28"},
		{"9999-12-31", -1, "9999-11-30"},
		{"0001-01-01", 12*9999 - 1, "9999-12-01"},
		{"0001-03-31", -3, "0000-12-31"},
	}
	for _, tt := range tests {
		got := AddMonths(date(t, tt.from), tt.n)
		if want := date(t, tt.want); !got.Equal(want) {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateOnly), tt.want)
		}
	}
}

func TestAddMonthsBeforeYearOne(t *testing.T) {
	// Nobody keeps a file from 2 BC, but the month arithmetic must not break there.
	got := AddMonths(time.Date(1, time.January, 31, 0, 0, 0, 0, time.UTC), -14)
	if want := time.Date(-1, time.November, 30, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("AddMonths(0001-01-31, -14) = %v, want %v", got, want)
	}
}

func TestAddMonthsNormalises(t *testing.T) {
	ams := amsterdam(t)
	// 00:30 on 31 January in Amsterdam is 30 January in UTC: the coach's date counts.
	got := AddMonths(time.Date(2027, 1, 31, 0, 30, 0, 0, ams), 1)
	if want := date(t, "2027-02-28"); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("AddMonths = %v, want %v at midnight UTC", got, want)
	}
}

func TestAddYears(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2028-02-29", 1, "2029-02-28"},
		{"2028-02-29", 4, "2032-02-29"},
		{"2028-02-29", -1, "2027-02-28"},
		{"2026-06-15", 7, "2033-06-15"}, // fiscal retention
		{"2026-06-15", 20, "2046-06-15"},
		{"2026-06-15", 0, "2026-06-15"},
		{"2026-06-15", -2, "2024-06-15"},
	}
	for _, tt := range tests {
		got := AddYears(date(t, tt.from), tt.n)
		if want := date(t, tt.want); !got.Equal(want) {
			t.Errorf("AddYears(%s, %d) = %s, want %s", tt.from, tt.n, got.Format(time.DateOnly), tt.want)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	ams := amsterdam(t)
	tests := []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"same day", date(t, "2026-05-05"), date(t, "2026-05-05"), 0},
		{"next day", date(t, "2026-05-05"), date(t, "2026-05-06"), 1},
		{"backwards", date(t, "2026-05-06"), date(t, "2026-05-05"), -1},
		{"a leap February", date(t, "2028-02-01"), date(t, "2028-03-01"), 29},
		{"a year", date(t, "2026-01-01"), date(t, "2027-01-01"), 365},
		{"a leap year", date(t, "2028-01-01"), date(t, "2029-01-01"), 366},
		// 23 hours of wall time across the spring change, but two dates apart.
		{"summer time starts", time.Date(2026, 3, 28, 0, 30, 0, 0, ams), time.Date(2026, 3, 29, 23, 30, 0, 0, ams), 1},
		{"spring, noon to just after midnight", time.Date(2026, 3, 28, 12, 0, 0, 0, ams), time.Date(2026, 3, 30, 0, 30, 0, 0, ams), 2},
		// 25 hours across the autumn change, still one date apart.
		{"summer time ends", time.Date(2026, 10, 24, 23, 30, 0, 0, ams), time.Date(2026, 10, 25, 23, 30, 0, 0, ams), 1},
		{"late to early", time.Date(2026, 5, 5, 23, 59, 0, 0, ams), time.Date(2026, 5, 6, 0, 1, 0, 0, ams), 1},
		{"early to late", time.Date(2026, 5, 5, 0, 1, 0, 0, ams), time.Date(2026, 5, 5, 23, 59, 0, 0, ams), 0},
		// Further apart than a time.Duration can hold.
		{"the whole calendar", date(t, "0001-01-01"), date(t, "9999-12-31"), 3652058},
		{"the whole calendar back", date(t, "9999-12-31"), date(t, "0001-01-01"), -3652058},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DaysBetween(tt.from, tt.to); got != tt.want {
				t.Errorf("DaysBetween(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// mod is the remainder in [0, m), also for negative x.
func mod(x, m int) int {
	return (x%m + m) % m
}

func FuzzAddMonths(f *testing.F) {
	f.Add(2026, 8, 31, 1)
	f.Add(2027, 1, 31, 1)
	f.Add(2028, 1, 30, 1)
	f.Add(2028, 2, 29, 12)
	f.Add(2028, 3, 31, -1)
	f.Add(1, 1, 1, -1)
	f.Add(9999, 12, 31, 1)
	f.Add(1, 1, 15, -13) // into year -1
	f.Add(-7, 40, -3, -1_000_000)
	f.Fuzz(func(t *testing.T, year, month, day, n int) {
		// Any year 1..9999, any real date in it, up to 20,000 years either
		// way; values already in range are kept as they are.
		year = 1 + mod(year-1, 9999)
		m := time.Month(1 + mod(month-1, 12))
		last := time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
		day = 1 + mod(day-1, last)
		const span = 12 * 20000
		n = mod(n+span, 2*span+1) - span
		in := time.Date(year, m, day, 13, 45, 0, 0, time.FixedZone("+14", 14*3600))

		got := AddMonths(in, n)

		if got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
			t.Fatalf("AddMonths(%v, %d) = %v, not midnight UTC", in, n, got)
		}
		want := year*12 + int(m) - 1 + n
		if have := got.Year()*12 + int(got.Month()) - 1; have != want {
			t.Fatalf("AddMonths(%v, %d) = %v, in month %d, want month %d", in, n, got, have, want)
		}
		if got.Day() > day {
			t.Fatalf("AddMonths(%v, %d) = %v: day %d after input day %d", in, n, got, got.Day(), day)
		}
		if got.Day() < day && got.AddDate(0, 0, 1).Month() == got.Month() {
			t.Fatalf("AddMonths(%v, %d) = %v: moved the day without being the month's last", in, n, got)
		}
	})
}
