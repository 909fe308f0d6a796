package parser

import (
	"strings"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/news"
	"github.com/iomparse/iomparse/parser/text"
)

// The third stage of Parse decides the kind of a page, in one place, from
// its structure, before anything is read into the record: a project when
// its field block gives a project fact (prose never makes a project), news
// when it has the marks of a news item, otherwise a page. Nothing is
// written that a later decision erases: only a news page gets a date, a
// place, contacts and links, and only a project page its values.

// newsMarks is what classify read in the body to decide, which extract
// then takes rather than reading it again.
type newsMarks struct {
	firstPara news.Dateline // the dateline that opens the first paragraph
	opens     bool          // the first paragraph opens with a dateline
	contacts  []model.Contact
}

// classify returns the kind of the page s, and for news the marks read.
func classify(s *scan) (kind string, marks newsMarks) {
	switch {
	case s.bare:
		return model.KindPage, newsMarks{}
	case s.block.hasFacts:
		return model.KindProject, newsMarks{}
	}
	// The news readers go through the paragraphs a few times (the
	// contact block's opening, the datelines of a listing), and read
	// the contact block, taking some times its size in memory.
	size := 0
	for _, p := range s.paras {
		size += len(p)
	}
	s.meter.Work(len(s.lines) + len(s.paras) + 4*size/text.BytesPerWork)
	s.meter.Alloc(4 * size)
	if len(s.paras) > 0 {
		marks.firstPara, _, marks.opens = news.ReadDateline(s.paras[0])
	}
	marks.contacts = news.ReadContacts(s.paras)
	if !s.isListing() && (len(marks.contacts) > 0 || s.isNews(marks.opens)) {
		return model.KindNews, marks
	}
	return model.KindPage, newsMarks{}
}

// isNews reports whether the page has the marks of a news item besides a
// contact block (which classify reads first): a news header, a dateline
// glued to the headline or opening the first paragraph (opens), or a date
// standing alone near the top. (A listing of several news items, each with
// its own date, has these marks too; classify keeps it a page.)
func (s *scan) isNews(opens bool) bool {
	return s.newsHeader || opens || s.date != "" || s.place != "" || s.topDateLines() > 0
}

// topDateLines counts the date lines read around the headline: the lines
// between the menu and the body that hold only a date.
func (s *scan) topDateLines() int {
	first := firstLineNo(s.body)
	n := 0
	for _, l := range s.lines[s.menu.end:] {
		if first > 0 && l.No >= first {
			break
		}
		if _, ok := news.DateLine(l.Text); ok && l.Text != "" {
			n++
		}
	}
	return n
}

// isListing reports whether the page lists several news items: two dates or
// more standing alone on lines of the body, or paragraphs after the first
// opening with a dated dateline. (The date lines around the headline are
// not counted: a listing without a header has its first item's date
// there, and a story has its own.)
func (s *scan) isListing() bool {
	n := 0
	for _, l := range s.body {
		if _, ok := news.DateLine(l.Text); ok && !news.HasDateLabel(l.Text) {
			n++ // not "Posted: …", which a story can end with
		}
	}
	for i := 1; i < len(s.paras); i++ {
		if dl, _, ok := news.ReadDateline(s.paras[i]); ok && dl.Date.Year > 0 {
			n++
		}
	}
	return n >= 2
}

// mentionsIOM reports whether a page names IOM or migration anywhere, which
// every IOM page does, in any of its languages.
func mentionsIOM(lines []Line) bool {
	for _, l := range lines {
		if holdsIOM(l.Text) {
			return true
		}
		if f := strings.ToLower(l.Text); strings.Contains(f, "migra") || strings.Contains(f, "diaspora") {
			return true
		}
	}
	return false
}
