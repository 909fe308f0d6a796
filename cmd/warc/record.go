package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/klauspost/compress/zstd"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// item parses the framed record f, found at off (and inMember in its gzip
// member), and makes its item.
func (r *Reader) item(f frame, off, inMember int64) (Item, error) {
	it := Item{Offset: off, InMember: inMember}
	fail := func(kind error, msg string) (Item, error) {
		return it, &RecordError{Offset: off, InMember: inMember, Err: wrap(kind, msg)}
	}
	h, err := r.header(f.header)
	if err != nil {
		return fail(ErrMalformed, err.Error())
	}
	describe(&it, h)
	// A record that cannot hold a page is judged by its header: its block
	// is neither read nor checked against its digest (in a .warc.gz the
	// gzip checksum still vouches for it).
	if it.Reason = typeReason(it.Type); it.Reason != "" {
		if it.Reason == ReasonOtherType {
			it.Detail = "WARC-Type " + it.Type
		}
		return it, nil
	}
	if f.whole == nil {
		it.Reason = ReasonTooLarge
		it.Detail = fmt.Sprintf("a block of %d bytes, over the limit of %d", f.length, r.MaxBytes)
		return it, nil
	}

	// The block is checked against its digest, the one check of a plain
	// archive's bytes (a .warc.gz has its gzip checksums too).
	block := f.whole[len(f.header) : len(f.header)+int(f.length)]
	if err := checkDigest(h.Get(gowarc.WarcBlockDigest), block); err != nil {
		return fail(ErrDigest, err.Error())
	}
	if it.Type == "response" {
		return r.response(it, h, block)
	}
	return r.resource(it, h, block)
}

// checkDigest holds a block to its WARC-Block-Digest field
// ("algorithm:value", the value in base 32, 16 or 64 as writers choose).
// No field, or an algorithm unknown here, is no error: the digest is
// optional.
func checkDigest(field string, block []byte) error {
	alg, want, ok := strings.Cut(strings.TrimSpace(field), ":")
	if !ok {
		return nil
	}
	var h hash.Hash
	switch strings.ToLower(strings.ReplaceAll(alg, "-", "")) {
	case "sha1":
		h = sha1.New()
	case "sha256":
		h = sha256.New()
	case "sha512":
		h = sha512.New()
	case "md5":
		h = md5.New()
	default:
		return nil
	}
	h.Write(block)
	sum := h.Sum(nil)
	want = strings.TrimRight(want, "=")
	if strings.EqualFold(want, strings.TrimRight(base32.StdEncoding.EncodeToString(sum), "=")) ||
		strings.EqualFold(want, hex.EncodeToString(sum)) ||
		want == strings.TrimRight(base64.StdEncoding.EncodeToString(sum), "=") {
		return nil
	}
	return fmt.Errorf("%s is %s, the block's is %s:%s", gowarc.WarcBlockDigest, field, alg, base32.StdEncoding.EncodeToString(sum))
}

// header parses a record's header with gowarc, without validation: its
// validation empties a field it finds invalid, and wget writes WARC 1.0's
// "<URI>", which it finds so.
func (r *Reader) header(b []byte) (*gowarc.WarcFields, error) {
	r.br.Reset(bytes.NewReader(b))
	rec, _, _, err := r.parseHeader.Unmarshal(r.br)
	if rec != nil {
		_ = rec.Close() // its block is never read: nothing to release
	}
	if err != nil {
		return nil, err
	}
	return rec.WarcHeader(), nil
}

// describe fills the item's facts from the record's header.
func describe(it *Item, h *gowarc.WarcFields) {
	it.Type = strings.ToLower(strings.TrimSpace(h.Get(gowarc.WarcType)))
	it.RecordID = h.GetId(gowarc.WarcRecordID)
	it.TargetURI = strings.Trim(strings.TrimSpace(h.Get(gowarc.WarcTargetURI)), "<>") // WARC 1.0 writers put it in <>
	if t, err := h.GetTime(gowarc.WarcDate); err == nil {
		it.Date = t
	}
}

// typeReason is why a record of type t is skipped whatever it holds, or ""
// for the types that may hold a page.
func typeReason(t string) Reason {
	switch t {
	case "response", "resource":
		return ""
	case "warcinfo":
		return ReasonWarcinfo
	case "request":
		return ReasonRequest
	case "metadata":
		return ReasonMetadata
	case "revisit":
		return ReasonRevisit
	}
	return ReasonOtherType
}

// response makes the item of a response record: a page when it holds an
// HTTP 200 response whose payload is HTML or text.
func (r *Reader) response(it Item, h *gowarc.WarcFields, block []byte) (Item, error) {
	if h.Has(gowarc.WarcSegmentNumber) {
		it.Reason, it.Detail = ReasonSegmented, "segment "+h.Get(gowarc.WarcSegmentNumber)
		return it, nil
	}
	if media, _ := splitContentType(h.Get(gowarc.ContentType)); media != "application/http" {
		it.Reason, it.Detail = ReasonNotPage, "a response that is not HTTP ("+h.Get(gowarc.ContentType)+")"
		return it, nil
	}
	// net/http reads the message: the status line, the header, and the
	// body, dechunked. The body is read from memory: nothing to close.
	r.hbr.Reset(bytes.NewReader(block))
	resp, err := http.ReadResponse(r.hbr, nil)
	if err != nil {
		it.Reason, it.Detail = ReasonBadHTTP, "HTTP header: "+err.Error()
		return it, nil
	}
	it.Status = resp.StatusCode
	it.ContentType = resp.Header.Get("Content-Type")
	media, charset := splitContentType(it.ContentType)
	it.Charset = charset
	if resp.StatusCode != http.StatusOK {
		it.Reason, it.Detail = ReasonStatus, "HTTP "+resp.Status
		if loc := resp.Header.Get("Location"); loc != "" {
			it.Detail += " to " + resolve(it.TargetURI, loc)
		}
		return it, nil
	}
	return r.payload(it, h, media, resp.Body, len(block), resp.Header.Values("Content-Encoding"))
}

// resource makes the item of a resource record: a page when it was taken
// from the web (an http or https URI: crawlers also store their logs so)
// and is HTML or text. Its block is the page, without HTTP.
func (r *Reader) resource(it Item, h *gowarc.WarcFields, block []byte) (Item, error) {
	it.ContentType = h.Get(gowarc.ContentType)
	media, charset := splitContentType(it.ContentType)
	it.Charset = charset
	if h.Has(gowarc.WarcSegmentNumber) {
		it.Reason, it.Detail = ReasonSegmented, "segment "+h.Get(gowarc.WarcSegmentNumber)
		return it, nil
	}
	if u, err := url.Parse(it.TargetURI); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		it.Reason, it.Detail = ReasonNotPage, "a resource that is not from the web ("+it.TargetURI+")"
		return it, nil
	}
	return r.payload(it, h, media, bytes.NewReader(block), len(block), nil)
}

// payload finishes the item of a response or resource whose status is
// right: a page, unless the crawler truncated it, its media type is not a
// page's, or it cannot be decoded within the limit.
func (r *Reader) payload(it Item, h *gowarc.WarcFields, media string, body io.Reader, size int, encodings []string) (Item, error) {
	if v := h.Get(gowarc.WarcTruncated); v != "" {
		it.Reason, it.Detail = ReasonTruncated, "WARC-Truncated: "+v
		return it, nil
	}
	if media != "" && !isPage(media) {
		it.Reason, it.Detail = ReasonNotPage, media
		return it, nil
	}
	data, reason, detail := r.decode(body, size, encodings)
	if reason != "" {
		it.Reason, it.Detail = reason, detail
		return it, nil
	}
	if media == "" {
		// No media type: judge by the content, as a browser would.
		if sniffed, _ := splitContentType(http.DetectContentType(data)); !isPage(sniffed) {
			it.Reason, it.Detail = ReasonNotPage, "no Content-Type, and the content looks like "+sniffed
			return it, nil
		}
	}
	if data == nil {
		data = []byte{}
	}
	it.Body = data
	return it, nil
}

// isPage reports whether a media type is one of a page: HTML or text.
// JSON, CSV, XML and the like are text too, but not pages.
func isPage(media string) bool {
	switch media {
	case "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}

// splitContentType returns the media type of a Content-Type value and its
// charset parameter, both lower case, the charset unquoted. It is lenient
// where mime.ParseMediaType refuses what servers send, such as
// "text/html;;charset=UTF-8".
func splitContentType(v string) (media, charset string) {
	media, params, _ := strings.Cut(v, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	for p := range strings.SplitSeq(params, ";") {
		name, value, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(strings.TrimSpace(name), "charset") {
			return media, strings.ToLower(strings.Trim(strings.TrimSpace(value), `"'`))
		}
	}
	return media, ""
}

// resolve makes a Location absolute against the URI it answered.
func resolve(base, loc string) string {
	b, err := url.Parse(base)
	if err != nil {
		return loc
	}
	l, err := b.Parse(loc)
	if err != nil {
		return loc
	}
	return l.String()
}

// decode undoes the Content-Encoding of body (its fields as sent, each a
// list) and reads at most MaxBytes of the result, into a buffer sized for
// size bytes (the block's: more than an unencoded body). It returns the
// page, or the reason it cannot.
func (r *Reader) decode(body io.Reader, size int, fields []string) ([]byte, Reason, string) {
	var codings []string
	for _, f := range fields {
		for c := range strings.SplitSeq(f, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	rd := body
	for i := len(codings) - 1; i >= 0; i-- { // the last applied is undone first
		var err error
		switch codings[i] {
		case "gzip", "x-gzip":
			rd, err = gzip.NewReader(rd)
		case "deflate":
			rd, err = inflate(rd)
		case "zstd":
			rd, err = r.unzstd(rd)
		default: // br among them: its decoder would be a dependency of its own
			return nil, ReasonEncoding, "Content-Encoding " + codings[i]
		}
		if err != nil {
			return bodyFailed(codings[i], err)
		}
	}
	var buf bytes.Buffer
	buf.Grow(min(size, int(r.MaxBytes)) + bytes.MinRead) // room to see the end without growing
	_, err := buf.ReadFrom(io.LimitReader(rd, r.MaxBytes+1))
	data := buf.Bytes()
	if int64(len(data)) > r.MaxBytes {
		return nil, ReasonTooLarge, fmt.Sprintf("a page over the limit of %d bytes once decoded", r.MaxBytes)
	}
	if err != nil {
		return bodyFailed(strings.Join(codings, ", "), err)
	}
	return data, "", ""
}

// bodyFailed is the reason of a body that cannot be read through: cut
// short, or not decoding as its encoding says.
func bodyFailed(coding string, err error) ([]byte, Reason, string) {
	what := "HTTP body"
	if coding != "" {
		what = coding + " content"
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, ReasonTruncated, what + " ends early: " + err.Error()
	}
	return nil, ReasonBadHTTP, what + ": " + err.Error()
}

// inflate reads a deflate body: zlib-wrapped, as HTTP says it is, or raw,
// as some servers send it.
func inflate(rd io.Reader) (io.Reader, error) {
	br := bufio.NewReader(rd)
	if h, err := br.Peek(2); err == nil && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// unzstd reads a zstd body with the reader's decoder, made at first use.
// Its window is bounded by HTTP's own limit for zstd (8 MiB, RFC 9659),
// so that a frame cannot make it allocate more.
func (r *Reader) unzstd(rd io.Reader) (io.Reader, error) {
	if r.zstd == nil {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(8<<20))
		if err != nil {
			return nil, err
		}
		r.zstd = d
	}
	return r.zstd, r.zstd.Reset(rd)
}

// wrap is an error of the given kind with a message.
func wrap(kind error, msg string) error {
	return fmt.Errorf("%w: %s", kind, msg)
}
