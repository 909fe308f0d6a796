package cmd

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/cmd/internal/encode"
)

// TestCSVCommands: -f csv writes one row per record under the header, on
// the fixtures and on the real seed pages. Package encode tests the rows.
func TestCSVCommands(t *testing.T) {
	t.Run("ingest", func(t *testing.T) {
		dir, _ := corpus(t)
		code, out, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", dir)
		_, jsonl, _ := runCmd(t, "", "ingest", "-q", "-f", "jsonl", dir)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || code != ExitOK {
			t.Fatalf("exit %d, %v", code, err)
		}
		if n := strings.Count(jsonl, "\n"); len(rows) != n+1 {
			t.Errorf("%d rows for %d records", len(rows), n)
		}
	})
	t.Run("seeds", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "ingest", "-f", "csv", seeds(t))
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || code != ExitOK || len(rows) != 5 || !slices.Equal(rows[0], encode.CSVHeader()) {
			t.Errorf("exit %d, %d rows, %v:\n%s", code, len(rows), err, out)
		}
	})
}
