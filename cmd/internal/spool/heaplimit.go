package spool

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// heapLimit caps the heap of a run that holds something for every page (the
// spool's keys) at what it holds plus heapHeadroom, so that the collector's
// pace of GOGC=400 (see cmd.Main), which is four times the live heap in
// garbage, does not make the keys' memory five times larger too: a
// memory limit that follows the keys, not a fixed one, which would make the
// collector run without end once the keys neared it. What the heap held
// when the limit was first set counts too, for a caller that holds memory
// of its own (a test). It leaves alone a limit it did not set (GOMEMLIMIT,
// another run's), and puts back the one it found when released. The zero
// value is ready.
type heapLimit struct {
	found int64 // the limit before the first follow, when one was set
	base  int64 // the heap's objects at the first follow
	set   int64 // the limit in force, 0 before the first follow
}

// heapHeadroom is what a run needs besides what it holds for every page: a
// parse, which holds nothing, peaks under 50 MB.
const heapHeadroom = 64 << 20

// follow sets the limit to held bytes plus the headroom.
func (l *heapLimit) follow(held int) {
	current := debug.SetMemoryLimit(-1)
	switch {
	case l.set == 0 && current != math.MaxInt64, l.set != 0 && current != l.set:
		return // not ours
	case l.set == 0:
		l.found = current
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(sample)
		l.base = int64(sample[0].Value.Uint64()) // live, and garbage not yet swept: more than is held, never less
	}
	l.set = l.base + int64(held) + heapHeadroom
	debug.SetMemoryLimit(l.set)
}

// release puts back the limit follow found, unless another has been set
// since.
func (l *heapLimit) release() {
	if l.set != 0 && debug.SetMemoryLimit(-1) == l.set {
		debug.SetMemoryLimit(l.found)
	}
	l.set = 0
}
