package model

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// observation is what one source says of one field: the unit Merge
// compares, so that merging does not depend on how sources were grouped
// into records before. A record read from a page has one source; a record
// merged before has several, and speaks for each: its conflicts say what
// the sources that disagreed said, and the others said what it keeps.
type observation struct {
	rank  int    // LangRank(lang): merging prefers English, French, Spanish
	lang  string // the source's language
	path  string // the source's path; "" for a record without sources
	named bool   // path names a source (a record without any has none)
	// value is what the source says; for a text, "" until needed (lazy),
	// as joining a body's paragraphs costs.
	value string
	lazy  bool
	rec   *Record // the record the observation comes from, to copy the value from
	src   *Source // the source, for the line of its field; nil when not known
}

// compareObservations orders observations as merging prefers them:
// English, then French, then Spanish, then by path. It is the order of
// records from pages (compareKeys), whose observations so keep their order.
func compareObservations(a, b observation) int {
	return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.path, b.path))
}

// merger holds the records of one Merge, in the order merging prefers
// them, and what their observations are made from.
type merger struct {
	rs []*Record // not to be changed: they are Merge's caller's
	// conflicts holds each record's conflicts by field, nil for a record
	// without any (every record read from a page).
	conflicts []map[string]*Conflict
	// pages is set when every record has at most one source and no
	// conflicts, as when ingest pairs pages: observations then come in
	// the records' order, and need no sorting.
	pages bool
	obs   []observation // reused from field to field
	// byPath indexes the sources of records with many, by path (source).
	byPath []map[string]*Source
}

func newMerger(rs []*Record) *merger {
	m := &merger{rs: rs, pages: true, obs: make([]observation, 0, len(rs))}
	for i, r := range rs {
		if len(r.Sources) > 1 {
			m.pages = false
		}
		if len(r.Conflicts) == 0 {
			continue
		}
		m.pages = false
		if m.conflicts == nil {
			m.conflicts = make([]map[string]*Conflict, len(rs))
		}
		byField := map[string]*Conflict{}
		for j := range r.Conflicts {
			if c := &r.Conflicts[j]; mergeMakes(c.Field) && len(c.ByPath) > 0 {
				byField[c.Field] = c
			}
		}
		m.conflicts[i] = byField
	}
	return m
}

// conflict returns record i's conflict on field, or nil.
func (m *merger) conflict(i int, field string) *Conflict {
	if m.conflicts == nil || m.conflicts[i] == nil {
		return nil
	}
	return m.conflicts[i][field]
}

// mergeMakes reports whether Merge makes conflicts on field: a fact, or
// per-language text. Merge makes those anew from observations; others, in
// records from elsewhere, it keeps as they are (foreignConflicts).
func mergeMakes(field string) bool {
	for _, f := range facts {
		if f.name == field {
			return true
		}
	}
	for _, prefix := range []string{"title.", "body.", "outcomes."} {
		if strings.HasPrefix(field, prefix) {
			return true
		}
	}
	return false
}

// foreignConflicts returns record i's conflicts that Merge does not make
// anew.
func (m *merger) foreignConflicts(i int) []Conflict {
	var out []Conflict
	for _, c := range m.rs[i].Conflicts {
		if m.conflict(i, c.Field) == nil && !(mergeMakes(c.Field) && len(c.ByPath) > 0) {
			out = append(out, c)
		}
	}
	return out
}

// sourceLang is the language of source s of r: the record's own for a
// record from one page (the parser gives both the same), else the
// source's.
func sourceLang(r *Record, s *Source) string {
	if len(r.Sources) == 1 || s.Lang == "" {
		return firstLang(r)
	}
	return s.Lang
}

// source returns record i's source at path, or nil. A record merged
// before may have many sources: they are indexed by path the first time.
func (m *merger) source(i int, path string) *Source {
	r := m.rs[i]
	if len(r.Sources) <= 8 {
		for j := range r.Sources {
			if r.Sources[j].Path == path {
				return &r.Sources[j]
			}
		}
		return nil
	}
	if m.byPath == nil {
		m.byPath = make([]map[string]*Source, len(m.rs))
	}
	if m.byPath[i] == nil {
		m.byPath[i] = make(map[string]*Source, len(r.Sources))
		for j := len(r.Sources) - 1; j >= 0; j-- { // the first of one path wins
			m.byPath[i][r.Sources[j].Path] = &r.Sources[j]
		}
	}
	return m.byPath[i][path]
}

// facts returns the observations of fact f, in the order merging prefers
// them. A record with a conflict on f gives each source its value there; a
// record without gives its value to every source that states the fact:
// those with a labelled field for it, or all of them when none has one (a
// fact not read from a field, such as a date).
func (m *merger) facts(f fact) []observation {
	m.obs = m.obs[:0]
	if m.pages && m.agree(f) {
		// The common case, made without an observation per record: only
		// the first is needed when all agree.
		for _, r := range m.rs {
			if v := f.get(r); v != "" {
				m.add(r, v)
				break
			}
		}
		return m.obs
	}
	for i := range m.rs {
		r := m.rs[i]
		v := f.get(r)
		if v == "" {
			continue
		}
		switch c := m.conflict(i, f.name); {
		case c != nil:
			m.fromConflict(i, c)
		case len(r.Sources) == 0:
			lang := firstLang(r)
			m.obs = append(m.obs, observation{rank: LangRank(lang), lang: lang, value: v, rec: r})
		default:
			byField := len(r.Sources) > 1 && slices.ContainsFunc(r.Sources, func(s Source) bool { return hasField(&s, f.name) })
			for j := range r.Sources {
				if s := &r.Sources[j]; !byField || hasField(s, f.name) {
					lang := sourceLang(r, s)
					m.obs = append(m.obs, observation{rank: LangRank(lang), lang: lang, path: s.Path, named: true, value: v, rec: r, src: s})
				}
			}
		}
	}
	return m.sorted()
}

// agree reports whether every record that states fact f states the same
// value.
func (m *merger) agree(f fact) bool {
	first := ""
	for _, r := range m.rs {
		switch v := f.get(r); {
		case v == "":
		case first == "":
			first = v
		case !sameValue(v, first):
			return false
		}
	}
	return true
}

// add adds the observation that record r, from a page, states v.
func (m *merger) add(r *Record, v string) {
	lang := firstLang(r)
	o := observation{rank: LangRank(lang), lang: lang, value: v, rec: r}
	if len(r.Sources) > 0 {
		o.path, o.named, o.src = r.Sources[0].Path, true, &r.Sources[0]
	}
	m.obs = append(m.obs, o)
}

// textObservations returns the observations of a per-language text field
// (title, body, outcomes), which get reads, in the order merging prefers
// them; their values are lazy. The text of a language comes from the
// record's sources in that language, or from its first source when none is
// (a page of one source holding several languages).
func textObservations[V any](m *merger, field string, get func(*Record) map[string]V) []observation {
	m.obs = m.obs[:0]
	for i := range m.rs {
		r := m.rs[i]
		byLang := get(r)
		if len(byLang) == 1 { // a page's: no sorting
			for lang := range byLang {
				m.addText(i, field, lang)
			}
			continue
		}
		for _, lang := range slices.SortedFunc(maps.Keys(byLang), compareLangs) {
			m.addText(i, field, lang)
		}
	}
	return m.sorted()
}

// compareLangs orders language codes as merging prefers them.
func compareLangs(a, b string) int {
	return cmp.Or(cmp.Compare(LangRank(a), LangRank(b)), cmp.Compare(a, b))
}

// addText adds the observations of record i's text field in lang.
func (m *merger) addText(i int, field, lang string) {
	r := m.rs[i]
	if m.conflicts != nil && m.conflicts[i] != nil { // not building the name for every record from a page
		if c := m.conflicts[i][field+"."+lang]; c != nil {
			m.fromConflict(i, c)
			return
		}
	}
	n := len(m.obs)
	if len(r.Sources) > 1 {
		for j := range r.Sources {
			if s := &r.Sources[j]; s.Lang == lang {
				m.obs = append(m.obs, observation{rank: LangRank(lang), lang: lang, path: s.Path, named: true, lazy: true, rec: r, src: s})
			}
		}
	}
	if len(m.obs) == n { // no source in that language
		m.obs = append(m.obs, observation{rank: LangRank(lang), lang: lang, path: firstPath(r), named: len(r.Sources) > 0, lazy: true, rec: r})
	}
}

// fromConflict adds what each source of r said in its conflict c, by path.
// A text conflict lists only the kept text's source and those that
// differed: r's other sources in that language said the kept text.
func (m *merger) fromConflict(i int, c *Conflict) {
	r := m.rs[i]
	lang, isText := "", false
	if field, l, ok := strings.Cut(c.Field, "."); ok && field != "" {
		lang, isText = l, true
	}
	for _, path := range slices.Sorted(maps.Keys(c.ByPath)) {
		s := m.source(i, path)
		l := lang
		if !isText {
			l = firstLang(r)
			if s != nil {
				l = sourceLang(r, s)
			}
		}
		m.obs = append(m.obs, observation{rank: LangRank(l), lang: l, path: path, named: true, value: c.ByPath[path], rec: r, src: s})
	}
	if !isText {
		return
	}
	kept := c.Values[lang]
	for j := range r.Sources {
		if s := &r.Sources[j]; s.Lang == lang {
			if _, ok := c.ByPath[s.Path]; !ok {
				m.obs = append(m.obs, observation{rank: LangRank(lang), lang: lang, path: s.Path, named: true, value: kept, rec: r, src: s})
			}
		}
	}
}

// sorted sorts the observations in the order merging prefers them. Those
// of records from pages come in that order already.
func (m *merger) sorted() []observation {
	if !m.pages {
		slices.SortStableFunc(m.obs, compareObservations)
	}
	return m.obs
}

// hasField reports whether s has a labelled field for key.
func hasField(s *Source, key string) bool {
	for _, f := range s.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// diagnostics returns the records' diagnostics in the order merging
// prefers their sources, without the conflicts an earlier Merge found in a
// record merged before: Merge finds them anew. For records from pages that
// is the records' order.
func (m *merger) diagnostics() []Diagnostic {
	var out []Diagnostic
	if m.pages {
		for i := range m.rs {
			out = append(out, m.rs[i].Diagnostics...)
		}
		return out
	}
	type keyed struct {
		d    Diagnostic
		rank int
		path string
	}
	var ds []keyed
	for i := range m.rs {
		r := m.rs[i]
		merged := len(r.Sources) > 1 || len(r.Conflicts) > 0
		for _, d := range r.Diagnostics {
			if d.Code == CodeConflict && merged {
				continue
			}
			k := keyed{d: d, rank: LangRank(firstLang(r)), path: firstPath(r)}
			if s := m.source(i, d.Path); s != nil {
				k.rank, k.path = LangRank(sourceLang(r, s)), s.Path
			}
			ds = append(ds, k)
		}
	}
	slices.SortStableFunc(ds, func(a, b keyed) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.path, b.path)) })
	for _, k := range ds {
		out = append(out, k.d)
	}
	return out
}
