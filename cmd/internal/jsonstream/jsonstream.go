// Package jsonstream reads streams of JSON values as iomparse and jq write
// them, without holding a stream in memory: it tells how a stream holds its
// values from its first bytes (Sniff), reads through gzip (Gunzip), and cuts
// values spread over lines, or the elements of an array, one at a time,
// each numbered by the line it starts on (Scan). It follows the structure
// of the JSON only; decoding, and saying what is wrong with a value, is the
// caller's, so that it can run on many goroutines while one cuts.
package jsonstream

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Layout is how a stream holds its values, as Sniff tells.
type Layout int

const (
	Lines   Layout = iota // JSON Lines, a value a line, keyed ("key<TAB>value") or not
	Values                // values spread over lines, or an array: cut them with Scan
	NotJSON               // anything else
)

// SniffWindow is how much of a stream Sniff needs to see: enough for the
// first line of JSON Lines, unless its first value is huge (then the line
// is long, and long lines are JSON Lines).
const SniffWindow = 64 << 10

var utf8BOM = []byte("\ufeff")

// Sniff tells how head, the first bytes of a stream (all of it when
// shorter than SniffWindow), holds its values. For a stream that is not
// JSON it also returns the line where its text starts, and that text
// (from its first byte that is not white space), for the caller to say
// what it looks like; both are empty for compressed data (Compressed).
//
// JSON Lines is a first line that holds one whole value (or a key, a tab
// and a value); a value that goes on past its first line, or an array,
// makes the stream JSON values. Blank input is JSON Lines.
func Sniff(head []byte) (layout Layout, line int, text []byte) {
	if Compressed(head) != "" {
		return NotJSON, 1, nil
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
		return Lines, 0, nil
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
			return Lines, 0, nil
		}
		return NotJSON, line, head[i:]
	}
	switch head[i] {
	case '[':
		return Values, 0, nil
	case '{':
		var sc scanner
		sc.begin('{')
		n, _, _ := sc.step(head[i+1:])
		if bytes.IndexByte(head[i+1:i+1+n], '\n') >= 0 {
			return Values, 0, nil // the value goes on to the next line
		}
		return Lines, 0, nil // whole on its line, or a line too long to see the end of
	}
	return NotJSON, line, head[i:]
}

// isJSONSpace reports whether c is white space between JSON values.
func isJSONSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// IsGzip reports whether head starts with gzip's magic bytes.
func IsGzip(head []byte) bool { return bytes.HasPrefix(head, []byte{0x1f, 0x8b}) }

// Compressed names the compression format of data that starts with the
// magic bytes of one that Gunzip does not read (zstd, bzip2, xz, zip), ""
// for any other data.
func Compressed(head []byte) string {
	for _, m := range []struct{ magic, name string }{
		{"\x28\xb5\x2f\xfd", "zstd"}, {"BZh", "bzip2"}, {"\xfd7zXZ\x00", "xz"}, {"PK\x03\x04", "zip"},
	} {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return m.name
		}
	}
	return ""
}

// Gunzip returns br, or a reader of what it decompresses to when it
// starts with gzip's magic bytes: gzip is told by its content, so a
// compressed stream on standard input or a file named anything is read.
// The errors of a compressed stream say gzip.
func Gunzip(br *bufio.Reader) (*bufio.Reader, error) {
	if magic, _ := br.Peek(2); !IsGzip(magic) {
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

// Value is one value Scan cut: its bytes, or the reason it is refused
// unread (too long, an array never closed).
type Value struct {
	Line   int    // the line it starts on, from 1
	Data   []byte // the scanner's: valid until the next value
	Reason string
}

// scanner cuts a stream of JSON values (the array of -f json, values
// separated by white space) into its values, and numbers each by the line
// it starts on. It follows only the structure (strings, escapes, nesting)
// and leaves checking each value to the decoder, on the workers: a
// malformed value is cut where its structure ends, and a line end inside
// a string (never valid JSON) ends a broken value, so one bad record does
// not swallow the rest. The values of a top-level array are its elements;
// commas between them are not checked. A value longer than max is
// refused, and its bytes are not kept.
type scanner struct {
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

// Scan reads r to its end and calls emit with each value, until emit
// returns false. A value longer than max bytes is refused. It returns the
// error that stopped reading, if any.
func Scan(r *bufio.Reader, max int64, emit func(Value) bool) error {
	s := scanner{max: max, line: 1}
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
func (s *scanner) begin(c byte) {
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
func (s *scanner) feed(chunk []byte, emit func(Value) bool) bool {
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
func (s *scanner) step(b []byte) (n int, done, broken bool) {
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
func (s *scanner) keep(part []byte) {
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
func (s *scanner) emit(emit func(Value) bool) bool {
	v := Value{Line: s.start, Data: s.buf}
	if s.tooLong {
		v.Data, v.Reason = nil, fmt.Sprintf("record longer than --max-bytes (%d bytes)", s.max)
	}
	s.inValue = false
	return emit(v)
}

// end ends the stream: a value cut short is handed on as it is (the
// decoder calls it truncated), an array never closed is refused.
func (s *scanner) end(emit func(Value) bool) {
	if s.inValue && !s.emit(emit) {
		return
	}
	if s.inArray {
		emit(Value{Line: s.arrayLine, Reason: "truncated JSON: the array that starts here is not closed"})
	}
}
