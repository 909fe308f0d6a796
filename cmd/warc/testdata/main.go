// Command testdata regenerates the WARC fixtures of cmd/warc beside it by
// crawling the project's own pages with wget, the way a user records a
// crawl:
//
//	go run ./cmd/warc/testdata          # from the repository root: rewrites cmd/warc/testdata/*.warc*
//	go run ./cmd/warc/testdata -o DIR   # writes the archives into DIR instead
//
// It serves testdata/html/*.html, some testdata/pages/*.txt, a JSON file, a
// PNG image, a 404 page and a redirect from an HTTP server on the loopback
// address, and records them with `wget --warc-file -i urls.txt`. Each
// response is served as the table below says, so the archives hold what a
// real server sends: declared charsets, gzip, deflate and zstd
// Content-Encoding, chunked transfer.
//
// The archives live here, not in the repository's testdata/, because the
// golden tests of parser and cmd take every folder there for a folder of
// pages.
//
// It writes (sizes are a few KB each):
//
//   - crawl.warc.gz: every page, the non-pages, the 404 and the redirect,
//     one gzip member per record as wget writes them;
//   - crawl.warc: a smaller crawl, uncompressed (--no-warc-compression);
//   - encoded.warc.gz: pages served with Content-Encoding gzip, deflate,
//     zstd, br (labelled only: nothing decodes br here), chunked, and
//     gzip+chunked;
//   - corrupt.warc.gz: crawl.warc.gz with garbage written over the middle
//     of one gzip member, the response for /html/diaspora-fr.html.
//
// wget stamps dates, record IDs, its log and the server's port into the
// archives, so each run writes different bytes; cmd/warc's tests check
// facts that survive that (URLs' paths, statuses, bodies, offsets that
// point at records), and its crawl test runs this command when wget is
// installed.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// resource is one URL the server answers.
type resource struct {
	path        string // URL path
	file        string // file served, relative to the repository root; "" serves body
	body        []byte
	contentType string
	status      int    // 0 is 200
	location    string // for a redirect
	encoding    string // Content-Encoding applied to the body: "", gzip, deflate, zstd, br
	chunked     bool   // sent with Transfer-Encoding: chunked rather than Content-Length
}

// crawl is one archive to record.
type crawl struct {
	name       string // file name written
	compressed bool
	paths      []string // URLs fetched, in order
}

func main() {
	root := flag.String("root", ".", "repository root, where testdata/ is")
	out := flag.String("o", "cmd/warc/testdata", "folder to write the archives into")
	flag.Parse()
	if err := run(*root, *out); err != nil {
		fmt.Fprintln(os.Stderr, "cmd/warc/testdata:", err)
		os.Exit(1)
	}
}

func run(root, out string) error {
	if _, err := exec.LookPath("wget"); err != nil {
		return errors.New("wget is not installed (apt-get install wget)")
	}
	resources, err := resources()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler(root, resources)}
	go srv.Serve(ln) // ends with ErrServerClosed when Close is called below
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, c := range crawls() {
		if err := record(base, out, c); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	return corrupt(filepath.Join(out, "crawl.warc.gz"), filepath.Join(out, "corrupt.warc.gz"), "/html/diaspora-fr.html")
}

// resources lists what the server answers. The HTTP charset of each page
// is chosen to exercise the reader: declared as the page declares it, only
// by HTTP (andes), or nowhere (kenya).
func resources() ([]resource, error) {
	charset := map[string]string{
		"andes-es-undeclared.html": "text/html; charset=utf-8",
		"diaspora-fr.html":         "text/html; charset=UTF-8",
		"kenya-ghana-dl.html":      "text/html",
		"maroc-cp1252.html":        "text/html; charset=windows-1252",
		"nurses-news-en.html":      "text/html; charset=utf-8",
		"pacific-en.html":          "text/html; charset=utf-8",
		"rwanda-table.html":        "text/html; charset=utf-8",
	}
	var rs []resource
	for _, name := range htmlPages {
		rs = append(rs, resource{path: "/html/" + name, file: "testdata/html/" + name, contentType: charset[name]})
	}
	for _, name := range []string{"gh-health-en.txt", "gh-health-fr.txt", "gh-health-es.txt", "faq-en.txt"} {
		rs = append(rs, resource{path: "/pages/" + name, file: "testdata/pages/" + name, contentType: "text/plain; charset=utf-8"})
	}
	img, err := pngImage()
	if err != nil {
		return nil, err
	}
	rs = append(rs,
		resource{path: "/data.json", body: []byte(`{"prima_id": "GH10P0001", "note": "not a page"}` + "\n"), contentType: "application/json"},
		resource{path: "/logo.png", body: img, contentType: "image/png"},
		resource{path: "/missing.html", body: []byte("<!DOCTYPE html>\n<title>Not found</title>\n<p>No such page.</p>\n"), contentType: "text/html; charset=utf-8", status: http.StatusNotFound},
		resource{path: "/moved", body: []byte("<a href=\"/pages/faq-en.txt\">Moved</a>\n"), contentType: "text/html; charset=utf-8", status: http.StatusMovedPermanently, location: "/pages/faq-en.txt"},
	)
	for _, e := range encoded {
		rs = append(rs, resource{
			path: "/enc/" + e.route + "/" + e.page, file: "testdata/html/" + e.page, contentType: charset[e.page],
			encoding: e.encoding, chunked: e.chunked,
		})
	}
	return rs, nil
}

// htmlPages are the HTML fixtures, all served.
var htmlPages = []string{
	"andes-es-undeclared.html", "diaspora-fr.html", "kenya-ghana-dl.html", "maroc-cp1252.html",
	"nurses-news-en.html", "pacific-en.html", "rwanda-table.html",
}

// encoded are the responses of encoded.warc.gz: one page per way of
// sending it.
var encoded = []struct {
	route, page, encoding string
	chunked               bool
}{
	{"gzip", "pacific-en.html", "gzip", false},
	{"deflate", "rwanda-table.html", "deflate", false},
	{"chunked", "diaspora-fr.html", "", true},
	{"gzip-chunked", "andes-es-undeclared.html", "gzip", true},
	{"zstd", "nurses-news-en.html", "zstd", false},
	{"br", "kenya-ghana-dl.html", "br", false},
}

func crawls() []crawl {
	all := []string{}
	for _, name := range htmlPages {
		all = append(all, "/html/"+name)
	}
	all = append(all, "/pages/gh-health-en.txt", "/pages/gh-health-fr.txt", "/pages/gh-health-es.txt",
		"/data.json", "/logo.png", "/missing.html", "/moved")
	var enc []string
	for _, e := range encoded {
		enc = append(enc, "/enc/"+e.route+"/"+e.page)
	}
	return []crawl{
		{name: "crawl.warc.gz", compressed: true, paths: all},
		{name: "crawl.warc", paths: []string{"/html/kenya-ghana-dl.html", "/html/maroc-cp1252.html",
			"/pages/gh-health-fr.txt", "/data.json", "/missing.html", "/moved"}},
		{name: "encoded.warc.gz", compressed: true, paths: enc},
	}
}

// handler serves resources by path; anything else is a plain 404.
func handler(root string, rs []resource) http.Handler {
	byPath := map[string]resource{}
	for _, r := range rs {
		byPath[r.path] = r
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r, ok := byPath[req.URL.Path]
		if !ok {
			http.NotFound(w, req)
			return
		}
		body := r.body
		if r.file != "" {
			var err error
			if body, err = os.ReadFile(filepath.Join(root, r.file)); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		body, err := encode(r.encoding, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", r.contentType)
		if r.encoding != "" {
			h.Set("Content-Encoding", r.encoding)
		}
		if r.location != "" {
			h.Set("Location", r.location)
		}
		if !r.chunked {
			h.Set("Content-Length", fmt.Sprint(len(body)))
		}
		status := r.status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		if !r.chunked {
			_, _ = w.Write(body) // a client gone is wget's failure, and shows in its exit status
			return
		}
		// Two writes with a flush between: net/http then sends the body
		// in chunks, as a server streaming a page does.
		half := len(body) / 2
		_, _ = w.Write(body[:half]) // as above
		w.(http.Flusher).Flush()
		_, _ = w.Write(body[half:]) // as above
	})
}

// encode applies a Content-Encoding. br is only a label: Go's standard
// library has no brotli encoder and the reader does not decode br (it skips
// such pages with a reason), so the bytes sent are the page's own.
func encode(encoding string, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch encoding {
	case "", "br":
		return body, nil
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate": // zlib-wrapped, as RFC 9110 says deflate is
		w = zlib.NewWriter(&buf)
	case "zstd":
		zw, err := zstd.NewWriter(&buf)
		if err != nil {
			return nil, err
		}
		w = zw
	default:
		return nil, fmt.Errorf("unknown encoding %q", encoding)
	}
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pngImage is a 2×2 PNG: a small non-page.
func pngImage() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	img.SetGray(0, 0, color.Gray{Y: 0xff})
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// record runs wget over c's URLs and writes c.name into out.
func record(base, out string, c crawl) error {
	tmp, err := os.MkdirTemp("", "warc-crawl-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var urls strings.Builder
	for _, p := range c.paths {
		urls.WriteString(base + p + "\n")
	}
	list := filepath.Join(tmp, "urls.txt")
	if err := os.WriteFile(list, []byte(urls.String()), 0o644); err != nil {
		return err
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(c.name, ".gz"), ".warc")
	args := []string{
		"--warc-file=" + filepath.Join(tmp, stem), "--no-verbose", "--tries=1", "--max-redirect=2",
		"--delete-after", "--directory-prefix=" + filepath.Join(tmp, "files"), "--input-file=" + list,
	}
	if !c.compressed {
		args = append(args, "--no-warc-compression")
	}
	cmd := exec.Command("wget", args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	// wget exits 8 when a server answered with an error, as the 404 does.
	var exit *exec.ExitError
	if err := cmd.Run(); err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 8) {
		return fmt.Errorf("wget: %w", err)
	}
	data, err := os.ReadFile(filepath.Join(tmp, c.name))
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", filepath.Join(out, c.name), len(data))
	return os.WriteFile(filepath.Join(out, c.name), data, 0o644)
}

// corrupt copies the archive src to dst with garbage written over the middle
// of the gzip member of the response for target (a URL path), and checks
// that the member no longer decompresses, so that the fixture stays what
// its name says.
func corrupt(src, dst, target string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	start, end, err := findMember(data, func(record []byte) bool {
		return bytes.Contains(record, []byte("WARC-Type: response\r\n")) &&
			bytes.Contains(record, []byte(target+">\r\n")) // wget writes WARC 1.0's <URI>
	})
	if err != nil {
		return err
	}
	bad := bytes.Clone(data)
	mid := start + (end-start)/2
	for i := range 24 {
		bad[mid+i] = byte(0xa5 ^ i)
	}
	if err := gunzip(bad[start:end]); err == nil {
		return fmt.Errorf("the garbage at %d left the member at %d readable", mid, start)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (garbage over the member at %d)\n", dst, start)
	return os.WriteFile(dst, bad, 0o644)
}

// findMember returns the span of the first gzip member of data whose
// decompressed bytes satisfy match.
func findMember(data []byte, match func([]byte) bool) (start, end int, err error) {
	r := bytes.NewReader(data)
	br := bufio.NewReader(r)
	for {
		start = len(data) - r.Len() - br.Buffered()
		if start == len(data) {
			return 0, 0, errors.New("no gzip member holds the record")
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return 0, 0, err
		}
		zr.Multistream(false)
		record, err := io.ReadAll(zr)
		if err != nil {
			return 0, 0, err
		}
		end = len(data) - r.Len() - br.Buffered()
		if match(record) {
			return start, end, nil
		}
	}
}

// gunzip decompresses one gzip member, and returns why it cannot.
func gunzip(member []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(member))
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, zr)
	return err
}
