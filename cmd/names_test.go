package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model"
)

// TestHostileNames: files named with a newline, a tab and bytes that are
// not UTF-8. No name forges a diagnostic line (on stderr, in GitHub
// annotations, in error messages); names that are not UTF-8 stay two
// names, written validly in every format and in the report, escaped as
// model.EscapePath says (\xNN, \\); and a conflict between two of them keeps
// both pages' values.
func TestHostileNames(t *testing.T) {
	dir := t.TempDir()
	good := goodPage(t)
	other := bytes.Replace(good, []byte("250000.50"), []byte("199999.00"), 1)
	forged := "x.txt:1: error: forged [bad-record]\nreal"
	files := map[string][]byte{
		"bad\xff.txt":         good,
		"bad\xfe.txt":         other,
		forged + ".txt":       []byte("Title\nProject Status\nPaused\n"),
		"tab\there.txt":       []byte(""),
		`back\slash.txt`:      good,
		"nel\u0085\u2028.txt": []byte(""),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	line := regexp.MustCompile(`^(\S.*?)(:\d+)?: (error|warning|info): .* \[[a-z-]+\]$`)
	for _, format := range []string{"json", "jsonl", "yaml", "csv"} {
		t.Run(format, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "report.json")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"ingest", "-f", format, "--report", report, dir},
				IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
			assert.Equal(t, ExitOK, code, stderr.String())
			assert.True(t, utf8.Valid(stdout.Bytes()), "output is UTF-8")
			for _, s := range []string{`bad\\xff.txt`, `bad\\xfe.txt`, `back\\\\slash.txt`} {
				if format == "csv" || format == "yaml" {
					s = strings.ReplaceAll(s, `\\`, `\`)
				}
				assert.Contains(t, stdout.String(), s, "each name, escaped")
			}
			assert.NotContains(t, stdout.String(), "\ufffd", "no name made one with another")
			for _, l := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
				if strings.Contains(l, " files: ") {
					continue // the summary
				}
				m := line.FindStringSubmatch(l)
				require.NotNil(t, m, "a line that is not a diagnostic: %q", l)
				assert.Truef(t, strings.HasPrefix(m[1], dir), "a line that names no file of the run: %q", l)
			}
			assert.Contains(t, stderr.String(), `x.txt:1: error: forged [bad-record]\x0areal.txt:1: warning:`)

			data, err := os.ReadFile(report)
			require.NoError(t, err)
			assert.True(t, utf8.Valid(data))
			rep := readReport(t, report)
			var paths []string
			for _, f := range rep.Files {
				paths = append(paths, strings.TrimPrefix(f.Path, dir+"/"))
			}
			assert.ElementsMatch(t, []string{`back\\slash.txt`, `bad\xfe.txt`, `bad\xff.txt`, `nel\xc2\x85` + "\u2028.txt", `tab\x09here.txt`,
				`x.txt:1: error: forged [bad-record]\x0areal.txt`}, paths)
		})
	}

	// The two pages that are not UTF-8 disagree on the budget: the conflict
	// keeps both, under names told apart.
	var stdout, stderr bytes.Buffer
	require.Equal(t, ExitOK, run(context.Background(), []string{"ingest", "-f", "jsonl", dir}, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr}), stderr.String())
	var project model.Record
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(stdout.String(), "\n", 2)[0]), &project))
	require.Len(t, project.Conflicts, 1, "%+v", project.Conflicts)
	assert.Equal(t, map[string]string{
		dir + `/bad\xfe.txt`: "199999.00 USD", dir + `/bad\xff.txt`: "250000.50 USD", dir + `/back\\slash.txt`: "250000.50 USD",
	}, project.Conflicts[0].ByPath)

	// GitHub annotations: one a line.
	stdout.Reset()
	run(context.Background(), []string{"check", "-f", "github", dir}, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &bytes.Buffer{}})
	for _, l := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
		assert.Regexp(t, `^::(error|warning|notice) file=`, l)
	}

	// An error message quoting a path given with a newline is one line.
	stderr.Reset()
	run(context.Background(), []string{"ingest", "-o", filepath.Join(dir, "no\nsuch", "out.json"), dir}, IO{In: &bytes.Buffer{}, Out: &bytes.Buffer{}, ErrOut: &stderr})
	assert.Contains(t, stderr.String(), `no\x0asuch/out.json`)
}
