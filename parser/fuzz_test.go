package parser_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// FuzzParse checks that the parser never panics and that every diagnostic
// points at a line of the input, and that on a budget too small for the
// page it gives the record of a page too complex to read. The corpus is
// seeded from testdata (testdata/hostile among it) and with the shapes of
// issue 13.
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
	for _, shape := range []string{
		"T\n\nFor further information, please contact Jane Roe, " + strings.Repeat("Tel: 555 1234, ", 20),
		"T\n\nFor further information, please contact: " + strings.Repeat("jroe@iom.int +41 22 717 9111 ", 20),
		"T\n-\nStart Date\n2020\n" + strings.Repeat("-\nLabel\nvalue\n", 20),
		"T\nStart Date: 2022\n-\nPrima ID\nFJ10P0002\n-\nBudget Amount (USD)\n1\nPrima ID: X\n",
		"T\nT\nAfrica\nAB.1234\nXX10P0001\n100\n" + strings.Repeat("Fiji\nFoo\n", 20),
		"T\n-\nBenefiting Member States\n" + strings.Repeat("Kenya Atlantis ", 20),
		"T\r" + strings.Repeat("x\r", 50), "-\nWho we are\n" + strings.Repeat("Who we are\n-\n", 20),
		strings.Repeat("(", 100) + strings.Repeat("\"", 100) + strings.Repeat(" - ", 100) + "9 December 2016",
		"Headline" + strings.Repeat(",", 50) + " 9 December 2016\n\nRabat " + strings.Repeat("- ", 50) + "text",
	} {
		f.Add([]byte(shape))
	}
	tiny := parser.New(parser.Options{Budget: parser.Budget{Work: 1, Memory: 1, HTMLMemory: 1, Floor: 1}})
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
		checkTooComplex(t, tiny, parser.Document{Path: "fuzz.txt", Data: text})
	})
}

// checkTooComplex parses doc with p, whose budget is too small for any
// page of more than a few bytes: it gives a record that holds nothing but
// the page's source and the too-complex error, or, for a page small
// enough, the record Parse gives; never a panic.
func checkTooComplex(t *testing.T, p *parser.Parser, doc parser.Document) {
	t.Helper()
	rec, err := p.ParseContext(context.Background(), doc)
	if err == nil {
		return
	}
	if !errors.Is(err, parser.ErrTooComplex) {
		t.Fatalf("error %v", err)
	}
	d := rec.Diagnostics
	if rec.Kind != model.KindPage || len(rec.Sources) != 1 || rec.Title != nil || rec.Body != nil ||
		len(d) == 0 || d[len(d)-1].Code != model.CodeTooComplex || d[len(d)-1].Path != doc.Path {
		t.Fatalf("the record of a page too complex: %+v", rec)
	}
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
