package cmd

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	assert.Equal(t, fileReport{Path: p("a.csv"), Line: 1, State: stateFailed, Reason: "not JSON records (this looks like CSV): " + notRecordsHint}, rep.Files[0])
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

func TestLooksLike(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"kind,prima_id,status\n", "CSV"},
		{"- kind: project\n", "YAML"},
		{"---\nkind: page\n", "YAML"},
		{"-\nWho we are\n", "a page: read pages with ingest or parse"},
		{"<!DOCTYPE html>\n<html>", "HTML or XML"},
		{"not json\n{}\n", "text"},
		{"\x00\x01\x02\x03PNG", "binary data"},
		{"\x28\xb5\x2f\xfd\x00\x00", "zstd-compressed data; decompress it first (gzip is read as it is)"},
	} {
		assert.Equal(t, tt.want, looksLike([]byte(tt.text), []byte(tt.text)), "%q", tt.text)
	}
}
