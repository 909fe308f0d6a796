package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
)

// copyDir copies the files of src into a new temporary folder, changing
// each one's text with edit (which returns "" to leave the file out).
func copyDir(t *testing.T, src string, edit func(name, text string) string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		if text := edit(e.Name(), string(data)); text != "" {
			require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), []byte(text), 0o644))
		}
	}
	return dst
}

// replaceLine replaces the whole line old (after a line end) by new, and
// fails when there is none.
func replaceLine(t *testing.T, text, old, new string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(old) + `\r?$`)
	require.Regexp(t, re, text)
	return re.ReplaceAllString(text, new)
}

// diffChecks runs issue 18's checks on two scrapes, old and new, whose
// changes are want (-f jsonl): diff of the pages, of their ingest -f
// jsonl outputs, of their -f json outputs gzip-compressed, and of pages
// against records, all give want and exit 1; each scrape against itself,
// or against its own records, prints nothing and exits 0.
func diffChecks(t *testing.T, old, new string, want []string) {
	code, out, errOut := runCmd(t, "", "diff", "-f", "jsonl", old, new)
	assert.Equal(t, ExitDifferent, code, errOut)
	assert.Equal(t, want, strings.Split(strings.TrimSpace(out), "\n"))

	records := t.TempDir()
	for name, dir := range map[string]string{"old": old, "new": new} {
		_, jsonl, _ := runCmd(t, "", "ingest", "-f", "jsonl", dir)
		_, array, _ := runCmd(t, "", "ingest", "-f", "json", dir)
		require.NoError(t, os.WriteFile(filepath.Join(records, name+".jsonl"), []byte(jsonl), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(records, name+".json.gz"), []byte(gz(t, array)), 0o644))
	}
	rec := func(name string) string { return filepath.Join(records, name) }
	for _, sides := range [][2]string{
		{rec("old.jsonl"), rec("new.jsonl")}, {rec("old.json.gz"), rec("new.jsonl")}, {rec("old.jsonl"), new}, {old, rec("new.json.gz")},
	} {
		code, got, errOut := runCmd(t, "", "diff", "-f", "jsonl", sides[0], sides[1])
		assert.Equal(t, ExitDifferent, code, errOut)
		assert.Equal(t, out, got, "diff %s %s", sides[0], sides[1])
	}
	for _, sides := range [][2]string{{old, old}, {new, new}, {old, rec("old.jsonl")}, {rec("new.json.gz"), new}} {
		code, got, errOut := runCmd(t, "", "diff", sides[0], sides[1])
		assert.Equal(t, ExitOK, code, errOut)
		assert.Empty(t, got, "diff %s %s", sides[0], sides[1])
		assert.Regexp(t, `^0 added, 0 removed, 0 changed of \d+ records; 0 errors, 0 warnings\n$`, errOut)
	}
}

// TestDiffSeeds is issue 18's check on the real pages: two copies of the
// seeds, the second with RW10P0522's status and budget changed in both
// languages, LS10P0001's page removed and a new project page added.
func TestDiffSeeds(t *testing.T) {
	seeds := seeds(t)
	old := copyDir(t, seeds, func(_, text string) string { return text })
	changed := 0
	new := copyDir(t, seeds, func(_, text string) string {
		switch {
		case strings.Contains(text, "\nLS10P0001"):
			return ""
		case strings.Contains(text, "\nRW10P0522"):
			changed++
			if strings.Contains(text, "\nStatut du projet\n") {
				text = replaceLine(t, text, "Actif", "Achevé")
			} else {
				text = replaceLine(t, text, "Active", "Completed")
			}
			return replaceLine(t, text, "300000.00", "350000.00")
		}
		return text
	})
	require.Equal(t, 2, changed, "RW10P0522's pages, in English and French")
	page, err := os.ReadFile("../testdata/pages/gh-health-en.txt")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(new, "new-project.txt"), page, 0o644))
	diffChecks(t, old, new, []string{
		`{"key":"GH10P0310","kind":"project","change":"added"}`,
		`{"key":"LS10P0001","kind":"project","change":"removed"}`,
		`{"key":"RW10P0522","kind":"project","change":"changed","field":"status","old":"active","new":"completed"}`,
		`{"key":"RW10P0522","kind":"project","change":"changed","field":"budget","old":{"amount":300000.00,"currency":"USD"},"new":{"amount":350000.00,"currency":"USD"}}`,
	})
}

// TestDiffCorpus is the same check on our own generated corpus, which
// always runs: a project in three languages with its status and budget
// changed in all of them, a project's page removed, a new project added;
// news and other pages are matched by their paths in folders of other
// names.
func TestDiffCorpus(t *testing.T) {
	old, _ := corpus(t)
	statuses := vocab.Statuses.Codes()
	from, to := statuses[3%len(statuses)], statuses[(3+1)%len(statuses)]
	new := copyDir(t, old, func(name, text string) string {
		lang := strings.TrimSuffix(strings.TrimPrefix(name, "p03-"), ".txt")
		switch {
		case name == "p06-en.txt":
			return ""
		case strings.HasPrefix(name, "p03-"):
			text = replaceLine(t, text, vocab.Statuses.Display(from, lang), vocab.Statuses.Display(to, lang))
			return replaceLine(t, text, "130000.03", "135000.03")
		}
		return text
	})
	added := page{lang: "en", title: "A new project", status: "active", prima: "ZZ10P0001", budget: "5000.00", states: "Kenya", start: 2026}
	require.NoError(t, os.WriteFile(filepath.Join(new, "q-new-en.txt"), []byte(added.text()), 0o644))
	diffChecks(t, old, new, []string{
		fmt.Sprintf(`{"key":"RW10P0503","kind":"project","change":"changed","field":"status","old":%q,"new":%q}`, from, to),
		`{"key":"RW10P0503","kind":"project","change":"changed","field":"budget","old":{"amount":130000.03,"currency":"USD"},"new":{"amount":135000.03,"currency":"USD"}}`,
		`{"key":"RW10P0506","kind":"project","change":"removed"}`,
		`{"key":"ZZ10P0001","kind":"project","change":"added"}`,
	})

	// The text format, as a terminal or a CI log shows it.
	code, out, errOut := runCmd(t, "", "diff", old, new)
	assert.Equal(t, ExitDifferent, code)
	assert.Equal(t, fmt.Sprintf(`~ RW10P0503 (project) "Diaspora engagement project 3 (en)"
    status  %s -> %s
    budget  130000.03 USD -> 135000.03 USD
- RW10P0506 (project) "Diaspora engagement project 6 (en)"
+ ZZ10P0001 (project) "A new project"
`, from, to), out)
	assert.Equal(t, "1 added, 1 removed, 1 changed of 16 records; 0 errors, 0 warnings\n", errOut)

	// -f json is the same changes as one array.
	_, array, _ := runCmd(t, "", "diff", "-f", "json", old, new)
	_, lines, _ := runCmd(t, "", "diff", "-f", "jsonl", old, new)
	code, back, errOut := runCmd(t, array, "pair", "-f", "jsonl") // pair reads any JSON: here, not records
	assert.Equal(t, ExitInput, code, "changes are not records: %s", back)
	assert.Contains(t, errOut, `<stdin>:2: error: not a record: unknown field "key" [bad-record]`)
	assert.Equal(t, strings.Count(lines, "\n"), strings.Count(array, `"key":`))

	// --fields, --kind and --lang choose what is compared.
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--fields", "budget"}, ExitDifferent, `"field":"budget"`},
		{[]string{"--fields", "title,body"}, ExitDifferent, `"change":"added"`},
		{[]string{"--kind", "news,page"}, ExitOK, ""},
		{[]string{"--lang", "es"}, ExitDifferent, `"key":"RW10P0503"`},
	} {
		code, out, errOut := runCmd(t, "", append(append([]string{"diff", "-f", "jsonl"}, tt.args...), old, new)...)
		assert.Equal(t, tt.code, code, "%v: %s", tt.args, errOut)
		if tt.want == "" {
			assert.Empty(t, out, tt.args)
		} else {
			assert.Contains(t, out, tt.want, tt.args)
		}
		if slices.Contains(tt.args, "--fields") {
			assert.NotContains(t, out, `"field":"status"`, tt.args)
		}
	}
}

// TestDiffTrouble: exit 2, as diff(1), for a usage error, a side that
// cannot be read, an input in a side that cannot be, or a value that is
// not a record; a page's own diagnostics are no trouble.
func TestDiffTrouble(t *testing.T) {
	dir := t.TempDir()
	_, records, _ := runCmd(t, "", "ingest", "-f", "jsonl", "../testdata/pages")
	bad := filepath.Join(dir, "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, []byte(records+"not json\n"), 0o644))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string // a substring; "" for none
		stderr []string
		not    []string
	}{
		{name: "one side", args: []string{"../testdata/pages"}, code: ExitUsage,
			stderr: []string{"iomparse: diff compares two scrapes: give OLD and NEW", "Run 'iomparse --help' for usage."}},
		{name: "stdin twice", args: []string{"-", "-"}, code: ExitUsage, stderr: []string{"- (standard input) is given 2 times"}},
		{name: "format", args: []string{"-f", "csv", "a", "b"}, code: ExitUsage, stderr: []string{`unknown diff format "csv": use text, jsonl, json`}},
		{name: "fields", args: []string{"--fields", "status,sources", "a", "b"}, code: ExitUsage, stderr: []string{`unknown --fields value "sources"`}},
		{name: "missing side", args: []string{"../testdata/pages", filepath.Join(dir, "nope")}, code: ExitTrouble,
			stderr: []string{"nope: no such file or directory"}, not: []string{"--help", "added"}},
		{name: "not a record", args: []string{"-f", "jsonl", "../testdata/pages", bad}, code: ExitTrouble,
			stderr: []string{"bad.jsonl:" + fmt.Sprint(strings.Count(records, "\n")+1) + ": error: not a record: invalid character 'o' in literal null (expecting 'u') [bad-record]",
				"0 added, 0 removed, 0 changed of", "1 error"}, not: []string{"--help"}},
		{name: "too large a page", args: []string{"-f", "jsonl", "--max-bytes", "1000", "../testdata/pages", "../testdata/pages"}, code: ExitTrouble,
			stderr: []string{"larger than --max-bytes (1000 bytes) [too-large]"}},
		{name: "pages' diagnostics", args: []string{"../testdata/bad", "../testdata/bad"}, code: ExitOK,
			stderr: []string{"empty.txt: warning: empty file skipped [empty]", "0 added, 0 removed, 0 changed"}, not: []string{"[bad-budget]", "[bad-year]"}},
		{name: "strict", args: []string{"--strict", "../testdata/bad", "../testdata/bad"}, code: ExitTrouble},
		{name: "standard input", stdin: records, args: []string{"-", "../testdata/pages"}, code: ExitOK},
		{name: "standard input, different", stdin: records, args: []string{"-f", "jsonl", "-", "../testdata/pairing"}, code: ExitDifferent, stdout: `"change":"removed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.stdin, append([]string{"diff"}, tt.args...)...)
			assert.Equal(t, tt.code, code, errOut)
			if tt.stdout == "" {
				assert.Empty(t, out)
			} else {
				assert.Contains(t, out, tt.stdout)
			}
			for _, s := range tt.stderr {
				assert.Contains(t, errOut, s)
			}
			for _, s := range tt.not {
				assert.NotContains(t, errOut, s)
			}
		})
	}
}

// TestDiffReport: --report accounts for the inputs of both sides.
func TestDiffReport(t *testing.T) {
	report := filepath.Join(t.TempDir(), "r.json")
	_, records, _ := runCmd(t, "", "ingest", "-f", "jsonl", "../testdata/pages")
	code, _, errOut := runCmd(t, records, "diff", "--report", report, "../testdata/pages", "-")
	require.Equal(t, ExitOK, code, errOut)
	rep := readReport(t, report)
	pages, _ := filepath.Glob("../testdata/pages/*")
	n := strings.Count(records, "\n")
	assert.Equal(t, len(pages)+n, rep.Totals.Seen)
	assert.Equal(t, fileReport{Path: walk.StdinPath, Line: n, State: stateParsed, Kind: rep.Files[len(rep.Files)-1].Kind}, rep.Files[len(rep.Files)-1])
}

func TestCommonFolder(t *testing.T) {
	tests := []struct {
		paths []string
		root  string
		rel   []string
	}{
		{[]string{"pages/a.txt", "pages/news/b.txt"}, "pages", []string{"a.txt", "news/b.txt"}},
		{[]string{"/data/jan/en/a.txt", "/data/jan/fr/b.txt"}, "/data/jan", []string{"en/a.txt", "fr/b.txt"}},
		{[]string{"./pages/x/a.txt", "pages/x/b.txt"}, "pages/x", []string{"a.txt", "b.txt"}},
		{[]string{"a.txt", "b.txt"}, "", []string{"a.txt", "b.txt"}},
		{[]string{"/a.txt", "/x/b.txt"}, "/", []string{"a.txt", "x/b.txt"}},
		{[]string{"pages/a.txt", "other/b.txt"}, "", []string{"pages/a.txt", "other/b.txt"}},
		{[]string{"/s/p/a.txt", "s/p/b.txt"}, "", []string{"/s/p/a.txt", "s/p/b.txt"}},
		{[]string{"scrape/one.txt"}, "scrape", []string{"one.txt"}},
		{[]string{`C:\scrape\a.txt`}, "", []string{`C:\scrape\a.txt`}}, // a backslash is a folder's only where the system says so
		{nil, "", nil},
	}
	for _, tt := range tests {
		var keys []model.PairKeys
		for _, p := range tt.paths {
			keys = append(keys, model.PairKeys{Path: p})
		}
		root := commonFolder(keys)
		assert.Equal(t, tt.root, root, "%q", tt.paths)
		var rel []string
		for _, p := range tt.paths {
			rel = append(rel, relativePath(p, root))
		}
		assert.Equal(t, tt.rel, rel, "%q", tt.paths)
	}
}
