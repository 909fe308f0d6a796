package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/outfile"
	"github.com/iomparse/iomparse/model"
)

// reporter prints diagnostics as they come, counts what became of every
// input, writes the closing summary and the --report file, and decides the
// exit code. Its counts are read under mu by a second signal's abandon
// too (see runWithSignals), while the run may still be adding to them.
type reporter struct {
	mu     sync.Mutex
	w      io.Writer
	stdio  IO // its Dir, for the --report file
	diag   *diagFlags
	report string // --report FILE, "" when not asked for
	// summary is the closing line, in the terms of the run's source.
	summary func(*reporter) string
	// print is whether diagnostics go to w as they come; check -f json and
	// -f github only count them here, and write them to standard output.
	print bool

	counts   map[string]int // inputs by state
	kinds    map[string]int // parsed records by kind
	errors   int
	warnings int
	redact   bool // --redact: the summary tells how many items were redacted
	redacted int
	written  int          // records written, when the summary tells it
	files    []fileReport // every input in order, for --report
	// The records of web archives among the inputs, and those skipped
	// by reason (warc.Reason).
	records        int
	skippedRecords map[string]int
	// closed are the diagnostics of the run as a whole (source.closing),
	// for a stage that writes diagnostics itself (check -f json).
	closed []model.Diagnostic
}

func newReporter(stdio IO, diag *diagFlags, report string, summary func(*reporter) string) *reporter {
	return &reporter{
		w: stdio.ErrOut, stdio: stdio, diag: diag, report: report, summary: summary, print: true,
		counts: map[string]int{}, kinds: map[string]int{}, skippedRecords: map[string]int{},
	}
}

// outcome accounts for one input: its state, its kind when parsed, its
// entry in the report, and its diagnostics.
func (r *reporter) outcome(o *outcome) {
	r.mu.Lock()
	r.counts[o.state]++
	if o.record != nil {
		r.kinds[o.record.Kind]++
	}
	r.redacted += o.redacted
	if o.archive != nil {
		r.records++
		if o.state == stateSkipped && o.record == nil && o.archive.item.Reason != "" {
			r.skippedRecords[o.reason]++
		}
	}
	if r.report != "" {
		r.files = append(r.files, fileReportOf(o)) // kept only when asked for: it grows with the corpus
	}
	r.mu.Unlock()
	r.diagnostics(o.diags)
}

// diagnostics counts diagnostics by severity and, unless r.print is off,
// prints them one a line: errors always, warnings unless --quiet, info only
// with --verbose. It prints without holding mu: a standard error that
// blocks must not keep abandon from the counts.
func (r *reporter) diagnostics(ds []model.Diagnostic) {
	for _, d := range ds {
		show := r.diag.verbose
		r.mu.Lock()
		switch d.Severity {
		case model.SeverityError:
			r.errors++
			show = true
		case model.SeverityWarning:
			r.warnings++
			show = !r.diag.quiet
		}
		r.mu.Unlock()
		if r.print && show {
			fmt.Fprintln(r.w, d.String())
		}
	}
}

// closing accounts for the diagnostics of the run as a whole.
func (r *reporter) closing(ds []model.Diagnostic) {
	r.diagnostics(ds)
	r.closed = append(r.closed, ds...)
}

// filesSummary is the closing line of a run over files: what became of
// every one.
func (r *reporter) filesSummary() string {
	seen := r.counts[stateParsed] + r.counts[stateSkipped] + r.counts[stateFailed]
	return fmt.Sprintf("%s: %d parsed %s, %d skipped, %d failed; %s",
		plural(seen, "file", "files"), r.counts[stateParsed], r.kindCounts(),
		r.counts[stateSkipped], r.counts[stateFailed], r.diagnosticCounts())
}

// archivesSummary is the closing line of a run over files and archives
// (the records of archives of them): what became of every input, and the
// records skipped by reason.
func (r *reporter) archivesSummary(archives int) string {
	seen := r.counts[stateParsed] + r.counts[stateSkipped] + r.counts[stateFailed]
	inputs := plural(r.records, "record", "records") + " of " + plural(archives, "archive", "archives")
	if files := seen - r.records; files > 0 {
		inputs = plural(files, "file", "files") + " and " + inputs
	}
	skipped := fmt.Sprint(r.counts[stateSkipped], " skipped")
	if reasons := r.skippedReasons(); reasons != "" {
		skipped += " (" + reasons + ")"
	}
	return fmt.Sprintf("%s: %d parsed %s, %s, %d failed; %s",
		inputs, r.counts[stateParsed], r.kindCounts(), skipped, r.counts[stateFailed], r.diagnosticCounts())
}

// skippedReasons lists the records skipped by reason, most first, and the
// other inputs skipped: "15 request, 2 http-status, 1 file".
func (r *reporter) skippedReasons() string {
	reasons := slices.Collect(maps.Keys(r.skippedRecords))
	slices.SortFunc(reasons, func(a, b string) int {
		return cmp.Or(cmp.Compare(r.skippedRecords[b], r.skippedRecords[a]), cmp.Compare(a, b))
	})
	var parts []string
	others := r.counts[stateSkipped]
	for _, reason := range reasons {
		parts = append(parts, fmt.Sprintf("%d %s", r.skippedRecords[reason], reason))
		others -= r.skippedRecords[reason]
	}
	if others > 0 {
		parts = append(parts, plural(others, "other", "others"))
	}
	return strings.Join(parts, ", ")
}

// kindCounts is the summary's "(N projects, N news, N pages)".
func (r *reporter) kindCounts() string {
	return fmt.Sprintf("(%s, %s, %s)", plural(r.kinds[model.KindProject], "project", "projects"),
		plural(r.kinds[model.KindNews], "news", "news"), plural(r.kinds[model.KindPage], "page", "pages"))
}

// diagnosticCounts is the summary's "N errors, N warnings", and how many
// items --redact took out.
func (r *reporter) diagnosticCounts() string {
	s := plural(r.errors, "error", "errors") + ", " + plural(r.warnings, "warning", "warnings")
	if r.redact {
		s += "; " + plural(r.redacted, "item", "items") + " redacted"
	}
	return s
}

// exit returns the run's error for Main: nil for exit 0, or errInputs.
func (r *reporter) exit() error {
	if r.errors > 0 || r.counts[stateFailed] > 0 || (r.diag.strict && r.warnings > 0) {
		return errInputs
	}
	return nil
}

// finish ends a run whatever became of it: it writes the --report file
// (also when the run failed or was interrupted, so that CI learns what
// happened to the inputs reached), prints the summary line, and returns
// the error for Main: err when the run failed, else the verdict on the
// inputs.
func (r *reporter) finish(ctx context.Context, err error) error {
	if r.report != "" {
		// Interrupted only when the signal cut the run short: one that
		// came once the work was done changes nothing of it.
		cut := cutShort(err)
		rep := r.runReport(cut == errInterrupted.msg, cut)
		if werr := writeReport(r.stdio.path(r.report), r.stdio.Out, r.stdio.interrupt.registry(), rep); werr != nil {
			werr = failedf("cannot write report %s: %v", r.report, describeError(werr))
			if err != nil {
				fmt.Fprintf(r.w, "iomparse: %s\n", model.EscapeControls(werr.Error())) // err is the one Main prints
			} else {
				err = werr
			}
		}
	}
	fmt.Fprintln(r.w, r.summary(r))
	if err != nil {
		return err
	}
	return r.exit()
}

// runReport is the --report file: what became of every input, in input
// order, and the totals, where Seen = Parsed + Skipped + Failed always.
type runReport struct {
	Files  []fileReport `json:"files"`
	Totals reportTotals `json:"totals"`
	// Interrupted is set when a signal ended the run early: Files then
	// lists only the inputs reached.
	Interrupted bool `json:"interrupted,omitempty"`
	// CutShort says why the run stopped before its end, when it did: a
	// signal ("interrupted"), an output that could not be written. Files
	// then lists the inputs accounted for until then.
	CutShort string `json:"cut_short,omitempty"`
}

// cutShort is the report's CutShort for a run that ended with err: ""
// when it ran to its end.
func cutShort(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return errInterrupted.msg
	case errors.Is(err, errClosedPipe) || errors.Is(err, syscall.EPIPE):
		return "output closed (broken pipe)"
	}
	_, msg := exitStatus(err)
	return msg
}

// fileReport is one input's entry in the report: a file, or a line of
// one (pair). Kind is set when it was parsed, Reason when it was skipped or
// failed.
//
// An archive's record names its archive and offset, its URL and, when it
// was skipped, what its reason stands for (Detail: "HTTP 404 Not Found").
type fileReport struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	State   string `json:"state"`
	Kind    string `json:"kind,omitempty"`
	Reason  string `json:"reason,omitempty"`
	Detail  string `json:"detail,omitempty"`
	Archive string `json:"archive,omitempty"`
	Offset  *int64 `json:"offset,omitempty"` // a pointer: 0 is an offset
	URL     string `json:"url,omitempty"`
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
	// The records of web archives among the inputs seen, and those
	// skipped, by reason; absent when no archive was read.
	Records        int            `json:"records,omitempty"`
	SkippedRecords map[string]int `json:"skipped_records,omitempty"`
}

// fileReportOf is the report entry of one outcome.
func fileReportOf(o *outcome) fileReport {
	f := fileReport{Path: o.path, Line: o.line, State: o.state, Reason: o.reason}
	if o.record != nil {
		f.Kind = o.record.Kind
	}
	if a := o.archive; a != nil {
		f.Archive, f.Offset, f.URL = a.archive, &a.item.Offset, a.item.TargetURI
		if o.state == stateSkipped {
			f.Detail = a.item.Detail
		}
	}
	return f
}

// runReport builds the report from what the reporter has accounted for.
// Its Files share r.files' array, which later outcomes only append to.
func (r *reporter) runReport(interrupted bool, cut string) runReport {
	r.mu.Lock()
	defer r.mu.Unlock()
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
			Records: r.records, SkippedRecords: r.skippedRecords,
		},
		Interrupted: interrupted,
		CutShort:    cut,
	}
}

// writeReport writes the report to path atomically, like -o: a reader
// never sees half a report, and a failed write leaves an old one in place.
// A path naming standard output (/dev/stdout) writes it to stdout.
func writeReport(path string, stdout io.Writer, g *outfile.Registry, rep runReport) error {
	b, err := encode.JSON(rep, "")
	if err != nil {
		return err
	}
	out, err := outfile.Open(path, stdout, g)
	if err != nil {
		return err
	}
	defer out.Abort() // removes the temporary file unless committed
	if _, err := out.Write(append(b, '\n')); err != nil {
		return err
	}
	return out.Commit()
}
