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
// Positions. The tree of golang.org/x/net/html has no positions, so before
// parsing, annotate copies the source token by token (html.Tokenizer's raw
// tokens partition the input, so each token's byte offset is known) and
// adds to every start tag an attribute data-iomparse-line="N", and before
// the first non-space character of every text run a marker U+E000 N
// U+E001, N being the 1-based line of the source file where the tag or the
// text starts. The parser keeps attributes and text, so every element and
// text of the tree knows its line; the renderer strips the markers. Lines
// are counted like splitLines counts them (LF, CRLF, lone CR), so
// diagnostics on an HTML page name real lines of the file.

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/iomparse/iomparse/model"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
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
		return len(data) > 1 && data[0] == '<' && (data[1] == '!' || isASCIILetter(data[1]))
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
func renderHTML(data []byte) ([]Line, htmlMeta) {
	annotated, lineCount := annotate(data)
	root, err := html.Parse(bytes.NewReader(annotated))
	if err != nil {
		return nil, htmlMeta{} // html.Parse fails only when its reader does; a bytes.Reader does not
	}
	doc := goquery.NewDocumentFromNode(root)
	meta := readMeta(doc)
	r := &renderer{fields: fieldContainers(doc), h1: -1, at: 1, maxLine: lineCount}
	r.walk(root)
	r.flush()
	lines := preferH1(r.lines, r.h1)
	if findMenu(lines).site == "" {
		if menu := chromeMenu(r.chrome); menu != nil {
			lines = append(menu, lines...)
		}
	}
	return lines, meta
}

// preferH1 makes the page's first <h1> its title: between the site menu
// (when the content holds it) and the <h1>, only the section headers and
// widget lines the grammar knows ("News", "Global", "Share") are kept;
// breadcrumbs, dates and other lines the markup put before the title go.
func preferH1(lines []Line, h1 int) []Line {
	if h1 < 0 || h1 > len(lines) {
		return lines
	}
	start := findMenu(lines).end
	if start > h1 {
		return lines // the <h1> is inside the menu: not a title
	}
	out := make([]Line, 0, len(lines))
	out = append(out, lines[:start]...)
	for _, l := range lines[start:h1] {
		if _, ok := pageHeaders.Lookup(l.Text); ok {
			out = append(out, l)
		}
	}
	return append(out, lines[h1:]...)
}

// Position annotations; see the file comment.
const (
	lineAttr  = "data-iomparse-line"
	markOpen  = '\uE000'
	markClose = '\uE001'
)

// annotate returns a copy of data in which every start tag carries the line
// it starts on as attribute lineAttr, and every text run is preceded, at its
// first non-space character, by a marker holding that character's line.
// Private-use marker characters already in the text are dropped.
// It also returns the number of lines of data.
func annotate(data []byte) ([]byte, int) {
	starts := lineStarts(data)
	lineAt := func(off int) int {
		lo, hi := 0, len(starts) // the number of line starts <= off
		for lo < hi {
			mid := (lo + hi) / 2
			if starts[mid] <= off {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	}
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/4)
	z := html.NewTokenizer(bytes.NewReader(data))
	var num [20]byte // a line number being formatted
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			// Insert after the tag name, never before "/>": an unquoted
			// value would swallow the slash.
			k := 1 + bytes.IndexAny(raw[1:], " \t\r\n\f/>")
			if k == 0 {
				k = len(raw)
			}
			out.Write(raw[:k])
			out.WriteString(" " + lineAttr + `="`)
			out.Write(strconv.AppendInt(num[:0], int64(lineAt(off)), 10))
			out.WriteByte('"')
			out.Write(raw[k:])
		case html.TextToken:
			ws := len(raw) - len(bytes.TrimLeft(raw, " \t\r\n\f"))
			out.Write(raw[:ws])
			if ws < len(raw) {
				out.WriteRune(markOpen)
				out.Write(strconv.AppendInt(num[:0], int64(lineAt(off+ws)), 10))
				out.WriteRune(markClose)
				out.Write(stripMarks(raw[ws:]))
			}
		default:
			out.Write(raw)
		}
		off += len(raw)
	}
	out.Write(data[min(off, len(data)):]) // a tag cut off by the end of the file
	return out.Bytes(), len(starts)
}

// lineStarts returns the byte offsets where lines start: 0, and after every
// LF, CRLF or lone CR.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' || (c == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// marks holds the two marker characters, for stripMarks.
const marks = string(markOpen) + string(markClose)

func stripMarks(b []byte) []byte {
	if !bytes.ContainsAny(b, marks) {
		return b
	}
	return bytes.Map(func(r rune) rune {
		if r == markOpen || r == markClose {
			return -1
		}
		return r
	}, b)
}

// nodeLine returns the source line of an element's start tag, or 0 for an
// element the parser implied (tbody, a missing body).
func nodeLine(n *html.Node) int {
	for _, a := range n.Attr {
		if a.Key == lineAttr {
			no, _ := strconv.Atoi(a.Val) // written by annotate: digits
			return no
		}
	}
	return 0
}

// renderer renders a tree to lines. Text gathers in buf until a block
// boundary flushes it as one line.
type renderer struct {
	lines  []Line
	chrome [][]Line            // the lines of each piece of site chrome, kept apart
	fields map[*html.Node]bool // the elements holding Drupal fields
	plain  bool                // render lists and chrome as plain blocks (values, labels)
	buf    strings.Builder     // the line being gathered
	bufNo  int                 // its source line
	space  bool                // white space seen since the last character
	item   bool                // the line being gathered is a list item: "- text"
	itemNo int                 // the list item's line
	pre    int                 // depth of <pre>: line ends are kept
	at     int                 // the line of the last position seen
	// inChrome: rendering site chrome already; a <nav> inside a <header>
	// stays in the header's lines.
	inChrome bool
	h1       int // index in lines of the first <h1> of the content, -1 before one
	maxLine  int // the number of lines of the source: no position lies past it
}

// sub returns a renderer for a label or a value inside the current one.
func (r *renderer) sub() *renderer {
	return &renderer{fields: r.fields, plain: true, at: r.at, maxLine: r.maxLine}
}

// dropped are the elements whose content is never text of the page.
var dropped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Picture: true, atom.Map: true,
}

// blocks are the elements that start and end a line of their own.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.Option: true, atom.P: true, atom.Pre: true, atom.Search: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true,
	atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// walk renders n and its content. Elements that the markup rules below
// match are rendered by their rule; the rest as blocks or inline.
func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.DocumentNode:
		r.children(n)
		return
	case html.ElementNode:
	default:
		return // comments, doctype
	}
	if no := nodeLine(n); no > 0 {
		r.at = no
	}
	switch {
	case dropped[n.DataAtom]:
	case n.DataAtom == atom.Br:
		r.flush()
	case !r.plain && r.fields[n]:
		r.drupalFields(n)
	case !r.plain && !r.inChrome && isChrome(n):
		r.renderChrome(n)
	case !r.plain && n.DataAtom == atom.Dl && r.isFieldList(n):
		r.fieldList(n)
	case !r.plain && n.DataAtom == atom.Table && r.isFieldTable(n):
		r.fieldTable(n)
	case !r.plain && n.DataAtom == atom.Li:
		r.listItem(n)
	case n.DataAtom == atom.H1 && !r.plain && !r.inChrome && r.h1 < 0:
		r.flush()
		r.h1 = len(r.lines)
		r.children(n)
		r.flush()
	case n.DataAtom == atom.Pre:
		r.flush()
		r.pre++
		r.children(n)
		r.pre--
		r.flush()
	case blocks[n.DataAtom]:
		r.flush()
		r.children(n)
		r.flush()
	default:
		r.children(n)
	}
}

func (r *renderer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
}

// text adds a text node: white space collapses to one space, position
// markers move r.at, and in <pre> a line end ends the line.
func (r *renderer) text(s string) {
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == markOpen:
			// annotate's marker: digits, then markClose. A marker character
			// that a character reference put in the text ("&#xE000;") is
			// not one: it is dropped alone, and so is a line number outside
			// the file.
			digits := i + size
			for digits < len(s) && '0' <= s[digits] && s[digits] <= '9' {
				digits++
			}
			if close, n := utf8.DecodeRuneInString(s[digits:]); close == markClose && digits > i+size {
				if no, err := strconv.Atoi(s[i+size : digits]); err == nil && no >= 1 && no <= r.maxLine {
					r.at = no
				}
				i = digits + n
				continue
			}
		case c == markClose:
		case r.pre > 0 && c == '\n':
			r.flush()
			r.at++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			r.space = true
		default:
			if r.buf.Len() == 0 {
				r.bufNo = r.at
			} else if r.space {
				r.buf.WriteByte(' ')
			}
			r.space = false
			r.buf.WriteRune(c)
		}
		i += size
	}
}

// flush ends the line being gathered. A line with no text is not written:
// HTML has no blank lines that mean anything.
func (r *renderer) flush() {
	text := strings.TrimFunc(r.buf.String(), unicode.IsSpace)
	no := r.bufNo
	if r.item {
		r.item = false
		no = r.itemNo
		if text == "" {
			text = "-"
		} else {
			text = "- " + text
		}
	}
	if text != "" {
		r.lines = append(r.lines, Line{No: no, Text: text})
	}
	r.buf.Reset()
	r.space = false
}

// emit writes a whole line.
func (r *renderer) emit(l Line) {
	r.flush()
	r.lines = append(r.lines, l)
}

// lineOf returns the line where element n starts, or the last line seen.
func (r *renderer) lineOf(n *html.Node) int {
	if no := nodeLine(n); no > 0 {
		return no
	}
	return r.at
}

// listItem renders <li> the way scraped text shows list items. An item
// holding only inline content is one line, "- Data and Research"
// (<li><a href="…">Data and Research</a></li>); an item holding a nested
// list, a heading or another block — a section of the site menu — is a line
// "-" followed by its content's own lines.
func (r *renderer) listItem(n *html.Node) {
	r.flush()
	if hasBlock(n) {
		r.emit(Line{No: r.lineOf(n), Text: "-"})
		r.children(n)
		r.flush()
		return
	}
	r.item, r.itemNo = true, r.lineOf(n)
	r.children(n)
	r.flush()
}

// hasBlock reports whether an element holds a block element.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !dropped[c.DataAtom] && (blocks[c.DataAtom] || hasBlock(c)) {
			return true
		}
	}
	return false
}

// isChrome matches the site's chrome: <nav> (or role="navigation"), and a
// <header> or <footer> (or role="banner" / "contentinfo") that belongs to
// the site rather than to an <article>, <main> or <section>.
func isChrome(n *html.Node) bool {
	role := attr(n, "role")
	switch {
	case n.DataAtom == atom.Nav || role == "navigation":
		return true
	case role == "banner" || role == "contentinfo":
		return true
	case n.DataAtom == atom.Header || n.DataAtom == atom.Footer:
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Article || p.DataAtom == atom.Main || p.DataAtom == atom.Section || attr(p, "role") == "main" {
				return false
			}
		}
		return true
	}
	return false
}

// renderChrome renders a piece of site chrome apart from the page's lines.
func (r *renderer) renderChrome(n *html.Node) {
	r.flush()
	c := &renderer{fields: r.fields, at: r.at, inChrome: true, maxLine: r.maxLine}
	c.children(n)
	c.flush()
	r.chrome = append(r.chrome, c.lines)
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

// inline renders n as a label or value: its lines, one per block or <br>.
func (r *renderer) inline(nodes ...*html.Node) []Line {
	s := r.sub()
	for _, n := range nodes {
		s.walk(n)
		s.flush()
	}
	return s.lines
}

// joined returns lines as one line: their texts joined by spaces, at the
// line of the first.
func joined(lines []Line) Line {
	if len(lines) == 0 {
		return Line{}
	}
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	return Line{No: lines[0].No, Text: strings.Join(texts, " ")}
}

// valueLine returns the value of a labelled field from its items, each
// rendered apart (an item holding a list or <br>s gives several). Text
// joins them with spaces, as the scraped text writes a member-state list;
// Items keeps them apart.
func valueLine(items []Line) Line {
	v := joined(items)
	if len(items) > 0 {
		v.Items = make([]string, len(items))
		for i, l := range items {
			v.Items[i] = l.Text
		}
	}
	return v
}

// labelText trims what markup puts around a label: a colon, spaces.
func labelText(l Line) Line {
	l.Text = strings.TrimRightFunc(l.Text, func(r rune) bool { return r == ':' || unicode.IsSpace(r) })
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

// fieldContainers finds the elements that hold Drupal fields:
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
// that the list item does not add a "-" of its own.
func fieldContainers(doc *goquery.Document) map[*html.Node]bool {
	labels := doc.Find(".field__label").Nodes
	if len(labels) == 0 {
		return nil
	}
	counts := map[*html.Node]subtreeCount{}
	for _, root := range doc.Nodes {
		countSubtree(root, counts)
	}
	containers := map[*html.Node]bool{}
	for _, label := range labels {
		c := label.Parent
		for c != nil && c.Parent != nil && c.Parent.Type == html.ElementNode &&
			counts[c].items == 0 && counts[c].texts == counts[label].texts &&
			counts[c.Parent].labels == counts[c].labels {
			c = c.Parent
		}
		if c == nil || c.Type != html.ElementNode {
			continue
		}
		if p := c.Parent; p != nil && p.DataAtom == atom.Li && onlyChild(p, c) {
			c = p
		}
		containers[c] = true
	}
	// A container inside another is rendered by the outer one.
	for c := range containers {
		for p := c.Parent; p != nil; p = p.Parent {
			if containers[p] {
				delete(containers, c)
				break
			}
		}
	}
	return containers
}

// subtreeCount counts what a subtree holds, for fieldContainers: counted
// once for the whole tree, so pages with thousands of fields cost linear
// time.
type subtreeCount struct {
	labels, items, texts int // field__label and field__item elements, non-blank texts
}

func countSubtree(n *html.Node, counts map[*html.Node]subtreeCount) subtreeCount {
	var sc subtreeCount
	switch {
	case n.Type == html.TextNode:
		// annotate puts a marker only before text, so a text node is blank
		// exactly when it is blank without its markers.
		if strings.TrimSpace(n.Data) != "" {
			sc.texts = 1
		}
		return sc
	case n.Type == html.ElementNode && dropped[n.DataAtom]:
		return sc
	case n.Type == html.ElementNode:
		if hasClass(n, "field__label") {
			sc.labels++
		}
		if hasClass(n, "field__item") {
			sc.items++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cc := countSubtree(c, counts)
		sc.labels += cc.labels
		sc.items += cc.items
		sc.texts += cc.texts
	}
	counts[n] = sc
	return sc
}

// drupalFields renders a Drupal field container: each field__label with the
// field__item elements after it (one per member state), or, when it has
// none, the text beside it.
func (r *renderer) drupalFields(c *html.Node) {
	type field struct {
		label *html.Node
		items []*html.Node
		loose []*html.Node
	}
	var fields []*field
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			var last *field
			if len(fields) > 0 {
				last = fields[len(fields)-1]
			}
			switch {
			case ch.Type == html.ElementNode && dropped[ch.DataAtom]:
			case ch.Type == html.ElementNode && hasClass(ch, "field__label"):
				fields = append(fields, &field{label: ch})
			case ch.Type == html.ElementNode && hasClass(ch, "field__item"):
				if last != nil {
					last.items = append(last.items, ch)
				}
			case ch.Type == html.ElementNode:
				visit(ch)
			case ch.Type == html.TextNode && last != nil && len(last.items) == 0:
				last.loose = append(last.loose, ch)
			}
		}
	}
	visit(c)
	r.flush()
	for i, f := range fields {
		label := labelText(joined(r.inline(f.label)))
		dashNo := label.No
		if i == 0 {
			dashNo = r.lineOf(c)
		}
		var items []Line
		if len(f.items) > 0 {
			for _, it := range f.items {
				items = append(items, r.inline(it)...)
			}
		} else {
			items = r.inline(f.loose...)
		}
		r.field(dashNo, label, valueLine(items))
	}
}

// isFieldList matches a description list that labels fields: one of its
// terms is a known field label (<dt>Start Date</dt><dd>2022</dd>). Other
// description lists are rendered as blocks.
func (r *renderer) isFieldList(dl *html.Node) bool {
	for _, t := range listTerms(dl) {
		if isLabel(labelText(joined(r.inline(t.dt))).Text) {
			return true
		}
	}
	return false
}

type term struct {
	dt  *html.Node
	dds []*html.Node
}

// listTerms returns the terms of a <dl> with their descriptions; HTML allows
// <div> wrappers around each group.
func listTerms(dl *html.Node) []term {
	var terms []term
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.DataAtom == atom.Dt:
				terms = append(terms, term{dt: c})
			case c.DataAtom == atom.Dd && len(terms) > 0:
				terms[len(terms)-1].dds = append(terms[len(terms)-1].dds, c)
			case c.DataAtom == atom.Div:
				visit(c)
			}
		}
	}
	visit(dl)
	return terms
}

// fieldList renders a labelled <dl>: one field per term, its descriptions
// the value's items.
func (r *renderer) fieldList(dl *html.Node) {
	r.flush()
	for _, t := range listTerms(dl) {
		r.field(r.lineOf(t.dt), labelText(joined(r.inline(t.dt))), valueLine(r.inline(t.dds...)))
	}
}

// isFieldTable matches a two-column table that labels fields:
// <tr><th>Start Date</th><td>2022</td></tr>, one of whose rows has a known
// label in its first cell. Other tables are rendered cell by cell.
func (r *renderer) isFieldTable(t *html.Node) bool {
	for _, tr := range tableRows(t) {
		if cells := rowCells(tr); len(cells) == 2 && isLabel(labelText(joined(r.inline(cells[0]))).Text) {
			return true
		}
	}
	return false
}

// fieldTable renders a labelled table: each two-cell row is a field; a row
// of header cells only (a heading over the fields) and the caption are
// dropped; any other row gives its cells' lines.
func (r *renderer) fieldTable(t *html.Node) {
	r.flush()
	for _, tr := range tableRows(t) {
		cells := rowCells(tr)
		allTH := true
		for _, c := range cells {
			allTH = allTH && c.DataAtom == atom.Th
		}
		switch {
		case allTH:
		case len(cells) == 2:
			r.field(r.lineOf(tr), labelText(joined(r.inline(cells[0]))), valueLine(r.inline(cells[1])))
		default:
			for _, c := range cells {
				r.walk(c)
			}
		}
	}
}

// tableRows returns the rows of table t, not those of tables inside it.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				visit(c)
			}
		}
	}
	visit(t)
	return rows
}

func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			cells = append(cells, c)
		}
	}
	return cells
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// onlyChild reports whether c is the only child of p holding anything but
// white space.
func onlyChild(p, c *html.Node) bool {
	for x := p.FirstChild; x != nil; x = x.NextSibling {
		if x != c && (x.Type == html.ElementNode || (x.Type == html.TextNode && strings.TrimSpace(string(stripMarks([]byte(x.Data)))) != "")) {
			return false
		}
	}
	return true
}

// datePrefix matches the date part of an ISO 8601 timestamp.
var datePrefix = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?`)

// readMeta reads the head: canonical URL, language, og:title and the
// publication date.
func readMeta(doc *goquery.Document) htmlMeta {
	var m htmlMeta
	content := func(sel string) (string, *html.Node) {
		s := doc.Find(sel).First()
		if s.Length() == 0 {
			return "", nil
		}
		return strings.Join(strings.Fields(s.AttrOr("content", "")), " "), s.Get(0)
	}
	m.url = strings.TrimSpace(doc.Find(`link[rel~="canonical"]`).First().AttrOr("href", ""))
	if m.url == "" {
		m.url, _ = content(`meta[property="og:url"]`)
	}
	lang := strings.TrimSpace(doc.Find("html").First().AttrOr("lang", ""))
	if lang == "" {
		doc.Find("meta[http-equiv]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if strings.EqualFold(s.AttrOr("http-equiv", ""), "content-language") {
				lang = s.AttrOr("content", "")
			}
			return lang == ""
		})
	}
	if lang == "" {
		lang, _ = content(`meta[property="og:locale"]`)
	}
	if lang, _, _ = strings.Cut(strings.ToLower(lang), "-"); lang != "" {
		lang, _, _ = strings.Cut(lang, "_")
		if len(lang) >= 2 && len(lang) <= 3 {
			m.lang = lang
		}
	}
	var n *html.Node
	if m.title, n = content(`meta[property="og:title"]`); n != nil {
	}
	published, _ := content(`meta[property="article:published_time"]`)
	m.date = datePrefix.FindString(published)
	return m
}

// memberStateItems returns the member states of a value line. A value the
// markup gave as separate items (one Drupal field__item per country) is
// read item by item, with no splitting by names; an item the country table
// does not know whole is split like a text line ("Fiji Samoa" in one item).
// A value from a text page is split by names.
func memberStateItems(v Line) []model.CountryMatch {
	if len(v.Items) == 0 {
		return model.SplitCountries(v.Text)
	}
	var out []model.CountryMatch
	seen := map[string]bool{}
	for _, item := range v.Items {
		if code, lang, ok := model.LookupCountry(item); ok {
			out = append(out, model.CountryMatch{Code: code, Name: model.CountryName(code), Text: item, Lang: lang, Known: true, Repeat: seen[code]})
			seen[code] = true
			continue
		}
		split := model.SplitCountries(item)
		known := false
		for _, m := range split {
			known = known || m.Known
		}
		if !known {
			// Not a list of names either: one unknown member state, kept whole.
			out = append(out, model.CountryMatch{Name: item, Text: item})
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
