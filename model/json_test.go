package model_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

// encodingJSON is the reference AppendJSON must equal: encoding/json with
// HTML escaping off, as the commands used it.
func encodingJSON(t testing.TB, r *model.Record) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func checkAppendJSON(t testing.TB, r *model.Record) {
	t.Helper()
	want, wantErr := encodingJSON(t, r)
	got, err := r.AppendJSON(nil)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("AppendJSON error %v, encoding/json error %v", err, wantErr)
	}
	if err == nil && !bytes.Equal(got, want) {
		t.Fatalf("AppendJSON differs from encoding/json\n got %s\nwant %s", got, want)
	}
}

// TestAppendJSONMatchesEncodingJSON compares the two encodings on every
// golden record and on records that exercise each field and escape.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	goldens, err := filepath.Glob("../testdata/golden/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range goldens {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var recs []model.Record
		if bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) {
			err = json.Unmarshal(data, &recs)
		} else {
			var r model.Record
			err = json.Unmarshal(data, &r)
			recs = append(recs, r)
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i := range recs {
			checkAppendJSON(t, &recs[i])
			n++
		}
	}
	if n < 50 {
		t.Fatalf("only %d golden records compared", n)
	}
	full := model.Record{
		Kind: "project", PrimaID: "FJ10P0002", ProjectID: "CE.0001", Status: "active", ProjectType: "x",
		StartYear: 2020, EndYear: -1, Year: 2021,
		Budget:   &model.Budget{Amount: "12.50", Currency: "USD"},
		Coverage: "national", IDFRegion: "asia",
		MemberStates: []model.MemberState{{Code: "FJ", Name: "Fiji"}, {Name: "Atlantis"}},
		Languages:    []string{"en", "fr"},
		Title:        map[string]string{"fr": "Titre <b> & \"cité\"", "en": "Title\u2028\u2029", "es": ""},
		Body:         map[string][]string{"fr": {"a\tb\nc\rd\be\ff\x00g\x1f", ""}, "en": nil, "es": {}},
		Outcomes:     map[string][]string{"en": {"\\ back / slash"}},
		Date:         "2016-12-09", Place: "Rabat",
		Office:   &model.Office{Country: "MA"},
		Contacts: []model.Contact{{Name: "A", Organisation: "IOM", Phone: "+1", Email: "a@b.c"}, {}},
		Links:    []string{"https://x/?a=1&b=2"},
		Sources: []model.Source{{Path: "p\xffq", Format: "html", SHA256: "00", Fields: []model.Field{{Key: "k", Line: 3}, {}}},
			{Path: "r", Lang: "fr", Format: "text", Layout: "dash", URL: "u", Bytes: 9}},
		Conflicts:   []model.Conflict{{Field: "status", Values: map[string]string{"fr": "a", "en": "b"}, ByPath: map[string]string{"z": "1", "a": "2"}}, {Field: "x"}},
		Diagnostics: []model.Diagnostic{{Severity: "warning", Code: "c", Path: "p", Line: 2, Message: "m"}, {}},
	}
	for _, r := range []model.Record{{}, {Kind: "page"}, full,
		{Kind: "project", Budget: &model.Budget{Amount: "0"}, Office: &model.Office{}, Title: map[string]string{}},
		{Kind: "project", Budget: &model.Budget{Amount: "not a number"}},
	} {
		checkAppendJSON(t, &r)
	}
}

// FuzzAppendJSON puts arbitrary text in the record's strings: the two
// encodings agree on every escape.
func FuzzAppendJSON(f *testing.F) {
	f.Add("Title <b> & \"x\"", "a\tb\x00\u2028", "\xff\xfe", "12.5")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, a, b, c, amount string) {
		r := model.Record{
			Kind: a, PrimaID: b, Title: map[string]string{a: b, c: a}, Body: map[string][]string{b: {a, c}},
			MemberStates: []model.MemberState{{Code: c, Name: a}}, Languages: []string{a, b, c},
			Sources:     []model.Source{{Path: c, Fields: []model.Field{{Label: a, Value: b}}}},
			Conflicts:   []model.Conflict{{Field: a, Values: map[string]string{b: c}}},
			Diagnostics: []model.Diagnostic{{Message: strings.Repeat(c, 3)}},
		}
		if amount != "" {
			r.Budget = &model.Budget{Amount: model.Decimal(amount), Currency: b}
		}
		checkAppendJSON(t, &r)
	})
}

// BenchmarkAppendJSON compares the two encodings on the golden records.
func BenchmarkAppendJSON(b *testing.B) {
	data, err := os.ReadFile("../testdata/golden/ingest/pages.json")
	if err != nil {
		b.Fatal(err)
	}
	var recs []model.Record
	if err := json.Unmarshal(data, &recs); err != nil {
		b.Fatal(err)
	}
	b.Run("AppendJSON", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			for i := range recs {
				buf, _ = recs[i].AppendJSON(buf[:0])
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range recs {
				encodingJSON(b, &recs[i])
			}
		}
	})
}
