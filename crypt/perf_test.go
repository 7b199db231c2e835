package crypt

import (
	"runtime"
	"testing"
)

// TestSealMemory holds Seal to its promise of no second copy of the image:
// everything a save allocates, garbage or not, stays far below the image
// itself, so that peak memory while saving stays under 2.5 times the image.
func TestSealMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("seals an 8 MiB image")
	}
	const size = 8 << 20
	_, v, _ := createVault(t, nil)
	img := textImage(size, 1)
	mustSeal(t, v, img) // the first save, with its one-off allocations
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	mustSeal(t, v, img)
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > size/2 {
		t.Errorf("a Seal of %d bytes allocated %d bytes", size, got)
	}
}
