package warc

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReaders reads the fixtures through readers that return little at a
// time, or an error with the last bytes: the items are the same.
func TestReaders(t *testing.T) {
	for _, a := range archives {
		data, want := readFile(t, filepath.Join(fixtures, a.name), 0)
		for _, c := range []struct {
			name string
			r    io.Reader
		}{
			{"one byte", iotest.OneByteReader(bytes.NewReader(data))},
			{"half", iotest.HalfReader(bytes.NewReader(data))},
			{"EOF with data", iotest.DataErrReader(bytes.NewReader(data))},
			{"not a seeker", struct{ io.Reader }{bytes.NewReader(data)}},
		} {
			t.Run(a.name+"/"+c.name, func(t *testing.T) {
				got := readAll(t, NewReader(c.r), 1000)
				if len(got) != len(want) {
					t.Fatalf("%d items, want %d", len(got), len(want))
				}
				for i := range got {
					if got[i].err != nil || !equalItems(got[i].item, want[i].item) {
						t.Errorf("item %d: got %+v (%v), want %+v", i, got[i].item, got[i].err, want[i].item)
					}
				}
			})
		}
	}
}

// TestReadError: an archive that cannot be read to its end gives the
// items before the failure, then the error, from then on; it is no
// RecordError, and All stops at it.
func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	for _, a := range archives {
		t.Run(a.name, func(t *testing.T) {
			data, want := readFile(t, filepath.Join(fixtures, a.name), 0)
			cut := int(want[len(want)/2].item.Offset) + 10 // inside a record halfway
			r := NewReader(io.MultiReader(bytes.NewReader(data[:cut]), iotest.ErrReader(boom)))
			var items int
			var errs []error
			for it, err := range r.All() {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if !equalItems(it, want[items].item) {
					t.Errorf("item %d: got %+v, want %+v", items, it, want[items].item)
				}
				items++
			}
			if items != len(want)/2 || len(errs) != 1 || errs[0] != boom {
				t.Errorf("%d items then %v, want %d then boom", items, errs, len(want)/2)
			}
			if _, err := r.Next(); err != boom {
				t.Errorf("Next after the error: %v", err)
			}
		})
	}
}

// TestOpen reads a file by name, and closes it.
func TestOpen(t *testing.T) {
	r, err := Open(filepath.Join(fixtures, "crawl.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, r, 1000); len(got) != len(wantCrawl) {
		t.Errorf("%d items, want %d", len(got), len(wantCrawl))
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
	if _, err := r.file.Read(make([]byte, 1)); !errors.Is(err, os.ErrClosed) {
		t.Errorf("the file is not closed: %v", err)
	}
	if _, err := Open(filepath.Join(fixtures, "none.warc")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestBoundedMemory reads a record far over MaxBytes, plain and gzipped,
// from a stream: it is skipped without its block being held (the buffers
// stay within a few times MaxBytes), and the record after it is read.
func TestBoundedMemory(t *testing.T) {
	const huge = 32 << 20
	const limit = 64 << 10
	head := "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.org/big.html\r\n" +
		"Content-Type: text/html\r\nContent-Length: " + itoa(huge) + "\r\n\r\n"
	next := "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.org/small.html\r\n" +
		"Content-Type: text/html\r\nContent-Length: 5\r\n\r\nsmall\r\n\r\n"
	plain := func() io.Reader {
		return io.MultiReader(strings.NewReader(head), io.LimitReader(zeros{}, huge), strings.NewReader("\r\n\r\n"+next))
	}
	gzipped := func() io.Reader {
		pr, pw := io.Pipe()
		go func() {
			zw := gzip.NewWriter(pw)
			io.Copy(zw, plain())
			zw.Close()
			pw.Close()
		}()
		return pr
	}
	for _, c := range []struct {
		name string
		r    io.Reader
	}{{"plain", plain()}, {"gzip", gzipped()}} {
		t.Run(c.name, func(t *testing.T) {
			r := NewReader(c.r)
			r.MaxBytes = limit
			got := readAll(t, r, 10)
			if len(got) != 2 || got[0].item.Reason != ReasonTooLarge || got[1].err != nil || string(got[1].item.Body) != "small" {
				t.Errorf("got %+v", got)
			}
			held := cap(r.raw.buf)
			if r.member != nil {
				held += cap(r.member.buf)
			}
			if bound := 4 * (limit + maxHeader + window + chunk); held > bound {
				t.Errorf("%d bytes held reading a %d-byte record with a limit of %d: more than %d", held, huge, limit, bound)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestName(t *testing.T) {
	for _, c := range []struct {
		it   Item
		want string
	}{
		{Item{Offset: 0}, "a.warc.gz#0"},
		{Item{Offset: 3162}, "a.warc.gz#3162"},
		{Item{Offset: 0, InMember: 5292}, "a.warc.gz#0+5292"},
	} {
		if got := c.it.Name("a.warc.gz"); got != c.want {
			t.Errorf("%+v: %q, want %q", c.it, got, c.want)
		}
	}
	err := error(&RecordError{Offset: 12, InMember: 34, Err: wrap(ErrGzip, "flate: corrupt input")})
	if got := err.Error(); got != "WARC record at offset 12+34: corrupt gzip member: flate: corrupt input" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(err, ErrGzip) || errors.Is(err, ErrTruncated) {
		t.Errorf("errors.Is does not tell %v", err)
	}
}

func TestSplitContentType(t *testing.T) {
	for _, c := range []struct{ in, media, charset string }{
		{"text/html; charset=UTF-8", "text/html", "utf-8"},
		{"Text/HTML", "text/html", ""},
		{`text/plain; format=flowed; charset="windows-1252"`, "text/plain", "windows-1252"},
		{"text/html;;charset=utf-8", "text/html", "utf-8"},
		{"text/html; charset = iso-8859-1 ", "text/html", "iso-8859-1"},
		{"", "", ""},
		{"application/xhtml+xml; charset=utf-8; charset=latin1", "application/xhtml+xml", "utf-8"},
	} {
		if media, charset := splitContentType(c.in); media != c.media || charset != c.charset {
			t.Errorf("%q: %q, %q; want %q, %q", c.in, media, charset, c.media, c.charset)
		}
	}
}

// TestPayloads reads response records built here, for the cases a crawl
// of our server does not give.
func TestPayloads(t *testing.T) {
	const html = "<!DOCTYPE html><title>Page</title><p>Text</p>"
	for _, c := range []struct {
		name, http, warcHeader string
		reason                 Reason
		body                   string
	}{
		{"no content type, HTML", "HTTP/1.1 200 OK\r\n\r\n" + html, "", "", html},
		{"no content type, binary", "HTTP/1.1 200 OK\r\n\r\n\x00\x01\x02PNG", "", ReasonNotPage, ""},
		{"raw deflate", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n" + deflated(html), "", "", html},
		{"gzip twice", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip, gzip\r\n\r\n" + gzipped(gzipped(html)), "", "", html},
		{"bad gzip", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all", "", ReasonBadHTTP, ""},
		{"gzip cut short", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + gzipped(html)[:20], "", ReasonTruncated, ""},
		{"body shorter than its length", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 999\r\n\r\n" + html, "", ReasonTruncated, ""},
		{"bad chunks", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + html, "", ReasonBadHTTP, ""},
		{"compress", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: compress\r\n\r\n" + html, "", ReasonEncoding, ""},
		{"not HTTP", "HTTP/9 nonsense\r\n\r\n", "", ReasonBadHTTP, ""},
		{"truncated by the crawler", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html, "WARC-Truncated: length\r\n", ReasonTruncated, ""},
		{"segmented", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html, "WARC-Segment-Number: 1\r\n", ReasonSegmented, ""},
		{"CSV", "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\n\r\na,b\r\n", "", ReasonNotPage, ""},
		{"XHTML", "HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\n\r\n" + html, "", "", html},
		{"empty page", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n", "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/\r\n" + c.warcHeader +
				"Content-Type: application/http;msgtype=response\r\nContent-Length: " + itoa(len(c.http)) + "\r\n\r\n" + c.http + "\r\n\r\n"
			got := readAll(t, NewReader(strings.NewReader(rec)), 10)
			if len(got) != 1 || got[0].err != nil {
				t.Fatalf("got %+v", got)
			}
			it := got[0].item
			if it.Reason != c.reason || string(it.Body) != c.body || (c.reason == "") != (it.Body != nil) {
				t.Errorf("reason %q (%s), body %q; want %q, %q", it.Reason, it.Detail, it.Body, c.reason, c.body)
			}
		})
	}
}

func deflated(s string) string {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.DefaultCompression)
	fw.Write([]byte(s))
	fw.Close()
	return b.String()
}
