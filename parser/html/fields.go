package html

import "golang.org/x/net/html/atom"

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
		if r.mem.isLabel(r.label(t.dt).Text) {
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
		if cells := rowCells(tr); len(cells) == 2 && r.mem.isLabel(r.label(cells[0]).Text) {
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
