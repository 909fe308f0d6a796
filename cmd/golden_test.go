package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIngestGolden runs `ingest` over each fixture folder of testdata from
// the repository's root, and compares the records and the diagnostics with
// testdata/golden/ingest/DIR.json and DIR.stderr. Run with -update to
// rewrite them.
func TestIngestGolden(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/*")
	require.NoError(t, err)
	for _, dir := range dirs {
		name := filepath.Base(dir)
		if info, err := os.Stat(dir); err != nil || !info.IsDir() || name == "golden" || name == "gen" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"ingest", "-j", "2", filepath.Join("testdata", name)}, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr, Dir: ".."})
			require.Contains(t, []int{ExitOK, ExitInput}, code)

			for ext, got := range map[string][]byte{".json": stdout.Bytes(), ".stderr": stderr.Bytes()} {
				golden := filepath.Join("../testdata/golden/ingest", name+ext)
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					require.NoError(t, os.WriteFile(golden, got, 0o644))
					continue
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "no golden file: run go test ./cmd -update")
				require.Equal(t, string(want), string(got), golden)
			}
		})
	}
}
