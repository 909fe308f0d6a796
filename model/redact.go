package model

import (
	"sort"
	"strings"

	"github.com/iomparse/iomparse/model/vocab"
)

// Redacted replaces personal data that Redact takes out of text.
const Redacted = "[redacted]"

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
		return vocab.AnnouncedPhonePattern.ReplaceAllStringFunc(text, func(m string) string {
			label, number := vocab.SplitAnnouncedPhone(m)
			items[number] = true
			return label + Redacted // the label stays: "Tel: [redacted]"
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
