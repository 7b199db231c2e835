//go:build !race

package tui

// raceEnabled is set under the race detector, which makes the real
// store's SQL some ten times slower.
const raceEnabled = false
