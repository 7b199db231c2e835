package legaldate

import (
	"errors"
	"testing"
	"time"
)

func TestRequestDeadline(t *testing.T) {
	tests := []struct {
		name, received, want string
	}{
		{"a working day", "2026-03-10", "2026-04-10"},
		{"month end", "2026-08-31", "2026-09-30"},
		{"month end onto a Saturday", "2026-01-31", "2026-03-02"},
		{"a Saturday", "2026-02-28", "2026-03-30"},
		{"a Sunday", "2026-02-01", "2026-03-02"},
		{"King's Day on a Monday", "2026-03-27", "2026-04-28"},
		{"King's Day on a Saturday", "2025-03-26", "2025-04-28"},
		{"Good Friday to Easter Monday", "2028-03-14", "2028-04-18"},
		{"Liberation Day", "2026-04-05", "2026-05-06"},
		{"Ascension Day", "2026-04-14", "2026-05-15"},
		{"Whit Monday", "2027-04-17", "2027-05-18"},
		{"Christmas Monday, Boxing Day", "2028-11-25", "2028-12-27"},
		{"Christmas Friday, Boxing Day Saturday, Sunday", "2026-11-25", "2026-12-28"},
		{"Christmas Saturday, Boxing Day Sunday", "2032-11-25", "2032-12-27"},
		{"New Year's Day on a Saturday", "2027-12-01", "2028-01-03"},
		{"New Year's Day on a Tuesday", "2029-12-01", "2030-01-02"},
		{"received on a holiday still counts from that day", "2026-12-25", "2027-01-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RequestDeadline(date(t, tt.received))
			if want := date(t, tt.want); !got.Equal(want) {
				t.Errorf("RequestDeadline(%s) = %s %s, want %s", tt.received, got.Weekday(), got.Format(time.DateOnly), tt.want)
			}
			if !IsWorkingDay(got) {
				t.Errorf("RequestDeadline(%s) = %s, not a working day", tt.received, got.Format(time.DateOnly))
			}
		})
	}
}

func TestRequestDeadlineReadsTheCoachsDate(t *testing.T) {
	// 00:30 on 1 April in Amsterdam is 22:30 on 31 March in UTC, whose
	// deadline would be 30 April. The coach's date counts.
	received := time.Date(2026, 4, 1, 0, 30, 0, 0, amsterdam(t))
	got := RequestDeadline(received)
	if want := date(t, "2026-05-01"); !got.Equal(want) {
		t.Errorf("RequestDeadline(%v) = %s, want %s", received, got.Format(time.DateOnly), want.Format(time.DateOnly))
	}
}

func TestExtendedDeadline(t *testing.T) {
	tests := []struct {
		received string
		months   int
		want     string
	}{
		{"2026-03-10", 1, "2026-05-11"}, // 10 May 2026 is a Sunday
		{"2026-03-10", 2, "2026-06-10"},
		{"2028-03-14", 1, "2028-05-15"}, // 14 May 2028 is a Sunday
		{"2028-09-25", 2, "2028-12-27"}, // Christmas Monday, Boxing Day
		{"2026-10-05", 2, "2027-01-05"},
		// Counted from receipt in one go: 31 January + 3 months is 30 April,
		// not 28 February + 2 months.
		{"2027-01-31", 2, "2027-04-30"},
		{"2027-01-31", 1, "2027-03-31"},
		{"2027-11-30", 2, "2028-02-29"},
	}
	for _, tt := range tests {
		got, err := ExtendedDeadline(date(t, tt.received), tt.months)
		if err != nil {
			t.Errorf("ExtendedDeadline(%s, %d): %v", tt.received, tt.months, err)
			continue
		}
		if want := date(t, tt.want); !got.Equal(want) {
			t.Errorf("ExtendedDeadline(%s, %d) = %s %s, want %s", tt.received, tt.months, got.Weekday(), got.Format(time.DateOnly), tt.want)
		}
	}
}

func TestExtendedDeadlineRefuses(t *testing.T) {
	for _, months := range []int{0, 3, -1, 12} {
		got, err := ExtendedDeadline(date(t, "2026-03-10"), months)
		if !errors.Is(err, ErrExtension) {
			t.Errorf("ExtendedDeadline(_, %d) error = %v, want ErrExtension", months, err)
		}
		if !got.IsZero() {
			t.Errorf("ExtendedDeadline(_, %d) = %v with an error, want the zero time", months, got)
		}
	}
}

func TestExtensionNoticeBy(t *testing.T) {
	for _, received := range []string{"2026-03-10", "2026-01-31", "2028-11-25", "2025-03-26"} {
		d := date(t, received)
		if got, want := ExtensionNoticeBy(d), RequestDeadline(d); !got.Equal(want) {
			t.Errorf("ExtensionNoticeBy(%s) = %s, want RequestDeadline %s", received, got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
	}
}
