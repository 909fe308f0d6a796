package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// record holds what the statistics need of one ingest record: a copy of the
// few fields of the record's contract (DESIGN.md), so that this command does
// not depend on the tool's packages.
type record struct {
	Kind      string   `json:"kind"`
	PrimaID   string   `json:"prima_id"`
	ProjectID string   `json:"project_id"`
	Languages []string `json:"languages"`
	Sources   []struct {
		Path   string `json:"path"`
		Lang   string `json:"lang"`
		Format string `json:"format"`
		Bytes  int    `json:"bytes"`
	} `json:"sources"`
	Conflicts []struct {
		Field string `json:"field"`
	} `json:"conflicts"`
}

// corpusStats is what `iomparse ingest` made of a corpus: the shares the
// generator promises, measured by the tool itself rather than by the
// generator's intentions.
type corpusStats struct {
	Records, Pages, Bytes int
	Kinds                 map[string]int // records by kind
	KindPages             map[string]int // pages by the kind of their record
	PageLangs             map[string]int // pages by their source's language
	Formats               map[string]int // pages by format (text, html)

	Projects       int         // project records
	ProjectsByLang map[int]int // project records by their number of languages
	MultiPages     int         // pages of project records in two or more languages
	Conflicting    int         // multilingual project records with a conflict
	ConflictFields map[string]int
	NoPrimaShared  int // project records with no Prima ID, paired by Projects ID from 2+ pages

	// InOrder counts the neighbours, among project records in output (key)
	// order, whose first pages are also in path order: about half of them
	// when identifiers are random, all of them when they follow the files.
	InOrder int
	// SplitFolders counts the multi-page project records whose pages lie in
	// more than one folder.
	SplitFolders, MultiSource int
}

// readStats reads ingest's JSON Lines records.
func readStats(r io.Reader) (*corpusStats, error) {
	s := &corpusStats{
		Kinds: map[string]int{}, KindPages: map[string]int{}, PageLangs: map[string]int{},
		Formats: map[string]int{}, ProjectsByLang: map[int]int{}, ConflictFields: map[string]int{},
	}
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	prev := ""
	for {
		var rec record
		if err := dec.Decode(&rec); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("record %d: %w", s.Records+1, err)
		}
		s.Records++
		s.Kinds[rec.Kind]++
		s.KindPages[rec.Kind] += len(rec.Sources)
		folders := map[string]bool{}
		for _, src := range rec.Sources {
			s.Pages++
			s.Bytes += src.Bytes
			s.PageLangs[src.Lang]++
			s.Formats[src.Format]++
			folders[filepath.Dir(src.Path)] = true
		}
		if rec.Kind != "project" || len(rec.Sources) == 0 {
			continue
		}
		s.Projects++
		s.ProjectsByLang[len(rec.Languages)]++
		if len(rec.Languages) >= 2 {
			s.MultiPages += len(rec.Sources)
			if len(rec.Conflicts) > 0 {
				s.Conflicting++
			}
		}
		for _, c := range rec.Conflicts {
			s.ConflictFields[c.Field]++
		}
		if rec.PrimaID == "" && rec.ProjectID != "" && len(rec.Sources) >= 2 {
			s.NoPrimaShared++
		}
		if len(rec.Sources) >= 2 {
			s.MultiSource++
			if len(folders) > 1 {
				s.SplitFolders++
			}
		}
		first := rec.Sources[0].Path
		if prev != "" && prev < first {
			s.InOrder++
		}
		prev = first
	}
	return s, nil
}

// write prints the statistics, one fact a line.
func (s *corpusStats) write(w io.Writer) {
	pct := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
	}
	fmt.Fprintf(w, "records %d, pages %d, %d bytes (%.1f MB), %.0f bytes a page\n",
		s.Records, s.Pages, s.Bytes, float64(s.Bytes)/1e6, float64(s.Bytes)/float64(max(s.Pages, 1)))
	for _, k := range sortedKeys(s.KindPages) {
		fmt.Fprintf(w, "kind %-8s %7d records %7d pages (%s of pages)\n", k, s.Kinds[k], s.KindPages[k], pct(s.KindPages[k], s.Pages))
	}
	for _, k := range sortedKeys(s.PageLangs) {
		fmt.Fprintf(w, "lang %-8s %7d pages (%s)\n", k, s.PageLangs[k], pct(s.PageLangs[k], s.Pages))
	}
	for _, k := range sortedKeys(s.Formats) {
		fmt.Fprintf(w, "format %-6s %7d pages (%s)\n", k, s.Formats[k], pct(s.Formats[k], s.Pages))
	}
	multi := s.Projects - s.ProjectsByLang[1] - s.ProjectsByLang[0]
	fmt.Fprintf(w, "projects %d: 1 language %d, 2 languages %d, 3 languages %d; multilingual %s of projects, their pages %s of project pages\n",
		s.Projects, s.ProjectsByLang[1], s.ProjectsByLang[2], s.ProjectsByLang[3], pct(multi, s.Projects), pct(s.MultiPages, s.KindPages["project"]))
	fmt.Fprintf(w, "conflicts: %d multilingual projects (%s of them);", s.Conflicting, pct(s.Conflicting, multi))
	for _, k := range sortedKeys(s.ConflictFields) {
		fmt.Fprintf(w, " %s %d", k, s.ConflictFields[k])
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "projects without a Prima ID paired by Projects ID: %d\n", s.NoPrimaShared)
	fmt.Fprintf(w, "key order follows path order for %s of neighbouring projects; %s of multi-page projects span folders\n",
		pct(s.InOrder, max(s.Projects-1, 0)), pct(s.SplitFolders, s.MultiSource))
}

func sortedKeys[V cmp.Ordered](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(-cmp.Compare(m[a], m[b]), strings.Compare(a, b)) })
	return keys
}
