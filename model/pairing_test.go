package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPairOrder: groups by Prima ID, then the projects with a Projects ID
// alone joining the smallest Prima ID stated with it; members by language
// then path; the rest by path.
func TestPairOrder(t *testing.T) {
	keys := []PairKeys{
		0: {Kind: KindNews, Path: "b/news.txt", Lang: "en"},
		1: {Kind: KindProject, PrimaID: "RW10P0522", ProjectID: "TK.0019", Lang: "fr", Path: "p/rw-fr.txt"},
		2: {Kind: KindProject, ProjectID: "TK.0019", Lang: "es", Path: "p/old-es.txt"},
		3: {Kind: KindProject, PrimaID: "RW10P0522", ProjectID: "TK.0019", Lang: "en", Path: "p/rw-en.txt"},
		4: {Kind: KindProject, ProjectID: "T97-805", Lang: "en", Path: "p/old.txt"},
		5: {Kind: KindPage, Path: "a/faq.txt", Lang: "en"},
		6: {Kind: KindProject, Lang: "en", Path: "p/no-id.txt"},
		7: {Kind: KindProject, PrimaID: "AA10P0001", ProjectID: "TK.0019", Lang: "en", Path: "p/aa.txt"},
	}
	order, ends := PairOrder(len(keys), func(i int) PairKeys { return keys[i] })
	assert.Equal(t, []int{7, 2, 3, 1, 4, 5, 0, 6}, order)
	assert.Equal(t, []int{2, 4, 5}, ends)
}

// TestPairOrderMatchesMaps holds PairOrder to the pairing it replaced, on
// random keys that share identifiers, languages and paths.
func TestPairOrderMatchesMaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(values ...string) string { return values[rng.IntN(len(values))] }
	for round := range 2000 {
		keys := make([]PairKeys, rng.IntN(40))
		for i := range keys {
			keys[i] = PairKeys{
				Kind: pick(KindProject, KindProject, KindProject, KindNews, KindPage),
				// Names that only the keys tell apart: longer than the
				// 16 bytes PairOrder holds of them, or ending in NUL.
				PrimaID:   pick("", "", "A", "B", "C", "T1", "A\x00", "LONG-PRIMA-ID-00001", "LONG-PRIMA-ID-00002"),
				ProjectID: pick("", "", "T1", "T2", "T3", "A", "A\x00", "LONG-PRIMA-ID-00001", "LONG-PROJECT-ID-01"),
				Lang:      pick("en", "fr", "es", "und", ""),
				Path:      pick("a", "b", "c", "d", "a/b", "a-b"),
			}
		}
		order, ends := PairOrder(len(keys), func(i int) PairKeys { return keys[i] })
		groups, rest := pairGroups(keys)
		var want, wantEnds []int
		for _, g := range groups {
			want = append(want, g...)
			wantEnds = append(wantEnds, len(want))
		}
		want = append(want, rest...)
		if !slices.Equal(order, want) || !slices.Equal(ends, wantEnds) {
			t.Fatalf("round %d: keys %v\nPairOrder %v %v\nwant      %v %v", round, keys, order, ends, want, wantEnds)
		}
	}
}

// pairGroups is pairing as it was decided before PairOrder, with maps of
// groups: the reference PairOrder is held to.
func pairGroups(keys []PairKeys) (groups [][]int, rest []int) {
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

// BenchmarkPairOrder pairs 100,000 records shaped like a scrape's: two
// thirds projects, about half of them in two or three languages, their
// identifiers in random order and their paths in order, as a walk finds
// them; the keys are read from a slice.
func BenchmarkPairOrder(b *testing.B) {
	keys := benchKeys(100_000)
	b.ReportAllocs()
	for b.Loop() {
		PairOrder(len(keys), func(i int) PairKeys { return keys[i] })
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/record")
}

func benchKeys(n int) []PairKeys {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]PairKeys, 0, n)
	langs := []string{"en", "fr", "es"}
	for len(keys) < n {
		p := len(keys)
		prima := fmt.Sprintf("%c%c%02dP%04d", 'A'+rng.IntN(26), 'A'+rng.IntN(26), rng.IntN(100), rng.IntN(10000))
		project := fmt.Sprintf("TK.%05d", rng.IntN(100000))
		switch rng.IntN(3) {
		case 0, 1:
			if rng.IntN(10) == 0 {
				prima = ""
			}
			for l := range 1 + rng.IntN(3) {
				keys = append(keys, PairKeys{Kind: KindProject, PrimaID: prima, ProjectID: project, Lang: langs[l]})
			}
		default:
			keys = append(keys, PairKeys{Kind: KindNews, Lang: langs[rng.IntN(3)]})
		}
		for i := p; i < len(keys); i++ {
			keys[i].Path = fmt.Sprintf("/tmp/corpus/%04d/p%07d.txt", i/1000, i)
		}
	}
	return keys
}
