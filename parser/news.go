package parser

import (
	"regexp"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// readHeadline reads the title of a page without a field block: a news
// headline or a page title. A story can have no headline at all, its body
// following the menu directly; then no title is invented.
func (pg *page) readHeadline(i int) int {
	if looksLikeParagraph(pg.lines[i].Text) {
		return i
	}
	pg.setTitle(i)
	return i + 1
}

// looksLikeParagraph tells a first paragraph from a headline: it opens with
// a dateline ("Kigali - …") or is longer than any headline.
func looksLikeParagraph(text string) bool {
	return len(text) > 300 || datelinePattern.MatchString(text)
}

// datelinePattern matches a dateline opening a first paragraph: a place,
// optionally a date, then a dash ("Kigali - ", "Harare – ", "Djibouti— ").
var datelinePattern = regexp.MustCompile(`^[\p{Lu}][\p{L}'’. ,]{1,60}?\s?[-–—]\s`)

// contactPattern matches the opening of a contact block in three languages.
var contactPattern = regexp.MustCompile(`(?i)^(for (further|more) information|pour (plus d['’]|de plus amples )informations|para (más|mayor) información)`)

// classify decides the kind of the page: a project when a project fact was
// read from a field block (never from prose), news when the page has the
// marks of a news item, otherwise a page.
func (pg *page) classify() {
	for _, l := range pg.body {
		pg.votes.addText(l.Text)
	}
	switch {
	case pg.hasFacts:
		pg.rec.Kind = model.KindProject
	case pg.isNews():
		pg.rec.Kind = model.KindNews
	default:
		pg.rec.Kind = model.KindPage
	}
	if pg.title == "" && pg.rec.Kind != model.KindNews {
		pg.report(model.SeverityWarning, model.CodeMissingTitle, firstLineNo(pg.body), "no title found")
	}
}

// isNews reports whether the page has the marks of a news item: a news
// header, a dateline, or a contact block.
func (pg *page) isNews() bool {
	if pg.newsHeader {
		return true
	}
	if len(pg.body) > 0 && datelinePattern.MatchString(pg.body[0].Text) {
		return true
	}
	for _, l := range pg.body {
		if contactPattern.MatchString(strings.TrimSpace(l.Text)) {
			return true
		}
	}
	return false
}

func firstLineNo(lines []Line) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[0].No
}
