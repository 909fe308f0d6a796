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

// maxFunctionWord is the length of the longest function word: longer words
// are not looked up.
var maxFunctionWord = func() (n int) {
	for w := range functionWords {
		n = max(n, len(w))
	}
	return n
}()

// functionWordLang returns the language of w when it is a function word in
// any case. Only words of a few ASCII letters can be, and only they are
// lower-cased, on the stack, and looked up.
func functionWordLang(w string) (string, bool) {
	var buf [16]byte
	if len(w) > maxFunctionWord || len(w) > len(buf) {
		return "", false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			return "", false // a bracket, a digit, an accent: no function word
		}
		buf[i] = c
	}
	lang, ok := functionWords[string(buf[:len(w)])] // no allocation: the compiler knows
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
