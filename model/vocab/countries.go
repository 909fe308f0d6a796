// The country table and the member-state splitter.
//
// The table, countryTable, lives in countries_gen.go, which is generated:
//
//	go generate ./model/vocab
//
// runs ./internal/gencountries in this directory. It reads countries.tsv (the
// United Nations official short names of the 193 member states and the two
// observer states in English, French and Spanish, and the variants IOM pages
// use) and the English, French and Spanish CLDR names of every current ISO
// 3166-1 alpha-2 region, and Kosovo (XK), from golang.org/x/text/language/display
// at the version go.mod requires. To add a name, add a row to countries.tsv
// and re-run; to take a newer CLDR, upgrade golang.org/x/text and re-run.
// Never edit countries_gen.go by hand.

package vocab

//go:generate go run ./internal/gencountries

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
)

// Country is a region of the country table: its ISO 3166-1 alpha-2 code
// and its names. The first name is the English display name that
// CountryName returns.
type Country struct {
	Code  string
	Names []Name
}

// CountryMatch is one name found by SplitCountries.
type CountryMatch struct {
	Code  string // ISO 3166-1 alpha-2; "" when Known is false
	Name  string // the English display name, or the text as written when unknown
	Text  string // as written in s, a bracketed article included
	Start int    // byte offset of Text in s
	End   int    // byte offset just past Text in s
	Lang  string // language of the name matched; "" when several languages share it
	Known bool   // the country table knows the name
	// Repeat marks a code already matched earlier in s, or an unknown name
	// already seen (folded alike); the caller drops it with an info
	// diagnostic.
	Repeat bool
}

// countryPreferred settles folded names the table gives to two codes. The
// index refuses to start on any other collision, so that one is never
// resolved by table order. Empty today: the names that look ambiguous are
// not. "Congo" alone is the Republic of the Congo (CG), the UN short name,
// and the Democratic Republic always says so; "Guinea" alone is GN, whose
// neighbours are "Equatorial Guinea", "Guinea-Bissau" and "Papua New
// Guinea", which the splitter's longest match keeps whole.
var countryPreferred = map[string]string{}

// countries is the index of countryTable, built once at start-up and never
// changed, so it is safe for concurrent use.
var countries = mustCountryIndex(countryTable, countryPreferred)

// CountryName returns the English display name of code, or "" for a code
// the table does not have. The display name is the UN English short name
// without its bracketed qualifier ("Bolivia" for "Bolivia (Plurinational
// State of)", "Netherlands" for "Netherlands (Kingdom of the)"), so "Côte
// d'Ivoire", "Türkiye", "Viet Nam", "United Republic of Tanzania" and
// "United Kingdom of Great Britain and Northern Ireland"; for a territory
// it is the common English name ("Kosovo", "Hong Kong") or CLDR's, spelt
// out ("Saint Helena", "Turks and Caicos Islands").
func CountryName(code string) string {
	if c := countries.country(code); c != nil {
		return c.Names[0].Text
	}
	return ""
}

// CountryCodes lists the codes of the table in order, for enums in the JSON
// Schema and for documentation.
func CountryCodes() []string {
	codes := make([]string, len(countryTable))
	for i, c := range countryTable {
		codes[i] = c.Code
	}
	return codes
}

// LookupCountry returns the code of the country that name names, matched
// whole after folding (case, accents, hyphens, apostrophes and brackets
// ignored); a trailing bracketed article, "Perú (el)", may be there or not.
// lang is the language of the name, "" when several languages write it
// alike ("Rwanda").
func LookupCountry(name string) (code, lang string, ok bool) {
	var buf [128]byte // folded on the stack: the Development Fund tries every value line
	if e, found := countries.keys[string(AppendFold(buf[:0], name))]; found && e.full {
		return e.code, e.lang, true
	}
	if base, _, cut := cutArticle(name); cut {
		if e, found := countries.keys[string(AppendFold(buf[:0], base))]; found && e.full {
			return e.code, e.lang, true
		}
	}
	return "", "", false
}

// SplitCountries splits a line of member-state names written one after
// the other with nothing between them ("Burkina Faso Burundi Cameroon
// Central African Republic Chad"), as IOM pages do, into the names in the
// order written.
//
// At each word it takes the longest run of words that is a name, so
// "Democratic Republic of the Congo" is one country and not "Congo", and
// "Guinea-Bissau" is not "Guinea". A bracketed article right after a name,
// "República Dominicana (la)", belongs to it. Consecutive words that start
// no name are kept together as one unknown match, so a list cut off
// mid-name ends with an unknown "Tanz" and nothing is lost. Words with no
// letter or digit ("-", "–") between names are skipped; inside an unknown
// run they stay in its Text.
func SplitCountries(s string) []CountryMatch {
	return countries.split(nil, s)
}

// AppendCountries appends the matches of SplitCountries(s) to dst and
// returns the extended slice, so that a caller that only reads them can
// keep them in a buffer of its own rather than in a new one.
func AppendCountries(dst []CountryMatch, s string) []CountryMatch {
	return countries.split(dst, s)
}

// countryEntry is what a folded key means in the index.
type countryEntry struct {
	code    string
	lang    string
	country int  // index in the table
	full    bool // a whole name, not only the first words of one
}

// countryIndex maps every folded name, and every run of its first words,
// to its country. The word prefixes let the splitter stop extending a run
// as soon as no name can begin with it.
type countryIndex struct {
	table  []Country
	byCode map[string]int
	keys   map[string]countryEntry
	// words caches Fold of the words of the table's names that the
	// splitter's ASCII fast path does not cover ("Côte", "d’Ivoire",
	// "Guinea-Bissau"): Fold decomposes every accented letter, and this
	// keeps it out of the splitter's loop for the names it will meet.
	words map[string]string
}

// mustCountryIndex builds the index and panics on a folded name given to
// two codes that prefer does not settle: a bug in the table, better found
// at start-up (and by the tests) than resolved by order.
func mustCountryIndex(table []Country, prefer map[string]string) *countryIndex {
	idx, collisions := newCountryIndex(table, prefer)
	if len(collisions) > 0 {
		panic("model: ambiguous country names: " + strings.Join(collisions, "; "))
	}
	return idx
}

// newCountryIndex builds the index and lists the collisions prefer does not
// settle, as "folded name: CODE, CODE".
func newCountryIndex(table []Country, prefer map[string]string) (*countryIndex, []string) {
	idx := &countryIndex{
		table:  table,
		byCode: make(map[string]int, len(table)),
		keys:   make(map[string]countryEntry, 8*len(table)),
		words:  make(map[string]string),
	}
	codes := make(map[string][]string) // folded name → every code that uses it
	add := func(country int, lang, text string) {
		code := table[country].Code
		k := Fold(text)
		if k == "" {
			return
		}
		if !slices.Contains(codes[k], code) {
			codes[k] = append(codes[k], code)
		}
		if want, ok := prefer[k]; ok && want != code {
			return
		}
		e, ok := idx.keys[k]
		switch {
		case !ok || !e.full:
			idx.keys[k] = countryEntry{code: code, lang: lang, country: country, full: true}
		case e.code == code && e.lang != lang:
			e.lang = "" // shared by two languages: no vote
			idx.keys[k] = e
		}
		for i := strings.LastIndexByte(k, ' '); i > 0; i = strings.LastIndexByte(k[:i], ' ') {
			if _, ok := idx.keys[k[:i]]; ok {
				break // shorter prefixes are there already
			}
			idx.keys[k[:i]] = countryEntry{}
		}
	}
	for i, c := range table {
		idx.byCode[c.Code] = i
		for _, n := range c.Names {
			for _, w := range strings.Fields(n.Text) {
				if !isPlainASCII(w) {
					idx.words[w] = Fold(w)
				}
			}
			add(i, n.Lang, n.Text)
			if base, _, ok := cutArticle(n.Text); ok {
				add(i, n.Lang, base)
			}
		}
	}
	var collisions []string
	for k, cs := range codes {
		if _, ok := prefer[k]; len(cs) > 1 && !ok {
			collisions = append(collisions, k+": "+strings.Join(cs, ", "))
		}
	}
	slices.Sort(collisions)
	return idx, collisions
}

func (idx *countryIndex) country(code string) *Country {
	i, ok := idx.byCode[code]
	if !ok {
		i, ok = idx.byCode[strings.ToUpper(code)]
	}
	if !ok {
		return nil
	}
	return &idx.table[i]
}

// articleLang gives the language of a bracketed article, folded, as UNTERM
// writes them after a short name: "Perú (el)", "Bahamas (les)", "Congo
// (the)". "la" is French and Spanish alike.
var articleLang = map[string]string{
	"the": "en",
	"le":  "fr", "les": "fr", "l": "fr",
	"el": "es", "los": "es", "las": "es",
	"la": "",
}

// cutArticle splits "Perú (el)" into "Perú" and the article's language.
func cutArticle(text string) (base, lang string, ok bool) {
	i := strings.LastIndex(text, " (")
	if i <= 0 || !strings.HasSuffix(text, ")") {
		return text, "", false
	}
	lang, ok = articleLang[Fold(text[i+2:len(text)-1])]
	if !ok {
		return text, "", false
	}
	return text[:i], lang, true
}

// splitToken is a whitespace-separated word of the input, with the bytes of
// its folded form in the splitter's buffer.
type splitToken struct {
	start, end int // in s
	ks, ke     int // in the folded buffer; equal when the word folds to nothing
}

func (idx *countryIndex) split(dst []CountryMatch, s string) []CountryMatch {
	// Fold every word into one buffer, joined by single spaces, so that the
	// key of any run of words is a slice of it and map lookups with
	// string(buf[a:b]) do not allocate.
	// The tokens and the folded words of a short list (and of the first
	// words a caller tries) fit in buffers on the stack.
	var toksBuf [32]splitToken
	var foldedBuf [256]byte
	toks, folded := toksBuf[:0], foldedBuf[:0]
	if n := len(s)/4 + 1; n > len(toksBuf) { // names average more than 4 bytes a word
		toks = make([]splitToken, 0, n)
	}
	if len(s) > len(foldedBuf) {
		folded = make([]byte, 0, len(s))
	}
	for i := 0; i < len(s); {
		if size := spaceAt(s, i); size > 0 {
			i += size
			continue
		}
		start := i
		for i < len(s) && spaceAt(s, i) == 0 {
			if s[i] < utf8.RuneSelf {
				i++
			} else {
				_, size := utf8.DecodeRuneInString(s[i:])
				i += size
			}
		}
		t := splitToken{start: start, end: i}
		word := s[start:i]
		sep := len(folded) > 0
		if sep {
			folded = append(folded, ' ')
		}
		t.ks = len(folded)
		if isPlainASCII(word) {
			for j := 0; j < len(word); j++ {
				folded = append(folded, ascii.Lower(word[j]))
			}
		} else if f, ok := idx.words[word]; ok {
			folded = append(folded, f...)
		} else {
			folded = AppendFold(folded, word)
		}
		t.ke = len(folded)
		if t.ks == t.ke && sep {
			folded = folded[:t.ks-1] // folds to nothing: no separator either
			t.ks, t.ke = len(folded), len(folded)
		}
		toks = append(toks, t)
	}

	var seen [26 * 26]bool             // codes matched so far
	out := slices.Grow(dst, len(toks)) // a match takes a word at least
	unknown := -1                      // index in out of the unknown run being extended
	// The folded names of the unknown runs so far, to mark repeats: a map,
	// so that a list of thousands of unknown names costs no more than
	// linear time (comparing each with every earlier one was quadratic).
	// Made at the first unknown name: most lists have none.
	var unknownNames map[string]bool
	endUnknown := func() {
		if unknownNames == nil {
			unknownNames = map[string]bool{}
		}
		m := &out[unknown]
		k := Fold(m.Text)
		m.Repeat = unknownNames[k]
		unknownNames[k] = true
		unknown = -1
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.ks == t.ke {
			i++
			continue
		}
		best := -1
		var e countryEntry
		for j := i; j < len(toks); j++ {
			if toks[j].ks == toks[j].ke {
				continue
			}
			got, ok := idx.keys[string(folded[t.ks:toks[j].ke])]
			if !ok {
				break
			}
			if got.full {
				best, e = j, got
			}
		}
		if best < 0 {
			if unknown >= 0 {
				m := &out[unknown]
				m.End = t.end
				m.Text = s[m.Start:m.End]
				m.Name = m.Text
			} else {
				out = append(out, CountryMatch{Name: s[t.start:t.end], Text: s[t.start:t.end], Start: t.start, End: t.end})
				unknown = len(out) - 1
			}
			i++
			continue
		}
		if unknown >= 0 {
			endUnknown()
		}
		end := toks[best].end
		lang := e.lang
		i = best + 1
		if i < len(toks) {
			if l, ok := bracketedArticle(s[toks[i].start:toks[i].end], folded[toks[i].ks:toks[i].ke]); ok {
				end = toks[i].end
				if lang == "" {
					lang = l
				}
				i++
			}
		}
		c := &idx.table[e.country]
		slot := int(e.code[0]-'A')*26 + int(e.code[1]-'A')
		out = append(out, CountryMatch{
			Code: c.Code, Name: c.Names[0].Text, Text: s[t.start:end],
			Start: t.start, End: end, Lang: lang, Known: true, Repeat: seen[slot],
		})
		seen[slot] = true
	}
	if unknown >= 0 {
		endUnknown()
	}
	return out
}

// bracketedArticle reports whether the word raw, folded to key, is a
// bracketed article such as "(la)", and its language.
func bracketedArticle(raw string, key []byte) (string, bool) {
	if len(raw) < 3 || raw[0] != '(' || raw[len(raw)-1] != ')' {
		return "", false
	}
	lang, ok := articleLang[string(key)]
	return lang, ok
}

// spaceAt returns the size of the white space rune at s[i], or 0 when s[i]
// starts another rune.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if c == ' ' || '\t' <= c && c <= '\r' {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// isPlainASCII reports whether word is made of ASCII letters and digits
// only, which Fold merely lower-cases: the splitter's fast path, checked
// against Fold by TestFoldFastPath.
func isPlainASCII(word string) bool {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
