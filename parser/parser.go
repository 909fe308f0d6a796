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
// bytes as UTF-8. Every stage charges a budget.Meter the work and the
// memory it takes; a page over its Budget is too complex, and is not read
// (ParseContext also stops when its context is done).
//
// The parser imports model, model/ascii, model/vocab and its own packages
// text (the line source), html (the HTML stage), news (the news readers)
// and budget (the meter); these import at most model, model/ascii,
// model/vocab, text and budget (each says which), never the parser nor one
// another otherwise.
package parser

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/budget"
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
	// Budget bounds what parsing one page may take; the zero value means
	// DefaultBudget.
	Budget Budget
}

// Budget bounds the work and the memory of parsing one page, in
// proportion to its size: Work units of work (see package budget), and
// Memory bytes of memory for a text page or HTMLMemory for an HTML one,
// for each byte of the page and for each of Floor bytes more, which every
// page has as a start, for its fixed costs. A page that would take more
// is too complex (ErrTooComplex): it is not read, and parsing it stops as
// soon as it goes over, so that no page, whatever its shape, can stall a
// run or take memory out of proportion to its size.
type Budget struct {
	Work, Memory, HTMLMemory, Floor int64
}

// DefaultBudget is the budget of a Parser whose Options set none: 64
// units of work a byte, 8 bytes of memory a byte of text and 16 a byte of
// HTML, with a floor of 8 MiB (a text page of n bytes may take 8×n+64 MiB
// of memory, an HTML page 16×n+128 MiB).
//
// Work is over 100 times the most work per byte that any page takes, of
// testdata, of the real pages of ../shared/seeds and of a corpus of
// 100,000 generated pages: 0.53 units a byte, on a page of 480 bytes whose
// fixed costs weigh most; large pages take 0.15 to 0.5.
//
// Memory, beyond the floor, is over 4 times the most any of these pages
// takes per byte (0.02, the floor being larger than any), and about 3
// times what a large text page takes (a real page repeated to 190 KB: 2
// bytes a byte; its lines take 40 bytes each). An HTML page takes more,
// its tree a node of 96 bytes for every few bytes of markup: 7 to 12
// bytes a byte for the HTML fixtures repeated to 100–250 KB, 15 for a
// page of short paragraphs each with a bold word; HTMLMemory leaves such
// pages room up to 16 MB. The floor lets the pages of a few hundred KB to
// a few MB that take many times their size be read: 200,000 one-letter
// lines (400 KB, 36 bytes a byte: TestTextHostileShapes), and the shapes
// issue 13 found slow, a member-state list of 30,000 unknown names among
// known ones (589 KB, which gives 60,000 diagnostics) and a <nav> of 61,000
// menu items (1.9 MB), each read in under half a second and 55 MB. (With a
// floor of 2 MiB these were refused.) A page of 16 MB of one-letter lines,
// or of unknown labels, is refused before its lines are made.
// TestBudgetCalibration measures the pages and holds the budget above
// them.
func DefaultBudget() Budget {
	return Budget{Work: 64, Memory: 8, HTMLMemory: 16, Floor: 8 << 20}
}

// ErrTooComplex is the error of ParseContext for a page whose parsing
// would exceed its budget (errors.Is): the record it returns then holds
// the too-complex diagnostic only.
var ErrTooComplex = budget.ErrTooComplex

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
	meter budget.Meter
}

// maxPooledLines bounds the lines (and the fields) kept for reuse, so that
// one huge page does not pin its memory for the rest of the run.
const maxPooledLines = 1 << 14

// New returns a Parser with opts.
func New(opts Options) *Parser {
	if opts.MaxLineBytes <= 0 {
		opts.MaxLineBytes = DefaultMaxLineBytes
	}
	if opts.Budget == (Budget{}) {
		opts.Budget = DefaultBudget()
	}
	return &Parser{opts: opts}
}

// Parse reads one document into one record. It never fails: whatever it
// cannot read becomes a diagnostic in the record, with the document's path
// and the line it concerns; a page too complex to parse (see Budget) gives
// a record that holds the too-complex diagnostic only.
func (p *Parser) Parse(doc Document) model.Record {
	rec, _ := p.ParseContext(context.Background(), doc)
	return rec
}

// ParseContext is Parse, stopped when ctx is done: parsing looks at ctx
// as it goes (every few milliseconds of work), and gives up at once with
// ctx.Err() and no record. A page too complex to parse gives ErrTooComplex
// (wrapped) and the record Parse gives, which holds the too-complex
// diagnostic only: the caller reports the page as failed, with that
// diagnostic, and goes on with the next.
func (p *Parser) ParseContext(ctx context.Context, doc Document) (model.Record, error) {
	if doc.Format == "" {
		doc.Format = FormatText
		if html.IsDocument(doc.Path, doc.Data) {
			doc.Format = FormatHTML
		}
	}
	if ctx != nil {
		if err := ctx.Err(); err != nil {
			return model.Record{}, err
		}
	}
	b, size := p.opts.Budget, int64(len(doc.Data))
	rec, _, _, err := p.parse(ctx, doc, b.Work*(size+b.Floor), p.MemoryBudget(len(doc.Data), doc.Format))
	switch {
	case errors.Is(err, ErrTooComplex):
		return tooComplex(doc, err), err
	case err != nil:
		return model.Record{}, err
	}
	return rec, nil
}

// MemoryBudget is the memory that parsing a page of size bytes in format
// may take at the most (see Budget): a caller that bounds the process's
// memory makes room for it.
func (p *Parser) MemoryBudget(size int, format string) int64 {
	b := p.opts.Budget
	mem := b.Memory
	if format == FormatHTML {
		mem = b.HTMLMemory
	}
	return mem * (int64(size) + b.Floor)
}

// tooComplex returns the record of a page too complex to parse: its source
// and the diagnostic that says so, after those of its decoding.
func tooComplex(doc Document, err error) model.Record {
	sum, size := doc.SHA256, doc.Size
	if sum == "" {
		h := sha256.Sum256(doc.Data)
		sum, size = hex.EncodeToString(h[:]), len(doc.Data)
	}
	diags := append(doc.Diagnostics[:len(doc.Diagnostics):len(doc.Diagnostics)], model.Diagnostic{
		Severity: model.SeverityError, Code: model.CodeTooComplex, Path: doc.Path,
		Message: "the page is " + err.Error() + "; nothing of it is read",
	})
	return model.Record{
		Kind:        model.KindPage,
		Sources:     []model.Source{{Path: doc.Path, Format: doc.Format, Layout: LayoutNone, SHA256: sum, Bytes: size}},
		Diagnostics: diags,
	}
}

// parse reads one document into one record, charging a meter of the given
// budget as it goes, and returns what it charged; a stop of the meter
// returns its reason.
func (p *Parser) parse(ctx context.Context, doc Document, work, mem int64) (rec model.Record, workUsed, memUsed int64, err error) {
	// A stop leaves the scratch memory and the renderer half-used: they
	// are dropped, not put back in their pools.
	defer budget.Catch(&err)
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
	m := &s.meter
	m.Reset(ctx, work, mem)
	// The stages: read the lines and find the menu (source.go), read
	// the page's structure (scan.go), decide its kind (classify.go), and
	// read the structure into the record (extract.go).
	src := p.read(doc, s.lines[:0], m)
	sc := &s.scan
	sc.read(src.lines, src.menu, src.meta.Title, m)
	kind, marks := classify(sc)
	x := &s.x
	*x = extractor{path: doc.Path, meter: m}
	x.diags = append(x.diags, doc.Diagnostics...)
	for _, no := range src.cut {
		x.report(model.SeverityWarning, model.CodeLineTooLong, no, "line longer than %d bytes; the rest of it is not read", p.opts.MaxLineBytes)
	}
	x.extract(sc, kind, marks)
	rec = x.record(doc, sc, src.meta)
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
	workUsed, memUsed = m.Used()
	*m = budget.Meter{} // holds the context
	p.scratch.Put(s)
	return rec, workUsed, memUsed, nil
}

// Parse reads one document with default options.
func Parse(doc Document) model.Record { return New(Options{}).Parse(doc) }
