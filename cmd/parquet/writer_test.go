package parquet

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/iomparse/iomparse/model"
)

var update = flag.Bool("update", false, "rewrite testdata/schema.txt")

// TestSchema holds the schema of a file to testdata/schema.txt, which
// documents it, and checks that every JSON name of model.Record, however
// deep, is a column at the same path: a field added to the record fails
// here until it has its column.
func TestSchema(t *testing.T) {
	data := writeAll(t, nil, 0)
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != 0 {
		t.Errorf("an empty output has %d rows", f.NumRows())
	}
	got := f.Schema().String() + "\n"
	if *update {
		if err := os.WriteFile("testdata/schema.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/schema.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("schema of an empty output:\n%s\nwant (testdata/schema.txt; -update rewrites it):\n%s", got, want)
	}

	columns := map[string]bool{}
	schemaPaths(f.Schema(), "", columns)
	fields := map[string]bool{"date_value": true, "budget.amount_text": true} // the columns Parquet adds
	jsonPaths(reflect.TypeFor[model.Record](), "", fields)
	for p := range fields {
		if !columns[p] {
			t.Errorf("record field %s has no column", p)
		}
	}
	for p := range columns {
		if !fields[p] {
			t.Errorf("column %s is no record field", p)
		}
	}
}

// jsonPaths adds the dotted JSON paths of t's fields to paths, through
// structs, pointers and slices (a slice of structs is a list of them); a
// map stops the path, as its keys are data.
func jsonPaths(t reflect.Type, prefix string, paths map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return
	}
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		paths[prefix+name] = true
		jsonPaths(f.Type, prefix+name+".", paths)
	}
}

// schemaPaths adds the dotted paths of a Parquet schema's fields to paths,
// leaving out a LIST's list and element levels; a MAP stops the path.
func schemaPaths(n pq.Node, prefix string, paths map[string]bool) {
	for _, f := range n.Fields() {
		p := prefix + f.Name()
		paths[p] = true
		switch {
		case f.Type().LogicalType() != nil && f.Type().LogicalType().Value != nil && f.Type().LogicalType().String() == "MAP":
		case isList(f):
			elem := f.Fields()[0].Fields()[0] // list.element
			schemaPaths(elem, p+".", paths)
		default:
			schemaPaths(f, p+".", paths)
		}
	}
}

func isList(n pq.Node) bool {
	lt := n.Type().LogicalType()
	return lt != nil && lt.Value != nil && lt.String() == "LIST"
}

// TestEmpty checks that a writer given no record writes a Parquet file
// with the schema and no row, which DuckDB reads as an empty table.
func TestEmpty(t *testing.T) {
	rows, scale := readAll(t, writeAll(t, nil, 0))
	if len(rows) != 0 || scale != defaultAmountScale {
		t.Errorf("empty output: %d rows, scale %d", len(rows), scale)
	}
}

// TestRowGroups writes many records with a small row-group bound: the file
// has several row groups, none much over the bound, and reads back whole.
func TestRowGroups(t *testing.T) {
	golden := goldenRecords(t)
	var recs []model.Record
	for len(recs) < 2000 {
		recs = append(recs, golden...)
	}
	const bound = 256 << 10
	data := writeAll(t, recs, bound)
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	groups := f.Metadata().RowGroups
	for _, g := range groups {
		for _, c := range g.Columns {
			for _, e := range c.MetaData.Encoding {
				// What every reader reads (see Close).
				if e != format.Plain && e != format.RLE && e != format.RLEDictionary {
					t.Errorf("column %s is %s encoded", strings.Join(c.MetaData.PathInSchema, "."), e)
				}
			}
		}
	}
	if len(groups) < 4 {
		t.Errorf("%d row groups for %d bytes with a bound of %d", len(groups), len(data), bound)
	}
	for i, g := range groups {
		// One batch of records may be written past the bound.
		if g.TotalCompressedSize > 2*bound {
			t.Errorf("row group %d: %d bytes, bound %d", i, g.TotalCompressedSize, bound)
		}
	}
	rows, scale := readAll(t, data)
	if len(rows) != len(recs) {
		t.Fatalf("%d rows for %d records", len(rows), len(recs))
	}
	for i := range rows {
		checkRow(t, i, &recs[i], &rows[i], scale)
	}
}

// heapWriter discards what it is given, and samples the live heap at every
// sampleEvery-th write: the writer's memory while it writes the file.
type heapWriter struct {
	writes, sampleEvery int
	peak                uint64
}

func (h *heapWriter) Write(p []byte) (int, error) {
	if h.writes%h.sampleEvery == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
	}
	h.writes++
	return len(p), nil
}

// TestMemoryFlat writes n and 8n records and compares the live heap while
// the file is written: it must not grow with the records (a growth ratio,
// not a size, so the test does not depend on the machine).
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 8,000 records")
	}
	golden := goldenRecords(t)
	peak := func(n int) uint64 {
		h := &heapWriter{sampleEvery: 8}
		w := NewWriter(h)
		w.TempDir = t.TempDir()
		w.RowGroupBytes = 256 << 10
		for i := range n {
			if err := w.Write(&golden[i%len(golden)]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return h.peak
	}
	small, large := peak(1000), peak(8000)
	t.Logf("live heap while writing: %d KiB for 1,000 records, %d KiB for 8,000", small>>10, large>>10)
	if float64(large) > 2*float64(small) { // holding the records would be 20 MB more
		t.Errorf("the live heap grows with the records: %d KiB for 1,000, %d KiB for 8,000", small>>10, large>>10)
	}
}

// TestWriter checks the writer's contract apart from the file: a bad
// amount is refused and the writer goes on, Write after Close fails,
// Close twice is harmless, and no spool file is left behind.
func TestWriter(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.TempDir = dir
	good := model.Record{Kind: model.KindProject, Budget: &model.Budget{Amount: "300000.00"}}
	bad := model.Record{Kind: model.KindProject, Budget: &model.Budget{Amount: "3e5"}}
	if err := w.Write(&good); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(&bad); err == nil {
		t.Error("an amount that is not a decimal number is written")
	}
	if err := w.Write(&good); err != nil {
		t.Errorf("the writer stops after a bad record: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := w.Write(&good); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close: %v, want ErrClosed", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("spool files left behind: %v", left)
	}
	rows, _ := readAll(t, buf.Bytes())
	if len(rows) != 2 {
		t.Errorf("%d rows, want the 2 good records", len(rows))
	}
}

// TestSpoolError checks that a spool that cannot be made is reported by
// Write and by Close, and that no file is written.
func TestSpoolError(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.TempDir = string([]byte{0}) // no such directory anywhere
	r := model.Record{Kind: model.KindPage}
	err1 := w.Write(&r)
	err2 := w.Close()
	if err1 == nil || err2 == nil || buf.Len() != 0 {
		t.Errorf("Write: %v, Close: %v, %d bytes written", err1, err2, buf.Len())
	}
}

func TestAmountScale(t *testing.T) {
	tests := []struct {
		amounts []string
		want    int
	}{
		{nil, defaultAmountScale},
		{[]string{"300000.00"}, 2},
		{[]string{"103058"}, 0},
		{[]string{"103058", "300000.00"}, 2},
		{[]string{"0.5", "12.345"}, 3},
		{[]string{"1" + strings.Repeat("0", 45), "1.00"}, 2},                    // the huge one fits no scale
		{[]string{"1" + strings.Repeat("0", 36), "1.00", "2.00"}, 2},            // two amounts fit 2, one fits 0 or 1
		{[]string{"1" + strings.Repeat("0", 37), "1.5"}, 0},                     // one each: the smaller scale
		{[]string{"0." + strings.Repeat("0", 37) + "1"}, amountPrecision},       // DECIMAL(38, 38)
		{[]string{"0." + strings.Repeat("0", 38) + "1", "7"}, 0},                // 39 decimals fit nothing
		{[]string{"-0", "0", "-1.25"}, 2},                                       // signs need no digit
		{slices.Repeat([]string{"1.5"}, 3), 1},                                  // counts, not kinds
		{append(slices.Repeat([]string{"1.5"}, 3), strings.Repeat("9", 38)), 1}, // three to one
	}
	for _, tt := range tests {
		var st amountStats
		for _, a := range tt.amounts {
			st.add(model.Decimal(a))
		}
		if got := st.scale(); got != tt.want {
			t.Errorf("scale(%q) = %d, want %d", tt.amounts, got, tt.want)
		}
	}
}

func TestEncodeAmount(t *testing.T) {
	tests := []struct {
		amount string
		scale  int
		want   string // 32 hex digits; "" when it does not fit
	}{
		{"300000.00", 2, "00000000000000000000000001C9C380"}, // 30,000,000
		{"103058", 2, "000000000000000000000000009D4108"},    // 10,305,800
		{"0", 0, "00000000000000000000000000000000"},
		{"-0", 3, "00000000000000000000000000000000"},
		{"-1", 0, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"},
		{"-12.345", 3, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFCFC7"},
		{"0.5", 38, "259DA6542D43623D04C5112000000000"}, // 5e37
		{strings.Repeat("9", 38), 0, "4B3B4CA85A86C47A098A223FFFFFFFFF"},
		{"-" + strings.Repeat("9", 38), 0, "B4C4B357A5793B85F675DDC000000001"},
		{"1.234", 2, ""},                 // a decimal would be lost
		{strings.Repeat("9", 37), 2, ""}, // 39 digits
		{"0." + strings.Repeat("1", 39), 38, ""},
	}
	for _, tt := range tests {
		got, ok := encodeAmount(model.Decimal(tt.amount), tt.scale)
		if !ok {
			if tt.want != "" {
				t.Errorf("encodeAmount(%s, %d) does not fit, want %s", tt.amount, tt.scale, tt.want)
			}
			continue
		}
		if tt.want == "" || hex.EncodeToString(got[:]) != strings.ToLower(tt.want) {
			t.Errorf("encodeAmount(%s, %d) = %s, want %q", tt.amount, tt.scale, hex.EncodeToString(got[:]), tt.want)
		}
	}
}

func TestDateValue(t *testing.T) {
	tests := []struct {
		date string
		want int32 // -1 << 31 for null
	}{
		{"1970-01-01", 0},
		{"1969-12-31", -1},
		{"2016-12-09", 17144},
		{"2016-02-29", 16860},
		{"2016-02-30", -1 << 31},
		{"2015-02-29", -1 << 31},
		{"2005-02", -1 << 31},
		{"2005", -1 << 31},
		{"", -1 << 31},
		{"2016-1-09", -1 << 31},
		{"20161-2-09", -1 << 31},
	}
	for _, tt := range tests {
		got := dateValue(tt.date)
		if (got == nil) != (tt.want == -1<<31) || got != nil && *got != tt.want {
			t.Errorf("dateValue(%q) = %v, want %d", tt.date, got, tt.want)
		}
	}
}
