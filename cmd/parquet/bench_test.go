package parquet

import (
	"io"
	"testing"
)

// BenchmarkWrite writes the golden records, repeated, to io.Discard: the
// cost of a record in a Parquet output, spool included.
func BenchmarkWrite(b *testing.B) {
	golden := goldenRecords(b)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		w := NewWriter(io.Discard)
		w.TempDir = dir
		for i := range 1000 {
			if err := w.Write(&golden[i%len(golden)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/record")
}
