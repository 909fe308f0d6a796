package html

import (
	"strings"
	"unicode"
	"unsafe"

	"golang.org/x/net/html/atom"

	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/text"
)

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
// nodes are the tree's, in document order (see memory), the root
// first: they are read in passes over them, not by walking the tree, and
// a page without labels costs one pass. The same first pass notes which
// nodes are inside the page's content, for isChrome.
func markFieldContainers(nodes *nodeArena) {
	labels := 0
	for i := 1; i < nodes.len(); i++ {
		n := nodes.at(i)
		p := n.parent
		n.hidden = p.hidden || p.class.has(classDropped)
		n.inContent = p.inContent || isContent(p)
		if isFieldLabel(n) {
			labels++
		}
	}
	if labels == 0 {
		return
	}
	countSubtrees(nodes)
	// The labels that start from the same element climb to the same
	// container: each climb is made once, however many labels (empty
	// ones, say) a deep chain of elements holds.
	type climb struct {
		from  *node
		texts int32
	}
	climbs := map[climb]*node{}
	for i := range nodes.len() {
		label := nodes.at(i)
		if !isFieldLabel(label) {
			continue
		}
		c := label.parent
		k := climb{c, label.count.texts}
		if to, ok := climbs[k]; ok {
			c = to
		} else {
			for c != nil && c.parent != nil && c.parent.kind == elementNode &&
				c.count.items == 0 && c.count.texts == label.count.texts &&
				c.parent.count.labels == c.count.labels {
				c = c.parent
			}
			climbs[k] = c
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
	// In document order, a node's parent has its flag already: inField
	// tells that an ancestor was marked (a parent unmarked here was inside
	// a marked one, and passes that on).
	for i := 1; i < nodes.len(); i++ {
		n := nodes.at(i)
		n.inField = n.parent.inField || n.parent.container
		if n.container && n.inField {
			n.container = false
		}
	}
}

// isContent reports whether the element p holds the page's own content
// (an <article>, <main>, <section> or role="main"): a <header> or
// <footer> inside it is the content's, not the site's chrome.
func isContent(p *node) bool {
	switch p.tag {
	case atom.Article, atom.Main, atom.Section:
		return true
	}
	return p.kind == elementNode && attr(p, "role") == "main"
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
func countSubtrees(nodes *nodeArena) {
	for i := nodes.len() - 1; i > 0; i-- {
		n := nodes.at(i)
		if n.hidden || n.class.has(classDropped) {
			continue
		}
		sc := n.count // its children's, added up
		switch n.kind {
		case textNode:
			if !isBlank(n.data) {
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
			dashNo = int(c.line)
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
		if r.labelled(t.dt) {
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
		r.field(int(t.dt.line), r.label(t.dt), r.value(t.dds...))
	}
}

// isFieldTable matches a two-column table that labels fields:
// <tr><th>Start Date</th><td>2022</td></tr>, one of whose rows has a known
// label in its first cell. Other tables are rendered cell by cell.
func (r *renderer) isFieldTable(t *node) bool {
	for _, tr := range tableRows(t) {
		if cells := rowCells(tr); len(cells) == 2 && r.labelled(cells[0]) {
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
		r.field(int(tr.line), r.label(cells[0]), r.value(cells[1]))
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

// labelled reports whether the term or cell n, rendered as a label, is a
// known one. A <dl> or a table inside a term or a cell is rendered with
// it, and the labels of its own terms and cells are noted on the way
// (labelNotes): when the walk reaches it, whether it labels fields is
// known. Rendering each term again for every <dl> around it took time in
// the product of the page's size and its depth (16 MB of nested <dl>: 35
// s and a gigabyte of copies).
func (r *renderer) labelled(n *node) bool {
	if n.label == labelUnknown {
		s := r.sub()
		s.lines, s.buf = r.mem.lines[:0], r.mem.subBuf
		ln := &r.mem.notes
		ln.sum, ln.junkFrom, ln.tail = ln.sum[:0], ln.junkFrom[:0], ln.tail[:0]
		s.notes = ln
		s.walk(n) // a term and a cell are blocks: noted
		s.flush()
		r.mem.lines, r.mem.subBuf = s.lines[:0], s.buf
	}
	return n.label == labelYes
}

// What labelled found of a term or a cell (node.label).
const (
	labelUnknown = iota
	labelNo
	labelYes
)

// labelNotes notes, as a sub renderer renders a term or a cell, the label
// of every term and cell inside it (and its own), from the lines each
// gave: what labelText(joined(lines)) would be, built only when short
// enough to be a label. To tell that without joining the lines of every
// term of a deep nest again and again, it keeps, for the lines so far,
// their lengths added up and where their last run of lines made only of
// colons and spaces (which a label drops from its end) starts.
type labelNotes struct {
	isLabel  func(string) bool
	labelMax int
	meter    *budget.Meter
	sum      []int // sum[i]: the length of lines[:i]
	junkFrom []int // junkFrom[i]: the first of the lines before i that, up to i, hold only colons and spaces
	tail     []int // tail[i]: the length of the colons and spaces that end line i, -1 before it is needed
}

// note notes the label of n, a term or a cell (any other block is let
// be), which gave lines[first:].
func (ln *labelNotes) note(n *node, lines []text.Line, first int) {
	if n.tag != atom.Dt && n.tag != atom.Td && n.tag != atom.Th {
		return
	}
	if len(ln.sum) == 0 {
		ln.sum, ln.junkFrom = append(ln.sum, 0), append(ln.junkFrom, 0)
	}
	ln.meter.Alloc(3 * int(unsafe.Sizeof(0)) * (len(lines) + 1 - len(ln.sum)))
	for i := len(ln.sum) - 1; i < len(lines); i++ {
		ln.sum = append(ln.sum, ln.sum[i]+len(lines[i].Text))
		from := i + 1
		if isJunk(lines[i].Text) {
			from = ln.junkFrom[i]
		}
		ln.junkFrom = append(ln.junkFrom, from)
		ln.tail = append(ln.tail, -1)
	}
	n.label = labelNo
	// The lines first to k hold the label; those after k, colons and
	// spaces only, are dropped with the spaces that join them.
	k := max(first, ln.junkFrom[len(lines)])
	if k == first {
		if ln.isLabel("") {
			n.label = labelYes
		}
		return
	}
	lastLine := lines[k-1].Text
	if ln.tail[k-1] < 0 {
		ln.tail[k-1] = len(lastLine) - len(strings.TrimRightFunc(lastLine, isLabelJunk))
	}
	tail := ln.tail[k-1]
	size := ln.sum[k] - ln.sum[first] + k - first - 1 - tail
	if ln.labelMax > 0 && size > ln.labelMax {
		return
	}
	ln.meter.Alloc(size)
	var b strings.Builder
	b.Grow(size)
	for _, l := range lines[first : k-1] {
		b.WriteString(l.Text)
		b.WriteByte(' ')
	}
	b.WriteString(lastLine[:len(lastLine)-tail])
	if ln.isLabel(b.String()) {
		n.label = labelYes
	}
}

// isJunk reports whether text holds only colons and spaces.
func isJunk(text string) bool { return strings.TrimRightFunc(text, isLabelJunk) == "" }

// isLabelJunk tells the characters labelText trims from the end of a label.
func isLabelJunk(r rune) bool { return r == ':' || unicode.IsSpace(r) }
