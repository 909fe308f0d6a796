package parser

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
)

// menuOpeners are the first headings of the IOM site menus after their
// opening "-" line: the global site in three languages and the
// country-office sites (which capitalise "Who We Are"). The Development Fund
// menu opens with a "- " item instead (devfundMenuItems).
var menuOpeners = vocab.NewVocabulary([]vocab.Term{
	{Code: "global", Names: []vocab.Name{{Lang: "en", Text: "Who we are"}, {Lang: "fr", Text: "Qui sommes nous"}, {Lang: "es", Text: "Quiénes somos"}, {Lang: "fr", Text: "Qui sommes-nous"}}},
})

// menuEndItems are the last items of the site menus: "- 2030 Agenda" on
// iom.int and the country-office sites, "- Donate Now" and its translations
// on the Development Fund site. Only a whole "- " item line matches, never a
// body line that merely mentions the 2030 Agenda.
var menuEndItems = vocab.NewVocabulary([]vocab.Term{
	{Code: "iom", Names: []vocab.Name{{Text: "2030 Agenda"}, {Lang: "fr", Text: "Agenda 2030"}, {Lang: "fr", Text: "Programme 2030"}, {Lang: "es", Text: "Agenda 2030"}}},
	{Code: "devfund", Names: []vocab.Name{{Lang: "en", Text: "Donate Now"}, {Lang: "en", Text: "Donate"}, {Lang: "fr", Text: "Faire un don"}, {Lang: "es", Text: "Donar"}}},
})

// devfundMenuItems are the first items of the Development Fund site's menus.
var devfundMenuItems = vocab.NewVocabulary([]vocab.Term{
	{Code: "devfund", Names: []vocab.Name{{Lang: "en", Text: "About"}, {Lang: "fr", Text: "A propos du Fonds"}, {Lang: "es", Text: "A propósito del Fondo"}, {Lang: "en", Text: "About the Fund"}}},
})

// pageHeaders are the section headers that menu-less snapshots of news pages
// start with ("News" then "Global"), and the widget lines scrapers leave
// before the title. They are skipped only at the top of a page.
var pageHeaders = vocab.NewVocabulary([]vocab.Term{
	{Code: "section", Names: []vocab.Name{{Lang: "en", Text: "News"}, {Lang: "fr", Text: "Communiqué"}, {Lang: "es", Text: "Comunicado"}, {Lang: "en", Text: "Press Release"}, {Lang: "fr", Text: "Communiqué de presse"}, {Lang: "es", Text: "Comunicado de prensa"}, {Lang: "en", Text: "Stories"}, {Lang: "en", Text: "Story"}, {Lang: "fr", Text: "Actualités"}, {Lang: "es", Text: "Noticias"}}},
	{Code: "scope", Names: []vocab.Name{{Text: "Global"}}},
	{Code: "widget", Names: []vocab.Name{{Lang: "en", Text: "Share"}, {Lang: "en", Text: "Print"}, {Lang: "en", Text: "Share this"}, {Lang: "en", Text: "Skip to main content"}, {Lang: "fr", Text: "Partager"}, {Lang: "fr", Text: "Imprimer"}, {Lang: "es", Text: "Compartir"}, {Lang: "es", Text: "Imprimir"}, {Text: "Facebook"}, {Text: "Twitter"}, {Text: "LinkedIn"}, {Text: "Email"}, {Text: "WhatsApp"}, {Text: "X"}, {Lang: "en", Text: "Menu"}, {Lang: "en", Text: "Search"}, {Lang: "fr", Text: "Rechercher"}, {Lang: "es", Text: "Buscar"}}},
})

// menu is what the site menu told about the page.
type menu struct {
	end    int    // index of the first line after the menu (0 when there is none)
	site   string // "iom", "devfund", or "" when the page has no menu
	lang   string // the language of the menu's words
	office *model.Office
}

// dashItem returns the text of a "- item" menu line.
func dashItem(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "- "); ok && strings.TrimSpace(rest) != "" {
		return strings.TrimSpace(rest), true
	}
	return "", false
}

// findMenu recognises the site menu at the top of a page by its structure:
// it opens with "-" and a known first heading (or a Development Fund "- "
// item), holds only menu-shaped lines, and ends with its known last item.
// When the last item is missing (a variant nobody has listed), the menu ends
// after its last "- " item.
func findMenu(lines []Line) menu {
	var s menuSearch
	return s.find(lines, 0)
}

// menuSearch looks for a menu at one line after another of the same lines
// (chromeMenu's search), and keeps what one search learnt that the next
// needs: the next last item of each site's menu, and the run of
// menu-shaped lines read last, which a search that starts inside it reads
// to the same end. Reading them again from every line took time in the
// square of a <nav> of thousands of items.
type menuSearch struct {
	// end holds, by site (iom, devfund), the index of the first line at
	// or after the last search's start that is the last item of its
	// menu, len(lines) when none is left; endKnown tells it was looked
	// for.
	end      [2]int
	endKnown [2]bool
	// runStart, runEnd: the run of menu-shaped lines read last;
	// lastItem, the index of its last "- " item, -1 when it has none.
	runStart, runEnd, lastItem int
}

// find returns the menu at the top of lines[k:], as findMenu(lines[k:])
// would; searches from one menuSearch go forward (k does not decrease).
func (s *menuSearch) find(lines []Line, k int) menu {
	i := k
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
	if j := s.nextEnd(lines, i, m.site); j < len(lines) && j < i+maxMenuLines {
		m.end = j + 1 - k
		m.office = menuOffice(lines[i : j+1])
		return m
	}
	// A menu without its last item (a variant nobody has listed) ends after
	// the last "- " item of its run of menu-shaped lines. Its opening line
	// is judged alone (nothing comes before it, or a blank line); the
	// run's other lines with the line before them, so a run that starts
	// inside the last one read ends where it ended.
	if !menuShaped(lines[i:i+1], 0) {
		return menu{}
	}
	if s.runEnd == 0 || i < s.runStart || i >= s.runEnd {
		s.runStart, s.lastItem = i, -1
		j := i
		for ; j < len(lines) && (j == i || menuShaped(lines, j)); j++ {
			if _, ok := dashItem(lines[j].Text); ok {
				s.lastItem = j
			}
		}
		s.runEnd = j
	}
	if s.lastItem < i {
		return menu{}
	}
	m.end = s.lastItem + 1 - k
	m.office = menuOffice(lines[i : s.lastItem+1])
	return m
}

// nextEnd returns the index of the first line at or after i that is the
// last item of site's menu, or len(lines).
func (s *menuSearch) nextEnd(lines []Line, i int, site string) int {
	n := 0
	if site == "devfund" {
		n = 1
	}
	if s.endKnown[n] && s.end[n] >= i {
		return s.end[n]
	}
	j := i
	for ; j < len(lines); j++ {
		if item, ok := dashItem(lines[j].Text); ok {
			if end, ok := menuEndItems.Lookup(item); ok && end.Code == site {
				break
			}
		}
	}
	s.end[n], s.endKnown[n] = j, true
	return j
}

// menuOffice reads the country office from the first menu line naming it.
func menuOffice(menu []Line) *model.Office {
	for _, l := range menu {
		if o := officeOf(l.Text); o != nil {
			return o
		}
	}
	return nil
}

// maxMenuLines bounds the search for a menu's last item: the longest real
// menus have about sixty lines.
const maxMenuLines = 200

// menuShaped reports whether line j can belong to a site menu: the "-" that
// opens a section, a heading (short, no full stop), a heading repeated, or a
// heading glued to its paragraph ("Who we areWHO WE AREThe International…").
func menuShaped(lines []Line, j int) bool {
	text := lines[j].Text
	switch {
	case text == "-" || text == "":
		return true
	case len(text) <= 60 && !strings.HasSuffix(text, "."):
		return true
	case j > 0 && lines[j-1].Text != "" && foldHasPrefix(text, lines[j-1].Text):
		return true
	}
	return false
}

// foldHasPrefix reports whether s, folded, begins with prefix, folded.
func foldHasPrefix(s, prefix string) bool {
	var bufS, bufP [128]byte
	fp := vocab.AppendFold(bufP[:0], prefix)
	return bytes.HasPrefix(vocab.AppendFoldPrefix(bufS[:0], s, len(fp)), fp)
}

// officeExpressions read the country office from the menu of a
// country-office site: "IOM has had a presence in Rwanda since 1994",
// "L'OIM est présent au Maroc depuis 2007", "La OIM está presente en
// Colombia desde 1956"; the submatches are the country and the year.
// officePatterns read them by hand.
var officeExpressions = []*regexp.Regexp{
	regexp.MustCompile(`IOM has had (?:a )?presence in (?:the )?([\p{L}' .-]+?) since (\d{4})`),
	regexp.MustCompile(`L['’]OIM est présente? (?:au|en|à|aux|dans l['’]|à l['’]|dans le|dans la) ?([\p{L}' .-]+?) depuis (\d{4})`),
	regexp.MustCompile(`La OIM (?:está presente|tiene presencia|ha estado presente) en (?:el |la |los |las )?([\p{L}' .-]+?) desde (\d{4})`),
}

// officePatterns are officeExpressions, in order, written out: the
// literal alternatives before the country, in the order the expression
// tries them, the country ([\p{L}' .-]+?, as short as it can be) and the
// word and four digits after it (FuzzScanners holds officeOf to the
// expressions). The expressions, run on long menu lines, were the
// costliest a page ran.
var officePatterns = []officePattern{
	{
		before: []string{""}, mark: "IOM has had ",
		steps: [][]string{{"a ", ""}, {"presence in "}, {"the ", ""}},
		sep:   " since ",
	},
	{
		before: []string{"L'", "L’"}, mark: "OIM est présent",
		steps: [][]string{{"e", ""}, {" "}, {"au", "en", "à", "aux", "dans l'", "dans l’", "à l'", "à l’", "dans le", "dans la"}, {" ", ""}},
		sep:   " depuis ",
	},
	{
		before: []string{""}, mark: "La OIM ",
		steps: [][]string{{"está presente", "tiene presencia", "ha estado presente"}, {" en "}, {"el ", "la ", "los ", "las ", ""}},
		sep:   " desde ",
	},
}

// officePattern is one of officePatterns: a match is one of before, mark,
// one alternative of each step ("" for an optional one left out), the
// country, sep and four digits.
type officePattern struct {
	before []string // one of them ends where mark starts; "" when mark opens the match
	mark   string   // looked for first: every match holds it
	steps  [][]string
	sep    string
}

// officeOf reads the country office from a menu line, if it names one.
// As with the expressions, only a pattern's leftmost match is read: when
// it names no country, the next pattern is tried.
func officeOf(text string) *model.Office {
	if !holdsIOM(text) {
		return nil // every pattern's mark holds "IOM" or "OIM", and most menu lines neither
	}
	for i := range officePatterns {
		m := officeMatcher{p: &officePatterns[i], text: text, failFrom: -1, failTo: -2}
		country, year, ok := m.find()
		if !ok {
			continue
		}
		code, _, ok := vocab.LookupCountry(country)
		if !ok {
			continue
		}
		since, _ := strconv.Atoi(year) // four digits by the pattern
		return &model.Office{Country: code, Since: since}
	}
	return nil
}

// holdsIOM reports whether text holds "IOM" or "OIM", as two calls of
// strings.Contains would, in one search for their last letter, rarer in
// text than their first ones.
func holdsIOM(text string) bool {
	for i := 0; i < len(text); i++ {
		j := strings.IndexByte(text[i:], 'M')
		if j < 0 {
			return false
		}
		i += j
		if i >= 2 && (text[i-2:i] == "IO" || text[i-2:i] == "OI") {
			return true
		}
	}
	return false
}

// officeMatcher finds the leftmost match of an officePattern in a line.
type officeMatcher struct {
	p    *officePattern
	text string
	// A country that starts in [failFrom, failTo] is followed by no sep:
	// the last country tried from there met a character it cannot hold
	// at failTo. A later start is tried only up to failFrom, which keeps
	// the search linear in the line.
	failFrom, failTo int
}

// find returns the country and the year of the leftmost match, trying the
// starts in order, as the expression does.
func (m *officeMatcher) find() (country, year string, ok bool) {
	t := m.text
	for i := strings.Index(t, m.p.mark); i >= 0; {
		for _, b := range m.p.before {
			if i < len(b) || t[i-len(b):i] != b {
				continue
			}
			if c, e, ok := m.steps(0, i+len(m.p.mark)); ok {
				y := e + len(m.p.sep)
				return t[c:e], t[y : y+4], true
			}
		}
		next := strings.Index(t[i+1:], m.p.mark)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return "", "", false
}

// steps matches the steps from step k at byte i, trying their alternatives
// in order, then the country; it returns the country's bounds.
func (m *officeMatcher) steps(k, i int) (start, end int, ok bool) {
	if k == len(m.p.steps) {
		return m.country(i)
	}
	for _, alt := range m.p.steps[k] {
		if strings.HasPrefix(m.text[i:], alt) {
			if start, end, ok := m.steps(k+1, i+len(alt)); ok {
				return start, end, true
			}
		}
	}
	return 0, 0, false
}

// country returns the bounds of the shortest country that starts at byte
// c and is followed by sep and four digits.
func (m *officeMatcher) country(c int) (start, end int, ok bool) {
	if m.failFrom <= c && c <= m.failTo {
		return 0, 0, false
	}
	t, sep := m.text, m.p.sep
	for i := c; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) && r != '\'' && r != ' ' && r != '.' && r != '-' {
			m.failed(c, i)
			return 0, 0, false
		}
		i += size
		if strings.HasPrefix(t[i:], sep) && len(t)-i-len(sep) >= 4 && allDigits(t[i+len(sep):i+len(sep)+4]) {
			return c, i, true
		}
		if i == m.failFrom {
			m.failed(c, m.failTo) // from here on, as the country tried from failFrom
			return 0, 0, false
		}
	}
	m.failed(c, len(t))
	return 0, 0, false
}

// failed notes that no country starting in [c, x] is followed by sep,
// unless an earlier note reaches further into the line, which later
// starts are nearer to.
func (m *officeMatcher) failed(c, x int) {
	if x >= m.failTo {
		m.failFrom, m.failTo = c, x
	}
}
