// Package kit is what every screen of caseload's terminal interface
// shares: styles by role, fitting text into cells, key hints, one list
// and one form with its lifecycle written once. It never imports package
// tui — the screens depend on the kit, never the other way round — and it
// holds no sentence of its own: the few words it shows (save, discard?)
// are passed in by the screen, in the coach's language.
package kit
