package cmd

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws a progress bar on standard error: with --progress auto
// (the default) when it is a terminal, the user did not ask for quiet, and
// the run is long enough to be worth one; with --progress always whatever
// the stream; never with --progress never. Otherwise it does nothing, so no
// control characters reach a log file or a CI log.
type progress struct {
	bar *progressbar.ProgressBar
}

// progressMinFiles is the smallest run worth a progress bar in auto mode.
const progressMinFiles = 200

// newProgress returns the progress of a run. count gives the number of
// inputs, or -1 when it cannot be known (no bar then); it is called only
// when a bar is to be drawn, since counting walks the folders once more.
func newProgress(stdio IO, diag *diagFlags, count func() int) *progress {
	switch diag.progress {
	case progressNever:
		return &progress{}
	case progressAlways:
	default: // auto
		if !stdio.ErrTerminal || diag.quiet {
			return &progress{}
		}
	}
	total := count()
	if total < 1 || diag.progress != progressAlways && total < progressMinFiles {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(stdio.ErrOut),
		progressbar.OptionSetDescription("parsing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) add() {
	if p.bar != nil {
		_ = p.bar.Add(1) // drawing progress is best effort
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish() // drawing progress is best effort
	}
}

// above returns a writer for the lines printed while the bar is drawn (the
// diagnostics): each write first erases the bar, so the line starts at
// the beginning of the terminal's line instead of after the bar, and the
// bar is drawn again below it at its next step. Without a bar it is w.
// Like the bar, it is used by one goroutine.
func (p *progress) above(w io.Writer) io.Writer {
	if p.bar == nil {
		return w
	}
	return aboveBar{w: w, bar: p.bar}
}

type aboveBar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (a aboveBar) Write(b []byte) (int, error) {
	_ = a.bar.Clear() // best effort, as drawing it
	return a.w.Write(b)
}
