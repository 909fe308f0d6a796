package news

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
)

// FindLinks returns the web addresses mentioned in texts, as written, in
// order and without repeats, with the punctuation that ends the sentence
// around them stripped. The domain of an email address is not a link.
func FindLinks(texts []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, text := range texts {
		if !mayHoldLink(text) {
			continue
		}
		// A link holds no white space, so the words that may hold one
		// are scanned, not the whole paragraph.
		for t := range linkWords(text) {
			sc := linkScanner{t: t}
			for start, end := sc.next(0); start >= 0; start, end = sc.next(end) {
				if start > 0 && strings.ContainsRune("@.-_", rune(t[start-1])) || end < len(t) && t[end] == '@' {
					continue // part of an email address or of a longer word
				}
				link := trimLink(t[start:end])
				if link == "" || seen[link] {
					continue
				}
				seen[link] = true
				out = append(out, link)
			}
		}
	}
	return out
}

// linkPattern matches a web address: a URL with its scheme, an address
// starting "www.", or a bare domain under a common top-level domain
// ("midagrandslacs.org/fr"). linkScanner reads it by hand.
var linkPattern = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"“”«»]+|\b[a-z\d][a-z\d-]*(?:\.[a-z\d-]+)*\.(?:org|int|com|net|gov|edu|info)\b(?:/[^\s<>"“”«»]*)?`)

// linkScanner finds in a word t, one after the other, the matches of
// linkPattern as FindAllStringIndex finds them (FuzzScanners holds the two
// equal). The expression was the costliest a page still ran. A domain is a
// chain of labels; where a chain holds no top-level domain, no start inside
// it can either, which keeps the scan linear.
type linkScanner struct {
	t string
	// noDomainBefore is the end of the last chain of labels in which no
	// domain was found: no domain starts before it.
	noDomainBefore int
}

// linkTLDs are the top-level domains of a bare domain, in the order the
// expression tries them.
var linkTLDs = [...]string{"org", "int", "com", "net", "gov", "edu", "info"}

// next returns the bounds of the first match that starts at or after byte
// from of the word, or -1, -1. It tries every character, as the
// expression's search does.
func (sc *linkScanner) next(from int) (start, end int) {
	t := sc.t
	for p := from; p < len(t); {
		if end := sc.matchAt(p); end >= 0 {
			return p, end
		}
		if t[p] < utf8.RuneSelf {
			p++
		} else {
			_, size := utf8.DecodeRuneInString(t[p:])
			p += size
		}
	}
	return -1, -1
}

// matchAt returns the end of the match that starts at byte p, or -1: the
// first branch, else the second.
func (sc *linkScanner) matchAt(p int) int {
	t := sc.t
	if (p > 0 && ascii.IsWord(t[p-1])) == ascii.IsWord(t[p]) {
		return -1 // no word boundary, which both branches start with
	}
	e := -1
	if e = hasPrefixFoldAt(t, p, "http"); e >= 0 {
		if s := hasPrefixFoldAt(t, e, "s://"); s >= 0 {
			e = s
		} else {
			e = hasPrefixFoldAt(t, e, "://")
		}
	} else {
		e = hasPrefixFoldAt(t, p, "www.")
	}
	if e >= 0 {
		if end := linkRunEnd(t, e); end > e {
			return end
		}
	}
	return sc.domainAt(p)
}

// domainAt returns the end of the bare domain, with its path, that starts
// at byte p, or -1. Its labels are runs of letters, digits and hyphens
// separated by single dots, the first starting with a letter or digit; the
// expression takes as many labels as it can before a dot and a top-level
// domain that ends a word.
func (sc *linkScanner) domainAt(p int) int {
	t := sc.t
	if p < sc.noDomainBefore || labelCharAt(t, p) == 0 || t[p] == '-' {
		return -1
	}
	end := -1
	i := labelEnd(t, p)
	for {
		if e := tldEnd(t, i); e >= 0 {
			end = e // a later one takes more labels, and is preferred
		}
		if i >= len(t) || t[i] != '.' {
			break
		}
		j := labelEnd(t, i+1)
		if j == i+1 {
			break
		}
		i = j
	}
	if end < 0 {
		sc.noDomainBefore = i
		return -1
	}
	if end < len(t) && t[end] == '/' {
		end = linkRunEnd(t, end+1)
	}
	return end
}

// tldEnd returns the end of a dot and one of linkTLDs, in any case, ending
// a word at byte i of t, or -1.
func tldEnd(t string, i int) int {
	if i >= len(t) || t[i] != '.' {
		return -1
	}
	for _, tld := range linkTLDs {
		if e := hasPrefixFoldAt(t, i+1, tld); e >= 0 && (e == len(t) || !ascii.IsWord(t[e])) {
			return e
		}
	}
	return -1
}

// labelEnd returns the end of the run of label characters at byte i of t.
func labelEnd(t string, i int) int {
	for i < len(t) {
		n := labelCharAt(t, i)
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// labelCharAt returns the size of the character at byte i of t when it is
// one of (?i)[a-z\d-]: an ASCII letter, digit or hyphen, or the two
// characters outside ASCII that fold to an ASCII letter, "ſ" (s) and "K"
// (k); otherwise 0.
func labelCharAt(t string, i int) int {
	switch c := t[i]; {
	case ascii.IsLetter(c) || ascii.IsDigit(c) || c == '-':
		return 1
	case strings.HasPrefix(t[i:], "ſ"):
		return len("ſ")
	case strings.HasPrefix(t[i:], "\u212a"):
		return len("\u212a")
	}
	return 0
}

// linkRunEnd returns the end of the run of characters from byte i of t
// that an address can hold, [^\s<>"“”«»].
func linkRunEnd(t string, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if ascii.IsPerlSpace(c) || c == '<' || c == '>' || c == '"' {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if r == '“' || r == '”' || r == '«' || r == '»' {
			break
		}
		i += size
	}
	return i
}

// trimLink strips the punctuation that follows an address in a sentence,
// and a closing bracket that the address does not open. The brackets are
// counted once, not at each bracket stripped, which took time quadratic
// in a run of them.
func trimLink(s string) string {
	opening, closing := strings.Count(s, "("), strings.Count(s, ")")
	for {
		t := strings.TrimRight(s, `.,;:!?'"’”»`)
		if strings.HasSuffix(t, ")") && opening < closing {
			t = t[:len(t)-1]
			closing--
		}
		if t == s {
			return s
		}
		s = t
	}
}

// linkWords yields, in order, the words of text (as strings.FieldsSeq
// splits it) that may hold a link (mayHoldLinkWord). Every such word holds a
// full stop or a colon, so it looks for those and takes the word around
// each, rather than going through every word of the text.
func linkWords(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := 0; i < len(text); {
			j := i
			for j < len(text) && text[j] != '.' && text[j] != ':' {
				j++
			}
			if j == len(text) {
				return
			}
			start, end := j, j
			for start > i {
				r, size := utf8.DecodeLastRuneInString(text[i:start])
				if unicode.IsSpace(r) {
					break
				}
				start -= size
			}
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if unicode.IsSpace(r) {
					break
				}
				end += size
			}
			if w := text[start:end]; mayHoldLinkWord(w) && !yield(w) {
				return
			}
			i = end
		}
	}
}

// mayHoldLinkWord is a cheap test that the word t may hold a match of
// linkPattern, which spares the pattern the words that end a sentence
// ("Eldoret."): every match holds "://", or a full stop followed by the
// first letter of a top-level domain or ending a "www", in any case.
func mayHoldLinkWord(t string) bool {
	if strings.Contains(t, "://") {
		return true
	}
	for i := strings.IndexByte(t, '.'); i >= 0; {
		if i+1 < len(t) && strings.IndexByte("oicngeOICNGE", t[i+1]) >= 0 || i >= 3 && strings.EqualFold(t[i-3:i], "www") {
			return true
		}
		j := strings.IndexByte(t[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// linkMarks are strings of which every match of linkPattern holds one, in
// the cases pages write them.
var linkMarks = []string{"://", "www.", "WWW.", "Www.", ".org", ".int", ".com", ".net", ".gov", ".edu", ".info",
	".ORG", ".INT", ".COM", ".NET", ".GOV", ".EDU", ".INFO", ".Org", ".Int", ".Com", ".Net", ".Gov", ".Edu", ".Info"}

// mayHoldLink is a cheap test that t may hold a link, which spares the
// regular expression nearly every paragraph: whether t holds one of
// linkMarks. Rather than looking for each mark through the whole
// paragraph, it looks for "://" and then, at each full stop, for the marks
// that have their full stop there.
func mayHoldLink(t string) bool {
	if strings.Contains(t, "://") {
		return true
	}
	for i := strings.IndexByte(t, '.'); i >= 0; {
		for _, m := range linkMarks {
			if k := strings.IndexByte(m, '.'); k >= 0 && i >= k && strings.HasPrefix(t[i-k:], m) {
				return true
			}
		}
		next := strings.IndexByte(t[i+1:], '.')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}
