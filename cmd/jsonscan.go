package cmd

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// What pair (and diff, for a side that is records) reads: the JSON that
// iomparse writes, in any of its shapes. An input is looked at once, at its
// start, and read in one of two ways:
//
//   - JSON Lines (parse's and ingest's -f jsonl, -f jsonl-keyed, Hadoop's
//     "key<TAB>record"): one record a line, cut by readLines, each line an
//     input of its own, blank lines included, as pair always read them;
//   - JSON values that span lines: the array of -f json, jq's indented
//     output, any whitespace-separated stream of values, as jq reads them:
//     cut by valueScanner, each value an input, numbered by the line it
//     starts on.
//
// Either way the listing goroutine only cuts the stream, and the workers
// decode what it cut: an array of 100,000 records is never in memory
// whole. A gzip stream (told by its magic bytes, not by a name) is read
// through. An input that is not JSON at all (CSV, YAML, a page, binary
// data) is one error that says what pair reads, not an error a line.

// recordsLayout is how an input holds its records, as sniffRecords tells.
type recordsLayout int

const (
	layoutLines   recordsLayout = iota // JSON Lines, keyed or not
	layoutValues                       // JSON values spread over lines, or an array
	layoutNotJSON                      // anything else
)

// sniffWindow is how much of an input sniffRecords looks at: enough for the
// first line of JSON Lines, unless its first record is huge (then the line
// is long, and long lines are JSON Lines).
const sniffWindow = 64 << 10

// notRecordsHint is what pair says of an input that is not JSON.
const notRecordsHint = "pair reads the JSON or JSON Lines that ingest and parse write"

var utf8BOM = []byte("\ufeff")

// sniffRecords tells how head, the first bytes of an input (all of it when
// shorter than sniffWindow), holds records. For an input that is not JSON
// it also returns the line where its text starts and what it looks like.
//
// JSON Lines is a first line that holds one whole value (or a key, a tab
// and a value); a value that goes on past its first line, or an array,
// makes the input JSON values. Blank input is JSON Lines: readLines reports
// its blank lines as it always has.
func sniffRecords(head []byte) (layout recordsLayout, line int, looks string) {
	if what := compressedAs(head); what != "" {
		return layoutNotJSON, 1, what
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	line = 1
	i := 0
	for ; i < len(head) && isJSONSpace(head[i]); i++ {
		if head[i] == '\n' {
			line++
		}
	}
	if i == len(head) {
		return layoutLines, 0, ""
	}
	start := bytes.LastIndexByte(head[:i], '\n') + 1
	first := head[start:]
	if end := bytes.IndexByte(first, '\n'); end >= 0 {
		first = first[:end]
	}
	if key, value, ok := bytes.Cut(first, []byte("\t")); ok { // a key before its record, as Hadoop passes it
		if len(bytes.TrimSpace(value)) == 0 {
			value = key // "record<TAB>": no key
		}
		if v := bytes.TrimLeft(value, " \r"); len(v) > 0 && v[0] == '{' {
			return layoutLines, 0, ""
		}
		return layoutNotJSON, line, looksLike(head[i:])
	}
	switch head[i] {
	case '[':
		return layoutValues, 0, ""
	case '{':
		var sc valueScanner
		sc.begin('{')
		n, _, _ := sc.step(head[i+1:])
		if bytes.IndexByte(head[i+1:i+1+n], '\n') >= 0 {
			return layoutValues, 0, "" // the value goes on to the next line
		}
		return layoutLines, 0, "" // whole on its line, or a line too long to see the end of
	}
	return layoutNotJSON, line, looksLike(head[i:])
}

// isJSONSpace reports whether c is white space between JSON values.
func isJSONSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// compressedAs names the compression of data that starts with the magic
// bytes of a format pair does not decompress, "" for any other data.
func compressedAs(head []byte) string {
	for _, m := range []struct{ magic, name string }{
		{"\x28\xb5\x2f\xfd", "zstd"}, {"BZh", "bzip2"}, {"\xfd7zXZ\x00", "xz"}, {"PK\x03\x04", "zip"},
	} {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return m.name + "-compressed data; decompress it first (gzip is read as it is)"
		}
	}
	return ""
}

// looksLike guesses what text that is not JSON is, for the error: a hint
// beats "invalid character". text starts at its first non-blank byte.
func looksLike(text []byte) string {
	first := text
	if end := bytes.IndexByte(first, '\n'); end >= 0 {
		first = first[:end]
	}
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

// notRecords is the reason of an input that is not JSON.
func notRecords(looks string) string {
	return fmt.Sprintf("not JSON records (this looks like %s): %s", looks, notRecordsHint)
}

// gunzipped returns br, or a reader of what it decompresses to when it
// starts with gzip's magic bytes: gzip is told by its content, so a
// compressed stream on standard input or a file named anything is read.
func gunzipped(br *bufio.Reader) (*bufio.Reader, error) {
	if magic, _ := br.Peek(2); !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return br, nil // a short or failed peek: the read that follows tells
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, gzipError(err)
	}
	return bufio.NewReaderSize(gzipReader{zr}, 64<<10), nil
}

// gzipReader names gzip in the errors of a compressed stream: a truncated
// one says only "unexpected EOF".
type gzipReader struct{ r *gzip.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("gzip: truncated data")
	case strings.HasPrefix(err.Error(), "gzip: "):
		return err
	}
	return fmt.Errorf("gzip: %w", err)
}

// scannedValue is one value valueScanner cut: its bytes, or the reason it
// is refused unread (too long, an array never closed).
type scannedValue struct {
	line   int
	data   []byte // the scanner's: valid until the next value
	reason string
}

// valueScanner cuts a stream of JSON values (the array of -f json, values
// separated by white space) into its values, and numbers each by the line
// it starts on. It follows only the structure (strings, escapes, nesting)
// and leaves checking each value to the decoder, on the workers: a
// malformed value is cut where its structure ends, and a line end inside
// a string (never valid JSON) ends a broken value, so one bad record does
// not swallow the rest. The values of a top-level array are its elements;
// commas between them are not checked. A value longer than max is
// refused, and its bytes are not kept.
type valueScanner struct {
	max  int64
	line int // the line being read, from 1

	inArray   bool // in a top-level array: its elements are the values
	arrayLine int

	// The value being read.
	inValue  bool
	inString bool
	escaped  bool
	depth    int // of objects and arrays; 0 in a string or a bare token
	start    int // its first line
	buf      []byte
	tooLong  bool
}

// scanValues reads r to its end and calls emit with each value, until emit
// returns false. It returns the error that stopped reading, if any.
func scanValues(r *bufio.Reader, max int64, emit func(scannedValue) bool) error {
	s := valueScanner{max: max, line: 1}
	first := true
	for {
		chunk, err := r.ReadSlice('\n')
		if first {
			chunk, first = bytes.TrimPrefix(chunk, utf8BOM), false
		}
		if !s.feed(chunk, emit) {
			return nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == io.EOF {
			s.end(emit)
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// begin starts a value whose first byte is c.
func (s *valueScanner) begin(c byte) {
	s.inValue, s.inString, s.escaped, s.depth, s.start, s.tooLong = true, false, false, 0, s.line, false
	s.buf = append(s.buf[:0], c)
	switch c {
	case '{', '[':
		s.depth = 1
	case '"':
		s.inString = true
	}
}

// feed scans chunk, and reports whether to go on.
func (s *valueScanner) feed(chunk []byte, emit func(scannedValue) bool) bool {
	for i := 0; i < len(chunk); {
		if s.inValue {
			n, done, broken := s.step(chunk[i:])
			s.keep(chunk[i : i+n])
			s.line += bytes.Count(chunk[i:i+n], []byte("\n"))
			i += n
			if done || broken {
				if !s.emit(emit) {
					return false
				}
			}
			continue
		}
		c := chunk[i]
		i++
		switch {
		case c == '\n':
			s.line++
		case isJSONSpace(c):
		case !s.inArray && c == '[':
			s.inArray, s.arrayLine = true, s.line
		case s.inArray && c == ',':
		case s.inArray && c == ']':
			s.inArray = false
		default:
			s.begin(c)
			if c != '{' && c != '[' && c != '"' && isDelimiter(c) { // a stray '}' or ',': a value of its own, refused by the decoder
				if !s.emit(emit) {
					return false
				}
			}
		}
	}
	return true
}

// step scans b, the rest of the value being read, and returns how many of
// its bytes belong to the value, and whether that ends it: done when its
// structure is complete, broken when a line end cuts one of its strings
// (the line end is not the value's).
func (s *valueScanner) step(b []byte) (n int, done, broken bool) {
	for k := 0; k < len(b); {
		switch {
		case s.escaped:
			s.escaped = false
			k++
		case s.inString:
			// Three searches of one byte each, which the runtime does a
			// vector at a time, beat one search of three bytes, done a
			// byte at a time: strings are most of a record.
			rest := b[k:]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				end = len(rest)
			}
			if e := bytes.IndexByte(rest[:end], '\\'); e >= 0 {
				end = e
			}
			if nl := bytes.IndexByte(rest[:end], '\n'); nl >= 0 {
				return k + nl, false, true
			}
			k += end
			switch {
			case k == len(b):
			case b[k] == '\\':
				s.escaped = true
				k++
			default:
				s.inString = false
				k++
				if s.depth == 0 {
					return k, true, false
				}
			}
		case s.depth == 0: // a bare token (a number, true, garbage) ends at a delimiter
			if isDelimiter(b[k]) {
				return k, true, false
			}
			k++
		default:
			switch b[k] {
			case ' ': // the indentation of -f json: runs of spaces
				for k++; k < len(b) && b[k] == ' '; k++ {
				}
				continue
			case '"':
				s.inString = true
			case '{', '[':
				s.depth++
			case '}', ']':
				s.depth--
				if s.depth == 0 {
					return k + 1, true, false
				}
			}
			k++
		}
	}
	return len(b), false, false
}

// isDelimiter reports whether c ends a bare token.
func isDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', '[', ']', '{', '}', '"':
		return true
	}
	return false
}

// keep adds part to the value, unless that makes it longer than max: then
// the value is refused, and nothing more of it is kept.
func (s *valueScanner) keep(part []byte) {
	if s.tooLong {
		return
	}
	if int64(len(s.buf)+len(part)) > s.max {
		s.tooLong, s.buf = true, s.buf[:0]
		return
	}
	s.buf = append(s.buf, part...)
}

// emit hands the value read on, and reports whether to go on.
func (s *valueScanner) emit(emit func(scannedValue) bool) bool {
	v := scannedValue{line: s.start, data: s.buf}
	if s.tooLong {
		v.data, v.reason = nil, fmt.Sprintf("record longer than --max-bytes (%d bytes)", s.max)
	}
	s.inValue = false
	return emit(v)
}

// end ends the stream: a value cut short is handed on as it is (the
// decoder calls it truncated), an array never closed is refused.
func (s *valueScanner) end(emit func(scannedValue) bool) {
	if s.inValue && !s.emit(emit) {
		return
	}
	if s.inArray {
		emit(scannedValue{line: s.arrayLine, reason: "truncated JSON: the array that starts here is not closed"})
	}
}
