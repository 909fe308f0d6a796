package model

import (
	"cmp"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/iomparse/iomparse/model/vocab"
)

// Redacted replaces personal data that Redact takes out of text.
const Redacted = "[redacted]"

// codeFact is a fact whose value, when the vocabulary does not know it, is
// a code made from the page's words (vocab.Slug): its field key, and where
// it is in a record.
type codeFact struct {
	key string
	get func(*Record) *string
}

// slugged are the facts a code may be made for.
var slugged = []codeFact{
	{"status", func(r *Record) *string { return &r.Status }},
	{"project_type", func(r *Record) *string { return &r.ProjectType }},
	{"coverage", func(r *Record) *string { return &r.Coverage }},
	{"idf_region", func(r *Record) *string { return &r.IDFRegion }},
}

// Redact takes personal data out of a record, for output that must not
// carry it: the names, phone numbers and email addresses of its contacts
// (a contact keeps only its organisation, and one with none is dropped),
// and those names, phone numbers and every email address or phone number
// that announces itself (international, or after a phone label), wherever
// the page's words are kept, replaced by "[redacted]": title, body,
// outcomes, links (a link's "?email=…" too), place, unknown member states,
// every labelled field of sources[].fields, diagnostic messages, and
// conflicts' values. A code the vocabularies did not know, made from words
// that held such data (an unknown status "call jroe@example.org" is kept as
// "call-jroe-exampleorg"), is made again from the redacted words, in the
// record and in the messages and conflicts that quote it. Paths and URLs
// lose email addresses and phone numbers only (a contact's name in a file
// name is left). It returns how many distinct items it took out, and works
// on records merged before too (pair --redact).
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
	// shapes takes out what announces itself as an email address or a phone
	// number; scrub also what the contacts named.
	shapes := func(text string) string {
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
	scrub := func(text string) string {
		for _, s := range known {
			text = strings.ReplaceAll(text, s, Redacted)
		}
		return shapes(text)
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
	for i := range r.Links {
		r.Links[i] = scrub(r.Links[i])
	}
	r.Place = scrub(r.Place)
	for i := range r.MemberStates {
		if m := &r.MemberStates[i]; m.Code == "" { // a name the country table does not know: the page's words
			m.Name = scrub(m.Name)
		}
	}

	// Fields, and the codes made from their words.
	slugs := map[string]string{} // code made from the words → from the redacted words
	for i := range r.Sources {
		s := &r.Sources[i]
		s.Path, s.URL = shapes(s.Path), shapes(s.URL)
		for j := range s.Fields {
			f := &s.Fields[j]
			f.Label = scrub(f.Label)
			v := scrub(f.Value)
			if v == f.Value {
				continue
			}
			if slices.ContainsFunc(slugged, func(c codeFact) bool { return c.key == f.Key }) {
				slugs[vocab.Slug(f.Value)] = vocab.Slug(v)
			}
			f.Value = v
		}
	}
	for _, c := range slugged {
		if v, ok := slugs[*c.get(r)]; ok {
			*c.get(r) = v
		}
	}
	// Longest first, so that a code holding another is replaced whole.
	made := slices.SortedFunc(maps.Keys(slugs), func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b)) })
	quoted := func(text string) string {
		text = scrub(text)
		for _, code := range made {
			text = strings.ReplaceAll(text, code, slugs[code])
		}
		return text
	}
	for i := range r.Diagnostics {
		d := &r.Diagnostics[i]
		d.Path, d.Message = shapes(d.Path), quoted(d.Message)
	}
	for i := range r.Conflicts {
		c := &r.Conflicts[i]
		for k, v := range c.Values {
			c.Values[k] = quoted(v)
		}
		if c.ByPath != nil {
			byPath := make(map[string]string, len(c.ByPath))
			for p, v := range c.ByPath {
				byPath[shapes(p)] = quoted(v)
			}
			c.ByPath = byPath
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
