package news

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A news item that has no header, dateline or contact block still reads
// as one: its lead tells of something done, by or with IOM, in a completed
// tense ("Four boreholes built with grants from IOM were handed over …",
// "Quinze migrants … ont ouvert une boulangerie avec l’appui de l’OIM",
// "La OIM entregó …"). An about page describes, in the present or since a
// year ("IOM has had a presence in Uganda since 1995", "l’OIM conseille
// …"). ReportsEvent reads that difference with a few words per language:
// auxiliaries, the endings of participles, and the words of a lasting
// state. Words are compared lower-cased but with their accents, which
// tell "formé" (a participle) from "forme" and "entregó" from "entrego".

// ReportsEvent reports whether the first sentence of a story's lead, in
// language lang ("en", "fr" or "es"), names IOM and tells of a completed
// event: an auxiliary followed by a participle ("has distributed", "were
// handed", "ont ouvert", "a été remis", "han recibido"), or in Spanish a
// preterite ("entregó", "atendieron"), or in English a past form after
// the day ("IOM today launched"). A sentence with a word of a lasting
// state ("since", "depuis", "desde", "founded") reports nothing.
func ReportsEvent(lead, lang string) bool {
	g, ok := reportingGrammars[lang]
	if !ok {
		return false
	}
	if !mayNameIOM(lead) {
		return false // the cheap test first: most leads of pages name no IOM
	}
	sentence := firstSentence(lead)
	if !namesIOM(sentence) || describesItself(sentence) {
		return false
	}
	words := strings.Fields(sentence)
	for i, w := range words {
		words[i] = strings.ToLower(strings.Trim(w, `,;:.()"“”«»`))
		if g.state[words[i]] {
			return false
		}
	}
	for i, w := range words {
		if g.preterite != nil && g.preterite(w) {
			return true
		}
		if g.pastAfter[w] && i+1 < len(words) && g.participle(words[i+1]) {
			return true // "IOM today launched …"
		}
		if w == "iom" && i+1 < len(words) && g.participle(words[i+1]) && namesEventDay(words, g.eventDays) {
			return true // "IOM opened … on Monday"
		}
		if !g.auxiliaries[w] || (i > 0 && g.notAuxiliaryAfter[words[i-1]]) {
			continue
		}
		// The participle follows, perhaps after an adverb or two ("has
		// today launched", "a également remis").
		for j := i + 1; j < len(words) && j <= i+3; j++ {
			if g.participle(words[j]) {
				return true
			}
			if !g.adverb(words[j]) {
				break
			}
		}
	}
	return false
}

// reportingGrammar is what ReportsEvent knows of a language. Its words
// are lower case, accents kept.
type reportingGrammar struct {
	auxiliaries map[string]bool
	// notAuxiliaryAfter are the words after which an auxiliary is none
	// ("il y a deux ans").
	notAuxiliaryAfter map[string]bool
	state             map[string]bool // words of a lasting state
	// pastAfter are the words of the day of the event, after which a
	// past form on its own is the event ("IOM today launched").
	pastAfter map[string]bool
	// eventDays name the day of an event ("on Monday", "this week"): with
	// one, IOM followed by a past form is the event ("IOM opened a centre
	// on Monday"), where without one it may be an about page's history.
	eventDays  map[string]bool
	participle func(string) bool // a past participle
	adverb     func(string) bool // a word that may stand between the two
	preterite  func(string) bool // a preterite on its own; nil for none
}

// reportingGrammars holds the grammar of each language ReportsEvent reads.
var reportingGrammars = map[string]reportingGrammar{
	"en": {
		auxiliaries: set("has", "have", "was", "were"),
		state:       set("since", "founded", "established"),
		pastAfter:   set("today", "yesterday"),
		eventDays:   set("today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "weekend"),
		participle: func(w string) bool {
			return len(w) > 4 && strings.HasSuffix(w, "ed") || enIrregularParticiples[w]
		},
		adverb: func(w string) bool { return strings.HasSuffix(w, "ly") || enAdverbs[w] },
	},
	"fr": {
		// "a" is the verb; the preposition is "à", accent and all.
		auxiliaries:       set("a", "ont", "avons", "été"),
		notAuxiliaryAfter: set("y"),
		state:             set("depuis", "fondée", "créée"),
		participle: func(w string) bool {
			return !frNotParticiples[w] && utf8.RuneCountInString(w) > 3 && hasAnySuffix(w, frParticipleEndings)
		},
		adverb: func(w string) bool { return strings.HasSuffix(w, "ment") || frAdverbs[w] },
	},
	"es": {
		auxiliaries: set("ha", "han", "hemos", "fue", "fueron"),
		state:       set("desde", "fundada", "creada"),
		participle: func(w string) bool {
			return len(w) > 4 && hasAnySuffix(w, esParticipleEndings) || esIrregularParticiples[w]
		},
		adverb: func(w string) bool { return strings.HasSuffix(w, "mente") || esAdverbs[w] },
		// The third person of the preterite: "entregó", "inauguró",
		// "atendieron", "acordaron". Few other words end so.
		preterite: func(w string) bool {
			return utf8.RuneCountInString(w) > 4 && isLowerWord(w) && hasAnySuffix(w, []string{"ó", "aron", "ieron"})
		},
	},
}

var (
	enAdverbs              = set("today", "yesterday", "now", "just", "also", "already", "recently", "jointly")
	frAdverbs              = set("déjà", "aussi", "hier", "aujourd’hui", "aujourd'hui", "récemment")
	esAdverbs              = set("ya", "también", "hoy", "ayer")
	frParticipleEndings    = []string{"é", "ée", "és", "ées", "i", "ie", "is", "ise", "it", "ite", "u", "ue", "us", "ert", "erte", "ait", "eint"}
	esParticipleEndings    = []string{"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"}
	enIrregularParticiples = set("held", "met", "begun", "given", "taken", "brought", "made", "built", "won", "led", "sent", "paid", "sold", "spent", "taught", "shown", "seen", "found", "chosen", "drawn", "written", "done", "undertaken")
	esIrregularParticiples = set("abierto", "abierta", "hecho", "hecha", "puesto", "puesta", "vuelto", "escrito", "cubierto", "resuelto", "provisto")
	frNotParticiples       = set("aussi", "ainsi", "parmi", "lui", "qui", "ici", "tout", "plus", "sous", "lieu", "peu", "leurs", "nous", "vous", "besoin", "droit", "trait")
)

// namesEventDay reports whether one of words (lower case, trimmed) names
// the day of an event.
func namesEventDay(words []string, days map[string]bool) bool {
	for _, w := range words {
		if days[w] {
			return true
		}
	}
	return false
}

// hasAnySuffix reports whether w ends with one of suffixes.
func hasAnySuffix(w string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// isLowerWord reports whether w is made of lower-case letters only.
func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// maxLeadSentence bounds the first sentence read.
const maxLeadSentence = 400

// selfReferences are the words with which a project's description names
// the project it describes ("IOM has implemented this project in three
// provinces"), lower case; a news item names a project otherwise ("a
// project", "the CD4D project").
var selfReferences = []string{"this project", "this programme", "this program", "ce projet", "ce programme", "este proyecto", "este programa"}

// describesItself reports whether a sentence names the page's own project.
func describesItself(sentence string) bool {
	lower := strings.ToLower(sentence)
	for _, r := range selfReferences {
		if strings.Contains(lower, r) {
			return true
		}
	}
	return false
}

// firstSentence returns text up to the end of its first sentence (a full
// stop followed by a space and a capital), at most maxLeadSentence bytes.
func firstSentence(text string) string {
	if len(text) > maxLeadSentence {
		text = text[:maxLeadSentence]
	}
	if loc := sentenceBreak.FindStringIndex(text); loc != nil {
		return text[:loc[1]-1]
	}
	return text
}

// mayNameIOM is a cheap test that namesIOM may hold for the first
// sentence of text: its first maxLeadSentence bytes hold "IOM", "OIM" or
// the start of a full name.
func mayNameIOM(text string) bool {
	text = text[:min(len(text), maxLeadSentence)]
	return strings.Contains(text, "IOM") || strings.Contains(text, "OIM") || strings.Contains(text, "Organi")
}

// namesIOM reports whether text names the organisation: "IOM" or "OIM"
// as a word (also "l’OIM", "d'OIM", "IOM’s"), or its full name in one of
// the three languages.
func namesIOM(text string) bool {
	for w := range strings.FieldsSeq(text) {
		w = strings.Trim(w, `,;:.()"“”«»`)
		if _, after, ok := cutElision(w); ok {
			w = after
		}
		w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
		if w == "IOM" || w == "OIM" {
			return true
		}
	}
	for _, name := range iomFullNames {
		if strings.Contains(text, name) {
			return true
		}
	}
	return false
}

// cutElision splits a French elided article off a word: "l’OIM" is "l’"
// and "OIM".
func cutElision(w string) (article, rest string, ok bool) {
	for _, a := range []string{"l’", "l'", "L’", "L'", "d’", "d'", "D’", "D'"} {
		if rest, ok := strings.CutPrefix(w, a); ok {
			return a, rest, true
		}
	}
	return "", w, false
}

// iomFullNames are the organisation's full names.
var iomFullNames = []string{"International Organization for Migration", "Organisation internationale pour les migrations", "Organización Internacional para las Migraciones"}
