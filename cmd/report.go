package cmd

import (
	"context"
	"errors"
	"fmt"
	"syscall"

	"github.com/iomparse/iomparse/model"
)

// runReport is the --report file: what became of every input, in input
// order, and the totals, where Seen = Parsed + Skipped + Failed always.
type runReport struct {
	Files  []fileReport `json:"files"`
	Totals reportTotals `json:"totals"`
	// Interrupted is set when a signal ended the run early: Files then
	// lists only the inputs reached.
	Interrupted bool `json:"interrupted,omitempty"`
}

// fileReport is one input's entry in the report. Kind is set when it was
// parsed, Reason when it was skipped or failed.
type fileReport struct {
	Path   string `json:"path"`
	State  string `json:"state"`
	Kind   string `json:"kind,omitempty"`
	Reason string `json:"reason,omitempty"`
}

type reportTotals struct {
	Seen     int `json:"seen"`
	Parsed   int `json:"parsed"`
	Skipped  int `json:"skipped"`
	Failed   int `json:"failed"`
	Projects int `json:"projects"`
	News     int `json:"news"`
	Pages    int `json:"pages"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// fileReportOf is the report entry of one outcome.
func fileReportOf(o outcome) fileReport {
	f := fileReport{Path: o.path, State: o.state, Reason: o.reason}
	if o.record != nil {
		f.Kind = o.record.Kind
	}
	return f
}

// report builds the report from what the reporter has accounted for.
func (r *reporter) report(interrupted bool) runReport {
	files := r.files
	if files == nil {
		files = []fileReport{}
	}
	return runReport{
		Files: files,
		Totals: reportTotals{
			Seen:   r.counts[stateParsed] + r.counts[stateSkipped] + r.counts[stateFailed],
			Parsed: r.counts[stateParsed], Skipped: r.counts[stateSkipped], Failed: r.counts[stateFailed],
			Projects: r.kinds[model.KindProject], News: r.kinds[model.KindNews], Pages: r.kinds[model.KindPage],
			Errors: r.errors, Warnings: r.warnings,
		},
		Interrupted: interrupted,
	}
}

// writeReport writes the report to path atomically, like -o: a reader
// never sees half a report, and a failed write leaves an old one in place.
func writeReport(path string, rep runReport) error {
	b, err := marshalJSON(rep, "")
	if err != nil {
		return err
	}
	out, err := openOutput(path, nil)
	if err != nil {
		return err
	}
	defer out.abort() // removes the temporary file unless committed
	if _, err := out.Write(append(b, '\n')); err != nil {
		return err
	}
	return out.commit()
}

// finish ends a run of ingest, parse or check whatever became of it: it
// writes the --report file (also when the run failed or was interrupted, so
// that CI learns what happened to the inputs reached), prints the summary
// line, and returns the error for Main: err when the run failed, else the
// verdict on the inputs.
func (r *reporter) finish(ctx context.Context, err error) error {
	if r.flags.report != "" {
		if werr := writeReport(r.flags.report, r.report(ctx.Err() != nil)); werr != nil {
			werr = &exitError{code: ExitInput, msg: fmt.Sprintf("cannot write report %s: %v", r.flags.report, describeError(werr))}
			if err != nil {
				fmt.Fprintf(r.w, "iomparse: %s\n", werr.Error()) // err is the one Main prints
			} else {
				err = werr
			}
		}
	}
	r.summary()
	if err != nil {
		return err
	}
	return r.exit()
}

// writeFailed wraps an error writing records or diagnostics to the output. A closed pipe (the
// reader, say head, has gone) is not worth a message: Main ends the run
// quietly with exit code 1.
func writeFailed(err error) error {
	if errors.Is(err, syscall.EPIPE) {
		return errClosedPipe
	}
	return &exitError{code: ExitInput, msg: fmt.Sprintf("cannot write output: %v", err)}
}

// errClosedPipe ends a run whose standard output was closed: exit 1, no message.
var errClosedPipe = &exitError{code: ExitInput}
