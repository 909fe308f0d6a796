package encode

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// indentedByEncodingJSON is what appendIndented must equal.
func indentedByEncodingJSON(t testing.TB, compact []byte, prefix, indent string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, compact, prefix, indent); err != nil {
		t.Fatalf("json.Indent(%q): %v", compact, err)
	}
	return buf.String()
}

// TestAppendIndented holds appendIndented to json.Indent on values that
// exercise strings (escapes, quotes after backslashes, punctuation),
// nesting and empty containers, and on every golden record as AppendJSON
// writes it.
func TestAppendIndented(t *testing.T) {
	values := []string{
		`{}`, `[]`, `""`, `1`, `null`,
		`{"a":1}`, `[1,2,3]`, `{"a":[],"b":{},"c":[{}],"d":[[]]}`,
		`{"a":"{[,:]}","b":"\"","c":"\\","d":"\\\"","e":"\\\\","f":"x\\\\\"y"}`,
		`{"kind":"project","title":{"en":"A \"quoted\" title","fr":"É, à: {x}"},"body":{"en":["a","b"]},"sources":[{"path":"p.txt","fields":[{"label":"Prima ID","value":"RW10P0522","line":3}]}]}`,
		`[{"a":[{"b":[1,{"c":"d"}]}]},"e"]`,
	}
	goldens, err := filepath.Glob("../../../testdata/golden/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range goldens {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		values = append(values, compact.String())
	}
	if len(values) < 50 {
		t.Fatalf("only %d values", len(values))
	}
	for _, v := range values {
		for _, pi := range [][2]string{{"  ", "  "}, {"", "  "}, {"", "\t"}} {
			want := indentedByEncodingJSON(t, []byte(v), pi[0], pi[1])
			if got := string(appendIndented([]byte("keep"), []byte(v), pi[0], pi[1])); got != "keep"+want {
				t.Fatalf("appendIndented(%q, %q, %q):\n got %q\nwant %q", v, pi[0], pi[1], got, "keep"+want)
			}
		}
	}
}

// FuzzAppendIndented holds appendIndented to json.Indent on any valid JSON
// made compact, as AppendJSON writes it.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{`{"a":["b",{"c":"\"}"}],"d":{}}`, `[]`, `"\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		want := indentedByEncodingJSON(t, compact.Bytes(), "  ", "  ")
		if got := string(appendIndented(nil, compact.Bytes(), "  ", "  ")); got != want {
			t.Fatalf("appendIndented(%q):\n got %q\nwant %q", compact.Bytes(), got, want)
		}
	})
}
