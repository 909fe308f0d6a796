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
	put := func(r rune) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case 'A' <= c && c <= 'Z':
				put(r + 'a' - 'A')
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				put(r)
			case c == '.' || c == '&' || c == '/' || c == '+':
				put(r) // meaningful in "St. Lucia", "Trinidad & Tobago"
			default:
				space = true // spaces, hyphens, apostrophes, '?', brackets, commas
			}
		case isSeparator(r):
			space = true
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if unicode.Is(unicode.Mn, d) {
					continue // the accent of a decomposed letter
				}
				if unicode.IsLetter(d) || unicode.IsDigit(d) {
					put(unicode.ToLower(d))
				} else {
					space = true
				}
			}
		}
	}
	return b.String()
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
