package cmd

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/iomparse/iomparse/model"
)

// recordSource is the source of pair: records read as JSON Lines from the
// files, folders and standard input named on the command line, one input a
// line. Lines are cut while listing, and decoded on the workers.
type recordSource struct {
	stdio   IO
	paths   []string
	maxLine int64
	bufs    bufferPool // the lines, from the lister to the workers

	// Counted while listing, read by summary once the run is over: the
	// inputs read or tried, and those that failed as a whole (not found,
	// not readable), whose outcome is not a bad line.
	files      int
	unreadable int
}

func newRecordSource(stdio IO, paths []string, flags *readFlags) *recordSource {
	if len(paths) == 0 {
		paths = []string{"-"} // pair reads standard input when given no input
	}
	return &recordSource{stdio: stdio, paths: paths, maxLine: flags.maxBytes}
}

// count is unknown: lines are counted only by reading them, and standard
// input can be read only once.
func (s *recordSource) count(context.Context) int { return -1 }

func (s *recordSource) inputs(ctx context.Context) iter.Seq[input] {
	return func(yield func(input) bool) {
		for in := range walkInputs(ctx, s.stdio, s.paths) {
			s.files++
			if !s.lines(in, yield) {
				return
			}
		}
	}
}

// lines yields the lines of one input, and reports whether to go on. An
// input that cannot be opened, or that fails part way, is one more input,
// failed as a whole, after the lines read from it.
func (s *recordSource) lines(in input, yield func(input) bool) bool {
	whole := func(state, reason string) bool {
		if state == stateFailed {
			s.unreadable++
		}
		return yield(input{path: in.path, state: state, reason: reason})
	}
	if in.state != "" {
		return whole(in.state, in.reason)
	}
	r := s.stdio.In
	if !in.stdin {
		f, err := openFile(s.stdio.path(in.name()))
		if _, ok := errors.AsType[*errNotRegular](err); ok {
			return whole(stateSkipped, err.Error()) // swapped in after the listing
		}
		if err != nil {
			return whole(stateFailed, describeError(err))
		}
		defer f.Close() // read-only: a close error loses nothing
		r = f
	}
	stopped := false
	err := readLines(r, s.maxLine, func(no int, line []byte, tooLong bool) bool {
		l := input{path: in.path, line: no}
		if tooLong {
			l.state, l.reason = stateFailed, fmt.Sprintf("line longer than --max-bytes (%d bytes)", s.maxLine)
		} else {
			l.data = append(s.bufs.get(len(line)), line...) // the reader's buffer serves the next line
		}
		stopped = !yield(l)
		return !stopped
	})
	switch {
	case stopped:
		return false
	case err != nil:
		return whole(stateFailed, describeError(err))
	}
	return true
}

// load decodes one line.
func (s *recordSource) load(_ context.Context, in input) outcome {
	switch {
	case in.line == 0: // an input refused as a whole while listing
		return refuse(in.path, in.state, in.reason)
	case in.state != "":
		return badLine(in.path, in.line, in.reason)
	}
	defer s.bufs.put(in.data) // the decoder copies what it keeps
	rec, err := decodeRecord(in.data)
	switch {
	case err != nil:
		return badLine(in.path, in.line, err.Error())
	case rec == nil:
		return outcome{path: in.path, line: in.line, state: stateSkipped, reason: "blank line"}
	}
	// The diagnostics the record carries were printed by parse: they are
	// not this run's to report again.
	return outcome{path: in.path, line: in.line, state: stateParsed, record: rec}
}

// badLine is the outcome of a line that is not a record.
func badLine(path string, line int, msg string) outcome {
	d := model.Diagnostic{Severity: model.SeverityError, Code: model.CodeBadRecord, Path: path, Line: line, Message: msg}
	return outcome{path: path, line: line, state: stateFailed, reason: msg, diags: []model.Diagnostic{d}}
}

// summary says what became of the records read and written.
func (s *recordSource) summary(r *reporter) string {
	return fmt.Sprintf("%s read %s from %s, %d bad; %s written; %s",
		plural(r.counts[stateParsed], "record", "records"), r.kindCounts(), plural(s.files, "input", "inputs"),
		r.counts[stateFailed]-s.unreadable, plural(r.written, "record", "records"), r.diagnosticCounts())
}

// readLines calls fn with every line of r, without its line end, numbered
// from 1, until fn returns false. A line longer than max is not kept: fn
// gets it empty, with tooLong set, and reading goes on after it.
func readLines(r io.Reader, max int64, fn func(no int, line []byte, tooLong bool) bool) error {
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
			if !fn(no, bytes.TrimRight(buf, "\r\n"), tooLong) {
				return nil
			}
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
// a raw tab, so a tab can only separate a key from its record. Fields this
// version does not know, and a key given twice in one object (of which
// encoding/json would keep the last), are an error rather than silently
// lost, since pair must write what ingest would (model.DecodeRecord).
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
	var rec model.Record
	switch err := model.DecodeRecord(line, &rec); {
	case errors.Is(err, model.ErrMoreThanOneValue):
		return nil, fmt.Errorf("not a record: more than one JSON value on the line")
	case err != nil:
		return nil, fmt.Errorf("not a record: %v", jsonError(err))
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
