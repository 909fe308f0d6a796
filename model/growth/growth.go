// Package growth measures how the cost of a function grows with the size
// of its input, for the tests that hold iomparse to linear work on any
// input: run a shape at two sizes ten times apart and compare. Linear work
// takes about ten times as long, quadratic a hundred; a test allows
// MaxRatio, between the two.
//
// Cost is the CPU time of the calling thread, not the wall clock, so that
// a machine busy with other work (CI runners, parallel tests) does not
// decide: a thread waiting for a core is not charged for it. Each size is
// timed as the best of several runs, each long enough for the clock's
// resolution.
package growth

import (
	"runtime"
	"testing"
	"time"
)

// MaxRatio is the largest cost ratio allowed for ten times the input:
// linear work gives about 10 (somewhat more with caches and the
// collector), quadratic work 100.
const MaxRatio = 30.0

// Ratio returns how many times the CPU time of large exceeds that of
// small.
func Ratio(small, large func()) float64 {
	runtime.LockOSThread() // the thread's clock must follow the goroutine
	defer runtime.UnlockOSThread()
	return float64(cost(large)) / float64(cost(small))
}

// Check fails t when ten times the input (large against small) costs more
// than MaxRatio times as much.
func Check(t testing.TB, small, large func()) {
	t.Helper()
	if r := Ratio(small, large); r > MaxRatio {
		t.Errorf("ten times the input cost %.0f times as much (linear: about 10, at most %.0f)", r, MaxRatio)
	}
}

// minRun is how long one timed run lasts at least: a function quicker
// than that is repeated within the run.
const minRun = 5 * time.Millisecond

// cost returns the best of five runs of f's CPU time, per call.
func cost(f func()) time.Duration {
	reps := 1
	for {
		start := threadTime()
		for range reps {
			f()
		}
		if d := threadTime() - start; d >= minRun || reps >= 1<<20 {
			break
		}
		reps *= 2
	}
	best := time.Duration(1<<63 - 1)
	for range 5 {
		start := threadTime()
		for range reps {
			f()
		}
		best = min(best, threadTime()-start)
	}
	return max(best/time.Duration(reps), 1)
}
