package html

import (
	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/text"
)

// Page is a document as Render renders it: its lines, and what the markup
// told besides.
type Page struct {
	// Lines are the content's lines, the chrome left out.
	Lines []text.Line
	// H1 is the index in Lines of the first line of the content's first
	// <h1>, the page's headline; -1 when there is none.
	H1 int
	// Chrome holds the lines of each piece of site chrome (<nav>, a site
	// <header> or <footer>), rendered apart, in document order.
	Chrome [][]text.Line
	// Meta is what the <head> says.
	Meta Meta
}

// Renderer renders HTML documents to lines. It keeps the memory that
// scanning a page and building its tree take from one document to the
// next (allocating it afresh for every page was a fifth of the HTML path),
// so a Renderer belongs to one goroutine at a time.
type Renderer struct {
	// LabelMax, when not 0, is a length no field label exceeds: a text
	// longer than LabelMax bytes, once trimmed of the colons and spaces
	// that end it, is no label, whatever the label function would say.
	// It spares rendering a long term or cell to learn that.
	LabelMax int
	// Meter, when not nil, is charged what Render does (tokens, nodes,
	// lines, the memory of each), and may stop it (see package budget):
	// the Renderer is then half-used, and is to be dropped.
	Meter *budget.Meter
	mem   memory
}

// Render renders data, an HTML document in UTF-8 (see parser.Decode).
// isLabel tells whether a text is a known field label: a <dl> or a
// two-column table with one among its terms labels fields. The lines of
// the Page are the Renderer's, good until its next Render or Release: the
// caller copies what it keeps (the texts themselves stay good).
func (r *Renderer) Render(data []byte, isLabel func(string) bool) Page {
	mem := &r.mem
	if mem.nodes.len() > 0 {
		mem.release() // the last Page was not released: its nodes would be reused dirty
	}
	mem.meter = r.Meter
	r.Meter.Alloc(len(data)) // the scanner's copy of the page
	r.Meter.Work(len(data) / text.BytesPerWork)
	root, lineCount := parseTree(data, mem)
	r.Meter.Work(2 * mem.nodes.len()) // the passes of readMeta and markFieldContainers
	meta := readMeta(&mem.nodes)
	markFieldContainers(&mem.nodes)
	rn := &renderer{h1: -1, at: 1, maxLine: lineCount, lines: mem.lines[:0], meter: r.Meter, mem: &renderMemory{chrome: mem.chrome[:0], isLabel: isLabel, notes: labelNotes{isLabel: isLabel, labelMax: r.LabelMax, meter: r.Meter}}}
	rn.walk(root)
	rn.flush()
	mem.lines, mem.chrome = rn.lines, rn.mem.chrome
	return Page{Lines: rn.lines, H1: rn.h1, Chrome: rn.chrome, Meta: meta}
}

// Release forgets the last page rendered, so that the Renderer's memory
// holds none of its text.
func (r *Renderer) Release() { r.mem.release() }
