package warc

import (
	"bytes"
	"io"
)

// window is how many bytes a source keeps behind its read position, so
// that reading can go back after a failure and find the next gzip member
// or record among the bytes the failed one consumed. A decompressor fed
// the bytes of the member after a truncated one fails within a deflate
// block, and the longest block that reads bytes unchecked (a stored one)
// is 64 KiB.
const window = 64<<10 + 1<<10

// rewindCredit is how many bytes rewinds may go back in all for each byte
// read from the stream. Reading on after a failure goes back once over a
// few KB; bytes crafted so that every candidate fails far from where it
// started would otherwise make the work grow with the square of the
// input. With the credit it stays linear: no input can stall a reader.
const rewindCredit = 2

// chunk is how much a source asks its reader for at a time.
const chunk = 64 << 10

// source reads a stream through a buffer that keeps what a rewind may
// need: the last window bytes always, and every byte since the mark as
// long as they number at most keep, so that a record within the size limit
// stays in one slice of the buffer, and a failed one can be searched for
// the record its bytes hid. It is an io.ByteReader, so a gzip reader on it
// reads no further than the member it decompresses.
type source struct {
	r    io.Reader
	buf  []byte
	base int64 // stream offset of buf[0]
	pos  int   // next byte to read
	end  int   // bytes held in buf
	mark int   // index of the first byte kept for the current record, or -1
	keep int
	err  error // sticky error of r: io.EOF at its end

	credit int64 // bytes rewinds may still go back (see rewindCredit)

	// What reading cost, in bytes, for the test that holds it linear in
	// the input: read from r, gone back over, searched for a record's
	// start or a header's end, moved within buf.
	fetched, rewound, searched, moved int64

	// The last search for the blank line ending a header, from blankFrom,
	// found none that starts before blankAt. A search from a later start
	// before blankAt resumes there, so that the candidates after a failure
	// do not each search the same bytes again.
	blankFrom, blankAt int64
}

func newSource(r io.Reader, keep int) *source {
	return &source{r: r, mark: -1, keep: keep}
}

// reset starts s over on r at offset 0, keeping its buffer.
func (s *source) reset(r io.Reader) {
	*s = source{r: r, buf: s.buf, mark: -1, keep: s.keep,
		fetched: s.fetched, rewound: s.rewound, searched: s.searched, moved: s.moved}
}

// offset is the stream offset of the next byte to read.
func (s *source) offset() int64 { return s.base + int64(s.pos) }

// oldest is the stream offset of the oldest byte a rewind can reach.
func (s *source) oldest() int64 { return s.base }

// broken reports whether the reader failed other than by ending.
func (s *source) broken() bool { return s.err != nil && s.err != io.EOF }

// setMark keeps the bytes from the read position on (up to keep of them).
func (s *source) setMark() { s.mark = s.pos }

// rewind moves the read position back to offset off, or as near it as the
// bytes held and the credit allow, or forward to it within the bytes held.
func (s *source) rewind(off int64) {
	back := s.offset() - off
	if back > s.credit {
		back = s.credit
	}
	s.credit -= max(back, 0)
	s.rewound += max(back, 0)
	off = min(max(s.offset()-back, s.base), s.base+int64(s.end))
	s.pos = int(off - s.base)
}

// fill reads until n bytes past the read position are held, and reports
// whether they are; when not, s.err says why.
func (s *source) fill(n int) bool {
	for s.end-s.pos < n {
		if s.err != nil {
			return false
		}
		s.more()
	}
	return true
}

// more makes room and reads once from r.
func (s *source) more() {
	if s.end == len(s.buf) {
		// Drop what no rewind can reach when that frees half the buffer,
		// else grow it: either way a byte is moved a bounded number of
		// times, however the reading goes.
		if lo := s.unreachable(); lo >= len(s.buf)/2 && lo > 0 {
			s.drop(lo)
		} else {
			grown := make([]byte, max(2*len(s.buf), chunk))
			s.moved += int64(copy(grown, s.buf[:s.end]))
			s.buf = grown
		}
	}
	// A reader may return 0, nil now and then; 100 in a row is a stall.
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:min(len(s.buf), s.end+chunk)])
		s.end += n
		s.fetched += int64(n)
		s.credit += rewindCredit * int64(n)
		if err != nil {
			s.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	s.err = io.ErrNoProgress
}

// unreachable is the index before which no rewind can reach any more.
func (s *source) unreachable() int {
	lo := s.pos - window
	if s.mark >= 0 {
		if s.pos-s.mark > s.keep {
			s.mark = -1 // the record outgrew the limit: it is skipped, not kept
		} else {
			lo = min(lo, s.mark)
		}
	}
	return max(lo, 0)
}

// drop forgets the bytes before index lo.
func (s *source) drop(lo int) {
	s.end = copy(s.buf, s.buf[lo:s.end])
	s.moved += int64(s.end)
	s.base += int64(lo)
	s.pos -= lo
	if s.mark >= 0 {
		s.mark -= lo
	}
}

// ReadByte implements io.ByteReader.
func (s *source) ReadByte() (byte, error) {
	if s.pos == s.end && !s.fill(1) {
		return 0, s.err
	}
	c := s.buf[s.pos]
	s.pos++
	return c, nil
}

// Read implements io.Reader.
func (s *source) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if s.pos == s.end && !s.fill(1) {
		return 0, s.err
	}
	n := copy(p, s.buf[s.pos:s.end])
	s.pos += n
	return n, nil
}

// skip reads past n bytes without keeping them, and reports whether there
// were that many.
func (s *source) skip(n int64) bool {
	for n > 0 {
		if s.pos == s.end && !s.fill(1) {
			return false
		}
		k := int(min(int64(s.end-s.pos), n))
		s.pos += k
		n -= int64(k)
	}
	return true
}

// scan moves the read position to the next place where sig starts and
// valid accepts the need bytes there (need ≥ len(sig)), and reports
// whether it found one; at the end of the stream it leaves the position
// there. Each byte is searched once.
func (s *source) scan(sig []byte, need int, valid func([]byte) bool) bool {
	for {
		i := bytes.Index(s.buf[s.pos:s.end], sig)
		if i < 0 {
			s.searched += int64(s.end - s.pos)
			// Keep the tail that may start sig, and read on.
			s.pos = max(s.pos, s.end-len(sig)+1)
			if !s.fill(len(sig)) {
				s.pos = s.end
				return false
			}
			continue
		}
		s.searched += int64(i + 1)
		s.pos += i
		if s.fill(need) && valid(s.buf[s.pos:s.pos+need]) {
			return true
		}
		s.pos++
	}
}

// gzipMagic starts a gzip member: ID1, ID2 and CM (deflate).
var gzipMagic = []byte{0x1f, 0x8b, 0x08}

// scanGzip moves to the next gzip member header: the magic bytes and a
// flag byte whose reserved bits are clear.
func (s *source) scanGzip() bool {
	return s.scan(gzipMagic, 4, func(b []byte) bool { return b[3]&0xe0 == 0 })
}

// versionLine starts a WARC record: "WARC/1.0" or "WARC/1.1" and the line's end.
var versionLine = []byte("WARC/1.")

// scanRecord moves to the next WARC version line ("WARC/1." a digit and
// a line end). The line need not start a line of the stream: a record cut
// short mid-line runs straight into the next one.
func (s *source) scanRecord() bool {
	return s.scan(versionLine, len(versionLine)+2, func(b []byte) bool {
		d, eol := b[len(versionLine)], b[len(versionLine)+1]
		return '0' <= d && d <= '9' && (eol == '\r' || eol == '\n')
	})
}
