package cmd

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"syscall"
)

// Exit codes, a contract with CI scripts.
const (
	ExitOK    = 0 // every input parsed (warnings allowed unless --strict)
	ExitInput = 1 // some input had an error or could not be read, or the run failed
	ExitUsage = 2 // the command line was wrong
)

// diff's exit codes, as diff(1)'s: 0 (ExitOK) no differences.
const (
	ExitDifferent = 1 // the two sides differ
	ExitTrouble   = 2 // a side could not be read, or the run failed
)

// exitError carries an exit code up to Main. Its message, when not empty,
// has not been printed yet. Each kind has one constructor below; nothing
// else builds one.
type exitError struct {
	code int
	msg  string
	// trouble marks diff's exit 2 for a run that failed: not a mistake on
	// the command line, so no pointer to --help.
	trouble bool
	// detail follows msg as it is, on lines of its own: a stack.
	detail string
}

func (e *exitError) Error() string { return e.msg }

// usageErrorf is a command-line mistake: exit code 2, and a pointer to
// --help.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, args...)}
}

// failedf is a run that could not go on or finish: a file it cannot write,
// a spool it cannot create. Exit code 1.
func failedf(format string, args ...any) error {
	return &exitError{code: ExitInput, msg: fmt.Sprintf(format, args...)}
}

// internalError is a panic recovered outside the parser: a bug. Exit code
// 1, with the stack of the goroutine that recovered it (so it is to be
// called in the deferred function).
func internalError(v any) error {
	return &exitError{code: ExitInput, msg: fmt.Sprintf("internal error (please report it): %v", v), detail: string(debug.Stack())}
}

// writeFailed is an error writing records or diagnostics to the output. A
// closed pipe (the reader, say head, has gone) is not worth a message: the
// run ends quietly with exit code 1.
func writeFailed(err error) error {
	if errors.Is(err, syscall.EPIPE) {
		return errClosedPipe
	}
	return failedf("cannot write output: %v", err)
}

// wrapWrite is writeFailed for an encoder's error, which may be nil.
func wrapWrite(err error) error {
	if err != nil {
		return writeFailed(err)
	}
	return nil
}

// troubled turns the error a diff run failed with into diff's trouble:
// exit 2, as diff(1) does, where the other commands exit 1 (which for diff
// means the sides differ). Other codes (a usage error's 2, a signal's)
// stay.
func troubled(err error) error {
	code, msg := exitStatus(err)
	if code != ExitInput {
		return err
	}
	return &exitError{code: ExitTrouble, msg: msg, trouble: true}
}

// usageHint reports whether Main should point to --help after err: a
// usage error, not diff's trouble.
func usageHint(err error) bool {
	code, _ := exitStatus(err)
	ee, ok := errors.AsType[*exitError](err)
	return code == ExitUsage && !(ok && ee.trouble)
}

var (
	// errDifferent ends a diff run whose sides differ: the changes are
	// written already.
	errDifferent = &exitError{code: ExitDifferent}
	// errInputs ends a run that finished but found an error in some input
	// (or a warning, with --strict): everything has been reported already.
	errInputs = &exitError{code: ExitInput}
	// errClosedPipe ends a run whose standard output was closed.
	errClosedPipe = &exitError{code: ExitInput}
	// errInterrupted ends a run whose context ended: a signal (Main then
	// exits with 128+N), or the caller's context in a test.
	errInterrupted = &exitError{code: ExitInput, msg: "interrupted"}
)

// exitStatus says what an error a command returned means for Main: the
// exit code, and the message still to print ("" when there is none).
// Errors that are not exitErrors are classified here, in one place: a
// closed pipe, an interruption, and any other error as a failed run (exit
// code 1). Only usageErrorf makes exit code 2: run turns cobra's own
// errors about the command line into usage errors.
func exitStatus(err error) (code int, msg string) {
	code, msg, _ = exitDetail(err)
	return code, msg
}

// exitDetail is exitStatus with the error's detail, printed after its
// message.
func exitDetail(err error) (code int, msg, detail string) {
	switch ee, ok := errors.AsType[*exitError](err); {
	case err == nil:
		return ExitOK, "", ""
	case errors.Is(err, syscall.EPIPE):
		return errClosedPipe.code, errClosedPipe.msg, ""
	case ok:
		return ee.code, ee.msg, ee.detail
	case errors.Is(err, context.Canceled):
		return errInterrupted.code, errInterrupted.msg, ""
	}
	return ExitInput, err.Error(), ""
}
