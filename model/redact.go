package model

import (
	"regexp"
	"sort"
	"strings"

	"github.com/iomparse/iomparse/model/vocab"
)

// Redacted replaces personal data that Redact takes out of text.
const Redacted = "[redacted]"

// redactPhone matches a phone number that announces itself: international
// ("+250 788 000 111", "(+250) 08 40 94 86") or after a phone label
// ("Tel: 0788 123 456"; the label is kept).
var redactPhone = regexp.MustCompile(`(?i)(?:\(\+\d{1,4}\)|\+ ?\d)[\d ()./\x{00A0}-]{5,}\d|(?:\b(?:` + vocab.PhoneLabels + `)\b\.?\s*(?:\([^)]{0,12}\))?\s*[:.]?\s*)\d[\d ()./\x{00A0}-]{5,}\d`)

// phoneDigits finds where the number starts in a redactPhone match.
var phoneDigits = regexp.MustCompile(`[\d(+]`)

// Redact takes personal data out of a record, for output that must not
// carry it: the names, phone numbers and email addresses of its contacts
// (a contact keeps only its organisation, and one with none is dropped),
// and those names, phone numbers and every email address or phone number
// wherever they appear in the title, body and outcomes, replaced by
// "[redacted]". It returns how many distinct items it took out.
func Redact(r *Record) int {
	items := map[string]bool{}
	var contacts []Contact
	for _, c := range r.Contacts {
		for _, s := range []string{c.Name, c.Email} {
			if s != "" {
				items[s] = true
			}
		}
		for _, p := range strings.Split(c.Phone, ", ") {
			if p != "" {
				items[p] = true
			}
		}
		if c.Organisation != "" {
			kept := Contact{Organisation: c.Organisation}
			if !containsContact(contacts, kept) {
				contacts = append(contacts, kept)
			}
		}
	}
	r.Contacts = contacts

	known := make([]string, 0, len(items))
	for s := range items {
		known = append(known, s)
	}
	sort.Slice(known, func(i, j int) bool { return len(known[i]) > len(known[j]) }) // "Jane Roe" before "Jane"
	scrub := func(text string) string {
		for _, s := range known {
			text = strings.ReplaceAll(text, s, Redacted)
		}
		text = vocab.EmailPattern.ReplaceAllStringFunc(text, func(m string) string {
			items[m] = true
			return Redacted
		})
		return redactPhone.ReplaceAllStringFunc(text, func(m string) string {
			at := phoneDigits.FindStringIndex(m)[0] // a match holds a digit
			items[m[at:]] = true
			return m[:at] + Redacted
		})
	}
	for lang, t := range r.Title {
		r.Title[lang] = scrub(t)
	}
	for _, m := range []map[string][]string{r.Body, r.Outcomes} {
		for _, paras := range m {
			for i, p := range paras {
				paras[i] = scrub(p)
			}
		}
	}
	return len(items)
}

func containsContact(cs []Contact, c Contact) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
