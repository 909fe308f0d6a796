package parser

import (
	"regexp"
	"strings"
)

// outcomePattern matches a numbered outcome line: "1) The Ministry …".
var outcomePattern = regexp.MustCompile(`^\(?(\d{1,2})\)\s*`)

// paragraphs turns body lines into paragraphs and, for project pages,
// takes the numbered outcomes ("1) … 2) …") out into their own list, without
// their numbers. Hard-wrapped lines are rejoined (see joinWrapped).
func paragraphs(lines []Line, splitOutcomes bool) (body, outcomes []string) {
	for _, p := range joinWrapped(lines) {
		if splitOutcomes {
			if m := outcomePattern.FindStringIndex(p); m != nil && len(p) > m[1] {
				outcomes = append(outcomes, p[m[1]:])
				continue
			}
		}
		body = append(body, p)
	}
	return body, outcomes
}

// wrapWidth is about where old press releases were hard-wrapped.
const wrapWidth = 60

// joinWrapped rejoins the hard-wrapped lines of old press releases into
// paragraphs: a run of lines that each stop near the wrap width without
// ending a sentence continues on the next line. Scraped text otherwise holds
// one paragraph per line, so lines are left alone unless the page is wrapped.
func joinWrapped(lines []Line) []string {
	out := make([]string, 0, len(lines))
	if !hardWrapped(lines) {
		for _, l := range lines {
			out = append(out, l.Text)
		}
		return out
	}
	var cur strings.Builder
	for i, l := range lines {
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(l.Text)
		continues := i+1 < len(lines) && len(l.Text) >= wrapWidth-20 && len(l.Text) <= wrapWidth+20 &&
			!endsSentence(l.Text) && lines[i+1].No == l.No+1
		if !continues {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	return out
}

// hardWrapped reports whether most of a page's body lines are about the
// wrap width long, which no scraped one-node-per-line page is.
func hardWrapped(lines []Line) bool {
	if len(lines) < 4 {
		return false
	}
	n := 0
	for _, l := range lines {
		if len(l.Text) >= wrapWidth-20 && len(l.Text) <= wrapWidth+20 {
			n++
		}
	}
	return n*3 >= len(lines)*2
}

// endsSentence reports whether text ends a sentence or a list item.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, `"'”’»)`)
	return strings.HasSuffix(text, ".") || strings.HasSuffix(text, ":") || strings.HasSuffix(text, "!") ||
		strings.HasSuffix(text, "?") || strings.HasSuffix(text, ";")
}
