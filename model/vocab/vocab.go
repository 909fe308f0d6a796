package vocab

import "strings"

// Name is one way of writing a term in one language. Lang is "" for a name
// every language uses (iom.int keeps "Budget Amount (USD)" and "National" on
// its French and Spanish pages), so that it casts no vote on the language.
type Name struct {
	Lang string
	Text string
}

// Term is a canonical code with the names that mean it. The first name of a
// language is its display name.
type Term struct {
	Code  string
	Names []Name
}

// Vocabulary looks up terms by any of their names, folded (case, accents,
// hyphens, apostrophes and spacing ignored). Adding a language or a variant
// is adding a Name, not code.
type Vocabulary struct {
	terms []Term
	index map[string]Match
	// maxLen bounds the length of a text that can name a term, so that
	// lookups of long lines (paragraphs) cost nothing.
	maxLen int
	// maxKey is the length of the longest folded name: a lookup stops
	// folding past it, since no longer key can match.
	maxKey int
	// exact maps each name as the table writes it to what its fold
	// means: most pages write names so, and are answered without folding.
	exact   map[string]Match
	maxName int // the length of the longest name as written
	// first and last mark the bytes that folded names start and end with:
	// most lines looked up (is this a label?) are told apart by them
	// before any folding.
	first, last [256]bool
}

// Match is the result of a lookup: the term's code and the language of the
// name that matched ("" when the name is shared by every language).
type Match struct {
	Code string
	Lang string
}

// NewVocabulary indexes terms by their folded names. A folded name given to
// two codes is a bug in the table, so it panics at start-up rather than
// resolving by order.
func NewVocabulary(terms []Term) *Vocabulary {
	v := &Vocabulary{terms: terms, index: make(map[string]Match)}
	for _, t := range terms {
		for _, n := range t.Names {
			k := Fold(n.Text)
			v.maxLen = max(v.maxLen, 2*len(n.Text)+16) // room for spacing and punctuation
			v.maxKey = max(v.maxKey, len(k))
			if k != "" {
				v.first[k[0]], v.last[k[len(k)-1]] = true, true
			}
			if m, ok := v.index[k]; ok && m.Code != t.Code {
				panic("model: vocabulary name " + n.Text + " means both " + m.Code + " and " + t.Code)
			} else if ok && m.Lang != n.Lang {
				v.index[k] = Match{Code: t.Code} // the same text in two languages votes for neither
				continue
			}
			v.index[k] = Match{Code: t.Code, Lang: n.Lang}
		}
	}
	v.exact = make(map[string]Match)
	for _, t := range terms {
		for _, n := range t.Names {
			v.exact[n.Text] = v.index[Fold(n.Text)]
			v.maxName = max(v.maxName, len(n.Text))
		}
	}
	return v
}

// Lookup returns the term that s names. It is called on most lines of a
// page (is this a label, a header, a menu item?), so a name written as the
// table writes it is found without folding, and any other text is folded
// into a buffer on the stack, and only as far as the longest name: it
// allocates nothing.
func (v *Vocabulary) Lookup(s string) (Match, bool) {
	if len(s) > v.maxLen {
		return Match{}, false
	}
	// An ASCII letter, digit or kept punctuation at either end of s is the
	// first or last byte of its folded form, which no name may have.
	if s != "" {
		if f := foldedASCII(s[0]); f != 0 && !v.first[f] {
			return Match{}, false
		}
		if f := foldedASCII(s[len(s)-1]); f != 0 && !v.last[f] {
			return Match{}, false
		}
	}
	if len(s) <= v.maxName {
		if m, ok := v.exact[s]; ok {
			return m, true
		}
	}
	var buf [128]byte
	k, ok := appendFold(buf[:0], s, v.maxKey)
	if !ok {
		return Match{}, false
	}
	m, ok := v.index[string(k)] // no allocation: the compiler knows
	return m, ok
}

// LookupPrefix returns the single term of which s is the beginning of a name,
// for values cut off mid-word by a truncated page. It needs at least min
// folded characters so that short fragments match nothing.
func (v *Vocabulary) LookupPrefix(s string, min int) (Match, bool) {
	k := Fold(s)
	if len(k) < min {
		return Match{}, false
	}
	var found Match
	n := 0
	for name, m := range v.index {
		if strings.HasPrefix(name, k) && m.Code != found.Code {
			found = m
			n++
		}
	}
	return found, n == 1
}

// Display returns the display name of code in lang, falling back to English.
func (v *Vocabulary) Display(code, lang string) string {
	for _, t := range v.terms {
		if t.Code != code {
			continue
		}
		fallback := ""
		for _, n := range t.Names {
			if n.Lang == lang {
				return n.Text
			}
			if fallback == "" && (n.Lang == "en" || n.Lang == "") {
				fallback = n.Text
			}
		}
		return fallback
	}
	return ""
}

// Codes lists the codes of the vocabulary in table order, for enums in the
// JSON Schema and for documentation.
func (v *Vocabulary) Codes() []string {
	codes := make([]string, len(v.terms))
	for i, t := range v.terms {
		codes[i] = t.Code
	}
	return codes
}
