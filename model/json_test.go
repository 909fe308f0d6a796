package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

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

// goldenRecords reads every record of the golden files: a file holds one
// record (parse) or an array of them (ingest).
func goldenRecords(t *testing.T) []model.Record {
	t.Helper()
	goldens, err := filepath.Glob("../testdata/golden/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var all []model.Record
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
		all = append(all, recs...)
	}
	return all
}

// TestAppendJSONMatchesEncodingJSON compares the two encodings on every
// golden record and on records that exercise each field and escape.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	recs := goldenRecords(t)
	if len(recs) < 50 {
		t.Fatalf("only %d golden records compared", len(recs))
	}
	for i := range recs {
		checkAppendJSON(t, &recs[i])
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
		if b, err := r.AppendJSON(nil); err == nil {
			checkDecodeJSON(t, b)
		}
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

// BenchmarkDecodeJSON compares DecodeJSON with json.Unmarshal on the
// golden records as AppendJSON writes them, which is how pairing reads
// them back from its spool.
func BenchmarkDecodeJSON(b *testing.B) {
	data, err := os.ReadFile("../testdata/golden/ingest/pages.json")
	if err != nil {
		b.Fatal(err)
	}
	var recs []model.Record
	if err := json.Unmarshal(data, &recs); err != nil {
		b.Fatal(err)
	}
	encoded := make([][]byte, len(recs))
	for i := range recs {
		if encoded[i], err = recs[i].AppendJSON(nil); err != nil {
			b.Fatal(err)
		}
	}
	for _, bb := range []struct {
		name   string
		decode func([]byte, *model.Record) error
	}{
		{"DecodeJSON", model.DecodeJSON},
		{"encoding/json", func(data []byte, r *model.Record) error { return json.Unmarshal(data, r) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, e := range encoded {
					var r model.Record
					if err := bb.decode(e, &r); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// checkDecodeJSON holds DecodeJSON to json.Unmarshal on data: the same
// record, an error for the same inputs.
func checkDecodeJSON(t testing.TB, data []byte) {
	t.Helper()
	var got, want model.Record
	err := model.DecodeJSON(data, &got)
	wantErr := json.Unmarshal(data, &want)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("DecodeJSON(%q) error %v, json.Unmarshal error %v", data, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeJSON(%q)\n got %#v\nwant %#v", data, got, want)
	}
	checkDecodeRecord(t, data)
}

// checkDecodeRecord holds DecodeRecord to json.Decoder with
// DisallowUnknownFields reading one value, except that it refuses a key
// given twice in an object: always when the two are equal, never when
// they differ even in case.
func checkDecodeRecord(t testing.TB, data []byte) {
	t.Helper()
	var got, want model.Record
	err := model.DecodeRecord(data, &got)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	wantErr := dec.Decode(&want)
	if wantErr == nil {
		if _, end := dec.Token(); end != io.EOF {
			wantErr = model.ErrMoreThanOneValue
		}
	}
	exact, folded := repeatedKeys(data)
	switch _, dup := errors.AsType[*model.DuplicateKeyError](err); {
	case wantErr != nil:
		if err == nil || err.Error() != wantErr.Error() {
			t.Fatalf("DecodeRecord(%q) error %v, want %v", data, err, wantErr)
		}
	case dup:
		if !folded {
			t.Fatalf("DecodeRecord(%q) = %v, but no object repeats a key", data, err)
		}
	case err != nil:
		t.Fatalf("DecodeRecord(%q) error %v, json.Decoder none", data, err)
	case exact:
		t.Fatalf("DecodeRecord(%q) took a repeated key", data)
	case !reflect.DeepEqual(got, want):
		t.Fatalf("DecodeRecord(%q)\n got %#v\nwant %#v", data, got, want)
	}
}

// repeatedKeys reports whether an object of data (valid JSON) gives a key
// twice: exactly, or without regard to case.
func repeatedKeys(data []byte) (exact, folded bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	type object struct {
		keys   map[string]bool
		lower  map[string]bool
		expect bool // the next string is a key
	}
	var stack []*object
	for {
		tok, err := dec.Token()
		if err != nil {
			return exact, folded
		}
		top := (*object)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, &object{keys: map[string]bool{}, lower: map[string]bool{}, expect: true})
				continue
			case '}', ']':
				stack = stack[:len(stack)-1]
			case '[':
				stack = append(stack, nil)
				continue
			}
		case string:
			if top != nil && top.expect {
				exact = exact || top.keys[v]
				folded = folded || top.lower[foldKey(v)]
				top.keys[v], top.lower[foldKey(v)] = true, true
				top.expect = false
				continue
			}
		}
		if len(stack) > 0 && stack[len(stack)-1] != nil {
			stack[len(stack)-1].expect = true
		}
	}
}

// foldKey maps keys that strings.EqualFold (and encoding/json's field
// matching) finds equal to one string: each character to the least of
// those that fold to it.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// TestDecodeRecordDuplicates: a key given twice in any object of a record,
// which encoding/json would read as its last value, is an error that names
// the key and where it is.
func TestDecodeRecordDuplicates(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{`{"kind":"project","budget":{"amount":1.0},"budget":{"amount":2.0}}`, `key "budget" given twice`},
		{`{"kind":"project","prima_id":"A","Prima_ID":"B"}`, `key "Prima_ID" given twice`},
		{`{"kind":"project","title":{"en":"a","fr":"b","en":"c"}}`, `key "en" given twice in title`},
		{`{"kind":"project","sources":[{"path":"a"},{"path":"b","fields":[{"line":1},{"value":"x","line":2,"value":"y"}]}]}`, `key "value" given twice in sources[1].fields[1]`},
		{`{"kind":"project","conflicts":[{"field":"budget","values":{},"by_path":{"a.txt":"1","a.txt":"2"}}]}`, `key "a.txt" given twice in conflicts[0].by_path`},
		{`{"kind":"project","title":{"en":"a","EN":"b"}}`, ``},                                        // two keys of a map
		{"{\"kind\":\"project\",\"\u017ftatus\":\"a\",\"status\":\"b\"}", `key "status" given twice`}, // ſ folds to s, as encoding/json matches fields
		{`{"kind":"project","title":{"fr":"b","en":"a"}}`, ``},                                        // out of order, once each
	} {
		var r model.Record
		err := model.DecodeRecord([]byte(tt.in), &r)
		if tt.err == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.in, err)
			}
			continue
		}
		if _, ok := errors.AsType[*model.DuplicateKeyError](err); !ok || err.Error() != tt.err {
			t.Errorf("%s: error %v, want %s", tt.in, err, tt.err)
		}
		checkDecodeRecord(t, []byte(tt.in))
	}
}

// TestDecodeJSON reads back every golden record as AppendJSON writes it,
// and inputs of other shapes, which json.Unmarshal reads.
func TestDecodeJSON(t *testing.T) {
	recs := goldenRecords(t)
	for i := range recs {
		b, err := recs[i].AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		checkDecodeJSON(t, b)
	}
	for _, in := range []string{
		`{"kind":"project","title":{"fr":"a","en":"b"}}`, // keys out of order: encoding/json's turn
		`{"kind":"project","kind":"news"}`,               // a repeated key
		`{"Kind":"project"}`,                             // a key in another case
		`{"kind":"project","budget":{"amount":"12.5"}}`,  // an amount in quotes
		`{"kind":"project","budget":{"amount":1e3}}`,     // not a decimal
		`{"kind":"project","budget":{"amount":12.50,"currency":"USD"}}`,
		`{"kind":"project","start_year":1.0}`,                     // not an int
		`{"kind":"project","start_year":-0,"end_year":007}`,       // a leading zero
		`{"kind":"p\u00e9\ud83d\ude00\ud800x\ud800\u0041\/\"\\"}`, // escapes, pairs, lone halves
		"{\"kind\":\"\xff\"}",                                     // invalid UTF-8
		` { "kind" : "page" , "links" : [ "a" , "b" ] } `,         // white space
		`{"kind":"page","links":null,"title":null,"body":{"en":null}}`,
		`{"kind":"page","member_states":[],"sources":[{"path":"p","fields":[]}]}`,
		`{"kind":"page","conflicts":[{"field":"x","values":null}]}`,
		`{"kind":"page"} x`, `{"kind":"page"`, `[]`, `null`, ``, `{"kind":"page","extra":1}`,
	} {
		checkDecodeJSON(t, []byte(in))
	}
}

// FuzzDecodeJSON: on any input, DecodeJSON gives what json.Unmarshal
// gives.
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"kind":"project","prima_id":"FJ10P0002","budget":{"amount":12.50,"currency":"USD"},"title":{"en":"T\u2028"},"sources":[{"path":"p","format":"text","sha256":"00","bytes":3,"fields":[{"key":"k","line":2}]}]}`))
	f.Add([]byte(`{"kind":"p\ud800\u0041","conflicts":[{"field":"x","values":{"a":"1","b":"2"},"by_path":null}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeJSON(t, data)
	})
}
