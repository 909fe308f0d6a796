// Package ascii holds the byte predicates that every scanner of iomparse
// uses, defined once: the hand-written scanners of the parser, the HTML
// reader and the vocabulary compare bytes, not runes, on their hot paths,
// and must agree on what a digit, a letter or a space is. A byte of a
// multi-byte UTF-8 character is never any of them.
package ascii

// IsDigit reports whether c is 0-9, which is all \d matches.
func IsDigit(c byte) bool { return '0' <= c && c <= '9' }

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// IsUpper reports whether c is an ASCII upper-case letter.
func IsUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// IsAlnum reports whether c is an ASCII letter or digit.
func IsAlnum(c byte) bool { return IsLetter(c) || IsDigit(c) }

// IsWord reports whether c is a word character as \w and \b mean it.
func IsWord(c byte) bool { return IsAlnum(c) || c == '_' }

// IsSpace reports whether c is an ASCII character unicode.IsSpace accepts:
// space, \t, \n, \v, \f, \r.
func IsSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// IsPerlSpace reports whether c is white space as \s means it in Go's
// regular expressions: IsSpace without \v.
func IsPerlSpace(c byte) bool { return c != '\v' && IsSpace(c) }

// Lower returns c in lower case when it is an ASCII letter, else c.
func Lower(c byte) byte {
	if IsUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}
