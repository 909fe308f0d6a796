// Package parser turns one scraped IOM page into one model.Record plus the
// diagnostics found on the way.
//
// A page is text, one text node of the original HTML per line (HTML input is
// rendered to the same lines first). One grammar reads it, top to bottom:
// the site menu (found by its structure and dropped), the title, the
// labelled fields of a project page in one of three layouts, then the body.
// For example this Dash-layout page
//
//	-
//	Who we are
//	…
//	- 2030 Agenda
//	Better Border Data for the Pacific
//	-
//	Start Date
//	2022
//	-
//	Prima ID
//	FJ10P0002
//	-
//	Benefiting Member States
//	Fiji Samoa Tonga
//	The project supports …
//
// becomes
//
//	{"kind": "project", "prima_id": "FJ10P0002", "start_year": 2022,
//	 "member_states": [{"code": "FJ", "name": "Fiji"}, {"code": "WS", …}, {"code": "TO", …}],
//	 "languages": ["en"], "title": {"en": "Better Border Data for the Pacific"},
//	 "body": {"en": ["The project supports …"]}, "sources": [{"path": …, "fields": […]}]}
//
// Every value is normalised to a language-independent code through the
// vocabularies of package model/vocab; what cannot be read is kept as
// written and reported with its line, never dropped.
//
// Parse runs four stages, in one direction, each in its own file:
//
//	source.go    the lines: split (package text) or rendered from HTML (package html),
//	             and the site menu found among them, once
//	scan.go      the structure: headers, title, field block (devfund.go for the
//	             Development Fund's), headline and the dates around it, body
//	classify.go  the kind, decided once: project, news or page
//	extract.go   the record: fields and values (values.go), news facts (package
//	             news), title, body (body.go), language (lang.go), diagnostics
//
// No stage writes what a later one erases, and none calls back into an
// earlier one. Decode (decode.go) comes before Parse: it reads a file's
// bytes as UTF-8.
//
// The parser imports model, model/ascii, model/vocab and its own packages
// text (the line source), html (the HTML stage) and news (the news
// readers); these import at most model, model/ascii, model/vocab and text
// (each says which), never the parser nor one another otherwise.
package parser

import (
	"sync"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/html"
)

// Formats of a document.
const (
	FormatText = "text"
	FormatHTML = "html"
)

// Layouts of a project page, recorded in model.Source.Layout.
const (
	LayoutDash    = "dash"
	LayoutBullet  = "bullet"
	LayoutDevFund = "devfund"
	LayoutNone    = "none"
)

// Document is one input page: its path for diagnostics, its bytes (already
// decoded to UTF-8 by the caller, see Decode), and its format.
type Document struct {
	Path   string
	Data   []byte
	Format string // FormatText or FormatHTML; "" means detect from the content
	// Size and SHA256 describe the file as read, before decoding; when
	// empty they are computed from Data.
	Size   int
	SHA256 string
	// Diagnostics found before parsing (decoding), carried into the record.
	Diagnostics []model.Diagnostic
}

// Options tune a Parser. The zero value is ready to use.
type Options struct {
	// MaxLineBytes bounds one line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int
}

// Parser parses documents. It holds no state between documents, so one
// Parser may be shared by goroutines; each Parse call builds its own page.
type Parser struct {
	opts Options
	// renderers keeps *html.Renderer for reuse: the scratch memory of
	// HTML pages, which no record refers to.
	renderers sync.Pool
	// scratch keeps *scratch for reuse.
	scratch sync.Pool
}

// scratch is the memory of one Parse call that no record refers to: the
// page's lines, its structure and the state of its extraction. Reused,
// they spare a scrape of 100,000 pages about 2 KB of garbage a page (a
// sixth of all it allocates).
type scratch struct {
	lines []Line
	scan  scan
	x     extractor
}

// maxPooledLines bounds the lines (and the fields) kept for reuse, so that
// one huge page does not pin its memory for the rest of the run.
const maxPooledLines = 1 << 14

// New returns a Parser with opts.
func New(opts Options) *Parser {
	if opts.MaxLineBytes <= 0 {
		opts.MaxLineBytes = DefaultMaxLineBytes
	}
	return &Parser{opts: opts}
}

// Parse reads one document into one record. It never fails: whatever it
// cannot read becomes a diagnostic in the record, with the document's path
// and the line it concerns.
func (p *Parser) Parse(doc Document) model.Record {
	if doc.Format == "" {
		doc.Format = FormatText
		if html.IsDocument(doc.Path, doc.Data) {
			doc.Format = FormatHTML
		}
	}
	s, _ := p.scratch.Get().(*scratch) // nil when the pool is empty
	if s == nil {
		s = &scratch{}
	}
	// The stages: read the lines and find the menu (source.go), read
	// the page's structure (scan.go), decide its kind (classify.go), and
	// read the structure into the record (extract.go).
	src := p.read(doc, s.lines[:0])
	sc := &s.scan
	sc.read(src.lines, src.menu, src.meta.Title)
	kind, marks := classify(sc)
	x := &s.x
	*x = extractor{path: doc.Path}
	x.diags = append(x.diags, doc.Diagnostics...)
	for _, no := range src.cut {
		x.report(model.SeverityWarning, model.CodeLineTooLong, no, "line longer than %d bytes; the rest of it is not read", p.opts.MaxLineBytes)
	}
	x.extract(sc, kind, marks)
	rec := x.record(doc, sc, src.meta)
	// Forget the page, so that the pool holds none of its text; the record
	// shares no memory with the scratch.
	*x = extractor{}
	fields := sc.block.fields
	clear(fields)
	if cap(fields) > maxPooledLines {
		fields = nil
	}
	*sc = scan{block: fieldBlock{fields: fields[:0]}}
	lines := src.lines
	clear(lines)
	if cap(lines) > cap(s.lines) && cap(lines) <= maxPooledLines {
		s.lines = lines[:0]
	}
	p.scratch.Put(s)
	return rec
}

// Parse reads one document with default options.
func Parse(doc Document) model.Record { return New(Options{}).Parse(doc) }
