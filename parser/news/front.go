package news

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
)

// Front matter: what real news pages put between the headline and the
// story's first paragraph, whose dateline the parser looks for past it
// (see VOCABULARY.md, News). Each reader takes one paragraph.

// Front is the kind of a paragraph of front matter.
type Front int

// Kinds of front matter.
const (
	NotFront    Front = iota
	FrontPhoto        // a photo caption or credit: "… Photo: IOM/Ana Silva", "© IOM 2019/Name"
	FrontByline       // the author: "By Jane Doe", "Jane Doe - IOM, Head of Office"
	FrontTags         // a tag line: "Migration Policy, Migration Research"
	FrontPlaces       // a list of countries: "Ecuador Perú Colombia", "Fiji"
	FrontDate         // a date standing alone: "5 November, 2019", "Posted: …"
)

// maxFrontBytes bounds a paragraph of front matter: a caption of a few
// sentences. A longer paragraph is the story.
const maxFrontBytes = 600

// ReadFront tells whether paragraph p is front matter, and which.
func ReadFront(p string) Front {
	switch {
	case len(p) > maxFrontBytes:
		return NotFront
	case IsPhotoCaption(p):
		return FrontPhoto
	case isByline(p):
		return FrontByline
	}
	if _, ok := DateLine(p); ok {
		return FrontDate
	}
	switch {
	case isCountryList(p):
		return FrontPlaces
	case isTagLine(p):
		return FrontTags
	}
	return NotFront
}

// photoCredit matches the credit of a photo caption: a label ("Photo:",
// "Photo :", "Foto:", "Crédit photo :", "Photo credit:"), a copyright sign,
// or an organisation's credit ending the caption ("IOM/Peter Obi", "OIM
// 2019/Rosa Méndez", "UN Photo/Jane Doe"). hasPhotoCredit reads it by
// hand: the expression's unanchored alternatives backtrack over every
// paragraph the story's lead is looked for in, some 80 times slower
// (BenchmarkScanners).
var photoCredit = regexp.MustCompile(`\b(?i:photos?|fotos?|photo credit|cr[ée]dits? photo|cr[ée]dito|credit)\s?:|©|\b(?:IOM|OIM|UN|ONU|UNHCR|ACNUR|HCR|UNICEF|WFP|PAM)(?: Photo)?(?: \d{4})?\s?/\s?\p{Lu}[^/]{0,40}$`)

// hasPhotoCredit reports whether photoCredit matches p (FuzzScanners
// holds the two equal).
func hasPhotoCredit(p string) bool {
	return strings.Contains(p, "©") || hasCreditLabel(p) || hasOrgCredit(p)
}

// creditLabels are the words before the colon of a credit's label, as
// photoCredit's case-insensitive alternatives end: "Photo credit" ends
// with "credit", "Crédit photo" with "photo".
var creditLabels = []string{"photos", "photo", "fotos", "foto", "credit", "crédito", "credito"}

// hasCreditLabel reports whether a colon in p follows, perhaps after one
// space, a word of creditLabels that starts a word.
func hasCreditLabel(p string) bool {
	for c := strings.IndexByte(p, ':'); c >= 0; c = nextByte(p, ':', c) {
		before := p[:c]
		if before != "" && isRESpace(before[len(before)-1]) {
			before = before[:len(before)-1]
		}
		for _, label := range creditLabels {
			if start, ok := foldSuffix(before, label); ok && (start == 0 || !isREWord(before[start-1])) {
				return true
			}
		}
	}
	return false
}

// creditOrgs are the organisations whose credit ends a caption.
var creditOrgs = []string{"IOM", "OIM", "UN", "ONU", "UNHCR", "ACNUR", "HCR", "UNICEF", "WFP", "PAM"}

// maxCreditNameRunes bounds the name after an organisation's "/".
const maxCreditNameRunes = 41

// hasOrgCredit reports whether p ends with an organisation's credit: an
// organisation of creditOrgs starting a word, perhaps " Photo", perhaps a
// year, perhaps a space, then "/", perhaps a space, and a name of up to
// 41 characters that opens with a capital and holds no "/".
func hasOrgCredit(p string) bool {
	slash := strings.LastIndexByte(p, '/')
	if slash < 0 {
		return false
	}
	name := p[slash+1:]
	if name != "" && isRESpace(name[0]) {
		name = name[1:]
	}
	first, _ := utf8.DecodeRuneInString(name)
	if name == "" || !unicode.Is(unicode.Lu, first) || utf8.RuneCountInString(name) > maxCreditNameRunes {
		return false
	}
	var buf [8]string
	for _, before := range orgCreditStarts(buf[:0], p[:slash]) {
		for _, org := range creditOrgs {
			if start := len(before) - len(org); strings.HasSuffix(before, org) && (start == 0 || !isREWord(before[start-1])) {
				return true
			}
		}
	}
	return false
}

// orgCreditStarts appends to dst the texts that may end with the
// organisation's name before a credit's "/": with or without one space, a
// year (" 2019") and " Photo", each taken or not (at most eight).
func orgCreditStarts(dst []string, before string) []string {
	spaced := [2]string{before}
	n := 1
	if before != "" && isRESpace(before[len(before)-1]) {
		spaced[1], n = before[:len(before)-1], 2
	}
	for _, s := range spaced[:n] {
		years := [2]string{s}
		m := 1
		if k := len(s); k >= 5 && s[k-5] == ' ' && ascii.IsDigit(s[k-4]) && ascii.IsDigit(s[k-3]) && ascii.IsDigit(s[k-2]) && ascii.IsDigit(s[k-1]) {
			years[1], m = s[:k-5], 2
		}
		for _, y := range years[:m] {
			dst = append(dst, y)
			if t, ok := strings.CutSuffix(y, " Photo"); ok {
				dst = append(dst, t)
			}
		}
	}
	return dst
}

// foldSuffix reports whether s ends with word under simple case folding
// (as the expression's (?i) reads it: "ſ" is an "s", "É" an "é"), and
// where that ending starts.
func foldSuffix(s, word string) (start int, ok bool) {
	n := utf8.RuneCountInString(word)
	start = len(s)
	for range n {
		if start == 0 {
			return 0, false
		}
		_, size := utf8.DecodeLastRuneInString(s[:start])
		start -= size
	}
	return start, strings.EqualFold(s[start:], word)
}

// nextByte returns the index of the next c in s after index i, or -1.
func nextByte(s string, c byte, i int) int {
	if j := strings.IndexByte(s[i+1:], c); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// isRESpace and isREWord are the expressions' \s and word characters.
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
func isREWord(c byte) bool  { return ascii.IsLetter(c) || ascii.IsDigit(c) || c == '_' }

// maxCaptionDateWords bounds a caption's place and date line ("June
// 2022, San José- Costa Rica.").
const maxCaptionDateWords = 8

// IsPhotoCaption reports whether p is a photo's caption: it carries a
// credit (a caption may open like a dateline, "Kakuma – Children fill
// jerrycans. Photo: IOM/…"), or it is a caption's short place-and-date line that opens with
// its date, which no dateline alone on its line does (DatelineLine).
func IsPhotoCaption(p string) bool {
	if len(p) > maxFrontBytes {
		return false
	}
	if hasPhotoCredit(p) {
		return true
	}
	first, rest, ok := strings.Cut(p, ",")
	if !ok || !hasDigit(first) || strings.Count(p, " ") >= maxCaptionDateWords {
		return false
	}
	d, isDate := ParseDate(first)
	return isDate && d.Year > 0 && strings.TrimSpace(rest) != ""
}

// bylineWords end the words that open a byline, folded: "By Jane Doe",
// "Par Marie Diop", "Por Ana Pérez", "Written by …", "Text: …".
var bylineWords = map[string]bool{"by": true, "par": true, "por": true, "text": true, "texte": true, "texto": true}

// maxBylineBytes bounds a byline.
const maxBylineBytes = 160

// isByline reports whether p names the item's author: a byline word and a
// capitalised name ("By Jane Doe"), or a name and its post ("Jane Doe -
// IOM, Head of Office", a credit that looks like a dateline).
func isByline(p string) bool {
	if len(p) > maxBylineBytes {
		return false
	}
	rest := p
	for range 2 { // "By", "Written by"
		word, after, ok := strings.Cut(rest, " ")
		if !ok {
			break
		}
		rest = strings.TrimLeft(after, " ")
		if r, _ := utf8.DecodeRuneInString(rest); isBylineWord(strings.TrimSuffix(word, ":")) && unicode.IsUpper(r) {
			return true
		}
	}
	if strings.Count(p, " ") > 2*maxCreditWords || !strings.ContainsAny(p, "-–—") {
		return false // a credit is a name, a dash and a few words
	}
	if _, end, ok := scanDateline(p); ok {
		return isCredit(strings.TrimSpace(p[end:]))
	}
	return false
}

// isBylineWord reports whether a word ends the words that open a byline.
func isBylineWord(w string) bool {
	var buf [16]byte
	return len(w) <= len(buf) && bylineWords[string(vocab.AppendFold(buf[:0], w))]
}

// isCountryList reports whether p names countries and nothing else:
// "Fiji", "Ecuador Perú Colombia", "Burkina Faso, Mali, Niger".
func isCountryList(p string) bool {
	if len(p) > maxCountryListBytes || hasDigit(p) || !capitalisedWords(p) {
		return false // the cheap tests first: most paragraphs tried are sentences
	}
	p = strings.ReplaceAll(p, ",", " ")
	var buf [8]vocab.CountryMatch
	ms := vocab.AppendCountries(buf[:0], p)
	for _, m := range ms {
		if !m.Known {
			return false
		}
	}
	return len(ms) > 0
}

// maxCountryListBytes bounds a list of countries under a headline.
const maxCountryListBytes = 300

// capitalisedWords reports whether every word of p opens with a capital
// letter or is a short connector ("of", "the", "de", "la"), as the words
// of names do.
func capitalisedWords(p string) bool {
	for w := range strings.FieldsSeq(p) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && len(w) > 3 {
			return false
		}
	}
	return true
}

// tagSeparators split the items of a tag line.
const tagSeparators = ",|·•"

// maxTagWords bounds one tag ("Migration de main-d’œuvre") and
// maxTagLineWords a tag line.
const (
	maxTagWords     = 5
	maxTagLineWords = 15
	maxTagLineBytes = 200
)

// isTagLine reports whether p is a line of tags: two or more short items,
// separated by commas or bars, each opening with a capital, no number, and
// no sentence ("Migration Policy, Migration Research", "Livelihoods,
// Reintegration").
func isTagLine(p string) bool {
	if len(p) > maxTagLineBytes || !strings.ContainsAny(p, tagSeparators) || hasDigit(p) || endsSentence(p) ||
		strings.HasSuffix(p, ":") || strings.Count(p, " ") >= maxTagLineWords {
		return false
	}
	items := strings.FieldsFunc(p, func(r rune) bool { return strings.ContainsRune(tagSeparators, r) })
	if len(items) < 2 {
		return false
	}
	for _, it := range items {
		words := strings.Fields(it)
		if len(words) == 0 || len(words) > maxTagWords {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(words[0]); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
