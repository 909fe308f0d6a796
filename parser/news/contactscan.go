package news

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/text"
)

// contactIntroPattern matches what follows the opening phrase of a contact
// block before the first contact: ", please contact:", ", veuillez
// contacter", ", por favor contacte a". contactIntroEnd reads it by hand.
var contactIntroPattern = regexp.MustCompile(`(?i)^[\s,:;]*(?:(?:please|kindly|veuillez|merci de|por favor|you can|vous pouvez|puede)\s+)?(?:contact(?:er|ez|e|ar)?|call|e-?mail|write to|reach|get in touch with|prendre contact avec|s['’]adresser à|comuníquese|comunicarse|póngase en contacto|diríjase)?(?:\s+(?:with|avec|con|a|à))?(?:\s+(?:the following|les personnes suivantes))?\s*[:,.]?\s*`)

// contactIntroEnd returns the length of the match of contactIntroPattern
// at the start of s (FuzzScanners holds the two equal). Each part of the
// expression after the first is optional, so the expression takes each
// part's first alternative that matches where the part before it ended,
// and never backtracks: this does the same, without the engine's set-up
// for the rest of the paragraph.
func contactIntroEnd(s string) int {
	i := 0
	for i < len(s) && (ascii.IsPerlSpace(s[i]) || s[i] == ',' || s[i] == ':' || s[i] == ';') {
		i++
	}
	for _, w := range contactIntroPolite {
		if e := hasPrefixFoldAt(s, i, w); e >= 0 && e < len(s) && ascii.IsPerlSpace(s[e]) {
			i = text.SkipSpace(s, e)
			break
		}
	}
	for _, w := range contactIntroVerbs {
		if e := hasPrefixFoldAt(s, i, w); e >= 0 {
			i = e
			break
		}
	}
	for _, words := range [...][]string{contactIntroWith, contactIntroFollowing} {
		j := text.SkipSpace(s, i)
		if j == i {
			continue
		}
		for _, w := range words {
			if e := hasPrefixFoldAt(s, j, w); e >= 0 {
				i = e
				break
			}
		}
	}
	i = text.SkipSpace(s, i)
	if i < len(s) && (s[i] == ':' || s[i] == ',' || s[i] == '.') {
		i++
	}
	return text.SkipSpace(s, i)
}

// The alternatives of the parts of contactIntroEnd's expression, in the
// order the expression tries them.
var (
	contactIntroPolite = []string{"please", "kindly", "veuillez", "merci de", "por favor", "you can", "vous pouvez", "puede"}
	contactIntroVerbs  = []string{"contacter", "contactez", "contacte", "contactar", "contact", "call", "e-mail", "email", "write to", "reach",
		"get in touch with", "prendre contact avec", "s'adresser à", "s’adresser à", "comuníquese", "comunicarse", "póngase en contacto", "diríjase"}
	contactIntroWith      = []string{"with", "avec", "con", "a", "à"}
	contactIntroFollowing = []string{"the following", "les personnes suivantes"}
)

// contactLabelWords are the labels left between the values of a contact,
// in the order they are tried: a longer label that starts like a shorter
// one is tried after it, and taken when the shorter one is not a whole word.
var contactLabelWords = strings.Split(vocab.PhoneLabels+"|"+vocab.EmailLabels, "|")

// contactLabelStarts marks the bytes a contact label can start with: the
// first byte of its first letter, in any case.
var contactLabelStarts = func() (starts [256]bool) {
	for _, w := range contactLabelWords {
		r, _ := utf8.DecodeRuneInString(w)
		starts[string(r)[0]] = true
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			starts[string(f)[0]] = true
		}
	}
	return starts
}()

// contactLabelPattern matches the label of a contact's phone number or
// email address, as vocab defines it for the parser and redaction alike.
// contactLabelAt reads it by hand.
var contactLabelPattern = vocab.ContactLabelPattern

// contactLabelAt returns the end of the match of contactLabelPattern that
// starts at byte i of s, or -1 (FuzzScanners holds the two equal): a whole
// label word in any case, perhaps with a full stop, a bracketed note of up
// to twelve characters ("Tel (mobile)") and a colon, with the spaces around
// them. Replacing the labels of every gap of a contact block with the
// expression was the costliest step of reading the block.
func contactLabelAt(s string, i int) int {
	if !contactLabelStarts[s[i]] || i > 0 && ascii.IsWord(s[i-1]) {
		return -1 // no label starts with this byte, or not at the start of a word
	}
	end := -1
	for _, w := range contactLabelWords {
		if e := hasPrefixFoldAt(s, i, w); e >= 0 && (e == len(s) || !ascii.IsWord(s[e])) {
			end = e
			break
		}
	}
	if end < 0 {
		return -1
	}
	if end < len(s) && s[end] == '.' {
		end++
	}
	end = text.SkipSpace(s, end)
	if end < len(s) && s[end] == '(' {
		// A bracket closed within twelve characters.
		for j, n := end+1, 0; j < len(s) && n <= 12; n++ {
			if s[j] == ')' {
				end = j + 1
				break
			}
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
		}
	}
	end = text.SkipSpace(s, end)
	if end < len(s) && s[end] == ':' {
		end++
	}
	return end
}

// phoneLabelEndPattern matches a phone label that ends the text before a
// number, as vocab defines it for the parser and redaction alike.
// phoneLabelEnds reads it by hand.
var phoneLabelEndPattern = vocab.PhoneLabelEnd

// phoneLabels are the words of vocab.PhoneLabels.
var phoneLabels = strings.Split(vocab.PhoneLabels, "|")

// phoneLabelEnds reports whether s ends with a phone label, its note and
// a colon or full stop, and spaces: whether phoneLabelEndPattern matches
// (FuzzScanners holds the two equal). The expression, anchored at its end
// only, was run on the whole of the block before each number, time in
// the square of a block of thousands of numbers; this reads s backwards
// from its end, as far as a label can reach. Going back, the parts of
// the expression after the label, `\.?\s*(?:\([^)]{0,12}\))?\s*[:.]?\s*`,
// are each optional: the label may end at any of the few places where
// some of them, taken or left out, stop.
func phoneLabelEnds(s string) bool {
	var ends [16]int // the places the label may end; few, since the parts are short
	at := ends[:0]
	p := skipSpaceBack(s, len(s))
	at = append(at, p)
	if p > 0 && (s[p-1] == ':' || s[p-1] == '.') {
		at = append(at, skipSpaceBack(s, p-1))
	}
	for _, p := range at {
		if p == 0 || s[p-1] != ')' {
			continue
		}
		// A note: "(" and up to twelve characters other than ")", any
		// "(" among them opening it.
		for q, n := p-1, 0; q > 0 && n <= 12; n++ {
			r, size := utf8.DecodeLastRuneInString(s[:q])
			if r == ')' {
				break
			}
			q -= size
			if r == '(' && len(at) < cap(at) {
				at = append(at, skipSpaceBack(s, q))
			}
		}
	}
	for _, p := range at {
		if phoneLabelBefore(s, p) || p > 0 && s[p-1] == '.' && phoneLabelBefore(s, p-1) {
			return true
		}
	}
	return false
}

// skipSpaceBack returns the start of the run of white space (\s) that
// ends at byte i of s.
func skipSpaceBack(s string, i int) int {
	for i > 0 && ascii.IsPerlSpace(s[i-1]) {
		i--
	}
	return i
}

// phoneLabelBefore reports whether one of phoneLabels, in any case, ends
// at byte i of s.
func phoneLabelBefore(s string, i int) bool {
	for _, w := range phoneLabels {
		if hasSuffixFoldAt(s, i, w) {
			return true
		}
	}
	return false
}

// hasSuffixFoldAt reports whether s holds suffix, in any case (Unicode
// simple folding, as (?i) matches), ending at byte i.
func hasSuffixFoldAt(s string, i int, suffix string) bool {
	for j := len(suffix); j > 0; {
		p, psize := utf8.DecodeLastRuneInString(suffix[:j])
		j -= psize
		if i == 0 {
			return false
		}
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r != p && !foldsTo(r, p) {
			return false
		}
		i -= size
	}
	return true
}

// replaceContactLabels replaces each contact label of text with a comma,
// which splitPieces then breaks at. Text without labels is returned as is.
func replaceContactLabels(text string) string {
	var b []byte
	last := 0
	for i := 0; i < len(text); i++ {
		end := contactLabelAt(text, i)
		if end < 0 {
			continue
		}
		b = append(append(b, text[last:i]...), ',')
		last, i = end, end-1
	}
	if b == nil {
		return text
	}
	return string(append(b, text[last:]...))
}

// hasPrefixFoldAt returns the end of prefix in s at byte i when s holds it
// there, in any case (Unicode simple folding, as (?i) matches), or -1.
func hasPrefixFoldAt(s string, i int, prefix string) int {
	for _, p := range prefix {
		if i >= len(s) {
			return -1
		}
		if c := s[i]; c < utf8.RuneSelf && p < utf8.RuneSelf {
			// ASCII: no character outside ASCII folds to an ASCII one
			// that differs from it only by case ("ſ" is not ASCII).
			if ascii.Lower(c) != ascii.Lower(byte(p)) {
				return -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != p && !foldsTo(r, p) {
			return -1
		}
		i += size
	}
	return i
}

// foldsTo reports whether r is in the case-folding orbit of p ("S", "ſ"
// for "s").
func foldsTo(r, p rune) bool {
	for f := unicode.SimpleFold(p); f != p; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// pieceBreakPattern matches a break between two pieces of the text between
// a contact block's values: a comma, semicolon, bracket or line end, or a
// conjunction or dash between spaces that starts the next contact.
// pieceBreakAt and breakPieces read it by hand.
var pieceBreakPattern = regexp.MustCompile(`[,;()\n]|\s(?:or|ou|o|and|et|y)\s|\s[-–—]\s`)

// pieceBreakAt returns the length of the match of pieceBreakPattern that
// starts at byte i of s, or 0 (FuzzScanners holds breakPieces to the
// pattern's Split): splitting every gap of every contact block with the
// expression cost more than the rest of the block's reading.
func pieceBreakAt(s string, i int) int {
	switch s[i] {
	case ',', ';', '(', ')', '\n':
		return 1
	case ' ', '\t', '\f', '\r': // \s, less the line end taken above
		if i+2 >= len(s) || strings.IndexByte(pieceBreakFirsts, s[i+1]) < 0 {
			return 0 // most spaces are followed by a word that is none of these
		}
		for _, w := range pieceBreakWords {
			if rest := s[i+1:]; len(rest) > len(w) && rest[:len(w)] == w && ascii.IsPerlSpace(rest[len(w)]) {
				return 1 + len(w) + 1
			}
		}
	}
	return 0
}

// pieceBreakWords are the words and dashes that, between spaces, break
// pieces.
var pieceBreakWords = [...]string{"or", "ou", "o", "and", "et", "y", "-", "–", "—"}

// pieceBreakFirsts holds the first bytes of pieceBreakWords.
const pieceBreakFirsts = "oaey-\xe2"

// iomNamePattern matches the organisation's own name as a whole word.
// findIOMName reads it by hand.
var iomNamePattern = regexp.MustCompile(`\b(?:IOM|OIM|International Organization for Migration|Organisation internationale pour les migrations|Organización Internacional para las Migraciones)\b`)

// findIOMName returns the bounds of the organisation's own name in a piece
// of a contact block ("Jane Roe at IOM Egypt", "Marie Dupont à l’OIM
// Maroc"), or -1, -1: the first of iomNames that is a whole word, the
// first match of iomNamePattern (FuzzScanners holds the two equal). Every
// name starts with "I" or "O", and no two can start at the same byte.
func findIOMName(piece string) (start, end int) {
	for p := 0; p < len(piece); p++ {
		if c := piece[p]; c != 'I' && c != 'O' || p > 0 && ascii.IsWord(piece[p-1]) {
			continue
		}
		for _, name := range iomNames {
			if e := p + len(name); strings.HasPrefix(piece[p:], name) && (e == len(piece) || !ascii.IsWord(piece[e])) {
				return p, e
			}
		}
	}
	return -1, -1
}

// iomNames are the organisation's names, as findIOMName looks for them.
var iomNames = [...]string{"IOM", "OIM", "International Organization for Migration", "Organisation internationale pour les migrations", "Organización Internacional para las Migraciones"}

// orgIntroPattern matches a preposition that introduces an organisation
// after a person's name ("Jane Roe at the Ministry of Labour"), up to the
// organisation's capital letter. findOrgIntro reads it by hand.
var orgIntroPattern = regexp.MustCompile(`\s(?:at|with|from|à|auprès de|en|de)\s+(?:the\s+|l['’]\s?|la\s+|el\s+|le\s+)?\p{Lu}`)

// findOrgIntro returns the bounds of the first match of orgIntroPattern in
// piece, or -1, -1 (FuzzScanners holds the two equal). No two
// prepositions, and no two articles, start alike, and neither starts with
// a space or a capital, so the expression can match in one way only at
// each start.
func findOrgIntro(piece string) (start, end int) {
	for p := 0; p < len(piece); p++ {
		if !ascii.IsPerlSpace(piece[p]) {
			continue
		}
		for _, w := range orgIntroWords {
			if strings.HasPrefix(piece[p+1:], w) {
				if end := orgAfterIntro(piece, p+1+len(w)); end >= 0 {
					return p, end
				}
				break
			}
		}
	}
	return -1, -1
}

// orgIntroWords are the prepositions of findOrgIntro.
var orgIntroWords = [...]string{"at", "with", "from", "à", "auprès de", "en", "de"}

// orgAfterIntro returns the end of the spaces, the article if any and the
// capital letter that follow a preposition at byte i, or -1.
func orgAfterIntro(s string, i int) int {
	j := text.SkipSpace(s, i)
	if j == i {
		return -1
	}
	switch {
	case strings.HasPrefix(s[j:], "l'") || strings.HasPrefix(s[j:], "l’"):
		_, size := utf8.DecodeRuneInString(s[j+1:])
		j += 1 + size
		if j < len(s) && ascii.IsPerlSpace(s[j]) {
			j++
		}
	case strings.HasPrefix(s[j:], "the") || strings.HasPrefix(s[j:], "la") || strings.HasPrefix(s[j:], "el") || strings.HasPrefix(s[j:], "le"):
		n := 2
		if s[j] == 't' {
			n = 3
		}
		if k := text.SkipSpace(s, j+n); k > j+n {
			j = k
		}
	}
	if j >= len(s) {
		return -1
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	if !unicode.Is(unicode.Lu, r) {
		return -1
	}
	return j + size
}

// contactOpenings are the phrases that open a contact block in three
// languages, in the order the expression tries them.
const contactOpenings = `for (?:further|more|additional) information|pour (?:plus d['’]\s?informations?|de plus amples informations|toute (?:autre )?information(?: complémentaire)?|en savoir plus)|para (?:más|mayor|obtener más) información`

// contactOpeningPattern matches the opening phrase of a contact block, at
// the start of a paragraph or after a sentence's end and its spaces.
// findContactOpening reads it by hand.
var contactOpeningPattern = regexp.MustCompile(`(?i)(?:^|[.!?:]\s+)(` + contactOpenings + `)`)

// findContactOpening returns the end of the first match of
// contactOpeningPattern in p, or -1 (FuzzScanners holds the two equal).
// The expression, unanchored and without a literal to look for,
// backtracked from every byte of the paragraph; this tries the phrases
// only where one can start, in order, which finds the same match in a few
// tries.
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
// byte c of p, or -1: the match at c of (?i)contactOpenings, written out:
// the alternatives in the order the expression tries them, and an optional
// part taken when it matches. Every phrase starts with "for", "pour" or
// "para", in any case.
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
