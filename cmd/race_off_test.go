//go:build !race

package cmd

// raceEnabled is set under the race detector, which makes the caseload
// command some ten times slower: the kill tests kill it fewer times then,
// and .ci/run runs them again without it, at full count.
const raceEnabled = false
