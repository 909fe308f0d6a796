package parser

import (
	"github.com/iomparse/iomparse/model"
)

// functionWords are frequent words that belong to one of the three
// languages only. Counting them in the title and body decides the language
// of a page's content, which may differ from its menu's (the Development
// Fund serves English content under French and Spanish menus).
var functionWords = map[string]string{
	"the": "en", "and": "en", "of": "en", "to": "en", "is": "en", "for": "en", "with": "en", "which": "en", "this": "en", "that": "en", "from": "en", "will": "en", "have": "en", "has": "en", "are": "en", "was": "en", "its": "en", "their": "en",
	"le": "fr", "les": "fr", "et": "fr", "des": "fr", "du": "fr", "au": "fr", "aux": "fr", "une": "fr", "est": "fr", "dans": "fr", "pour": "fr", "sur": "fr", "qui": "fr", "ce": "fr", "cette": "fr", "sont": "fr", "avec": "fr", "leur": "fr", "il": "fr",
	"el": "es", "los": "es", "las": "es", "y": "es", "del": "es", "una": "es", "es": "es", "para": "es", "con": "es", "por": "es", "su": "es", "sus": "es", "como": "es", "esta": "es", "este": "es", "al": "es", "lo": "es", "entre": "es",
}

// undetermined is the BCP 47 code of a page whose language nothing tells.
const undetermined = "und"

// langVotes counts evidence for each language: labels and value names weigh
// more than function words, and the menu decides only when the content says
// nothing. words counts the words read so far, which are bounded.
type langVotes struct {
	votes [3]int // by index in model.Languages
	words int
}

// maxVoteWords bounds the words read for function words: the first few
// hundred tell the language as well as a whole page does.
const maxVoteWords = 600

func (v *langVotes) add(lang string, weight int) {
	if i := model.LangRank(lang); i < len(v.votes) {
		v.votes[i] += weight
	}
}

// addText counts the function words of a piece of text.
func (v *langVotes) addText(text string) {
	for start := 0; start < len(text) && v.words < maxVoteWords; {
		// Find the next word of ASCII letters; function words have no
		// accents, and other words only advance the count.
		for start < len(text) && !isASCIILetter(text[start]) {
			start++
		}
		end := start
		for end < len(text) && !voteWordEnd[text[end]] {
			end++
		}
		if end == start {
			break
		}
		v.words++
		if lang, ok := functionWordLang(text[start:end]); ok {
			v.add(lang, 1)
		}
		start = end
	}
}

// voteWordEnd marks the bytes that end a word for addText.
var voteWordEnd = [256]bool{' ': true, '\'': true, ',': true, '.': true}

// functionWordKeys maps the function words, each packed into an integer by
// wordKey, to their language: addText looks up most words of a page, and an
// integer key hashes and compares much faster than a string.
var functionWordKeys = func() map[uint64]string {
	keys := make(map[uint64]string, len(functionWords))
	for w, lang := range functionWords {
		k, ok := wordKey(w)
		if !ok {
			panic("parser: function word " + w + " is not a word of up to 8 ASCII letters")
		}
		keys[k] = lang
	}
	return keys
}()

// wordKey packs a word of up to eight ASCII letters, lower-cased, into an
// integer, one byte per letter; ok is false for any other word, which is no
// function word.
func wordKey(w string) (key uint64, ok bool) {
	if len(w) > 8 {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			return 0, false // a bracket, a digit, an accent: no function word
		}
		key = key<<8 | uint64(c)
	}
	return key, true
}

// functionWordLang returns the language of w when it is a function word in
// any case.
func functionWordLang(w string) (string, bool) {
	k, ok := wordKey(w)
	if !ok {
		return "", false
	}
	lang, ok := functionWordKeys[k]
	return lang, ok
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// decide returns the language with the most evidence, or the menu's
// language when there is none, or "und"; ties go to the menu's language, then to the
// order of model.Languages.
func (v *langVotes) decide(menuLang string) string {
	best, bestVotes := "", 0
	for i, lang := range model.Languages {
		n := v.votes[i]
		if n > bestVotes || (n == bestVotes && n > 0 && lang == menuLang) {
			best, bestVotes = lang, n
		}
	}
	if best == "" && menuLang != "" {
		return menuLang
	}
	if best == "" {
		return undetermined
	}
	return best
}
