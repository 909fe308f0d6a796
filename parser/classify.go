package parser

import (
	"strings"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/news"
	"github.com/iomparse/iomparse/parser/text"
)

// The third stage of Parse decides the kind of a page, in one place, from
// its structure, before anything is read into the record: a project when
// its field block gives a project fact (prose never makes a project), news
// when it has the marks of a news item, otherwise a page. Nothing is
// written that a later decision erases: only a news page gets a date, a
// place, contacts and links, and only a project page its values.

// newsMarks is what classify read to decide, which extract then takes
// rather than reading it again: the reason for the kind, and for news the
// story's lead and the contacts.
type newsMarks struct {
	by       string // the reason for the kind (model.ByNewsHeader …); "" for a project
	lead     lead
	contacts []model.Contact
}

// classify returns the kind of the page s and the marks read. The
// evidence is weighed in one order, strongest first: a listing of several
// dated items is a page whatever it holds; then the structure of a news
// item (a news header, a dateline, a date line by the headline, "Posted:"
// metadata); then the marks of a page (an FAQ, an about page's title),
// which outweigh a contact block (an office's about page gives its
// address) and the lead's vocabulary; a page with none of these is a page.
func classify(s *scan) (kind string, marks newsMarks) {
	switch {
	case s.bare:
		return model.KindPage, newsMarks{by: model.ByEmpty}
	case s.block.hasFacts:
		return model.KindProject, newsMarks{}
	}
	// The news readers go through the paragraphs a few times (the lead,
	// the listing's datelines, the contact block's opening, the
	// reporting verbs), and read the contact block, taking some times
	// its size in memory.
	size := 0
	for _, p := range s.paras {
		size += len(p)
	}
	s.meter.Work(len(s.lines) + len(s.paras) + 4*size/text.BytesPerWork)
	s.meter.Alloc(4 * size)
	marks.lead = s.readLead()
	if s.isListing(marks.lead) {
		return model.KindPage, newsMarks{by: model.ByListing}
	}
	if by := s.newsStructure(marks.lead); by != "" {
		marks.by, marks.contacts = by, news.ReadContacts(s.paras)
		return model.KindNews, marks
	}
	if by := s.pageMarks(); by != "" {
		return model.KindPage, newsMarks{by: by}
	}
	if marks.contacts = news.ReadContacts(s.paras); len(marks.contacts) > 0 {
		marks.by = model.ByContacts
		return model.KindNews, marks
	}
	if s.reportingLead(marks.lead) {
		marks.by = model.ByReportingLead
		return model.KindNews, marks
	}
	return model.KindPage, newsMarks{by: model.ByNoNewsMarks}
}

// newsStructure returns the reason a page's structure makes it news, or
// "": a news header, a dateline opening the story or glued to the
// headline, a date standing alone by the headline, "Posted:" metadata.
func (s *scan) newsStructure(l lead) string {
	if s.newsHeader {
		return model.ByNewsHeader
	}
	if l.opens || s.glued {
		return model.ByDateline
	}
	plain, labelled := s.topDateLines()
	switch {
	case s.date != "" || plain > 0 || l.frontDates > 0:
		return model.ByDateLine
	case labelled > 0 || l.posted != "":
		return model.ByPostedMetadata
	}
	return ""
}

// topDateLines counts the date lines read around the headline, the plain
// ones and the labelled ones ("Posted: …"): the lines between the menu and
// the body that hold only a date.
func (s *scan) topDateLines() (plain, labelled int) {
	first := firstLineNo(s.body)
	for _, l := range s.lines[s.menu.end:] {
		if first > 0 && l.No >= first {
			break
		}
		if _, ok := news.DateLine(l.Text); !ok || l.Text == "" {
			continue
		}
		if news.HasDateLabel(l.Text) {
			labelled++
		} else {
			plain++
		}
	}
	return plain, labelled
}

// isListing reports whether the page lists several news items: two dates or
// more standing alone on lines of the body, or paragraphs after the story's
// lead opening with a dated dateline. (The date lines around the headline
// and in the front matter are not counted: a listing without a header has
// its first item's date there, and a story has its own.)
func (s *scan) isListing(l lead) bool {
	n := -l.frontDates
	for _, b := range s.body {
		if _, ok := news.DateLine(b.Text); ok && !news.HasDateLabel(b.Text) {
			n++ // not "Posted: …", which a story can end with
		}
	}
	for i := max(l.para, 0) + 1; i < len(s.paras); i++ {
		if dl, _, ok := news.ReadDateline(s.paras[i]); ok && dl.Date.Year > 0 {
			n++
		}
	}
	return n >= 2
}

// pageMarks returns the reason the page is not news, or "": it is an FAQ
// (its headline a question that others follow, its title saying so, or
// questions standing on their own lines), or its title is an about page's.
func (s *scan) pageMarks() string {
	switch {
	case s.faq || titleStarts(s.title, faqTitles) || countQuestions(s.body, faqBodyQuestions) >= faqBodyQuestions:
		return model.ByFAQ
	case isAboutTitle(s.title):
		return model.ByAbout
	}
	return ""
}

// faqBodyQuestions is how many question lines make a body an FAQ's.
const faqBodyQuestions = 3

// faqTitles open the titles of FAQ pages, folded.
var faqTitles = []string{"faq", "faqs", "frequently asked questions", "questions frequentes", "foire aux questions", "preguntas frecuentes"}

// aboutTitles open the titles of the pages where an office or the
// organisation presents itself, folded: "About IOM in Zambia", "About
// us", "À propos de l'OIM", "Acerca de la OIM", "Who we are", "Mandat et
// mission", "Our work". A news headline does not open so ("About 200
// migrants …" names no organisation).
var aboutTitles = []string{
	"about iom", "about oim", "about us", "about the organization", "about the office",
	"a propos", "acerca de", "sobre la oim", "sobre nosotros", "quienes somos",
	"who we are", "qui sommes nous", "our work", "notre travail", "nuestro trabajo",
	"mandate", "mandat", "mandato", "our mission", "notre mission", "nuestra mision", "mission statement",
}

// sectionTitles are the whole titles of the sections of an office's site
// (its menu's items), folded: pages that list or present, not news.
var sectionTitles = map[string]bool{
	"projects": true, "our projects": true, "projets": true, "nos projets": true, "proyectos": true, "nuestros proyectos": true,
	"what we do": true, "ce que nous faisons": true, "que hacemos": true,
	"where we work": true, "ou nous travaillons": true, "donde trabajamos": true,
	"partners": true, "our partners": true, "partenaires": true, "nos partenaires": true, "socios": true, "nuestros socios": true,
	"contact": true, "contact us": true, "contactez nous": true, "contacto": true, "contactenos": true,
}

// isAboutTitle reports whether a title is an about page's: it opens as
// aboutTitles do, is a section of the site (sectionTitles), or names a
// country alone ("Ethiopia", "Mauritanie") or IOM in a country ("IOM in
// Sri Lanka", "L'OIM au Maroc", "La OIM en Paraguay"), as country pages
// do.
func isAboutTitle(title string) bool {
	if title == "" {
		return false
	}
	var buf [128]byte
	f := string(vocab.AppendFold(buf[:0], title))
	if startsWithWords(f, aboutTitles) || sectionTitles[f] {
		return true
	}
	for _, prefix := range []string{"iom in ", "l oim au ", "l oim en ", "l oim a ", "l oim aux ", "la oim en "} {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			f = rest
			break
		}
	}
	_, _, ok := vocab.LookupCountry(f)
	return ok
}

// titleStarts reports whether a title, folded, opens with one of prefixes
// as whole words.
func titleStarts(title string, prefixes []string) bool {
	var buf [128]byte
	return startsWithWords(string(vocab.AppendFold(buf[:0], title)), prefixes)
}

// startsWithWords reports whether the folded text f opens with one of
// prefixes as whole words.
func startsWithWords(f string, prefixes []string) bool {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(f, p); ok && (rest == "" || rest[0] == ' ') {
			return true
		}
	}
	return false
}

// reportingLead reports whether the story's lead reports an event by or
// with IOM (news.ReportsEvent), read in the language the page's words
// and the lead's give. A short lead (a quote, a caption without credit)
// may stand before the paragraph that tells the event: that one is read
// too.
func (s *scan) reportingLead(l lead) bool {
	for i := l.para; i >= 0 && i < len(s.paras) && i <= l.para+1; i++ {
		p := s.paras[i]
		votes := s.votes
		votes.addText(p)
		if news.ReportsEvent(p, votes.decide(s.menu.lang)) {
			return true
		}
		if !isShort(p) {
			break
		}
	}
	return false
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
