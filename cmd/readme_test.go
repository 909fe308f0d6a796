package cmd

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

// readmeBlock is a fenced code block of the README: its language and text.
type readmeBlock struct {
	lang, text string
	line       int // of the opening fence, 1-based
}

// readmeBlocks returns the README's fenced code blocks, in order.
func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []readmeBlock
	var cur *readmeBlock
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &readmeBlock{lang: strings.TrimPrefix(line, "```"), line: i + 1}
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
	}
	if cur != nil {
		t.Fatalf("README: the block at line %d is not closed", cur.line)
	}
	return blocks
}

// recipeCommands are the programs a README recipe may run to be run by
// TestREADMERecipes: iomparse, jq, and what every system has (coreutils,
// cmp of diffutils, the shell's own).
var recipeCommands = []string{
	"iomparse", "jq",
	"cat", "head", "tail", "sort", "uniq", "wc", "cut", "tr", "paste", "join", "comm", "tee", "nl",
	"sha256sum", "md5sum", "ls", "mkdir", "rm", "cp", "mv", "echo", "printf", "test", "[", "true", "false",
	"cmp",
}

// shellCommands returns the programs a shell script runs: the first word of
// each command (after assignments and redirections), at the start of the
// script, after a line end (not a continued one), ;, &, |, (, $(, <( or >(. Quotes
// and comments are skipped. It is a reader for the README's recipes, not a
// shell: enough to tell which programs a recipe needs.
func shellCommands(script string) []string {
	var cmds []string
	want := true // the next word is a command's
	word := strings.Builder{}
	redirect := false // the next word is a redirection's target
	endWord := func() {
		w := word.String()
		word.Reset()
		switch {
		case w == "":
		case redirect:
			redirect = false
		case strings.HasPrefix(w, ">") || strings.HasPrefix(w, "<") || regexp.MustCompile(`^[0-9]*[<>]`).MatchString(w):
			redirect = !regexp.MustCompile(`[<>]&?[^<>&]+$`).MatchString(w) // "2>x" holds its target
		case want && regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`).MatchString(w):
			// an assignment before the command
		case want && w == "!":
		case want:
			cmds = append(cmds, w)
			want = false
		}
	}
	for i := 0; i < len(script); i++ {
		c := script[i]
		switch {
		case c == '\\' && i+1 < len(script):
			if script[i+1] != '\n' {
				word.WriteByte(script[i+1])
			}
			i++
		case c == '\'':
			end := strings.IndexByte(script[i+1:], '\'')
			if end < 0 {
				end = len(script) - i - 1
			}
			word.WriteString(script[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			j := i + 1
			for ; j < len(script) && script[j] != '"'; j++ {
				if script[j] == '\\' {
					j++
				}
			}
			word.WriteString(script[i+1 : min(j, len(script))])
			i = j
		case c == '#' && word.Len() == 0:
			for i < len(script) && script[i] != '\n' {
				i++
			}
			i-- // the line end separates
		case (c == '$' || c == '<' || c == '>') && i+1 < len(script) && script[i+1] == '(':
			endWord() // $(…), <(…), >(…): a command inside
			want = true
			i++
		case strings.IndexByte(";&|()\n", c) >= 0:
			endWord()
			want = true
		case c == ' ' || c == '\t':
			endWord()
		default:
			word.WriteByte(c)
		}
	}
	endWord()
	return cmds
}

func TestShellCommands(t *testing.T) {
	tests := map[string][]string{
		"iomparse ingest pages/ > records.json   # a comment | not a command\n": {"iomparse"},
		"jq -c 'select(.a | .b)\n  | {x}' r.jsonl":                              {"jq"},
		"find pages -type f \\\n  | parallel -X iomparse parse | iomparse pair": {"find", "parallel", "iomparse"},
		"X=1 iomparse check 2>problems.txt pages/ && echo \"a|b\"":              {"iomparse", "echo"},
		"source <(iomparse completion bash)":                                    {"source", "iomparse"},
		"iomparse ingest -f jsonl pages/ | cmp - paired.jsonl; ! true":          {"iomparse", "cmp", "true"},
		"out=$(mktemp) && go run . ingest > \"$out\"":                           {"mktemp", "go"},
	}
	for script, want := range tests {
		if got := shellCommands(script); !slices.Equal(got, want) {
			t.Errorf("shellCommands(%q) = %q, want %q", script, got, want)
		}
	}
}

// readmeFixtures copies the fixtures into dir/pages as the README's
// "pages/" folder: text project pages, news and HTML pages.
func readmeFixtures(t *testing.T, dir string) {
	t.Helper()
	for _, sub := range []string{"pages", "news", "html"} {
		files, err := filepath.Glob(filepath.Join("..", "testdata", sub, "*"))
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dir, "pages", sub)
		if err := os.MkdirAll(target, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(target, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// outsideWork matches what a recipe must not touch when run by a test:
// absolute paths other than /dev/null, and the home folder.
var outsideWork = regexp.MustCompile(`(^|[\s='"(>])(/[a-z]|~|\$HOME|\$\{)`)

// TestREADMERecipes runs, in order and in one folder holding the fixtures
// as pages/, every shell block of the README whose programs are all
// recipeCommands, each as one sh -e script with the built iomparse first
// on the PATH: the recipes must work as written. Blocks needing other
// programs (go, find, parallel, hadoop) or writing outside the folder are
// skipped, and so are those needing jq when it is not installed.
func TestREADMERecipes(t *testing.T) {
	bin := buildBinary(t)
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	_, jqErr := exec.LookPath("jq")
	dir := t.TempDir()
	readmeFixtures(t, dir)
	path := filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")
	ran := 0
	for _, b := range readmeBlocks(t) {
		if b.lang != "sh" {
			continue
		}
		cmds := shellCommands(b.text)
		extra := slices.DeleteFunc(slices.Clone(cmds), func(c string) bool { return slices.Contains(recipeCommands, c) })
		switch {
		case len(cmds) == 0:
			continue
		case len(extra) > 0:
			t.Logf("README:%d: skipped, needs %v", b.line, extra)
			continue
		case outsideWork.MatchString(b.text):
			t.Logf("README:%d: skipped, writes outside its folder", b.line)
			continue
		case slices.Contains(cmds, "jq") && jqErr != nil:
			t.Logf("README:%d: skipped, no jq", b.line)
			continue
		}
		c := exec.Command(sh, "-e", "-c", b.text)
		c.Dir = dir
		c.Env = append(os.Environ(), "PATH="+path)
		out, err := c.CombinedOutput()
		if err != nil {
			t.Errorf("README:%d: %v\n%s\n%s", b.line, err, b.text, out)
		}
		ran++
	}
	if ran < 5 {
		t.Errorf("only %d recipes ran", ran)
	}
	t.Logf("%d recipes ran", ran)
}

// TestREADMEDocumentsEveryField: the README's section on the record names
// every field of a record, nested ones included (`organisation` of
// contacts, `by_path` of conflicts…).
func TestREADMEDocumentsEveryField(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(b), "\n## The record\n")
	if start < 0 {
		t.Fatal("README has no section The record")
	}
	end := start + 1 + strings.Index(string(b[start+1:]), "\n## ") // the next section
	if end <= start {
		end = len(b)
	}
	section := string(b[start:end])
	var code strings.Builder // the text of the backtick spans and blocks
	fence := regexp.MustCompile("(?s)```.*?```")
	for _, m := range fence.FindAllString(section, -1) {
		code.WriteString(m + "\n")
	}
	for _, m := range regexp.MustCompile("`[^`]+`").FindAllString(fence.ReplaceAllString(section, ""), -1) {
		code.WriteString(m + "\n")
	}
	for _, name := range recordFieldNames(reflect.TypeFor[model.Record]()) {
		if !regexp.MustCompile(`(^|[^a-z_])` + name + `([^a-z_]|$)`).MatchString(code.String()) {
			t.Errorf("README's section on the record does not name the field %s", name)
		}
	}
	// The codes the schema knows are documented too.
	for _, v := range []string{"`pending`", "`und`", "`devfund`", ".organisation`", "`place_country`"} {
		if !strings.Contains(section, v) {
			t.Errorf("README's section on the record does not name %s", v)
		}
	}
}

// recordFieldNames returns the JSON names of t's fields, and of the
// structs they hold, recursively.
func recordFieldNames(t reflect.Type) []string {
	var names []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		names = append(names, name)
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[model.Decimal]() {
			names = append(names, recordFieldNames(ft)...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// TestREADMEFiles: every file of the repository the README names (a path
// in backticks under a folder of the repository, or a Go file) exists.
func TestREADMEFiles(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	repoPath := regexp.MustCompile("`((?:cmd|parser|model|testdata|\\.ci|docs)/[A-Za-z0-9_./-]*|[A-Za-z0-9_/-]+\\.go)`")
	n := 0
	for _, m := range repoPath.FindAllStringSubmatch(string(b), -1) {
		p := strings.TrimSuffix(m[1], "/")
		if p == "docs/man" {
			continue // generated by go generate ./cmd, and ignored by git
		}
		n++
		if _, err := os.Stat(filepath.Join("..", p)); err != nil {
			t.Errorf("README names %s, which the repository lacks", m[1])
		}
	}
	if n < 5 {
		t.Errorf("only %d paths found", n)
	}
}

// TestREADMESQL runs the README's SQL on the fixtures' records with
// DuckDB, as users would with its command line: records.parquet,
// records.jsonl and records.csv written by iomparse. Like TestDuckDB in
// cmd/parquet it needs Node.js and @duckdb/node-api under IOMPARSE_DUCKDB,
// and skips without them.
func TestREADMESQL(t *testing.T) {
	modules := os.Getenv("IOMPARSE_DUCKDB")
	if modules == "" {
		t.Skip("IOMPARSE_DUCKDB is not set: see TestDuckDB in cmd/parquet")
	}
	modules = filepath.Join(modules, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api")); err != nil {
		t.Skipf("no DuckDB under IOMPARSE_DUCKDB: %v", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node:", err)
	}
	dir := t.TempDir()
	readmeFixtures(t, dir)
	for _, out := range []string{"records.parquet", "records.jsonl", "records.csv"} {
		var stdout, stderr strings.Builder
		if code := run(t.Context(), []string{"ingest", "-q", "-o", out, "pages"}, IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr, Dir: dir}); code != ExitOK {
			t.Fatalf("ingest -o %s: exit %d: %s", out, code, stderr.String())
		}
	}
	var statements []string
	for _, b := range readmeBlocks(t) {
		if b.lang != "sql" {
			continue
		}
		for _, s := range strings.Split(b.text, ";") {
			if strings.TrimSpace(regexp.MustCompile(`(?m)--.*$`).ReplaceAllString(s, "")) != "" {
				statements = append(statements, s)
			}
		}
	}
	if len(statements) < 4 {
		t.Fatalf("only %d SQL statements in the README", len(statements))
	}
	list, _ := json.Marshal(statements)
	script := `import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
let bad = 0;
for (const sql of JSON.parse(process.argv[2])) {
  try {
    const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();
    if (rows.length === 0) { bad++; console.log('no row:', sql); }
  } catch (e) { bad++; console.log(String(e), sql); }
}
process.exit(bad ? 1 : 0);
`
	if err := os.WriteFile(filepath.Join(dir, "sql.mjs"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	c := exec.Command(node, "sql.mjs", string(list))
	c.Dir = dir
	out, err := c.CombinedOutput()
	if err != nil {
		t.Errorf("the README's SQL fails in DuckDB: %v\n%s", err, out)
	}
}
