package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDamage reads archives damaged the ways archives get damaged: each
// damaged record is one error at its offset, with the kind it should
// have, and every other record is read as from the good archive.
func TestDamage(t *testing.T) {
	// at finds the item of a record by its URL and type.
	at := func(rs []result, typ, suffix string) int {
		for i, r := range rs {
			if r.item.Type == typ && strings.HasSuffix(r.item.TargetURI, suffix) {
				return i
			}
		}
		panic("no " + typ + " " + suffix)
	}
	// span is the extent of item i in the archive.
	span := func(data []byte, rs []result, i int) (start, end int) {
		start, end = int(rs[i].item.Offset), len(data)
		if i+1 < len(rs) {
			end = int(rs[i+1].item.Offset)
		}
		return start, end
	}
	splice := func(data []byte, from, to int, insert string) []byte {
		return slices.Concat(data[:from], []byte(insert), data[to:])
	}

	for _, c := range []struct {
		name    string
		archive string
		// damage returns the damaged archive, the items lost (by index
		// in the good archive's), and where the error is in it.
		damage func(data []byte, rs []result) (bad []byte, lost []int, errAt int64)
		kinds  []error // the error's kind, one of
	}{
		{
			name: "gzip member cut short in the middle", archive: "crawl.warc.gz", kinds: []error{ErrGzip, ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/html/diaspora-fr.html")
				s, e := span(data, rs, i)
				return splice(data, s+(e-s)/2, e, ""), []int{i}, int64(s)
			},
		},
		{
			name: "gzip member cut short just before the next", archive: "crawl.warc.gz", kinds: []error{ErrGzip, ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/html/maroc-cp1252.html")
				s, e := span(data, rs, i)
				return splice(data, e-9, e, ""), []int{i}, int64(s) // the CRC and length lost, and a byte
			},
		},
		{
			name: "gzip archive cut inside its last member", archive: "crawl.warc.gz", kinds: []error{ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := len(rs) - 1
				s, e := span(data, rs, i)
				return data[:s+(e-s)/2], []int{i}, int64(s)
			},
		},
		{
			name: "gzip archive cut inside a member's header", archive: "crawl.warc.gz", kinds: []error{ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := len(rs) - 1
				s, _ := span(data, rs, i)
				return data[:s+5], []int{i}, int64(s)
			},
		},
		{
			name: "garbage between gzip members", archive: "crawl.warc.gz", kinds: []error{ErrGzip},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				s, _ := span(data, rs, at(rs, "request", "/data.json"))
				return splice(data, s, s, strings.Repeat("garbage ", 40)), nil, int64(s)
			},
		},
		{
			name: "garbage in the body of a gzip member", archive: "encoded.warc.gz", kinds: []error{ErrGzip},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/enc/zstd/nurses-news-en.html")
				s, e := span(data, rs, i)
				return splice(data, (s+e)/2, (s+e)/2+8, "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"), []int{i}, int64(s)
			},
		},
		{
			name: "plain record cut short in the middle", archive: "crawl.warc", kinds: []error{ErrMalformed},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/html/maroc-cp1252.html")
				s, e := span(data, rs, i)
				return splice(data, (s+e)/2, e-10, ""), []int{i}, int64(s) // no line end before the next record
			},
		},
		{
			name: "plain archive cut inside its last record", archive: "crawl.warc", kinds: []error{ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := len(rs) - 1
				s, e := span(data, rs, i)
				return data[:(s+e)/2], []int{i}, int64(s)
			},
		},
		{
			name: "plain archive cut inside a header", archive: "crawl.warc", kinds: []error{ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := len(rs) - 1
				s, _ := span(data, rs, i)
				return data[:s+40], []int{i}, int64(s)
			},
		},
		{
			name: "plain archive cut inside a version line", archive: "crawl.warc", kinds: []error{ErrTruncated},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := len(rs) - 1
				s, _ := span(data, rs, i)
				return data[:s+3], []int{i}, int64(s)
			},
		},
		{
			name: "garbage between plain records", archive: "crawl.warc", kinds: []error{ErrMalformed},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				s, _ := span(data, rs, at(rs, "response", "/data.json"))
				return splice(data, s, s, "not a record\r\nWARC/9 either\r\n"), nil, int64(s)
			},
		},
		{
			name: "garbage before a plain archive", archive: "crawl.warc", kinds: []error{ErrMalformed},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				return splice(data, 0, 0, "\x00\x01junk"), nil, 0
			},
		},
		{
			name: "a byte changed in a plain block", archive: "crawl.warc", kinds: []error{ErrDigest},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/html/kenya-ghana-dl.html")
				s, e := span(data, rs, i)
				bad := bytes.Clone(data)
				bad[(s+e)/2] ^= 0x20
				return bad, []int{i}, int64(s)
			},
		},
		{
			name: "a Content-Length too short", archive: "crawl.warc", kinds: []error{ErrMalformed},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/pages/gh-health-fr.txt")
				s, e := span(data, rs, i)
				return splice(data, s, e, changeLength(data[s:e], -50)), []int{i}, int64(s)
			},
		},
		{
			name: "a Content-Length too long", archive: "crawl.warc", kinds: []error{ErrMalformed},
			damage: func(data []byte, rs []result) ([]byte, []int, int64) {
				i := at(rs, "response", "/pages/gh-health-fr.txt")
				s, e := span(data, rs, i)
				return splice(data, s, e, changeLength(data[s:e], 700)), []int{i}, int64(s)
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, good := readFile(t, filepath.Join(fixtures, c.archive), 0)
			bad, lost, errAt := c.damage(data, good)
			got := readAll(t, NewReader(bytes.NewReader(bad)), 1000)
			var errs []result
			var items []Item
			for _, r := range got {
				if r.err != nil {
					errs = append(errs, r)
				} else {
					items = append(items, r.item)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("%d errors, want 1: %v", len(errs), errs)
			}
			var re *RecordError
			errors.As(errs[0].err, &re)
			if re.Offset != errAt || errs[0].item.Offset != errAt || !slices.ContainsFunc(c.kinds, func(k error) bool { return errors.Is(re, k) }) {
				t.Errorf("error %v (item at %d), want one of %v at %d", re, errs[0].item.Offset, c.kinds, errAt)
			}
			// The other records are all there, as in the good archive
			// but for their offsets, shifted by the damage.
			var want []Item
			for i, r := range good {
				if !slices.Contains(lost, i) {
					want = append(want, r.item)
				}
			}
			if len(items) != len(want) {
				t.Fatalf("%d items, want %d", len(items), len(want))
			}
			for i := range items {
				g, w := items[i], want[i]
				g.Offset, w.Offset = 0, 0
				if !equalItems(g, w) {
					t.Errorf("item %d: got %+v, want %+v", i, items[i], want[i])
				}
			}
		})
	}
}

// TestNotArchives reads inputs that are no archives.
func TestNotArchives(t *testing.T) {
	for _, c := range []struct {
		name, input string
		errs        int
	}{
		{"empty", "", 0},
		{"blank lines", "\r\n\n\r\n", 0},
		{"text", "hello, world\n", 1},
		{"gzip of text", gzipped("hello, world\n"), 1},
		{"a version line alone", "WARC/1.1\r\n", 1},
		{"no Content-Length", "WARC/1.1\r\nWARC-Type: resource\r\n\r\n\r\n\r\n", 1},
		{"a Content-Length not a number", "WARC/1.1\r\nContent-Length: ten\r\n\r\n\r\n\r\n", 1},
		{"a negative Content-Length", "WARC/1.1\r\nContent-Length: -1\r\n\r\n\r\n\r\n", 1},
		{"a header without end", "WARC/1.1\r\nWARC-Type: x\r\n" + strings.Repeat("X-Y: z\r\n", maxHeader/8+1), 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := readAll(t, NewReader(strings.NewReader(c.input)), 100)
			errs := 0
			for _, r := range got {
				if r.err == nil {
					t.Errorf("an item: %+v", r.item)
					continue
				}
				errs++
				if r.item.Offset != 0 {
					t.Errorf("error %v at %d, want 0", r.err, r.item.Offset)
				}
			}
			if errs != c.errs {
				t.Errorf("%d errors, want %d", errs, c.errs)
			}
		})
	}
}

// TestNoValidationNeeded reads a record that gowarc's validation finds
// fault with (a URI with a space in WARC 1.0's brackets, no record ID),
// but that holds a page: the page is read, its facts intact.
func TestNoValidationNeeded(t *testing.T) {
	body := "<html><title>t</title></html>"
	http := "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
	rec := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://example.org/a b>\r\n" +
		"WARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: application/http; msgtype=response\r\n" +
		"Content-Length: " + itoa(len(http)) + "\r\n\r\n" + http + "\r\n\r\n"
	got := readAll(t, NewReader(strings.NewReader(rec)), 10)
	if len(got) != 1 || got[0].err != nil {
		t.Fatalf("got %v", got)
	}
	it := got[0].item
	if it.TargetURI != "http://example.org/a b" || it.RecordID != "" || it.Date.Year() != 2024 || string(it.Body) != body || it.Reason != "" {
		t.Errorf("got %+v", it)
	}
}

// changeLength is the record rec with its Content-Length changed by delta.
func changeLength(rec []byte, delta int64) string {
	n, err := contentLength(rec)
	if err != nil {
		panic(err)
	}
	old := "Content-Length: " + itoa(int(n)) + "\r\n"
	return strings.Replace(string(rec), old, "Content-Length: "+itoa(int(n+delta))+"\r\n", 1)
}

func itoa(n int) string { return strconv.Itoa(n) }

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}
