package parser_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// FuzzParseHTML feeds any bytes through the HTML path the command line
// takes, decoding (BOM, <meta charset>, UTF-8 validity, windows-1252) then
// Parse with Format "html": it never panics, the text is UTF-8, the record
// has a kind and one HTML source, and every diagnostic names the input and
// a line of it; the same bytes parsed undecoded name no line past the
// input's either; and, on a budget too small for it, it gives the record
// of a page too complex to read, not a panic. The corpus is seeded from
// testdata/html and testdata/hostile, and with the shapes of issue 13.
func FuzzParseHTML(f *testing.F) {
	pages, err := filepath.Glob("../testdata/html/*.html")
	if err != nil {
		f.Fatal(err)
	}
	hostile, err := filepath.Glob("../testdata/hostile/*.html")
	if err != nil {
		f.Fatal(err)
	}
	pages = append(pages, hostile...)
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<!DOCTYPE html><html><head><meta charset=\"windows-1252\"></head><body><h1>Caf\xe9</h1><dl><dt>Prima ID<dd>RW10P0522</dl>"))
	f.Add([]byte("\ufeff<html><body><table><tr><td>Start Date<td>2020\r<tr><td>Prima ID</table><p>\x00</p>"))
	f.Add([]byte("<body><ul><li>-<li>Who we are<li>- 2030 Agenda</ul><h1>T</h1><div>-</div><div>Budget Amount (USD)</div><div>12,5</div>"))
	f.Add([]byte("<html><body>" + string(make([]byte, 64)) + "</body></html>"))
	for _, shape := range []string{
		"<nav><ul>" + strings.Repeat("<li><div>Who we are</div></li>", 20) + "</ul></nav><h1>T</h1>",
		"<html" + strings.Repeat(" class=x", 20) + ">" + strings.Repeat("<html lang=en>", 20),
		strings.Repeat("<dl><dt>Start Date x", 20) + strings.Repeat("<dd>2020</dl>", 20),
		strings.Repeat("<table><tr><td>Prima ID", 20) + strings.Repeat("<td>x</table>", 20),
		strings.Repeat("<span>", 60) + strings.Repeat("</b><li><td><p><button><div>", 10),
		strings.Repeat("<svg><b>x", 20), strings.Repeat("<", 100), strings.Repeat("<header>x", 20),
		"<h1>T</h1><p>Start Date: 2022</p><textarea>-\nPrima ID\nFJ10P0002\n-\nBudget Amount (USD)\n1</textarea>",
	} {
		f.Add([]byte("<html><body>" + shape))
	}
	tiny := parser.New(parser.Options{Budget: parser.Budget{Work: 1, Memory: 1, HTMLMemory: 1, Floor: 1}})
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.html"
		text, _, pre := parser.Decode(path, data, "")
		if !utf8.Valid(text) {
			t.Fatalf("Decode returned invalid UTF-8")
		}
		rec := parser.Parse(parser.Document{Path: path, Data: text, Format: parser.FormatHTML, Diagnostics: pre})
		// An HTML position may be just after a final line end, as editors
		// show it: one more line than countLines counts.
		checkRecord(t, rec, path, parser.FormatHTML, countLines(text)+1)
		// The bytes as they came, undecoded: no diagnostic past the line
		// after the last line end.
		raw := parser.Parse(parser.Document{Path: path, Data: data, Format: parser.FormatHTML})
		last := 1 + lineEnds(data)
		for _, d := range raw.Diagnostics {
			if d.Line < 0 || d.Line > last {
				t.Fatalf("diagnostic %v outside 1..%d", d, last)
			}
		}
		checkTooComplex(t, tiny, parser.Document{Path: path, Data: text, Format: parser.FormatHTML})
	})
}

// lineEnds counts the line ends of b: LF, CRLF and lone CR.
func lineEnds(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		if b[i] == '\n' || b[i] == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			n++
		}
	}
	return n
}

// checkRecord holds the invariants of any parsed record: a known kind, one
// source in the format parsed, and diagnostics on the input's own path and
// lines (0 meaning the whole file).
func checkRecord(t *testing.T, rec model.Record, path, format string, lines int) {
	t.Helper()
	switch rec.Kind {
	case model.KindProject, model.KindNews, model.KindPage:
	default:
		t.Fatalf("kind %q", rec.Kind)
	}
	if len(rec.Sources) != 1 || rec.Sources[0].Format != format || rec.Sources[0].Path != path {
		t.Fatalf("sources %+v, want one %s source %s", rec.Sources, format, path)
	}
	for _, d := range rec.Diagnostics {
		if d.Line < 0 || d.Line > lines {
			t.Fatalf("diagnostic at line %d of a %d-line input: %s", d.Line, lines, d)
		}
		if d.Path != path {
			t.Fatalf("diagnostic with path %q: %s", d.Path, d)
		}
		if d.Severity != model.SeverityInfo && d.Severity != model.SeverityWarning && d.Severity != model.SeverityError {
			t.Fatalf("diagnostic with severity %q: %s", d.Severity, d)
		}
	}
	for _, fd := range rec.Sources[0].Fields {
		if fd.Line < 0 || fd.Line > lines {
			t.Fatalf("field %q at line %d of a %d-line input", fd.Label, fd.Line, lines)
		}
	}
	// The commands encode records with AppendJSON: it must write what
	// encoding/json writes.
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	wantErr := enc.Encode(&rec)
	got, err := rec.AppendJSON(nil)
	if (err != nil) != (wantErr != nil) || err == nil && !bytes.Equal(got, bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
		t.Fatalf("AppendJSON = %s, %v; encoding/json = %s, %v", got, err, want.Bytes(), wantErr)
	}
}
