package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/cmd"
)

// The test runs from testdata/gen; the templates are the repository's
// fixtures, and the real seed pages when they sit beside the clone.
const fixtures = ".."

var seeds = filepath.Join("..", "..", "..", "shared", "seeds")

// iomparse runs the real tool in-process and returns what it wrote.
func iomparse(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := cmd.Main(args, cmd.IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("iomparse %v: exit %d\n%s", args, code, errOut.String())
	}
	return out.Bytes()
}

// TestShares generates a small corpus and checks, with the tool itself,
// that it has the shape the package documentation promises.
func TestShares(t *testing.T) {
	const pages = 1000
	roots := []string{fixtures}
	if _, err := os.Stat(seeds); err == nil {
		roots = append(roots, seeds)
	}
	for _, root := range roots {
		t.Run(filepath.Base(root), func(t *testing.T) {
			dir := t.TempDir()
			if err := run(root, dir, pages, 1); err != nil {
				t.Fatal(err)
			}
			s, err := readStats(bytes.NewReader(iomparse(t, "ingest", "-q", "-f", "jsonl", dir)))
			if err != nil {
				t.Fatal(err)
			}
			var report strings.Builder
			s.write(&report)
			t.Log("\n" + report.String())
			multi := s.ProjectsByLang[2] + s.ProjectsByLang[3]
			within := func(what string, a, b int, lo, hi float64) {
				if share := float64(a) / float64(b); share < lo || share > hi {
					t.Errorf("%s: %d of %d (%.3f), want %.2f to %.2f", what, a, b, share, lo, hi)
				}
			}
			within("pages", s.Pages, pages, 1, 1)
			within("project pages", s.KindPages["project"], s.Pages, 0.58, 0.68)
			within("multilingual projects", multi, s.Projects, 0.40, 0.56)
			within("conflicting multilingual projects", s.Conflicting, multi, 0.12, 0.28)
			within("neighbouring projects whose files are in key order", s.InOrder, s.Projects-1, 0.40, 0.62)
			within("old projects paired by Projects ID", s.NoPrimaShared, s.Projects, 0.02, 0.08)
			if avg := s.Bytes / s.Pages; root == fixtures && (avg < 1700 || avg > 2500) {
				t.Errorf("%d bytes a page, want about 2,000", avg)
			}
			for field := range s.ConflictFields {
				if field != "end_year" && field != "budget" {
					t.Errorf("conflict on %s: the versions of a project must agree but on the facts the generator changes", field)
				}
			}
			for _, lang := range []string{"en", "fr"} {
				if s.PageLangs[lang] == 0 {
					t.Errorf("no page in %s", lang)
				}
			}
			if root == fixtures && (s.PageLangs["es"] == 0 || s.Formats["html"] == 0 || s.Kinds["news"] == 0 || s.Kinds["page"] == 0) {
				t.Errorf("missing a language, format or kind: %v %v %v", s.PageLangs, s.Formats, s.Kinds)
			}
		})
	}
}

// TestEveryTemplate checks that a corpus of 2,000 pages uses every template.
func TestEveryTemplate(t *testing.T) {
	families, others, err := loadTemplates(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	used := map[*template]bool{}
	for _, pg := range plan(families, others, 2000, 1) {
		used[pg.t] = true
	}
	all := others
	for _, f := range families {
		all = append(all, f.pages...)
	}
	for _, tm := range all {
		if !used[tm] {
			t.Errorf("%s is never used", tm.path)
		}
	}
	if len(all) < 50 {
		t.Errorf("%d templates, want every fixture", len(all))
	}
}

// TestDeterministic checks that the corpus depends on the seed and nothing
// else: the plan is drawn in one sequence and each page rendered from its
// plan alone, so the parallel writers cannot change it.
func TestDeterministic(t *testing.T) {
	families, others, err := loadTemplates(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	sum := func(seed uint64) string {
		h := sha256.New()
		var buf []byte
		for _, pg := range plan(families, others, 1000, seed) {
			buf = render(buf[:0], &pg)
			io.WriteString(h, pg.t.ext+"\x00")
			h.Write(buf)
		}
		return string(h.Sum(nil))
	}
	first, again, other := sum(1), sum(1), sum(2)
	if first != again {
		t.Error("two runs with seed 1 differ")
	}
	if first == other {
		t.Error("seeds 1 and 2 make the same corpus")
	}
}

// TestLengthenedKeepShape checks that the paragraphs added to a page change
// nothing the tool reads from it but its body: kind, language, title,
// fields, dateline, contacts and diagnostics stay those of the template.
func TestLengthenedKeepShape(t *testing.T) {
	roots := []string{fixtures}
	if _, err := os.Stat(seeds); err == nil {
		roots = append(roots, seeds)
	}
	plain, long := t.TempDir(), t.TempDir()
	n := 0
	for _, root := range roots {
		families, others, err := loadTemplates(root)
		if err != nil {
			t.Fatal(err)
		}
		all := others
		for _, f := range families {
			all = append(all, f.pages...)
		}
		for _, tm := range all {
			if tm.fillAt < 0 {
				continue
			}
			n++
			name := fmt.Sprintf("%03d-%s", n, filepath.Base(tm.path))
			os.WriteFile(filepath.Join(plain, name), render(nil, &page{t: tm}), 0o644)
			os.WriteFile(filepath.Join(long, name), render(nil, &page{t: tm, target: tm.size + 1500, fill: uint64(n)}), 0o644)
		}
	}
	if n < 40 {
		t.Fatalf("only %d templates can be lengthened", n)
	}
	want, got := shapes(t, plain), shapes(t, long)
	if len(want) != len(got) {
		t.Fatalf("%d records from the templates, %d lengthened", len(want), len(got))
	}
	for i := range want {
		if want[i] != got[i] {
			t.Errorf("lengthening changes a page:\n template: %s\nlengthened: %s", want[i], got[i])
		}
	}
}

// shapes parses a folder and returns each record without what lengthening
// may change: the body, the sources (sizes, hashes) and where diagnostics
// point.
func shapes(t *testing.T, dir string) []string {
	var out []string
	dec := json.NewDecoder(bytes.NewReader(iomparse(t, "parse", "-q", "-f", "jsonl", dir)))
	for dec.More() {
		var r map[string]any
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		path := r["sources"].([]any)[0].(map[string]any)["path"].(string)
		delete(r, "body")
		delete(r, "sources")
		if ds, ok := r["diagnostics"].([]any); ok {
			for _, d := range ds {
				delete(d.(map[string]any), "line")
				delete(d.(map[string]any), "path")
			}
		}
		data, _ := json.Marshal(r)
		out = append(out, filepath.Base(path)+" "+string(data))
	}
	slices.Sort(out)
	return out
}
