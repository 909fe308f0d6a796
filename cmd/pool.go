package cmd

import (
	"context"
	"sync"

	"github.com/iomparse/iomparse/parser"
)

// parseInputs walks the paths, reads and parses every input on a pool of
// flags.jobs workers, and hands each outcome to emit in input order, so the
// output is the same whatever the parallelism. prepare, when not nil, runs
// on the worker after parsing: the per-record work of a command (redacting,
// encoding) belongs there, in parallel, not in emit, which runs alone. At
// most a few outcomes per worker wait for their turn, so memory does not
// grow with the input. An error from emit, or the context ending, stops the
// run.
func parseInputs(ctx context.Context, stdio IO, paths []string, flags *inputFlags, prepare func(*outcome), emit func(outcome) error) error {
	l := &loader{stdin: stdio.In, maxBytes: flags.maxBytes, encoding: flags.encoding}
	p := parser.New(parser.Options{})
	// The bar needs the total: only then are the inputs counted first.
	prog := newProgress(stdio, flags, func() int { return countInputs(ctx, paths) })
	defer prog.finish()

	type future struct {
		in   input
		done chan struct{}
		out  outcome
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// On return, stop the walk and the workers and wait for them: no
	// goroutine of this run outlives it, none still reads its input.
	defer func() {
		cancel()
		wg.Wait()
	}()
	order := make(chan *future, 4*flags.jobs) // in input order, for the writer
	work := make(chan *future)                // to the workers
	wg.Go(func() {
		defer close(order)
		defer close(work)
		for in := range walkInputs(ctx, paths) {
			f := &future{in: in, done: make(chan struct{})}
			select {
			case order <- f:
			case <-ctx.Done():
				return
			}
			select {
			case work <- f:
			case <-ctx.Done():
				return
			}
		}
	})
	for range flags.jobs {
		wg.Go(func() {
			for f := range work {
				f.out = l.load(p, f.in)
				if prepare != nil {
					prepare(&f.out)
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
		prog.add()
		if err := emit(f.out); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// countInputs walks the paths to count their inputs, for the progress bar.
func countInputs(ctx context.Context, paths []string) int {
	n := 0
	for range walkInputs(ctx, paths) {
		n++
	}
	return n
}
