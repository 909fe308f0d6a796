package news

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/vocab"
)

// LooksLikeParagraph tells a first paragraph from a headline: it opens with
// a dateline ("Kigali - …") or is one alone on its line ("Cobija, 19 de
// marzo de 2024.-"), is longer than any headline, or reads as prose
// (several sentences, or a long one ending with a full stop).
func LooksLikeParagraph(text string) bool {
	if _, _, ok := ReadDateline(text); ok {
		return true
	}
	if _, ok := DatelineLine(text); ok {
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

// Dateline is what a dateline says: the place as written and the date (a
// year-less one gives no date).
type Dateline struct {
	Place string
	Date  Date
}

// maxDateline bounds how far into a paragraph a dateline's separator is
// looked for.
const maxDateline = 100

// leadingQuotes are the stray quotes a scraped first paragraph can start
// with before its dateline.
const leadingQuotes = "\"'“”‘’«» "

// ReadDateline reads the dateline that opens a first paragraph: a place,
// a date or both, then a dash, en dash, em dash or full stop: "Kigali - ",
// "Harare – ", "Djibouti— ", "Accra, Ghana, 9 July 2024 – ",
// "November 29, 2022, Dushanbe, Tajikistan - ", "GENEVA. ", "Costa Rica. ",
// and the byte offset in text where the story starts after it. A date
// may follow the place's dash ("Port-de-Paix, Haiti - March 1st 2018. "):
// it is the dateline's. A full stop ends a dateline only after a date, an
// all-capitals place or a country's name, since a sentence can be as short
// as a place name. What follows must open a story (see opensStory): a
// credit ("Jane Doe - IOM, Head of Office") or a caption's "San José-
// Costa Rica." is no dateline.
func ReadDateline(text string) (dl Dateline, end int, ok bool) {
	dl, end, ok = scanDateline(text)
	if !ok || !opensStory(text[end:]) {
		return Dateline{}, 0, false
	}
	if dl.Date == (Date{}) {
		if d, n, ok := dateAfterDash(text[end:]); ok {
			dl.Date, end = d, end+n
		}
	}
	return dl, end, true
}

// scanDateline finds the separator that ends a dateline and reads the
// place and date before it (readDatelineReference is the same, decoding
// every rune).
func scanDateline(text string) (dl Dateline, end int, ok bool) {
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
		if !ok || (fullStop && !hasDate && !endsWithFullStop(dl.Place)) {
			continue
		}
		return dl, skip + k + size, true
	}
	return Dateline{}, 0, false
}

// endsWithFullStop reports whether a place without a date may end a
// dateline with a full stop: an all-capitals place ("GENEVA. ") or a
// country the table knows ("Costa Rica. "), which no sentence of one or
// two words is.
func endsWithFullStop(place string) bool {
	if allCaps(place) {
		return true
	}
	_, _, ok := vocab.LookupCountry(place)
	return ok
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

// SplitHeadline takes a dateline glued to a headline off it: "…(CD4D) »-
// Rabat ,Vendredi 9 Décembre 2016", "… – 9 July 2024", "… (9 July 2024)",
// "…, 9 July 2024", or a date before the headline ("9 July 2024 – …"). Only
// a dateline holding a date with its year is taken: "Rwanda - Belgium" stays
// a headline.
func SplitHeadline(title string) (string, Dateline, bool) {
	for k := len(title) - 1; k > 0 && k >= len(title)-maxDateline; k-- {
		r, size := utf8.DecodeRuneInString(title[k:])
		if r == utf8.RuneError || !isDatelineSep(title, k, r) {
			continue
		}
		head := strings.TrimSpace(title[:k])
		dl, hasDate, ok := placeAndDate(title[k+size:])
		if ok && hasDate && dl.Date.Year > 0 && head != "" {
			return head, dl, true
		}
	}
	if open := strings.LastIndexByte(title, '('); open > 0 && strings.HasSuffix(title, ")") {
		if d, ok := ParseDate(title[open+1 : len(title)-1]); ok && d.Year > 0 {
			return strings.TrimSpace(title[:open]), Dateline{Date: d}, true
		}
	}
	parts := strings.Split(title, ",")
	for n := 2; n >= 1; n-- {
		if len(parts) <= n {
			continue
		}
		if d, ok := ParseDate(strings.Join(parts[len(parts)-n:], ",")); ok && d.Year > 0 {
			return strings.TrimSpace(strings.Join(parts[:len(parts)-n], ",")), Dateline{Date: d}, true
		}
	}
	if dl, end, ok := ReadDateline(title); ok && dl.Date.Year > 0 {
		return strings.TrimSpace(title[end:]), dl, true
	}
	return "", Dateline{}, false
}

// placeAndDate reads the text of a dateline before its separator: a place,
// a date, or both in either order, separated by commas or (date after place)
// by a space. hasDate tells whether a date was read, perhaps a year-less one.
func placeAndDate(s string) (dl Dateline, hasDate, ok bool) {
	s = strings.Trim(strings.TrimSpace(s), ",")
	if s == "" || len(s) > maxDateline {
		return Dateline{}, false, false
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if !hasDigit(s) {
		// Every date has a number (ParseDate): without one, only a
		// place can be read, and the many tries of a date are spared.
		if place, ok := placeOf(parts); ok && place != "" {
			return Dateline{Place: place}, false, true
		}
		return Dateline{}, false, false
	}
	n := len(parts)
	for k := min(n, 3); k >= 1; k-- {
		end := strings.Join(parts[n-k:], ", ")
		if k < n {
			end = cutFrenchLe(end) // Rabat, le 9 décembre 2016
		}
		if d, ok := ParseDate(end); ok { // Accra, Ghana, 9 July 2024
			if place, ok := placeOf(parts[:n-k]); ok {
				return Dateline{place, d}, true, true
			}
		}
		if d, ok := ParseDate(strings.Join(parts[:k], ", ")); ok && k < n { // November 29, 2022, Dushanbe
			if place, ok := placeOf(parts[k:]); ok {
				return Dateline{place, d}, true, true
			}
		}
	}
	words := strings.Fields(parts[n-1]) // Kigali 9 July 2024
	for w := 1; w < len(words); w++ {
		if d, ok := ParseDate(strings.Join(words[w:], " ")); ok {
			if place, ok := placeOf(append(parts[:n-1:n-1], strings.Join(words[:w], " "))); ok {
				return Dateline{place, d}, true, true
			}
			break
		}
	}
	if place, ok := placeOf(parts); ok && place != "" {
		return Dateline{Place: place}, false, true
	}
	return Dateline{}, false, false
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
		if len(p) > maxPlacePart {
			return "", false
		}
		words := strings.Fields(p)
		if len(words) == 0 || len(words) > 5 || (len(words) == 1 && placeConnectors[vocab.Fold(p)]) {
			return "", false // "Le 9 décembre 2016 – …" is no place
		}
		caps := 0
		for j, w := range words {
			first, _ := utf8.DecodeRuneInString(w)
			var buf [64]byte // folded on the stack: every dateline tried is read here
			f := vocab.AppendFold(buf[:0], strings.TrimRight(w, "."))
			switch {
			case strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !strings.ContainsRune("'’.-/", r) }) >= 0:
				return "", false // letters, and the "/" of "Geneva/Brussels"
			case notPlace[string(f)] || (i == 0 && j == 0 && notPlaceFirst[string(f)]):
				return "", false
			case unicode.IsUpper(first):
				caps++
			case j == 0 || !placeConnectors[string(f)]:
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

// opensStory reports whether the text after a dateline's separator can be
// the story it opens, rather than the rest of a credit or a caption: not a
// credit ("IOM, Head of Office": a short phrase naming a post, no
// sentence), and not only a place ("Costa Rica." after "June 2022, San
// José- ", where the dash joins a town to its country).
func opensStory(rest string) bool {
	rest = strings.TrimSpace(rest)
	if isCredit(rest) {
		return false
	}
	if len(rest) <= maxPlaceBytes && !hasDigit(rest) {
		parts := strings.Split(strings.TrimRight(rest, "."), ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if _, ok := placeOf(parts); ok {
			return false
		}
	}
	return true
}

// maxPlacePart bounds a comma-separated part of a place (placeOf), and
// maxPlaceBytes what placeOf can accept: three parts and their
// separators. A longer text is never only a place.
const (
	maxPlacePart  = 40
	maxPlaceBytes = 3*maxPlacePart + 4
)

// maxCreditWords bounds a credit's words after its name ("IOM, Head of
// Office", "Chef de mission de l'OIM au Niger"), and maxCreditBytes its
// length, which spares splitting a story into words.
const (
	maxCreditWords = 10
	maxCreditBytes = 160
)

// isCredit reports whether text is the post of a person named before it:
// a few words, no sentence, holding the name of a post (creditPosts).
func isCredit(text string) bool {
	if len(text) > maxCreditBytes {
		return false
	}
	if strings.Count(text, " ") >= maxCreditWords || endsSentence(text) {
		return false
	}
	for w := range strings.FieldsSeq(text) {
		var buf [32]byte
		if w = strings.Trim(w, ",;:()"); len(w) <= len(buf) && creditPosts[string(vocab.AppendFold(buf[:0], w))] {
			return true
		}
	}
	return false
}

// creditPosts are the words that name a post in a credit, in the three
// languages, folded.
var creditPosts = map[string]bool{
	"head": true, "chief": true, "director": true, "coordinator": true, "officer": true, "representative": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "manager": true, "specialist": true, "adviser": true,
	"advisor": true, "consultant": true, "assistant": true, "ambassador": true,
	"chef": true, "directeur": true, "directrice": true, "coordinateur": true, "coordinatrice": true, "representant": true,
	"representante": true, "porte": true, "parole": true, "chargee": true, "charge": true, "responsable": true, "conseiller": true,
	"conseillere": true, "jefe": true, "jefa": true, "coordinador": true, "coordinadora": true, "portavoz": true,
	"oficial": true, "asesor": true, "asesora": true, "especialista": true,
}

// endsSentence reports whether text ends as a sentence does, with a full
// stop, an exclamation or question mark or an ellipsis, perhaps inside a
// closing quote or bracket.
func endsSentence(text string) bool {
	text = strings.TrimRight(text, `"'”’») `)
	return strings.HasSuffix(text, ".") || strings.HasSuffix(text, "!") || strings.HasSuffix(text, "?") ||
		strings.HasSuffix(text, "…")
}

// dateAfterDash reads a date that opens the text after a place's dash, as
// some datelines give it ("Port-de-Paix, Haiti - March 1st 2018. IOM …",
// "Juba – Monday 6 May 2019 – …"), up to the full stop or dash that ends
// it, and returns the date and the bytes read. Only a date with its year
// is taken.
func dateAfterDash(rest string) (Date, int, bool) {
	s := strings.TrimLeft(rest, " ")
	for k := 0; k < len(s) && k <= maxDateline; k++ {
		if c := s[k]; c != '-' && c != '.' && c != dashLead {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		if !isDatelineSep(s, k, r) && !(r == '.' && strings.HasPrefix(s[k+1:], " ")) {
			continue
		}
		d, ok := ParseDate(s[:k])
		if !ok || d.Year == 0 || strings.TrimSpace(s[k+size:]) == "" {
			return Date{}, 0, false
		}
		return d, len(rest) - len(s) + k + size, true
	}
	return Date{}, 0, false
}

// datelineLineEnd are the characters that close a dateline standing alone
// on its line: "Cobija, 19 de marzo de 2024.-", "Tunis, 29 July 2016 –",
// "Niamey, le 21 novembre 2024 :".
const datelineLineEnd = ".-–—: "

// DatelineLine reads a line that holds only a dateline, its story starting
// on the next line: a place and a comma, then a date with its year, closed
// by a dash, ".-" or a colon ("Cobija, 19 de marzo de 2024.-"). The place
// comes first (a caption's "June 2022, San José- Costa Rica." is no
// dateline), and the closing mark is needed: without it, "Migrant Workers
// Day, 18 December 2019" is a headline with its date, not a place.
func DatelineLine(text string) (Dateline, bool) {
	if len(text) > maxDateline+len(datelineLineEnd) || !hasYear(text) {
		return Dateline{}, false // the cheap tests first: most lines tried are headlines
	}
	s := strings.TrimLeft(strings.TrimRight(text, " "), leadingQuotes)
	if !closesDatelineLine(s) {
		return Dateline{}, false
	}
	s = strings.TrimRight(s, datelineLineEnd)
	first, _, comma := strings.Cut(s, ",")
	if !comma || len(first) > maxPlacePart || hasDigit(first) {
		return Dateline{}, false // the place first, then a comma: not a date, nor a headline
	}
	dl, hasDate, ok := placeAndDate(s)
	if !ok || !hasDate || dl.Date.Year == 0 || dl.Place == "" {
		return Dateline{}, false
	}
	return dl, true
}

// closesDatelineLine reports whether s ends with a dash, ".-" or a
// colon, as a dateline alone on its line does; a full stop alone ends a
// caption's sentence as well.
func closesDatelineLine(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '-' || r == '–' || r == '—' || r == ':'
}

// hasYear reports whether s holds four digits in a row, as every date
// with its year does.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			run = 0
		} else if run++; run == 4 {
			return true
		}
	}
	return false
}

// PlaceCountry returns the ISO 3166-1 alpha-2 code of the country a
// dateline's place names, or "": its last part when the table knows it as
// a country ("Dushanbe, Tajikistan" is TJ, "Djibouti" DJ, "Kigali" none).
func PlaceCountry(place string) string {
	last := place
	if i := strings.LastIndexByte(place, ','); i >= 0 {
		last = place[i+1:]
	}
	code, _, _ := vocab.LookupCountry(strings.TrimSpace(last))
	return code
}
