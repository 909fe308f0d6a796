package cmd

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BenchmarkIngest runs ingest -f jsonl over a generated corpus of
// IOMPARSE_BENCH_PAGES pages (default 2,000; the generator runs once per
// benchmark into a temporary folder). The corpus of the README's
// performance figures is built with `go run ./testdata/gen`.
func BenchmarkIngest(b *testing.B) {
	pages := os.Getenv("IOMPARSE_BENCH_PAGES")
	if pages == "" {
		pages = "2000"
	}
	dir := filepath.Join(b.TempDir(), "corpus")
	gen := exec.Command("go", "run", "./testdata/gen", "-n", pages, "-o", dir)
	gen.Dir = ".."
	if out, err := gen.CombinedOutput(); err != nil {
		b.Fatalf("gen: %v\n%s", err, out)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var stderr bytes.Buffer
		code := run(context.Background(), []string{"ingest", "-q", "-f", "jsonl", dir}, IO{In: &bytes.Buffer{}, Out: io.Discard, ErrOut: &stderr})
		if code != ExitOK {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}
