package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/model"
)

// pairOptions are the options of pair.
type pairOptions struct {
	io     IO
	paths  []string
	in     inputFlags // strict, quiet, verbose and max-bytes (per line); jobs merges
	out    outputFlags
	filter recordFilter
}

func newPairCmd(stdio IO) *cobra.Command {
	opts := &pairOptions{io: stdio}
	c := &cobra.Command{
		Use:   "pair [FILE...]",
		Short: "Read records as JSON Lines, pair languages by Prima ID, write them (the reduce step)",
		Long: `Read records as JSON Lines, as parse writes them, pair the language versions
of each project by Prima ID, and write the records exactly as ingest would
have written them for the same pages, in the same order. parse is the map
step and pair the reduce step: any split of the pages, parsed separately and
concatenated in any order, pairs to the same output.

FILE is a file, a folder (its files read in lexical order, hidden ones
skipped: a Hadoop or Spark output folder), or - for standard input, which
is read when no FILE is given. A line may carry a key before a tab
("RW10P0522<TAB>{...}"), as parse -f jsonl-keyed writes it for the map step
of Hadoop Streaming and as Hadoop hands a reducer its input; the key is
ignored.

The diagnostics of the pages travel inside the records and were printed by
parse already; pair prints only what it finds itself: lines that are not
records (error, bad-record) and the conflicts between language versions
(warning, conflict), then a summary. The exit code follows those alone.`,
		Example: `  iomparse parse -f jsonl pages/ | iomparse pair -f jsonl > records.jsonl
  find pages -type f | parallel -X -j8 iomparse parse -q | iomparse pair > records.json`,
		Args: stdinOnce,
		RunE: func(c *cobra.Command, args []string) error {
			opts.paths = args
			return runPair(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.in.strict, "strict", false, "treat warnings as errors: exit 1 when pairing finds a conflict")
	c.Flags().BoolVarP(&opts.in.quiet, "quiet", "q", false, "print only errors and the summary")
	c.Flags().BoolVarP(&opts.in.verbose, "verbose", "v", false, "also print info diagnostics")
	c.Flags().Int64Var(&opts.in.maxBytes, "max-bytes", 256<<20, "refuse input lines longer than this many bytes")
	opts.in.jobs = runtime.NumCPU() // for merging; reading is sequential
	opts.out.register(c, "json")
	opts.filter.register(c)
	return c
}

// runPair reads every record, pairs them as ingest does (model.PairGroups
// and model.Merge, which is model.Pair over records held on disk), and
// writes them.
func runPair(ctx context.Context, opts *pairOptions) error {
	if err := opts.in.validate(); err != nil {
		return err
	}
	if err := opts.out.validate(); err != nil {
		return err
	}
	if err := opts.filter.validate(); err != nil {
		return err
	}
	paths := opts.paths
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	rep := newReporter(opts.io.ErrOut, &opts.in)
	rep.redact = opts.out.redact
	// The records wait on disk for pairing: memory holds only their keys.
	sp, err := newSpool()
	if err != nil {
		return &exitError{code: ExitInput, msg: err.Error()}
	}
	defer sp.close()
	rd := &recordReader{stdin: opts.io.In, maxLine: opts.in.maxBytes, rep: rep, spool: sp}
	for _, in := range collectInputs(ctx, paths) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := rd.readInput(in); err != nil {
			return &exitError{code: ExitInput, msg: err.Error()}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	out, err := openOutput(opts.out.output, opts.io.Out)
	if err != nil {
		return &exitError{code: ExitInput, msg: fmt.Sprintf("cannot write %s: %v", opts.out.output, describeError(err))}
	}
	defer out.abort() // removes the temporary file unless committed
	enc := encoders[opts.out.format](out)
	written, err := writePaired(ctx, sp, enc, &opts.filter, rep, opts.in.jobs)
	if err != nil {
		return err
	}
	if err := finishOutput(ctx, enc, out, opts.out.output); err != nil {
		return err
	}
	redacted := ""
	if rep.redact {
		redacted = "; " + plural(rep.redacted, "item", "items") + " redacted"
	}
	fmt.Fprintf(opts.io.ErrOut, "%s read (%s, %s, %s) from %s, %d bad; %s written; %s, %s%s\n",
		plural(rd.read, "record", "records"),
		plural(rep.kinds[model.KindProject], "project", "projects"), plural(rep.kinds[model.KindNews], "news", "news"),
		plural(rep.kinds[model.KindPage], "page", "pages"), plural(rd.inputs, "input", "inputs"), rd.bad,
		plural(written, "record", "records"), plural(rep.errors, "error", "errors"), plural(rep.warnings, "warning", "warnings"), redacted)
	if rep.errors > 0 || (opts.in.strict && rep.warnings > 0) {
		return errInputs
	}
	return nil
}

// recordReader reads records from JSON Lines inputs, reporting the lines
// that are not records and going on.
type recordReader struct {
	stdin   io.Reader
	maxLine int64
	rep     *reporter
	spool   *spool
	read    int // records read
	inputs  int // inputs read or tried
	bad     int // lines that were not records
}

// readInput reads one input's records into the spool. An input that cannot
// be read is reported as an error and the run goes on with the next; only
// failing to write the spool stops it.
func (rd *recordReader) readInput(in input) error {
	rd.inputs++
	if in.state != "" {
		rd.rep.diagnostics((&loader{}).refuse(in.path, in.state, in.reason).diags)
		return nil
	}
	r := rd.stdin
	if !in.stdin {
		f, err := os.Open(in.path)
		if err != nil {
			rd.rep.diagnostics((&loader{}).refuse(in.path, stateFailed, describeError(err)).diags)
			return nil
		}
		defer f.Close() // read-only: a close error loses nothing
		r = f
	}
	var spoolErr error
	err := readLines(r, rd.maxLine, func(no int, line []byte, tooLong bool) {
		if tooLong {
			rd.badLine(in.path, no, fmt.Sprintf("line longer than --max-bytes (%d bytes)", rd.maxLine))
			return
		}
		rec, err := decodeRecord(line)
		if err != nil {
			rd.badLine(in.path, no, err.Error())
			return
		}
		if rec != nil && spoolErr == nil {
			rd.read++
			rd.rep.kinds[rec.Kind]++
			if rd.rep.redact {
				rd.rep.redacted += model.Redact(rec)
			}
			spoolErr = rd.spool.add(rec)
		}
	})
	if spoolErr != nil {
		return spoolErr
	}
	if err != nil {
		rd.rep.diagnostics([]model.Diagnostic{{Severity: model.SeverityError, Code: model.CodeUnreadable, Path: in.path, Message: describeError(err)}})
	}
	return nil
}

func (rd *recordReader) badLine(path string, no int, msg string) {
	rd.bad++
	rd.rep.diagnostics([]model.Diagnostic{{Severity: model.SeverityError, Code: model.CodeBadRecord, Path: path, Line: no, Message: msg}})
}

// readLines calls fn with every line of r, without its line end, numbered
// from 1. A line longer than max is not kept: fn gets it empty, with
// tooLong set, and reading goes on after it.
func readLines(r io.Reader, max int64, fn func(no int, line []byte, tooLong bool)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	no, tooLong := 0, false
	for {
		chunk, err := br.ReadSlice('\n')
		if int64(len(buf)+len(chunk)) > max+1 { // +1: the '\n' is not part of the line
			tooLong, buf = true, buf[:0]
		} else if !tooLong {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(buf) > 0 || tooLong || (err == nil) {
			no++
			fn(no, bytes.TrimRight(buf, "\r\n"), tooLong)
		}
		buf, tooLong = buf[:0], false
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// decodeRecord reads one JSON Lines record. A blank line is no record and
// no error. A key before a tab, as Hadoop Streaming passes a reducer its
// input (and as -f jsonl-keyed writes), is dropped: compact JSON never holds
// a raw tab, so a tab can only separate a key from its record. Fields this version does not know are an error rather than
// silently lost, since pair must write what ingest would.
func decodeRecord(line []byte) (*model.Record, error) {
	line = bytes.TrimPrefix(line, []byte("\ufeff"))
	if key, value, ok := bytes.Cut(line, []byte("\t")); ok {
		line = value
		if len(bytes.TrimSpace(value)) == 0 {
			line = key // Hadoop Streaming's "record<TAB>" when the mapper wrote no key
		}
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var rec model.Record
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("not a record: %v", jsonError(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("not a record: more than one JSON value on the line")
	}
	if !slices.Contains(recordKinds, rec.Kind) {
		return nil, fmt.Errorf("not a record: kind %q is not one of project, news, page", rec.Kind)
	}
	return &rec, nil
}

// jsonError drops the "json: " prefix of encoding/json's messages.
func jsonError(err error) string {
	msg := err.Error()
	if len(msg) > 6 && msg[:6] == "json: " {
		return msg[6:]
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "truncated JSON"
	}
	return msg
}
