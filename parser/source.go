package parser

import (
	"slices"
	"strings"

	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/html"
	"github.com/iomparse/iomparse/parser/text"
)

// The first stage of Parse: a document's lines, and the site menu found
// among them, once. A text page is split into lines (package text); an
// HTML page is rendered to lines (package html) and its menu put first, as
// scraped text shows it. Either way the grammar takes the menu found here
// and does not look for it again.

// source is what the first stage gives the grammar.
type source struct {
	lines []Line
	menu  menu
	cut   []int // the numbers of the lines cut to the length bound
	meta  html.Meta
}

// read reads doc into lines, appended to buf (whose memory is reused when
// it has room), and finds the site menu, charging meter.
func (p *Parser) read(doc Document, buf []Line, meter *budget.Meter) source {
	if doc.Format != FormatHTML {
		lines, cut := text.Split(doc.Data, p.opts.MaxLineBytes, buf, meter)
		meter.Work(len(lines)) // the search for the menu
		return source{lines: lines, menu: findMenu(lines), cut: cut}
	}
	r, _ := p.renderers.Get().(*html.Renderer) // nil when the pool is empty
	if r == nil {
		r = &html.Renderer{LabelMax: maxLabelBytes}
	}
	r.Meter = meter // a stop drops r with the rest of the page
	page := r.Render(doc.Data, isLabel)
	r.Meter = nil
	n := len(page.Lines)
	for _, c := range page.Chrome {
		n += len(c)
	}
	meter.Alloc(n * text.LineBytes) // the lines laid out
	meter.Work(2 * n)               // and searched for the menu
	lines, m := htmlLines(page, buf)
	r.Release()
	p.renderers.Put(r)
	// Bounded after the menu is found, like a text page's lines before:
	// only the lines kept are bounded and reported.
	return source{lines: lines, menu: m, cut: text.Bound(lines, p.opts.MaxLineBytes), meta: page.Meta}
}

// htmlLines lays out the lines of a rendered page as scraped text lays
// them out, appended to buf: the site menu first, then the content, whose
// first <h1> is its title. Between the menu (when the content opens with
// it) and the <h1>, only the section headers and widget lines the grammar
// knows ("News", "Global", "Share") are kept; breadcrumbs, dates and other
// lines the markup put before the title go. When the content does not open
// with the menu, the menu is looked for in the chrome and put first.
func htmlLines(page html.Page, buf []Line) ([]Line, menu) {
	content := page.Lines
	m := findMenu(content)
	if h1 := page.H1; h1 >= 0 && h1 <= len(content) && m.end <= h1 {
		// In place: the kept lines move up over the dropped ones.
		kept := content[:m.end]
		for _, l := range content[m.end:h1] {
			if _, ok := pageHeaders.Lookup(l.Text); ok {
				kept = append(kept, l)
			}
		}
		content = append(kept, content[h1:]...)
		if m.site == "" {
			// Lines that opened the page are gone: a menu may open it
			// now. (A menu found before opens it still: its lines stay.)
			m = findMenu(content)
		}
	}
	var chrome []Line
	if m.site == "" {
		chrome, m = chromeMenu(page.Chrome)
	}
	lines := slices.Grow(buf[:0], len(chrome)+len(content))
	return append(append(lines, chrome...), content...), m
}

// chromeMenu returns the site menu found in the chrome, with its lines: the
// lines of the first piece of chrome that hold one, from its opening "-" to
// its last item.
func chromeMenu(chrome [][]Line) ([]Line, menu) {
	for _, lines := range chrome {
		var s menuSearch
		for k := range lines {
			if lines[k].Text != "-" && !strings.HasPrefix(lines[k].Text, "- ") {
				continue
			}
			if m := s.find(lines, k); m.site != "" {
				return lines[k : k+m.end], m
			}
		}
	}
	return nil, menu{}
}
