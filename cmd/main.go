// Package cmd holds iomparse's command line: the cobra commands and their
// options, the input walk, the worker pool, the encoders, progress and exit
// codes. Parsing rules live in package parser; this package only moves
// documents in and records out.
package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"golang.org/x/term"
)

// Exit codes, a contract with CI scripts.
const (
	ExitOK    = 0 // every input parsed (warnings allowed unless --strict)
	ExitInput = 1 // some input had an error or could not be read
	ExitUsage = 2 // the command line was wrong
)

// IO is the process's streams, injected so that tests run commands
// in-process with buffers.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTerminal tells whether ErrOut is a terminal, where progress bars
	// may be drawn.
	ErrTerminal bool
}

// SystemIO returns the process's own streams.
func SystemIO() IO {
	return IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTerminal: term.IsTerminal(int(os.Stderr.Fd()))}
}

// exitError carries an exit code up to Main. Its message, when not empty,
// has not been printed yet.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageErrorf is a command-line mistake: exit code 2.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, args...)}
}

// errInputs is returned when the run finished but some input had an error;
// everything has been reported already.
var errInputs = &exitError{code: ExitInput}

// Main runs iomparse with args and returns the exit code. It is the one
// place that prints errors and picks the code; nothing else exits.
//
// SIGINT and SIGTERM cancel the run's context: the pool stops, the
// temporary file of -o is removed, the report is written, and Main returns
// a non-zero code, so the process never dies between those steps. After the
// first signal the default handling is back, so a second one kills a run
// stuck in a read. SIGPIPE is ignored: a write to a closed standard output
// then fails with EPIPE, which ends the run quietly with exit code 1
// instead of the runtime killing the process before cleanup.
func Main(args []string, stdio IO) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	signal.Ignore(syscall.SIGPIPE)
	return run(ctx, args, stdio)
}

func run(ctx context.Context, args []string, stdio IO) int {
	root := newRootCmd(stdio)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, syscall.EPIPE) {
		return ExitInput // standard output was closed (… | head): nothing to say
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stdio.ErrOut, "iomparse: %s\n", ee.msg)
		}
		if ee.code == ExitUsage {
			fmt.Fprintln(stdio.ErrOut, "Run 'iomparse --help' for usage.")
		}
		return ee.code
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stdio.ErrOut, "iomparse: interrupted")
		return ExitInput
	}
	// Errors cobra returns itself are about flags and arguments.
	if isCobraUsageError(err) {
		fmt.Fprintf(stdio.ErrOut, "iomparse: %v\nRun 'iomparse --help' for usage.\n", err)
		return ExitUsage
	}
	fmt.Fprintf(stdio.ErrOut, "iomparse: %v\n", err)
	return ExitInput
}

// version returns the module version and VCS revision the binary was built
// from, as recorded by the Go toolchain.
func version() string {
	info, ok := debug.ReadBuildInfo()
	return versionOf(info, ok)
}

// versionOf formats build information: the module version ("v1.2.0" when
// installed with go install, a pseudo-version holding the revision when
// built in a clone, "(devel)" otherwise), then the revision and its time
// when the version does not already say them ("(devel) 67ce0e8e36b5-dirty
// 2026-11-22T13:37:30Z"). Without VCS information (-buildvcs=false, a
// source archive) it is the version alone.
func versionOf(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "(unknown)"
	}
	v := cmp.Or(info.Main.Version, "(devel)")
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" || strings.Contains(v, rev) {
		return v
	}
	if modified {
		rev += "-dirty"
	}
	return strings.TrimSpace(v + " " + rev + " " + at)
}
