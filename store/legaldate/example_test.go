package legaldate_test

import (
	"fmt"
	"time"

	"github.com/caseload/caseload/store/legaldate"
)

func ExampleRequestDeadline() {
	received := time.Date(2028, time.November, 25, 0, 0, 0, 0, time.UTC)
	// 25 December is Christmas Day, 26 December Boxing Day.
	fmt.Println(legaldate.RequestDeadline(received).Format("Mon 2 Jan 2006"))
	// Output: Wed 27 Dec 2028
}

func ExampleAddMonths() {
	d := time.Date(2026, time.August, 31, 0, 0, 0, 0, time.UTC)
	fmt.Println(legaldate.AddMonths(d, 1).Format(time.DateOnly))
	fmt.Println(legaldate.AddYears(time.Date(2028, time.February, 29, 0, 0, 0, 0, time.UTC), 1).Format(time.DateOnly))
	// Output:
	// 2026-09-30
	// 2029-02-28
}

func ExampleHolidays() {
	for _, h := range legaldate.Holidays(2026) {
		fmt.Println(h.Date.Format("Mon 2 Jan"), h.NameNL)
	}
	// Output:
	// Thu 1 Jan Nieuwjaarsdag
	// Fri 3 Apr Goede Vrijdag
	// Mon 6 Apr Tweede Paasdag
	// Mon 27 Apr Koningsdag
	// Tue 5 May Bevrijdingsdag
	// Thu 14 May Hemelvaartsdag
	// Mon 25 May Tweede Pinksterdag
	// Fri 25 Dec Eerste Kerstdag
	// Sat 26 Dec Tweede Kerstdag
}
