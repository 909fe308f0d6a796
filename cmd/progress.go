package cmd

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws a progress bar on standard error when it is a terminal and
// the user did not ask for quiet; otherwise it does nothing, so no control
// characters reach a log file or a CI log.
type progress struct {
	bar *progressbar.ProgressBar
}

// progressMinFiles is the smallest run worth a progress bar.
const progressMinFiles = 200

// newProgress returns the progress of a run. count gives the number of
// inputs, or -1 when it cannot be known (no bar then); it is called only
// when a bar is to be drawn, since counting walks the folders once more.
func newProgress(stdio IO, quiet bool, count func() int) *progress {
	if !stdio.ErrTerminal || quiet {
		return &progress{}
	}
	total := count()
	if total < progressMinFiles {
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
