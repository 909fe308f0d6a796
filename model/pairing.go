package model

import (
	"cmp"
	"slices"
)

// PairOrder decides the pairing of n records, whose keys key(i) returns. It
// returns every record's index in the order pairing writes them: first the
// groups to merge, by key (the Prima ID, or the Projects ID of old projects
// without one), each listing its members in the order Merge prefers them
// (English, French, Spanish, then by path); then the records that pair with
// nothing, by path. ends[g] is where group g ends in order; the records
// after the last group are the unpaired ones.
//
// A project with a Prima ID is grouped under it; a project with only a
// Projects ID joins the group of the smallest Prima ID stated with that
// Projects ID, else a group of its own under the Projects ID; a record of
// another kind, or a project with neither, pairs with nothing.
//
// Pairing is a sort, not a map of groups: what it keeps is two slices of
// ints whatever the number of groups, and key may decode the keys from a
// compact store each time it is called (about 2n·log₂n times), so that a
// caller pairing a million records on disk holds only their keys' bytes.
func PairOrder(n int, key func(i int) PairKeys) (order, ends []int) {
	// The projects that state both identifiers, by Projects ID and then
	// Prima ID: the first of each Projects ID gives the group that the
	// projects with that Projects ID alone join.
	var both, rest []int
	order = make([]int, 0, n)
	for i := range n {
		k := key(i)
		switch {
		case k.Kind != KindProject || k.PrimaID == "" && k.ProjectID == "":
			rest = append(rest, i)
		case k.PrimaID != "" && k.ProjectID != "":
			both = append(both, i)
			fallthrough
		default:
			order = append(order, i)
		}
	}
	slices.SortFunc(both, func(a, b int) int {
		ka, kb := key(a), key(b)
		return cmp.Or(cmp.Compare(ka.ProjectID, kb.ProjectID), cmp.Compare(ka.PrimaID, kb.PrimaID))
	})
	// named[i] is the record whose key names record i's group: i itself,
	// or for a project with a Projects ID alone, the one it joins, if any.
	// Only grouped records have one.
	named := make(map[int]int)
	for _, i := range order {
		k := key(i)
		if k.PrimaID != "" {
			continue
		}
		j, found := slices.BinarySearchFunc(both, k.ProjectID, func(e int, id string) int { return cmp.Compare(key(e).ProjectID, id) })
		if found {
			named[i] = both[j]
		}
	}
	both = nil
	groupName := func(i int, k PairKeys) string {
		if k.PrimaID != "" {
			return k.PrimaID
		}
		if j, ok := named[i]; ok {
			return key(j).PrimaID
		}
		return k.ProjectID
	}
	// Within a group, records tied on language and path keep the ones with
	// a Prima ID first, then their input order.
	slices.SortFunc(order, func(a, b int) int {
		ka, kb := key(a), key(b)
		return cmp.Or(cmp.Compare(groupName(a, ka), groupName(b, kb)), compareKeys(&ka, &kb),
			cmp.Compare(withoutPrimaID(ka), withoutPrimaID(kb)), cmp.Compare(a, b))
	})
	for g, i := range order {
		if g > 0 && groupName(i, key(i)) != groupName(order[g-1], key(order[g-1])) {
			ends = append(ends, g)
		}
	}
	if len(order) > 0 {
		ends = append(ends, len(order))
	}
	slices.SortFunc(rest, func(a, b int) int {
		ka, kb := key(a), key(b)
		return cmp.Or(cmp.Compare(ka.Path, kb.Path), cmp.Compare(LangRank(ka.Lang), LangRank(kb.Lang)), cmp.Compare(a, b))
	})
	return append(order, rest...), ends
}

// withoutPrimaID is 1 for a record without a Prima ID, 0 for one with: a
// sort key that puts the records with one first.
func withoutPrimaID(k PairKeys) int {
	if k.PrimaID == "" {
		return 1
	}
	return 0
}
