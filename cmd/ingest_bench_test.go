package cmd

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/spool"
	"github.com/iomparse/iomparse/model"
)

// BenchmarkIngest runs ingest -f jsonl over a generated corpus of
// IOMPARSE_BENCH_PAGES pages (default 2,000; the generator runs once per
// benchmark into a temporary folder), or over the folder
// IOMPARSE_BENCH_CORPUS of that many pages. The corpus of the README's
// performance figures is built with `go run ./testdata/gen`.
func BenchmarkIngest(b *testing.B) {
	dir, n := benchCorpus(b)
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

// benchCorpus returns the folder of the benchmarks' corpus and its number of
// pages: IOMPARSE_BENCH_CORPUS, of IOMPARSE_BENCH_PAGES pages, or a corpus
// of that many pages (default 2,000) generated into a temporary folder.
func benchCorpus(b *testing.B) (dir string, pages int) {
	b.Helper()
	n := cmp.Or(os.Getenv("IOMPARSE_BENCH_PAGES"), "2000")
	pages, err := strconv.Atoi(n)
	if err != nil {
		b.Fatal(err)
	}
	dir = os.Getenv("IOMPARSE_BENCH_CORPUS") // an existing corpus of that many pages
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "corpus")
		gen := exec.Command("go", "run", "./testdata/gen", "-n", n, "-o", dir)
		gen.Dir = ".."
		if out, err := gen.CombinedOutput(); err != nil {
			b.Fatalf("gen: %v\n%s", err, out)
		}
	}
	return dir, pages
}

// BenchmarkReduce measures pairing's reduce step per record, on the records
// of the benchmarks' corpus (see benchCorpus) that pairing merges with
// others: decode reads one back from the spool, merge merges the records of
// one project (per record merged), encode writes a merged record as JSON
// Lines and as -f json's indented JSON. Records that pair with nothing are
// copied from the spool to the output as they are: read is that copy.
func BenchmarkReduce(b *testing.B) {
	dir, _ := benchCorpus(b)
	var parsed bytes.Buffer
	if code := run(context.Background(), []string{"parse", "-q", "-f", "jsonl", dir}, IO{In: &bytes.Buffer{}, Out: &parsed, ErrOut: io.Discard}); code != ExitOK {
		b.Fatalf("parse: exit %d", code)
	}
	sp, err := spool.New(recordKinds)
	if err != nil {
		b.Fatal(err)
	}
	defer sp.Close()
	for line := range bytes.Lines(parsed.Bytes()) {
		r, err := decodeRecord(line)
		if err != nil {
			b.Fatal(err)
		}
		if err := sp.Add(r); err != nil {
			b.Fatal(err)
		}
	}
	if err := sp.Finish(); err != nil {
		b.Fatal(err)
	}
	// The benchmark holds every record it decodes, which the heap limit
	// of a run does not count on.
	sp.Unlimit()
	order, ends := sp.Order()
	var groups [][]int // of several records
	start := 0
	for _, end := range ends {
		if end-start > 1 {
			groups = append(groups, order[start:end])
		}
		start = end
	}
	singles := order[start:]
	members := make([][]model.Record, len(groups))
	merged := make([]model.Record, len(groups))
	n := 0
	for g, group := range groups {
		for _, i := range group {
			r, err := sp.Get(i)
			if err != nil {
				b.Fatal(err)
			}
			members[g] = append(members[g], r)
		}
		merged[g], _ = model.Merge(members[g])
		n += len(group)
	}
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, group := range groups {
				for _, i := range group {
					if _, err := sp.Get(i); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
	})
	b.Run("merge", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, m := range members {
				model.Merge(m)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
	})
	for _, indent := range []string{"", "  "} {
		name := map[string]string{"": "encode/jsonl", "  ": "encode/json"}[indent]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for g := range merged {
					if _, err := encode.JSON(&merged[g], indent); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(merged)), "ns/record")
		})
	}
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			for _, i := range singles {
				if buf, err = sp.RawInto(buf, i); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(singles)), "ns/record")
	})
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
	for _, format := range encode.Formats() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				enc := encode.New(format, io.Discard, encode.Options{})
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
