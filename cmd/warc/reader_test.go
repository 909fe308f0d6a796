package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// root is the repository root, where testdata/ is.
const root = "../.."

// fixtures holds the archives that testdata/main.go writes with wget.
const fixtures = "testdata"

// want is what a test expects of one item.
type want struct {
	typ     string
	reason  Reason
	path    string // path of the WARC-Target-URI (the server's port changes with each crawl)
	status  int
	charset string
	served  string // for a page, the file the server sent, relative to the repository root
}

func page(path, charset string) want {
	served := "testdata" + path
	if strings.HasPrefix(path, "/enc/") { // /enc/CODING/NAME serves testdata/html/NAME
		served = "testdata/html/" + path[strings.LastIndexByte(path, '/')+1:]
	}
	return want{typ: "response", path: path, status: 200, charset: charset, served: served}
}

func skip(path string, reason Reason, status int, charset string) want {
	return want{typ: "response", reason: reason, path: path, status: status, charset: charset}
}

// wgetArchive is what wget writes: its warcinfo, a request before each
// response, and its manifest, arguments and log at the end.
func wgetArchive(responses ...want) []want {
	ws := []want{{typ: "warcinfo", reason: ReasonWarcinfo}}
	for _, r := range responses {
		ws = append(ws, want{typ: "request", reason: ReasonRequest, path: r.path}, r)
	}
	return append(ws,
		want{typ: "metadata", reason: ReasonMetadata, path: "/software/wget/warc/MANIFEST.txt"},
		want{typ: "resource", reason: ReasonNotPage, path: "/software/wget/warc/wget_arguments.txt"},
		want{typ: "resource", reason: ReasonNotPage, path: "/software/wget/warc/wget.log"},
	)
}

// The archives of testdata/main.go, item by item. The charsets are
// those its server declares.
var (
	wantCrawl = wgetArchive(
		page("/html/andes-es-undeclared.html", "utf-8"),
		page("/html/diaspora-fr.html", "utf-8"),
		page("/html/kenya-ghana-dl.html", ""),
		page("/html/maroc-cp1252.html", "windows-1252"),
		page("/html/nurses-news-en.html", "utf-8"),
		page("/html/pacific-en.html", "utf-8"),
		page("/html/rwanda-table.html", "utf-8"),
		page("/pages/gh-health-en.txt", "utf-8"),
		page("/pages/gh-health-fr.txt", "utf-8"),
		page("/pages/gh-health-es.txt", "utf-8"),
		skip("/data.json", ReasonNotPage, 200, ""),
		skip("/logo.png", ReasonNotPage, 200, ""),
		skip("/missing.html", ReasonStatus, 404, "utf-8"),
		skip("/moved", ReasonStatus, 301, "utf-8"),
		page("/pages/faq-en.txt", "utf-8"), // the redirect's target
	)
	wantPlain = wgetArchive(
		page("/html/kenya-ghana-dl.html", ""),
		page("/html/maroc-cp1252.html", "windows-1252"),
		page("/pages/gh-health-fr.txt", "utf-8"),
		skip("/data.json", ReasonNotPage, 200, ""),
		skip("/missing.html", ReasonStatus, 404, "utf-8"),
		skip("/moved", ReasonStatus, 301, "utf-8"),
		page("/pages/faq-en.txt", "utf-8"),
	)
	wantEncoded = wgetArchive(
		page("/enc/gzip/pacific-en.html", "utf-8"),
		page("/enc/deflate/rwanda-table.html", "utf-8"),
		page("/enc/chunked/diaspora-fr.html", "utf-8"),
		page("/enc/gzip-chunked/andes-es-undeclared.html", "utf-8"),
		page("/enc/zstd/nurses-news-en.html", "utf-8"),
		skip("/enc/br/kenya-ghana-dl.html", ReasonEncoding, 200, ""),
	)
)

// archives are the fixture archives with what they hold.
var archives = []struct {
	name string
	want []want
}{
	{"crawl.warc.gz", wantCrawl},
	{"crawl.warc", wantPlain},
	{"encoded.warc.gz", wantEncoded},
}

func TestArchives(t *testing.T) {
	for _, a := range archives {
		t.Run(a.name, func(t *testing.T) {
			checkArchive(t, filepath.Join(fixtures, a.name), a.want)
		})
	}
}

// TestCorrupt reads an archive with garbage in one gzip member: that
// record is one error at its member's offset, and every other record is
// read as from the good archive it was made from.
func TestCorrupt(t *testing.T) {
	checkCorrupt(t, filepath.Join(fixtures, "crawl.warc.gz"), filepath.Join(fixtures, "corrupt.warc.gz"))
}

// readAll reads r to its end; it fails the test on an error that ends
// the archive, or when r does not end.
func readAll(t testing.TB, r *Reader, limit int) []result {
	t.Helper()
	var rs []result
	for range limit {
		it, err := r.Next()
		if err == io.EOF {
			return rs
		}
		var re *RecordError
		if err != nil && !errors.As(err, &re) {
			t.Fatalf("after %d items: %v", len(rs), err)
		}
		rs = append(rs, result{it, err})
	}
	t.Fatalf("no end after %d items", limit)
	return nil
}

func readFile(t testing.TB, path string, maxBytes int64) ([]byte, []result) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(data))
	r.MaxBytes = maxBytes
	return data, readAll(t, r, 1000)
}

// checkArchive reads the archive at path and holds its items to ws: their
// kinds and reasons, URLs, statuses, charsets, bodies equal to the files
// served, and offsets that point at the records.
func checkArchive(t *testing.T, path string, ws []want) {
	t.Helper()
	data, rs := readFile(t, path, 0)
	if len(rs) != len(ws) {
		t.Errorf("%d items, want %d", len(rs), len(ws))
	}
	gz := bytes.HasPrefix(data, gzipMagic)
	prev := int64(-1)
	for i, r := range rs[:min(len(rs), len(ws))] {
		it, w := r.item, ws[i]
		if r.err != nil {
			t.Errorf("item %d: %v", i, r.err)
			continue
		}
		if it.Offset <= prev || it.InMember != 0 {
			t.Errorf("item %d: offset %d+%d after %d", i, it.Offset, it.InMember, prev)
		}
		prev = it.Offset
		checkOffset(t, data, gz, it)
		u, err := url.Parse(it.TargetURI)
		if err != nil {
			t.Errorf("item %d: %v", i, err)
			continue
		}
		got := want{typ: it.Type, reason: it.Reason, path: u.Path, status: it.Status, charset: it.Charset}
		if w.served != "" {
			got.served = w.served
		}
		if got != w {
			t.Errorf("item %d at %d:\n got %+v\nwant %+v (%s)", i, it.Offset, got, w, it.Detail)
		}
		if it.RecordID == "" || it.Date.IsZero() {
			t.Errorf("item %d: record ID %q, date %v", i, it.RecordID, it.Date)
		}
		switch {
		case w.served != "":
			served, err := os.ReadFile(filepath.Join(root, w.served))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(it.Body, served) {
				t.Errorf("item %d (%s): body of %d bytes differs from the %d served", i, w.path, len(it.Body), len(served))
			}
		case it.Body != nil:
			t.Errorf("item %d (%s, %s): body of a record that is no page", i, w.path, it.Reason)
		}
		if w.status == 301 && !strings.HasSuffix(it.Detail, "/pages/faq-en.txt") {
			t.Errorf("item %d: redirect detail %q does not name the target", i, it.Detail)
		}
	}
}

// checkOffset holds that the item's offset is where its record starts:
// the gzip member there (only it) decompresses to the record, or the
// plain archive has the record there.
func checkOffset(t *testing.T, data []byte, gz bool, it Item) {
	t.Helper()
	if it.Offset < 0 || it.Offset >= int64(len(data)) {
		t.Errorf("offset %d outside the archive", it.Offset)
		return
	}
	rec := data[it.Offset:]
	if gz {
		zr, err := gzip.NewReader(bytes.NewReader(rec))
		if err != nil {
			t.Errorf("offset %d: %v", it.Offset, err)
			return
		}
		zr.Multistream(false)
		if rec, err = io.ReadAll(zr); err != nil {
			t.Errorf("offset %d: %v", it.Offset, err)
			return
		}
	}
	header, _, _ := bytes.Cut(rec, []byte("\r\n\r\n"))
	if !bytes.HasPrefix(header, []byte("WARC/1.")) || !bytes.Contains(header, []byte("WARC-Record-ID: <"+it.RecordID+">")) {
		t.Errorf("offset %d does not start record %s: %.40q", it.Offset, it.RecordID, header)
	}
}

// checkCorrupt holds that the items of bad, the archive good with one
// gzip member damaged, are good's but for that member's record, which is
// one ErrGzip error at its offset.
func checkCorrupt(t *testing.T, good, bad string) {
	t.Helper()
	_, goods := readFile(t, good, 0)
	_, bads := readFile(t, bad, 0)
	if len(bads) != len(goods) {
		t.Fatalf("%d items, want %d", len(bads), len(goods))
	}
	errs := 0
	for i, b := range bads {
		g := goods[i]
		if b.err == nil {
			if !equalItems(b.item, g.item) {
				t.Errorf("item %d: got %+v, want %+v", i, b.item, g.item)
			}
			continue
		}
		errs++
		var re *RecordError
		if !errors.As(b.err, &re) || !errors.Is(b.err, ErrGzip) || re.Offset != g.item.Offset || b.item.Offset != g.item.Offset {
			t.Errorf("item %d: error %v (item at %d), want ErrGzip at %d", i, b.err, b.item.Offset, g.item.Offset)
		}
		if !strings.HasSuffix(g.item.TargetURI, "/html/diaspora-fr.html") || g.item.Type != "response" {
			t.Errorf("item %d: the error is on %s %s, not the damaged response", i, g.item.Type, g.item.TargetURI)
		}
	}
	if errs != 1 {
		t.Errorf("%d errors, want 1", errs)
	}
}

// equalItems compares items, a nil body and an empty one apart.
func equalItems(a, b Item) bool { return reflect.DeepEqual(a, b) }

// TestGzipAndPlain reads one crawl three ways: plain, a gzip member per
// record (as crawlers write), and gzipped whole (one member). The items
// are the same; only their offsets differ, and in the whole-gzipped
// archive each record's offset in the member is its plain offset.
func TestGzipAndPlain(t *testing.T) {
	data, plain := readFile(t, filepath.Join(fixtures, "crawl.warc"), 0)
	var perRecord, whole bytes.Buffer
	var memberOffsets []int64
	for i, r := range plain {
		end := int64(len(data))
		if i+1 < len(plain) {
			end = plain[i+1].item.Offset
		}
		memberOffsets = append(memberOffsets, int64(perRecord.Len()))
		zw := gzip.NewWriter(&perRecord)
		zw.Write(data[r.item.Offset:end])
		zw.Close()
	}
	zw := gzip.NewWriter(&whole)
	zw.Write(data)
	zw.Close()

	for _, c := range []struct {
		name    string
		archive []byte
		offset  func(i int, plain Item) Item // where the record is in the archive
	}{
		{"member per record", perRecord.Bytes(), func(i int, it Item) Item { return Item{Offset: memberOffsets[i]} }},
		{"one member", whole.Bytes(), func(i int, it Item) Item { return Item{InMember: it.Offset} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := readAll(t, NewReader(bytes.NewReader(c.archive)), 1000)
			if len(got) != len(plain) {
				t.Fatalf("%d items, want %d", len(got), len(plain))
			}
			for i, g := range got {
				w := plain[i].item
				at := c.offset(i, w)
				w.Offset, w.InMember = at.Offset, at.InMember
				if g.err != nil || !equalItems(g.item, w) {
					t.Errorf("item %d: got %+v (%v), want %+v", i, g.item, g.err, w)
				}
			}
		})
	}
}

// TestTooLarge reads with a limit below some records' blocks: those are
// skipped without being held, the others read as without the limit; a
// page whose block fits but whose decoded bytes do not is skipped too.
func TestTooLarge(t *testing.T) {
	const limit = 1500
	for _, name := range []string{"crawl.warc.gz", "crawl.warc", "encoded.warc.gz"} {
		t.Run(name, func(t *testing.T) {
			data, all := readFile(t, filepath.Join(fixtures, name), 0)
			_, limited := readFile(t, filepath.Join(fixtures, name), limit)
			if len(limited) != len(all) {
				t.Fatalf("%d items, want %d", len(limited), len(all))
			}
			large := 0
			for i, l := range limited {
				w := all[i].item
				if n := blockLength(t, data, w.Offset); n > limit && (w.Type == "response" || w.Type == "resource") {
					w.Reason, w.Detail, w.Body, w.Status, w.ContentType, w.Charset = ReasonTooLarge, l.item.Detail, nil, 0, "", ""
					large++
				} else if len(w.Body) > limit {
					w.Reason, w.Detail, w.Body = ReasonTooLarge, l.item.Detail, nil
					large++
				}
				if l.err != nil || !equalItems(l.item, w) {
					t.Errorf("item %d: got %+v (%v), want %+v", i, l.item, l.err, w)
				}
			}
			if large < 2 {
				t.Errorf("%d records over the limit: the test tests little", large)
			}
		})
	}
}

// blockLength is the Content-Length of the record at off.
func blockLength(t *testing.T, data []byte, off int64) int64 {
	t.Helper()
	var rec io.Reader = bytes.NewReader(data[off:])
	if bytes.HasPrefix(data, gzipMagic) {
		zr, err := gzip.NewReader(rec)
		if err != nil {
			t.Fatal(err)
		}
		rec = zr
	}
	header, err := readHeader(bufio.NewReader(rec))
	if err != nil {
		t.Fatal(err)
	}
	n, err := contentLength(header)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func readHeader(br *bufio.Reader) ([]byte, error) {
	var h []byte
	for {
		line, err := br.ReadBytes('\n')
		h = append(h, line...)
		if err != nil || len(bytes.TrimSpace(line)) == 0 {
			return h, err
		}
	}
}

// BenchmarkRead reads the crawl fixture fifty times over in one archive
// (concatenated archives are an archive), gzipped and plain: what reading
// costs per record beside the parsing of its pages.
func BenchmarkRead(b *testing.B) {
	for _, name := range []string{"crawl.warc.gz", "crawl.warc"} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			b.Fatal(err)
		}
		data = bytes.Repeat(data, 50)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			records := 0
			for b.Loop() {
				records = len(readAll(b, NewReader(bytes.NewReader(data)), 10000))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*records), "ns/record")
		})
	}
}
