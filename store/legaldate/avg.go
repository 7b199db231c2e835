package legaldate

import (
	"errors"
	"fmt"
	"time"
)

// ErrExtension is returned by ExtendedDeadline for an extension other than
// one or two months.
var ErrExtension = errors.New("an extension is one or two further months")

// RequestDeadline returns the last day to answer a data subject's request
// received on received: one month later (AVG art. 12(3)), moved to the next
// working day when that day is a Saturday, a Sunday or a holiday. It is the
// outer limit; the AVG asks for an answer without undue delay.
func RequestDeadline(received time.Time) time.Time {
	return NextWorkingDay(AddMonths(received, 1))
}

// ExtendedDeadline returns the last day to answer a request received on
// received when the period is extended by months further months (AVG art.
// 12(3) allows two at most). The whole period is counted from received,
// 1+months months, then moved to the next working day. It returns an error
// wrapping ErrExtension unless months is 1 or 2.
func ExtendedDeadline(received time.Time, months int) (time.Time, error) {
	if months < 1 || months > 2 {
		return time.Time{}, fmt.Errorf("extending by %d months: %w", months, ErrExtension)
	}
	return NextWorkingDay(AddMonths(received, 1+months)), nil
}

// ExtensionNoticeBy returns the last day to tell the data subject that the
// period is extended, and why: within one month of receipt (AVG art. 12(3)),
// the same day as RequestDeadline.
func ExtensionNoticeBy(received time.Time) time.Time {
	return RequestDeadline(received)
}
