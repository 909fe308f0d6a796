// Package budget bounds the work and the memory that parsing one page may
// take, and stops a parse whose run is interrupted: the stages of the
// parser charge a Meter as they go (a unit of work for each step of a
// loop over the page's lines, tokens, nodes, fields…; the bytes of what
// they allocate in proportion to the page), and the meter stops the parse
// at the first charge past the page's budget, or once its context is
// done.
//
// Charges are counts, not times: the same page gets the same verdict on
// any machine, however busy. The work budget is generous (no real page
// comes near it, see parser.DefaultBudget): it is there so that no input
// can stall a run, even one of a shape nobody thought of, where a loop
// would take time in the square of the page's size.
//
// A stop unwinds the parse by panicking with a value only Catch recovers,
// where the parse started, as encoding/json and text/template unwind
// theirs: a charge can then be made anywhere, deep in a loop, without an
// error to pass back through every function. The parser's callers never
// see the panic.
//
// It imports nothing of iomparse's, so every stage of the parser may
// import it.
package budget

import (
	"context"
	"errors"
	"fmt"
)

// ErrTooComplex is the error of a page whose parsing would exceed its
// budget (errors.Is).
var ErrTooComplex = errors.New("too complex to parse")

// Meter counts what parsing one page takes against its budget. A nil
// *Meter charges nothing and never stops.
type Meter struct {
	ctx context.Context
	// work and mem are what is left of the budget; tick, the work to do
	// before the context is looked at again.
	work, mem, tick int64
	// the budget, for the message of a stop
	workLimit, memLimit int64
}

// checkEvery is the work between two looks at the context: a few
// milliseconds of parsing, so that an interrupted run stops at once
// without the look costing anything noticeable.
const checkEvery = 1 << 16

// New returns a meter for a page that may take work units of work and mem
// bytes of memory, and must stop once ctx is done.
func New(ctx context.Context, work, mem int64) *Meter {
	m := new(Meter)
	m.Reset(ctx, work, mem)
	return m
}

// Reset makes m the meter New(ctx, work, mem) returns, reusing its memory.
func (m *Meter) Reset(ctx context.Context, work, mem int64) {
	*m = Meter{ctx: ctx, work: work, mem: mem, tick: checkEvery, workLimit: work, memLimit: mem}
}

// Work charges n units of work.
func (m *Meter) Work(n int) {
	if m == nil {
		return
	}
	m.work -= int64(n)
	m.tick -= int64(n)
	if m.tick <= 0 || m.work < 0 {
		m.check()
	}
}

// Alloc charges n bytes of memory.
func (m *Meter) Alloc(n int) {
	if m == nil {
		return
	}
	if m.mem -= int64(n); m.mem < 0 {
		panic(stop{fmt.Errorf("%w: parsing it would take more than %d MB of memory", ErrTooComplex, m.memLimit>>20)})
	}
}

// check stops the parse when the work is over budget or the context done.
func (m *Meter) check() {
	m.tick = checkEvery
	if m.work < 0 {
		panic(stop{fmt.Errorf("%w: parsing it would take more than %d units of work", ErrTooComplex, m.workLimit)})
	}
	if m.ctx != nil {
		if err := m.ctx.Err(); err != nil {
			panic(stop{err})
		}
	}
}

// Used returns the work and the memory charged so far.
func (m *Meter) Used() (work, mem int64) {
	if m == nil {
		return 0, 0
	}
	return m.workLimit - m.work, m.memLimit - m.mem
}

// stop is what a meter panics with: why the parse stops.
type stop struct{ err error }

// Catch, deferred by the function that started a parse, recovers the stop
// of a meter and sets *err to its reason: an error wrapping ErrTooComplex,
// or the context's error. Any other panic goes on.
func Catch(err *error) {
	switch r := recover().(type) {
	case nil:
	case stop:
		*err = r.err
	default:
		panic(r)
	}
}
