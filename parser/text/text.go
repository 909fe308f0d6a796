// Package text is the parser's line source: the Line every stage reads,
// and a page cut into lines in one place, the way encoding/csv and
// bufio.Scanner read records: a byte-order mark dropped, LF, CRLF and lone
// CR line ends, white space trimmed, 1-based line numbers kept, and each
// line bounded in length. The HTML stage renders markup to the same lines
// and bounds them with the same function.
//
// It also holds the two small scanning helpers the stages share on a
// line's text (SkipSpace, DigitsEnd). It imports nothing of iomparse's but
// model/ascii and parser/budget, so every stage of the parser may import
// it.
package text

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/parser/budget"
)

// DefaultMaxLineBytes bounds one line, like bufio.Scanner's buffer: a page
// whose line is longer keeps the first DefaultMaxLineBytes bytes of it and a
// line-too-long diagnostic. A scraped text node is rarely over a few
// kilobytes; the bound keeps a hostile single-line file from costing more
// than its read.
const DefaultMaxLineBytes = 4 << 20

// BOM is the UTF-8 byte-order mark, which a page may start with.
const BOM = "\ufeff"

// Line is one text node of the page with its 1-based line number in the
// source file. Text has surrounding white space removed; Indent tells
// whether the raw line started with white space, which the Bullet layout
// uses to tell a field's value from the description.
type Line struct {
	No     int
	Text   string
	Indent bool
	// Items, on a value line rendered from HTML, points to the separate
	// items the markup gave (one Drupal field__item per member state), so
	// a member-state list is read item by item instead of split by names;
	// nil on any other line. Text joins them with spaces, as a text page
	// writes them. (A pointer, not the slice: a page has a Line for each
	// of its lines, and a few of them items.)
	Items *[]string
}

// LineBytes is the memory a Line takes, which a stage that makes lines
// charges its budget.Meter.
const LineBytes = int(unsafe.Sizeof(Line{}))

// BytesPerWork is the number of bytes a stage scans for one unit of work:
// what it charges its budget.Meter for a scan of the bytes of a page or a
// line, whose steps are each cheaper than those of a loop over lines.
const BytesPerWork = 16

// TrimBOM returns data without the UTF-8 byte-order mark it may start with.
func TrimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte(BOM))
}

// Split cuts a page into lines in one place: it drops a byte-order mark,
// accepts LF, CRLF and lone CR line ends, trims surrounding white space
// (including the no-break spaces of "lines holding a single space") and
// bounds each line to max bytes (no bound when max <= 0). It returns the
// numbers of the lines it cut. The lines are appended to buf, whose memory
// is reused when it has room. It charges m the lines and the copy of the
// page before it makes them (see package budget; a nil m charges nothing).
func Split(data []byte, max int, buf []Line, m *budget.Meter) (lines []Line, cut []int) {
	data = TrimBOM(data)
	// Lone CRs end lines too: counting only LFs would leave a page of
	// CRs to grow the slice by copying, at twice the memory.
	n := bytes.Count(data, []byte("\n")) + 1
	hasCR := bytes.IndexByte(data, '\r') >= 0
	if hasCR {
		n += bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
	}
	m.Alloc(len(data) + n*LineBytes)
	m.Work(n + len(data)/BytesPerWork)
	// One string for the whole page: every line is a substring of it, so
	// splitting costs one allocation, not one per line.
	text := string(data)
	lines = buf[:0]
	if cap(lines) < n {
		lines = make([]Line, 0, n)
	}
	no := 0
	// lf is the offset in text of its next LF (len(text) when none is
	// left), kept from line to line: looked for again only once passed,
	// so that a page of lone CRs is not searched to its end for an LF
	// at every line.
	lf := -1
	for len(text) > 0 {
		no++
		// The line ends at the first LF, or at a CR before it; both are
		// found with IndexByte, much faster than IndexAny's byte loop.
		if lf < 0 {
			if lf = strings.IndexByte(text, '\n'); lf < 0 {
				lf = len(text)
			}
		}
		end := lf
		if hasCR { // most pages end their lines with LF alone: no CR to look for
			if cr := strings.IndexByte(text[:end], '\r'); cr >= 0 {
				end = cr
			}
		}
		var raw string
		if end == len(text) {
			raw, text = text, ""
		} else {
			raw = text[:end]
			if text[end] == '\r' && end+1 < len(text) && text[end+1] == '\n' {
				end++
			}
			text = text[end+1:]
		}
		lf -= end + 1 // -1 once the LF is passed: the next one is looked for
		if bounded, ok := boundLine(raw, max); ok {
			cut = append(cut, no)
			raw = bounded
		}
		trimmed := TrimSpace(raw)
		// Set the fields of the new line one by one: appending a whole
		// Line copies it with a write barrier per word during a GC.
		lines = append(lines, Line{No: no})
		l := &lines[len(lines)-1]
		l.Text = trimmed
		l.Indent = trimmed != "" && len(trimmed) < len(raw) && raw[0] != trimmed[0]
	}
	return lines, cut
}

// Bound applies the bound of Split to lines made otherwise (rendered from
// HTML), in place, and returns the numbers of the lines it cut.
func Bound(lines []Line, max int) (cut []int) {
	for i := range lines {
		if bounded, ok := boundLine(lines[i].Text, max); ok {
			lines[i].Text = bounded
			cut = append(cut, lines[i].No)
		}
	}
	return cut
}

// boundLine cuts a line longer than max bytes at a character boundary, and
// reports whether it did.
func boundLine(s string, max int) (string, bool) {
	if max <= 0 || len(s) <= max {
		return s, false
	}
	p := max
	for p > 0 && p > max-utf8.UTFMax && !utf8.RuneStart(s[p]) {
		p-- // do not split a character (p > 0: a bound under 4 bytes on bytes that are no UTF-8)
	}
	return s[:p], true
}

// TrimSpace removes the white space (unicode.IsSpace) around s. It trims
// ASCII white space byte by byte, and leaves only what is left at a
// non-ASCII edge to strings.TrimFunc, which decodes every rune it looks at.
func TrimSpace(s string) string {
	start, end := 0, len(s)
	for start < end && ascii.IsSpace(s[start]) {
		start++
	}
	for end > start && ascii.IsSpace(s[end-1]) {
		end--
	}
	s = s[start:end]
	if s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		s = strings.TrimFunc(s, unicode.IsSpace) // a no-break space, say
	}
	return s
}

// SkipSpace returns the index of the first byte of s at or after i that is
// not white space as \s means it in a regular expression (ascii.IsPerlSpace).
func SkipSpace(s string, i int) int {
	for i < len(s) && ascii.IsPerlSpace(s[i]) {
		i++
	}
	return i
}

// DigitsEnd returns the end of the run of ASCII digits at byte i of s.
func DigitsEnd(s string, i int) int {
	for i < len(s) && ascii.IsDigit(s[i]) {
		i++
	}
	return i
}
