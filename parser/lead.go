package parser

import (
	"unicode/utf8"

	"github.com/iomparse/iomparse/parser/news"
)

// The story's lead: the first paragraph of a news item's story, and the
// dateline that opens it. It need not be the body's first paragraph: real
// pages put front matter between the headline and the story (photo
// captions, one to six, sometimes each given twice; a tag line; a list of
// countries; a date line; see news.ReadFront), and a dateline may stand
// alone on its line above the story ("Cobija, 19 de marzo de 2024.-").
// Captions are found by their credits; a caption without one ("Women of
// the host community at the opening of the kiosk.") is passed only as a
// short paragraph among other front matter, so that a page whose story
// opens with short paragraphs keeps its first one as its lead.

// lead is where a page's story starts, and what its dateline says.
type lead struct {
	para     int           // index in scan.paras of the story's first paragraph; -1 when there is none
	dateline news.Dateline // the dateline that opens the story, if any
	opens    bool          // a dateline opens the story
	// frontDate is the date of the first date line of the front matter
	// ("5 November, 2019" under a caption), and frontDates the number of
	// date lines there, labelled ones ("Posted: …") aside, which a
	// listing's count leaves out.
	frontDate  string
	frontDates int
	posted     string // the date of a "Posted: …" line of the front matter
}

// maxFront bounds the paragraphs of front matter: six captions, each
// given twice, a tag line and a list of countries.
const maxFront = 14

// maxShortWords bounds a short paragraph that front matter may hold
// without a credit: a caption of a line.
const maxShortWords = 25

// readLead finds the story's lead among the body's paragraphs. The date
// lines passed are the front matter's when they stand before the lead;
// after a short paragraph that no dateline follows, they are the story's
// (or a listing's items').
func (s *scan) readLead() lead {
	l := lead{para: -1}
	marked := false // front matter was recognised
	var dates [maxFront]int
	nDates := 0
	for i, p := range s.paras {
		if i >= maxFront {
			break
		}
		// A dateline after short paragraphs opens the story only when
		// front matter was recognised among them. A caption may open
		// like a dateline ("Kakuma – Children fill jerrycans. Photo:
		// IOM/…"): its credit tells.
		if dl, _, ok := news.ReadDateline(p); ok && !news.IsPhotoCaption(p) {
			if i == 0 || marked {
				l.para, l.dateline, l.opens = i, dl, true
			}
			break
		}
		if isFrame(p) {
			marked = true // "Share", "Download PDF" between captions
			continue
		}
		if f := news.ReadFront(p); f != news.NotFront {
			if f == news.FrontDate {
				dates[nDates] = i
				nDates++
			}
			marked = true
			continue
		}
		if dl, ok := news.DatelineLine(p); ok && i+1 < len(s.paras) {
			if i == 0 || marked {
				l.para, l.dateline, l.opens = i+1, dl, true
			}
			break
		}
		if l.para < 0 {
			l.para = i // the story's start, unless a dateline comes
		}
		if !isShort(p) {
			break
		}
	}
	for _, i := range dates[:nDates] {
		if l.para < 0 || i < l.para {
			l.noteFrontDate(s.paras[i])
		}
	}
	return l
}

// noteFrontDate notes a date line of the front matter: the first date
// with its year, apart when it is labelled ("Posted: …"): metadata.
func (l *lead) noteFrontDate(p string) {
	d, _ := news.DateLine(p)
	switch {
	case news.HasDateLabel(p):
		if l.posted == "" {
			l.posted = d.String()
		}
	default:
		l.frontDates++
		if l.frontDate == "" {
			l.frontDate = d.String()
		}
	}
}

// isShort reports whether a paragraph is short enough to be a caption
// without a credit.
func isShort(p string) bool {
	words := 0
	inWord := false
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if r == ' ' || r == '\u00a0' || r == '\t' {
			inWord = false
			continue
		}
		if !inWord {
			if words++; words > maxShortWords {
				return false
			}
			inWord = true
		}
	}
	return true
}
