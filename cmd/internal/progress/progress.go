// Package progress draws a run's progress bar on standard error, and keeps
// the lines printed meanwhile (the diagnostics) from being glued onto it.
// Whether a run gets a bar at all is the command line's decision
// (--progress, a terminal, -q); this package only draws it.
package progress

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// MinInputs is the smallest run worth a bar unless one is asked for
// whatever the run's size.
const MinInputs = 200

// Bar is a progress bar, or no bar at all: every method of a nil *Bar does
// nothing, so that a run without one needs no test at each step. Like the
// bar it draws, it is used by one goroutine.
type Bar struct {
	bar *progressbar.ProgressBar
}

// New returns a bar on w for a run of count() inputs: nil when count gives
// fewer than one (it cannot know), or fewer than MinInputs unless always.
// count is called here, once: counting walks the folders once more.
func New(w io.Writer, count func() int, always bool) *Bar {
	total := count()
	if total < 1 || !always && total < MinInputs {
		return nil
	}
	return &Bar{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("parsing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// Add counts one input done.
func (b *Bar) Add() {
	if b != nil {
		_ = b.bar.Add(1) // drawing progress is best effort
	}
}

// Finish clears the bar once the inputs are read.
func (b *Bar) Finish() {
	if b != nil {
		_ = b.bar.Finish() // drawing progress is best effort
	}
}

// Above returns a writer for the lines printed while the bar is drawn:
// each write first erases the bar, so the line starts at the beginning of
// the terminal's line instead of after the bar, and the bar is drawn again
// below it at its next step. Without a bar it is w.
func (b *Bar) Above(w io.Writer) io.Writer {
	if b == nil {
		return w
	}
	return aboveBar{w: w, bar: b.bar}
}

type aboveBar struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func (a aboveBar) Write(p []byte) (int, error) {
	_ = a.bar.Clear() // best effort, as drawing it
	return a.w.Write(p)
}
