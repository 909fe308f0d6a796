package cmd

import (
	"cmp"
	"slices"
)

// Classes of record keys: a project's ids and another record's URL or
// path never match each other, and projects come first in the output, as
// in ingest's.
const (
	classProject = iota // keys: Prima ID, Projects ID
	classOther          // keys: URL, path relative to the side's folder
)

// diffEntry is one record of a side (a pairing group) as matching sees it.
type diffEntry struct {
	group int
	class int
	// keys are what the record may be matched by, in order: a project's
	// Prima ID and Projects ID, another record's URL and relative path;
	// "" when it has no such key.
	keys [2]string
	kind string
	pass bool // the filter (--kind, --lang) keeps it
}

// key is the entry's key in changes: its first known one.
func (e *diffEntry) key() string { return cmp.Or(e.keys[0], e.keys[1]) }

// diffPair is one line of the comparison: a record in both sides (old and
// new are groups), only in the new one (old < 0: added), or only in the
// old one (new < 0: removed).
type diffPair struct {
	old, new int
	class    int
	key      string // the new record's key, else the old one's
	kind     string // the new record's kind, else the old one's
}

// matchSides matches the records of two sides by key, in stages: by the
// first key (Prima ID; URL), then the records left by the second (Projects
// ID; path), so that a project whose Prima ID appeared, or a page now
// read from an archive that gives its URL, still matches. Records with the
// same key in one side (two pages of one URL) match in the order of their
// other key. It returns the pairs the filter keeps on either side, ordered
// as ingest orders records: projects by key, then the others.
func matchSides(old, new []diffEntry) []diffPair {
	oldMatch, newMatch := make([]int, len(old)), make([]int, len(new))
	for i := range oldMatch {
		oldMatch[i] = -1
	}
	for i := range newMatch {
		newMatch[i] = -1
	}
	for stage := range 2 {
		o, n := candidates(old, oldMatch, stage), candidates(new, newMatch, stage)
		for i, j := 0, 0; i < len(o) && j < len(n); {
			a, b := &old[o[i]], &new[n[j]]
			switch c := cmp.Or(cmp.Compare(a.class, b.class), cmp.Compare(a.keys[stage], b.keys[stage])); {
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
	var pairs []diffPair
	add := func(oi, ni int) {
		p := diffPair{old: -1, new: -1}
		var e *diffEntry
		if oi >= 0 {
			e = &old[oi]
			p.old = e.group
		}
		pass := e != nil && e.pass
		if ni >= 0 {
			e = &new[ni]
			p.new = e.group
			pass = pass || e.pass
		}
		if pass {
			p.class, p.key, p.kind = e.class, e.key(), e.kind
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
	slices.SortStableFunc(pairs, func(a, b diffPair) int {
		return cmp.Or(cmp.Compare(a.class, b.class), cmp.Compare(a.key, b.key))
	})
	return pairs
}

// candidates are the entries not matched yet that have a key for stage,
// ordered by class, that key, and their other key.
func candidates(entries []diffEntry, matched []int, stage int) []int {
	var out []int
	for i := range entries {
		if matched[i] < 0 && entries[i].keys[stage] != "" {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b int) int {
		x, y := &entries[a], &entries[b]
		return cmp.Or(cmp.Compare(x.class, y.class), cmp.Compare(x.keys[stage], y.keys[stage]),
			cmp.Compare(x.keys[1-stage], y.keys[1-stage]), cmp.Compare(a, b))
	})
	return out
}
