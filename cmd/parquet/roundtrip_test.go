package parquet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/iomparse/iomparse/model"
)

// goldenRecords returns every record of the golden files under
// testdata/golden, each file a JSON array of records or one record.
func goldenRecords(t testing.TB) []model.Record {
	t.Helper()
	var all []model.Record
	err := filepath.WalkDir("../../testdata/golden", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data = bytes.TrimSpace(data)
		if bytes.HasPrefix(data, []byte("[")) {
			var recs []model.Record
			if err := json.Unmarshal(data, &recs); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			all = append(all, recs...)
			return nil
		}
		var r model.Record
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		all = append(all, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 50 {
		t.Fatalf("only %d golden records: is testdata/golden where it was?", len(all))
	}
	return all
}

// edgeRecords are shapes the golden files lack: amounts of every scale and
// sign, partial and impossible dates, empty and nil maps, a diagnostic for
// the whole file.
func edgeRecords() []model.Record {
	budget := func(a string) *model.Budget { return &model.Budget{Amount: model.Decimal(a), Currency: "USD"} }
	return []model.Record{
		{Kind: model.KindProject, PrimaID: "RW10P0522", Budget: budget("300000.00")},
		{Kind: model.KindProject, Budget: budget("103058")},
		{Kind: model.KindProject, Budget: &model.Budget{Amount: "0.5"}},
		{Kind: model.KindProject, Budget: budget("-12.345")},
		{Kind: model.KindProject, Budget: budget("0")},
		{Kind: model.KindProject, Budget: budget("-0")},
		// With -12.345, this one makes scale 2 and 3 fit as many amounts:
		// the smaller wins, and -12.345 is null (amount_text keeps it).
		{Kind: model.KindProject, Budget: budget(strings.Repeat("9", 36))},
		{Kind: model.KindProject, Budget: budget("1" + strings.Repeat("0", 45))},
		{Kind: model.KindNews, Date: "2005-02"},
		{Kind: model.KindNews, Date: "2005"},
		{Kind: model.KindNews, Date: "1970-01-01"},
		{Kind: model.KindNews, Date: "1969-12-31"},
		{Kind: model.KindNews, Date: "2016-02-30"},
		{Kind: model.KindNews, Date: "2016-02-29", Office: &model.Office{Country: "RW"}},
		{Kind: model.KindNews, Place: "Rabat", PlaceCountry: "MA"},
		{Kind: model.KindPage, Title: map[string]string{"en": ""}, Body: map[string][]string{"fr": {""}}},
		{Kind: model.KindProject, Conflicts: []model.Conflict{
			{Field: "budget", Values: map[string]string{"en": "1", "fr": "2"}, ByPath: map[string]string{"a": "1", "b": "2"}},
			{Field: "status", Values: map[string]string{}},
			{Field: "year"},
		}},
		{Kind: model.KindPage, Diagnostics: []model.Diagnostic{{Severity: "error", Code: "empty", Path: "x.txt", Message: "empty"}}},
		{Kind: model.KindPage, Sources: []model.Source{{Path: "", Format: "text", SHA256: "", Fields: []model.Field{{Line: 0}}}}},
		// A page read from a web archive, with its provenance.
		{Kind: model.KindNews, Sources: []model.Source{{Path: "crawl.warc.gz#3162", Format: "html", URL: "https://www.iom.int/news/x",
			Fetched: "2026-03-01T10:20:30Z", Archive: &model.ArchiveRecord{Path: "crawl.warc.gz", Offset: 3162, InMember: 7, RecordID: "urn:uuid:1"}}}},
		{Kind: model.KindPage, Sources: []model.Source{{Path: "c.warc#0", Format: "text", Archive: &model.ArchiveRecord{Path: "c.warc"}}}},
		{Kind: ""},
	}
}

func amounts(a ...string) []model.Record {
	recs := make([]model.Record, len(a))
	for i := range a {
		recs[i] = model.Record{Kind: model.KindProject, Budget: &model.Budget{Amount: model.Decimal(a[i])}}
	}
	return recs
}

// writeAll writes recs through a Writer with the given row-group bound and
// returns the file.
func writeAll(t testing.TB, recs []model.Record, rowGroupBytes int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.TempDir = t.TempDir()
	w.RowGroupBytes = rowGroupBytes
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads a file written by Writer with parquet-go, and returns its
// rows and the scale of its budget.amount column.
func readAll(t testing.TB, data []byte) ([]row, int) {
	t.Helper()
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	col, ok := f.Schema().Lookup("budget", "amount")
	if !ok {
		t.Fatal("no column budget.amount")
	}
	dec, _ := col.Node.Type().LogicalType().Value.(*format.DecimalType)
	if dec == nil || dec.Precision != amountPrecision {
		t.Fatalf("budget.amount is %v, want a DECIMAL(%d, s)", col.Node.Type().LogicalType(), amountPrecision)
	}
	scale := int(dec.Scale)
	rows, err := pq.Read[row](bytes.NewReader(data), int64(len(data)), pq.StructTag(amountTag(scale), "budget", "Amount"))
	if err != nil {
		t.Fatal(err)
	}
	return rows, scale
}

// TestRoundTrip writes every golden record and the edge cases, reads the
// file back, and checks that each row gives its record back exactly (as
// the JSON output writes it), that budget.amount holds the amount's value
// at a scale that keeps its digits, and date_value the date's day.
func TestRoundTrip(t *testing.T) {
	sets := []struct {
		name      string
		recs      []model.Record
		wantScale int
	}{
		{"golden", goldenRecords(t), 2},
		{"edge", edgeRecords(), 2},
		{"one amount without decimals", amounts("103058"), 0},
		{"three decimals", amounts("0.5", "-12.345", "300000.00", "103058"), 3},
		// parquet-go v0.32.1 writes the third and fourth maps as empty, not
		// null, when this batch goes to it in one call (see batchRows).
		{"null, value, null", []model.Record{
			{Kind: model.KindPage},
			{Kind: model.KindPage, Title: map[string]string{"en": "t"}, Body: map[string][]string{"en": {"b"}}, Outcomes: map[string][]string{"en": {"o"}}},
			{Kind: model.KindPage},
			{Kind: model.KindPage},
		}, 2},
		{"38 digits", amounts(strings.Repeat("9", 38), "-"+strings.Repeat("9", 38), "0."+strings.Repeat("0", 37)+"1"), 0},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			data := writeAll(t, set.recs, 0)
			rows, scale := readAll(t, data)
			if scale != set.wantScale {
				t.Errorf("budget.amount has scale %d, want %d", scale, set.wantScale)
			}
			if len(rows) != len(set.recs) {
				t.Fatalf("%d rows for %d records", len(rows), len(set.recs))
			}
			for i := range rows {
				checkRow(t, i, &set.recs[i], &rows[i], scale)
			}
			checkNulls(t, data, set.recs, scale)
		})
	}
}

func checkRow(t *testing.T, i int, want *model.Record, got *row, scale int) {
	t.Helper()
	// Row for row, nulls included: a column null where the record has a
	// value, or the other way round, differs here even where the record
	// would not show it.
	if want := makeRow(want, scale); !reflect.DeepEqual(*got, want) {
		t.Errorf("record %d: row read back differs from the row written:\n got %s\nwant %s", i, showRow(got), showRow(&want))
	}
	back := recordOf(got)
	wantJSON, err := want.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	gotJSON, err := back.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("record %d comes back as\n%s\nwant\n%s", i, gotJSON, wantJSON)
	}
	if want.Budget != nil {
		checkAmount(t, i, want.Budget.Amount, got.Budget.Amount, scale)
	}
	wantDays, ok := days(want.Date)
	if ok != (got.DateValue != nil) || ok && *got.DateValue != wantDays {
		gotDays := "null"
		if got.DateValue != nil {
			gotDays = fmt.Sprint(*got.DateValue)
		}
		wantText := "null"
		if ok {
			wantText = fmt.Sprint(wantDays)
		}
		t.Errorf("record %d: date %q has date_value %s, want %s", i, want.Date, gotDays, wantText)
	}
}

// checkAmount checks that a DECIMAL holds an amount's value exactly, at a
// scale no smaller than the amount's own; it may be null only when the
// amount fits no DECIMAL(38, scale).
func checkAmount(t *testing.T, i int, amount model.Decimal, got *[16]byte, scale int) {
	t.Helper()
	intDigits, s := amountShape(amount)
	fits := s <= scale && intDigits+scale <= amountPrecision
	if got == nil {
		if fits {
			t.Errorf("record %d: amount %s is null at scale %d", i, amount, scale)
		}
		return
	}
	if !fits {
		t.Errorf("record %d: amount %s does not fit DECIMAL(38, %d) yet is written", i, amount, scale)
	}
	unscaled := new(big.Int).SetBytes(got[:])
	if got[0]&0x80 != 0 { // two's complement
		unscaled.Sub(unscaled, new(big.Int).Lsh(big.NewInt(1), 128))
	}
	value := new(big.Rat).SetFrac(unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	want, ok := new(big.Rat).SetString(string(amount))
	if !ok || value.Cmp(want) != 0 {
		t.Errorf("record %d: amount %s reads back as %s", i, amount, value.FloatString(scale))
	}
}

// days computes a date's day number apart from dateValue's way: by
// counting from the epoch with time.Date, which normalises an impossible
// day, so a date that does not survive is no date.
func days(date string) (int32, bool) {
	var y, m, d int
	if n, err := fmt.Sscanf(date, "%4d-%2d-%2d", &y, &m, &d); n != 3 || err != nil || len(date) != 10 {
		return 0, false
	}
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return 0, false
	}
	return int32(t.Sub(time.Date(1970, 1, 1, 12, 0, 0, 0, time.UTC)).Hours() / 24), true
}

// recordOf is makeRow's inverse: a row read back as a record. The amount
// comes from amount_text (checkAmount checks the DECIMAL), the date from
// date (checkRow checks date_value).
func recordOf(x *row) model.Record {
	r := model.Record{
		Kind: x.Kind, PrimaID: deref(x.PrimaID), ProjectID: deref(x.ProjectID), Status: deref(x.Status), ProjectType: deref(x.ProjectType),
		StartYear: int(deref(x.StartYear)), EndYear: int(deref(x.EndYear)), Year: int(deref(x.Year)),
		Coverage: deref(x.Coverage), IDFRegion: deref(x.IDFRegion),
		MemberStates: back(x.MemberStates, func(m memberStateRow) model.MemberState { return model.MemberState{Code: deref(m.Code), Name: m.Name} }),
		Languages:    x.Languages,
		Title:        x.Title,
		Body:         x.Body,
		Outcomes:     x.Outcomes,
		Date:         deref(x.Date),
		Place:        deref(x.Place),
		PlaceCountry: deref(x.PlaceCountry),
		Contacts: back(x.Contacts, func(c contactRow) model.Contact {
			return model.Contact{Name: deref(c.Name), Organisation: deref(c.Organisation), Phone: deref(c.Phone), Email: deref(c.Email)}
		}),
		Links: x.Links,
		Sources: back(x.Sources, func(s sourceRow) model.Source {
			return model.Source{Path: s.Path, Lang: deref(s.Lang), Format: s.Format, Layout: deref(s.Layout), URL: deref(s.URL), Fetched: deref(s.Fetched),
				Archive: archiveOf(s.Archive), SHA256: s.SHA256, Bytes: int(s.Bytes), ClassifiedBy: deref(s.ClassifiedBy),
				Fields: back(s.Fields, func(f fieldRow) model.Field {
					return model.Field{Key: deref(f.Key), Label: deref(f.Label), Value: deref(f.Value), Line: int(f.Line)}
				})}
		}),
		Conflicts: back(x.Conflicts, func(c conflictRow) model.Conflict {
			return model.Conflict{Field: c.Field, Values: deref(c.Values), ByPath: deref(c.ByPath)}
		}),
		Diagnostics: back(x.Diagnostics, func(d diagnosticRow) model.Diagnostic {
			return model.Diagnostic{Severity: d.Severity, Code: d.Code, Path: d.Path, Line: int(deref(d.Line)), Message: d.Message}
		}),
	}
	if b := x.Budget; b != nil {
		r.Budget = &model.Budget{Amount: model.Decimal(b.AmountText), Currency: deref(b.Currency)}
	}
	if o := x.Office; o != nil {
		r.Office = &model.Office{Country: o.Country, Since: int(deref(o.Since))}
	}
	return r
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// checkNulls reads a file's rows as Parquet values and checks that each
// top-level column is null exactly where the record's field is empty (the
// row's field nil). Reading into a row cannot tell: a null map and an
// empty one both read as a nil map, and parquet-go v0.32.1 writes a nil
// map as an empty one in some batches of rows (see batchRows).
func checkNulls(t *testing.T, data []byte, recs []model.Record, scale int) {
	t.Helper()
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	// The first leaf column of each top-level field: its values' definition
	// level is 0 exactly where the field is null.
	first := map[string]int{}
	for i, path := range f.Schema().Columns() {
		if _, ok := first[path[0]]; !ok {
			first[path[0]] = i
		}
	}
	rt := reflect.TypeFor[row]()
	reader := pq.NewReader(f)
	defer reader.Close()
	buf := make([]pq.Row, 1)
	for i := range recs {
		if n, err := reader.ReadRows(buf); n != 1 {
			t.Fatalf("row %d: %v", i, err)
		}
		want := reflect.ValueOf(makeRow(&recs[i], scale))
		for j := range rt.NumField() {
			name, opts, _ := strings.Cut(rt.Field(j).Tag.Get("parquet"), ",")
			if !strings.Contains(opts, "optional") {
				continue
			}
			col := first[name]
			idx := slices.IndexFunc(buf[0], func(v pq.Value) bool { return v.Column() == col })
			if idx < 0 {
				t.Fatalf("row %d has no value in column %s", i, name)
			}
			if gotNull, wantNull := buf[0][idx].DefinitionLevel() == 0, want.Field(j).IsNil(); gotNull != wantNull {
				t.Errorf("row %d: %s is null: %v, want %v", i, name, gotNull, wantNull)
			}
		}
	}
}

// showRow prints a row with its pointers followed, null as null.
func showRow(r *row) string {
	b, _ := json.Marshal(r)
	return string(b)
}

func back[T, U any](items []T, f func(T) U) []U {
	return convert(items, func(x *T) U { return f(*x) })
}

func archiveOf(a *archiveRow) *model.ArchiveRecord {
	if a == nil {
		return nil
	}
	return &model.ArchiveRecord{Path: a.Path, Offset: int(a.Offset), InMember: int(deref(a.InMember)), RecordID: deref(a.RecordID)}
}
