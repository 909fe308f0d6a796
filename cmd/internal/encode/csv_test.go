package encode

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

func TestCSV(t *testing.T) {
	header := strings.Join(csvHeader, ",")
	if header != "kind,prima_id,project_id,status,project_type,start_year,end_year,year,budget_amount,budget_currency,coverage,idf_region,member_states,languages,title_en,title_fr,title_es,date,place,paths,urls" {
		t.Fatalf("header changed: %s", header)
	}
	tests := []struct {
		name    string
		records []model.Record
		want    string
	}{
		{"no records", nil, header + "\n"},
		{"project", []model.Record{{
			Kind: "project", PrimaID: "RW10P0522", ProjectID: "TK.0019", Status: "active", ProjectType: "labour-migration",
			StartYear: 2021, EndYear: 2025, Year: 2021, Budget: &model.Budget{Amount: "300000.00", Currency: "USD"},
			Coverage: "national", IDFRegion: "africa",
			MemberStates: []model.MemberState{{Code: "RW", Name: "Rwanda"}, {Name: "Atlantis"}},
			Languages:    []string{"en", "fr"}, Title: map[string]string{"en": "Skills, \"diaspora\"", "fr": "Ligne 1\nligne 2"},
			Sources: []model.Source{{Path: "a/en.txt"}, {Path: "a/fr.txt"}},
		}}, header + "\n" + `project,RW10P0522,TK.0019,active,labour-migration,2021,2025,2021,300000.00,USD,national,africa,RW;Atlantis,en;fr,"Skills, ""diaspora""","Ligne 1` + "\n" + `ligne 2",,,,a/en.txt;a/fr.txt,` + "\n"},
		{"news", []model.Record{{Kind: "news", Languages: []string{"es"}, Title: map[string]string{"es": "Años"}, Date: "2016-12-09", Place: "Rabat", Sources: []model.Source{{Path: "n.txt"}}}},
			header + "\nnews,,,,,,,,,,,,,es,,,Años,2016-12-09,Rabat,n.txt,\n"},
		// One URL for each source, in the order of the paths; empty where a
		// source has none.
		{"urls", []model.Record{{Kind: "project", PrimaID: "GH10P0310", Languages: []string{"en", "fr"}, Sources: []model.Source{
			{Path: "crawl.warc.gz#3162", URL: "https://example.org/en"}, {Path: "fr.txt"}, {Path: "es.html", URL: "https://example.org/es"},
		}}}, header + "\nproject,GH10P0310,,,,,,,,,,,,en;fr,,,,,,crawl.warc.gz#3162;fr.txt;es.html,https://example.org/en;;https://example.org/es\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			enc := New("csv", &b, Options{})
			for i := range tt.records {
				if err := enc.Encode(&tt.records[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil || len(rows) != len(tt.records)+1 {
				t.Errorf("reads back as %d rows, %v", len(rows), err)
			}
		})
	}
}

// TestCSVOptions: Options.Columns picks and orders the columns, BOM puts
// the mark before the header and nowhere else, SpreadsheetSafe neutralises
// the cells a spreadsheet would run as formulas.
func TestCSVOptions(t *testing.T) {
	r := model.Record{Kind: "project", PrimaID: "=1+1", Place: "Rabat"}
	all := CSVColumns()
	pick := func(names ...string) []Column {
		var cols []Column
		for _, n := range names {
			i := slices.IndexFunc(all, func(c Column) bool { return c.Name() == n })
			if i < 0 {
				t.Fatalf("no column %s", n)
			}
			cols = append(cols, all[i])
		}
		return cols
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"columns", Options{Columns: pick("place", "kind", "links")}, "place,kind,links\nRabat,project,\n"},
		{"bom", Options{Columns: pick("kind"), BOM: true}, "\ufeffkind\nproject\n"},
		{"safe", Options{Columns: pick("prima_id", "place"), SpreadsheetSafe: true}, "prima_id,place\n'=1+1,Rabat\n"},
		{"exact", Options{Columns: pick("prima_id")}, "prima_id\n=1+1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			enc := New("csv", &b, tt.opts)
			if err := enc.Encode(&r); err != nil {
				t.Fatal(err)
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got %q, want %q", b.String(), tt.want)
			}
		})
	}
}

func TestSpreadsheetSafe(t *testing.T) {
	cells := map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-1": "'-1", "@cmd": "'@cmd", "\tx": "'\tx", "\rx": "'\rx",
		"a=b": "a=b", "": "", "Rabat": "Rabat",
	}
	for in, want := range cells {
		if got := spreadsheetSafe(in); got != want {
			t.Errorf("spreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVColumnsFollowRecord holds each CSV column to the record field it
// names: the field's path of JSON names exists in the record's declaration,
// and a record holding a value there and nowhere else has that value in
// the column and in no other.
func TestCSVColumnsFollowRecord(t *testing.T) {
	seen := map[string]bool{}
	for i, c := range csvAllColumns {
		if seen[c.name] || i < len(csvHeader) && csvHeader[i] != c.name {
			t.Errorf("column %s: twice, or not in the header %v", c.name, csvHeader)
		}
		seen[c.name] = true
		var r model.Record
		if err := setField(reflect.ValueOf(&r).Elem(), strings.Split(c.field, ".")); err != nil {
			t.Errorf("column %s: field %s: %v", c.name, c.field, err)
			continue
		}
		// Every column, the extra ones of --fields too.
		row := appendCSVRow(nil, csvAllColumns, &r)
		for j, cell := range row {
			if want := map[bool]string{true: "7"}[i == j]; cell != want {
				t.Errorf("record with only %s = 7: column %s is %q, want %q", c.field, csvAllColumns[j].name, cell, want)
			}
		}
	}
	if len(csvHeader) != len(csvColumns) || len(csvAllColumns) != len(csvColumns)+len(csvExtraColumns) {
		t.Errorf("the default header is not the default columns, or --fields does not offer them all")
	}
	if !slices.Equal(CSVHeader(), csvHeader) || !slices.Equal(columnNames(CSVColumns()), columnNames(csvAllColumns)) {
		t.Errorf("CSVHeader or CSVColumns differ from the columns the encoder writes")
	}
}

// setField puts 7 at the end of path, a path of JSON names (a map key for
// a map) from v, making the pointers, slice elements and map entries on
// the way.
func setField(v reflect.Value, path []string) error {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		return setField(v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		return setField(v.Index(0), path)
	}
	if len(path) == 0 {
		switch v.Kind() {
		case reflect.String:
			v.SetString("7")
		case reflect.Int:
			v.SetInt(7)
		default:
			return fmt.Errorf("ends at a %s", v.Type())
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ","); name == path[0] {
				return setField(v.Field(i), path[1:])
			}
		}
		return fmt.Errorf("%s has no field %q", v.Type(), path[0])
	case reflect.Map:
		if !slices.Contains(model.Languages, path[0]) {
			return fmt.Errorf("%q is not a language", path[0])
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		if err := setField(elem, path[1:]); err != nil {
			return err
		}
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf(path[0]), elem)
		return nil
	}
	return fmt.Errorf("%s has no field %q", v.Type(), path[0])
}
