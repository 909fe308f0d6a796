package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/iomparse/iomparse/cmd/internal/outfile"
	"github.com/iomparse/iomparse/model"
)

// stopSignals end a run: the first cancels its context, so it stops
// handing out work, removes the temporary -o file, writes --report and
// exits with 128+N; a second ends it at once (see runWithSignals). SIGQUIT
// is not among them: it keeps Go's default, a stack dump, for a run that
// seems stuck.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// runWithSignals runs the command line until it ends or a second signal
// arrives on sigs, and returns the exit code. The first signal cancels the
// run's context: the pipeline stops within a moment, cleans up and reports
// as on any early end, and the code is 128+N. A second signal does the same
// at once, from here, whatever the run's goroutine is doing (a read that
// blocks, a page that takes long): it removes the temporary files, writes
// --report from what has been accounted for, and returns 128+N of that
// signal. The run's goroutine is left behind; the process exits as soon as
// Main returns, and the interrupt keeps it from creating or renaming a
// temporary file in between.
func runWithSignals(args []string, stdio IO, sigs <-chan os.Signal) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdio.ErrOut = &lockedWriter{w: stdio.ErrOut} // the abandoned run may still print
	stdio.interrupt = newInterrupt()
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdio) }()
	var first os.Signal
	for {
		select {
		case code := <-done:
			// A signal that came once the run's work was done (its
			// output complete, its report written) stopped nothing:
			// the run's own code stands.
			if first != nil && stdio.interrupt.wasStopped() {
				return signalExit(first)
			}
			return code
		case s := <-sigs:
			if first == nil {
				first = s
				cancel()
				continue
			}
			stdio.interrupt.abandon(stdio)
			return signalExit(s)
		}
	}
}

// signalExit is the exit code after signal s: 128+N, as shells report a
// process killed by signal N.
func signalExit(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return ExitInput
}

// interrupt holds what ending a run at once needs: the temporary files
// that exist (outputs and reports being written), and the reporter, to
// write --report from. Its methods do nothing on a nil interrupt (a run in
// a test).
type interrupt struct {
	files *outfile.Registry
	mu    sync.Mutex
	rep   *reporter
	// stop is set when the run ended because its context did.
	stop atomic.Bool
}

// stopped records that the run ended because its context did (a signal).
func (g *interrupt) stopped() {
	if g != nil {
		g.stop.Store(true)
	}
}

// wasStopped reports whether the run ended because its context did.
func (g *interrupt) wasStopped() bool { return g != nil && g.stop.Load() }

func newInterrupt() *interrupt { return &interrupt{files: outfile.NewRegistry()} }

// registry is where the run registers its temporary files; nil (none) on
// a nil interrupt.
func (g *interrupt) registry() *outfile.Registry {
	if g == nil {
		return nil
	}
	return g.files
}

// setReporter names the reporter whose --report abandon writes.
func (g *interrupt) setReporter(r *reporter) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.rep = r
}

// abandon ends the run at once: it removes every temporary file, forbids
// new ones, writes --report as the reporter has it, marked interrupted, and
// says so on standard error.
func (g *interrupt) abandon(stdio IO) {
	g.files.Abandon()
	g.mu.Lock()
	rep := g.rep
	g.mu.Unlock()
	msg := "iomparse: interrupted\n"
	if rep != nil && rep.report != "" {
		// Not through the registry: it is abandoned. Nothing else writes
		// the report now, and this write is over before Main returns.
		if err := writeReport(stdio.path(rep.report), stdio.Out, nil, rep.runReport(true, errInterrupted.msg)); err != nil {
			msg += model.EscapeControls(fmt.Sprintf("iomparse: cannot write report %s: %v", rep.report, describeError(err))) + "\n"
		}
	}
	// The abandoned run may hold the writer, blocked on a full pipe: the
	// message is then left out rather than waited for.
	if lw, ok := stdio.ErrOut.(*lockedWriter); ok {
		lw.tryWrite([]byte(msg))
	}
}

// lockedWriter serialises writes to w: after a second signal, the message
// of runWithSignals and the abandoned run's own output may come at once.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tryWrite writes p unless another write holds the writer.
func (l *lockedWriter) tryWrite(p []byte) {
	if l.mu.TryLock() {
		defer l.mu.Unlock()
		l.w.Write(p) // a message on the way out: nothing to do if it fails
	}
}
