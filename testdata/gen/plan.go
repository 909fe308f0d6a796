package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// The shares of the corpus, as the package documentation states them.
const (
	otherShare    = 0.40    // of pages: news and other pages
	multiShare    = 0.50    // of projects: in two or three languages
	threeShare    = 1.0 / 3 // of multilingual projects whose family has three languages
	oldShare      = 0.10    // of projects: from before Prima, paired by Projects ID
	oldFormShare  = 0.50    // of old projects: a Projects ID like T97-805
	conflictShare = 0.20    // of multilingual projects: a version disagrees on a fact

	minPage  = 600  // bytes a lengthened text page has at least
	meanPage = 2000 // bytes a lengthened text page has on average
)

// Which fact a page states differently from its other versions.
const (
	agree = iota
	otherEnd
	otherBudget
)

// project is the identity and facts shared by the versions of a project.
type project struct {
	prima, projectID string // prima is "" for a project from before Prima
	start, end       int
	budget           int // whole US dollars
}

// page is one file to write: a template and what changes in it.
type page struct {
	t        *template
	p        *project // nil for news and other pages
	conflict int      // agree, otherEnd or otherBudget
	target   int      // bytes to lengthen the page to; 0 keeps it as it is
	fill     uint64   // seed of the choice of added paragraphs
}

// plan draws the corpus: which template each page copies, with what
// identifiers and facts, in the order the files are written. Every random
// choice is made here, in one sequence from the seed, so that pages can
// then be written in any order (and in parallel) with the same result.
func plan(families []*family, others []*template, n int, seed uint64) []page {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var multi, oldAll, oldMulti []*family
	for _, f := range families {
		if len(f.langs) > 1 {
			multi = append(multi, f)
		}
		if f.canBeOld() {
			oldAll = append(oldAll, f)
			if len(f.langs) > 1 {
				oldMulti = append(oldMulti, f)
			}
		}
	}
	ids := newIDs(n)
	pages := make([]page, 0, n)
	nOthers := 0
	if len(others) > 0 {
		nOthers = int(math.Round(otherShare * float64(n)))
	}
	for len(pages) < n-nOthers {
		old := len(oldAll) > 0 && rng.Float64() < oldShare
		pool, multiPool := families, multi
		if old {
			pool, multiPool = oldAll, oldMulti
		}
		var versions []*template
		if len(multiPool) > 0 && rng.Float64() < multiShare {
			f := multiPool[rng.IntN(len(multiPool))]
			k := 2
			if len(f.langs) > 2 && rng.Float64() < threeShare {
				k = 3
			}
			for _, i := range rng.Perm(len(f.langs))[:k] {
				choice := f.byLang(f.langs[i])
				versions = append(versions, choice[rng.IntN(len(choice))])
			}
		} else {
			f := pool[rng.IntN(len(pool))]
			versions = []*template{f.pages[rng.IntN(len(f.pages))]}
		}
		p := ids.project(rng, old)
		conflictAt, conflict := -1, agree
		if len(versions) > 1 && rng.Float64() < conflictShare {
			conflictAt, conflict = pickConflict(rng, versions)
		}
		for i, t := range versions {
			if len(pages) == n-nOthers {
				break // the last project loses a version to fit
			}
			pg := page{t: t, p: p}
			if i == conflictAt {
				pg.conflict = conflict
			}
			pages = append(pages, lengthen(rng, pg))
		}
	}
	for len(pages) < n {
		pages = append(pages, lengthen(rng, page{t: others[rng.IntN(len(others))]}))
	}
	rng.Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
	return pages
}

// pickConflict chooses a version, other than English when it can, to state
// the end year or the budget differently: the end year three times in five
// (VOCABULARY.md: French and Spanish pages often say another end year),
// among the facts another version states too, so that the difference shows. It returns -1
// when no two versions state the same one of these facts.
func pickConflict(rng *rand.Rand, versions []*template) (int, int) {
	order := rng.Perm(len(versions))
	slices.SortStableFunc(order, func(a, b int) int { // English last: its values are kept
		return boolInt(versions[a].lang == "en") - boolInt(versions[b].lang == "en")
	})
	facts := []int{otherEnd, otherBudget}
	if rng.Float64() >= 0.6 {
		facts = []int{otherBudget, otherEnd}
	}
	states := func(t *template, fact int) bool {
		if fact == otherEnd {
			return t.end >= 0
		}
		return t.budget >= 0
	}
	for _, fact := range facts {
		for _, i := range order {
			if !states(versions[i], fact) {
				continue
			}
			for j, t := range versions {
				if j != i && states(t, fact) {
					return i, fact
				}
			}
		}
	}
	return -1, agree
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lengthen draws the size a page will be brought to, when it can grow: at
// least minPage bytes, on average meanPage, with the long tail of real
// pages (exponential).
func lengthen(rng *rand.Rand, pg page) page {
	if pg.t.fillAt < 0 || len(fillers[pg.t.lang]) == 0 {
		return pg
	}
	pg.target = minPage + int(rng.ExpFloat64()*(meanPage-minPage))
	pg.fill = rng.Uint64()
	return pg
}

// ids hands out identifiers that no other project of the corpus has, drawn
// at random so that their order follows nothing else.
type ids struct {
	used map[string]bool
	old  int // Projects IDs of the old shape handed out
}

// newIDs makes room for the identifiers of n pages: two a project, about
// 0.7 a page.
func newIDs(n int) *ids { return &ids{used: make(map[string]bool, n)} }

// oldCapacity is the number of Projects IDs of the old shape this draws (a
// letter, two letters or digits, -805); past half of it the dotted shape is
// used, so that drawing stays quick.
const oldCapacity = 26 * 36 * 36

// project draws a project's identifiers and facts; an old one has no Prima
// ID and starts before Prima existed.
func (s *ids) project(rng *rand.Rand, old bool) *project {
	p := &project{}
	if old {
		p.start = 1995 + rng.IntN(12) // before Prima, about 2007
	} else {
		p.start = 2008 + rng.IntN(17)
		p.prima = s.draw(func() string {
			mid := [...]string{"10", "10", "10", "10", "20", "99"}[rng.IntN(6)]
			return fmt.Sprintf("%c%c%sP%04d", letter(rng), letter(rng), mid, rng.IntN(10000))
		})
	}
	p.end = p.start + 1 + rng.IntN(4)
	p.budget = 1000 * (20 + rng.IntN(1480))
	if old && s.old < oldCapacity/2 && rng.Float64() < oldFormShare {
		s.old++
		p.projectID = s.draw(func() string {
			const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			return fmt.Sprintf("%c%c%c-805", letter(rng), alnum[rng.IntN(36)], alnum[rng.IntN(36)])
		})
	} else {
		p.projectID = s.draw(func() string {
			return fmt.Sprintf("%c%c.%04d", letter(rng), letter(rng), rng.IntN(10000))
		})
	}
	return p
}

// draw calls next until it returns an identifier not handed out yet.
func (s *ids) draw(next func() string) string {
	for {
		if id := next(); !s.used[id] {
			s.used[id] = true
			return id
		}
	}
}

func letter(rng *rand.Rand) byte { return byte('A' + rng.IntN(26)) }
