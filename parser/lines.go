package parser

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultMaxLineBytes bounds one line, like bufio.Scanner's buffer: a page
// whose line is longer keeps the first DefaultMaxLineBytes bytes of it and a
// line-too-long diagnostic. A scraped text node is rarely over a few
// kilobytes; the bound keeps a hostile single-line file from costing more
// than its read.
const DefaultMaxLineBytes = 4 << 20

// Line is one text node of the page with its 1-based line number in the
// source file. Text has surrounding white space removed; Indent tells
// whether the raw line started with white space, which the Bullet layout
// uses to tell a field's value from the description.
type Line struct {
	No     int
	Text   string
	Indent bool
	// Items, on a value line rendered from HTML, holds the separate items
	// the markup gave (one Drupal field__item per member state), so a
	// member-state list is read item by item instead of split by names.
	// Text joins them with spaces, as a text page writes them.
	Items []string
}

// splitLines cuts a page into lines in one place: it drops a byte-order
// mark, accepts LF, CRLF and lone CR line ends, trims surrounding white space
// (including the no-break spaces of "lines holding a single space") and
// bounds each line to max bytes. It returns the numbers of the lines it cut.
func splitLines(data []byte, max int) (lines []Line, cut []int) {
	// One string for the whole page: every line is a substring of it, so
	// splitting costs one allocation, not one per line.
	text := string(bytes.TrimPrefix(data, []byte("\ufeff")))
	// Lone CRs end lines too: counting only LFs would leave a page of
	// CRs to grow the slice by copying, at twice the memory.
	lines = make([]Line, 0, strings.Count(text, "\n")+strings.Count(text, "\r")-strings.Count(text, "\r\n")+1)
	no := 0
	for len(text) > 0 {
		no++
		end := strings.IndexAny(text, "\r\n")
		var raw string
		if end < 0 {
			raw, text = text, ""
		} else {
			raw = text[:end]
			if text[end] == '\r' && end+1 < len(text) && text[end+1] == '\n' {
				end++
			}
			text = text[end+1:]
		}
		if bounded, ok := boundLine(raw, max); ok {
			cut = append(cut, no)
			raw = bounded
		}
		trimmed := strings.TrimFunc(raw, unicode.IsSpace)
		lines = append(lines, Line{No: no, Text: trimmed, Indent: trimmed != "" && len(trimmed) < len(raw) && raw[0] != trimmed[0]})
	}
	return lines, cut
}

// boundLine cuts a line longer than max bytes at a character boundary, and
// reports whether it did. Text and HTML pages are bounded alike.
func boundLine(s string, max int) (string, bool) {
	if max <= 0 || len(s) <= max {
		return s, false
	}
	p := max
	for p > max-utf8.UTFMax && !utf8.RuneStart(s[p]) {
		p-- // do not split a character
	}
	return s[:p], true
}

// boundLines applies boundLine to rendered lines, returning the numbers of
// the lines it cut.
func boundLines(lines []Line, max int) (cut []int) {
	for i := range lines {
		if bounded, ok := boundLine(lines[i].Text, max); ok {
			lines[i].Text = bounded
			cut = append(cut, lines[i].No)
		}
	}
	return cut
}
