package encode

import (
	"bytes"
	"slices"
	"testing"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/model"
)

func TestFormats(t *testing.T) {
	want := []string{"csv", "json", "jsonl", "jsonl-keyed", "parquet", "yaml"}
	if got := Formats(); !slices.Equal(got, want) {
		t.Errorf("Formats() = %q, want %q", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("New with an unknown format did not panic")
		}
	}()
	New("xml", &bytes.Buffer{}, Options{})
}

// TestRecordWriter: in every format, a record given as its compact JSON
// comes out as the record itself does, and only the JSON formats take
// compact JSON.
func TestRecordWriter(t *testing.T) {
	records := []model.Record{
		{Kind: "project", PrimaID: "RW10P0522", Title: map[string]string{"en": "A & B <c>"}, Languages: []string{"en"}, Sources: []model.Source{{Path: "a/en.txt"}}},
		{Kind: "news", Date: "2016-12-09", Place: "Rabat", Sources: []model.Source{{Path: "n.txt"}}},
	}
	takes := map[string]bool{"json": true, "jsonl": true}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var fromRecords, fromCompact, fromPrepared bytes.Buffer
			byRecord := NewRecordWriter(New(format, &fromRecords, Options{}))
			byCompact := NewRecordWriter(New(format, &fromCompact, Options{}))
			byPrepared := NewRecordWriter(New(format, &fromPrepared, Options{}))
			if byCompact.TakesCompact() != takes[format] {
				t.Errorf("TakesCompact() = %v", byCompact.TakesCompact())
			}
			for i := range records {
				compact, err := JSON(&records[i], "")
				if err != nil {
					t.Fatal(err)
				}
				if err := byRecord.Write(nil, &records[i]); err != nil {
					t.Fatal(err)
				}
				if err := byCompact.Write(compact, &records[i]); err != nil {
					t.Fatal(err)
				}
				// Prepared on a worker, then written: the same bytes.
				var pool bufpool.Pool
				given := slices.Clone(compact)
				prepared, ok := byPrepared.Prepare(&pool, given)
				if ok != (format == "json") {
					t.Errorf("Prepare: %v", ok)
				}
				if ok {
					err = byPrepared.WritePrepared(prepared)
				} else {
					if !bytes.Equal(prepared, compact) {
						t.Errorf("Prepare changed the compact JSON to %q", prepared)
					}
					err = byPrepared.Write(prepared, &records[i])
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			for _, w := range []*RecordWriter{byRecord, byCompact, byPrepared} {
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				if w.Written() != len(records) {
					t.Errorf("Written() = %d, want %d", w.Written(), len(records))
				}
			}
			if fromRecords.Len() == 0 || !bytes.Equal(fromRecords.Bytes(), fromCompact.Bytes()) {
				t.Errorf("from records:\n%s\nfrom compact JSON:\n%s", fromRecords.Bytes(), fromCompact.Bytes())
			}
			if !bytes.Equal(fromRecords.Bytes(), fromPrepared.Bytes()) {
				t.Errorf("from records:\n%s\nprepared:\n%s", fromRecords.Bytes(), fromPrepared.Bytes())
			}
		})
	}
}

// TestJSON: JSON leaves "&" and "<" as written, in records and in other
// values, and indents a record as encoding/json would.
func TestJSON(t *testing.T) {
	r := &model.Record{Kind: "news", Title: map[string]string{"en": "A & B <c>"}}
	tests := []struct {
		v      any
		indent string
		want   string
	}{
		{map[string]string{"a": "<&>"}, "", `{"a":"<&>"}`},
		{[]int{1, 2}, "  ", "[\n    1,\n    2\n  ]"},
		{r, "", `{"kind":"news","title":{"en":"A & B <c>"}}`},
		{r, "  ", "{\n    \"kind\": \"news\",\n    \"title\": {\n      \"en\": \"A & B <c>\"\n    }\n  }"},
	}
	for _, tt := range tests {
		got, err := JSON(tt.v, tt.indent)
		if err != nil || string(got) != tt.want {
			t.Errorf("JSON(%v, %q) = %q, %v; want %q", tt.v, tt.indent, got, err, tt.want)
		}
	}
}
