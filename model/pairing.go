package model

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// PairOrder decides the pairing of n records, whose keys key(i) returns. It
// returns every record's index in the order pairing writes them: first the
// groups to merge, by key (the Prima ID, or the Projects ID of old projects
// without one), each listing its members in the order Merge prefers them
// (English, French, Spanish, then by path); then the records that pair with
// nothing, by path (ComparePaths: an archive's records by offset). ends[g]
// is where group g ends in order; the records after the last group are the
// unpaired ones. n is at most math.MaxInt32.
//
// A project with a Prima ID is grouped under it; a project with only a
// Projects ID joins the group of the smallest Prima ID stated with that
// Projects ID, else a group of its own under the Projects ID; a record of
// another kind, or a project with neither, pairs with nothing.
//
// Pairing is a sort, not a map of groups, so that what it keeps is two
// slices of ints whatever the number of groups, and key may decode the keys
// from a compact store each time it is called: a caller pairing a million
// records on disk holds only their keys' bytes. The sort compares the first
// 16 bytes of the groups' names, held in its entries (pairEntry), and reads
// keys only to tell apart the records of one group: keys all over memory,
// read for each of the n·log n comparisons, made it a twentieth of an
// ingest.
func PairOrder(n int, key func(i int) PairKeys) (order, ends []int) {
	// joins maps the Projects ID of every project without a Prima ID to
	// the record that states it with the smallest Prima ID (-1: none),
	// whose group the project joins.
	joins := map[string]int32{}
	for i := range n {
		if k := key(i); k.Kind == KindProject && k.PrimaID == "" && k.ProjectID != "" {
			joins[k.ProjectID] = -1
		}
	}
	if len(joins) > 0 {
		for i := range n {
			k := key(i)
			if j, ok := joins[k.ProjectID]; ok && k.Kind == KindProject && k.PrimaID != "" && (j < 0 || k.PrimaID < key(int(j)).PrimaID) {
				joins[k.ProjectID] = int32(i)
			}
		}
	}
	var grouped []pairEntry
	var rest []int
	for i := range n {
		k := key(i)
		e := pairEntry{i: int32(i), named: int32(i), rank: uint8(min(LangRank(k.Lang), 255))}
		switch {
		case k.Kind != KindProject || k.PrimaID == "" && k.ProjectID == "":
			rest = append(rest, i)
			continue
		case k.PrimaID == "":
			e.noPrimaID = 1
			if j := joins[k.ProjectID]; j >= 0 {
				e.named = j
			}
		}
		e.setName(groupName(key(int(e.named))))
		grouped = append(grouped, e)
	}
	// The name of the group that record named names, read only when the
	// heads cannot tell.
	name := func(named int32) string { return groupName(key(int(named))) }
	slices.SortFunc(grouped, func(a, b pairEntry) int {
		if c := compareNames(&a, &b, name); c != 0 {
			return c
		}
		// One group: records tied on language and path keep the ones
		// with a Prima ID first, then their input order.
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Or(ComparePaths(key(int(a.i)).Path, key(int(b.i)).Path), cmp.Compare(a.noPrimaID, b.noPrimaID), cmp.Compare(a.i, b.i))
	})
	order = make([]int, 0, n)
	for g := range grouped {
		if g > 0 && compareNames(&grouped[g-1], &grouped[g], name) != 0 {
			ends = append(ends, g)
		}
		order = append(order, int(grouped[g].i))
	}
	if len(grouped) > 0 {
		ends = append(ends, len(grouped))
	}
	grouped = nil
	slices.SortFunc(rest, func(a, b int) int {
		ka, kb := key(a), key(b)
		return cmp.Or(ComparePaths(ka.Path, kb.Path), cmp.Compare(LangRank(ka.Lang), LangRank(kb.Lang)), cmp.Compare(a, b))
	})
	return append(order, rest...), ends
}

// groupName is the name of the group that the record of k names: its
// Prima ID, else its Projects ID.
func groupName(k PairKeys) string { return cmp.Or(k.PrimaID, k.ProjectID) }

// pairEntry is a grouped record in PairOrder's sort, with what orders it
// and no pointer.
type pairEntry struct {
	// head is the first 16 bytes of the group's name, zero-padded, as
	// big-endian numbers: compared as numbers, they order names as strings
	// do, as far as they go.
	head [2]uint64
	// nameLen is the length of the name, or 17 for any longer: names of
	// equal heads and lengths up to 16 are equal.
	nameLen   uint8
	rank      uint8 // LangRank of the record's language
	noPrimaID uint8 // 1 for a record without a Prima ID, which comes after one with
	named     int32 // the record whose key names the group
	i         int32 // the record
}

func (e *pairEntry) setName(name string) {
	var b [16]byte
	copy(b[:], name)
	e.head = [2]uint64{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
	e.nameLen = uint8(min(len(name), 17))
}

// compareNames compares the names of the groups of a and b, by their heads,
// or by name(a.named) and name(b.named) when the heads are equal but the
// names may not be.
func compareNames(a, b *pairEntry, name func(named int32) string) int {
	if c := cmp.Or(cmp.Compare(a.head[0], b.head[0]), cmp.Compare(a.head[1], b.head[1])); c != 0 {
		return c
	}
	if a.nameLen <= 16 && a.nameLen == b.nameLen || a.named == b.named {
		return 0
	}
	return cmp.Compare(name(a.named), name(b.named))
}
