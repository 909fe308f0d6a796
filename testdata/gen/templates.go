package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

var (
	primaPattern = regexp.MustCompile(`\b[A-Z]{2}\d{2}P\d{4}\b`)
	// A Projects ID: CE.0341, or T97-805 for projects from before Prima.
	projectPattern = regexp.MustCompile(`\b(?:[A-Z]{2}\.\d{4}|[A-Z0-9]{3}-805)\b`)
	yearShape      = regexp.MustCompile(`^\d{4}$`)
	amountShape    = regexp.MustCompile(`^\d+\.\d\d$`)          // iom.int: 81675.00
	devfundAmount  = regexp.MustCompile(`^\d{1,3}(?:,\d{3})+$`) // Development Fund: 103,058
)

// The labels of the facts the generator rewrites, as VOCABULARY.md lists
// them, folded to lower case.
var (
	startLabels  = []string{"start date", "date de début", "fecha de inicio"}
	endLabels    = []string{"end date", "date de fin", "fecha de finalización"}
	yearLabels   = []string{"year", "année", "año"}
	budgetLabels = []string{"budget amount (usd)"}
	primaLabels  = []string{"prima id"}
)

// template is one fixture page, read once and cut into lines so that each
// generated page is a cheap reassembly.
type template struct {
	path  string
	ext   string // ".txt", ".html"
	lang  string // guessed from its words: "en", "fr", "es"
	html  bool
	lines []string // without their line ends
	eol   bool     // whether the last line ends with one
	size  int

	primas   []string // the Prima IDs it states (one, in every fixture)
	projects []string // the Projects IDs it states
	idLines  []bool   // the lines that hold one of them

	// Indexes of the value lines of the facts a project rewrites, -1 when
	// the page has none in the expected shape (a missing or cut value).
	start, end, year, budget int
	devfundBudget            bool // budget written 103,058
	// primaLines are the lines to drop for a project from before Prima
	// (the "-", the label and the value, or the bare value on a
	// Development Fund page); nil when the ID cannot be dropped cleanly.
	primaLines []int
	// fillAt is the line after which paragraphs may be added to make the
	// page longer (the last long paragraph of its story or description),
	// -1 when the page must keep its length (HTML, pages cut off).
	fillAt int
}

// family is the language versions of one project among the templates: the
// pages that share a Prima ID (or, with none, a Projects ID) and a format.
type family struct {
	pages []*template
	langs []string // distinct languages, in the order of pages
}

// canBeOld tells whether every page of the family can lose its Prima ID and
// still be paired by its Projects ID.
func (f *family) canBeOld() bool {
	for _, t := range f.pages {
		if t.html || len(t.projects) == 0 || (len(t.primas) > 0 && t.primaLines == nil) {
			return false
		}
	}
	return true
}

// byLang returns the family's pages in one language.
func (f *family) byLang(lang string) []*template {
	var out []*template
	for _, t := range f.pages {
		if t.lang == lang {
			out = append(out, t)
		}
	}
	return out
}

// loadTemplates reads every page under root, walked in name order: project
// pages grouped into families, and every other page on its own. Golden
// outputs, the generator itself and pages that carry errors on purpose
// (bad, hostile) are left out.
func loadTemplates(root string) (families []*family, others []*template, err error) {
	groups := map[string]*family{}
	var keys []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch name := d.Name(); {
			case p == root:
			case name == "golden" || name == "gen" || name == "bad" || name == "hostile" || strings.HasPrefix(name, "."):
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".txt" && ext != ".html" && ext != ".htm" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		t := newTemplate(p, ext, string(data))
		key := ""
		switch {
		case len(t.primas) > 0:
			key = t.primas[0]
		case len(t.projects) > 0:
			key = t.projects[0]
		default:
			others = append(others, t)
			return nil
		}
		key += ext
		if groups[key] == nil {
			groups[key] = &family{}
			keys = append(keys, key)
		}
		f := groups[key]
		f.pages = append(f.pages, t)
		if !slices.Contains(f.langs, t.lang) {
			f.langs = append(f.langs, t.lang)
		}
		return nil
	})
	for _, k := range keys {
		families = append(families, groups[k])
	}
	return families, others, err
}

func newTemplate(path, ext, text string) *template {
	t := &template{path: path, ext: ext, html: ext != ".txt", size: len(text),
		start: -1, end: -1, year: -1, budget: -1, fillAt: -1}
	t.lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	t.eol = strings.HasSuffix(text, "\n")
	t.lang = guessLang(text)
	t.primas = distinct(primaPattern.FindAllString(text, -1))
	t.projects = distinct(projectPattern.FindAllString(text, -1))
	t.idLines = make([]bool, len(t.lines))
	for i, l := range t.lines {
		for _, id := range append(slices.Clone(t.primas), t.projects...) {
			t.idLines[i] = t.idLines[i] || strings.Contains(l, id) || strings.Contains(l, strings.ToLower(id))
		}
	}
	if t.html {
		return t // facts and paragraphs live in markup: the page is used as it is
	}
	for i, l := range t.lines {
		label := foldLabel(l)
		value := ""
		if i+1 < len(t.lines) {
			value = strings.TrimSpace(t.lines[i+1])
		}
		switch {
		case slices.Contains(startLabels, label) && yearShape.MatchString(value):
			t.start = i + 1
		case slices.Contains(endLabels, label) && yearShape.MatchString(value):
			t.end = i + 1
		case slices.Contains(yearLabels, label) && yearShape.MatchString(value):
			t.year = i + 1
		case slices.Contains(budgetLabels, label) && amountShape.MatchString(value):
			t.budget = i + 1
		case slices.Contains(primaLabels, label) && primaPattern.MatchString(value):
			t.primaLines = []int{i, i + 1}
			if i > 0 && strings.TrimSpace(t.lines[i-1]) == "-" {
				t.primaLines = []int{i - 1, i, i + 1}
			}
		}
	}
	if t.budget < 0 {
		for i, l := range t.lines {
			if devfundAmount.MatchString(strings.TrimSpace(l)) {
				t.budget, t.devfundBudget = i, true
				break
			}
		}
	}
	if t.primaLines == nil && len(t.primas) == 1 {
		for i, l := range t.lines { // a Development Fund page: the bare value
			if strings.TrimSpace(l) == t.primas[0] {
				t.primaLines = []int{i}
				break
			}
		}
	}
	// The ID must appear only on the lines dropped, or an old project
	// would still carry it.
	if t.primaLines != nil && strings.Count(text, t.primas[0]) != 1 {
		t.primaLines = nil
	}
	t.fillAt = fillPoint(t.lines)
	return t
}

// foldLabel returns a line as a label to compare: trimmed, without a
// bullet, in lower case.
func foldLabel(l string) string {
	l = strings.TrimSpace(l)
	l = strings.TrimSpace(strings.TrimPrefix(l, "•"))
	return strings.ToLower(l)
}

// fillPoint finds where more paragraphs can go: after the last paragraph of
// at least 80 bytes that ends a sentence, below the menu. That is the end of
// a project's description or of a story, before any contact block, so the
// page keeps its shape (its title, fields, dateline and contacts); a page
// cut off mid-sentence keeps its cut. -1 when there is no such paragraph.
func fillPoint(lines []string) int {
	from := 0
	for i, l := range lines {
		if strings.EqualFold(strings.TrimSpace(l), "- 2030 Agenda") {
			from = i + 1
		}
	}
	for i := len(lines) - 1; i >= from; i-- {
		l := strings.TrimSpace(lines[i])
		if len(l) >= 80 && strings.ContainsAny(l[len(l)-1:], ".!?") {
			return i
		}
	}
	return -1
}

// guessLang tells English, French and Spanish apart by their commonest
// short words, enough for fixtures whose language the file name does not
// always say (the seeds are named by hash).
func guessLang(text string) string {
	score := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !('a' <= r && r <= 'z' || r > 127)
	}) {
		switch w {
		case "the", "and", "of", "to", "is", "with", "for", "from":
			score["en"]++
		case "le", "les", "des", "du", "et", "est", "une", "pour", "dans", "aux", "sont":
			score["fr"]++
		case "el", "los", "las", "del", "y", "una", "para", "por", "con", "sus", "es":
			score["es"]++
		}
	}
	best := "en"
	for _, l := range []string{"fr", "es"} {
		if score[l] > score[best] {
			best = l
		}
	}
	return best
}

func distinct(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
