package cmd

import (
	"cmp"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/cmd/internal/walk"
)

// conflictLines returns the lines of stderr that report pairing conflicts.
func conflictLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasSuffix(l, "[conflict]") {
			out = append(out, l)
		}
	}
	return out
}

func TestPairMatchesIngest(t *testing.T) {
	dir, _ := corpus(t)
	inputs := map[string]string{"generated": dir}
	if _, err := os.Stat(seedsDir); err == nil {
		inputs["seeds"] = seedsDir
	}
	fixtures, _ := filepath.Glob("../testdata/*") // the pattern is valid
	for _, f := range fixtures {
		if info, err := os.Stat(f); err == nil && info.IsDir() && filepath.Base(f) != "golden" {
			inputs[filepath.Base(f)] = f
		}
	}
	for name, path := range inputs {
		_, parsed, _ := runCmd(t, "", "parse", "-q", path)
		for _, args := range [][]string{{"-f", "jsonl"}, {"-f", "json"}, {"-f", "yaml"}, {"-f", "csv"}, {"--kind", "project", "--lang", "fr"}, {"--kind", "news,page"}} {
			t.Run(name+"/"+strings.Join(args, " "), func(t *testing.T) {
				ic, want, ierr := runCmd(t, "", append([]string{"ingest", path}, args...)...)
				pc, got, perr := runCmd(t, parsed, append([]string{"pair"}, args...)...)
				if got != want {
					t.Errorf("pair output differs from ingest:\n--- ingest\n%s\n--- pair\n%s", want, got)
				}
				if !slices.Equal(conflictLines(ierr), conflictLines(perr)) {
					t.Errorf("conflicts differ:\n--- ingest\n%s--- pair\n%s", ierr, perr)
				}
				// pair's exit code covers what it found, not the pages'
				// errors (testdata/bad), which parse reported.
				if pc != ExitOK || (ic != ExitOK && name != "bad") {
					t.Errorf("exit: ingest %d, pair %d; pair stderr:\n%s", ic, pc, perr)
				}
				if !strings.Contains(perr, " read (") {
					t.Errorf("no summary: %s", perr)
				}
			})
		}
	}
}

// TestPairShards checks the reduce's order independence the way a cluster
// exercises it: the pages are split into shards, each parsed on its own,
// the shards' outputs (and their lines) shuffled, and pair must still
// write exactly what ingest writes.
func TestPairShards(t *testing.T) {
	dir, paths := corpus(t)
	_, want, ingestErr := runCmd(t, "", "ingest", "-f", "jsonl", dir)
	if strings.Count(want, "\n") < 10 {
		t.Fatalf("corpus too small:\n%s", want)
	}
	if len(conflictLines(ingestErr)) == 0 {
		t.Fatalf("the corpus has no conflict to pair")
	}
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 8))
		shuffled := slices.Clone(paths)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		k := 1 + rng.IntN(5)
		var lines []string
		for s := range k {
			var shard []string
			for i := s; i < len(shuffled); i += k {
				shard = append(shard, shuffled[i])
			}
			_, out, _ := runCmd(t, "", append([]string{"parse", "-q", "-j", "3"}, shard...)...)
			lines = append(lines, strings.SplitAfter(out, "\n")...)
		}
		rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		code, got, errOut := runCmd(t, strings.Join(lines, ""), "pair", "-f", "jsonl")
		if code != ExitOK || got != want {
			t.Errorf("seed %d, %d shards: exit %d, pair differs from ingest:\n--- ingest\n%s\n--- pair\n%s\n%s", seed, k, code, want, got, errOut)
		}
		if !slices.Equal(conflictLines(ingestErr), conflictLines(errOut)) {
			t.Errorf("seed %d: conflicts differ:\n%s\n%s", seed, ingestErr, errOut)
		}
	}
}

// TestPairCluster runs the map/reduce the README describes for Hadoop
// Streaming: parse writes keyed lines, the lines are partitioned by key
// among reducers, each reducer runs pair, and a last pair over the
// reducers' outputs, concatenated in any order, orders the records as
// ingest does.
func TestPairCluster(t *testing.T) {
	dir, paths := corpus(t)
	_, want, _ := runCmd(t, "", "ingest", "-f", "jsonl", dir)
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 4))
		reducers := make([][]string, 1+rng.IntN(4))
		for _, p := range paths {
			_, out, _ := runCmd(t, "", "parse", "-q", "-f", "jsonl-keyed", p)
			for _, line := range strings.SplitAfter(out, "\n") {
				key, _, ok := strings.Cut(line, "\t")
				if !ok {
					continue
				}
				r := int(crc32.ChecksumIEEE([]byte(key))) % len(reducers)
				reducers[r] = append(reducers[r], line)
			}
		}
		var parts []string
		for _, lines := range reducers {
			slices.Sort(lines) // Hadoop sorts a reducer's input by key
			_, out, _ := runCmd(t, strings.Join(lines, ""), "pair", "-f", "jsonl")
			parts = append(parts, out)
		}
		rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		_, got, errOut := runCmd(t, strings.Join(parts, ""), "pair", "-f", "jsonl")
		if got != want {
			t.Errorf("seed %d, %d reducers: differs from ingest:\n--- ingest\n%s\n--- cluster\n%s\n%s", seed, len(reducers), want, got, errOut)
		}
		if strings.Contains(errOut, "[conflict]") {
			t.Errorf("the last pair found conflicts again:\n%s", errOut)
		}
	}
}

func TestPair(t *testing.T) {
	dir := t.TempDir()
	good := `{"kind":"project","prima_id":"RW10P0522","budget":{"amount":300000.00,"currency":"USD"},"languages":["en"],"sources":[{"path":"a.txt","lang":"en","format":"text","sha256":"00","bytes":1}]}`
	file := filepath.Join(dir, "part-00000")
	if err := os.WriteFile(file, []byte(good+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".part-00000.crc"), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		stdout     string // "" means no record
		stderr     []string
		notStderr  []string
		wantRecord bool
	}{
		{name: "digits survive", stdin: good + "\n", args: []string{"-f", "jsonl"}, stdout: good + "\n", stderr: []string{"1 record read (1 project, 0 news, 0 pages) from 1 input, 0 bad; 1 record written; 0 errors, 0 warnings"}},
		{name: "no input", args: []string{"-f", "jsonl"}, stderr: []string{"0 records read"}},
		{name: "dash is stdin", stdin: good, args: []string{"-f", "jsonl", "-"}, stdout: good + "\n"},
		{name: "hadoop key", stdin: "RW10P0522\t" + good + "\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "key like JSON", stdin: "{odd}.txt\t" + good + "\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "hadoop empty value", stdin: good + "\t\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "crlf and blank lines", stdin: "\r\n" + good + "\r\n\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "folder", args: []string{"-f", "jsonl", dir}, stdout: good + "\n", stderr: []string{"from 1 input,"}},
		{
			// JSON Lines with bad lines among good ones: one error a bad
			// line. (An input whose first line is not JSON is not JSON
			// Lines at all: TestPairRefusesWhatIsNotJSON.)
			name: "bad lines", stdin: good + "\nnot json\n{}\n{\"kind\":\"page\",\"colour\":1}\n{\"kind\":\"page\"} {}\n{\"kind\":\"project\",\"budget\":{\"amount\":1e5}}\n{\"kind\":\"pro",
			args: []string{"-f", "jsonl"}, code: ExitInput, stdout: good + "\n",
			stderr: []string{
				"<stdin>:2: error: not a record: invalid character 'o' in literal null (expecting 'u') [bad-record]",
				`<stdin>:3: error: not a record: kind "" is not one of project, news, page [bad-record]`,
				`<stdin>:4: error: not a record: unknown field "colour" [bad-record]`,
				"<stdin>:5: error: not a record: more than one JSON value on the line [bad-record]",
				`<stdin>:6: error: not a record: decimal "1e5" is not a number [bad-record]`,
				"<stdin>:7: error: not a record: truncated JSON [bad-record]",
				"1 record read (1 project, 0 news, 0 pages) from 1 input, 6 bad; 1 record written; 6 errors, 0 warnings",
			},
		},
		{
			// Not the last value kept silently, as encoding/json would.
			name: "duplicate keys", args: []string{"-f", "jsonl"}, code: ExitInput, stdout: good + "\n",
			stdin: good + "\n" + strings.Replace(good, `"budget"`, `"budget":{"amount":1.00},"budget"`, 1) + "\n" +
				strings.Replace(good, `"lang":"en"`, `"lang":"en","Lang":"fr"`, 1) + "\n",
			stderr: []string{
				`<stdin>:2: error: not a record: key "budget" given twice [bad-record]`,
				`<stdin>:3: error: not a record: key "Lang" given twice in sources[0] [bad-record]`,
				"1 record read (1 project, 0 news, 0 pages) from 1 input, 2 bad",
			},
		},
		{name: "missing file", args: []string{"-f", "jsonl", filepath.Join(dir, "nope"), file}, code: ExitInput, stdout: good + "\n",
			stderr: []string{"nope: error: no such file or directory [unreadable]"}},
		{name: "carried diagnostics are not printed again", args: []string{"-f", "jsonl"}, code: ExitOK,
			stdin:  `{"kind":"page","sources":[{"path":"p.txt","format":"text","sha256":"00","bytes":1}],"diagnostics":[{"severity":"error","code":"bad-year","path":"p.txt","line":3,"message":"no"}]}` + "\n",
			stdout: `{"kind":"page","sources":[{"path":"p.txt","format":"text","sha256":"00","bytes":1}],"diagnostics":[{"severity":"error","code":"bad-year","path":"p.txt","line":3,"message":"no"}]}` + "\n", notStderr: []string{"bad-year"}},
		{name: "filter", stdin: good + "\n", args: []string{"-f", "jsonl", "--kind", "news"}, stderr: []string{"0 records written"}},
		{name: "bad filter", args: []string{"--lang", "de"}, code: ExitUsage, stderr: []string{`unknown --lang value "de": use en, fr, es`}},
		{name: "bad format", args: []string{"-f", "xml"}, code: ExitUsage, stderr: []string{`unknown format "xml"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.stdin, append([]string{"pair"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if out != tt.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.stdout)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			for _, s := range tt.notStderr {
				if strings.Contains(errOut, s) {
					t.Errorf("stderr has %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestPairConflicts(t *testing.T) {
	rec := func(lang, amount string) string {
		return fmt.Sprintf(`{"kind":"project","prima_id":"RW10P0522","budget":{"amount":%s,"currency":"USD"},"languages":[%q],"sources":[{"path":"%s.txt","lang":%q,"format":"text","sha256":"00","bytes":1,"fields":[{"key":"budget","label":"Budget","value":"%s","line":9}]}]}`, amount, lang, lang, lang, amount)
	}
	in := rec("fr", "200000.00") + "\n" + rec("en", "300000.00") + "\n"
	code, out, errOut := runCmd(t, in, "pair", "-f", "jsonl")
	if code != ExitOK || !strings.Contains(out, `"amount":300000.00`) || !strings.Contains(out, `"conflicts":[{"field":"budget","values":{"en":"300000.00 USD","fr":"200000.00 USD"}`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
	want := `fr.txt:9: warning: budget is "200000.00 USD" here but "300000.00 USD" in en.txt, which is kept [conflict]`
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if code, _, _ := runCmd(t, in, "pair", "--strict"); code != ExitInput {
		t.Errorf("--strict with a conflict: exit %d", code)
	}
	if _, _, errOut := runCmd(t, in, "pair", "-q"); strings.Contains(errOut, "[conflict]") {
		t.Errorf("-q prints warnings:\n%s", errOut)
	}
}

// TestPairReadsLikeIngest is the check: parse's records piped into
// pair with the reading flags every command takes (--jobs, --max-bytes,
// --report) pair to what ingest writes, whatever the workers, and the
// report accounts for every line as ingest's does for every page.
func TestPairReadsLikeIngest(t *testing.T) {
	dir, _ := corpus(t)
	_, want, _ := runCmd(t, "", "ingest", "-f", "jsonl", dir)
	_, parsed, _ := runCmd(t, "", "parse", "-q", "-f", "jsonl", dir)
	lines := strings.Count(parsed, "\n")
	for _, jobs := range []string{"1", "2", "5"} {
		t.Run("jobs "+jobs, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "r.json")
			code, got, errOut := runCmd(t, parsed, "pair", "-f", "jsonl", "--jobs", jobs, "--max-bytes", "1048576", "--report", report, "-")
			require.Equal(t, ExitOK, code, errOut)
			require.Equal(t, want, got)
			rep := readReport(t, report)
			require.Len(t, rep.Files, lines)
			for i, f := range rep.Files {
				assert.Equal(t, fileReport{Path: walk.StdinPath, Line: i + 1, State: stateParsed, Kind: f.Kind}, f)
				assert.NotEmpty(t, f.Kind)
			}
			assert.Equal(t, lines, rep.Totals.Parsed)
			assert.Contains(t, errOut, fmt.Sprintf("%d records read (", lines))
		})
	}
}

// TestPairReport: every line of every input has its entry, parsed, skipped
// (blank) or failed (not a record, too long); an input that cannot be read
// has one of its own; the summary's counts follow.
func TestPairReport(t *testing.T) {
	dir := t.TempDir()
	good := `{"kind":"news","languages":["en"],"sources":[{"path":"n.txt","format":"text","sha256":"00","bytes":1}]}`
	file := filepath.Join(dir, "part-00000")
	require.NoError(t, os.WriteFile(file, []byte(good+"\n"+strings.Repeat("x", 300)+"\n\n"), 0o644))
	report := filepath.Join(dir, "r.json")
	stdin := good + "\nnot json\n\r\n" + good
	code, out, errOut := runCmd(t, stdin, "pair", "-f", "jsonl", "--max-bytes", "200", "--report", report, "-", filepath.Join(dir, "missing"), file)
	assert.Equal(t, ExitInput, code)
	assert.Equal(t, good+"\n"+good+"\n"+good+"\n", out)
	assert.Contains(t, errOut, "<stdin>:2: error: not a record: invalid character 'o' in literal null (expecting 'u') [bad-record]\n")
	assert.Contains(t, errOut, "missing: error: no such file or directory [unreadable]\n")
	assert.Contains(t, errOut, "part-00000:2: error: line longer than --max-bytes (200 bytes) [bad-record]\n")
	assert.Contains(t, errOut, "3 records read (0 projects, 3 news, 0 pages) from 3 inputs, 2 bad; 3 records written; 3 errors, 0 warnings\n")
	rep := readReport(t, report)
	var got []string
	for _, f := range rep.Files {
		got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.Base(f.Path), f.Line, f.State, cmp.Or(f.Kind, f.Reason)))
	}
	assert.Equal(t, []string{
		"<stdin>:1 parsed news",
		"<stdin>:2 failed not a record: invalid character 'o' in literal null (expecting 'u')",
		"<stdin>:3 skipped blank line",
		"<stdin>:4 parsed news",
		"missing:0 failed no such file or directory",
		"part-00000:1 parsed news",
		"part-00000:2 failed line longer than --max-bytes (200 bytes)",
		"part-00000:3 skipped blank line",
	}, got)
	assert.Equal(t, reportTotals{Seen: 8, Parsed: 3, Skipped: 2, Failed: 3, News: 3, Errors: 3}, rep.Totals)
}
