package dossier

import (
	"flag"
	"os"
	"testing"

	"github.com/caseload/caseload/store"
)

// fuzzMinimize is the minimising budget this package's fuzz targets get
// unless -fuzzminimizetime says otherwise.
//
// Go minimises every input that finds new coverage for up to a minute by
// default, removing bytes one by one and then in every combination
// (quadratic in the input), while fuzzing stands still. A dossier zip is
// held together by offsets and checksums: removing bytes never keeps it a
// zip, so every one of those tries fails and the minute is always spent.
// FuzzDossierZip then ran ~1,500 inputs a second between minutes of 0/s,
// about 160/s over 30 s (and "2 a second" on a cold corpus). Ten tries
// keep the rare input that does shrink and cost nothing else.
const fuzzMinimize = "10x"

func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", fuzzMinimize); err != nil {
			panic(err)
		}
	}
	// Every caseload after the first starts from the first one's image:
	// building the schema again costs a second under the race detector.
	store.KeepNewCaseloads()
	os.Exit(m.Run())
}
