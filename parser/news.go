package parser

import (
	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/news"
)

// The headline, the date lines around it and the first paragraph are the
// places a news page gives its own date and place (see package news).

// readHeadline reads the title of a page without a field block: a news
// headline or a page title, with the dates standing alone on the lines
// around it. A story can have no headline at all, its body following the
// menu directly; then no title is invented.
func (pg *page) readHeadline(i int) int {
	i = pg.readDateLines(i)
	if i >= len(pg.lines) || news.LooksLikeParagraph(pg.lines[i].Text) {
		return i
	}
	pg.setTitle(i)
	if title, dl, ok := news.SplitHeadline(pg.title); ok {
		pg.title = title
		pg.setDateline(dl)
	}
	return pg.readDateLines(i + 1)
}

// readDateLines skips the blank lines and the lines holding only a date
// ("Sep 26, 2015", "6 June, 2019") from line i, taking the first date with a
// year as the page's, and returns the index of the next line.
func (pg *page) readDateLines(i int) int {
	for {
		i = pg.next(i)
		if i >= len(pg.lines) {
			return i
		}
		d, ok := news.DateLine(pg.lines[i].Text)
		if !ok {
			return i
		}
		pg.setDateline(news.Dateline{Date: d})
		i++
	}
}

// setDateline takes the place and date of a dateline unless the page has
// given them already (the headline comes before the first paragraph).
func (pg *page) setDateline(dl news.Dateline) {
	if pg.rec.Date == "" {
		pg.rec.Date = dl.Date.String()
	}
	if pg.rec.Place == "" {
		pg.rec.Place = dl.Place
	}
}

// classify decides the kind of the page: a project when a project fact was
// read from a field block (never from prose), news when the page has the
// marks of a news item, otherwise a page. A news page then gets its date and
// place from its first paragraph's dateline, its contacts and its links;
// other kinds keep none of these.
func (pg *page) classify() {
	for _, l := range pg.body {
		pg.votes.addText(l.Text)
	}
	var paras []string
	opensWithDateline := false // the first paragraph opens with a dateline
	if !pg.hasFacts {
		paras = pg.paras
		if len(paras) > 0 {
			var dl news.Dateline
			if dl, _, opensWithDateline = news.ReadDateline(paras[0]); opensWithDateline {
				pg.setDateline(dl)
			}
		}
	}
	var contacts []model.Contact
	if !pg.hasFacts {
		contacts = news.ReadContacts(paras)
	}
	switch {
	case pg.hasFacts:
		pg.rec.Kind = model.KindProject
	case !pg.isListing(paras) && (len(contacts) > 0 || pg.isNews(opensWithDateline)):
		pg.rec.Kind = model.KindNews
		pg.rec.Contacts = contacts
		pg.rec.Links = news.FindLinks(append([]string{pg.title}, paras...))
	default:
		pg.rec.Kind = model.KindPage
	}
	if pg.rec.Kind != model.KindNews {
		pg.rec.Date, pg.rec.Place = "", ""
	}
	if pg.title == "" && pg.rec.Kind != model.KindNews {
		pg.report(model.SeverityWarning, model.CodeMissingTitle, firstLineNo(pg.body), "no title found")
	}
}

// isNews reports whether the page has the marks of a news item besides a
// contact block (which classify reads first): a news header, a dateline
// glued to the headline or opening the first paragraph, or a date standing
// alone near the top. (A listing of several news items, each with its own
// date, has these marks too; classify keeps it a page.) classify has read
// whether the first paragraph opens with a dateline.
func (pg *page) isNews(opensWithDateline bool) bool {
	return pg.newsHeader || opensWithDateline || pg.rec.Date != "" || pg.rec.Place != "" || pg.topDateLines() > 0
}

// topDateLines counts the date lines read around the headline: the lines
// between the menu and the body that hold only a date.
func (pg *page) topDateLines() int {
	first := firstLineNo(pg.body)
	n := 0
	for _, l := range pg.lines[pg.menu.end:] {
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
func (pg *page) isListing(paras []string) bool {
	n := 0
	for _, l := range pg.body {
		if _, ok := news.DateLine(l.Text); ok && !news.HasDateLabel(l.Text) {
			n++ // not "Posted: …", which a story can end with
		}
	}
	for i := 1; i < len(paras); i++ {
		if dl, _, ok := news.ReadDateline(paras[i]); ok && dl.Date.Year > 0 {
			n++
		}
	}
	return n >= 2
}

func firstLineNo(lines []Line) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[0].No
}
