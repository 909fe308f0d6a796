package news

import (
	"bytes"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
)

// A contact block opens with "For further information, please contact",
// "Pour plus d’informations, veuillez contacter" or "Para más información,
// contacte a", and names one or more people, each with an organisation, a
// phone number and an email address, any of which may be missing, on the
// same line or on the following ones, in several orders:
//
//	For further information, please contact Jane Roe at IOM Egypt. Tel: +202 2736 5140, Email: jroe@iom.int
//	For further information, please contact:
//	Laurent De Boeck Tel (+250) 08 40 94 86 Email: Ldeboeck@iom.int
//
// The block stays in the body (nothing on the page is lost); ReadContacts
// reads it into model.Contact values as written.

// orgLinkWords are the words between a name and its organisation, which
// belong to neither: "at", "à l’", "en la".
var orgLinkWords = map[string]bool{
	"at": true, "with": true, "from": true, "of": true, "the": true, "a": true, "à": true, "auprès": true, "de": true,
	"du": true, "l'": true, "l’": true, "la": true, "le": true, "en": true, "del": true, "el": true,
}

// honorifics may open a name and end with a full stop that ends no sentence.
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "m": true, "mme": true, "mlle": true, "sr": true, "sra": true, "srta": true, "prof": true, "st": true}

// nameParticles are the lower-case words a person's name can hold.
var nameParticles = map[string]bool{
	"de": true, "van": true, "der": true, "den": true, "von": true, "da": true, "di": true, "del": true, "la": true,
	"le": true, "du": true, "dos": true, "das": true, "bin": true, "al": true, "el": true, "y": true, "ben": true, "ibn": true,
}

// maxContactParas bounds how many paragraphs after the opening one a
// contact block can run to.
const maxContactParas = 8

// maxContactBlock bounds the bytes of a contact block that are read: a
// real one names a few people in a few hundred bytes. Reading a block of
// megabytes took memory some 70 times its size; past the bound, it is
// read no further (its text stays in the body, as all of it does).
const maxContactBlock = 64 << 10

// ReadContacts reads the contacts of the first contact block among paras.
func ReadContacts(paras []string) []model.Contact {
	for i, p := range paras {
		if !mayOpenContacts(p) {
			continue
		}
		end := findContactOpening(p)
		if end < 0 {
			continue
		}
		rest := p[end:]
		rest = cutAt(rest[contactIntroEnd(rest):], maxContactBlock)
		block := []string{rest}
		size := len(rest)
		for _, q := range paras[i+1 : min(len(paras), i+1+maxContactParas)] {
			if size >= maxContactBlock || !contactLike(q) {
				break
			}
			q = cutAt(q, maxContactBlock-size)
			block = append(block, q)
			size += 1 + len(q)
		}
		return parseContacts(strings.Join(block, "\n"))
	}
	return nil
}

// cutAt returns the start of s, at most n bytes of it, not cutting a
// character in two.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:max(n, 0)]
}

// contactLike reports whether a paragraph after the opening one continues
// the contact block: it holds an email address or a phone number, or is a
// short line (a name, an organisation), not a paragraph of prose.
func contactLike(p string) bool {
	if email, _ := vocab.FindEmail(p); email >= 0 {
		return true
	}
	if phone, _ := vocab.FindPhone(p); phone >= 0 {
		return true
	}
	return utf8.RuneCountInString(p) <= 80 && !strings.HasSuffix(p, ".") && !(mayOpenContacts(p) && findContactOpening(p) >= 0)
}

// contactItem is one value of a contact block, in the order written.
type contactItem struct {
	kind string // "name", "org", "phone" or "email"
	text string
}

// parseContacts reads the contacts of a block. Its values are found in
// order (email addresses and phone numbers by their shape, names and
// organisations between them) and grouped: a name or an email address where
// the current contact already has one starts the next contact. A name alone
// at the end of a block that named others is a line after the block.
func parseContacts(block string) []model.Contact {
	var out []model.Contact
	var cur model.Contact
	// more gathers the phone numbers of cur after its first, each after
	// ", ": adding each to cur.Phone as it came would copy the numbers
	// again for every one, time in the square of a list of thousands.
	var more strings.Builder
	flush := func() {
		if more.Len() > 0 {
			cur.Phone += more.String()
			more.Reset()
		}
		if cur != (model.Contact{}) {
			out = append(out, cur)
		}
		cur = model.Contact{}
	}
	for _, it := range contactItems(block) {
		switch it.kind {
		case "name":
			if cur.Name != "" || cur.Email != "" {
				flush()
			}
			cur.Name = it.text
		case "org":
			if cur.Organisation != "" && (cur.Phone != "" || cur.Email != "") {
				flush()
			}
			if cur.Organisation == "" {
				cur.Organisation = it.text
			}
		case "phone":
			switch {
			case cur.Phone != "" && cur.Email != "":
				flush()
				cur.Phone = it.text
			case cur.Phone != "":
				more.WriteString(", ")
				more.WriteString(it.text)
			default:
				cur.Phone = it.text
			}
		case "email":
			if cur.Email != "" {
				flush()
			}
			cur.Email = it.text
		}
	}
	if cur.Name != "" && cur.Organisation == "" && cur.Phone == "" && cur.Email == "" && len(out) > 0 {
		cur = model.Contact{} // a bare capitalised line after the block ("Related Stories")
	}
	flush()
	return out
}

// contactItems finds the values of a block in order.
func contactItems(block string) []contactItem {
	var items []contactItem
	last := 0
	gap := func(end int) {
		items = append(items, gapItems(block[last:end])...)
	}
	for _, loc := range valueSpans(block) {
		gap(loc.start)
		items = append(items, contactItem{loc.kind, block[loc.start:loc.end]})
		last = loc.end
	}
	gap(len(block))
	return items
}

type span struct {
	start, end int
	kind       string
}

// valueSpans finds the email addresses and phone numbers of a block, in
// order. A number counts as a phone number when it starts with "+" or a
// bracket, or follows a phone label: "2016" in a sentence is no phone.
func valueSpans(block string) []span {
	var spans []span
	for from := 0; from < len(block); {
		start, end := vocab.FindEmail(block[from:])
		if start < 0 {
			break
		}
		spans = append(spans, span{from + start, from + end, "email"})
		from += end
	}
	emails := spans
	var phones []span
	// The email addresses come in order and do not overlap, nor do the
	// numbers: e is the first address that ends after the number's
	// start, the only one it may overlap. (Comparing each number with
	// every address took time in the square of a block of both.)
	e := 0
	for from := 0; from < len(block); {
		start, end := vocab.FindPhone(block[from:])
		if start < 0 {
			break
		}
		start, end, from = from+start, from+end, from+end
		for e < len(emails) && emails[e].end <= start {
			e++
		}
		inEmail := e < len(emails) && emails[e].start < end
		if inEmail || (block[start] != '+' && block[start] != '(' && !phoneLabelEnds(block[:start])) {
			continue
		}
		phones = append(phones, span{start, end, "phone"})
	}
	if len(phones) == 0 {
		return emails
	}
	// Both in order: merged, as a sort by start would order them.
	out := make([]span, 0, len(emails)+len(phones))
	for len(emails) > 0 && len(phones) > 0 {
		if phones[0].start < emails[0].start {
			out, phones = append(out, phones[0]), phones[1:]
		} else {
			out, emails = append(out, emails[0]), emails[1:]
		}
	}
	return append(append(out, emails...), phones...)
}

// gapItems reads the names and organisations in the text between values.
func gapItems(text string) []contactItem {
	var items []contactItem
	text = replaceContactLabels(text)
	for piece := range splitPieces(text) {
		piece = strings.TrimFunc(piece, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(":.,;", r) })
		name, org := piece, ""
		if start, _ := findIOMName(piece); start >= 0 {
			name, org = piece[:start], orgPrefix(piece[start:])
		} else if start, end := findOrgIntro(piece); start >= 0 {
			name, org = piece[:start], orgPrefix(piece[end-1:])
		} else if isOrgName(piece) {
			name, org = "", orgPrefix(piece)
		}
		words := strings.Fields(name)
		for len(words) > 0 && orgLinkWords[strings.ToLower(words[len(words)-1])] {
			words = words[:len(words)-1]
		}
		if name = strings.Join(words, " "); name != "" && personName(name) {
			items = append(items, contactItem{"name", name})
		}
		if org != "" {
			items = append(items, contactItem{"org", org})
		}
	}
	return items
}

// splitPieces yields the pieces of gap text between its breaks
// (pieceBreakAt) and the full stops that end a sentence, not an honorific
// ("Mr. Smith").
func splitPieces(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for p := range breakPieces(text) {
			start := 0
			for k := 0; k+1 < len(p); k++ {
				if p[k] != '.' || p[k+1] != ' ' {
					continue
				}
				w := p[start:k]
				if i := strings.LastIndexByte(w, ' '); i >= 0 {
					w = w[i+1:]
				}
				if isHonorific(w) {
					continue
				}
				if !yield(p[start:k]) {
					return
				}
				start = k + 1
			}
			if !yield(p[start:]) {
				return
			}
		}
	}
}

// isHonorific reports whether w, in any case, is one of honorifics. They
// are short and ASCII, so w is lower-cased on the stack, and only when it
// is short and ASCII too (strings.ToLower makes ASCII of no other
// character an honorific holds).
func isHonorific(w string) bool {
	var buf [4]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return false
		}
		buf[i] = ascii.Lower(c)
	}
	return honorifics[string(buf[:len(w)])]
}

// breakPieces yields the pieces of text between its breaks, as
// regexp.Split would with the expression of pieceBreakAt.
func breakPieces(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i < len(text); {
			n := pieceBreakAt(text, i)
			if n == 0 {
				i++
				continue
			}
			if !yield(text[start:i]) {
				return
			}
			i += n
			start = i
		}
		yield(text[start:])
	}
}

// isOrgName reports whether text names an organisation rather than a
// person: the organisation's own names.
func isOrgName(text string) bool {
	// Fold only as far as the longest name: a piece can be a sentence.
	var buf [64]byte
	f := vocab.AppendFoldPrefix(buf[:0], text, maxOrgName)
	if len(f) <= maxOrgName {
		f = append(f, ' ') // all of it: "un" alone is a name, "unit" is not
	}
	for _, p := range orgNames {
		if bytes.HasPrefix(f, []byte(p)) {
			return true
		}
	}
	return false
}

// orgNames are the folded beginnings of the organisation names isOrgName
// knows; "un " ends with a space so as not to take "United" or "Unit".
var orgNames = []string{"iom", "oim", "un ", "onu", "international organization", "organisation internationale", "organizacion internacional", "ministry", "ministere", "ministerio", "embassy", "ambassade", "embajada"}

// maxOrgName is the length of the longest of orgNames.
var maxOrgName = len(slices.MaxFunc(orgNames, func(a, b string) int { return len(a) - len(b) }))

// orgPrefix returns the organisation's name at the start of text: its
// capitalised words and the connectors between them ("IOM Egypt",
// "Ministry of Labour"), up to six words.
func orgPrefix(text string) string {
	words := strings.Fields(text)
	n := 0
	for i, w := range words {
		if i >= 6 {
			break
		}
		first, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(first) || unicode.IsDigit(first) {
			n = i + 1
			continue
		}
		if !placeConnectors[vocab.Fold(w)] && !map[string]bool{"for": true, "pour": true, "para": true, "las": true, "los": true}[vocab.Fold(w)] {
			break
		}
	}
	return strings.TrimRight(strings.Join(words[:n], " "), ".'’")
}

// personName reports whether text reads as a person's name: one to six
// words, capitalised or name particles, letters only (an honorific may
// open it), and no label.
func personName(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > 6 || utf8.RuneCountInString(text) > 60 {
		return false
	}
	caps := 0
	for i, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		f := vocab.Fold(strings.TrimRight(w, "."))
		switch {
		case strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !strings.ContainsRune("'’.-", r) }) >= 0:
			return false
		case i == 0 && honorifics[f]:
		case unicode.IsUpper(first):
			caps++
		case i == 0 || !nameParticles[f]:
			return false
		}
	}
	return caps > 0
}

// mayOpenContacts is a cheap test that p may hold a contact block's
// opening (findContactOpening): every opening has "information",
// "información" or "en savoir plus".
func mayOpenContacts(p string) bool {
	return strings.Contains(p, "nform") || strings.Contains(p, "NFORM") ||
		strings.Contains(p, "savoir") || strings.Contains(p, "SAVOIR")
}
