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

// compareKeys orders records as merging prefers them: English, then French,
// then Spanish, then by path.
func compareKeys(a, b *PairKeys) int {
	return cmp.Or(cmp.Compare(LangRank(a.Lang), LangRank(b.Lang)), ComparePaths(a.Path, b.Path))
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
//
// Merge compares what each source says (observations, see observe.go),
// not each record: a record merged before (pair of the outputs of several
// pair runs, as a cluster's reducers write them) speaks for all its
// sources, its conflicts telling what each said. So merging in two steps
// gives what merging at once gives: the same kept values, conflicts and
// diagnostics (the conflict warnings of the first step are made anew);
// TestPairTwoLevel and FuzzPairTwoLevel hold it to that. A merged record
// does not say what each of its sources said where they agreed, so two
// steps can still differ where a first step merged: pages whose values are
// equal as amounts but written differently ("95000", "95000.00": the
// second step sees the kept text for both); pages of one language of which
// some lack a text (body, outcomes: the second step gives the text to
// all); pages that disagree on the Projects ID, with another page holding
// only the losing one (it pairs with the Prima ID only if they meet in one
// step). Contacts and links keep the order of the records they come from.
func Merge(records []Record) (Record, []Diagnostic) {
	if len(records) == 0 {
		return Record{}, nil
	}
	if len(records) == 1 {
		return records[0], nil
	}
	rs := sortedForMerge(records)
	m := newMerger(rs)

	out := Record{Kind: rs[0].Kind}
	for i := range rs {
		if rs[i].Kind == KindProject {
			out.Kind = KindProject
		}
	}
	var diags []Diagnostic
	for _, f := range facts {
		obs := m.facts(f)
		if len(obs) == 0 {
			continue
		}
		kept := &obs[0]
		f.set(&out, kept.rec)
		c, d := conflictOf(f.name, obs, kept)
		if c != nil {
			out.Conflicts = append(out.Conflicts, *c)
			diags = append(diags, d...)
		}
	}

	out.Title = mergeLangMap(m, "title", func(r *Record) map[string]string { return r.Title }, func(s string) string { return s }, &out, &diags)
	out.Body = mergeLangMap(m, "body", func(r *Record) map[string][]string { return r.Body }, joinLines, &out, &diags)
	out.Outcomes = mergeLangMap(m, "outcomes", func(r *Record) map[string][]string { return r.Outcomes }, joinLines, &out, &diags)

	// Sets, each a map beside its slice: a project's records may be
	// many (40,000 with contacts took minutes with a linear search each).
	langs := map[string]bool{}
	contacts := map[Contact]bool{}
	links := map[string]bool{}
	for i, r := range rs {
		for _, l := range r.Languages {
			if !langs[l] {
				langs[l] = true
				out.Languages = append(out.Languages, l)
			}
		}
		for _, c := range r.Contacts {
			if !contacts[c] {
				contacts[c] = true
				out.Contacts = append(out.Contacts, c)
			}
		}
		for _, l := range r.Links {
			if !links[l] {
				links[l] = true
				out.Links = append(out.Links, l)
			}
		}
		out.Sources = append(out.Sources, r.Sources...)
		out.Conflicts = append(out.Conflicts, m.foreignConflicts(i)...)
	}
	slices.SortStableFunc(out.Languages, func(a, b string) int { return cmp.Or(cmp.Compare(LangRank(a), LangRank(b)), cmp.Compare(a, b)) })
	out.Sources = sortedByPath(out.Sources)
	out.Diagnostics = append(m.diagnostics(), diags...)
	return out, diags
}

// sortedForMerge returns the records in the order merging prefers them,
// those that compare equal in their order. It sorts pointers, not
// records: a project's records may be many, and moving records as large
// as these was most of the cost of a stable sort of them.
func sortedForMerge(records []Record) []*Record {
	rs := make([]*Record, len(records))
	for i := range records {
		rs[i] = &records[i]
	}
	slices.SortStableFunc(rs, func(a, b *Record) int {
		ka, kb := KeysIn(a), KeysIn(b)
		return compareKeys(&ka, &kb)
	})
	return rs
}

// sortedByPath sorts sources by path, those with one path in their order.
// Many are sorted by index, as sortedForMerge does, not moved about.
func sortedByPath(sources []Source) []Source {
	byPath := func(a, b Source) int { return ComparePaths(a.Path, b.Path) }
	if len(sources) <= 256 {
		slices.SortStableFunc(sources, byPath)
		return sources
	}
	order := make([]int, len(sources))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(byPath(sources[a], sources[b]), cmp.Compare(a, b)) })
	out := make([]Source, len(sources))
	for i, j := range order {
		out[i] = sources[j]
	}
	return out
}

// conflictOf compares one fact across its observations, in the order
// merging prefers them, kept the first. It returns nil when every source
// that states the fact states the same value.
func conflictOf(field string, obs []observation, kept *observation) (*Conflict, []Diagnostic) {
	differ := false
	for i := range obs {
		if !sameValue(obs[i].value, kept.value) {
			differ = true
			break
		}
	}
	if !differ {
		return nil, nil
	}
	c := &Conflict{Field: field, Values: map[string]string{}, ByPath: map[string]string{}}
	var diags []Diagnostic
	for i := range obs {
		o := &obs[i]
		if _, ok := c.Values[o.lang]; !ok {
			c.Values[o.lang] = o.value
		}
		if o.named {
			c.ByPath[o.path] = o.value
		}
		if !sameValue(o.value, kept.value) {
			diags = append(diags, conflictDiagnostic(field, o, kept))
		}
	}
	return c, diags
}

// conflictDiagnostic reports a value that lost to the kept one, at the line
// of the losing page's field.
func conflictDiagnostic(field string, o, kept *observation) Diagnostic {
	path, line := o.path, 0
	if o.src != nil {
		for _, f := range o.src.Fields {
			if f.Key == field {
				line = f.Line
				break
			}
		}
	}
	v, want := shorten(o.value, 60), shorten(kept.value, 60)
	return Diagnostic{
		Severity: SeverityWarning, Code: CodeConflict, Path: path, Line: line,
		Message: fmt.Sprintf("%s is %q here but %q in %s, which is kept", field, v, want, kept.path),
	}
}

func joinLines(l []string) string { return strings.Join(l, "\n") }

// mergeLangMap unites a per-language text map (title, body, outcomes); when
// two sources give one language different text, the first is kept and the
// difference recorded as a conflict named field.lang, which lists the
// kept text's source and every source that differs from it.
func mergeLangMap[V any](m *merger, field string, get func(*Record) map[string]V, text func(V) string, out *Record, diags *[]Diagnostic) map[string]V {
	obs := textObservations(m, field, get)
	if len(obs) == 0 {
		return nil
	}
	value := func(o *observation) string {
		if o.lazy {
			o.value, o.lazy = text(get(o.rec)[o.lang]), false
		}
		return o.value
	}
	merged := map[string]V{}
	// The kept observation of each language, and the index of its
	// conflict in out.Conflicts (-1 for none): a few languages, looked
	// through.
	type keptLang struct {
		o        *observation
		conflict int
	}
	kept := make([]keptLang, 0, 4)
	for i := range obs {
		o := &obs[i]
		at := slices.IndexFunc(kept, func(k keptLang) bool { return k.o.lang == o.lang })
		if at < 0 {
			kept = append(kept, keptLang{o: o, conflict: -1})
			merged[o.lang] = get(o.rec)[o.lang]
			continue
		}
		k := &kept[at]
		if value(o) == value(k.o) {
			continue
		}
		name := field + "." + o.lang
		if k.conflict < 0 {
			k.conflict = len(out.Conflicts)
			out.Conflicts = append(out.Conflicts, Conflict{Field: name, Values: map[string]string{o.lang: k.o.value}, ByPath: map[string]string{k.o.path: k.o.value}})
		}
		out.Conflicts[k.conflict].ByPath[o.path] = o.value
		*diags = append(*diags, Diagnostic{
			Severity: SeverityWarning, Code: CodeConflict, Path: o.path,
			Message: fmt.Sprintf("%s differs from %s, which is kept", name, k.o.path),
		})
	}
	return merged
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
