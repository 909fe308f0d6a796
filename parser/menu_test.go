package parser

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model/growth"
)

func TestOfficeOf(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		since int
	}{
		{"WHO WE AREThe International Organization for Migration (IOM) … IOM has had a presence in Rwanda since 1994.", "RW", 1994},
		{"IOM has had presence in Zimbabwe since 1985.", "ZW", 1985},
		{"IOM has had a presence in Sri Lanka since 2002", "LK", 2002},
		{"Qui sommes nousL'Organisation … L'OIM est présent au Maroc depuis 2007.", "MA", 2007},
		{"L’OIM est présente en Tunisie depuis 2001.", "TN", 2001},
		{"Quiénes somosLa Organización … La OIM está presente en Colombia desde 1956.", "CO", 1956},
		{"La OIM tiene presencia en el Perú desde 1988.", "PE", 1988},
		{"La OIM tiene presencia en Ecuador desde 1965.", "EC", 1965},
		{"The 2030 Agenda", "", 0},
	}
	for _, tt := range tests {
		got := officeOf(tt.in)
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("officeOf(%q) = %+v, want nil", tt.in, got)
		case tt.want != "" && (got == nil || got.Country != tt.want || got.Since != tt.since):
			t.Errorf("officeOf(%q) = %+v, want %s since %d", tt.in, got, tt.want, tt.since)
		}
	}
}

// findMenuReference is findMenu as first written, which read the run of
// menu-shaped lines from its start at every search.
func findMenuReference(lines []Line) menu {
	i := 0
	for i < len(lines) && lines[i].Text == "" {
		i++
	}
	if i >= len(lines) {
		return menu{}
	}
	m := menu{}
	switch item, isItem := dashItem(lines[i].Text); {
	case lines[i].Text == "-" && i+1 < len(lines):
		t, ok := menuOpeners.Lookup(lines[i+1].Text)
		if !ok {
			return menu{}
		}
		m.site, m.lang = "iom", t.Lang
	case isItem:
		t, ok := devfundMenuItems.Lookup(item)
		if !ok {
			return menu{}
		}
		m.site, m.lang = "devfund", t.Lang
	default:
		return menu{}
	}

	// The menu ends at its known last item: a whole "- 2030 Agenda" line,
	// looked for within the length of any real menu.
	for j := i; j < len(lines) && j < i+maxMenuLines; j++ {
		if item, ok := dashItem(lines[j].Text); ok {
			if end, ok := menuEndItems.Lookup(item); ok && end.Code == m.site {
				m.end = j + 1
				m.office = menuOffice(lines[i:m.end])
				return m
			}
		}
	}
	// A menu without its last item (a variant nobody has listed) ends after
	// the last "- " item of its run of menu-shaped lines.
	lastItem := -1
	for j := i; j < len(lines) && menuShaped(lines, j); j++ {
		if _, ok := dashItem(lines[j].Text); ok {
			lastItem = j
		}
	}
	if lastItem < 0 {
		return menu{}
	}
	m.end = lastItem + 1
	m.office = menuOffice(lines[i:m.end])
	return m
}

// TestMenuSearch holds the searches of a menuSearch, from one line after
// another, to findMenu from each line alone, on random lines of menus.
func TestMenuSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"-", "", "Who we are", "Who we areWHO WE ARE the rest.", "- About", "-  About", "- 2030 Agenda", "- Donate",
		"- item", "A heading", "A sentence that is long enough to be no heading at all, and ends.", "- " + strings.Repeat(" ", 60) + "About",
		"IOM has had a presence in Rwanda since 1994"}
	for range 3000 {
		lines := make([]Line, rng.IntN(30))
		for i := range lines {
			lines[i] = Line{No: i + 1, Text: alphabet[rng.IntN(len(alphabet))]}
		}
		var s menuSearch
		for k := range lines {
			if rng.IntN(3) == 0 {
				continue // searches skip lines
			}
			if got, want := s.find(lines, k), findMenuReference(lines[k:]); !reflect.DeepEqual(got, want) {
				t.Fatalf("search from line %d of %+v: %+v, want %+v", k, lines, got, want)
			}
		}
	}
}

// TestChromeMenuGrowth holds the search for the site menu in the chrome
// to linear work on a <nav> of tens of thousands of items shaped like the
// menu's first heading, from each of which the menu was looked for to the
// end of the nav (1.9 MB: 44 s).
func TestChromeMenuGrowth(t *testing.T) {
	page := func(n int) []byte {
		return []byte("<html><body><nav><ul>" + strings.Repeat("<li><div>Who we are</div></li>", n) + "</ul></nav><h1>T</h1><p>x</p></body></html>")
	}
	small, large := page(1000), page(10000)
	p := New(Options{})
	growth.Check(t, func() { p.Parse(Document{Path: "m.html", Data: small}) }, func() { p.Parse(Document{Path: "m.html", Data: large}) })
}
