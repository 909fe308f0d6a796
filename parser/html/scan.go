package html

import (
	"bytes"
	"strings"
	"unsafe"

	"github.com/iomparse/iomparse/model/ascii"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The HTML scanner. golang.org/x/net/html tokenises at about 60 MB/s and
// builds its tree at about 30 MB/s, and its tree has no source positions,
// so every page had to be tokenised twice (once to note lines); on a
// scrape with one page in six in HTML that was over a third of the run.
// This scanner reads a page once, at several hundred MB/s, and gives every
// token the line it starts on. It follows the tokenisation rules of the
// HTML standard that matter to scraped pages: comments, doctypes and
// processing instructions give nothing; tag and attribute names are
// folded to lower case; attribute values may be double-quoted,
// single-quoted or bare; the content of raw-text elements (script, style…)
// runs to their end tag; a "<" that opens no tag is text; a tag cut off by
// the end of the file is dropped. Character references are decoded by
// xhtml.UnescapeString, which knows the standard's whole table.

// tokenKind is the kind of an token.
type tokenKind uint8

const (
	tokenText tokenKind = iota + 1
	tokenStart
	tokenEnd
)

// token is one token: a text run, a start tag or an end tag.
type token struct {
	kind  tokenKind
	tag   atom.Atom // 0 for a name the atom table does not know
	class elemClass // the element's classes
	name  string    // lower case
	attrs []attribute
	text  string // tokenText: decoded text
	// selfClosing: the tag ended in "/>", which HTML ignores except on
	// void elements.
	selfClosing bool
	// line is the 1-based line the token starts on; for a text, the line
	// of its first character that is not white space (0 when it has none).
	line int
}

// attribute is one attribute of a start tag, its key in lower case and its
// value decoded.
type attribute struct {
	key, val string
}

// keptAttr returns the name, in lower case, of an attribute anything
// downstream reads, given its name as written: the renderer's (class,
// role), the head's (lang, rel, href, property, content, http-equiv) and
// the character-set prescan's (charset). Other attributes are skipped
// without a copy, which saves an allocation each. The length and a letter
// pick the one name key may be, so most names are never folded.
func keptAttr(key []byte) (string, bool) {
	var name string
	switch len(key) {
	case 3:
		name = "rel"
	case 4:
		switch key[0] | 0x20 {
		case 'r':
			name = "role"
		case 'l':
			name = "lang"
		case 'h':
			name = "href"
		}
	case 5:
		name = "class"
	case 7:
		switch key[1] | 0x20 {
		case 'o':
			name = "content"
		case 'h':
			name = "charset"
		}
	case 8:
		name = "property"
	case 10:
		name = "http-equiv"
	}
	if name == "" || !equalLower(key, name) {
		return "", false
	}
	return name, true
}

// scanner splits a document into tokens.
type scanner struct {
	data  []byte
	src   string  // data as one string: text tokens are substrings of it
	pos   int     // the next byte to read
	mem   *memory // attrs, attrSlab
	hasCR bool    // the page has a CR: lines cannot be counted by LF alone
	// nextEnd is the offset of the next line end not yet counted
	// (len(data) when none is left), line the line it ends.
	nextEnd int
	line    int
	// raw is the raw-text element whose content comes next, 0 for none.
	raw     atom.Atom
	rawName string
	// The tokens next returns, the scanner's own: copying an 88-byte
	// token through every call was a tenth of the scanner's time. tagTok
	// holds the last tag; queued tells that it was found after a text
	// and is still to be returned.
	textTok, tagTok token
	queued          bool
	// foreign tells, from the tree builder, that SVG or MathML is open:
	// there <title>, <style> and <script> hold markup, not raw text.
	foreign bool
}

func newScanner(data []byte, mem *memory) *scanner {
	s := &scanner{data: data, src: string(data), mem: mem, line: 1, hasCR: bytes.IndexByte(data, '\r') >= 0}
	s.nextEnd = s.lineEnd(0)
	return s
}

// lineAt returns the 1-based line of byte off. Lines end at LF, CRLF or a
// lone CR, as text.Split counts them. Offsets are asked in increasing order
// (the scanner moves forward), so lines are counted once, as it goes, line
// end by line end: a position before the next line end costs a comparison.
// (An offset below one asked before gets the line of that one.)
func (s *scanner) lineAt(off int) int {
	for s.nextEnd < off {
		s.line++
		s.nextEnd = s.lineEnd(s.nextEnd + 1)
	}
	return s.line
}

// lineEnd returns the offset of the first line end at or after from, or
// len(s.data) when there is none. Of a CRLF, the LF is the end.
func (s *scanner) lineEnd(from int) int {
	d := s.data
	if !s.hasCR {
		if k := bytes.IndexByte(d[from:], '\n'); k >= 0 {
			return from + k
		}
		return len(d)
	}
	for i := from; i < len(d); i++ {
		if c := d[i]; c == '\n' || c == '\r' && (i+1 == len(d) || d[i+1] != '\n') {
			return i
		}
	}
	return len(d)
}

// firstTextLine returns the line of the first byte of data[from:to] that is
// not white space, or 0 when there is none.
func (s *scanner) firstTextLine(from, to int) int {
	for i := from; i < to; i++ {
		if !isTagSpace(s.data[i]) {
			return s.lineAt(i)
		}
	}
	return 0
}

// next returns the next token, or nil at the end of the document. The
// token is the scanner's own, good until the next call.
func (s *scanner) next() *token {
	if s.queued {
		s.queued = false
		return &s.tagTok
	}
	if s.raw != 0 {
		return s.rawContent()
	}
	// The text before the next markup: it starts at start, and its line
	// is that of its first character other than white space, which is
	// looked for before the markup is read, lines being counted forward.
	start, seen, line := s.pos, s.pos, 0
	for s.pos < len(s.data) {
		k := bytes.IndexByte(s.data[s.pos:], '<')
		if k < 0 {
			s.pos = len(s.data)
			break
		}
		s.pos += k
		tagStart := s.pos
		if line == 0 {
			line, seen = s.firstTextLine(seen, tagStart), tagStart
		}
		ok, markup := s.markup()
		if !markup {
			if line == 0 {
				line = s.lineAt(tagStart) // the "<" is the text's first character
			}
			s.pos = tagStart + 1 // a "<" that opens nothing is text
			continue
		}
		// The text before the markup comes first; then the tag, if the
		// markup was one (a comment or doctype gives no token).
		text := s.textToken(start, tagStart, line)
		switch {
		case text != nil:
			s.queued = ok
			return text
		case ok:
			return &s.tagTok
		}
		start, seen, line = s.pos, s.pos, 0
	}
	if line == 0 {
		line = s.firstTextLine(seen, len(s.data))
	}
	return s.textToken(start, len(s.data), line)
}

// textToken returns the text of data[from:to] as a token on line (0 for
// text that is all white space), nil when it is empty.
func (s *scanner) textToken(from, to, line int) *token {
	if from >= to {
		return nil
	}
	text := s.src[from:to]
	if line != 0 { // white space alone, most texts between tags, has nothing to decode
		text = decodeText(text)
		if unsafe.StringData(text) != unsafe.StringData(s.src[from:to]) {
			s.mem.meter.Alloc(len(text)) // a copy, decoded
		}
	}
	return s.text(text, line)
}

// text returns the text token holding text, on line.
func (s *scanner) text(text string, line int) *token {
	t := &s.textTok
	t.kind, t.text, t.line = tokenText, text, line
	return t
}

// decodeText decodes character references and drops NUL characters, as
// the HTML standard does with text in a page's body.
func decodeText(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = xhtml.UnescapeString(s)
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// markup reads the markup at s.pos, which holds "<". markup is false when
// "<" opens nothing (s.pos is then unchanged); ok tells whether the markup
// gave a token (a tag, in s.tagTok), not a comment, doctype or processing
// instruction.
func (s *scanner) markup() (ok, markup bool) {
	d := s.data[s.pos:]
	if len(d) < 2 {
		return false, false
	}
	switch c := d[1]; {
	case c == '!':
		if bytes.HasPrefix(d, []byte("<!--")) {
			s.pos += 4 + commentEnd(d[4:])
		} else {
			s.skipPast('>') // doctype, CDATA and other bogus comments
		}
		return false, true
	case c == '?':
		s.skipPast('>')
		return false, true
	case c == '/':
		if len(d) > 2 && d[2] == '>' {
			s.pos += 3 // "</>" is dropped
			return false, true
		}
		if len(d) > 2 && ascii.IsLetter(d[2]) {
			return s.tag(true)
		}
		if len(d) == 2 {
			return false, false
		}
		s.skipPast('>')
		return false, true
	case ascii.IsLetter(c):
		return s.tag(false)
	}
	return false, false
}

// commentEnd returns the length of a comment's body and end in d, which
// follows "<!--": up to "-->" or "--!>", or the rest of the document when
// it never ends. "<!-->" and "<!--->" are empty comments, as the standard says.
func commentEnd(d []byte) int {
	switch {
	case bytes.HasPrefix(d, []byte(">")):
		return 1
	case bytes.HasPrefix(d, []byte("->")):
		return 2
	}
	for i := 0; ; {
		k := bytes.Index(d[i:], []byte("--"))
		if k < 0 {
			return len(d)
		}
		i += k + 2
		switch {
		case bytes.HasPrefix(d[i:], []byte(">")):
			return i + 1
		case bytes.HasPrefix(d[i:], []byte("!>")): // "--!>" ends one too
			return i + 2
		}
		i-- // "--->": the next "--" starts one byte on
	}
}

// skipPast moves past the next ">", or to the end of the document.
func (s *scanner) skipPast(c byte) {
	if k := bytes.IndexByte(s.data[s.pos:], c); k >= 0 {
		s.pos += k + 1
	} else {
		s.pos = len(s.data)
	}
}

// tag reads a start or end tag at s.pos into s.tagTok. A tag the document
// ends inside is dropped, as the standard drops it.
func (s *scanner) tag(end bool) (ok, markup bool) {
	t := &s.tagTok
	t.selfClosing, t.attrs = false, nil
	d := s.data
	i := s.pos + 1
	if end {
		i++
	}
	nameStart := i
	for i < len(d) && !inSet(d[i], tagNameEnds) {
		i++
	}
	t.tag, t.name, t.class = s.mem.names.lookup(d[nameStart:i])
	t.line = s.lineAt(s.pos)
	attrs := s.mem.attrs[:0]
	keys := s.mem.keys[:0]
	lastValEnd := -1   // where the last attribute's value ends (exclusive); -1 for none
	classSeen := false // the first class attribute counts, as n.attr reads it
	for {
		for i < len(d) && (isTagSpace(d[i]) || d[i] == '/') {
			t.selfClosing = d[i] == '/'
			i++
		}
		if i >= len(d) {
			s.pos = len(d)
			return false, true
		}
		if d[i] == '>' {
			i++
			break
		}
		t.selfClosing = false
		// An attribute: a name (which may start with "="), then maybe
		// "=" and a value.
		keyStart := i
		i++
		for i < len(d) && !inSet(d[i], attrNameEnds) {
			i++
		}
		key := d[keyStart:i]
		if !end {
			if len(keys) == cap(keys) {
				s.mem.meter.Alloc(2 * (len(keys) + 1) * int(unsafe.Sizeof([2]int{})))
			}
			keys = append(keys, [2]int{keyStart, i})
		}
		lastValEnd = -1
		for i < len(d) && isTagSpace(d[i]) {
			i++
		}
		var val string // a substring of s.src: no copy
		if i < len(d) && d[i] == '=' {
			i++
			for i < len(d) && isTagSpace(d[i]) {
				i++
			}
			switch {
			case i < len(d) && (d[i] == '"' || d[i] == '\''):
				q := d[i]
				k := bytes.IndexByte(d[i+1:], q)
				if k < 0 {
					s.pos = len(d)
					return false, true
				}
				val = s.src[i+1 : i+1+k]
				lastValEnd = i + 1 + k
				i += k + 2
			default:
				vs := i
				for i < len(d) && !inSet(d[i], bareValEnds) {
					i++
				}
				val = s.src[vs:i]
				lastValEnd = i
			}
		}
		if end {
			continue // an end tag's attributes mean nothing
		}
		if k, ok := keptAttr(key); ok {
			val := decodeAttr(val)
			if k == "class" && !classSeen {
				classSeen = true
				t.class |= fieldClasses(val)
			}
			attrs = append(attrs, attribute{key: k, val: val})
		}
	}
	s.pos = i
	s.mem.attrs = attrs
	s.mem.keys = keys
	if !end {
		t.selfClosing = selfClosing(d, i, keys, lastValEnd)
	}
	if end {
		t.kind = tokenEnd
		return true, true
	}
	t.kind = tokenStart
	if len(attrs) > 0 {
		m := s.mem
		if cap(m.attrSlab)-len(m.attrSlab) < len(attrs) {
			m.attrSlab = make([]attribute, 0, max(64, len(attrs)))
			m.meter.Alloc(cap(m.attrSlab) * int(unsafe.Sizeof(attribute{})))
		}
		n := len(m.attrSlab)
		m.attrSlab = append(m.attrSlab, attrs...)
		t.attrs = m.attrSlab[n:len(m.attrSlab):len(m.attrSlab)]
	}
	if t.class.has(classRawText) && !s.foreign { // <svg><style> is markup
		s.raw, s.rawName = t.tag, t.name
	}
	return true, true
}

// fieldClasses returns the classes classFieldLabel and classFieldItem that a
// class attribute's value lists: the renderer asks them of most elements,
// and splitting the attribute each time was a tenth of its time.
func fieldClasses(v string) elemClass {
	if strings.IndexByte(v, '_') < 0 {
		return 0 // the common case, and a quicker test than for "field__"
	}
	var c elemClass
	for rest := v; rest != ""; {
		i := 0
		for i < len(rest) && isTagSpace(rest[i]) {
			i++
		}
		j := i
		for j < len(rest) && !isTagSpace(rest[j]) {
			j++
		}
		switch rest[i:j] {
		case "field__label":
			c |= classFieldLabel
		case "field__item":
			c |= classFieldItem
		}
		rest = rest[j:]
	}
	return c
}

// decodeAttr decodes an attribute value's character references, with the
// standard's rule for attributes: a named reference without its ";" is
// left as written when a letter, a digit or "=" follows it, so a URL's
// "?page=2&region=asia&copy=3" stays as it is ("&region" would be
// "®ion" in text).
func decodeAttr(v string) string {
	amp := strings.IndexByte(v, '&')
	if amp < 0 {
		return v
	}
	var b strings.Builder
	for amp >= 0 {
		b.WriteString(v[:amp])
		v = v[amp:]
		n := 1 // the reference: "&", then a name or a number, then maybe ";"
		for n < len(v) && (ascii.IsLetter(v[n]) || '0' <= v[n] && v[n] <= '9' || n == 1 && v[n] == '#') {
			n++
		}
		semicolon := n < len(v) && v[n] == ';'
		if semicolon {
			n++
		}
		ref := v[:n]
		out := xhtml.UnescapeString(ref)
		if len(ref) > 1 && ref[1] != '#' {
			// A named reference is decoded only when the whole name is
			// one (a prefix matched leaves a letter or digit after it)
			// and, without its ";", when "=" does not follow.
			whole := !strings.HasSuffix(out, ";")
			if !semicolon {
				whole = out == xhtml.UnescapeString(ref+";")
			}
			if !whole || !semicolon && n < len(v) && v[n] == '=' {
				out = ref
			}
		}
		b.WriteString(out)
		v = v[n:]
		amp = strings.IndexByte(v, '&')
	}
	b.WriteString(v)
	return b.String()
}

// rawContent returns the content of the raw-text element just opened, up to
// its end tag (or the end of the document; plaintext has no end tag).
func (s *scanner) rawContent() *token {
	tag, name := s.raw, s.rawName
	s.raw, s.rawName = 0, ""
	start, end := s.pos, len(s.data)
	switch tag {
	case atom.Plaintext:
	case atom.Script:
		end = s.scriptEnd(start)
	default:
		for i := start; ; {
			k := bytes.Index(s.data[i:], []byte("</"))
			if k < 0 {
				break
			}
			if i += k; s.tagNamed(i+2, name) {
				end = i
				break
			}
			i += 2
		}
	}
	s.pos = end
	text := s.src[start:end]
	if tag == atom.Textarea {
		text = decodeText(text)
	}
	if text == "" {
		return s.next()
	}
	line := s.firstTextLine(start, end)
	if line == 0 {
		line = s.lineAt(start)
	}
	return s.text(text, line)
}

// tagNamed reports whether the tag name at i is name, whole and in any
// case.
func (s *scanner) tagNamed(i int, name string) bool {
	after := i + len(name)
	return after <= len(s.data) && bytes.EqualFold(s.data[i:after], []byte(name)) &&
		(after == len(s.data) || isTagSpace(s.data[after]) || s.data[after] == '/' || s.data[after] == '>')
}

// scriptEnd returns where a script's content ends: at its "</script",
// following the standard's escaped states, in which an old-style script
// hidden in "<!-- … -->" may write "<script>…</script>" without ending
// itself.
func (s *scanner) scriptEnd(start int) int {
	d := s.data
	escaped, double := false, false
	for i := start; i < len(d); i++ {
		switch {
		case d[i] == '<' && bytes.HasPrefix(d[i:], []byte("</")) && s.tagNamed(i+2, "script"):
			if !double {
				return i
			}
			double = false
			i += len("</script") - 1
		case d[i] == '<' && !escaped && bytes.HasPrefix(d[i:], []byte("<!--")):
			// The dashes of "<!--" count towards its end: "<!-->" and
			// "<!--->" open and close at once, as the standard's
			// escaped dash dash state reads them.
			j := i + len("<!--")
			for j < len(d) && d[j] == '-' {
				j++
			}
			if j < len(d) && d[j] == '>' {
				i = j
				continue
			}
			escaped = true
			i = j - 1
		case d[i] == '<' && escaped && !double && s.tagNamed(i+1, "script"):
			double = true
			i += len("<script") - 1
		case d[i] == '-' && escaped && bytes.HasPrefix(d[i:], []byte("-->")):
			escaped, double = false, false
			i += len("-->") - 1
		}
	}
	return len(d)
}

// tagNames remembers the element names read, with their atoms and
// classes, by a hash of the name as written. Pages name the same few dozen
// elements over and over, and folding each name, looking it up in the atom
// table and its classes in a map cost some 250 instructions a tag, a
// quarter of the scanner; a name found here costs a tenth of that. Only
// names the atom table knows are kept, so the memory holds no page's text.
type tagNames [256]tagName

type tagName struct {
	name  string // lower case
	tag   atom.Atom
	class elemClass
}

// lookup returns the atom, the lower-case name and the classes of the
// element name b (not empty), as lowerName and classOf give them. A nil
// c remembers nothing.
func (c *tagNames) lookup(b []byte) (atom.Atom, string, elemClass) {
	if c == nil {
		tag, name := lowerName(b)
		return tag, name, classOf(tag)
	}
	x := uint32(b[0]) | uint32(b[len(b)-1])<<16 | uint32(len(b))<<24
	if len(b) > 1 {
		x |= uint32(b[1]) << 8
	}
	e := &c[x*0x9E3779B1>>24]
	if len(e.name) == len(b) && equalLower(b, e.name) {
		return e.tag, e.name, e.class
	}
	tag, name := lowerName(b)
	if tag == 0 {
		return 0, name, 0
	}
	*e = tagName{name: name, tag: tag, class: classOf(tag)}
	return tag, name, e.class
}

// equalLower reports whether b folded to ASCII lower case is lower, of the
// same length.
func equalLower(b []byte, lower string) bool {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// lowerName returns a tag or attribute name folded to lower case, with its
// atom; a known name costs no allocation.
func lowerName(b []byte) (atom.Atom, string) {
	var buf [32]byte
	lower := appendLower(buf[:0], b)
	if a := atom.Lookup(lower); a != 0 {
		return a, a.String()
	}
	return 0, string(lower)
}

// appendLower appends b folded to ASCII lower case to dst.
func appendLower(dst, b []byte) []byte {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// Sets of bytes below 64, as bit masks: a test is a compare, a shift and a
// mask, where a chain of comparisons cost a branch each (isTagSpace alone
// was 8% of the HTML path).
const (
	tagSpaces    = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\r' | 1<<'\f' // HTML white space
	tagNameEnds  = tagSpaces | 1<<'/' | 1<<'>'                    // end a tag name
	attrNameEnds = tagNameEnds | 1<<'='                           // end an attribute name
	bareValEnds  = tagSpaces | 1<<'>'                             // end an unquoted attribute value
)

// inSet reports whether c is in set, a mask of bytes below 64.
func inSet(c byte, set uint64) bool {
	return c < 64 && set>>c&1 != 0
}

func isTagSpace(c byte) bool { return inSet(c, tagSpaces) }
