// Package warc reads web archives (WARC files, as wget --warc-file,
// Heritrix, Browsertrix or Common Crawl write them) as a stream of items,
// one per record in archive order: the pages to parse, with their bytes
// decoded and the facts a crawl knows about them (URL, fetch date, HTTP
// status and charset), and every other record with the reason it is
// skipped, so that a caller can count them in its report.
//
// An archive is plain (.warc) or gzip-compressed (.warc.gz), told apart by
// its first bytes, not by its name. A record is named by its byte offset
// in the archive, that of its gzip member in a .warc.gz, as WARC indexes
// (CDX) name it: see [Item.Name].
//
// Archives break: a download cut short, a disk error, a record whose
// Content-Length is wrong. A record that cannot be read is one error,
// a [*RecordError] with its offset, and reading goes on with the next
// record found after it (the next gzip member, or the next "WARC/1.x"
// version line), so nothing before or after it is lost. Memory is bounded
// by [Reader.MaxBytes]: a larger record is skipped without being held.
// (So a plain archive's record over MaxBytes that is also cut short can
// only be searched for the records it ran into within its last 64 KiB.)
//
// github.com/nlnwa/gowarc/v3 parses each record's header. The rest is
// done here: the framing, because gowarc's file reader reads a whole block
// before its size can be checked, loses the record after a truncated one,
// and reads only the first record of a gzip member that holds several; the
// block digest and the HTTP message (with net/http), because gowarc's
// parse of a whole record empties the header fields its validation
// refuses (wget's WARC 1.0 "<URI>"), and copies each block to parse it
// again: reading our fixture crawl through it allocated seven times the
// bytes.
package warc

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"iter"
	"os"
	"strconv"
	"time"

	"compress/gzip"

	"github.com/klauspost/compress/zstd"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// DefaultMaxBytes is the size limit of a Reader whose MaxBytes is not set,
// the same as iomparse's --max-bytes for a file.
const DefaultMaxBytes = 16 << 20

// Item is what the reader made of one record.
type Item struct {
	// Offset is the record's byte offset in the archive; in a .warc.gz,
	// that of the gzip member holding it.
	Offset int64
	// InMember is the record's offset in the decompressed bytes of its
	// gzip member. It is 0 but for a member that holds several records
	// (an archive gzipped whole, against the standard's advice), so
	// always 0 for archives written a record per member, as crawlers
	// write them, and for plain archives.
	InMember int64

	Type        string    // WARC-Type: response, resource, request, …
	RecordID    string    // WARC-Record-ID, without the angle brackets
	TargetURI   string    // WARC-Target-URI, without WARC 1.0's angle brackets
	Date        time.Time // WARC-Date: when the crawler fetched the page; zero when absent or unreadable
	Status      int       // HTTP status code; 0 for a resource record, or a record without an HTTP response
	ContentType string    // Content-Type of the HTTP response (of the record, for a resource), as written
	// Charset is the charset parameter of ContentType, lower case, or ""
	// when it has none. The server's word comes before the page's own
	// declaration, so a caller decodes Body with it when it is set.
	Charset string

	// Reason is empty for a page, and otherwise says why the record is
	// not one; Detail tells more for a person (a status line, a media
	// type, a size).
	Reason Reason
	Detail string

	// Body holds a page's bytes with HTTP chunked transfer and content
	// encoding decoded, in the page's own charset. It belongs to the
	// caller; nil for a record that is not a page.
	Body []byte
}

// Name is how a caller names the record of the archive at path in
// diagnostics and sources: "crawl.warc.gz#3162", or "crawl.warc.gz#0+5292"
// for a record after the first of its gzip member (see InMember).
func (it Item) Name(path string) string {
	name := path + "#" + strconv.FormatInt(it.Offset, 10)
	if it.InMember > 0 {
		name += "+" + strconv.FormatInt(it.InMember, 10)
	}
	return name
}

// Reason says why a record is not a page. Callers count records by it.
type Reason string

// Reasons a record is skipped.
const (
	// By the record's type: the archive's own description, a request the
	// crawler sent, its notes on another record, a page fetched again and
	// found unchanged (its content is in another record), and the types
	// that hold no page (conversion, continuation, unknown ones).
	ReasonWarcinfo  Reason = "warcinfo"
	ReasonRequest   Reason = "request"
	ReasonMetadata  Reason = "metadata"
	ReasonRevisit   Reason = "revisit"
	ReasonOtherType Reason = "record-type"

	// A payload neither HTML nor text (an image, JSON, CSV, …), or a
	// resource that is not from the web (a crawler's log).
	ReasonNotPage Reason = "not-a-page"
	// An HTTP status other than 200: an error page, or a redirect (its
	// target, when crawled, is a record of its own).
	ReasonStatus Reason = "http-status"
	// A block, or a page once decoded, over MaxBytes.
	ReasonTooLarge Reason = "too-large"
	// A Content-Encoding this reader does not decode (br).
	ReasonEncoding Reason = "encoding"
	// A page the crawler marked truncated (WARC-Truncated), or whose HTTP
	// body is shorter than it says.
	ReasonTruncated Reason = "truncated"
	// A record split over several (WARC-Segment-Number): not joined.
	ReasonSegmented Reason = "segmented"
	// A whole record whose HTTP message cannot be read: a malformed
	// header or chunked framing, content that does not decompress.
	ReasonBadHTTP Reason = "bad-http"
)

// Kinds of RecordError, to match with errors.Is.
var (
	// ErrTruncated: the archive or a gzip member ends inside the record.
	ErrTruncated = errors.New("truncated record")
	// ErrGzip: the record's gzip member does not decompress (bad
	// header, corrupt data, wrong checksum).
	ErrGzip = errors.New("corrupt gzip member")
	// ErrMalformed: the bytes are not a well-formed WARC record (no
	// version line, no Content-Length, no end-of-record marker after
	// the block, a header the parser refuses).
	ErrMalformed = errors.New("malformed record")
	// ErrDigest: the record's block does not match its WARC-Block-Digest.
	ErrDigest = errors.New("block digest mismatch")
)

// RecordError is the error of a record that cannot be read. Reading goes
// on after it: Next may be called again.
type RecordError struct {
	Offset   int64 // as Item.Offset
	InMember int64 // as Item.InMember
	Err      error // wraps ErrTruncated, ErrGzip, ErrMalformed or ErrDigest
}

func (e *RecordError) Error() string {
	at := strconv.FormatInt(e.Offset, 10)
	if e.InMember > 0 {
		at += "+" + strconv.FormatInt(e.InMember, 10)
	}
	return "WARC record at offset " + at + ": " + e.Err.Error()
}

func (e *RecordError) Unwrap() error { return e.Err }

// Reader reads the items of one archive. Like a csv.Reader, a Reader
// belongs to one goroutine; its items' Body do not share memory with it.
type Reader struct {
	// MaxBytes bounds a record's block and a page's decoded bytes: a
	// record over it is skipped (ReasonTooLarge) after being read past,
	// never held whole. At most a few times MaxBytes are held at once.
	// Zero means DefaultMaxBytes. Set it before the first call to Next.
	MaxBytes int64

	raw     *source // the archive's bytes
	file    *os.File
	started bool
	gzipped bool
	fatal   error // an error that ends the archive, returned from then on

	// Set after a failure: the next record is searched for, in the
	// member's bytes (scanMember) or in the archive's (scanRaw).
	scanRaw, scanMember bool

	// The gzip member being read, in a .warc.gz.
	zr        *gzip.Reader
	member    *source
	inMember  bool
	memberOff int64

	stash *result // what the search after a failure found, returned next

	parseHeader gowarc.Unmarshaler
	br          *bufio.Reader // reused to parse record headers
	hbr         *bufio.Reader // reused to read HTTP messages
	zstd        *zstd.Decoder // made at the first zstd page
}

type result struct {
	item Item
	err  error
}

// NewReader returns a Reader of the archive r, plain or gzip-compressed.
func NewReader(r io.Reader) *Reader {
	return &Reader{raw: newSource(r, 0)}
}

// Open opens the archive file name; Close closes it.
func Open(name string) (*Reader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	r := NewReader(f)
	r.file = f
	return r, nil
}

// Close releases the reader, and closes the file if Open opened it (a
// reader from NewReader leaves its io.Reader to the caller).
func (r *Reader) Close() error {
	if r.zstd != nil {
		r.zstd.Close()
		r.zstd = nil
	}
	if r.file != nil {
		return r.file.Close()
	}
	return nil
}

// Next returns the next item. At the end of the archive it returns io.EOF.
// A record that cannot be read gives a *RecordError, with an Item that
// holds only its offsets, and the next call reads on. Any other error
// (the archive could not be read) ends the archive and is returned from
// then on.
func (r *Reader) Next() (Item, error) {
	if r.stash != nil {
		s := r.stash
		r.stash = nil
		return s.item, s.err
	}
	if r.fatal != nil {
		return Item{}, r.fatal
	}
	if !r.started {
		r.start()
	}
	it, err := r.attempt()
	var re *RecordError
	if !errors.As(err, &re) || !r.scanning() {
		return it, err
	}
	// Search on for the next record; the candidates that fail on the
	// way are part of the same broken stretch, reported once.
	for {
		next, err := r.attempt()
		if errors.As(err, new(*RecordError)) && r.scanning() {
			continue
		}
		if err != io.EOF {
			r.stash = &result{next, err}
		}
		return it, re
	}
}

// All iterates over the archive's items and errors as Next returns them,
// until the end of the archive or an error that ends it.
func (r *Reader) All() iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		for {
			it, err := r.Next()
			if err == io.EOF || !yield(it, err) {
				return
			}
			if err != nil && !errors.As(err, new(*RecordError)) {
				return
			}
		}
	}
}

// start sets the limits and tells a gzip-compressed archive by its first
// bytes.
func (r *Reader) start() {
	r.started = true
	if r.MaxBytes <= 0 {
		r.MaxBytes = DefaultMaxBytes
	}
	keep := int(min(r.MaxBytes, 1<<40)) + maxHeader + 8 // a record within the limit, whole
	r.raw.keep = keep
	_ = r.raw.fill(len(gzipMagic)) // a short or failed start is met again by the first record
	r.gzipped = bytes.HasPrefix(r.raw.buf[:r.raw.end], gzipMagic)
	if r.gzipped {
		r.member = newSource(nil, keep)
	}
	r.parseHeader = gowarc.NewUnmarshaler(gowarc.WithNoValidation())
	r.br = bufio.NewReaderSize(nil, 16<<10)
	r.hbr = bufio.NewReader(nil)
}

func (r *Reader) scanning() bool { return r.scanRaw || r.scanMember }

// attempt reads the next record, searching for it first after a failure.
func (r *Reader) attempt() (Item, error) {
	if r.gzipped {
		return r.attemptMember()
	}
	if r.scanRaw {
		r.scanRaw = false
		if !r.raw.scanRecord() {
			return Item{}, r.end(r.raw)
		}
	}
	f, err := frameRecord(r.raw, r.MaxBytes)
	switch {
	case err == errStream:
		return Item{}, r.end(r.raw)
	case err == io.EOF:
		return Item{}, io.EOF
	case err != nil:
		r.raw.rewind(max(f.start+1, r.raw.oldest()))
		r.scanRaw = true
		return Item{Offset: f.start}, &RecordError{Offset: f.start, Err: err}
	}
	return r.item(f, f.start, 0)
}

// attemptMember reads the next record of a .warc.gz, from the current
// gzip member or the next one.
func (r *Reader) attemptMember() (Item, error) {
	for {
		if !r.inMember {
			if r.scanRaw {
				r.scanRaw = false
				if !r.raw.scanGzip() {
					return Item{}, r.end(r.raw)
				}
			}
			if !r.raw.fill(1) {
				return Item{}, r.end(r.raw)
			}
			off := r.raw.offset()
			if err := r.openMember(); err != nil {
				if r.raw.broken() {
					return Item{}, r.end(r.raw)
				}
				return r.memberFailed(off, 0, err)
			}
		}
		if r.scanMember {
			r.scanMember = false
			if !r.member.scanRecord() && r.member.broken() {
				return r.memberFailed(r.memberOff, r.member.offset(), r.member.err)
			}
		}
		f, err := frameRecord(r.member, r.MaxBytes)
		switch {
		case err == io.EOF: // the member ended, its checksum right
			r.inMember = false
			continue
		case err == errStream:
			return r.memberFailed(r.memberOff, f.start, r.member.err)
		case err != nil:
			r.member.rewind(max(f.start+1, r.member.oldest()))
			r.scanMember = true
			return Item{Offset: r.memberOff, InMember: f.start}, &RecordError{Offset: r.memberOff, InMember: f.start, Err: err}
		}
		it, err := r.item(f, r.memberOff, f.start)
		// The gzip reader checks a member's checksum at its end: read to
		// it now when the record is the member's last (the usual case of
		// one record per member), so that no record of a corrupt member
		// is given out.
		for r.member.fill(1) && (r.member.buf[r.member.pos] == '\r' || r.member.buf[r.member.pos] == '\n') {
			r.member.pos++
		}
		if r.member.broken() {
			return r.memberFailed(r.memberOff, f.start, r.member.err)
		}
		return it, err
	}
}

// openMember starts decompressing the gzip member at the read position.
func (r *Reader) openMember() error {
	r.memberOff = r.raw.offset()
	var err error
	if r.zr == nil {
		r.zr, err = gzip.NewReader(r.raw)
	} else {
		err = r.zr.Reset(r.raw)
	}
	if err != nil {
		return err
	}
	r.zr.Multistream(false)
	r.member.reset(r.zr)
	r.inMember = true
	return nil
}

// memberFailed reports the gzip member at off as broken, with the offset
// in it of the record it broke, and goes back to search the archive's
// bytes for the next member: a member cut short is decompressed into the
// next one before the damage shows.
func (r *Reader) memberFailed(off, inMember int64, cause error) (Item, error) {
	if r.raw.broken() {
		return Item{}, r.end(r.raw)
	}
	r.inMember, r.scanMember = false, false
	r.raw.rewind(max(off+1, r.raw.oldest()))
	r.scanRaw = true
	err := wrap(ErrGzip, cause.Error())
	if errors.Is(cause, io.ErrUnexpectedEOF) || errors.Is(cause, io.EOF) {
		err = wrap(ErrTruncated, "the archive ends inside its gzip member")
	}
	return Item{Offset: off, InMember: inMember}, &RecordError{Offset: off, InMember: inMember, Err: err}
}

// end is the error at the end of the archive: io.EOF, or the error that
// stopped reading it, which ends it for good.
func (r *Reader) end(s *source) error {
	if s.broken() {
		r.fatal = s.err
		return s.err
	}
	return io.EOF
}
