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
// than MaxRatio times as much in each of attempts measures.
//
// A thread's CPU time also counts what the thread did for the collector
// (its assists, paid by whoever allocates) and the misses of caches shared
// with other tests: a linear function measured 35 once on a busy machine.
// Work in the square of the input measures about 100 every time, so a
// measure within MaxRatio is enough to pass, and only a ratio above it in
// every attempt fails: the test does not fail at random, and still fails
// on every run of a quadratic function.
func Check(t testing.TB, small, large func()) {
	t.Helper()
	var ratios []float64
	for range attempts {
		r := Ratio(small, large)
		if r <= MaxRatio {
			return
		}
		ratios = append(ratios, r)
	}
	t.Errorf("ten times the input cost %.0f times as much (in %d measures; linear: about 10, at most %.0f)", ratios, attempts, MaxRatio)
}

// attempts is how many times Check measures a function before it fails.
const attempts = 3

// minRun is how long one timed run lasts at least: a function quicker
// than that is repeated within the run.
const minRun = 5 * time.Millisecond

// cost returns the best of five runs of f's CPU time, per call, after a
// collection, so that garbage left by whatever ran before is not f's to
// collect.
func cost(f func()) time.Duration {
	runtime.GC()
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
