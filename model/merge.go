package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// PairKey is the identity under which language versions of one project are
// paired: the Prima ID, or the Projects ID for old projects without one.
// Pages that are not projects, and projects with neither id, have none.
func PairKey(r *Record) string {
	if r.Kind != KindProject {
		return ""
	}
	if r.PrimaID != "" {
		return r.PrimaID
	}
	return r.ProjectID
}

// PairKeys is what pairing needs to know of a record to place it, so that a
// caller holding many records on disk can group them with little memory.
type PairKeys struct {
	Kind      string
	PrimaID   string
	ProjectID string
	Lang      string // the record's first language
	Path      string // the record's first source
}

// KeysOf returns the pairing keys of a record. The identifiers are copied:
// the parser's values are slices of the page's text, and keys kept for a
// whole corpus must not keep every page's text alive.
func KeysOf(r *Record) PairKeys {
	k := KeysIn(r)
	k.PrimaID, k.ProjectID = strings.Clone(k.PrimaID), strings.Clone(k.ProjectID)
	return k
}

// KeysIn returns the pairing keys of a record without copying them, for a
// caller that copies them itself.
func KeysIn(r *Record) PairKeys {
	return PairKeys{Kind: r.Kind, PrimaID: r.PrimaID, ProjectID: r.ProjectID, Lang: firstLang(r), Path: firstPath(r)}
}

// PairGroups decides the pairing: it returns the groups of records (as
// indexes into keys) to merge, ordered by their key, and the other records
// ordered by path (ComparePaths: an archive's records by offset). Each
// group lists its members in the order Merge prefers them.
func PairGroups(keys []PairKeys) (groups [][]int, rest []int) {
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareKeys(&keys[a], &keys[b]) })

	byKey := map[string][]int{}
	byProjectID := map[string]string{} // Projects ID → the smallest Prima ID of a group holding it
	for _, i := range order {
		k := &keys[i]
		if k.Kind == KindProject && k.PrimaID != "" {
			byKey[k.PrimaID] = append(byKey[k.PrimaID], i)
			if p, ok := byProjectID[k.ProjectID]; k.ProjectID != "" && (!ok || k.PrimaID < p) {
				byProjectID[k.ProjectID] = k.PrimaID
			}
		}
	}
	for _, i := range order {
		k := &keys[i]
		switch {
		case k.Kind == KindProject && k.PrimaID != "":
		case k.Kind == KindProject && k.ProjectID != "":
			key := k.ProjectID
			if p, ok := byProjectID[k.ProjectID]; ok {
				key = p
			}
			byKey[key] = append(byKey[key], i)
		default:
			rest = append(rest, i)
		}
	}
	names := make([]string, 0, len(byKey))
	for k := range byKey {
		names = append(names, k)
	}
	slices.Sort(names)
	groups = make([][]int, len(names))
	for i, k := range names {
		g := byKey[k]
		slices.SortStableFunc(g, func(a, b int) int { return compareKeys(&keys[a], &keys[b]) })
		groups[i] = g
	}
	slices.SortStableFunc(rest, func(a, b int) int { return ComparePaths(keys[a].Path, keys[b].Path) })
	return groups, rest
}

// compareKeys orders records as merging prefers them: English, then French,
// then Spanish, then by path.
func compareKeys(a, b *PairKeys) int {
	return cmp.Or(cmp.Compare(LangRank(a.Lang), LangRank(b.Lang)), ComparePaths(a.Path, b.Path))
}

// compareForMerge orders the records of one project as merging prefers them:
// English, then French, then Spanish, then by path.
func compareForMerge(a, b Record) int {
	ka, kb := KeysOf(&a), KeysOf(&b)
	return compareKeys(&ka, &kb)
}

func firstPath(r *Record) string {
	if len(r.Sources) == 0 {
		return ""
	}
	return r.Sources[0].Path
}

func firstLang(r *Record) string {
	if len(r.Languages) > 0 {
		return r.Languages[0]
	}
	if len(r.Sources) > 0 {
		return r.Sources[0].Lang
	}
	return ""
}

// fact is one shared fact of a record: how to read it as text for
// comparison, and how to copy it from one record to another. The table of
// them, facts, is generated from Record's merge tags (merge_gen.go).
type fact struct {
	name string
	get  func(*Record) string
	set  func(dst, src *Record)
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func budgetText(r *Record) string {
	if r.Budget == nil {
		return ""
	}
	return strings.TrimSpace(string(r.Budget.Amount) + " " + r.Budget.Currency)
}

// sameValue compares two facts as text, except that amounts compare as
// numbers: the Development Fund's "95,000" (read as 95000) and iom.int's
// "95000.00" are one budget.
func sameValue(a, b string) bool {
	return a == b || canonicalAmount(a) == canonicalAmount(b)
}

// canonicalAmount drops the trailing zeros of a decimal amount at the start
// of s ("95000.00 USD" → "95000 USD"); other text is returned unchanged.
func canonicalAmount(s string) string {
	amount, rest, _ := strings.Cut(s, " ")
	if !ValidDecimal(amount) || !strings.Contains(amount, ".") {
		return s
	}
	amount = strings.TrimSuffix(strings.TrimRight(amount, "0"), ".")
	return strings.TrimSpace(amount + " " + rest)
}

// memberStatesText compares member states as a set: pages list them in no
// particular order.
func memberStatesText(r *Record) string {
	names := make([]string, len(r.MemberStates))
	for i, m := range r.MemberStates {
		names[i] = cmp.Or(m.Code, m.Name)
	}
	slices.Sort(names)
	return strings.Join(names, ";")
}

func officeText(r *Record) string {
	if r.Office == nil {
		return ""
	}
	return r.Office.Country + " " + itoa(r.Office.Since)
}

// Merge merges records that describe one project, in any order, into one.
// Language maps are united; each shared fact takes the first value in the
// preferred order (English, French, Spanish, then path), a fact missing in
// one record is taken from another, and every disagreement is listed in
// Conflicts and reported as a warning, which Merge returns too.
func Merge(records []Record) (Record, []Diagnostic) {
	if len(records) == 0 {
		return Record{}, nil
	}
	rs := slices.Clone(records)
	slices.SortStableFunc(rs, compareForMerge)
	if len(rs) == 1 {
		return rs[0], nil
	}

	out := Record{Kind: rs[0].Kind}
	for i := range rs {
		if rs[i].Kind == KindProject {
			out.Kind = KindProject
		}
	}
	var diags []Diagnostic
	for _, f := range facts {
		var kept *Record
		for i := range rs {
			if f.get(&rs[i]) != "" {
				kept = &rs[i]
				break
			}
		}
		if kept == nil {
			continue
		}
		f.set(&out, kept)
		c, d := conflictOf(f.name, rs, f.get, kept)
		if c != nil {
			out.Conflicts = append(out.Conflicts, *c)
			diags = append(diags, d...)
		}
	}

	out.Title = mergeLangMap("title", rs, func(r *Record) map[string]string { return r.Title }, func(s string) string { return s }, &out, &diags)
	out.Body = mergeLangMap("body", rs, func(r *Record) map[string][]string { return r.Body }, joinLines, &out, &diags)
	out.Outcomes = mergeLangMap("outcomes", rs, func(r *Record) map[string][]string { return r.Outcomes }, joinLines, &out, &diags)

	for i := range rs {
		r := &rs[i]
		for _, l := range r.Languages {
			if !slices.Contains(out.Languages, l) {
				out.Languages = append(out.Languages, l)
			}
		}
		for _, c := range r.Contacts {
			if !slices.Contains(out.Contacts, c) {
				out.Contacts = append(out.Contacts, c)
			}
		}
		for _, l := range r.Links {
			if !slices.Contains(out.Links, l) {
				out.Links = append(out.Links, l)
			}
		}
		out.Sources = append(out.Sources, r.Sources...)
		out.Conflicts = append(out.Conflicts, r.Conflicts...)
		out.Diagnostics = append(out.Diagnostics, r.Diagnostics...)
	}
	slices.SortStableFunc(out.Languages, func(a, b string) int { return cmp.Or(cmp.Compare(LangRank(a), LangRank(b)), cmp.Compare(a, b)) })
	slices.SortStableFunc(out.Sources, func(a, b Source) int { return ComparePaths(a.Path, b.Path) })
	out.Diagnostics = append(out.Diagnostics, diags...)
	return out, diags
}

// conflictOf compares one fact across records. It returns nil when every
// record that states the fact states the same value.
func conflictOf(field string, rs []Record, get func(*Record) string, kept *Record) (*Conflict, []Diagnostic) {
	want := get(kept)
	differ := false
	for i := range rs {
		if v := get(&rs[i]); v != "" && !sameValue(v, want) {
			differ = true
			break
		}
	}
	if !differ {
		return nil, nil
	}
	c := &Conflict{Field: field, Values: map[string]string{}, ByPath: map[string]string{}}
	var diags []Diagnostic
	for i := range rs {
		r := &rs[i]
		v := get(r)
		if v == "" {
			continue
		}
		lang := firstLang(r)
		if _, ok := c.Values[lang]; !ok {
			c.Values[lang] = v
		}
		for _, s := range r.Sources {
			c.ByPath[s.Path] = v
		}
		if !sameValue(v, want) {
			diags = append(diags, conflictDiagnostic(field, r, v, want, kept))
		}
	}
	return c, diags
}

// conflictDiagnostic reports a value that lost to the kept one, at the line
// of the losing page's field.
func conflictDiagnostic(field string, r *Record, v, want string, kept *Record) Diagnostic {
	path, line := firstPath(r), 0
	for _, s := range r.Sources {
		for _, f := range s.Fields {
			if f.Key == field && line == 0 {
				path, line = s.Path, f.Line
			}
		}
	}
	v, want = shorten(v, 60), shorten(want, 60)
	return Diagnostic{
		Severity: SeverityWarning, Code: CodeConflict, Path: path, Line: line,
		Message: fmt.Sprintf("%s is %q here but %q in %s, which is kept", field, v, want, firstPath(kept)),
	}
}

func joinLines(l []string) string { return strings.Join(l, "\n") }

// mergeLangMap unites a per-language text map (title, body, outcomes); when
// two records give one language different text, the first is kept and the
// difference recorded as a conflict.
func mergeLangMap[V any](field string, rs []Record, get func(*Record) map[string]V, text func(V) string, out *Record, diags *[]Diagnostic) map[string]V {
	var m map[string]V
	owner := map[string]*Record{}
	for i := range rs {
		texts := get(&rs[i])
		// In a fixed order: a record read back by pair can hold several
		// languages, and conflicts must come out the same every run.
		langs := make([]string, 0, len(texts))
		for lang := range texts {
			langs = append(langs, lang)
		}
		slices.SortFunc(langs, func(a, b string) int { return cmp.Or(cmp.Compare(LangRank(a), LangRank(b)), cmp.Compare(a, b)) })
		for _, lang := range langs {
			v := texts[lang]
			if m == nil {
				m = map[string]V{}
			}
			prev, ok := m[lang]
			if !ok {
				m[lang] = v
				owner[lang] = &rs[i]
			} else if text(prev) != text(v) {
				*diags = append(*diags, textConflict(field, lang, owner[lang], &rs[i], text(prev), text(v), out))
			}
		}
	}
	return m
}

// textConflict records that two pages in one language give different text,
// or merges the record into an existing conflict for that field and language.
func textConflict(field, lang string, kept, other *Record, keptText, otherText string, out *Record) Diagnostic {
	name := field + "." + lang
	var c *Conflict
	for i := range out.Conflicts {
		if out.Conflicts[i].Field == name {
			c = &out.Conflicts[i]
		}
	}
	if c == nil {
		out.Conflicts = append(out.Conflicts, Conflict{Field: name, Values: map[string]string{lang: keptText}, ByPath: map[string]string{firstPath(kept): keptText}})
		c = &out.Conflicts[len(out.Conflicts)-1]
	}
	c.ByPath[firstPath(other)] = otherText
	return Diagnostic{
		Severity: SeverityWarning, Code: CodeConflict, Path: firstPath(other),
		Message: fmt.Sprintf("%s differs from %s, which is kept", name, firstPath(kept)),
	}
}

// shorten cuts s to at most max bytes for a message, at a character
// boundary, marking the cut.
func shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - 3
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
