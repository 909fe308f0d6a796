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

// exitError carries an exit code up to Main. Its message, when not empty,
// has not been printed yet. Each kind has one constructor below; nothing
// else builds one.
type exitError struct {
	code int
	msg  string
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

var (
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
