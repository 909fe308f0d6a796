package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/text"
)

// A news page (press release, story, briefing) has a headline, sometimes
// with a dateline glued on, sometimes a date standing alone on a line above
// or below it, then paragraphs of which the first may open with a dateline,
// and often a contact block near the end:
//
//	Lancement du projet « CD4D »- Rabat ,Vendredi 9 Décembre 2016
//	Sep 26, 2015
//	Accra, Ghana, 9 July 2024 – IOM has …
//	For further information, please contact Jane Roe at IOM Egypt. Tel: …
//
// Only these three places give the page's own date and place: a date in the
// body ("the meeting, which begins on 31 January", "Le 09 décembre 2016,
// l'OIM …") is the date of an event, not of the page. Where a date or place
// is not certain, none is given: a missing date is better than a wrong one.

// readHeadline reads the title of a page without a field block: a news
// headline or a page title, with the dates standing alone on the lines
// around it. A story can have no headline at all, its body following the
// menu directly; then no title is invented.
func (pg *page) readHeadline(i int) int {
	i = pg.readDateLines(i)
	if i >= len(pg.lines) || looksLikeParagraph(pg.lines[i].Text) {
		return i
	}
	pg.setTitle(i)
	if title, dl, ok := splitHeadline(pg.title); ok {
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
		d, ok := dateLine(pg.lines[i].Text)
		if !ok {
			return i
		}
		pg.setDateline(dateline{date: d})
		i++
	}
}

// dateLabel is the label some pages put before a date standing alone.
var dateLabel = regexp.MustCompile(`(?i)^(?:published|posted|date|publié|publicado|fecha)(?:\s+(?:on|le|el))?\s*:?\s*`)

// hasDateLabel reports whether text opens with dateLabel. Every label
// starts with p, d or f, in either case, so the expression runs only on the
// few lines that do.
func hasDateLabel(text string) bool {
	return text != "" && strings.IndexByte("pPdDfF", text[0]) >= 0 && dateLabel.MatchString(text)
}

// maxDateLine bounds a line that holds only a date, with its label and
// time: "Publicado el miércoles, 26 de septiembre de 2015 - 10:30 a.m." is
// 64 bytes.
const maxDateLine = 200

// maxDateLineWords bounds the spaces of a date line: the example above has
// eleven.
const maxDateLineWords = 14

// dateLine reads a line that holds only a date, perhaps labelled
// ("Published on 26 September 2015") or with a time. A date that is not
// certain counts as a date line (it is no headline) but gives no date.
func dateLine(text string) (date, bool) {
	if len(text) > maxDateLine || !hasDigit(text) || strings.Count(text, " ") > maxDateLineWords {
		// No date line is this long or this wordy, and every date has a
		// number: this spares the regexps nearly every line of a page.
		return date{}, false
	}
	if hasDateLabel(text) {
		text = dateLabel.ReplaceAllString(text, "")
	}
	if mayEndWithTime(text) {
		text = timeSuffix.ReplaceAllString(text, "")
	}
	return parseDate(text)
}

// timeSuffix is the time some pages give after a date standing alone:
// "Wed, 09/19/2018 - 11:19", "26 September 2015, 10:30 am".
var timeSuffix = regexp.MustCompile(`(?i)\s*[-–,]?\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$`)

// mayEndWithTime is a cheap test that text may end with timeSuffix, which
// spares running the pattern, unanchored at its start, on the lines with a
// colon that hold no time: the pattern needs a colon with a digit before it
// and two after it ("9:30"), and ends with a digit or the "m" or "." of
// "a.m.".
func mayEndWithTime(text string) bool {
	if c := text[len(text)-1]; !ascii.IsDigit(c) && c != 'm' && c != 'M' && c != '.' {
		return false
	}
	for i := 1; i+2 < len(text); i++ {
		if text[i] == ':' && ascii.IsDigit(text[i-1]) && ascii.IsDigit(text[i+1]) && ascii.IsDigit(text[i+2]) {
			return true
		}
	}
	return false
}

// setDateline takes the place and date of a dateline unless the page has
// given them already (the headline comes before the first paragraph).
func (pg *page) setDateline(dl dateline) {
	if pg.rec.Date == "" {
		pg.rec.Date = dl.date.String()
	}
	if pg.rec.Place == "" {
		pg.rec.Place = dl.place
	}
}

// looksLikeParagraph tells a first paragraph from a headline: it opens with
// a dateline ("Kigali - …"), is longer than any headline, or reads as prose
// (several sentences, or a long one ending with a full stop).
func looksLikeParagraph(text string) bool {
	if _, _, ok := readDateline(text); ok {
		return true
	}
	n := utf8.RuneCountInString(text)
	switch {
	case n > 250:
		return true
	case strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "..."):
		return n > 100 || len(strings.Fields(text)) > 14 || sentenceBreak.MatchString(text)
	}
	return false
}

// sentenceBreak matches the end of one sentence and the start of the next.
var sentenceBreak = regexp.MustCompile(`\p{Ll}{2,}[.!?] +\p{Lu}`)

// dateline is what a dateline says: the place as written and the date (a
// year-less one gives no date).
type dateline struct {
	place string
	date  date
}

// maxDateline bounds how far into a paragraph a dateline's separator is
// looked for.
const maxDateline = 100

// leadingQuotes are the stray quotes a scraped first paragraph can start
// with before its dateline.
const leadingQuotes = "\"'“”‘’«» "

// readDateline reads the dateline that opens a first paragraph: a place,
// a date or both, then a dash, en dash, em dash or full stop: "Kigali - ",
// "Harare – ", "Djibouti— ", "Accra, Ghana, 9 July 2024 – ",
// "November 29, 2022, Dushanbe, Tajikistan - ", "GENEVA. ", and the byte
// offset in text where the story starts after it. A full stop
// ends a dateline only after a date or an all-capitals place, since a
// sentence can be as short as a place name.
func readDateline(text string) (dl dateline, end int, ok bool) {
	s := strings.TrimLeft(text, leadingQuotes)
	skip := len(text) - len(s)
	for k := 0; k < len(s) && k <= maxDateline; k++ {
		// Every separator starts with one of these bytes, none of which
		// continues a character: the others need no decoding.
		if c := s[k]; c != '-' && c != '.' && c != dashLead {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		fullStop := r == '.'
		if !isDatelineSep(s, k, r) && !(fullStop && strings.HasPrefix(s[k+1:], " ")) {
			continue
		}
		if strings.TrimSpace(s[k+size:]) == "" {
			break // the separator must be followed by the story
		}
		dl, hasDate, ok := placeAndDate(s[:k])
		if !ok || (fullStop && !hasDate && !allCaps(dl.place)) {
			continue
		}
		return dl, skip + k + size, true
	}
	return dateline{}, 0, false
}

// dashLead is the first byte of the UTF-8 encoding of the dashes
// isDatelineSep accepts besides the hyphen (TestDashLead checks it).
const dashLead = 0xe2

// isDatelineSep reports whether rune r at byte k of s separates a dateline
// from what follows: an en or em dash, or a hyphen with a space on either
// side (not the hyphen of "Guinea-Bissau").
func isDatelineSep(s string, k int, r rune) bool {
	switch r {
	case '–', '—', '―':
		return true
	case '-':
		return (k > 0 && s[k-1] == ' ') || (k+1 < len(s) && s[k+1] == ' ')
	}
	return false
}

// splitHeadline takes a dateline glued to a headline off it: "…(CD4D) »-
// Rabat ,Vendredi 9 Décembre 2016", "… – 9 July 2024", "… (9 July 2024)",
// "…, 9 July 2024", or a date before the headline ("9 July 2024 – …"). Only
// a dateline holding a date with its year is taken: "Rwanda - Belgium" stays
// a headline.
func splitHeadline(title string) (string, dateline, bool) {
	for k := len(title) - 1; k > 0 && k >= len(title)-maxDateline; k-- {
		r, size := utf8.DecodeRuneInString(title[k:])
		if r == utf8.RuneError || !isDatelineSep(title, k, r) {
			continue
		}
		head := strings.TrimSpace(title[:k])
		dl, hasDate, ok := placeAndDate(title[k+size:])
		if ok && hasDate && dl.date.Year > 0 && head != "" {
			return head, dl, true
		}
	}
	if open := strings.LastIndexByte(title, '('); open > 0 && strings.HasSuffix(title, ")") {
		if d, ok := parseDate(title[open+1 : len(title)-1]); ok && d.Year > 0 {
			return strings.TrimSpace(title[:open]), dateline{date: d}, true
		}
	}
	parts := strings.Split(title, ",")
	for n := 2; n >= 1; n-- {
		if len(parts) <= n {
			continue
		}
		if d, ok := parseDate(strings.Join(parts[len(parts)-n:], ",")); ok && d.Year > 0 {
			return strings.TrimSpace(strings.Join(parts[:len(parts)-n], ",")), dateline{date: d}, true
		}
	}
	if dl, end, ok := readDateline(title); ok && dl.date.Year > 0 {
		return strings.TrimSpace(title[end:]), dl, true
	}
	return "", dateline{}, false
}

// placeAndDate reads the text of a dateline before its separator: a place,
// a date, or both in either order, separated by commas or (date after place)
// by a space. hasDate tells whether a date was read, perhaps a year-less one.
func placeAndDate(s string) (dl dateline, hasDate, ok bool) {
	s = strings.Trim(strings.TrimSpace(s), ",")
	if s == "" || len(s) > maxDateline {
		return dateline{}, false, false
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if !hasDigit(s) {
		// Every date has a number (parseDate): without one, only a
		// place can be read, and the many tries of a date are spared.
		if place, ok := placeOf(parts); ok && place != "" {
			return dateline{place: place}, false, true
		}
		return dateline{}, false, false
	}
	n := len(parts)
	for k := min(n, 3); k >= 1; k-- {
		end := strings.Join(parts[n-k:], ", ")
		if k < n {
			end = cutFrenchLe(end) // Rabat, le 9 décembre 2016
		}
		if d, ok := parseDate(end); ok { // Accra, Ghana, 9 July 2024
			if place, ok := placeOf(parts[:n-k]); ok {
				return dateline{place, d}, true, true
			}
		}
		if d, ok := parseDate(strings.Join(parts[:k], ", ")); ok && k < n { // November 29, 2022, Dushanbe
			if place, ok := placeOf(parts[k:]); ok {
				return dateline{place, d}, true, true
			}
		}
	}
	words := strings.Fields(parts[n-1]) // Kigali 9 July 2024
	for w := 1; w < len(words); w++ {
		if d, ok := parseDate(strings.Join(words[w:], " ")); ok {
			if place, ok := placeOf(append(parts[:n-1:n-1], strings.Join(words[:w], " "))); ok {
				return dateline{place, d}, true, true
			}
			break
		}
	}
	if place, ok := placeOf(parts); ok && place != "" {
		return dateline{place: place}, false, true
	}
	return dateline{}, false, false
}

// frenchLe is the article that French and Spanish datelines put before the
// date after a place ("Rabat, le 9 décembre 2016", "Lima, el 3 de mayo de
// 2019"). It is dropped only there: "Le 9 décembre 2016, l’OIM …" opens a
// sentence about an event.
var frenchLe = regexp.MustCompile(`(?i)^(?:le|el)\s+`)

// cutFrenchLe removes frenchLe from the start of s, running the expression
// only when s starts with the letter of one of its articles.
func cutFrenchLe(s string) string {
	if s == "" || strings.IndexByte("lLeE", s[0]) < 0 {
		return s
	}
	return frenchLe.ReplaceAllString(s, "")
}

// placeConnectors are the lower-case words a place name can hold
// ("Dar es Salaam", "Port-au-Prince", "Bosnia and Herzegovina").
var placeConnectors = map[string]bool{
	"de": true, "du": true, "des": true, "la": true, "le": true, "les": true, "el": true, "of": true,
	"es": true, "al": true, "au": true, "aux": true, "and": true, "y": true, "et": true, "en": true,
	"del": true, "da": true, "do": true, "dos": true, "sur": true, "upon": true, "am": true,
}

// notPlaceFirst are words that open a sentence, never a place.
var notPlaceFirst = map[string]bool{
	"the": true, "this": true, "these": true, "those": true, "our": true, "we": true, "it": true, "its": true,
	"in": true, "on": true, "at": true, "as": true, "a": true, "an": true, "for": true, "with": true, "from": true,
	"un": true, "une": true, "ce": true, "cette": true, "nous": true, "il": true, "elle": true, "dans": true,
	"pour": true, "este": true, "esta": true, "por": true, "para": true, "con": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "m": true, "mme": true, "sr": true, "sra": true,
}

// notPlace are words that no place name holds: a page's own header words,
// and the organisation's names.
var notPlace = map[string]bool{
	"iom": true, "oim": true, "un": true, "onu": true, "news": true, "press": true, "release": true,
	"update": true, "communique": true, "comunicado": true, "photo": true, "video": true, "story": true,
	"unhcr": true, "acnur": true, "hcr": true, "unicef": true, "wfp": true, "pam": true, "who": true, "oms": true,
	"undp": true, "pnud": true, "ocha": true, "eu": true, "ue": true, "ministry": true, "minister": true,
	"government": true, "director": true, "president": true, "today": true, "yesterday": true,
}

// placeOf joins the comma-separated parts of a dateline's place as written
// ("Dushanbe, Tajikistan"), or reports that they do not read as a place:
// at most three parts, each one to five words, at most three of them
// capitalised, the others connectors; letters, apostrophes, dots and
// hyphens only. No parts is an empty place.
func placeOf(parts []string) (string, bool) {
	if len(parts) > 3 {
		return "", false
	}
	for i, p := range parts {
		if len(p) > 40 {
			return "", false
		}
		words := strings.Fields(p)
		if len(words) == 0 || len(words) > 5 || (len(words) == 1 && placeConnectors[vocab.Fold(p)]) {
			return "", false // "Le 9 décembre 2016 – …" is no place
		}
		caps := 0
		for j, w := range words {
			first, _ := utf8.DecodeRuneInString(w)
			f := vocab.Fold(strings.TrimRight(w, "."))
			switch {
			case strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !strings.ContainsRune("'’.-/", r) }) >= 0:
				return "", false // letters, and the "/" of "Geneva/Brussels"
			case notPlace[f] || (i == 0 && j == 0 && notPlaceFirst[f]):
				return "", false
			case unicode.IsUpper(first):
				caps++
			case j == 0 || !placeConnectors[f]:
				return "", false
			}
		}
		if caps > 3 {
			return "", false
		}
		parts[i] = strings.Join(words, " ")
	}
	return strings.Join(parts, ", "), true
}

// allCaps reports whether s has letters and all of them are capitals.
func allCaps(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0 && strings.IndexFunc(s, unicode.IsLower) < 0
}

// findContactOpening returns the end of the first opening phrase of a
// contact block in p, at the start of the paragraph or after a sentence's
// end and its spaces, or -1: the match of
//
//	(?i)(?:^|[.!?:]\s+)(` + contactOpenings + `)
//
// where contactOpenings are the phrases that open a contact block in three
// languages (contactOpeningEnd), and FuzzScanners holds it to the
// expression. The expression, unanchored and without a literal to look
// for, backtracked from every byte of the paragraph; this tries the
// phrases only where one can start, in order, which finds the same match in
// a few tries.
func findContactOpening(p string) int {
	if end := contactOpeningEnd(p, 0); end >= 0 {
		return end // at the start of the paragraph
	}
	for q := 0; q < len(p); q++ {
		if strings.IndexByte(".!?:", p[q]) < 0 {
			continue
		}
		if c := text.SkipSpace(p, q+1); c > q+1 {
			if end := contactOpeningEnd(p, c); end >= 0 {
				return end // after a sentence's end and its spaces
			}
		}
	}
	return -1
}

// contactOpeningEnd returns the end of the opening phrase that starts at
// byte c of p, or -1: the match at c of contactOpenings,
//
//	(?i)for (?:further|more|additional) information|pour (?:plus d['’]\s?informations?|de plus amples informations|toute (?:autre )?information(?: complémentaire)?|en savoir plus)|para (?:más|mayor|obtener más) información
//
// written out: the alternatives in the order the expression tries them,
// and an optional part taken when it matches. Every phrase starts with
// "for", "pour" or "para", in any case.
func contactOpeningEnd(p string, c int) int {
	if c >= len(p) || strings.IndexByte("fFpP", p[c]) < 0 {
		return -1
	}
	if e := hasPrefixFoldAt(p, c, "for "); e >= 0 {
		for _, w := range [...]string{"further information", "more information", "additional information"} {
			if end := hasPrefixFoldAt(p, e, w); end >= 0 {
				return end
			}
		}
	}
	if e := hasPrefixFoldAt(p, c, "pour "); e >= 0 {
		if end := plusDInformations(p, e); end >= 0 {
			return end
		}
		if end := hasPrefixFoldAt(p, e, "de plus amples informations"); end >= 0 {
			return end
		}
		if t := hasPrefixFoldAt(p, e, "toute "); t >= 0 {
			end := hasPrefixFoldAt(p, t, "autre information")
			if end < 0 {
				end = hasPrefixFoldAt(p, t, "information")
			}
			if end >= 0 {
				if more := hasPrefixFoldAt(p, end, " complémentaire"); more >= 0 {
					return more
				}
				return end
			}
		}
		if end := hasPrefixFoldAt(p, e, "en savoir plus"); end >= 0 {
			return end
		}
	}
	if e := hasPrefixFoldAt(p, c, "para "); e >= 0 {
		for _, w := range [...]string{"más información", "mayor información", "obtener más información"} {
			if end := hasPrefixFoldAt(p, e, w); end >= 0 {
				return end
			}
		}
	}
	return -1
}

// plusDInformations returns the end of (?i)plus d['’]\s?informations? at
// byte i of p, or -1.
func plusDInformations(p string, i int) int {
	i = hasPrefixFoldAt(p, i, "plus d")
	switch {
	case i < 0:
		return -1
	case strings.HasPrefix(p[i:], "'"):
		i += len("'")
	case strings.HasPrefix(p[i:], "’"):
		i += len("’")
	default:
		return -1
	}
	end := -1
	if i < len(p) && ascii.IsPerlSpace(p[i]) {
		end = hasPrefixFoldAt(p, i+1, "information") // the space taken, if "information" follows
	}
	if end < 0 {
		end = hasPrefixFoldAt(p, i, "information")
	}
	if end < 0 {
		return -1
	}
	if s := hasPrefixFoldAt(p, end, "s"); s >= 0 {
		return s
	}
	return end
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
			var dl dateline
			if dl, _, opensWithDateline = readDateline(paras[0]); opensWithDateline {
				pg.setDateline(dl)
			}
		}
	}
	var contacts []model.Contact
	if !pg.hasFacts {
		contacts = readContacts(paras)
	}
	switch {
	case pg.hasFacts:
		pg.rec.Kind = model.KindProject
	case !pg.isListing(paras) && (len(contacts) > 0 || pg.isNews(opensWithDateline)):
		pg.rec.Kind = model.KindNews
		pg.rec.Contacts = contacts
		pg.rec.Links = findLinks(append([]string{pg.title}, paras...))
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
		if _, ok := dateLine(l.Text); ok && l.Text != "" {
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
		if _, ok := dateLine(l.Text); ok && !hasDateLabel(l.Text) {
			n++ // not "Posted: …", which a story can end with
		}
	}
	for i := 1; i < len(paras); i++ {
		if dl, _, ok := readDateline(paras[i]); ok && dl.date.Year > 0 {
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
