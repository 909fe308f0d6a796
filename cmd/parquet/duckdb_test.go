package parquet

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDuckDB has DuckDB, the reader users reach for first, read a file of
// every golden record and the edge cases, and check each field against the
// JSON output of the same records (testdata/duckdb.mjs): a reader apart
// from parquet-go, which TestRoundTrip uses on both sides. It needs
// Node.js and DuckDB's Node package, and skips without them:
//
//	npm install --prefix /tmp/duckdb @duckdb/node-api
//	IOMPARSE_DUCKDB=/tmp/duckdb go test ./cmd/parquet -run DuckDB -v
func TestDuckDB(t *testing.T) {
	modules := os.Getenv("IOMPARSE_DUCKDB")
	if modules == "" {
		t.Skip("IOMPARSE_DUCKDB is not set: see the test's comment")
	}
	modules = filepath.Join(modules, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api")); err != nil {
		t.Skipf("no DuckDB under IOMPARSE_DUCKDB: %v", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node:", err)
	}
	recs := append(goldenRecords(t), edgeRecords()...)
	dir := t.TempDir()
	parquetFile := filepath.Join(dir, "r.parquet")
	if err := os.WriteFile(parquetFile, writeAll(t, recs, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	var jsonl []byte
	for i := range recs {
		if jsonl, err = recs[i].AppendJSON(jsonl); err != nil {
			t.Fatal(err)
		}
		jsonl = append(jsonl, '\n')
	}
	jsonlFile := filepath.Join(dir, "r.jsonl")
	if err := os.WriteFile(jsonlFile, jsonl, 0o644); err != nil {
		t.Fatal(err)
	}
	// Node finds packages in the script's own folder: the script and a
	// link to the modules go in the test's folder, not the user's.
	script, err := os.ReadFile("testdata/duckdb.mjs")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "duckdb.mjs"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join(dir, "duckdb.mjs"), jsonlFile, parquetFile).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Errorf("DuckDB disagrees with the records: %v", err)
	}
}
