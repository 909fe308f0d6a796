// Package sniff tells pages from data, and reads compressed pages.
//
// Only pages are pages: a file that is a known kind of data (JSON, CSV,
// YAML, XML that is not HTML, PDF, images, archives, iomparse's own
// outputs) is no page, and iomparse skips it rather than parse it into a
// French page titled "[". Everything else is a page, text or HTML: a text
// that is no IOM page is still parsed, and the parser warns about it
// (not-iom-page). The tests are narrow on purpose, so that no page is lost
// to them: a format's magic bytes, text that parses as what it looks like
// (JSON), a header row of snake_case names, or a name whose extension says
// data for a file whose content does not look like HTML.
package sniff

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/iomparse/iomparse/parser"
)

// NotAPage tells, from a file's bytes as read, a binary format by its
// magic bytes (images, PDF, archives, audio, video, fonts, databases,
// Parquet), or a WARC archive not named as one. It returns what the file
// is, or "" for a page, or for data it cannot tell (a binary test still
// applies). Only signatures no text starts with are taken: not "BM" (a
// bitmap, says net/http's DetectContentType) nor "ID3", which a page can
// open with; and a table of prefixes costs a page a few nanoseconds where
// DetectContentType's sniffing costs a microsecond.
func NotAPage(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.what
		}
	}
	if len(data) >= 12 {
		switch {
		case string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
			return "a WebP image"
		case string(data[:4]) == "RIFF" && (string(data[8:12]) == "WAVE" || string(data[8:12]) == "AVI "):
			return "audio or video (RIFF)"
		case string(data[4:8]) == "ftyp":
			return "audio or video (MP4)"
		}
	}
	return ""
}

// magics are the formats NotAPage tells by the bytes they start with.
var magics = []struct{ prefix, what string }{
	{"%PDF-", "a PDF document"},
	{"%!PS-Adobe-", "a PostScript document"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"\x00\x00\x01\x00", "an icon"},
	{"PK\x03\x04", "a ZIP archive (or a document made of one: docx, xlsx, epub, wacz)"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"\xfd7zXZ\x00", "an xz archive"},
	{"OggS\x00", "audio or video (Ogg)"},
	{"\x1a\x45\xdf\xa3", "audio or video (WebM)"},
	{"wOFF", "a font"},
	{"wOF2", "a font"},
	{"\x00asm", "WebAssembly"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"PAR1", "a Parquet file"},
	{"WARC/1.", "a WARC archive (read as one when its name ends in .warc or .warc.gz)"},
}

// dataExtensions are the extensions of files that hold data, not pages:
// such a file is a page only when its content looks like HTML.
var dataExtensions = map[string]string{
	".json": "JSON", ".jsonl": "JSON Lines", ".ndjson": "JSON Lines", ".geojson": "JSON",
	".csv": "CSV", ".tsv": "TSV", ".yaml": "YAML", ".yml": "YAML",
	".xml": "XML", ".rss": "XML", ".atom": "XML", ".svg": "SVG", ".kml": "XML",
	".css": "CSS", ".js": "JavaScript", ".mjs": "JavaScript", ".map": "a source map",
}

// isCSVHeader reports whether line is the header row of a table: three or
// more comma-separated snake_case names ([a-z][a-z0-9_]*), as iomparse's
// CSV (whatever its columns) and most exports start. No page opens with
// such a line. (A loop, not a regular expression: it runs on every page.)
func isCSVHeader(line []byte) bool {
	names, start := 1, true
	for _, c := range line {
		switch {
		case c == ',' && !start:
			names, start = names+1, true
		case c >= 'a' && c <= 'z', !start && (c >= '0' && c <= '9' || c == '_'):
			start = false
		default:
			return false
		}
	}
	return names >= 3 && !start
}

// isYAMLRecords reports whether line opens iomparse's YAML: a list of
// records.
func isYAMLRecords(line []byte) bool {
	kind, ok := bytes.CutPrefix(line, []byte("- kind: "))
	return ok && (string(kind) == "project" || string(kind) == "news" || string(kind) == "page")
}

// NotAPageText tells, from a decoded text and the name it had (before
// compression), data that is not a page: by its extension (unless it
// looks like HTML), as JSON or JSON Lines that parse (keyed JSON Lines
// too, as iomparse writes them), as a CSV header row, as iomparse's YAML,
// or as XML that is not HTML. It returns what the text is, or "" for a
// page.
func NotAPageText(name string, text []byte) string {
	if parser.LooksLikeHTML(text) {
		return ""
	}
	if what := dataExtensions[strings.ToLower(filepath.Ext(name))]; what != "" {
		return what
	}
	text = bytes.TrimPrefix(text, []byte("\ufeff"))
	first, _, _ := bytes.Cut(bytes.TrimLeft(text, " \t\r\n"), []byte("\n"))
	first = bytes.TrimRight(first, " \t\r")
	switch {
	case len(first) == 0:
		return ""
	case first[0] == '{' || first[0] == '[':
		if json.Valid(text) {
			return "JSON"
		}
		if json.Valid(first) {
			return "JSON Lines"
		}
	case bytes.HasPrefix(first, []byte("<?xml")):
		return "XML"
	case isCSVHeader(first):
		return "CSV"
	case isYAMLRecords(first):
		return "YAML"
	}
	// iomparse's keyed JSON Lines: a key, a tab, a record.
	if key, value, ok := bytes.Cut(first, []byte("\t")); ok && len(key) > 0 && len(value) > 0 && value[0] == '{' && json.Valid(value) {
		return "JSON Lines"
	}
	return ""
}

// Kinds of Decompress errors, to match with errors.Is.
var (
	ErrTooLarge = errors.New("over the limit once decompressed")
	ErrCorrupt  = errors.New("does not decompress")
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Compressed reports whether data is gzip- or zstd-compressed, by its
// magic bytes.
func Compressed(data []byte) bool {
	return bytes.HasPrefix(data, gzipMagic) || bytes.HasPrefix(data, zstdMagic)
}

// Decompress returns the page a gzip- or zstd-compressed file holds,
// told by its magic bytes whatever its name, appended to buf; ok is false
// when data is not compressed. More than limit bytes decompressed is
// ErrTooLarge, found without holding more; data that does not decompress
// is ErrCorrupt.
func Decompress(data []byte, limit int64, buf []byte) (page []byte, ok bool, err error) {
	var r io.Reader
	kind := "gzip"
	switch {
	case bytes.HasPrefix(data, gzipMagic):
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, true, fmt.Errorf("gzip: %w: %v", ErrCorrupt, err)
		}
		r = zr
	case bytes.HasPrefix(data, zstdMagic):
		kind = "zstd"
		zr, err := zstd.NewReader(bytes.NewReader(data), zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxMemory(uint64(limit)+1))
		if err != nil {
			return nil, true, fmt.Errorf("zstd: %w: %v", ErrCorrupt, err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, false, nil
	}
	b := bytes.NewBuffer(buf)
	_, err = b.ReadFrom(io.LimitReader(r, limit+1))
	switch {
	case int64(b.Len()) > limit:
		return b.Bytes(), true, ErrTooLarge
	case err != nil:
		return b.Bytes(), true, fmt.Errorf("%s: %w: %v", kind, ErrCorrupt, err)
	}
	return b.Bytes(), true, nil
}

// Inner is the name of a compressed file without its .gz or .zst: its
// extension tells the format of the page inside.
func Inner(name string) string {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".gz", ".gzip", ".zst", ".zstd":
		return name[:len(name)-len(ext)]
	}
	return name
}

// HTMLName reports whether a file's name says HTML, as parser's detection
// takes a .html, .htm or .xhtml name (html.IsDocument): for the name of a
// compressed page inside its .gz.
func HTMLName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}
