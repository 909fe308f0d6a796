package cmd

import "github.com/iomparse/iomparse/cmd/internal/progress"

// newProgress returns the progress bar of a run, or nil for none: with
// --progress auto (the default) when standard error is a terminal, the user
// did not ask for quiet, and the run is long enough to be worth one; with
// --progress always whatever the stream; never with --progress never. So
// no control characters reach a log file or a CI log.
func newProgress(stdio IO, diag *diagFlags, count func() int) *progress.Bar {
	switch diag.progress {
	case progressNever:
		return nil
	case progressAlways:
	default: // auto
		if !stdio.ErrTerminal || diag.quiet {
			return nil
		}
	}
	return progress.New(stdio.ErrOut, count, diag.progress == progressAlways)
}
