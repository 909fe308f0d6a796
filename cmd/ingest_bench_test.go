package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/iomparse/iomparse/model"
)

// BenchmarkIngest runs ingest -f jsonl over a generated corpus of
// IOMPARSE_BENCH_PAGES pages (default 2,000; the generator runs once per
// benchmark into a temporary folder), or over the folder
// IOMPARSE_BENCH_CORPUS of that many pages. The corpus of the README's
// performance figures is built with `go run ./testdata/gen`.
func BenchmarkIngest(b *testing.B) {
	pages := os.Getenv("IOMPARSE_BENCH_PAGES")
	if pages == "" {
		pages = "2000"
	}
	dir := os.Getenv("IOMPARSE_BENCH_CORPUS") // an existing corpus of that many pages
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "corpus")
		gen := exec.Command("go", "run", "./testdata/gen", "-n", pages, "-o", dir)
		gen.Dir = ".."
		if out, err := gen.CombinedOutput(); err != nil {
			b.Fatalf("gen: %v\n%s", err, out)
		}
	}
	n, err := strconv.Atoi(pages)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		var stderr bytes.Buffer
		code := run(context.Background(), []string{"ingest", "-q", "-f", "jsonl", dir}, IO{In: &bytes.Buffer{}, Out: io.Discard, ErrOut: &stderr})
		if code != ExitOK {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	perPage := float64(b.N * n)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/perPage, "allocs/page")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/perPage, "µs/page")
}

// BenchmarkEncoders encodes the records of the fixtures in every format.
func BenchmarkEncoders(b *testing.B) {
	var recs []model.Record
	for _, dir := range []string{"pages", "layouts", "news", "html"} {
		var stdout bytes.Buffer
		run(context.Background(), []string{"parse", "-q", "-f", "jsonl", filepath.Join("..", "testdata", dir)}, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: io.Discard})
		dec := json.NewDecoder(&stdout)
		for dec.More() {
			var r model.Record
			if err := dec.Decode(&r); err != nil {
				b.Fatal(err)
			}
			recs = append(recs, r)
		}
	}
	for _, format := range formatNames() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				enc := encoders[format](io.Discard)
				for i := range recs {
					if err := enc.Encode(&recs[i]); err != nil {
						b.Fatal(err)
					}
				}
				if err := enc.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/record")
		})
	}
}
