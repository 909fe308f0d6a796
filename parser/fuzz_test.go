package parser_test

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// FuzzParse checks that the parser never panics and that every diagnostic
// points at a line of the input. The corpus is seeded from testdata.
func FuzzParse(f *testing.F) {
	for _, p := range fixturePaths(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("-\nWho we are\n- 2030 Agenda\n"))
	f.Add([]byte("T\n-\nPrima ID\n"))
	f.Add([]byte("\ufeffT\r\n-\r\nStart Date\r2020\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, pre := parser.Decode("fuzz.txt", data, "")
		if !utf8.Valid(text) {
			t.Fatalf("Decode returned invalid UTF-8")
		}
		rec := parser.Parse(parser.Document{Path: "fuzz.txt", Data: text, Diagnostics: pre})
		lines := countLines(text)
		for _, d := range rec.Diagnostics {
			if d.Line < 0 || d.Line > lines {
				t.Fatalf("diagnostic at line %d of a %d-line input: %s", d.Line, lines, d)
			}
			if d.Path != "fuzz.txt" {
				t.Fatalf("diagnostic with path %q", d.Path)
			}
		}
		switch rec.Kind {
		case model.KindProject, model.KindNews, model.KindPage:
		default:
			t.Fatalf("kind %q", rec.Kind)
		}
		if len(rec.Sources) != 1 {
			t.Fatalf("%d sources", len(rec.Sources))
		}
	})
}

// countLines counts lines the way the parser does: LF, CRLF and lone CR each
// end one.
func countLines(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\n':
			n++
		case '\r':
			n++
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
	}
	if len(b) > 0 && b[len(b)-1] != '\n' && b[len(b)-1] != '\r' {
		n++
	}
	return n
}
