package html

import (
	"golang.org/x/net/html/atom"
)

// The HTML tree. The scanner's tokens are built into a tree with the
// rules of the HTML standard that shape scraped pages: void elements hold
// nothing; a block element closes an open <p>; <li>, <dt>, <dd>, <tr>,
// <td>, <th> and <option> close the open one of their kind; a heading
// closes a heading; an end tag closes the nearest open element of its name
// in scope, and an end tag with nothing to close is ignored; a second
// <html>, <head> or <body> adds its attributes to the first. Elements the
// standard would move elsewhere (foster parenting out of tables, the
// adoption agency for misnested formatting tags) stay where they were
// written: their text is kept either way, and nothing the renderer reads
// depends on the move.

// nodeKind is the kind of a node.
type nodeKind uint8

const (
	documentNode nodeKind = iota
	elementNode
	textNode
)

// node is an element or a text of the tree, with the source line where it
// starts (0 for the document). A page has one for every few bytes of
// markup, so its fields are packed: 96 bytes (TestNodeSize).
type node struct {
	tag   atom.Atom // elements: 0 for a name the atom table does not know
	class elemClass // elements: the element's classes
	kind  nodeKind
	// label is what labelled found of a term or a cell: labelUnknown,
	// labelNo or labelYes.
	label uint8
	line  int32
	// Filled in by markFieldContainers: what the subtree holds, whether
	// this element renders Drupal fields, whether the node is inside a
	// dropped element, inside the page's content (isContent), and inside
	// an element that renders Drupal fields.
	count                                 subtreeCount
	container, hidden, inContent, inField bool
	// data is an element's lower-case name, a text's text.
	data  string
	attrs []attribute

	parent, first, next *node
}

// elemClass is the set of classes an element belongs to, for the scanner,
// the tree builder and the renderer: looked up once per tag, then tested
// as bits. The last two come from the element's class attribute, not its
// name.
type elemClass uint16

const (
	classVoid elemClass = 1 << iota
	classClosesP
	classScope
	classSpecial
	classRawText
	classHead
	classDropped
	classBlock
	classTablePart
	classFieldLabel // lists the class field__label: a Drupal field's label
	classFieldItem  // lists the class field__item: a Drupal field's value
)

// elementClasses gives each element its classes.
var elementClasses = func() map[atom.Atom]elemClass {
	m := map[atom.Atom]elemClass{}
	for class, tags := range map[elemClass][]atom.Atom{
		// voidElements hold no content and have no end tag.
		classVoid: {
			atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link,
			atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr, atom.Keygen, atom.Basefont,
			atom.Bgsound, atom.Frame,
		},
		// closesP are the start tags that close an open <p>.
		classClosesP: {
			atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details, atom.Dialog,
			atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
			atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Search,
			atom.Section, atom.Summary, atom.Ul, atom.Pre, atom.Listing, atom.Form, atom.Table, atom.Hr,
			atom.Xmp, atom.Plaintext, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li,
			atom.Dd, atom.Dt,
		},
		// scopeBoundaries end the search for an element "in scope": an end tag or
		// an implied close does not reach through a table, a cell or these.
		classScope: {
			atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th, atom.Marquee, atom.Object,
			atom.Template,
		},
		// special are the elements an end tag of an inline element does not close
		// ("</span>" inside a <div> opened after the span leaves both open).
		classSpecial: {
			atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside, atom.Base, atom.Basefont,
			atom.Bgsound, atom.Blockquote, atom.Body, atom.Br, atom.Button, atom.Caption, atom.Center,
			atom.Col, atom.Colgroup, atom.Dd, atom.Details, atom.Dir, atom.Div, atom.Dl, atom.Dt,
			atom.Embed, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.Frame,
			atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Head, atom.Header,
			atom.Hgroup, atom.Hr, atom.Html, atom.Iframe, atom.Img, atom.Input, atom.Keygen, atom.Li,
			atom.Link, atom.Listing, atom.Main, atom.Marquee, atom.Menu, atom.Meta, atom.Nav, atom.Noembed,
			atom.Noframes, atom.Noscript, atom.Object, atom.Ol, atom.P, atom.Param, atom.Plaintext,
			atom.Pre, atom.Script, atom.Search, atom.Section, atom.Select, atom.Source, atom.Style,
			atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Template, atom.Textarea, atom.Tfoot,
			atom.Th, atom.Thead, atom.Title, atom.Tr, atom.Track, atom.Ul, atom.Wbr, atom.Xmp,
		},
		// rawText are the elements whose content is not markup but text up to
		// their end tag. Only textarea's content is read as text (it is RCDATA:
		// references are decoded); the others are dropped by the renderer.
		classRawText: {
			atom.Script, atom.Style, atom.Xmp, atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript,
			atom.Textarea, atom.Title, atom.Plaintext,
		},
		// headElements are those that may be in the head; any other start tag
		// closes an open head, as the body begins.
		classHead: {
			atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Title, atom.Noscript,
			atom.Noframes, atom.Style, atom.Script, atom.Template,
		},
		// dropped are the elements whose content is never text of the page.
		classDropped: {
			atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object,
			atom.Embed, atom.Svg, atom.Math, atom.Canvas, atom.Audio, atom.Video, atom.Picture, atom.Map,
			// A page without a <head> tag has its <title> in the body,
			// where browsers do not show it either.
			atom.Title, atom.Noframes,
		},
		// blocks are the elements that start and end a line of their own.
		classBlock: {
			atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Center,
			atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
			atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
			atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Legend, atom.Li, atom.Main, atom.Menu,
			atom.Nav, atom.Ol, atom.Option, atom.P, atom.Pre, atom.Search, atom.Section, atom.Summary,
			atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul,
		},
		// tableParts are the end tags that close through the open parts of a
		// table ("<td>x</table>" closes the cell, the row and the table).
		classTablePart: {
			atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Caption,
		},
	} {
		for _, tag := range tags {
			m[tag] |= class
		}
	}
	return m
}()

// classOf returns the classes of element tag (none for an unknown name).
func classOf(tag atom.Atom) elemClass { return elementClasses[tag] }

// has reports whether c holds every class of want.
func (c elemClass) has(want elemClass) bool { return c&want == want }

// treeBuilder builds the tree from tokens.
type treeBuilder struct {
	mem   *memory
	root  *node
	stack []*node // the open elements, innermost last; the root is not on it
	// html, head and body are the first of each, to which a repeated tag
	// adds its attributes.
	html, head, body *node
	// lasts holds the last child of each open element, in the stack's
	// order, and rootLast the root's: only an open element is given
	// children.
	lasts     []*node
	rootLast  *node
	openP     int // <p> elements on the stack
	openHead  int // <head> on the stack: every start tag would look for it otherwise
	foreign   int // <svg> and <math> elements on the stack
	foreignAt int // the index on the stack of the outermost of them
	// index indexes the stack once it is deepStack deep (deep is
	// deepStack but in tests), and from then on.
	index *stackIndex
	deep  int
	// merging is the text node that adjacent texts join, mergingIn the
	// element it is in, and pieces its text once a second piece came.
	merging, mergingIn *node
	pieces             []byte
}

// parseTree builds the tree of an HTML document in mem, and returns it
// with the number of lines of the document.
//
// Every node but the root comes from a token: a tag, which starts at a
// "<" and makes one element at most ("</p>" and "</br>" included), or a
// text, before a "<" or after the last (adjacent texts make one node).
// So at most two nodes per "<", the text after the last, and the root
// (FuzzRender checks the bound on any input).
func parseTree(data []byte, mem *memory) (*node, int) {
	return parseTreeDeep(data, mem, deepStack)
}

// parseTreeDeep is parseTree, with the stack indexed from deep open
// elements on.
func parseTreeDeep(data []byte, mem *memory, deep int) (*node, int) {
	if mem.names == nil {
		mem.names = new(tagNames)
	}
	b := &treeBuilder{mem: mem, stack: mem.stack[:0], lasts: mem.lasts[:0], deep: deep}
	b.root = b.newNode()
	s := newScanner(data, mem)
	defer func() { mem.stack, mem.lasts = b.stack, b.lasts }()
	for {
		t := s.next()
		if t == nil {
			b.endText()
			return b.root, s.lineAt(len(data))
		}
		// A token, and its search of the stack: a few dozen steps at
		// most, the stack being indexed from deepStack on.
		mem.meter.Work(1)
		switch t.kind {
		case tokenText:
			b.text(t)
		case tokenStart:
			b.start(t)
		case tokenEnd:
			b.end(t)
		}
		s.foreign = b.foreign > 0
	}
}

func (b *treeBuilder) newNode() *node {
	if b.mem.nodes.n%arenaBlock == 0 {
		b.mem.meter.Alloc(arenaBlockBytes)
	}
	return b.mem.nodes.alloc()
}

// current returns the element new content goes into.
func (b *treeBuilder) current() *node {
	if len(b.stack) == 0 {
		return b.root
	}
	return b.stack[len(b.stack)-1]
}

func (b *treeBuilder) appendChild(n *node) {
	p := b.current()
	last := &b.rootLast
	if len(b.stack) > 0 {
		last = &b.lasts[len(b.lasts)-1]
	}
	n.parent = p
	if *last == nil {
		p.first = n
	} else {
		(*last).next = n
	}
	*last = n
}

func (b *treeBuilder) text(t *token) {
	p := b.current()
	if p == b.head && !isBlank(t.text) {
		// Text cannot be in the head: it starts the body.
		b.closeIfOpen(atom.Head)
		p = b.current()
	}
	if b.merging != nil && p == b.mergingIn {
		// Adjacent texts (split by a comment or a stray end tag) are one,
		// on the line of its first character other than white space. The
		// pieces gather in a buffer: joining them one by one would cost
		// time in the square of their number.
		n := b.merging
		if n.line == 0 {
			n.line = int32(t.line)
		}
		if len(b.pieces) == 0 {
			b.pieces = append(b.pieces, n.data...)
		}
		b.pieces = append(b.pieces, t.text...)
		return
	}
	b.endText()
	n := b.newNode()
	n.kind, n.data, n.line = textNode, t.text, int32(t.line)
	b.appendChild(n)
	b.merging, b.mergingIn = n, p
}

// endText gives the text being gathered its pieces.
func (b *treeBuilder) endText() {
	if b.merging != nil && len(b.pieces) > 0 {
		b.mem.meter.Alloc(len(b.pieces))
		b.merging.data = string(b.pieces)
	}
	b.merging, b.mergingIn, b.pieces = nil, nil, b.pieces[:0]
}

// maxDepth bounds the nesting of the tree. Deeper elements are kept with
// their text, but their content goes into the deepest open element: the
// renderer recurses, and a hostile page of millions of nested tags must not
// exhaust the stack (golang.org/x/net/html stops at 512 too).
const maxDepth = 512

// breakout are the start tags that end SVG or MathML content: a page that
// leaves an <svg> open goes on with its own text.
var breakout = func() map[atom.Atom]bool {
	m := map[atom.Atom]bool{}
	for _, a := range []atom.Atom{atom.B, atom.Big, atom.Blockquote, atom.Body, atom.Br, atom.Center,
		atom.Code, atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Em, atom.Embed, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Head, atom.Hr, atom.I, atom.Img, atom.Li, atom.Listing,
		atom.Menu, atom.Meta, atom.Nobr, atom.Ol, atom.P, atom.Pre, atom.Ruby, atom.S, atom.Small,
		atom.Span, atom.Strong, atom.Strike, atom.Sub, atom.Sup, atom.Table, atom.Tt, atom.U, atom.Ul,
		atom.Var} {
		m[a] = true
	}
	return m
}()

func (b *treeBuilder) start(t *token) {
	b.endText()
	if b.openHead > 0 && !t.class.has(classHead) {
		b.closeIfOpen(atom.Head)
	}
	if b.foreign > 0 && breakout[t.tag] {
		b.truncate(b.foreignAt)
	}
	var first **node // the first html, head or body: a repeated one adds attributes
	switch t.tag {
	case atom.Html:
		first = &b.html
	case atom.Head:
		first = &b.head
	case atom.Body:
		first = &b.body
	case atom.Li:
		b.closeListItem(false, atom.Li)
	case atom.Dd, atom.Dt:
		b.closeListItem(true, atom.Dd, atom.Dt)
	case atom.Tr:
		b.closeInTable(atom.Tr, atom.Td, atom.Th)
	case atom.Td, atom.Th:
		b.closeInTable(atom.Td, atom.Th)
	case atom.Thead, atom.Tbody, atom.Tfoot:
		b.closeInTable(atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Td, atom.Th)
	case atom.Option:
		if b.current().tag == atom.Option {
			b.truncate(len(b.stack) - 1)
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if isHeading(b.current().tag) {
			b.truncate(len(b.stack) - 1)
		}
	}
	if first != nil && *first != nil {
		addMissingAttrs(*first, t.attrs)
		return
	}
	if t.class.has(classClosesP) {
		b.closeP()
	}
	n := b.newNode()
	n.kind, n.tag, n.class, n.data, n.attrs, n.line = elementNode, t.tag, t.class, t.name, firstAttrs(t.attrs), int32(t.line)
	b.appendChild(n)
	// SVG and MathML elements may close themselves ("<svg/>", "<path/>");
	// HTML ones may not ("<div/>" opens a div), except the void ones.
	selfClosed := t.selfClosing && (b.foreign > 0 || t.tag == atom.Svg || t.tag == atom.Math)
	if !t.class.has(classVoid) && !selfClosed && len(b.stack) < maxDepth {
		b.push(n)
	}
	if first != nil {
		*first = n
	}
}

func (b *treeBuilder) end(t *token) {
	b.endText()
	switch t.tag {
	case atom.Br:
		// "</br>" is a line break, as browsers read it.
		b.start(&token{kind: tokenStart, tag: atom.Br, class: classOf(atom.Br), name: "br", line: t.line})
		return
	case atom.P:
		if !b.closeP() {
			// "</p>" with no paragraph open is an empty one: a break.
			n := b.newNode()
			n.kind, n.tag, n.class, n.data, n.line = elementNode, atom.P, classOf(atom.P), "p", int32(t.line)
			b.appendChild(n)
		}
		return
	case atom.Html, atom.Body:
		return // what follows stays in the body, as the standard has it
	}
	if b.index != nil {
		b.truncate(b.index.endTarget(t))
		return
	}
	for i := len(b.stack) - 1; i >= 0; i-- {
		n := b.stack[i]
		if n.data == t.name || isHeading(t.tag) && isHeading(n.tag) {
			b.truncate(i) // a heading's end tag closes any heading
			return
		}
		var stops bool
		switch {
		case !t.class.has(classSpecial):
			stops = n.class.has(classSpecial) // "</span>" does not close a <div>
		case t.class.has(classTablePart):
			stops = n.tag == atom.Table || n.tag == atom.Template || n.tag == atom.Html
		default:
			stops = n.class.has(classScope)
		}
		if stops {
			return // nothing in scope to close
		}
	}
}

// push opens element n.
func (b *treeBuilder) push(n *node) {
	b.stack = append(b.stack, n)
	b.lasts = append(b.lasts, nil)
	switch n.tag {
	case atom.P:
		b.openP++
	case atom.Head:
		b.openHead++
	case atom.Svg, atom.Math:
		if b.foreign == 0 {
			b.foreignAt = len(b.stack) - 1
		}
		b.foreign++
	}
	switch {
	case b.index != nil:
		b.index.push(n)
	case len(b.stack) >= b.deep:
		b.index = newStackIndex(b.stack)
	}
}

// truncate closes the open elements from the i-th (0 being the outermost).
func (b *treeBuilder) truncate(i int) {
	if i < 0 {
		return
	}
	for _, n := range b.stack[i:] {
		switch n.tag {
		case atom.P:
			b.openP--
		case atom.Head:
			b.openHead--
		case atom.Svg, atom.Math:
			b.foreign--
		}
	}
	if b.index != nil {
		b.index.truncate(b.stack, i)
	}
	b.stack = b.stack[:i]
	b.lasts = b.lasts[:i]
}

// closeP closes an open <p> in scope, and reports whether there was one.
// Most block tags ask; the count of open paragraphs spares the search
// when there is none.
func (b *treeBuilder) closeP() bool {
	if b.openP == 0 {
		return false
	}
	if b.index != nil {
		i := b.index.pTarget()
		b.truncate(i)
		return i >= 0
	}
	for i := len(b.stack) - 1; i >= 0; i-- {
		switch n := b.stack[i]; {
		case n.tag == atom.P:
			b.truncate(i)
			return true
		case n.class.has(classScope) || n.tag == atom.Button:
			return false
		}
	}
	return false
}

// closeIfOpen closes the element tag if it is open.
func (b *treeBuilder) closeIfOpen(tag atom.Atom) {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].tag == tag {
			b.truncate(i)
			return
		}
	}
}

// closeListItem closes an open list item of one of kinds (<li>, or <dd>
// and <dt> when dd) before a new one opens, unless a block other than
// <address>, <div> or <p> lies between (the new item is then in a nested
// list).
func (b *treeBuilder) closeListItem(dd bool, kinds ...atom.Atom) {
	if b.index != nil {
		b.truncate(b.index.listItemTarget(dd))
		return
	}
	for i := len(b.stack) - 1; i >= 0; i-- {
		n := b.stack[i]
		for _, k := range kinds {
			if n.tag == k {
				b.truncate(i)
				return
			}
		}
		if n.class.has(classSpecial) && n.tag != atom.Address && n.tag != atom.Div && n.tag != atom.P {
			return
		}
	}
}

// closeInTable closes the open table parts of kinds, up to the nearest
// table: the outermost of them, so that a new row closes the open cell and
// its row.
func (b *treeBuilder) closeInTable(kinds ...atom.Atom) {
	if b.index != nil {
		var names [6]string
		for i, k := range kinds {
			names[i] = k.String()
		}
		b.truncate(b.index.tableTarget(names[:len(kinds)]...))
		return
	}
	outermost := -1
	for i := len(b.stack) - 1; i >= 0; i-- {
		n := b.stack[i]
		if n.tag == atom.Table || n.tag == atom.Template || n.tag == atom.Html {
			break
		}
		for _, k := range kinds {
			if n.tag == k {
				outermost = i
			}
		}
	}
	b.truncate(outermost)
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// firstAttrs returns attrs, the attributes of one tag, without the
// repeats of a name, each where it came first (in place): n.attr reads the
// first only, as the HTML standard drops the others, and a tag of
// thousands of class attributes would otherwise make every look-up of
// its attributes, and every <html> after it that adds its own, go through
// them all (2.9 MB: 58 s). Attributes have a few names (keptAttr), so
// each is compared with the few kept before it.
func firstAttrs(attrs []attribute) []attribute {
	if len(attrs) < 2 {
		return attrs
	}
	out := attrs[:1]
	for _, a := range attrs[1:] {
		seen := false
		for _, k := range out {
			seen = seen || k.key == a.key
		}
		if !seen {
			out = append(out, a)
		}
	}
	return out
}

// addMissingAttrs gives n the attributes of attrs it lacks.
func addMissingAttrs(n *node, attrs []attribute) {
	for _, a := range attrs {
		if _, ok := n.attr(a.key); !ok {
			n.attrs = append(n.attrs, a)
			if a.key == "class" {
				n.class |= fieldClasses(a.val)
			}
		}
	}
}

// attr returns the value of n's attribute key.
func (n *node) attr(key string) (string, bool) {
	for _, a := range n.attrs {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

// isBlank reports whether s is only HTML white space.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isTagSpace(s[i]) {
			return false
		}
	}
	return true
}
