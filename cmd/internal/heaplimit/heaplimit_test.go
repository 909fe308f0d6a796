package heaplimit

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestFloating: Start sets the base when no limit is set, and nothing
// when one is; reservations raise the limit while they last; Stop puts
// back what was there.
func TestFloating(t *testing.T) {
	prev := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(prev)
	limit := func() int64 { return debug.SetMemoryLimit(-1) }

	f := Start(32 << 20)
	if got := limit(); got != 32<<20 {
		t.Fatalf("after Start: %d", got)
	}
	r1 := f.Reserve(100 << 20)
	r2 := f.Reserve(10 << 20)
	if got := limit(); got != 142<<20 {
		t.Errorf("with two reservations: %d", got)
	}
	r1()
	if got := limit(); got != 42<<20 {
		t.Errorf("after one release: %d", got)
	}
	r2()
	f.Reserve(0)()
	f.Stop()
	if got := limit(); got != math.MaxInt64 {
		t.Errorf("after Stop: %d", got)
	}

	f = Start(32 << 20)
	debug.SetMemoryLimit(64 << 20) // another run's, since
	f.Stop()
	if got := limit(); got != 64<<20 {
		t.Errorf("Stop put back its limit over another's: %d", got)
	}

	debug.SetMemoryLimit(1 << 30)
	f = Start(32 << 20)
	if f != nil || limit() != 1<<30 {
		t.Errorf("a limit set already (GOMEMLIMIT) must stand: %v, %d", f, limit())
	}
	f.Reserve(1 << 20)()
	f.Stop()
	if limit() != 1<<30 {
		t.Errorf("a nil Floating changed the limit: %d", limit())
	}
}
