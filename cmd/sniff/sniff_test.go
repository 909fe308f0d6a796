package sniff

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNotAPage: what is data, not a page, by its bytes, its text or its
// name; and what is a page though it looks a little like data.
func TestNotAPage(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // "" for a page
	}{
		{"records.json", `[{"kind":"project","prima_id":"RW10P0522"}]`, "JSON"},
		{"records", "[\n  {\"kind\": \"page\"}\n]\n", "JSON"},
		{"records.txt", `{"kind":"page"}` + "\n" + `{"kind":"news"}` + "\n", "JSON Lines"},
		{"keyed", "RW10P0522\t{\"kind\":\"project\"}\n", "JSON Lines"},
		{"report", `{"files":[],"totals":{}}`, "JSON"},
		{"diags.json", "[]\n", "JSON"},
		{"records.csv", "kind,prima_id\nproject,RW10P0522\n", "CSV"},
		{"table", "kind,prima_id,project_id,status\nproject,RW10P0522,,\n", "CSV"},
		{"data.tsv", "a\tb\n", "TSV"},
		{"records.yaml", "- kind: project\n", "YAML"},
		{"records", "- kind: project\n  prima_id: RW10P0522\n", "YAML"},
		{"sitemap", `<?xml version="1.0"?><urlset><url><loc>https://www.iom.int/</loc></url></urlset>`, "XML"},
		{"feed.rss", "<rss version=\"2.0\"><channel></channel></rss>", "XML"},
		{"style.css", "body { margin: 0 }", "CSS"},
		{"app.js", "var x = 1;", "JavaScript"},
		// Pages: HTML whatever its name, text that only starts like data.
		{"page.json", "<!DOCTYPE html><html><body>Prima ID</body></html>", ""},
		{"xhtml", `<?xml version="1.0"?><!DOCTYPE html><html><body>x</body></html>`, ""},
		{"page.txt", "[Skip to main content]\nProjects\n", ""},
		{"page.txt", "{Menu}\nHome\n", ""},
		{"page.txt", "Prima ID, Project Type, Status\n", ""},
		{"page.txt", "- Kind: project\n", ""},
		{"page.txt", "- Prima ID: RW10P0522\n", ""},
		{"page", "Rwanda,Kenya,Ghana\n", ""},
		{"page", "a,b\n", ""},
		{"page", "a,b,\n", ""},
		{"page", "a,,b,c\n", ""},
		{"page", "a,b_2,c3\n", "CSV"},
		{"page", "a,2b,c\n", ""},
		{"page", "- kind: projects\n", ""},
	}
	for _, tt := range tests {
		if got := NotAPageText(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("NotAPageText(%q, %q) = %q, want %q", tt.name, tt.data, got, tt.want)
		}
	}
	magic := []struct {
		data string
		want string
	}{
		{"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"},
		{"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"},
		{"GIF89a\x01\x00", "a GIF image"},
		{"RIFF\x00\x01\x00\x00WEBPVP8 ", "a WebP image"},
		{"\x00\x00\x00\x18ftypmp42", "audio or video (MP4)"},
		{"PK\x03\x04\x14\x00", "a ZIP archive (or a document made of one: docx, xlsx, epub, wacz)"},
		{"PAR1\x15\x04", "a Parquet file"},
		{"BMZ project in Rwanda\n", ""}, // DetectContentType's bitmap
		{"ID3 form\n", ""},
		{"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "a WARC archive (read as one when its name ends in .warc or .warc.gz)"},
		{"\x7fELF\x02\x01\x01\x00\x00", ""}, // unknown binary: the binary test's
		{"Prima ID: RW10P0522\n", ""},
		{"\xff\xfeP\x00r\x00", ""}, // UTF-16 text
	}
	for _, m := range magic {
		if got := NotAPage([]byte(m.data)); got != m.want {
			t.Errorf("NotAPage(%q) = %q, want %q", m.data, got, m.want)
		}
	}
}

// TestFixturesArePages: no page of testdata/ (but the golden outputs and
// the generator's code) nor of the seeds is taken for data.
func TestFixturesArePages(t *testing.T) {
	dirs := []string{"../../testdata", "../../../shared/seeds"}
	n := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && dir != dirs[0]:
				return filepath.SkipDir // no seeds here
			case err != nil:
				return err
			case d.IsDir() && (d.Name() == "golden" || d.Name() == "gen"):
				return filepath.SkipDir
			case d.IsDir():
				return nil
			}
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			n++
			assert.Empty(t, NotAPage(data), p)
			assert.Empty(t, NotAPageText(p, data), p)
			return nil
		})
		require.NoError(t, err)
	}
	assert.Greater(t, n, 100)
}

func TestDecompress(t *testing.T) {
	page := []byte(strings.Repeat("Prima ID: RW10P0522\n", 100))
	var gz, zs bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	zsw, err := zstd.NewWriter(&zs)
	require.NoError(t, err)
	zsw.Write(page)
	zsw.Close()
	for _, c := range []struct {
		name string
		data []byte
	}{{"gzip", gz.Bytes()}, {"zstd", zs.Bytes()}} {
		require.True(t, Compressed(c.data), c.name)
		got, ok, err := Decompress(c.data, int64(len(page)), nil)
		assert.True(t, ok && err == nil && bytes.Equal(got, page), "%s: %v", c.name, err)
		_, ok, err = Decompress(c.data, int64(len(page)-1), nil)
		assert.True(t, ok && errors.Is(err, ErrTooLarge), "%s over the limit: %v", c.name, err)
		_, ok, err = Decompress(c.data[:len(c.data)/2], int64(len(page)), nil)
		assert.True(t, ok && errors.Is(err, ErrCorrupt), "%s cut: %v", c.name, err)
	}
	_, ok, err := Decompress(page, 1<<20, nil)
	assert.False(t, ok || err != nil || Compressed(page), "not compressed")
	assert.Equal(t, "a/page.html", Inner("a/page.html.GZ"))
	assert.Equal(t, "page.txt", Inner("page.txt.zst"))
	assert.Equal(t, "page.txt", Inner("page.txt"))
	assert.True(t, HTMLName(Inner("p.htm.gz")))
	assert.False(t, HTMLName("p.txt"))
}

// BenchmarkSniff is what telling pages from data costs a page, on the
// pages of testdata/: a small part of parsing one.
func BenchmarkSniff(b *testing.B) {
	paths, err := filepath.Glob("../../testdata/*/*.*")
	require.NoError(b, err)
	var pages [][]byte
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil && !strings.Contains(p, "golden") && !strings.HasSuffix(p, ".go") {
			pages = append(pages, data)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range pages {
			if Compressed(data) || NotAPage(data) != "" || NotAPageText("page.txt", data) != "" {
				b.Fatal("a page taken for data")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}
