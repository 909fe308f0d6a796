package vocab

import (
	"fmt"
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
	if isFolded(s) {
		return s // most words a parser folds are lower-case ASCII already: no copy
	}
	var buf [64]byte // the folded text is built here, and copied once into the result
	return string(AppendFold(buf[:0], s))
}

// AppendFold appends Fold(s) to dst and returns the extended slice. Callers
// that only compare or look up a key fold into a buffer of their own, which
// costs no allocation, where Fold would build a string.
func AppendFold(dst []byte, s string) []byte {
	dst, _ = appendFold(dst, s, -1)
	return dst
}

// AppendFoldPrefix appends the beginning of Fold(s) to dst: all of it, or
// more than n bytes of it, which is enough to compare it with a folded
// prefix of up to n bytes without folding the whole of a long s.
func AppendFoldPrefix(dst []byte, s string, n int) []byte {
	dst, _ = appendFold(dst, s, max(n, 0))
	return dst
}

// appendFold appends Fold(s) to dst, stopping as soon as more than limit
// bytes have been appended when limit is not negative: a lookup need not fold
// a paragraph past the length of the longest name it could match. ok is
// false when it stopped.
func appendFold(dst []byte, s string, limit int) (_ []byte, ok bool) {
	start := len(dst)
	space := false // a separator is pending
	for i := 0; i < len(s); {
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			i++
			f := asciiFold[c]
			if f == 0 {
				space = true // spaces, hyphens, apostrophes, '?', brackets, commas
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, f)
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
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, r)
		}
		if limit >= 0 && len(dst)-start > limit {
			return dst, false
		}
	}
	return dst, true
}

// foldedASCII returns the folded form of the byte c when c is an ASCII
// character Fold keeps, or 0.
func foldedASCII(c byte) byte {
	if c < utf8.RuneSelf {
		return asciiFold[c]
	}
	return 0
}

// asciiFold maps each ASCII character to its folded form: letters to lower
// case, digits and the punctuation that is meaningful in names ("St.
// Lucia", "Trinidad & Tobago") to themselves, and the rest to 0, a
// separator.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range byte(utf8.RuneSelf) {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = c + 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '&', c == '/', c == '+':
			t[c] = c
		}
	}
	return t
}()

// isFolded reports whether Fold(s) is s itself: lower-case ASCII letters,
// digits and the punctuation Fold keeps, with single spaces between words.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '&', c == '/', c == '+':
		case c == ' ' && i > 0 && i+1 < len(s) && s[i+1] != ' ':
			// a single space between two words (s[i-1] is no space, or the
			// previous iteration would have refused it)
		default:
			return false
		}
	}
	return true
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

// Slug turns a name into a code: folded, in ASCII, with hyphens between
// words, the way the vocabularies derive codes from English names ("Labour
// Migration" → "labour-migration"). It is used for values the
// vocabularies do not know, so that their code is at least derived the
// same way. Codes are ASCII so that every tool reads them alike (the
// schema's patterns are then the same in every regular-expression
// dialect): the letters Fold keeps that have no accent to drop are
// spelled out ("Œuvre" → "oeuvre", "Straße" → "strasse"), and any other
// character is written as its code point ("Ω" → "u03c9"), so that two
// values never share a code by losing their letters. The value as written
// stays in the record's sources[].fields.
func Slug(s string) string {
	f := Fold(s)
	f = strings.NewReplacer(".", "", "&", "and", "/", " ", "+", " ").Replace(f)
	return strings.Join(strings.Fields(toASCII(f)), "-")
}

// toASCII spells the non-ASCII runes of folded text in ASCII: by
// asciiLetters, or as "u" and the code point in hexadecimal.
func toASCII(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch spelled, ok := asciiLetters[r]; {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case ok:
			b.WriteString(spelled)
		default:
			fmt.Fprintf(&b, "u%04x", r)
		}
	}
	return b.String()
}

// asciiLetters spells in ASCII the lower-case letters of Latin scripts that
// Fold keeps because they have no accent to remove, as their languages
// write them without the letter.
var asciiLetters = map[rune]string{
	'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "ng", 'ĸ': "k", 'ſ': "s",
	'ĳ': "ij", 'ŀ': "l", 'ŉ': "n", 'ɐ': "a", 'ə': "e", 'ɛ': "e", 'ɔ': "o",
}
