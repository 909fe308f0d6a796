package news

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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
// 2019/Rosa Méndez", "UN Photo/Jane Doe").
var photoCredit = regexp.MustCompile(`\b(?i:photos?|fotos?|photo credit|cr[ée]dits? photo|cr[ée]dito|credit)\s?:|©|\b(?:IOM|OIM|UN|ONU|UNHCR|ACNUR|HCR|UNICEF|WFP|PAM)(?: Photo)?(?: \d{4})?\s?/\s?\p{Lu}[^/]{0,40}$`)

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
	if photoCredit.MatchString(p) {
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
