package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the key under which vocabularies and the country table look a
// name up: lower case, accents removed, hyphens, apostrophes of every kind,
// the "?" that damaged pages put in their place, brackets and runs of spaces
// all turned into single spaces. "Côte d’Ivoire", "cote d'ivoire" and
// "Côte d?Ivoire" fold alike, as do "Guinea-Bissau" and "Guinea Bissau".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				r = rune(c + 'a' - 'A')
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '&', c == '/', c == '+':
				r = rune(c) // the punctuation is meaningful: "St. Lucia", "Trinidad & Tobago"
			default:
				space = true // spaces, hyphens, apostrophes, '?', brackets, commas
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if r < rune(len(latinFold)) {
				r = latinFold[r]
			} else {
				r = foldOther(r)
			}
			if r == 0 {
				space = true
				continue
			}
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// latinFold maps the Latin-1 and Latin Extended-A and -B letters, which
// are nearly all the non-ASCII letters of English, French and Spanish
// pages, to their folded form (0 for a separator), so that Fold decomposes
// no character on its hot path.
var latinFold = func() (t [0x250]rune) {
	for r := rune(0x80); r < rune(len(t)); r++ {
		t[r] = foldOther(r)
	}
	return t
}()

// foldOther folds one non-ASCII rune to its base letter, lower case and
// without accent, or to 0 for a separator. Letters that do not decompose
// ("œ", "ß") are kept, lower case.
func foldOther(r rune) rune {
	if isSeparator(r) {
		return 0
	}
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue // the accent of a decomposed letter
		}
		if unicode.IsLetter(d) || unicode.IsDigit(d) {
			return unicode.ToLower(d)
		}
		return 0
	}
	return 0 // only combining marks: nothing to keep
}

// isSeparator reports whether a non-ASCII rune separates words: typographic
// apostrophes and quotes, dashes, no-break and other spaces.
func isSeparator(r rune) bool {
	switch r {
	case '’', '‘', 'ʼ', '`', '´', '«', '»', '“', '”', '–', '—', '‐', '‑':
		return true
	}
	return unicode.IsSpace(r) || unicode.IsPunct(r)
}

// Slug turns a name into a code: folded, with hyphens between words, the way
// the vocabularies derive codes from English names ("Labour Migration" →
// "labour-migration"). It is used for values the vocabularies do not know,
// so that their code is at least derived the same way.
func Slug(s string) string {
	f := Fold(s)
	f = strings.NewReplacer(".", "", "&", "and", "/", " ", "+", " ").Replace(f)
	return strings.Join(strings.Fields(f), "-")
}
