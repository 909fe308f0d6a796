package parser

import (
	"strings"
	"unicode"

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
// nothing.
type langVotes map[string]int

func (v langVotes) add(lang string, weight int) {
	if lang != "" {
		v[lang] += weight
	}
}

// addText counts the function words of a piece of text, up to a bound, so a
// long body costs no more than its first few hundred words.
func (v langVotes) addText(text string) {
	const maxWords = 400
	n := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if n++; n > maxWords {
			return
		}
		if lang, ok := functionWords[strings.ToLower(w)]; ok {
			v[lang]++
		}
	}
}

// decide returns the language with the most evidence, or the menu's
// language when there is none, or "und"; ties go to the menu's language, then to the
// order of model.Languages.
func (v langVotes) decide(menuLang string) string {
	best, bestVotes := "", 0
	for _, lang := range model.Languages {
		n := v[lang]
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
