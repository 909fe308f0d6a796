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
// vocabularies of package model; what cannot be read is kept as written and
// reported with its line, never dropped.
package parser

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
// page's state and its lines. Reused, they spare a scrape of 100,000 pages
// about 2 KB of garbage a page (a sixth of all it allocates).
type scratch struct {
	page  page
	lines []Line
}

// maxPooledLines bounds the lines kept for reuse, so that one huge page
// does not pin its memory for the rest of the run.
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
	src := p.read(doc, s.lines[:0])
	lines := src.lines
	pg := &s.page
	*pg = page{doc: doc, lines: lines, menu: src.menu, meta: src.meta}
	pg.diags = append(pg.diags, doc.Diagnostics...)
	for _, no := range src.cut {
		pg.report(model.SeverityWarning, model.CodeLineTooLong, no, "line longer than %d bytes; the rest of it is not read", p.opts.MaxLineBytes)
	}
	pg.parse()
	rec := pg.record()
	// Forget the page, so that the pool holds none of its text; the record
	// shares no memory with the page's state or lines.
	*pg = page{}
	clear(lines)
	if cap(lines) > cap(s.lines) && cap(lines) <= maxPooledLines {
		s.lines = lines[:0]
	}
	p.scratch.Put(s)
	return rec
}

// Parse reads one document with default options.
func Parse(doc Document) model.Record { return New(Options{}).Parse(doc) }

// page is the state of parsing one document.
type page struct {
	doc   Document
	lines []Line
	meta  html.Meta

	menu   menu
	layout string
	title  string
	fields []model.Field
	body   []Line   // description or story lines, in order
	paras  []string // the body's paragraphs (hard-wrapped lines rejoined)
	rec    model.Record
	votes  langVotes
	diags  []model.Diagnostic

	hasFacts   bool // a project fact was read from a field or the Development Fund block
	newsHeader bool // the page starts with a "News" / "Communiqué" header
}

// report records a diagnostic at a line of the page.
func (pg *page) report(severity, code string, line int, format string, args ...any) {
	pg.diags = append(pg.diags, model.Diagnostic{
		Severity: severity, Code: code, Path: pg.doc.Path, Line: line,
		Message: fmt.Sprintf(format, args...),
	})
}

// record assembles the record from what the page yielded.
func (pg *page) record() model.Record {
	r := pg.rec
	lang := pg.votes.decide(pg.menu.lang)
	if lang != "" {
		r.Languages = []string{lang}
		if pg.title != "" {
			r.Title = map[string]string{lang: pg.title}
		}
		body, outcomes := paragraphs(pg.paras, r.Kind == model.KindProject)
		if len(body) > 0 {
			r.Body = map[string][]string{lang: body}
		}
		if len(outcomes) > 0 {
			r.Outcomes = map[string][]string{lang: outcomes}
		}
	}
	sum, size := pg.doc.SHA256, pg.doc.Size
	if sum == "" {
		h := sha256.Sum256(pg.doc.Data)
		sum, size = hex.EncodeToString(h[:]), len(pg.doc.Data)
	}
	if r.Kind == model.KindNews && r.Date == "" {
		r.Date = pg.meta.Date // an HTML page's article:published_time, when the body gives no date
	}
	r.Sources = []model.Source{{
		Path: pg.doc.Path, Lang: lang, Format: pg.doc.Format, Layout: pg.layout,
		URL: pg.meta.URL, SHA256: sum, Bytes: size, Fields: pg.fields,
	}}
	r.Diagnostics = pg.diags
	return r
}
