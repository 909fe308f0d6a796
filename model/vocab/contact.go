package vocab

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
)

// The shapes of contact details, each defined here once: the parser reads
// contacts with them and Redact removes them, so the two cannot drift
// apart. A phone number is an opening (a country code in brackets,
// "(+250)", or "+" and a digit, or a digit) then at least five more digits,
// spaces, dots, dashes, slashes or brackets, the last a digit; a label
// ("Tel", "Courriel") may announce it, with a full stop, a bracketed note
// of up to twelve characters ("Tel (mobile)"), spaces and a colon.
const (
	// PhoneLabels is an alternation of the words that announce a phone
	// number, in English, French and Spanish.
	PhoneLabels = `tel|tél|telephone|téléphone|teléfono|tfno|phone|mobile|mob|cellphone|cell|portable|móvil|celular|fax|whatsapp`
	// EmailLabels is an alternation of the words that announce an email
	// address. A word that starts like a shorter one comes after it.
	EmailLabels = `e-mail|email|courriel|correo electrónico|correo|mail`

	// labelNote is what may follow a label's word: a full stop, and a
	// bracketed note between spaces.
	labelNote = `\.?\s*(?:\([^)]{0,12}\))?\s*`
	// phoneTail is what follows a phone number's opening.
	phoneTail = `[\d ()./\x{00A0}-]{5,}\d`
	// phoneOpening is how any phone number opens; intlOpening how an
	// international one does, which announces itself.
	phoneOpening = `\(\+?\d{1,4}\)|\+ ?\d|\d`
	intlOpening  = `\(\+\d{1,4}\)|\+ ?\d`
)

var (
	// EmailPattern matches an email address, also one cut off after its
	// "@" ("jdoe@iom") when the page is.
	EmailPattern = regexp.MustCompile(`[\p{L}\d._%+'-]*[\p{L}\d_%+-]@[\p{L}\d-]*(?:\.[\p{L}\d-]+)*`)
	// PhonePattern matches a phone number.
	PhonePattern = regexp.MustCompile(`(?:` + phoneOpening + `)` + phoneTail)
	// PhoneLabelEnd matches a phone label that ends the text, with its note
	// and a colon or full stop: the text before a number that a label
	// announces ("… Tel. (office): ").
	PhoneLabelEnd = regexp.MustCompile(`(?i)(?:` + PhoneLabels + `)` + labelNote + `[:.]?\s*$`)
	// ContactLabelPattern matches the label of a phone number or an email
	// address as a whole word, with its note and a colon: what separates
	// the values of a contact block ("Tel (mobile) :", "Email:").
	ContactLabelPattern = regexp.MustCompile(`(?i)(?:^|\b)(?:` + PhoneLabels + `|` + EmailLabels + `)\b` + labelNote + `:?`)
	// AnnouncedPhonePattern matches a phone number that announces itself:
	// an international one ("+250 788 000 111", "(+250) 08 40 94 86"), or
	// one after a phone label ("Tel: 0788 123 456"), the label included
	// (SplitAnnouncedPhone takes it off).
	AnnouncedPhonePattern = regexp.MustCompile(`(?i)(?:` + intlOpening + `)` + phoneTail + `|(?:\b(?:` + PhoneLabels + `)\b` + labelNote + `[:.]?\s*)\d` + phoneTail)
)

// SplitAnnouncedPhone splits a match of AnnouncedPhonePattern where its
// number opens, at its first digit, "(" or "+": into the label ("" for an
// international number) and the number. A label's bracketed note ("Tel
// (mobile): …") opens there too, and goes with the number.
func SplitAnnouncedPhone(m string) (label, number string) {
	at := strings.IndexAny(m, "0123456789(+")
	if at < 0 {
		return m, "" // no match of the pattern: it holds a digit
	}
	return m[:at], m[at:]
}

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
