// Package changes is what diff makes of two scrapes once read: it matches
// the records of the two sides by key (Match), and writes what changed in
// each record (model.Diff's changes) as text for a terminal or a CI log,
// as JSON Lines, or as one JSON array (NewWriter).
package changes

import (
	"cmp"
	"slices"
)

// Classes of record keys: a project's ids and another record's URL or
// path never match each other, and projects come first, as in ingest's
// output.
const (
	ClassProject = iota // keys: Prima ID, Projects ID
	ClassOther          // keys: URL, path relative to the side's folder
)

// Entry is one record of a side (a pairing group) as matching sees it.
type Entry struct {
	Group int // the record, as the side numbers them
	Class int
	// Keys are what the record may be matched by, in order: a project's
	// Prima ID and Projects ID, another record's URL and relative path;
	// "" when it has no such key.
	Keys [2]string
	Kind string
	Pass bool // the filter (--kind, --lang) keeps it
}

// key is the entry's key in changes: its first known one.
func (e *Entry) key() string { return cmp.Or(e.Keys[0], e.Keys[1]) }

// Pair is one line of the comparison: a record in both sides (Old and New
// are groups), only in the new one (Old < 0: added), or only in the old
// one (New < 0: removed).
type Pair struct {
	Old, New int
	Class    int
	Key      string // the new record's key, else the old one's
	Kind     string // the new record's kind, else the old one's
}

// Match matches the records of two sides by key, in stages: by the first
// key (Prima ID; URL), then the records left by the second (Projects ID;
// path), so that a project whose Prima ID appeared, or a page now read
// from an archive that gives its URL, still matches. Records with the same
// key in one side (two pages of one URL) match in the order of their other
// key. It returns the pairs the filter keeps on either side, ordered as
// ingest orders records: projects by key, then the others by key.
func Match(old, new []Entry) []Pair {
	oldMatch, newMatch := unmatched(len(old)), unmatched(len(new))
	for stage := range 2 {
		o, n := candidates(old, oldMatch, stage), candidates(new, newMatch, stage)
		for i, j := 0, 0; i < len(o) && j < len(n); {
			a, b := &old[o[i]], &new[n[j]]
			switch c := cmp.Or(cmp.Compare(a.Class, b.Class), cmp.Compare(a.Keys[stage], b.Keys[stage])); {
			case c < 0:
				i++
			case c > 0:
				j++
			default:
				oldMatch[o[i]], newMatch[n[j]] = n[j], o[i]
				i++
				j++
			}
		}
	}
	var pairs []Pair
	add := func(oi, ni int) {
		p := Pair{Old: -1, New: -1}
		var e *Entry
		if oi >= 0 {
			e = &old[oi]
			p.Old = e.Group
		}
		pass := e != nil && e.Pass
		if ni >= 0 {
			e = &new[ni]
			p.New = e.Group
			pass = pass || e.Pass
		}
		if pass {
			p.Class, p.Key, p.Kind = e.Class, e.key(), e.Kind
			pairs = append(pairs, p)
		}
	}
	for oi, ni := range oldMatch {
		add(oi, ni)
	}
	for ni, oi := range newMatch {
		if oi < 0 {
			add(-1, ni)
		}
	}
	slices.SortStableFunc(pairs, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(a.Class, b.Class), cmp.Compare(a.Key, b.Key))
	})
	return pairs
}

// unmatched is n entries' matches: none yet.
func unmatched(n int) []int {
	m := make([]int, n)
	for i := range m {
		m[i] = -1
	}
	return m
}

// candidates are the entries not matched yet that have a key for stage,
// ordered by class, that key, and their other key.
func candidates(entries []Entry, matched []int, stage int) []int {
	var out []int
	for i := range entries {
		if matched[i] < 0 && entries[i].Keys[stage] != "" {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b int) int {
		x, y := &entries[a], &entries[b]
		return cmp.Or(cmp.Compare(x.Class, y.Class), cmp.Compare(x.Keys[stage], y.Keys[stage]),
			cmp.Compare(x.Keys[1-stage], y.Keys[1-stage]), cmp.Compare(a, b))
	})
	return out
}
