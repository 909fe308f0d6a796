package html

// The renderer: a tree to lines, by the rules of the package doc.

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html/atom"

	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/text"
)

// renderer renders a tree to lines. Text gathers in run/buf until a block
// boundary flushes it as one line.
type renderer struct {
	lines  []text.Line
	chrome [][]text.Line // the lines of each piece of site chrome, kept apart
	plain  bool          // render lists and chrome as plain blocks (values, labels)
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
	// notes, in a sub renderer that tells whether a term or a cell is a
	// label, notes the labels of the terms and cells inside it.
	notes *labelNotes
	// meter is charged a unit of work for each node walked, and the
	// memory of each line.
	meter *budget.Meter
}

// renderMemory is what the renderers of a page share: scratch memory that
// label, value and drupalFields reuse from one field to the next, and
// blocks that value lines' Items and the chrome's lines are handed out
// from, a few allocations a page instead of one or more a field.
type renderMemory struct {
	lines  []text.Line // scratch: the lines of a label or value before they are joined
	nodes  []*node     // scratch: the parts of a Drupal field container
	items  []string    // the block Items are handed out from
	lists  [][]string  // the block they are pointed to from
	chrome []text.Line // the lines of the pieces of chrome, one after another
	subBuf []byte      // the buf of the sub renderers, one at a time
	// isLabel tells a known field label, which makes a <dl> or a table
	// one that labels fields.
	isLabel func(string) bool
	// notes is the scratch memory of labelled, which holds isLabel and
	// the renderer's LabelMax.
	notes labelNotes
}

// sub returns a renderer for a label or a value inside the current one.
func (r *renderer) sub() *renderer {
	return &renderer{plain: true, at: r.at, maxLine: r.maxLine, meter: r.meter}
}

// walk renders n and its content. Elements that the markup rules below
// match are rendered by their rule; the rest as blocks or inline.
func (r *renderer) walk(n *node) {
	r.meter.Work(1)
	switch n.kind {
	case textNode:
		r.text(n.data, int(n.line))
		return
	case documentNode:
		r.children(n)
		return
	case elementNode:
	default:
		return // comments, doctype
	}
	r.at = int(n.line)
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
	case n.tag == atom.Pre || n.tag == atom.Textarea:
		// A <textarea> shows its text as written, line ends kept, as <pre>
		// does: a Dash block pasted into one keeps its lines, and is read.
		r.flush()
		r.pre++
		r.children(n)
		r.pre--
		r.flush()
	case n.class.has(classBlock):
		r.flush()
		first := len(r.lines)
		r.children(n)
		r.flush()
		if r.notes != nil && r.pre == 0 {
			r.notes.note(n, r.lines, first) // a term or a cell, rendered as its label alone would be
		}
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
	var t string
	if len(r.buf) > 0 {
		b := bytes.TrimSpace(r.buf)
		if r.item && len(b) > 0 {
			t = "- " + string(b)
		} else {
			t = string(b)
		}
	} else {
		t = strings.TrimSpace(r.run)
		if r.item && t != "" {
			t = "- " + t
		}
	}
	no := r.bufNo
	if r.item {
		no = r.itemNo
		if t == "" {
			t = "-"
		}
	}
	if t != "" {
		r.grow()
		r.meter.Alloc(len(t))
		r.lines = append(r.lines, text.Line{No: no, Text: t})
	}
	r.buf = r.buf[:0]
	r.run = ""
	r.space = false
	r.item = false
}

// grow charges the meter the memory of one more line, and that of the
// lines' new array when they outgrow theirs: it is twice as large, and
// the old one is not freed yet.
func (r *renderer) grow() {
	if len(r.lines) == cap(r.lines) {
		r.meter.Alloc(2 * cap(r.lines) * text.LineBytes)
	}
}

// emit writes a whole line.
func (r *renderer) emit(l text.Line) {
	r.flush()
	r.grow()
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
		r.emit(text.Line{No: int(n.line), Text: "-"})
		r.children(n)
		r.flush()
		return
	}
	r.item, r.itemNo = true, int(n.line)
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
		return !n.inContent // noted once for every node, not looked for up the tree at each
	}
	return false
}

// renderChrome renders a piece of site chrome apart from the page's lines.
func (r *renderer) renderChrome(n *node) {
	r.flush()
	start := len(r.mem.chrome)
	c := &renderer{at: r.at, inChrome: true, maxLine: r.maxLine, mem: r.mem, lines: r.mem.chrome, buf: r.buf, meter: r.meter}
	c.children(n)
	c.flush()
	r.mem.chrome, r.buf = c.lines, c.buf
	r.chrome = append(r.chrome, c.lines[start:len(c.lines):len(c.lines)])
	r.at = c.at
}

// inline renders nodes as a label or value: their lines, one per block or
// <br>, appended to dst.
func (r *renderer) inline(dst []text.Line, nodes ...*node) []text.Line {
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
func (r *renderer) label(n *node) text.Line {
	lines := r.inline(r.mem.lines[:0], n)
	r.mem.lines = lines[:0]
	l := labelText(joined(lines))
	r.meter.Alloc(len(l.Text))
	return l
}

// value renders nodes as a field's value, each of their lines an item
// (see valueLine).
func (r *renderer) value(nodes ...*node) text.Line {
	lines := r.inline(r.mem.lines[:0], nodes...)
	r.mem.lines = lines[:0]
	return r.valueLine(lines)
}

// itemsValue renders items as a field's value, each apart: an item
// holding a list or <br>s gives several of the value's items.
func (r *renderer) itemsValue(items []*node) text.Line {
	lines := r.mem.lines[:0]
	for _, it := range items {
		lines = r.inline(lines, it)
	}
	r.mem.lines = lines[:0]
	return r.valueLine(lines)
}

// valueLine is renderMemory.valueLine, charged to the meter.
func (r *renderer) valueLine(lines []text.Line) text.Line {
	v := r.mem.valueLine(lines)
	r.meter.Alloc(len(v.Text) + len(lines)*int(unsafe.Sizeof("")))
	return v
}

// joined returns lines as one line: their texts joined by spaces, at the
// line of the first.
func joined(lines []text.Line) text.Line {
	switch len(lines) {
	case 0:
		return text.Line{}
	case 1:
		return text.Line{No: lines[0].No, Text: lines[0].Text}
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
	return text.Line{No: lines[0].No, Text: b.String()}
}

// valueLine returns the value of a labelled field from its items, each
// rendered apart (an item holding a list or <br>s gives several). Text
// joins them with spaces, as the scraped text writes a member-state list;
// Items keeps them apart.
func (m *renderMemory) valueLine(items []text.Line) text.Line {
	v := joined(items)
	if len(items) > 0 {
		if cap(m.items)-len(m.items) < len(items) {
			m.items = make([]string, 0, max(32, len(items)))
		}
		n := len(m.items)
		for _, l := range items {
			m.items = append(m.items, l.Text)
		}
		if len(m.lists) == cap(m.lists) {
			m.lists = make([][]string, 0, 8) // a new block: pointers into the last stay good
		}
		m.lists = append(m.lists, m.items[n:len(m.items):len(m.items)]) // an append to it copies
		v.Items = &m.lists[len(m.lists)-1]
	}
	return v
}

// labelText trims what markup puts around a label: a colon, spaces.
func labelText(l text.Line) text.Line {
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
func (r *renderer) field(dashNo int, label text.Line, value text.Line) {
	if label.Text == "" {
		return
	}
	r.emit(text.Line{No: dashNo, Text: "-"})
	r.emit(label)
	if value.Text != "" {
		r.emit(value)
	}
}

func attr(n *node, key string) string {
	v, _ := n.attr(key)
	return v
}

// onlyChild reports whether c is the only child of p holding anything but
// white space.
func onlyChild(p, c *node) bool {
	for x := p.first; x != nil; x = x.next {
		if x != c && (x.kind == elementNode || (x.kind == textNode && strings.TrimSpace(x.data) != "")) {
			return false
		}
	}
	return true
}
