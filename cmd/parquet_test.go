package cmd

import (
	"bytes"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/require"
)

// TestParquetFormat: -f parquet writes one row per record of -f jsonl, the
// record's fields as columns. Package cmd/parquet tests the columns' values.
func TestParquetFormat(t *testing.T) {
	for _, dir := range []string{"../testdata/pages", "../testdata/news"} {
		t.Run(dir, func(t *testing.T) {
			lines := bytes.Count(ingestJSON(t, "-f", "jsonl", dir), []byte("\n"))
			data := ingestJSON(t, "-f", "parquet", dir)
			f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
			require.NoError(t, err)
			require.EqualValues(t, lines, f.NumRows())
			var names []string
			for _, field := range f.Schema().Fields() {
				names = append(names, field.Name())
			}
			require.Subset(t, names, []string{"kind", "prima_id", "budget", "title", "sources", "diagnostics"})
		})
	}
}
