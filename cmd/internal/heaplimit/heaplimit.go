// Package heaplimit keeps the heap of a run that holds nothing from one
// page to the next (parse) near what it needs: a soft memory limit that
// rises while a large page is parsed, by what the parser may take for it,
// and falls back after.
//
// Why: at GOGC=400 (see cmd.Main) the collector lets the heap grow to five
// times what was live at its last cycle, so one large page set the goal
// for the rest of the run (parse peaked at 81 MB on 1,000,000 pages, its
// live heap being 5 or 6 MB). A fixed limit cures that, but a page whose
// parse needs more than the limit then has the collector run without end
// while it is parsed (a 16 MB HTML page took four times the CPU): so the
// limit makes room for the large pages in flight. cmd reserves three times
// a page's memory budget: with room for the budget alone, the collector
// still ran cycle after cycle as the page's tree neared the limit (a folder
// of 4 MB hostile pages took 2.6 times the CPU it takes with no limit;
// with three times, 1.7, at a third of the memory).
package heaplimit

import (
	"math"
	"runtime/debug"
	"sync"
)

// Floating is a soft heap limit of base bytes plus what is reserved. A nil
// *Floating does nothing: the limit was set by someone else (GOMEMLIMIT).
type Floating struct {
	base int64
	prev int64 // the limit before Start
	// mu guards reserved and the setting of the limit, which follows it.
	mu       sync.Mutex
	reserved int64
}

// Start sets a limit of base bytes, unless a limit is set already, and
// returns it (nil then).
func Start(base int64) *Floating {
	if prev := debug.SetMemoryLimit(-1); prev != math.MaxInt64 {
		return nil
	}
	return &Floating{base: base, prev: debug.SetMemoryLimit(base)}
}

// Reserve raises the limit by n bytes until release is called: for a
// page whose parse may take n bytes.
func (f *Floating) Reserve(n int64) (release func()) {
	if f == nil || n <= 0 {
		return func() {}
	}
	f.add(n)
	return func() { f.add(-n) }
}

func (f *Floating) add(n int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reserved += n
	debug.SetMemoryLimit(f.base + f.reserved)
}

// Stop puts back the limit found by Start, unless another has been set
// since (another run in the same process: a test).
func (f *Floating) Stop() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if debug.SetMemoryLimit(-1) == f.base+f.reserved {
		debug.SetMemoryLimit(f.prev)
	}
}
