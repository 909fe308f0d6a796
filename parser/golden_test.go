package parser_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// fixtureDirs are the folders of testdata that hold pages; golden holds the
// wanted outputs, gen the corpus generator.
func fixturePaths(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob("../testdata/*/*")
	require.NoError(t, err)
	var pages []string
	for _, p := range all {
		dir := filepath.Base(filepath.Dir(p))
		if dir == "golden" || dir == "gen" || strings.HasSuffix(p, ".go") {
			continue
		}
		if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
			continue
		}
		pages = append(pages, p)
	}
	require.NotEmpty(t, pages)
	return pages
}

// parseFixture parses a fixture the way the command line does, with its
// path as seen from the repository's root.
func parseFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	rel := strings.TrimPrefix(filepath.ToSlash(path), "../")
	text, _, diags := parser.Decode(rel, data, "")
	rec := parser.Parse(parser.Document{Path: rel, Data: text, Size: len(data), SHA256: sha256Hex(data), Diagnostics: diags})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(rec))
	return buf.Bytes()
}

// TestGolden parses every fixture under testdata and compares the record
// with testdata/golden/DIR/NAME.json. Run `go test ./... -update` to rewrite
// the golden files after a deliberate change, and review the diff.
func TestGolden(t *testing.T) {
	for _, path := range fixturePaths(t) {
		rel := strings.TrimPrefix(filepath.ToSlash(path), "../testdata/")
		t.Run(rel, func(t *testing.T) {
			got := parseFixture(t, path)
			golden := filepath.Join("../testdata/golden", rel+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, got, 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "no golden file: run go test ./parser -update")
			require.Equal(t, string(want), string(got))
		})
	}
}
