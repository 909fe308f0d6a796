package cmd

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSniffRecords(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		layout recordsLayout
		line   int
		looks  string
	}{
		{"json lines", `{"kind":"page"}` + "\n" + `{"kind":"news"}`, layoutLines, 0, ""},
		{"one record, no line end", `{"kind":"page"}`, layoutLines, 0, ""},
		{"blank lines first", "\r\n\n" + `{"kind":"page"}`, layoutLines, 0, ""},
		{"byte-order mark", "\ufeff" + `{"kind":"page"}`, layoutLines, 0, ""},
		{"keyed", "RW10P0522\t{\"kind\":\"project\"}\n", layoutLines, 0, ""},
		{"key like JSON", "{odd}.txt\t{\"kind\":\"page\"}\n", layoutLines, 0, ""},
		{"record and empty key", "{\"kind\":\"page\"}\t\n", layoutLines, 0, ""},
		{"empty", "", layoutLines, 0, ""},
		{"blank", " \n\n", layoutLines, 0, ""},
		{"array", "[\n  {\n    \"kind\": \"page\"\n  }\n]\n", layoutValues, 0, ""},
		{"empty array", "[]\n", layoutValues, 0, ""},
		{"array on one line", `[{"kind":"page"},{"kind":"news"}]`, layoutValues, 0, ""},
		{"indented values", "{\n  \"kind\": \"page\"\n}\n{\n  \"kind\": \"news\"\n}\n", layoutValues, 0, ""},
		{"value cut by the window", `{"kind":"page","body":{"en":["` + strings.Repeat("x", 100), layoutLines, 0, ""},
		{"broken first line", "{\"kind\":\"pa\n{\"kind\":\"page\"}\n", layoutLines, 0, ""},
		{"csv", "kind,prima_id,status\nproject,RW10P0522,active\n", layoutNotJSON, 1, "CSV"},
		{"yaml", "- kind: project\n  prima_id: RW10P0522\n", layoutNotJSON, 1, "YAML"},
		{"yaml document", "\n---\nkind: page\n", layoutNotJSON, 2, "YAML"},
		{"page", "-\nWho we are\nWHO WE ARE\n", layoutNotJSON, 1, "a page: read pages with ingest or parse"},
		{"html", "\n\n<!DOCTYPE html>\n<html>", layoutNotJSON, 3, "HTML or XML"},
		{"text", "not json\n{}\n", layoutNotJSON, 1, "text"},
		{"binary", "\x00\x01\x02\x03PNG", layoutNotJSON, 1, "binary data"},
		{"zstd", "\x28\xb5\x2f\xfd\x00\x00", layoutNotJSON, 1, "zstd-compressed data; decompress it first (gzip is read as it is)"},
		{"tab but no record", "a\tb\tc\n", layoutNotJSON, 1, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layout, line, looks := sniffRecords([]byte(tt.head))
			assert.Equal(t, tt.layout, layout)
			assert.Equal(t, tt.line, line)
			assert.Equal(t, tt.looks, looks)
		})
	}
}

// scanAll cuts text with scanValues, reading through a buffer of size
// bytes one byte at a time (so values and strings straddle reads), and
// returns each value as "line:text" or "line!reason".
func scanAll(t *testing.T, text string, size int, max int64) []string {
	t.Helper()
	var got []string
	r := bufio.NewReaderSize(iotest.OneByteReader(strings.NewReader(text)), size)
	if size == 0 {
		r = bufio.NewReader(strings.NewReader(text))
	}
	err := scanValues(r, max, func(v scannedValue) bool {
		if v.reason != "" {
			got = append(got, fmt.Sprintf("%d!%s", v.line, v.reason))
		} else {
			got = append(got, fmt.Sprintf("%d:%s", v.line, v.data))
		}
		return true
	})
	require.NoError(t, err)
	return got
}

func TestScanValues(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"array", "[\n  {\"a\": 1},\n  {\"b\": [1, {\"c\": \"]}\"}]}\n]\n", []string{`2:{"a": 1}`, `3:{"b": [1, {"c": "]}"}]}`}},
		{"empty array", "[]", nil},
		{"values", "{\"a\":\n 1}\n\n {\"b\":2}{\"c\":3}", []string{"1:{\"a\":\n 1}", `4:{"b":2}`, `4:{"c":3}`}},
		{"escapes", `{"a":"\"}\\"} {"b":"\\"}`, []string{`1:{"a":"\"}\\"}`, `1:{"b":"\\"}`}},
		{"byte-order mark", "\ufeff[{\"a\":1}]", []string{`1:{"a":1}`}},
		{"arrays in sequence", "[{\"a\":1}]\n[{\"b\":2}, {\"c\":3}]", []string{`1:{"a":1}`, `2:{"b":2}`, `2:{"c":3}`}},
		{"scalars", "[1, true, \"s\", null]", []string{"1:1", "1:true", `1:"s"`, "1:null"}},
		{"nested array", "[[{\"a\":1}]]", []string{`1:[{"a":1}]`}},
		{"line end in a string", "[{\"a\":\"x\n{\"b\":2}]", []string{`1:{"a":"x`, `2:{"b":2}`}},
		{"truncated", "[\n{\"a\":1},\n{\"b\":", []string{`2:{"a":1}`, `3:{"b":`, "1!truncated JSON: the array that starts here is not closed"}},
		{"not closed", "[\n{\"a\":1}\n", []string{`2:{"a":1}`, "1!truncated JSON: the array that starts here is not closed"}},
		{"stray closers", "{\"a\":1}}\n]", []string{`1:{"a":1}`, "1:}", "2:]"}},
		{"garbage", "{\"a\":1}\nnot json", []string{`1:{"a":1}`, "2:not", "2:json"}},
		{"too long", "[{\"a\":\"" + strings.Repeat("x", 50) + "\"}, {\"b\":2}]", []string{"1!record longer than --max-bytes (40 bytes)", `1:{"b":2}`}},
		{"crlf", "[\r\n{\"a\":1},\r\n{\"b\":2}\r\n]\r\n", []string{`2:{"a":1}`, `3:{"b":2}`}},
	}
	for _, tt := range tests {
		for _, size := range []int{0, 16} {
			t.Run(fmt.Sprintf("%s/%d", tt.name, size), func(t *testing.T) {
				assert.Equal(t, tt.want, scanAll(t, tt.text, size, 40))
			})
		}
	}
}

// FuzzScanValues: the values cut do not depend on how the stream is read,
// and every value's line lies within the text.
func FuzzScanValues(f *testing.F) {
	for _, s := range []string{"[{\"a\":\"\\\"}\"},\n1]", "{\n}\n{\"b\":[\"]\"]}", "[\"x\n\"]", "\ufeff[]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		whole := scanAll(t, text, 0, 1<<20)
		bytewise := scanAll(t, text, 16, 1<<20)
		if !assert.Equal(t, whole, bytewise) {
			return
		}
		lines := strings.Count(text, "\n") + 1
		for _, v := range whole {
			var line int
			fmt.Sscanf(v, "%d", &line)
			if line < 1 || line > lines {
				t.Fatalf("value %q on line %d of %d", v, line, lines)
			}
		}
	})
}

// gz compresses s.
func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.String()
}

// TestPairReadsWhatIngestWrites is issue 17's check: whatever shape of
// JSON iomparse (or jq) wrote the records in, compressed or not, pair
// writes what ingest writes.
func TestPairReadsWhatIngestWrites(t *testing.T) {
	inputs := map[string]string{"pages": "../testdata/pages", "pairing": "../testdata/pairing"}
	if _, err := os.Stat(seedsDir); err == nil {
		inputs["seeds"] = seedsDir
	}
	for name, path := range inputs {
		_, want, _ := runCmd(t, "", "ingest", "-f", "jsonl", path)
		_, array, _ := runCmd(t, "", "ingest", "-f", "json", path)
		_, parsedArray, _ := runCmd(t, "", "parse", "-q", "-f", "json", path)
		_, keyed, _ := runCmd(t, "", "parse", "-q", "-f", "jsonl-keyed", path)
		// jq's output: each record indented on its own, one after another.
		var indented strings.Builder
		for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
			var b bytes.Buffer
			require.NoError(t, jsonIndent(&b, []byte(line)))
			indented.WriteString(b.String() + "\n")
		}
		compactArray := "[" + strings.Join(strings.Split(strings.TrimSpace(want), "\n"), ",") + "]"
		shapes := map[string]string{
			"json array": array, "parse's array": parsedArray, "keyed": keyed, "indented values": indented.String(),
			"array on one line": compactArray, "jsonl, gzip": gz(t, want), "json array, gzip": gz(t, array),
		}
		for shape, in := range shapes {
			t.Run(name+"/"+shape, func(t *testing.T) {
				code, got, errOut := runCmd(t, in, "pair", "-f", "jsonl")
				assert.Equal(t, ExitOK, code, errOut)
				assert.Equal(t, want, got)
			})
		}
	}
}

// jsonIndent indents like jq: two spaces.
func jsonIndent(dst *bytes.Buffer, src []byte) error { return json.Indent(dst, src, "", "  ") }

// TestPairRefusesWhatIsNotJSON: an input that is not JSON records is one
// error, and the run goes on with the next input.
func TestPairRefusesWhatIsNotJSON(t *testing.T) {
	dir := t.TempDir()
	_, records, _ := runCmd(t, "", "ingest", "-f", "jsonl", "../testdata/pages")
	_, csv, _ := runCmd(t, "", "ingest", "-f", "csv", "../testdata/pages")
	_, yml, _ := runCmd(t, "", "ingest", "-f", "yaml", "../testdata/pages")
	page, err := os.ReadFile("../testdata/pages/gh-health-en.txt")
	require.NoError(t, err)
	files := map[string]string{
		"a.csv": csv, "b.yaml": yml, "c.txt": string(page), "d.csv.gz": gz(t, csv), "e.bin": "\x00\x01\x02\xff",
		"f.jsonl.gz": gz(t, records)[:40], "z.jsonl": records,
	}
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	report := filepath.Join(t.TempDir(), "r.json")
	code, out, errOut := runCmd(t, "", "pair", "-f", "jsonl", "--report", report, dir)
	assert.Equal(t, ExitInput, code)
	assert.Equal(t, records, out, "the good input is read whole")
	p := func(name string) string { return filepath.Join(dir, name) }
	assert.Equal(t, []string{
		p("a.csv") + ":1: error: not JSON records (this looks like CSV): " + notRecordsHint + " [bad-record]",
		p("b.yaml") + ":1: error: not JSON records (this looks like YAML): " + notRecordsHint + " [bad-record]",
		p("c.txt") + ":1: error: not JSON records (this looks like a page: read pages with ingest or parse): " + notRecordsHint + " [bad-record]",
		p("d.csv.gz") + ":1: error: not JSON records (this looks like CSV): " + notRecordsHint + " [bad-record]",
		p("e.bin") + ":1: error: not JSON records (this looks like binary data): " + notRecordsHint + " [bad-record]",
		p("f.jsonl.gz") + ": error: gzip: truncated data [unreadable]",
	}, strings.Split(strings.TrimSpace(errOut), "\n")[:6])
	assert.Regexp(t, `\n\d+ records read \(.*\) from 7 inputs, 5 bad; \d+ records written; 6 errors, 0 warnings\n$`, errOut)
	rep := readReport(t, report)
	assert.Equal(t, fileReport{Path: p("a.csv"), Line: 1, State: stateFailed, Reason: notRecords("CSV")}, rep.Files[0])
}

// TestPairReportsValues: read as JSON values, every record has its entry
// in --report with the line it starts on, and a bad one its error there.
func TestPairReportsValues(t *testing.T) {
	good := `{"kind":"news","languages":["en"],"sources":[{"path":"n.txt","format":"text","sha256":"00","bytes":1}]}`
	var b bytes.Buffer
	require.NoError(t, jsonIndent(&b, []byte(good)))
	indented := b.String() // 14 lines
	in := "[\n" + indented + ",\n" + `{"kind":"page","start_year":"2020"}` + ",\n" + indented + ", 7\n]\n"
	report := filepath.Join(t.TempDir(), "r.json")
	code, out, errOut := runCmd(t, in, "pair", "-f", "jsonl", "--report", report)
	assert.Equal(t, ExitInput, code)
	assert.Equal(t, good+"\n"+good+"\n", out)
	n := strings.Count(indented, "\n") + 1
	assert.Contains(t, errOut, fmt.Sprintf("<stdin>:%d: error: not a record: start_year is a JSON string where a number is expected [bad-record]\n", n+2))
	assert.Contains(t, errOut, fmt.Sprintf("<stdin>:%d: error: not a record: a JSON number where a record (an object) is expected [bad-record]\n", 2*n+2))
	var got []string
	for _, f := range readReport(t, report).Files {
		got = append(got, fmt.Sprintf("%d %s", f.Line, f.State))
	}
	assert.Equal(t, []string{"2 parsed", fmt.Sprintf("%d failed", n+2), fmt.Sprintf("%d parsed", n+3), fmt.Sprintf("%d failed", 2*n+2)}, got)
}
