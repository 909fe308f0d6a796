package model

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Change is one field that differs between two versions of a record, as
// Diff finds it. Old and New are the field's values as the record holds
// them (so encoding/json writes them as the record does: a budget with its
// digits), nil where the version has none. Text by language is compared
// language by language: Field is then "title.fr", "body.en". Fields that
// are sets (member states, languages, links, contacts) also list what was
// added and removed.
type Change struct {
	Field   string
	Old     any
	New     any
	Added   []string
	Removed []string
}

// TextDigest stands for paragraphs (a body, outcomes) in a Change: enough
// to see that the text changed, and by how much, without printing it.
type TextDigest struct {
	Paragraphs int `json:"paragraphs"`
	// Characters of the paragraphs, line ends between them not counted.
	Chars int `json:"chars"`
	// The first 12 hexadecimal digits of the SHA-256 of the paragraphs
	// joined by line ends.
	SHA256 string `json:"sha256"`
}

// DiffOptions say what Diff compares.
type DiffOptions struct {
	// Fields limits the comparison to these fields (their json names, as
	// DiffFields lists them); empty compares them all.
	Fields []string
	// Text gives bodies and outcomes whole (their paragraphs) in Old and
	// New, rather than as TextDigests.
	Text bool
}

// scrapeFields only describe a scrape: where the pages were, their hashes
// and sizes, what reading them found, how their languages disagreed. A
// second scrape of unchanged pages differs in them (other paths, other
// line numbers), so they are never a change. conflicts is one of them: it
// says which page stated a fact how, by path; a change of the fact the
// record keeps shows as that fact's change.
var scrapeFields = []string{"sources", "conflicts", "diagnostics"}

// diffField is one field of Record that Diff compares.
type diffField struct {
	name  string
	index int
	fact  *fact // the fact's comparison when the field is one (merge:"fact")
}

// diffFields are Record's fields in declaration order, less scrapeFields,
// read once from its json tags: a field added to Record is compared
// without a change here.
var diffFields = sync.OnceValue(func() []diffField {
	t := reflect.TypeFor[Record]()
	var out []diffField
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if slices.Contains(scrapeFields, name) {
			continue
		}
		f := diffField{name: name, index: i}
		for j := range facts {
			if facts[j].name == name {
				f.fact = &facts[j]
			}
		}
		out = append(out, f)
	}
	return out
})

// DiffFields lists the fields Diff compares, in the record's order: every
// field but those that only describe the scrape (sources, conflicts,
// diagnostics).
func DiffFields() []string {
	var names []string
	for _, f := range diffFields() {
		names = append(names, f.name)
	}
	return names
}

// Diff compares two versions of one record, old and new, and returns the
// fields that differ, in the record's order. Shared facts compare as Merge
// compares them (a budget's amount as a number, member states as a set);
// lists compare as sets, since pages list them in no fixed order; text by
// language compares language by language. Fields that only describe the
// scrape (see scrapeFields) are not compared.
func Diff(old, new *Record, opts DiffOptions) []Change {
	var out []Change
	ov, nv := reflect.ValueOf(old).Elem(), reflect.ValueOf(new).Elem()
	for _, f := range diffFields() {
		if len(opts.Fields) > 0 && !slices.Contains(opts.Fields, f.name) {
			continue
		}
		o, n := ov.Field(f.index), nv.Field(f.index)
		switch v := o.Interface().(type) {
		case map[string]string:
			out = diffTexts(out, f.name, v, n.Interface().(map[string]string), func(s string) any { return s })
		case map[string][]string:
			out = diffTexts(out, f.name, v, n.Interface().(map[string][]string), func(p []string) any {
				if opts.Text {
					return p
				}
				return digest(p)
			})
		case []MemberState:
			if c, ok := diffSet(f.name, o, n, v, n.Interface().([]MemberState), func(m MemberState) string { return cmp.Or(m.Code, m.Name) }); ok {
				out = append(out, c)
			}
		case []Contact:
			if c, ok := diffSet(f.name, o, n, v, n.Interface().([]Contact), contactText); ok {
				out = append(out, c)
			}
		case []string:
			if c, ok := diffSet(f.name, o, n, v, n.Interface().([]string), func(s string) string { return s }); ok {
				out = append(out, c)
			}
		default:
			same := reflect.DeepEqual(o.Interface(), n.Interface())
			if f.fact != nil {
				a, b := f.fact.get(old), f.fact.get(new)
				same = a == b || (a != "" && b != "" && sameValue(a, b))
			}
			if !same {
				out = append(out, Change{Field: f.name, Old: present(o), New: present(n)})
			}
		}
	}
	return out
}

// present is v's value, or nil when it is the zero value (the record
// omits it).
func present(v reflect.Value) any {
	if v.IsZero() {
		return nil
	}
	return v.Interface()
}

// diffTexts compares text by language, in the order records prefer
// languages, one Change a language whose text differs.
func diffTexts[V any](out []Change, field string, old, new map[string]V, value func(V) any) []Change {
	langs := make([]string, 0, len(old)+len(new))
	for l := range old {
		langs = append(langs, l)
	}
	for l := range new {
		if _, ok := old[l]; !ok {
			langs = append(langs, l)
		}
	}
	slices.SortFunc(langs, func(a, b string) int { return cmp.Or(cmp.Compare(LangRank(a), LangRank(b)), cmp.Compare(a, b)) })
	for _, l := range langs {
		o, inOld := old[l]
		n, inNew := new[l]
		if inOld && inNew && reflect.DeepEqual(o, n) {
			continue
		}
		c := Change{Field: field + "." + l}
		if inOld {
			c.Old = value(o)
		}
		if inNew {
			c.New = value(n)
		}
		out = append(out, c)
	}
	return out
}

// diffSet compares two lists as sets of the texts key makes of their
// items, and returns their Change when the sets differ: the lists
// themselves, and the texts added and removed, in the lists' order.
func diffSet[T any](field string, ov, nv reflect.Value, old, new []T, key func(T) string) (Change, bool) {
	keys := func(l []T) []string {
		out := make([]string, len(l))
		for i, v := range l {
			out[i] = key(v)
		}
		return out
	}
	ok, nk := keys(old), keys(new)
	c := Change{Field: field, Old: present(ov), New: present(nv)}
	for _, k := range nk {
		if !slices.Contains(ok, k) && !slices.Contains(c.Added, k) {
			c.Added = append(c.Added, k)
		}
	}
	for _, k := range ok {
		if !slices.Contains(nk, k) && !slices.Contains(c.Removed, k) {
			c.Removed = append(c.Removed, k)
		}
	}
	return c, len(c.Added) > 0 || len(c.Removed) > 0
}

// contactText is a contact as one line, for the sets of diffSet.
func contactText(c Contact) string {
	var parts []string
	for _, s := range []string{c.Name, c.Organisation, c.Phone, c.Email} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// digest is the TextDigest of paragraphs, nil for none.
func digest(paragraphs []string) any {
	if len(paragraphs) == 0 {
		return nil
	}
	text := strings.Join(paragraphs, "\n")
	sum := sha256.Sum256([]byte(text))
	return TextDigest{
		Paragraphs: len(paragraphs),
		Chars:      utf8.RuneCountInString(text) - (len(paragraphs) - 1),
		SHA256:     hex.EncodeToString(sum[:6]),
	}
}
