// Package cmd holds iomparse's command line. Every command that reads
// inputs (ingest, parse, pair, check) runs one pipeline, runRecords:
//
//	source ──▶ workers ──▶ reporter, stage ──▶ reduce ──▶ sink
//
// A source lists the inputs and loads each one: pageSource reads and parses
// the pages at the paths the reading flags select (command line,
// --files-from, --include/--exclude; compressed pages read through, data
// that is no page skipped) and the pages of web archives among them, a
// record at a time (archive.go, package warc); recordSource decodes the
// lines of JSON Lines that pair reads. The workers (package workers, --jobs of them) load
// inputs in parallel and hand their outcomes on in input order. The
// reporter prints their diagnostics and accounts for them (summary,
// --report, exit code); a stage does the command's work: recordsStage
// writes records as they come (parse) or spools them for pairing (ingest,
// pair), checkStage spools the projects (check). The reduce groups the
// spooled records by project, merges each group on the workers, and hands
// the groups in pairing's order to a sink: the encoder (encoderSink), the
// conflicts alone (conflictsSink), or the records (recordsSink).
//
// Parsing rules live in package parser and records in package model: this
// package only moves documents in and records out. Flags come in groups
// (flags.go); errors reach Main, the one place that prints them and picks
// the exit code (exit.go), and signals end a run through it (interrupt.go).
// Output files (-o, --report) are written by package outfile, which never
// leaves half a file.
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

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/model"
)

// IO is the process's streams and working directory, injected so that
// tests run commands in-process with buffers and a folder of their own.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTerminal tells whether ErrOut is a terminal, where progress bars
	// may be drawn.
	ErrTerminal bool
	// Dir is the folder relative paths (inputs, -o, --report, man's DIR)
	// are taken from; "" is the process's working directory. Diagnostics
	// name paths as they were given.
	Dir string

	// interrupt is how a second signal ends the run at once (see
	// runWithSignals); nil when the run is not Main's.
	interrupt *interrupt
}

// SystemIO returns the process's own streams.
func SystemIO() IO {
	return IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTerminal: term.IsTerminal(int(os.Stderr.Fd()))}
}

// path returns the name to open p by: p under Dir, unless absolute or
// empty, joined without cleaning (walk.Join).
func (stdio IO) path(p string) string { return walk.Join(stdio.Dir, p) }

// Main runs iomparse with args and returns the exit code. It is the one
// place that prints errors and picks the code; nothing else exits.
//
// SIGINT, SIGTERM and SIGHUP cancel the run's context: the pool stops, the
// temporary file of -o is removed, the report is written, and Main returns
// 128+N, so the process never dies between those steps. A second signal
// does the same at once, even when the run is stuck in a read (see
// runWithSignals). SIGPIPE is ignored: a write to a closed standard output
// then fails with EPIPE, which ends the run quietly with exit code 1
// instead of the runtime killing the process before cleanup.
func Main(args []string, stdio IO) int {
	// A run allocates much for each page and keeps little (ingest: the
	// pairing keys, in memory the collector need not read), so the
	// collector's default pace is faster than it needs: at four times the
	// default the runs of the README's Performance section take about a
	// sixth less CPU, and parse's peak memory stays under 50 MB. What
	// ingest keeps grows with the pages, and four times it would too: the
	// spool caps the heap instead (see cmd/internal/spool's heap limit). GOGC, when set, still
	// decides. The pace is put back on return, for a caller that goes on
	// (a test).
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, stopSignals...)
	defer signal.Stop(sigs)
	signal.Ignore(syscall.SIGPIPE)
	return runWithSignals(args, stdio, sigs)
}

// run runs the command line and prints the error it ends with, if any.
// An error that comes before the command's run begins is cobra's, about
// the command line (an unknown command, wrong arguments): a usage error.
// Once the run has begun, only a usage error says so itself: no other
// error can exit with 2.
func run(ctx context.Context, args []string, stdio IO) (code int) {
	root := newRootCmd(stdio)
	root.SetArgs(commandFirst(root, args))
	begun := false
	// begun tells flag errors (before the command runs) from the run's;
	// the root's own check of the shared flags runs after it.
	validate := root.PersistentPreRunE
	root.PersistentPreRunE = func(c *cobra.Command, args []string) error {
		begun = true
		return validate(c, args)
	}
	// A panic outside the parser (which recovers its own) is a bug: it
	// ends the run with its stack and exit code 1, not the runtime's 2.
	defer func() {
		if v := recover(); v != nil {
			code = printExit(stdio, internalError(v))
		}
	}()
	err := root.ExecuteContext(ctx)
	if _, isExit := errors.AsType[*exitError](err); err != nil && !begun && !isExit {
		err = usageErrorf("%v", err)
	}
	return printExit(stdio, err)
}

// printExit prints the error a run ended with, if any, and returns the exit
// code. The message is one line whatever it quotes (a path given with a
// newline cannot forge another).
func printExit(stdio IO, err error) int {
	code, msg, detail := exitDetail(err)
	if err != nil && msg == errInterrupted.msg {
		stdio.interrupt.stopped()
	}
	if msg != "" {
		fmt.Fprintf(stdio.ErrOut, "iomparse: %s\n", model.EscapeControls(msg))
	}
	if detail != "" {
		fmt.Fprint(stdio.ErrOut, detail)
	}
	if usageHint(err) {
		fmt.Fprintln(stdio.ErrOut, "Run 'iomparse --help' for usage.")
	}
	return code
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
