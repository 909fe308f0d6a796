// Package workers runs the command line's work on a pool of goroutines
// (--jobs of them) and hands the results on in the order of the items, so
// that iomparse's output is the same whatever the parallelism.
package workers

import (
	"context"
	"iter"
	"sync"
)

// Chunks yields the items of seq in slices of n (the last one shorter):
// the pool's unit of work, when one item costs less than handing it over.
func Chunks[T any](seq iter.Seq[T], n int) iter.Seq[[]T] {
	return func(yield func([]T) bool) {
		var chunk []T
		for v := range seq {
			if chunk == nil {
				chunk = make([]T, 0, n) // room for all n: no growing on the way
			}
			chunk = append(chunk, v)
			if len(chunk) == n {
				if !yield(chunk) {
					return
				}
				chunk = nil
			}
		}
		if len(chunk) > 0 {
			yield(chunk)
		}
	}
}

// MapOrdered runs work on each item on jobs goroutines and hands the
// results to emit, which runs alone, in the order of the items: the output
// is the same whatever the parallelism. Items are taken as they come, and
// at most 16 results per worker wait for their turn, so memory does not
// grow with the number of items. Both channels are buffered that deep:
// with one goroutine handing out the items and another taking the
// results, shallower queues left the workers waiting for them (a 100k-page
// ingest kept two cores busy 83% of its parse with 4, against 97%).
//
// A panic in work or in items is a bug; it ends the run with the error
// crash makes of the panic's value, rather than killing the process from a
// goroutine the caller cannot recover (with the runtime's exit code 2,
// which means a usage error to iomparse). crash is called in the deferred
// function that recovered the panic, so that a stack it takes
// (debug.Stack) is the panicking goroutine's; it is the caller's, who
// knows what such an error is to say and the exit code it makes.
func MapOrdered[In, Out any](ctx context.Context, jobs int, items iter.Seq[In], work func(In) Out, emit func(Out) error, crash func(v any) error) error {
	type future struct {
		in    In
		done  chan struct{}
		out   Out
		crash error // work panicked
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	order := make(chan *future, 16*jobs) // in item order, for emit
	queue := make(chan *future, 16*jobs) // to the workers
	var listCrash error                  // read once order is closed
	wg.Go(func() {
		defer close(order)
		defer close(queue)
		defer func() {
			if v := recover(); v != nil {
				listCrash = crash(v)
			}
		}()
		for in := range items {
			f := &future{in: in, done: make(chan struct{})}
			select {
			case order <- f:
			case <-ctx.Done():
				return
			}
			select {
			case queue <- f:
			case <-ctx.Done():
				return
			}
		}
	})
	for range jobs {
		wg.Go(func() {
			for f := range queue {
				if ctx.Err() == nil { // once stopped, what is queued is not worked on
					f.out, f.crash = protect(work, f.in, crash)
				}
				close(f.done)
			}
		})
	}
	for f := range order {
		select {
		case <-f.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return err // f may not have been worked on
		}
		if f.crash != nil {
			return f.crash
		}
		if err := emit(f.out); err != nil {
			return err
		}
	}
	if listCrash != nil {
		return listCrash
	}
	return ctx.Err()
}

// protect runs work on in, and turns a panic into an error by crash.
func protect[In, Out any](work func(In) Out, in In, crash func(v any) error) (out Out, crashed error) {
	defer func() {
		if v := recover(); v != nil {
			crashed = crash(v)
		}
	}()
	return work(in), nil
}
