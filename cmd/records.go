package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/jsonstream"
	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/model"
)

// recordSource is the source of pair (and of diff's sides that are
// records): the JSON iomparse writes, in any of its shapes, from the
// files, folders and standard input named on the command line. An input
// is looked at once, at its start (jsonstream.Sniff), and read one of two
// ways:
//
//   - JSON Lines (-f jsonl, -f jsonl-keyed, Hadoop's "key<TAB>record"): one
//     input a line, blank lines included, cut by readLines;
//   - JSON values spread over lines (the array of -f json, jq's indented
//     output, any whitespace-separated stream): one input a value,
//     numbered by the line it starts on, cut by jsonstream.Scan.
//
// Either way the lister only cuts the stream and the workers decode what it
// cut: an array of 100,000 records is never in memory whole. gzip is read
// through, told by its magic bytes. An input that is not JSON at all (CSV,
// YAML, a page) is one error that says what pair reads, not one a line.
type recordSource struct {
	stdio   IO
	sel     *walk.Selection
	maxLine int64
	bufs    bufpool.Pool // the lines, from the lister to the workers

	// Counted while listing, read by summary once the run is over: the
	// inputs read or tried, and those that failed as a whole (not found,
	// not readable), whose outcome is not a bad line.
	files      int
	unreadable int
}

func newRecordSource(stdio IO, paths []string, flags *readFlags) *recordSource {
	sel := flags.sel
	sel.Paths = paths
	if len(paths) == 0 && sel.FilesFrom == "" {
		sel.Paths = []string{"-"} // pair reads standard input when given no input
	}
	return &recordSource{stdio: stdio, sel: &sel, maxLine: flags.maxBytes}
}

// count is unknown: lines are counted only by reading them, and standard
// input can be read only once.
func (s *recordSource) count(context.Context) int { return -1 }

func (s *recordSource) inputs(ctx context.Context) iter.Seq[input] {
	return func(yield func(input) bool) {
		for in := range walkSelection(ctx, s.stdio, s.sel) {
			s.files++
			if !s.lines(in, yield) {
				return
			}
		}
	}
}

// lines yields the records of one input, and reports whether to go on:
// its lines when it is JSON Lines, its values when it is JSON spread over
// lines, or one failed input when it is not JSON. An
// input that cannot be opened, or that fails part way, is one more input,
// failed as a whole, after the records read from it.
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
		f, err := walk.Open(s.stdio.path(in.name()))
		if _, ok := errors.AsType[*walk.NotRegularError](err); ok {
			return whole(stateSkipped, err.Error()) // swapped in after the listing
		}
		if err != nil {
			return whole(stateFailed, describeError(err))
		}
		defer f.Close() // read-only: a close error loses nothing
		r = f
	}
	br, err := jsonstream.Gunzip(bufio.NewReaderSize(r, 64<<10))
	if err != nil {
		return whole(stateFailed, describeError(err))
	}
	// Peek clears the error it meets: a failed read is reported here.
	head, err := br.Peek(jsonstream.SniffWindow)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return whole(stateFailed, describeError(err))
	}
	stopped := false
	switch layout, line, text := jsonstream.Sniff(head); layout {
	case jsonstream.NotJSON:
		return yield(input{path: in.path, line: line, state: stateFailed, reason: notRecords(head, text)})
	case jsonstream.Values:
		err = jsonstream.Scan(br, s.maxLine, func(v jsonstream.Value) bool {
			l := input{path: in.path, line: v.Line}
			if v.Reason != "" {
				l.state, l.reason = stateFailed, v.Reason
			} else {
				l.data = append(s.bufs.Get(len(v.Data)), v.Data...) // the scanner's buffer serves the next value
			}
			stopped = !yield(l)
			return !stopped
		})
	default:
		err = readLines(br, s.maxLine, func(no int, line []byte, tooLong bool) bool {
			l := input{path: in.path, line: no}
			if tooLong {
				l.state, l.reason = stateFailed, fmt.Sprintf("line longer than --max-bytes (%d bytes)", s.maxLine)
			} else {
				v := lineValue(line)
				l.data = append(s.bufs.Get(len(v)), v...) // the reader's buffer serves the next line
			}
			stopped = !yield(l)
			return !stopped
		})
	}
	switch {
	case stopped:
		return false
	case err != nil:
		return whole(stateFailed, describeError(err))
	}
	return true
}

// lineValue is the record of one line of JSON Lines, without a byte-order
// mark and without a key before a tab, as Hadoop Streaming passes a
// reducer its input (and as -f jsonl-keyed writes): compact JSON never
// holds a raw tab, so a tab can only separate a key from its record.
func lineValue(line []byte) []byte {
	line = bytes.TrimPrefix(line, []byte("\ufeff"))
	if key, value, ok := bytes.Cut(line, []byte("\t")); ok {
		if len(bytes.TrimSpace(value)) == 0 {
			return key // Hadoop Streaming's "record<TAB>" when the mapper wrote no key
		}
		return value
	}
	return line
}

// closing finds nothing of the run as a whole: an empty input is a
// reducer's empty partition, no failure.
func (s *recordSource) closing(*reporter) []model.Diagnostic { return nil }

// load decodes one record: a line, or a value.
func (s *recordSource) load(_ context.Context, in input) outcome {
	switch {
	case in.line == 0: // an input refused as a whole while listing
		return refuse(in.path, in.state, in.reason)
	case in.state != "":
		return badLine(in.path, in.line, in.reason)
	}
	defer s.bufs.Put(in.data) // the decoder copies what it keeps
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

// notRecordsHint is what pair says of an input that is not JSON.
const notRecordsHint = "pair reads the JSON or JSON Lines that ingest and parse write"

// notRecords is the reason an input is refused when it is not JSON: what
// it looks like, and what pair reads. head is its start, text its first
// line that is not blank, as jsonstream.Sniff found them.
func notRecords(head, text []byte) string {
	return fmt.Sprintf("not JSON records (this looks like %s): %s", looksLike(head, text), notRecordsHint)
}

// looksLike guesses what an input that is not JSON is: a hint beats
// "invalid character".
func looksLike(head, text []byte) string {
	if format := jsonstream.Compressed(head); format != "" {
		return format + "-compressed data; decompress it first (gzip is read as it is)"
	}
	first, _, _ := bytes.Cut(text, []byte("\n"))
	line := strings.TrimSpace(string(first))
	switch {
	case isBinary(text):
		return "binary data"
	case strings.HasPrefix(line, "<"):
		return "HTML or XML"
	case line == "-":
		return "a page: read pages with ingest or parse"
	case strings.HasPrefix(line, "---") || strings.HasPrefix(line, "- ") || strings.Contains(line, ": "):
		return "YAML"
	case strings.Contains(line, ","):
		return "CSV"
	}
	return "text"
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

// decodeRecord reads one record: a line of JSON Lines without its key
// (lineValue), or a value valueScanner cut. Blank is no record and no
// error. Fields this version does not know, and a key given twice in one
// object (of which encoding/json would keep the last), are an error rather
// than silently lost, since pair must write what ingest would
// (model.DecodeRecord).
func decodeRecord(data []byte) (*model.Record, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	var rec model.Record
	switch err := model.DecodeRecord(data, &rec); {
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

// jsonError drops the "json: " prefix of encoding/json's messages, and
// says a value of the wrong type in JSON's terms rather than Go's.
func jsonError(err error) string {
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok && te.Type != nil {
		value, _, _ := strings.Cut(te.Value, " ") // "number 1.5"
		if te.Field == "" {
			return fmt.Sprintf("a JSON %s where a record (an object) is expected", value)
		}
		return fmt.Sprintf("%s is a JSON %s where %s is expected", te.Field, value, jsonKind(te.Type.Kind()))
	}
	msg := err.Error()
	if len(msg) > 6 && msg[:6] == "json: " {
		return msg[6:]
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "truncated JSON"
	}
	return msg
}

// jsonKind names in JSON's terms what a Go value of kind k is read from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "a number"
}
