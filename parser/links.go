package parser

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// linkPattern matches a web address in running text: a URL with its scheme,
// an address starting "www.", or a bare domain under a common top-level
// domain ("midagrandslacs.org/fr").
var linkPattern = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"“”«»]+|\b[a-z\d][a-z\d-]*(?:\.[a-z\d-]+)*\.(?:org|int|com|net|gov|edu|info)\b(?:/[^\s<>"“”«»]*)?`)

// findLinks returns the web addresses mentioned in texts, as written, in
// order and without repeats, with the punctuation that ends the sentence
// around them stripped. The domain of an email address is not a link.
func findLinks(texts []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, text := range texts {
		if !mayHoldLink(text) {
			continue
		}
		// A link holds no white space, so the pattern runs on the words
		// that may hold one, not on the whole paragraph: the same matches,
		// at a fraction of the cost.
		for t := range linkWords(text) {
			for _, m := range linkPattern.FindAllStringIndex(t, -1) {
				if m[0] > 0 && strings.ContainsRune("@.-_", rune(t[m[0]-1])) || m[1] < len(t) && t[m[1]] == '@' {
					continue // part of an email address or of a longer word
				}
				link := trimLink(t[m[0]:m[1]])
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

// trimLink strips the punctuation that follows an address in a sentence,
// and a closing bracket that the address does not open.
func trimLink(s string) string {
	for {
		t := strings.TrimRight(s, `.,;:!?'"’”»`)
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = t[:len(t)-1]
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
