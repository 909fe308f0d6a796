package parser

// HTML pages are rendered to the same stream of lines a scraped text page
// is, so that one grammar (menu, title, fields, body) serves both:
//
//   - block elements and <br> end a line; inline elements glue, as the
//     scraped text does ("Who we areWHO WE AREThe International…");
//   - a list item is "- text" when it holds only inline content, and a line
//     "-" followed by its content's lines when it holds a nested list, a
//     heading or another block: the shape of the site menu in scraped text;
//   - script, style, noscript, template, the <head> and comments give
//     nothing; entities are decoded and white space is collapsed;
//   - where the markup labels fields (Drupal's field__label / field__item,
//     <dl>, two-column tables) each field becomes the Dash triple "-",
//     label, value, whatever the page's own layout, and a value made of
//     several items (one field__item per member state) keeps them apart in
//     Line.Items, so member states are not split by name;
//   - site chrome (<nav>, and <header>/<footer> outside the content) is
//     rendered apart: the site menu found there is put first, as in the
//     scraped text, so the grammar reads it (language, country office) and
//     drops it; the rest of the chrome is dropped.
//
// Positions. The scanner (htmlscan.go) gives every element and text the
// line of the source file where it starts, counted as text.Split counts
// lines (LF, CRLF, lone CR), so diagnostics on an HTML page name real lines
// of the file.

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/parser/text"

	"golang.org/x/net/html/atom"

	"github.com/iomparse/iomparse/model/vocab"
)

// htmlMeta is what an HTML page's <head> tells about it. The parser uses it
// only where the body does not say.
type htmlMeta struct {
	url   string // <link rel="canonical">, else og:url: sources[].url
	lang  string // <html lang>, else og:locale: primary language subtag
	title string // og:title: the title of a page without a headline
	date  string // article:published_time: a news item's date (ISO 8601 date)
}

// LooksLikeHTML reports whether data is an HTML document, by its content:
// a doctype or an <html>, <head> or <body> tag (or a <meta>, <title> or
// <link> opening a document without them) at the start, after a byte-order
// mark, white space, comments and an XML declaration.
func LooksLikeHTML(data []byte) bool {
	return startsWithTag(data, []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<link"})
}

// isHTMLDocument decides the format of a document: by content, or by a
// .html/.htm name for a document that starts with any tag (a saved
// fragment).
func isHTMLDocument(path string, data []byte) bool {
	if LooksLikeHTML(data) {
		return true
	}
	lower := strings.ToLower(path)
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || strings.HasSuffix(lower, ".xhtml") {
		return startsWithTag(data, nil)
	}
	return false
}

// startsWithTag reports whether data opens, after a byte-order mark, white
// space, comments and an XML declaration, with one of tags (lower case, a
// whole tag name); with no tags, with any start tag.
func startsWithTag(data []byte, tags []string) bool {
	data = text.TrimBOM(data)
	data = data[:min(len(data), 8192)]
	for {
		data = bytes.TrimLeft(data, " \t\r\n\f")
		var end []byte
		switch {
		case hasPrefixFold(data, "<!--"):
			end = []byte("-->")
		case hasPrefixFold(data, "<?xml"):
			end = []byte("?>")
		}
		if end == nil {
			break
		}
		i := bytes.Index(data, end)
		if i < 0 {
			return false
		}
		data = data[i+len(end):]
	}
	if tags == nil {
		return len(data) > 1 && data[0] == '<' && (data[1] == '!' || ascii.IsLetter(data[1]))
	}
	for _, tag := range tags {
		if hasPrefixFold(data, tag) && (len(data) == len(tag) || bytes.IndexByte([]byte(" \t\r\n\f>/"), data[len(tag)]) >= 0) {
			return true
		}
	}
	return false
}

func hasPrefixFold(data []byte, prefix string) bool {
	return len(data) >= len(prefix) && bytes.EqualFold(data[:len(prefix)], []byte(prefix))
}

// renderHTML renders an HTML document (UTF-8, see Decode) to lines, and
// reads its head.
// mem, which may be nil, is the memory to build the page's tree in; the
// lines do not refer to it.
func renderHTML(data []byte, mem *htmlMemory) ([]Line, htmlMeta) {
	if mem == nil {
		mem = &htmlMemory{}
	}
	root, lineCount := parseHTML(data, mem)
	defer mem.release()
	meta := readMeta(mem.nodes)
	markFieldContainers(mem.nodes)
	// The lines are rendered in the page memory's, then copied out once,
	// at their size, with the chrome's menu before them: growing them and
	// then prepending the menu cost two or three copies a page.
	r := &renderer{h1: -1, at: 1, maxLine: lineCount, lines: mem.lines[:0], mem: &renderMemory{chrome: mem.chrome[:0]}}
	r.walk(root)
	r.flush()
	lines, site := preferH1(r.lines, r.h1)
	var menu []Line
	if site == "" {
		menu = chromeMenu(r.chrome)
	}
	out := make([]Line, 0, len(menu)+len(lines))
	out = append(append(out, menu...), lines...)
	mem.lines, mem.chrome = r.lines, r.mem.chrome
	return out, meta
}

// preferH1 makes the page's first <h1> its title: between the site menu
// (when the content holds it) and the <h1>, only the section headers and
// widget lines the grammar knows ("News", "Global", "Share") are kept;
// breadcrumbs, dates and other lines the markup put before the title go.
// It returns the lines with the site of the menu that opens them ("" for
// none).
func preferH1(lines []Line, h1 int) ([]Line, string) {
	m := findMenu(lines)
	if h1 < 0 || h1 > len(lines) || m.end > h1 {
		return lines, m.site // no <h1>, or one inside the menu: not a title
	}
	// In place: the kept lines move up over the dropped ones.
	out := lines[:m.end]
	for _, l := range lines[m.end:h1] {
		if _, ok := pageHeaders.Lookup(l.Text); ok {
			out = append(out, l)
		}
	}
	out = append(out, lines[h1:]...)
	if m.site == "" {
		// Lines that opened the page are gone: a menu may open it now.
		// A menu found before opens it still: its first lines, which
		// decide its site, stay.
		m = findMenu(out)
	}
	return out, m.site
}

// renderer renders a tree to lines. Text gathers in run/buf until a block
// boundary flushes it as one line.
type renderer struct {
	lines  []Line
	chrome [][]Line // the lines of each piece of site chrome, kept apart
	plain  bool     // render lists and chrome as plain blocks (values, labels)
	// The line being gathered: run while it is one run of text (a
	// substring of the page), buf once it is more. buf is reused from
	// line to line (and lent to the chrome's renderer), so that a line
	// costs one copy of its text, made by flush.
	run    string
	buf    []byte
	bufNo  int  // its source line
	space  bool // white space seen since the last character
	item   bool // the line being gathered is a list item: "- text"
	itemNo int  // the list item's line
	pre    int  // depth of <pre>: line ends are kept
	at     int  // the line of the last position seen
	// inChrome: rendering site chrome already; a <nav> inside a <header>
	// stays in the header's lines.
	inChrome bool
	h1       int           // index in lines of the first <h1> of the content, -1 before one
	maxLine  int           // the number of lines of the page: no position lies past it
	mem      *renderMemory // shared with the chrome's renderers; nil in sub's
}

// renderMemory is what the renderers of a page share: scratch memory that
// label, value and drupalFields reuse from one field to the next, and
// blocks that value lines' Items and the chrome's lines are handed out
// from, a few allocations a page instead of one or more a field.
type renderMemory struct {
	lines  []Line   // scratch: the lines of a label or value before they are joined
	nodes  []*node  // scratch: the parts of a Drupal field container
	items  []string // the block Items are handed out from
	chrome []Line   // the lines of the pieces of chrome, one after another
	subBuf []byte   // the buf of the sub renderers, one at a time
}

// sub returns a renderer for a label or a value inside the current one.
func (r *renderer) sub() *renderer {
	return &renderer{plain: true, at: r.at, maxLine: r.maxLine}
}

// walk renders n and its content. Elements that the markup rules below
// match are rendered by their rule; the rest as blocks or inline.
func (r *renderer) walk(n *node) {
	switch n.kind {
	case textNode:
		r.text(n.text, n.line)
		return
	case documentNode:
		r.children(n)
		return
	case elementNode:
	default:
		return // comments, doctype
	}
	r.at = n.line
	switch {
	case n.class.has(classDropped):
	case n.tag == atom.Br:
		r.flush()
	case !r.plain && n.container:
		r.drupalFields(n)
	case !r.plain && !r.inChrome && isChrome(n):
		r.renderChrome(n)
	case !r.plain && n.tag == atom.Dl && r.isFieldList(n):
		r.fieldList(n)
	case !r.plain && n.tag == atom.Table && r.isFieldTable(n):
		r.fieldTable(n)
	case !r.plain && n.tag == atom.Li:
		r.listItem(n)
	case n.tag == atom.H1 && !r.plain && !r.inChrome && r.h1 < 0:
		r.flush()
		r.h1 = len(r.lines)
		r.children(n)
		r.flush()
	case n.tag == atom.Pre:
		r.flush()
		r.pre++
		r.children(n)
		r.pre--
		r.flush()
	case n.class.has(classBlock):
		r.flush()
		r.children(n)
		r.flush()
	default:
		r.children(n)
	}
}

func (r *renderer) children(n *node) {
	for c := n.first; c != nil; c = c.next {
		r.walk(c)
	}
}

// text adds a text node whose first character other than white space is
// on line no: white space collapses to one space, and in <pre> a line end
// ends the line. HTML white space is ASCII, so the text is taken in runs
// that need no collapsing (words and single spaces); a line made of one
// run is a substring of the page, not a copy.
func (r *renderer) text(s string, no int) {
	for i := 0; i < len(s); {
		c := s[i]
		if isTagSpace(c) {
			if r.pre > 0 && (c == '\n' || c == '\r' && (i+1 == len(s) || s[i+1] != '\n')) {
				r.flush()
				r.at = min(r.at+1, r.maxLine) // a "&#10;" is no line of the file
			} else {
				r.space = true
			}
			i++
			continue
		}
		if no > 0 {
			r.at, no = no, 0
		}
		j := i + 1
		for j < len(s) && (!isTagSpace(s[j]) || s[j] == ' ' && j+1 < len(s) && !isTagSpace(s[j+1])) {
			j++
		}
		r.add(s[i:j])
		i = j
	}
}

// add appends a run of text to the line being gathered, after one space if
// white space came before it.
func (r *renderer) add(run string) {
	switch {
	case r.run == "" && len(r.buf) == 0:
		r.bufNo = r.at
		r.run = run
	default:
		if r.run != "" {
			r.buf = append(r.buf, r.run...)
			r.run = ""
		}
		if r.space {
			r.buf = append(r.buf, ' ')
		}
		r.buf = append(r.buf, run...)
	}
	r.space = false
}

// flush ends the line being gathered. A line with no text is not written:
// HTML has no blank lines that mean anything.
func (r *renderer) flush() {
	if r.run == "" && len(r.buf) == 0 && !r.item {
		r.space = false
		return // nothing gathered, as at most block boundaries
	}
	// Trimmed of Unicode white space (as unicode.IsSpace), with the dash
	// of a list item: one copy of the gathered bytes at most.
	var text string
	if len(r.buf) > 0 {
		b := bytes.TrimSpace(r.buf)
		if r.item && len(b) > 0 {
			text = "- " + string(b)
		} else {
			text = string(b)
		}
	} else {
		text = strings.TrimSpace(r.run)
		if r.item && text != "" {
			text = "- " + text
		}
	}
	no := r.bufNo
	if r.item {
		no = r.itemNo
		if text == "" {
			text = "-"
		}
	}
	if text != "" {
		r.lines = append(r.lines, Line{No: no, Text: text})
	}
	r.buf = r.buf[:0]
	r.run = ""
	r.space = false
	r.item = false
}

// emit writes a whole line.
func (r *renderer) emit(l Line) {
	r.flush()
	r.lines = append(r.lines, l)
}

// listItem renders <li> the way scraped text shows list items. An item
// holding only inline content is one line, "- Data and Research"
// (<li><a href="…">Data and Research</a></li>); an item holding a nested
// list, a heading or another block — a section of the site menu — is a line
// "-" followed by its content's own lines.
func (r *renderer) listItem(n *node) {
	r.flush()
	if hasBlock(n) {
		r.emit(Line{No: n.line, Text: "-"})
		r.children(n)
		r.flush()
		return
	}
	r.item, r.itemNo = true, n.line
	r.children(n)
	r.flush()
}

// hasBlock reports whether an element holds a block element.
func hasBlock(n *node) bool {
	for c := n.first; c != nil; c = c.next {
		if c.kind == elementNode && !c.class.has(classDropped) && (c.class.has(classBlock) || hasBlock(c)) {
			return true
		}
	}
	return false
}

// isChrome matches the site's chrome: <nav> (or role="navigation"), and a
// <header> or <footer> (or role="banner" / "contentinfo") that belongs to
// the site rather than to an <article>, <main> or <section>.
func isChrome(n *node) bool {
	role := attr(n, "role")
	switch {
	case n.tag == atom.Nav || role == "navigation":
		return true
	case role == "banner" || role == "contentinfo":
		return true
	case n.tag == atom.Header || n.tag == atom.Footer:
		for p := n.parent; p != nil; p = p.parent {
			if p.tag == atom.Article || p.tag == atom.Main || p.tag == atom.Section || attr(p, "role") == "main" {
				return false
			}
		}
		return true
	}
	return false
}

// renderChrome renders a piece of site chrome apart from the page's lines.
func (r *renderer) renderChrome(n *node) {
	r.flush()
	start := len(r.mem.chrome)
	c := &renderer{at: r.at, inChrome: true, maxLine: r.maxLine, mem: r.mem, lines: r.mem.chrome, buf: r.buf}
	c.children(n)
	c.flush()
	r.mem.chrome, r.buf = c.lines, c.buf
	r.chrome = append(r.chrome, c.lines[start:len(c.lines):len(c.lines)])
	r.at = c.at
}

// chromeMenu returns the site menu found in the chrome: the lines of the
// first piece of chrome that hold one, from its opening "-" to its last item.
func chromeMenu(chrome [][]Line) []Line {
	for _, lines := range chrome {
		for k := range lines {
			if lines[k].Text != "-" && !strings.HasPrefix(lines[k].Text, "- ") {
				continue
			}
			if m := findMenu(lines[k:]); m.site != "" {
				return lines[k : k+m.end]
			}
		}
	}
	return nil
}

// inline renders nodes as a label or value: their lines, one per block or
// <br>, appended to dst.
func (r *renderer) inline(dst []Line, nodes ...*node) []Line {
	s := r.sub()
	s.lines, s.buf = dst, r.mem.subBuf
	for _, n := range nodes {
		s.walk(n)
		s.flush()
	}
	r.mem.subBuf = s.buf
	return s.lines
}

// label renders n as a field's label: its lines as one, trimmed (see
// labelText).
func (r *renderer) label(n *node) Line {
	lines := r.inline(r.mem.lines[:0], n)
	r.mem.lines = lines[:0]
	return labelText(joined(lines))
}

// value renders nodes as a field's value, each of their lines an item
// (see valueLine).
func (r *renderer) value(nodes ...*node) Line {
	lines := r.inline(r.mem.lines[:0], nodes...)
	r.mem.lines = lines[:0]
	return r.mem.valueLine(lines)
}

// itemsValue renders items as a field's value, each apart: an item
// holding a list or <br>s gives several of the value's items.
func (r *renderer) itemsValue(items []*node) Line {
	lines := r.mem.lines[:0]
	for _, it := range items {
		lines = r.inline(lines, it)
	}
	r.mem.lines = lines[:0]
	return r.mem.valueLine(lines)
}

// joined returns lines as one line: their texts joined by spaces, at the
// line of the first.
func joined(lines []Line) Line {
	switch len(lines) {
	case 0:
		return Line{}
	case 1:
		return Line{No: lines[0].No, Text: lines[0].Text}
	}
	n := len(lines) - 1
	for _, l := range lines {
		n += len(l.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.Text)
	}
	return Line{No: lines[0].No, Text: b.String()}
}

// valueLine returns the value of a labelled field from its items, each
// rendered apart (an item holding a list or <br>s gives several). Text
// joins them with spaces, as the scraped text writes a member-state list;
// Items keeps them apart.
func (m *renderMemory) valueLine(items []Line) Line {
	v := joined(items)
	if len(items) > 0 {
		if cap(m.items)-len(m.items) < len(items) {
			m.items = make([]string, 0, max(32, len(items)))
		}
		n := len(m.items)
		for _, l := range items {
			m.items = append(m.items, l.Text)
		}
		v.Items = m.items[n:len(m.items):len(m.items)] // an append to it copies
	}
	return v
}

// labelText trims what markup puts around a label: a colon, spaces.
func labelText(l Line) Line {
	s := l.Text
	for len(s) > 0 { // ASCII first, as strings.TrimSpace does
		c := s[len(s)-1]
		if c >= utf8.RuneSelf {
			s = strings.TrimRightFunc(s, func(r rune) bool { return r == ':' || unicode.IsSpace(r) })
			break
		}
		if c != ':' && !unicode.IsSpace(rune(c)) {
			break
		}
		s = s[:len(s)-1]
	}
	l.Text = s
	return l
}

// field writes one labelled field as the Dash triple the grammar reads: a
// line "-", the label, and the value when there is one.
func (r *renderer) field(dashNo int, label Line, value Line) {
	if label.Text == "" {
		return
	}
	r.emit(Line{No: dashNo, Text: "-"})
	r.emit(label)
	if value.Text != "" {
		r.emit(value)
	}
}

// markFieldContainers marks the elements that hold Drupal fields:
//
//	<li class="field field--name-field-start-date">
//	  <div class="field__label">Start Date</div>
//	  <div class="field__item">2022</div>
//	</li>
//
// For each field__label the container is the nearest ancestor that also
// holds the value (field__item elements, or text beside the label), but
// never one that holds another field's label too (a field with no value
// stays alone), widened to an enclosing <li> that holds nothing else, so
// that the list item does not add a "-" of its own. A container inside
// another is rendered by the outer one, so only the outer one is marked.
//
// nodes are the tree's, in document order (see htmlMemory), the root
// first: they are read in passes over the array, not by walking the tree,
// and a page without labels costs one pass.
func markFieldContainers(nodes []node) {
	labels := 0
	for i := 1; i < len(nodes); i++ {
		n := &nodes[i]
		n.hidden = n.parent.hidden || n.parent.class.has(classDropped)
		if isFieldLabel(n) {
			labels++
		}
	}
	if labels == 0 {
		return
	}
	countSubtrees(nodes)
	for i := range nodes {
		label := &nodes[i]
		if !isFieldLabel(label) {
			continue
		}
		c := label.parent
		for c != nil && c.parent != nil && c.parent.kind == elementNode &&
			c.count.items == 0 && c.count.texts == label.count.texts &&
			c.parent.count.labels == c.count.labels {
			c = c.parent
		}
		if c == nil || c.kind != elementNode {
			continue
		}
		if p := c.parent; p != nil && p.tag == atom.Li && onlyChild(p, c) {
			c = p
		}
		c.container = true
	}
	// Whether a container is inside another depends only on the marks just
	// made: the outermost of nested ones keeps its mark, whatever the order.
	for i := range nodes {
		c := &nodes[i]
		if !c.container {
			continue
		}
		for p := c.parent; p != nil; p = p.parent {
			if p.container {
				c.container = false
				break
			}
		}
	}
}

// isFieldLabel reports whether n is a field__label that
// markFieldContainers reads: one that is rendered, not dropped nor inside
// a dropped element.
func isFieldLabel(n *node) bool {
	return n.kind == elementNode && !n.hidden && n.class&(classDropped|classFieldLabel) == classFieldLabel
}

// subtreeCount counts what a subtree holds, for markFieldContainers:
// counted once for the whole tree, so pages with thousands of fields cost
// linear time.
type subtreeCount struct {
	labels, items, texts int32 // field__label and field__item elements, non-blank texts
}

// countSubtrees fills in the counts of the elements' and the root's
// subtrees, leaving out dropped elements: nodes (in document order, see
// markFieldContainers) are taken from the last, so that every node comes
// after its descendants and adds its count to its parent's. Texts, dropped
// elements and nodes inside them keep a count of zero.
func countSubtrees(nodes []node) {
	for i := len(nodes) - 1; i > 0; i-- {
		n := &nodes[i]
		if n.hidden || n.class.has(classDropped) {
			continue
		}
		sc := n.count // its children's, added up
		switch n.kind {
		case textNode:
			if !isBlank(n.text) {
				sc.texts = 1
			}
		case elementNode:
			if n.class.has(classFieldLabel) {
				sc.labels++
			}
			if n.class.has(classFieldItem) {
				sc.items++
			}
			n.count = sc
		}
		p := &n.parent.count
		p.labels += sc.labels
		p.items += sc.items
		p.texts += sc.texts
	}
}

// drupalFields renders a Drupal field container: each field__label with the
// field__item elements after it (one per member state), or, when it has
// none, the text beside it.
func (r *renderer) drupalFields(c *node) {
	parts := fieldParts(c, r.mem.nodes[:0])
	r.mem.nodes = parts[:0]
	r.flush()
	for i := 0; i < len(parts); {
		// A label, the texts beside it, then its items.
		label := r.label(parts[i])
		dashNo := label.No
		if i == 0 {
			dashNo = c.line
		}
		texts := i + 1
		items := texts
		for items < len(parts) && parts[items].kind == textNode {
			items++
		}
		end := items
		for end < len(parts) && !parts[end].class.has(classFieldLabel) {
			end++
		}
		if end > items {
			r.field(dashNo, label, r.itemsValue(parts[items:end]))
		} else {
			r.field(dashNo, label, r.value(parts[texts:end]...))
		}
		i = end
	}
}

// fieldParts appends to parts what the Drupal fields under n are made of,
// in document order: each field__label element, then the texts beside it
// (before its first field__item), then its field__item elements. Labels
// and items are not looked into; dropped elements, and texts and items
// before the first label, are left out.
func fieldParts(n *node, parts []*node) []*node {
	for ch := n.first; ch != nil; ch = ch.next {
		switch {
		case ch.kind == elementNode && ch.class.has(classDropped):
		case ch.kind == elementNode && ch.class.has(classFieldLabel):
			parts = append(parts, ch)
		case ch.kind == elementNode && ch.class.has(classFieldItem):
			if len(parts) > 0 {
				parts = append(parts, ch)
			}
		case ch.kind == elementNode:
			parts = fieldParts(ch, parts)
		case ch.kind == textNode && len(parts) > 0 && (parts[len(parts)-1].kind == textNode || parts[len(parts)-1].class.has(classFieldLabel)):
			parts = append(parts, ch) // no item since the label
		}
	}
	return parts
}

// isFieldList matches a description list that labels fields: one of its
// terms is a known field label (<dt>Start Date</dt><dd>2022</dd>). Other
// description lists are rendered as blocks.
func (r *renderer) isFieldList(dl *node) bool {
	for _, t := range listTerms(dl) {
		if isLabel(r.label(t.dt).Text) {
			return true
		}
	}
	return false
}

type term struct {
	dt  *node
	dds []*node
}

// listTerms returns the terms of a <dl> with their descriptions; HTML allows
// <div> wrappers around each group.
func listTerms(dl *node) []term {
	var terms []term
	var visit func(n *node)
	visit = func(n *node) {
		for c := n.first; c != nil; c = c.next {
			switch {
			case c.tag == atom.Dt:
				terms = append(terms, term{dt: c})
			case c.tag == atom.Dd && len(terms) > 0:
				terms[len(terms)-1].dds = append(terms[len(terms)-1].dds, c)
			case c.tag == atom.Div:
				visit(c)
			}
		}
	}
	visit(dl)
	return terms
}

// fieldList renders a labelled <dl>: one field per term, its descriptions
// the value's items.
func (r *renderer) fieldList(dl *node) {
	r.flush()
	for _, t := range listTerms(dl) {
		r.field(t.dt.line, r.label(t.dt), r.value(t.dds...))
	}
}

// isFieldTable matches a two-column table that labels fields:
// <tr><th>Start Date</th><td>2022</td></tr>, one of whose rows has a known
// label in its first cell. Other tables are rendered cell by cell.
func (r *renderer) isFieldTable(t *node) bool {
	for _, tr := range tableRows(t) {
		if cells := rowCells(tr); len(cells) == 2 && isLabel(r.label(cells[0]).Text) {
			return true
		}
	}
	return false
}

// fieldTable renders a labelled table: each two-cell row is a field; a row
// of header cells only (a heading over the fields) and the caption are
// dropped; any other row gives its cells' lines. What the markup put in
// the table outside the cells (text, a paragraph between rows, which
// browsers show before the table) is rendered where it stands.
func (r *renderer) fieldTable(t *node) {
	r.flush()
	var visit func(n *node)
	visit = func(n *node) {
		for c := n.first; c != nil; c = c.next {
			switch c.tag {
			case atom.Tr:
				r.fieldRow(c)
			case atom.Thead, atom.Tbody, atom.Tfoot, atom.Form:
				visit(c)
			case atom.Caption, atom.Colgroup, atom.Col:
			default:
				r.walk(c)
			}
		}
	}
	visit(t)
}

// fieldRow renders one row of a labelled table.
func (r *renderer) fieldRow(tr *node) {
	cells := rowCells(tr)
	allTH := true
	for _, c := range cells {
		allTH = allTH && c.tag == atom.Th
	}
	switch {
	case allTH:
	case len(cells) == 2:
		r.field(tr.line, r.label(cells[0]), r.value(cells[1]))
	default:
		for _, c := range cells {
			r.walk(c)
		}
	}
	for c := tr.first; c != nil; c = c.next {
		if c.tag != atom.Td && c.tag != atom.Th {
			r.walk(c)
		}
	}
	r.flush()
}

// tableRows returns the rows of table t, not those of tables inside it.
func tableRows(t *node) []*node {
	var rows []*node
	var visit func(n *node)
	visit = func(n *node) {
		for c := n.first; c != nil; c = c.next {
			switch c.tag {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot, atom.Form:
				visit(c)
			}
		}
	}
	visit(t)
	return rows
}

func rowCells(tr *node) []*node {
	var cells []*node
	for c := tr.first; c != nil; c = c.next {
		if c.tag == atom.Td || c.tag == atom.Th {
			cells = append(cells, c)
		}
	}
	return cells
}

func attr(n *node, key string) string {
	v, _ := n.attr(key)
	return v
}

// onlyChild reports whether c is the only child of p holding anything but
// white space.
func onlyChild(p, c *node) bool {
	for x := p.first; x != nil; x = x.next {
		if x != c && (x.kind == elementNode || (x.kind == textNode && strings.TrimSpace(x.text) != "")) {
			return false
		}
	}
	return true
}

// datePrefix matches the date part of an ISO 8601 timestamp.
var datePrefix = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?`)

// readMeta reads the head: canonical URL, language, og:title and the
// publication date. Each is taken from the first element in the document
// that gives it, wherever the markup put it: nodes are the tree's, in
// document order (see htmlMemory).
func readMeta(nodes []node) htmlMeta {
	var m htmlMeta
	var htmlLang, equivLang, ogURL, ogLocale, ogTitle, published string
	var seenHTML, seenCanonical bool
	for i := range nodes {
		c := &nodes[i]
		if c.kind != elementNode {
			continue
		}
		switch c.tag {
		case atom.Html:
			if !seenHTML {
				seenHTML = true
				htmlLang = strings.TrimSpace(attr(c, "lang"))
			}
		case atom.Link:
			if !seenCanonical && hasToken(attr(c, "rel"), "canonical") {
				seenCanonical = true
				m.url = strings.TrimSpace(attr(c, "href"))
			}
		case atom.Meta:
			content := func(v *string) { // the first non-empty one
				if *v == "" {
					*v = strings.Join(strings.Fields(attr(c, "content")), " ")
				}
			}
			switch attr(c, "property") {
			case "og:url":
				content(&ogURL)
			case "og:locale":
				content(&ogLocale)
			case "og:title":
				content(&ogTitle)
			case "article:published_time":
				content(&published)
			}
			if equivLang == "" && strings.EqualFold(attr(c, "http-equiv"), "content-language") {
				equivLang = attr(c, "content")
			}
		}
	}
	if m.url == "" {
		m.url = ogURL
	}
	lang := htmlLang
	if lang == "" {
		lang = equivLang
	}
	if lang == "" {
		lang = ogLocale
	}
	if lang, _, _ = strings.Cut(strings.ToLower(lang), "-"); lang != "" {
		lang, _, _ = strings.Cut(lang, "_")
		if len(lang) >= 2 && len(lang) <= 3 {
			m.lang = lang
		}
	}
	m.title = ogTitle
	m.date = datePrefix.FindString(published)
	return m
}

// hasToken reports whether a space-separated list holds token, as the
// selector [rel~="canonical"] matches.
func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if t == token {
			return true
		}
	}
	return false
}

// memberStateItems returns the member states of a value line. A value the
// markup gave as separate items (one Drupal field__item per country) is
// read item by item, with no splitting by names; an item the country table
// does not know whole is split like a text line ("Fiji Samoa" in one item).
// A value from a text page is split by names.
func memberStateItems(v Line) []vocab.CountryMatch {
	if len(v.Items) == 0 {
		return vocab.SplitCountries(v.Text)
	}
	var out []vocab.CountryMatch
	seen := map[string]bool{}
	for _, item := range v.Items {
		if code, lang, ok := vocab.LookupCountry(item); ok {
			out = append(out, vocab.CountryMatch{Code: code, Name: vocab.CountryName(code), Text: item, Lang: lang, Known: true, Repeat: seen[code]})
			seen[code] = true
			continue
		}
		split := vocab.SplitCountries(item)
		known := false
		for _, m := range split {
			known = known || m.Known
		}
		if !known {
			// Not a list of names either: one unknown member state, kept whole.
			out = append(out, vocab.CountryMatch{Name: item, Text: item})
			continue
		}
		for _, m := range split {
			if m.Known {
				m.Repeat = seen[m.Code]
				seen[m.Code] = true
			}
			out = append(out, m)
		}
	}
	return out
}

// useHeadTitle gives a page without a title the og:title of its head.
func (pg *page) useHeadTitle() {
	if pg.title == "" && pg.meta.title != "" {
		pg.title = pg.meta.title
	}
}
