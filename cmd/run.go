package cmd

import (
	"context"
	"fmt"
	"io"

	"github.com/iomparse/iomparse/model"
)

// runOptions are the options of ingest and parse.
type runOptions struct {
	io     IO
	paths  []string
	in     inputFlags
	out    outputFlags
	filter recordFilter
	pair   bool // ingest pairs language versions; parse does not
}

// runRecords parses every input and writes the records: one per page for
// parse, streamed in input order; paired by project for ingest.
func runRecords(ctx context.Context, opts *runOptions) (err error) {
	if err := opts.in.validate(); err != nil {
		return err
	}
	if err := opts.out.validate(); err != nil {
		return err
	}
	if err := opts.filter.validate(); err != nil {
		return err
	}
	rep := newReporter(opts.io.ErrOut, &opts.in)
	rep.redact = opts.out.redact
	defer func() { err = rep.finish(ctx, err) }() // the summary and --report, whatever happens next
	out, err := openOutput(opts.out.output, opts.io.Out)
	if err != nil {
		return &exitError{code: ExitInput, msg: fmt.Sprintf("cannot write %s: %v", opts.out.output, describeError(err))}
	}
	defer out.abort() // removes the temporary file unless committed
	enc := encoders[opts.out.format](out)

	// ingest keeps its records on disk until pairing: memory holds only
	// their keys, whatever the size of the corpus.
	var sp *spool
	if opts.pair {
		if sp, err = newSpool(); err != nil {
			return &exitError{code: ExitInput, msg: err.Error()}
		}
		defer sp.close()
	}
	raw, _ := enc.(rawEncoder)
	var encoded bufferPool // the records' JSON, from the workers to the writer
	prepare := func(o *outcome) {
		if o.record == nil {
			return
		}
		if opts.out.redact {
			o.redacted = model.Redact(o.record)
		}
		if opts.pair || raw != nil {
			o.encoded, o.encodeErr = o.record.AppendJSON(encoded.get(2048))
		}
	}
	err = parseInputs(ctx, opts.io, opts.paths, &opts.in, prepare, func(o outcome) error {
		defer encoded.put(o.encoded) // written or spooled (copied) by then
		rep.outcome(o)
		rep.redacted += o.redacted
		switch {
		case o.record == nil:
			return nil
		case o.encodeErr != nil:
			return o.encodeErr
		case opts.pair:
			return sp.addEncoded(o.encoded, o.record)
		case !opts.filter.match(o.record):
			return nil
		case raw != nil:
			return wrapWrite(raw.EncodeRaw(o.encoded))
		}
		return wrapWrite(enc.Encode(o.record))
	})
	if err != nil {
		return err
	}
	if opts.pair {
		if _, err := writePaired(ctx, sp, enc, &opts.filter, rep, opts.in.jobs); err != nil {
			return err
		}
	}
	return finishOutput(ctx, enc, out, opts.out.output)
}

// finishOutput closes the encoder and commits the output, unless the run
// was interrupted: then an existing target stays as it was.
func finishOutput(ctx context.Context, enc Encoder, out *output, path string) error {
	if err := enc.Close(); err != nil {
		return writeFailed(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := out.commit(); err != nil {
		return &exitError{code: ExitInput, msg: fmt.Sprintf("cannot write %s: %v", path, describeError(err))}
	}
	return nil
}

// reporter prints diagnostics as they come, counts what became of every
// input, and decides the exit code.
type reporter struct {
	w        io.Writer
	flags    *inputFlags
	counts   map[string]int // by state
	kinds    map[string]int // parsed records by kind
	errors   int
	warnings int
	redact   bool // --redact: the summary tells how many items were redacted
	redacted int
	files    []fileReport // every input in order, for --report
}

func newReporter(w io.Writer, flags *inputFlags) *reporter {
	return &reporter{w: w, flags: flags, counts: map[string]int{}, kinds: map[string]int{}}
}

// outcome accounts for one input and prints its diagnostics.
func (r *reporter) outcome(o outcome) { r.take(o, true) }

// count accounts for one input without printing anything.
func (r *reporter) count(o outcome) { r.take(o, false) }

// take records the state of one input (its count, its kind when parsed, its
// entry in the report) and its diagnostics.
func (r *reporter) take(o outcome, print bool) {
	r.counts[o.state]++
	if o.record != nil {
		r.kinds[o.record.Kind]++
		r.add(o.record.Diagnostics, print)
	}
	r.add(o.diags, print)
	if r.flags.report != "" {
		r.files = append(r.files, fileReportOf(o)) // kept only when asked for: it grows with the corpus
	}
}

// tally counts diagnostics by severity without printing them.
func (r *reporter) tally(ds []model.Diagnostic) { r.add(ds, false) }

// diagnostics counts diagnostics and prints them one a line: errors
// always, warnings unless --quiet, info only with --verbose.
func (r *reporter) diagnostics(ds []model.Diagnostic) { r.add(ds, true) }

func (r *reporter) add(ds []model.Diagnostic, print bool) {
	for _, d := range ds {
		show := r.flags.verbose
		switch d.Severity {
		case model.SeverityError:
			r.errors++
			show = true
		case model.SeverityWarning:
			r.warnings++
			show = !r.flags.quiet
		}
		if print && show {
			fmt.Fprintln(r.w, d.String())
		}
	}
}

// summary prints the closing line: what became of every input.
func (r *reporter) summary() {
	seen := r.counts[stateParsed] + r.counts[stateSkipped] + r.counts[stateFailed]
	redacted := ""
	if r.redact {
		redacted = "; " + plural(r.redacted, "item", "items") + " redacted"
	}
	fmt.Fprintf(r.w, "%s: %d parsed (%s, %s, %s), %d skipped, %d failed; %s, %s%s\n",
		plural(seen, "file", "files"), r.counts[stateParsed],
		plural(r.kinds[model.KindProject], "project", "projects"), plural(r.kinds[model.KindNews], "news", "news"),
		plural(r.kinds[model.KindPage], "page", "pages"), r.counts[stateSkipped], r.counts[stateFailed],
		plural(r.errors, "error", "errors"), plural(r.warnings, "warning", "warnings"), redacted)
}

// exit returns the run's error for Main: nil for exit 0, or errInputs.
func (r *reporter) exit() error {
	if r.errors > 0 || r.counts[stateFailed] > 0 || (r.flags.strict && r.warnings > 0) {
		return errInputs
	}
	return nil
}
