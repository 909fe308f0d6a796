package vocab

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
)

// The shapes of contact details. The parser reads contacts with them and
// Redact removes them, so the two share one definition and cannot drift
// apart.
var (
	// EmailPattern matches an email address, also one cut off after its
	// "@" ("jdoe@iom") when the page is.
	EmailPattern = regexp.MustCompile(`[\p{L}\d._%+'-]*[\p{L}\d_%+-]@[\p{L}\d-]*(?:\.[\p{L}\d-]+)*`)
	// PhonePattern matches a phone number: digits with spaces, dots,
	// dashes, slashes and brackets, starting with a digit, "+" or "(+250)".
	PhonePattern = regexp.MustCompile(`(?:\(\+?\d{1,4}\)|\+ ?\d|\d)[\d ()./\x{00A0}-]{5,}\d`)
)

// PhoneLabels is an alternation of the words that announce a phone number,
// in English, French and Spanish, for building patterns.
const PhoneLabels = `tel|tél|telephone|téléphone|teléfono|tfno|phone|mobile|mob|cellphone|cell|portable|móvil|celular|fax|whatsapp`

// FindEmail returns the byte offsets of the first match of EmailPattern in
// s, or -1, -1 when there is none. It finds the same match as the pattern,
// which TestFindEmail and FuzzContactScanners check, at a fraction of the
// cost: the parser looks for addresses in every contact block, where the
// pattern's backtracking from each byte of the block dominated.
//
// An address holds one "@", so each "@" in turn is tried: the local part is
// the run of its characters just before it, which must not end with "." or
// "'", and the domain is the run of domain characters, then dot-separated
// labels, after it.
func FindEmail(s string) (start, end int) {
	for from := 0; ; {
		at := strings.IndexByte(s[from:], '@')
		if at < 0 {
			return -1, -1
		}
		at += from
		from = at + 1
		start := at
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if !unicode.IsLetter(r) && !(r < utf8.RuneSelf && ascii.IsDigit(byte(r))) && !strings.ContainsRune("._%+'-", r) {
				break
			}
			start -= size
		}
		if start == at || s[at-1] == '.' || s[at-1] == '\'' {
			continue // no local part, or one ending where the pattern does not allow
		}
		end := emailDomainRun(s, at+1)
		for end+1 < len(s) && s[end] == '.' {
			label := emailDomainRun(s, end+1)
			if label == end+1 {
				break // a full stop ending the sentence, not a label
			}
			end = label
		}
		return start, end
	}
}

// emailDomainRun returns the end of the run of letters, digits and hyphens
// that starts at byte i of s.
func emailDomainRun(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !(r < utf8.RuneSelf && ascii.IsDigit(byte(r))) && r != '-' {
			break
		}
		i += size
	}
	return i
}

// FindPhone returns the byte offsets of the first match of PhonePattern in
// s, or -1, -1 when there is none: the same match as the pattern, found
// without it (see FindEmail). A number starts with "(" and up to four
// digits, perhaps after "+", closed by ")"; or with "+", perhaps a space,
// and a digit; or with a digit; then at least five more digits, spaces,
// dots, dashes, slashes or brackets, the last of which is a digit.
func FindPhone(s string) (start, end int) {
	for i := 0; i < len(s); i++ {
		var q int // end of the number's opening
		switch c := s[i]; {
		case c == '(':
			j := i + 1
			if j < len(s) && s[j] == '+' {
				j++
			}
			k := j
			for k < len(s) && k-j < 4 && ascii.IsDigit(s[k]) {
				k++
			}
			if k == j || k >= len(s) || s[k] != ')' {
				continue
			}
			q = k + 1
		case c == '+':
			j := i + 1
			if j < len(s) && s[j] == ' ' {
				j++
			}
			if j >= len(s) || !ascii.IsDigit(s[j]) {
				continue
			}
			q = j + 1
		case ascii.IsDigit(c):
			q = i + 1
		default:
			continue
		}
		if end := phoneRest(s, q); end >= 0 {
			return i, end
		}
	}
	return -1, -1
}

// phoneRest returns the end of the longest run of phone characters from
// byte q of s that holds at least five characters before its last digit,
// and ends with that digit; or -1.
func phoneRest(s string, q int) int {
	end := -1
	for n, i := 0, q; i < len(s); n++ {
		switch c := s[i]; {
		case ascii.IsDigit(c):
			if n >= 5 {
				end = i + 1
			}
			i++
		case c == ' ' || c == '(' || c == ')' || c == '.' || c == '/' || c == '-':
			i++
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // U+00A0, the no-break space
			i += 2
		default:
			return end
		}
	}
	return end
}
