// Command gen writes a synthetic corpus of IOM pages for benchmarks, built
// from the project's own fixtures with fresh identifiers:
//
//	go run ./testdata/gen -n 100000 -o /tmp/corpus
//
// Every fixture under testdata (text and HTML, every layout and language)
// is a template. Pages of one project in several languages (the fixtures
// that share a Prima ID) stay together: about half of the generated
// projects are published in two or three languages, the others in one.
// News and other pages are copied with a fresh serial in their title. Files
// go into folders of 1,000 so that no folder grows too large. The output
// depends only on -n and -seed.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

var (
	primaPattern   = regexp.MustCompile(`\b[A-Z]{2}\d{2}P\d{4}\b`)
	projectPattern = regexp.MustCompile(`\b[A-Z]{2}\.\d{4}\b`)
)

// template is one fixture page, or the language versions of one project.
type template struct {
	files []string // paths of the pages
	texts []string
	prima string // "" for news and other pages
}

func main() {
	n := flag.Int("n", 1000, "number of pages to write")
	out := flag.String("o", "", "folder to write the corpus into (created)")
	seed := flag.Uint64("seed", 1, "random seed")
	root := flag.String("testdata", "testdata", "the fixtures' folder")
	stats := flag.Bool("stats", false, "read `iomparse ingest -f jsonl` records on stdin and print the corpus's shares")
	flag.Parse()
	if *stats {
		s, err := readStats(os.Stdin)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		s.write(os.Stdout)
		return
	}
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -n PAGES -o DIR")
		os.Exit(2)
	}
	if err := run(*root, *out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(root, out string, n int, seed uint64) error {
	projects, others, err := loadTemplates(root)
	if err != nil {
		return err
	}
	if len(projects) == 0 || len(others) == 0 {
		return fmt.Errorf("no fixtures under %s", root)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	written := 0
	write := func(ext, text string) error {
		dir := filepath.Join(out, fmt.Sprintf("%04d", written/1000))
		if written%1000 == 0 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		written++
		return os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%07d%s", written, ext)), []byte(text), 0o644)
	}
	for serial := 0; written < n; serial++ {
		if rng.IntN(3) == 0 { // a third of the pages are news and other pages
			t := others[rng.IntN(len(others))]
			if err := write(filepath.Ext(t.files[0]), retitle(t.texts[0], serial)); err != nil {
				return err
			}
			continue
		}
		t := projects[rng.IntN(len(projects))]
		// Fresh ids, unique per serial: two letters count the ten-thousands.
		hi := serial / 10000
		prima := fmt.Sprintf("%c%c10P%04d", 'A'+rune(hi/26%26), 'A'+rune(hi%26), serial%10000)
		projectID := fmt.Sprintf("%c%c.%04d", 'A'+rune(hi/26%26), 'A'+rune(hi%26), serial%10000)
		members := []int{rng.IntN(len(t.files))}
		if len(t.files) > 1 && rng.IntN(2) == 0 { // published in several languages
			members = rng.Perm(len(t.files))[:2+rng.IntN(len(t.files)-1)]
		}
		for _, m := range members {
			if written >= n {
				break
			}
			text := primaPattern.ReplaceAllString(t.texts[m], prima)
			text = projectPattern.ReplaceAllString(text, projectID)
			if err := write(filepath.Ext(t.files[m]), text); err != nil {
				return err
			}
		}
	}
	return nil
}

// retitle makes a news or other page distinct by numbering its title line,
// the first line after the menu's end or its first line.
func retitle(text string, serial int) string {
	lines := strings.SplitAfter(text, "\n")
	at := 0
	for i, l := range lines {
		if t := strings.TrimSpace(l); strings.EqualFold(t, "- 2030 Agenda") {
			at = i + 1
			break
		}
	}
	if at < len(lines) {
		lines[at] = strings.TrimRight(lines[at], "\r\n") + fmt.Sprintf(" (%d)\n", serial)
	}
	return strings.Join(lines, "")
}

// loadTemplates reads the fixtures: project pages grouped by Prima ID
// within their folder, and every other page on its own. Pages that carry
// errors on purpose (testdata/bad) are left out.
func loadTemplates(root string) (projects, others []template, err error) {
	paths, err := filepath.Glob(filepath.Join(root, "*", "*"))
	if err != nil {
		return nil, nil, err
	}
	slices.Sort(paths)
	groups := map[string]*template{}
	var keys []string
	for _, p := range paths {
		dir := filepath.Base(filepath.Dir(p))
		if dir == "golden" || dir == "gen" || dir == "bad" || dir == "hostile" {
			continue
		}
		if ext := filepath.Ext(p); ext != ".txt" && ext != ".html" && ext != ".htm" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		text := string(data)
		prima := primaPattern.FindString(text)
		if prima == "" {
			others = append(others, template{files: []string{p}, texts: []string{text}})
			continue
		}
		key := dir + "/" + prima + filepath.Ext(p)
		if groups[key] == nil {
			groups[key] = &template{prima: prima}
			keys = append(keys, key)
		}
		groups[key].files = append(groups[key].files, p)
		groups[key].texts = append(groups[key].texts, text)
	}
	for _, k := range keys {
		projects = append(projects, *groups[k])
	}
	return projects, others, nil
}
