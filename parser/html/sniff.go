package html

import (
	"bytes"
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/parser/text"
)

// LooksLike reports whether data is an HTML document, by its content:
// a doctype or an <html>, <head> or <body> tag (or a <meta>, <title> or
// <link> opening a document without them) at the start, after a byte-order
// mark, white space, comments and an XML declaration.
func LooksLike(data []byte) bool {
	return startsWithTag(data, []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<link"})
}

// IsDocument decides the format of a document: by content, or by a
// .html/.htm name for a document that starts with any tag (a saved
// fragment).
func IsDocument(path string, data []byte) bool {
	if LooksLike(data) {
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

// DeclaredCharset returns the character set an HTML page declares in a
// <meta charset="…"> or <meta http-equiv="Content-Type" content="…;
// charset=…">, and the 1-based line of that tag. It reads tags up to <body>
// (or the first 64 KiB), not only the first kilobyte the HTML standard's
// prescan reads: scraped pages carry long heads.
func DeclaredCharset(data []byte) (label string, line int) {
	const limit = 64 << 10
	data = data[:min(len(data), limit)]
	at := charsetIndex(data)
	if at < 0 {
		// Both forms of the declaration spell "charset", unless a
		// numeric character reference spells a letter of it
		// ("ch&#97;rset": no named one stands for c, h, a, r, s, e or
		// t): without either, no tag need be read.
		if !bytes.Contains(data, []byte("&#")) {
			return "", 0
		}
		at = len(data)
	}
	// The declaration is most often the tag that holds the first
	// "charset": the tags up to a little past it are read first, and the
	// rest only when they declare nothing. A prefix gives the same tags
	// as the whole up to where it is cut.
	if near := at + 1024; near < len(data) {
		if label, line, end := prescanCharset(data[:near]); label != "" || end {
			return label, line
		}
	}
	label, line, _ = prescanCharset(data)
	return label, line
}

// prescanCharset reads the tags of data up to <body> for a character set
// declaration; end tells that <body> was met.
func prescanCharset(data []byte) (label string, line int, end bool) {
	s := newScanner(data, &memory{})
	for {
		t := s.next()
		switch {
		case t == nil:
			return "", 0, false
		case t.kind != tokenStart:
		case t.tag == atom.Body:
			return "", 0, true
		case t.tag == atom.Meta:
			if cs := metaCharset(t.attrs); cs != "" {
				return cs, t.line, false
			}
		}
	}
}

// charsetIndex returns where "charset" first appears in data in any case,
// or -1. Most scraped pages without a declaration are told apart by it at
// the cost of a byte search, instead of having their heads tokenised.
func charsetIndex(data []byte) int {
	first := -1
	for _, c := range []byte{'c', 'C'} {
		for from := 0; ; {
			k := bytes.IndexByte(data[from:], c)
			if k < 0 || first >= 0 && from+k > first {
				break
			}
			if hasPrefixFold(data[from+k+1:], "harset") {
				first = from + k
				break
			}
			from += k + 1
		}
	}
	return first
}

// metaCharset reads the character set a <meta> tag declares, if any.
func metaCharset(attrs []attribute) string {
	var charset, content string
	httpEquiv := false
	for _, a := range attrs {
		switch a.key {
		case "charset":
			charset = strings.TrimSpace(a.val)
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(a.val), "content-type")
		case "content":
			content = a.val
		}
	}
	if charset != "" {
		return charset
	}
	if httpEquiv {
		return contentCharset(content)
	}
	return ""
}

// contentCharset extracts the charset parameter of a Content-Type value
// ("text/html; charset=ISO-8859-1"), quoted or not.
func contentCharset(content string) string {
	i := indexLowerASCII(content, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+len("charset"):], " \t")
	rest, ok := strings.CutPrefix(rest, "=")
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		if end := strings.IndexByte(rest[1:], rest[0]); end >= 0 {
			return rest[1 : 1+end]
		}
		return ""
	}
	if end := strings.IndexAny(rest, "; \t"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

// indexLowerASCII is the index of word (lower case) in s, its ASCII
// letters in any case, or -1. Not strings.ToLower: it writes a byte that is
// not UTF-8 as three, and the index in the lowered copy is then past the
// same text in s.
func indexLowerASCII(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && ascii.Lower(s[i+j]) == word[j] {
			j++
		}
		if j == len(word) {
			return i
		}
	}
	return -1
}
