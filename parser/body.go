package parser

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/parser/text"
)

// outcomePattern matches the number that opens a numbered outcome, "1) The
// Ministry …" or "(2) …", with the spaces after it. outcomeNumberEnd reads
// it by hand.
var outcomePattern = regexp.MustCompile(`^\(?(\d{1,2})\)\s*`)

// outcomeNumberEnd returns the end of the match of outcomePattern in p, or
// -1 (FuzzScanners holds the two equal), sparing the regexp engine's
// set-up on every paragraph of a project page.
func outcomeNumberEnd(p string) int {
	i := 0
	if i < len(p) && p[i] == '(' {
		i++
	}
	j := i
	for j < len(p) && j-i < 2 && ascii.IsDigit(p[j]) {
		j++
	}
	if j == i || j >= len(p) || p[j] != ')' {
		return -1
	}
	return text.SkipSpace(p, j+1)
}

// paragraphs sorts the body's paragraphs and, for project pages, takes the
// numbered outcomes ("1) … 2) …") out into their own list, without their
// numbers. A page without outcomes gets its paragraphs back, not a copy.
func paragraphs(paras []string, splitOutcomes bool) (body, outcomes []string) {
	first := -1 // the first outcome
	if splitOutcomes {
		first = slices.IndexFunc(paras, func(p string) bool { return outcomeStart(p) >= 0 })
	}
	if first < 0 {
		return paras, nil
	}
	body = make([]string, first, len(paras))
	copy(body, paras[:first])
	for _, p := range paras[first:] {
		if start := outcomeStart(p); start >= 0 {
			outcomes = append(outcomes, p[start:])
			continue
		}
		body = append(body, p)
	}
	return body, outcomes
}

// outcomeStart returns where the text of a numbered outcome starts in p,
// after its number, or -1 when p is none.
func outcomeStart(p string) int {
	if end := outcomeNumberEnd(p); end >= 0 && len(p) > end {
		return end
	}
	return -1
}

// wrapWidth is about where old press releases were hard-wrapped.
const wrapWidth = 60

// joinWrapped rejoins the hard-wrapped lines of old press releases into
// paragraphs. Scraped text otherwise holds one paragraph per line, so lines
// are left alone unless the page is wrapped (see hardWrapped). On a wrapped
// page a line near the wrap width continues on the next one, unless a blank
// line follows; where the page separates its paragraphs by blank lines,
// that is the only paragraph break (a sentence can end at the wrap), and
// where it does not, a line ending a sentence ends its paragraph too. A
// word hyphenated at the wrap ("inter-" / "national") is rejoined without a
// space. Lines holding only invisible characters are dropped.
func joinWrapped(lines []Line) []string {
	lines = visibleLines(lines)
	out := make([]string, 0, len(lines))
	if !hardWrapped(lines) {
		// A run of split nodes is joined once it ends: adding each to
		// the paragraph as it came would copy the paragraph again for
		// every node, quadratic on a page of many short lines.
		for i := 0; i < len(lines); {
			j := i + 1
			for j < len(lines) && continuesSplitNode(lines[j-1], lines[j]) {
				j++
			}
			if j == i+1 {
				out = append(out, lines[i].Text)
			} else {
				var b strings.Builder
				for k, l := range lines[i:j] {
					if k > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(l.Text)
				}
				out = append(out, b.String())
			}
			i = j
		}
		return out
	}
	blankBreaks := false
	for i := 1; i < len(lines); i++ {
		blankBreaks = blankBreaks || lines[i].No > lines[i-1].No+1
	}
	var cur strings.Builder
	for i, l := range lines {
		cur.WriteString(l.Text)
		continues := i+1 < len(lines) && lines[i+1].No == l.No+1 && nearWrap(l.Text) &&
			(blankBreaks || !endsSentence(l.Text))
		if !continues {
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		next, _ := utf8.DecodeRuneInString(lines[i+1].Text)
		if !hyphenatedAtWrap(l.Text) || !unicode.IsLower(next) {
			cur.WriteByte(' ')
		}
	}
	return out
}

// nearWrap reports whether a line stops near the wrap width, as the lines
// of a wrapped paragraph do, all but its last.
func nearWrap(text string) bool {
	n := utf8.RuneCountInString(text)
	return n >= wrapWidth-25 && n <= wrapWidth+25
}

// hyphenatedAtWrap reports whether a line ends with a word cut by a hyphen.
func hyphenatedAtWrap(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(text, "-"))
	return strings.HasSuffix(text, "-") && unicode.IsLetter(r)
}

// hardWrapped reports whether a page's body is hard-wrapped: several lines,
// almost none longer than the wrap width allows, and most of the rest near
// it, which no scraped one-node-per-line page is.
func hardWrapped(lines []Line) bool {
	if len(lines) < 4 {
		return false
	}
	near, long := 0, 0
	for _, l := range lines {
		switch n := utf8.RuneCountInString(l.Text); {
		case n > wrapWidth+25:
			if long++; long*10 > len(lines) {
				return false // a scraped page of paragraphs: no need to count on
			}
		case n >= wrapWidth-25:
			near++ // near the wrap width, as nearWrap tells, without counting again
		}
	}
	return near*2 >= len(lines)
}

// visibleLines drops the lines that hold only invisible characters (zero
// width spaces and joiners, which trimming white space leaves).
// Nearly every page has none, and gets its own lines back, not a copy.
func visibleLines(lines []Line) []Line {
	first := slices.IndexFunc(lines, func(l Line) bool { return !visible(l.Text) })
	if first < 0 {
		return lines
	}
	out := make([]Line, first, len(lines))
	copy(out, lines[:first])
	for _, l := range lines[first:] {
		if visible(l.Text) {
			out = append(out, l)
		}
	}
	return out
}

// visible reports whether text holds a character that is neither white
// space nor a format character.
func visible(text string) bool {
	return strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }) != ""
}

// endsSentence reports whether text ends a sentence or a list item.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, `"'”’»)`)
	return strings.HasSuffix(text, ".") || strings.HasSuffix(text, ":") || strings.HasSuffix(text, "!") ||
		strings.HasSuffix(text, "?") || strings.HasSuffix(text, ";")
}

// listItemPattern matches a line that opens a list item with a letter or
// a roman numeral: "i) good governance", "b. training".
var listItemPattern = regexp.MustCompile(`^(?:[ivx]{1,4}|[a-z])[).]\s`)

// continuesSplitNode reports whether line l is the rest of the text node
// before it, split where the scraper lost a character: "mettre en" then
// "uvre le projet", where "œ" was. Paragraphs start with a capital, so a
// line that directly follows one not ending a sentence, and starts with a
// lower-case letter that opens no list item, continues it.
func continuesSplitNode(prev, l Line) bool {
	r, _ := utf8.DecodeRuneInString(l.Text)
	return l.No == prev.No+1 && unicode.IsLower(r) && !endsSentence(prev.Text) && !listItemPattern.MatchString(l.Text)
}
