package html

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// The scanner is held to golang.org/x/net/html's Tokenizer, which follows
// the HTML standard's tokenisation: on any input, both give the same
// tokens, start tags, end tags and texts, in the same order, with the
// same names, attributes and text, once what the scanner deliberately
// leaves out or keeps otherwise is normalised away on both sides:
//
//   - comments, doctypes, processing instructions and "</>": the Tokenizer
//     gives a token, the scanner nothing (nothing downstream reads them);
//     so texts they split are compared joined, as the tree joins them;
//   - attributes: the scanner keeps only those downstream code reads
//     (keptAttr), the Tokenizer all; a repeated attribute, the scanner
//     keeps every one, the Tokenizer the first; attributes of end tags,
//     neither. Only the first of each kept one is compared;
//   - NUL: the scanner drops it from text (the standard's tree builder
//     ignores it there) and keeps it elsewhere; the Tokenizer keeps it in
//     text and makes it U+FFFD elsewhere. The scanner's NUL in names and
//     values is compared as U+FFFD, and NUL and U+FFFD are left out of both
//     sides' texts, after their character references are decoded and
//     before their line ends are read (the Tokenizer reads line ends
//     first, so a text of its holding NUL is taken from its raw bytes,
//     decoded as Text decodes it);
//   - line ends: the Tokenizer turns CRLF and lone CR into LF before it
//     decodes character references, the scanner keeps them (it counts
//     lines by them). Both sides' texts and values are compared with each
//     run of line ends as one LF: the renderer makes no more of a run of
//     them than of one (white space collapses, and <pre> writes no empty
//     line);
//   - the self-closing flag of a tag whose "/" before ">" may end an
//     unquoted attribute value ("<svg a b=/>"): the standard makes the "/"
//     part of the value, and so does the scanner; the Tokenizer decides by
//     the last attribute it keeps, not the last written when the tag
//     repeats one, and then calls the tag self-closing. The flag is not
//     compared on such a tag;
//   - a <title>'s content: the Tokenizer decodes its character references
//     (it is RCDATA), the scanner not (a title is never rendered): the
//     scanner's is decoded before comparing;
//   - a raw-text element (script, style, textarea…) whose end tag's name
//     ends the document ("<style>x</style"): the standard makes "</style"
//     part of the content, as the Tokenizer does, but the scanner ends the
//     content there and drops the end tag as cut off; in a script's
//     double-escaped text ("<script><!--<script </script") the two swap.
//     Both sides' contents are compared without that end tag.
//
// The scanner reads no tree: foreign content (SVG, MathML) is off, as the
// Tokenizer has it without a parser calling NextIsNotRawText.

// tok is a token as compared.
type tok struct {
	kind        string // "text", "start" or "end"
	name        string
	selfClosing bool
	// anySelfClosing, on a Tokenizer's tag, tells that its self-closing
	// flag is not compared (see the top of the file).
	anySelfClosing bool
	attrs          string // the kept attributes, first of each, in order: k="v" …
	text           string
}

// same reports whether our token is theirs.
func same(ours, theirs tok) bool {
	if theirs.anySelfClosing {
		theirs.selfClosing, theirs.anySelfClosing = ours.selfClosing, false
	}
	return ours == theirs
}

func (t tok) String() string {
	switch t.kind {
	case "text":
		return fmt.Sprintf("text %q", t.text)
	case "start":
		return fmt.Sprintf("<%s %s selfclosing=%v>", t.name, t.attrs, t.selfClosing)
	}
	return fmt.Sprintf("</%s>", t.name)
}

// normText leaves NUL and U+FFFD out of a text and turns its line ends
// into LF.
func normText(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	return normLines(strings.ReplaceAll(s, "\ufffd", ""))
}

// normName writes a name's or a value's NUL as U+FFFD.
func normName(s string) string { return strings.ReplaceAll(s, "\x00", "\ufffd") }

// normLines turns each run of line ends of s into one LF.
func normLines(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\r' && c != '\n' {
			b.WriteByte(c)
		} else if i == 0 || s[i-1] != '\r' && s[i-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// appendTok appends t to toks, joining adjacent texts and leaving empty
// ones out.
func appendTok(toks []tok, t tok) []tok {
	if t.kind == "text" {
		if t.text == "" {
			return toks
		}
		if n := len(toks); n > 0 && toks[n-1].kind == "text" {
			toks[n-1].text += t.text
			return toks
		}
	}
	return append(toks, t)
}

// keptAttrs formats the first of each kept attribute of attrs, as compared.
func keptAttrs(keys, vals []string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for i, k := range keys {
		name, ok := keptAttr([]byte(normName(k)))
		if !ok || seen[name] {
			continue
		}
		seen[name] = true
		fmt.Fprintf(&b, "%s=%q ", name, normLines(normName(vals[i])))
	}
	return b.String()
}

// ourTokens returns the scanner's tokens of data, normalised.
func ourTokens(data []byte) []tok {
	s := newScanner(data, &memory{})
	var toks []tok
	inTitle := false
	for t := s.next(); t != nil; t = s.next() {
		switch t.kind {
		case tokenText:
			text := t.text
			if inTitle {
				text = xhtml.UnescapeString(text)
			}
			toks = appendTok(toks, tok{kind: "text", text: normText(text)})
		case tokenStart:
			var keys, vals []string
			for _, a := range t.attrs {
				keys, vals = append(keys, a.key), append(vals, a.val)
			}
			toks = appendTok(toks, tok{kind: "start", name: normName(t.name), selfClosing: t.selfClosing, attrs: keptAttrs(keys, vals)})
		case tokenEnd:
			toks = appendTok(toks, tok{kind: "end", name: normName(t.name)})
		}
		inTitle = t.kind == tokenStart && t.name == "title"
	}
	return toks
}

// theirTokens returns the Tokenizer's tokens of data, normalised.
func theirTokens(data []byte) []tok {
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	var toks []tok
	raw := "" // the raw-text element whose content comes next
	at := 0   // the offset of the token: the raw bytes of the tokens partition the input
	for {
		tt := z.Next()
		end := at + len(z.Raw()) // before Text, Token or TagName read the token
		rawTag := string(z.Raw())
		switch tt {
		case xhtml.ErrorToken:
			return toks
		case xhtml.TextToken:
			r := string(z.Raw()) // before Text, which decodes in place
			text := string(z.Text())
			if strings.IndexByte(r, 0) >= 0 {
				text = r
				if raw == "" || raw == "textarea" || raw == "title" {
					text = xhtml.UnescapeString(text) // not raw text, or RCDATA
				}
			}
			toks = appendTok(toks, tok{kind: "text", text: normText(text)})
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			t := z.Token()
			var keys, vals []string
			for _, a := range t.Attr {
				keys, vals = append(keys, a.Key), append(vals, a.Val)
			}
			toks = appendTok(toks, tok{kind: "start", name: normName(t.Data), selfClosing: tt == xhtml.SelfClosingTagToken,
				anySelfClosing: slashInValue(rawTag), attrs: keptAttrs(keys, vals)})
		case xhtml.EndTagToken:
			t := z.Token()
			toks = appendTok(toks, tok{kind: "end", name: normName(t.Data)})
		}
		at, raw = end, ""
		if tt == xhtml.StartTagToken || tt == xhtml.SelfClosingTagToken {
			raw = rawTextName(toks[len(toks)-1].name)
		}
	}
}

// slashInValue reports whether the "/" that a tag's raw bytes may end with
// before their ">" may belong to an unquoted attribute value: from it back
// to a space or a quote there is an "=", or after the spaces there is one.
func slashInValue(tag string) bool {
	if !strings.HasSuffix(tag, "/>") {
		return false
	}
	i := len(tag) - 3
	for ; i > 0 && !strings.ContainsRune(" \t\n\r\f\"'", rune(tag[i])); i-- {
		if tag[i] == '=' {
			return true
		}
	}
	for i > 0 && strings.ContainsRune(" \t\n\r\f", rune(tag[i])) {
		i--
	}
	return i > 0 && tag[i] == '='
}

// rawTextName returns name when it names an element whose content is raw
// text up to its end tag, "" otherwise (plaintext has no end tag).
func rawTextName(name string) string {
	switch name {
	case "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title":
		return name
	}
	return ""
}

// cutEndTag takes off the last token of toks the end tag, cut off before
// its ">", of a raw-text element that data ends with, when the token is a
// text that ends with it.
func cutEndTag(toks []tok, data []byte) []tok {
	n := len(toks)
	if n == 0 || toks[n-1].kind != "text" {
		return toks
	}
	text := toks[n-1].text
	for _, name := range []string{"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"} {
		end := "</" + name
		if len(data) >= len(end) && strings.EqualFold(string(data[len(data)-len(end):]), end) &&
			len(text) >= len(end) && strings.EqualFold(text[len(text)-len(end):], end) {
			if text = text[:len(text)-len(end)]; text == "" {
				return toks[:n-1]
			}
			toks[n-1].text = text
			return toks
		}
	}
	return toks
}

// checkTokens holds the scanner's tokens of data to the Tokenizer's.
func checkTokens(t *testing.T, data []byte) {
	t.Helper()
	ours, theirs := cutEndTag(ourTokens(data), data), cutEndTag(theirTokens(data), data)
	if !slices.EqualFunc(ours, theirs, same) {
		n := 0
		for n < len(ours) && n < len(theirs) && same(ours[n], theirs[n]) {
			n++
		}
		t.Fatalf("%q: the tokens differ from token %d:\nscanner   %v\ntokenizer %v", data, n, ours[n:min(len(ours), n+3)], theirs[n:min(len(theirs), n+3)])
	}
}

// tokenizerSeeds are documents in the shapes the scanner reads.
var tokenizerSeeds = []string{
	"", "<", "<a", "</", "</>", "<!", "<!-", "<!--", "<!-->x", "<!--->x", "<!-- a --!> b", "<?xml x?>y", "a<b", "a < b", "a <3",
	"<p CLASS=x Class=y class=field__label>t</P>", "<a href='x&amp;y' href=z>q</a>", "<a b=c/>", "<a b/>", "<a / >", "<a b='x'/>", "<a b=/>",
	"<br/><svg/><div/>", "<meta charset=utf-8><meta http-equiv=Content-Type content='text/html; charset=latin1'>",
	"<script>if (a<b) x='</scr'+'ipt>';</script>t", "<script><!--<script>x</script>-->y</script>z", "<style>p>b{}</STYLE >t",
	"<textarea>a &amp; <b>b</b></textarea>", "<title>a &amp; b</title>", "<style>x</style", "<title>x</TITLE", "<plaintext>a</plaintext>b",
	"a\r\nb\rc", "<p>a\x00b</p>", "<a b='\x00\r'>", "<p>&#0;&#13;&amp</p>", "<a href=\"?a=1&copy=2\">", "<=a>", "<a =b>", "</a b=c>",
	"<a\tb\n=\fc>", "<!DOCTYPE html><html lang=fr>",
	// Found by fuzzing, each a normalisation above.
	"<A CLASS\x00>", "\r\x00\n", "\x00&ac;0", "&#\x000", "&#Xd\r", "<A BB BB=/>", "<sCript><!--<sCript </sCript",
}

func TestTokenizer(t *testing.T) {
	for _, s := range tokenizerSeeds {
		checkTokens(t, []byte(s))
	}
	pages, _ := filepath.Glob("../../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkTokens(t, data)
	}
}

// FuzzTokenizer holds the scanner to golang.org/x/net/html's Tokenizer on
// any input (see the top of this file for what "the same" means).
func FuzzTokenizer(f *testing.F) {
	for _, s := range tokenizerSeeds {
		f.Add([]byte(s))
	}
	pages, _ := filepath.Glob("../../testdata/html/*.html") // a bad pattern is impossible here
	for _, p := range pages {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(checkTokens)
}
