package crypt

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// ErrFileBusy means another program kept a file of the vault open while
// caseload tried to replace it, for longer than replaceBound. On Windows
// a file that is open without FILE_SHARE_DELETE cannot be renamed over,
// and antivirus scanners, the search indexer and sync tools (OneDrive,
// Dropbox) open files that way all day, for a moment each time. Nothing
// was replaced.
var ErrFileBusy = errors.New("the file is held open by another program")

// replaceBound is how long a replace is retried while the file is busy:
// the bound Go's own toolchain uses for the same errors on Windows
// (cmd/go/internal/robustio: 2 s, starting at 1 ms, growing by a random
// part of itself). Long enough to outlast a scanner's look at the file,
// short enough that a save the coach waits for does not seem to hang.
const replaceBound = 2 * time.Second

// retryBusy runs op until it succeeds, fails with an error busy does not
// accept, or replaceBound has been spent sleeping between tries; then it
// returns the last error wrapped in ErrFileBusy. The file being replaced
// is kept (the caller removes its temp file only after this returns).
func retryBusy(op func() error, busy func(error) bool, sleep func(time.Duration)) error {
	var slept time.Duration
	next := time.Millisecond
	for {
		err := op()
		if err == nil || !busy(err) {
			return err
		}
		if slept+next > replaceBound {
			return fmt.Errorf("%w: %w", ErrFileBusy, err)
		}
		sleep(next)
		slept += next
		next += time.Duration(rand.Int64N(int64(next)))
	}
}
