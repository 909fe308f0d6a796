package warc

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// maxHeader bounds a record's WARC header (its version line and fields).
// Crawlers write a few hundred bytes; a longer header is taken for garbage.
const maxHeader = 32 << 10

// frame is one record as the framing found it, before it is parsed.
type frame struct {
	start  int64  // offset of the record in its stream
	whole  []byte // header, block and end marker, a slice of the source's buffer valid until it reads again; nil when the block is over the limit
	header []byte // the header; a copy when whole is nil
	length int64  // the block's length: the Content-Length field
}

// errStream marks a framing that stopped because the stream failed: the
// gzip member being decompressed is corrupt, or the archive could not be
// read. The source's err says which.
var errStream = errors.New("stream failed")

// frameRecord reads the record at s's read position, its block only when
// it is at most limit bytes, and leaves the position after it. It returns
// io.EOF at the stream's clean end, errStream when the stream failed, or
// an error wrapping ErrMalformed or ErrTruncated when the bytes there are
// not a whole record; f.start is the record's offset in every case.
//
// The record's extent is its header's Content-Length. A block within the
// limit is read whole and must be followed by the end-of-record marker, so
// that a record cut short, whose Content-Length runs into the records after
// it, is caught here, and the caller can search its bytes for them.
func frameRecord(s *source, limit int64) (f frame, err error) {
	// Blank lines between records are tolerated: some writers add them.
	for {
		if s.pos == s.end && !s.fill(1) {
			return frame{start: s.offset()}, streamEnd(s)
		}
		if c := s.buf[s.pos]; c != '\r' && c != '\n' {
			break
		}
		s.pos++
	}
	f.start = s.offset()
	s.setMark()
	if !s.fill(len("WARC/")) && s.broken() {
		return f, errStream
	}
	if !bytes.HasPrefix(s.buf[s.pos:s.end], []byte("WARC/")) {
		if s.end-s.pos < len("WARC/") && bytes.HasPrefix([]byte("WARC/"), s.buf[s.pos:s.end]) {
			return f, fmt.Errorf("%w: the data ends inside the record's version line", ErrTruncated)
		}
		return f, fmt.Errorf("%w: not a WARC record (no WARC/ version line)", ErrMalformed)
	}
	hlen, err := headerLength(s)
	if err != nil {
		return f, err
	}
	length, err := contentLength(s.buf[s.pos : s.pos+hlen])
	if err != nil {
		return f, err
	}
	f.length = length

	if length > limit {
		// Over the limit: keep the header to describe the record, and
		// stream past the block without holding it.
		f.header = bytes.Clone(s.buf[s.pos : s.pos+hlen])
		s.pos += hlen
		if !s.skip(length) {
			return f, cutShort(s, "block")
		}
		if !s.fill(2) {
			return f, cutShort(s, "end-of-record marker")
		}
		_ = s.fill(4) // fewer bytes are judged by markerLength
		n := markerLength(s.buf[s.pos:min(s.end, s.pos+4)])
		if n == 0 {
			return f, errNoMarker
		}
		s.pos += n
		return f, nil
	}

	body := hlen + int(length)
	if !s.fill(body + 2) {
		return f, cutShort(s, "block")
	}
	_ = s.fill(body + 4) // a marker of two line feeds may end the archive
	n := markerLength(s.buf[s.pos+body : min(s.end, s.pos+body+4)])
	if n == 0 {
		return f, errNoMarker
	}
	f.whole = s.buf[s.pos : s.pos+body+n]
	f.header = f.whole[:hlen]
	s.pos += body + n
	return f, nil
}

// errNoMarker is the framing error of a block not followed by the
// end-of-record marker: the record was cut short, so its Content-Length
// ran into the next one, or the field is wrong.
var errNoMarker = fmt.Errorf("%w: no end-of-record marker after Content-Length bytes (the record is cut short, or its Content-Length is wrong)", ErrMalformed)

// streamEnd is the error of a stream that ended or failed where a record
// could start.
func streamEnd(s *source) error {
	if s.broken() {
		return errStream
	}
	return s.err // io.EOF
}

// cutShort is the error of a record whose part what is missing: the
// archive (or in a .warc.gz, the gzip member) ends inside it.
func cutShort(s *source, what string) error {
	if s.broken() {
		return errStream
	}
	return fmt.Errorf("%w: the data ends inside the record's %s", ErrTruncated, what)
}

// headerLength reads until the blank line that ends the header at the
// read position, and returns the header's length with that line.
func headerLength(s *source) (int, error) {
	start := s.offset()
	from := 0 // where the search for the next line feed resumes
	if s.blankFrom <= start && start < s.blankAt {
		from = int(s.blankAt - start) // searched already: no blank line before
	}
	for from <= maxHeader {
		if b := s.buf[s.pos:s.end]; from < len(b) {
			n := blankLine(b, from)
			if n >= 0 {
				s.searched += int64(n - from)
				// A later search may start before this blank line: it
				// resumes at its first line feed (or just before).
				s.blankFrom, s.blankAt = start, start+int64(max(n-3, 0))
				if n > maxHeader {
					break
				}
				return n, nil
			}
			// The last two bytes may start the blank line: search them
			// again with more.
			s.searched += int64(len(b) - from)
			from = max(from, len(b)-2)
			s.blankFrom, s.blankAt = start, start+int64(from)
		}
		if !s.fill(s.end - s.pos + 1) {
			return 0, cutShort(s, "header")
		}
	}
	return 0, fmt.Errorf("%w: header longer than %d bytes", ErrMalformed, maxHeader)
}

// blankLine returns the length of b up to the end of its first blank
// line after index from (a line feed followed by a line feed or CRLF), or
// -1 when b holds none.
func blankLine(b []byte, from int) int {
	for {
		i := bytes.IndexByte(b[from:], '\n')
		if i < 0 {
			return -1
		}
		next := from + i + 1 // start of the next line
		switch rest := b[next:]; {
		case len(rest) == 0, len(rest) == 1 && rest[0] == '\r':
			return -1 // whether that line is blank needs more bytes
		case rest[0] == '\n':
			return next + 1
		case rest[0] == '\r' && rest[1] == '\n':
			return next + 2
		}
		from = next
	}
}

// contentLength finds the Content-Length field of a header.
func contentLength(header []byte) (int64, error) {
	for line := range bytes.Lines(header) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			continue
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%w: Content-Length %q is not a length", ErrMalformed, bytes.TrimSpace(value))
		}
		return n, nil
	}
	return 0, fmt.Errorf("%w: no Content-Length field", ErrMalformed)
}

// markerLength is the length of the end-of-record marker at the start of
// b: two CRLF as the standard says, or two bare line feeds as some tools
// write; 0 when there is none.
func markerLength(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("\r\n\r\n")):
		return 4
	case bytes.HasPrefix(b, []byte("\n\n")):
		return 2
	}
	return 0
}
