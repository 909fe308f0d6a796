package jsonstream

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		layout Layout
		line   int
		text   string // the start of it
	}{
		{"json lines", `{"kind":"page"}` + "\n" + `{"kind":"news"}`, Lines, 0, ""},
		{"one record, no line end", `{"kind":"page"}`, Lines, 0, ""},
		{"blank lines first", "\r\n\n" + `{"kind":"page"}`, Lines, 0, ""},
		{"byte-order mark", "\ufeff" + `{"kind":"page"}`, Lines, 0, ""},
		{"keyed", "RW10P0522\t{\"kind\":\"project\"}\n", Lines, 0, ""},
		{"key like JSON", "{odd}.txt\t{\"kind\":\"page\"}\n", Lines, 0, ""},
		{"record and empty key", "{\"kind\":\"page\"}\t\n", Lines, 0, ""},
		{"empty", "", Lines, 0, ""},
		{"blank", " \n\n", Lines, 0, ""},
		{"array", "[\n  {\n    \"kind\": \"page\"\n  }\n]\n", Values, 0, ""},
		{"empty array", "[]\n", Values, 0, ""},
		{"array on one line", `[{"kind":"page"},{"kind":"news"}]`, Values, 0, ""},
		{"indented values", "{\n  \"kind\": \"page\"\n}\n{\n  \"kind\": \"news\"\n}\n", Values, 0, ""},
		{"value cut by the window", `{"kind":"page","body":{"en":["` + strings.Repeat("x", 100), Lines, 0, ""},
		{"broken first line", "{\"kind\":\"pa\n{\"kind\":\"page\"}\n", Lines, 0, ""},
		{"csv", "kind,prima_id,status\nproject,RW10P0522,active\n", NotJSON, 1, "kind,prima_id"},
		{"yaml", "- kind: project\n  prima_id: RW10P0522\n", NotJSON, 1, "- kind"},
		{"yaml document", "\n---\nkind: page\n", NotJSON, 2, "---"},
		{"page", "-\nWho we are\nWHO WE ARE\n", NotJSON, 1, "-\nWho"},
		{"html", "\n\n<!DOCTYPE html>\n<html>", NotJSON, 3, "<!DOCTYPE"},
		{"text", " not json\n{}\n", NotJSON, 1, "not json"},
		{"binary", "\x00\x01\x02\x03PNG", NotJSON, 1, "\x00\x01"},
		{"zstd", "\x28\xb5\x2f\xfd\x00\x00", NotJSON, 1, ""},
		{"tab but no record", "a\tb\tc\n", NotJSON, 1, "a\tb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layout, line, text := Sniff([]byte(tt.head))
			assert.Equal(t, tt.layout, layout)
			assert.Equal(t, tt.line, line)
			assert.True(t, strings.HasPrefix(string(text), tt.text), "text %q", text)
		})
	}
}

// scanAll cuts text with Scan, reading through a buffer of size
// bytes one byte at a time (so values and strings straddle reads), and
// returns each value as "line:text" or "line!reason".
func scanAll(t *testing.T, text string, size int, max int64) []string {
	t.Helper()
	var got []string
	r := bufio.NewReaderSize(iotest.OneByteReader(strings.NewReader(text)), size)
	if size == 0 {
		r = bufio.NewReader(strings.NewReader(text))
	}
	err := Scan(r, max, func(v Value) bool {
		if v.Reason != "" {
			got = append(got, fmt.Sprintf("%d!%s", v.Line, v.Reason))
		} else {
			got = append(got, fmt.Sprintf("%d:%s", v.Line, v.Data))
		}
		return true
	})
	require.NoError(t, err)
	return got
}

func TestScan(t *testing.T) {
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

// FuzzScan: the values cut do not depend on how the stream is read,
// and every value's line lies within the text.
func FuzzScan(f *testing.F) {
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

func TestGunzip(t *testing.T) {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte("[{\"a\":1}]\n"))
	require.NoError(t, w.Close())
	for _, tt := range []struct {
		name, in, want, err string
	}{
		{"plain", "[1]", "[1]", ""},
		{"gzip", b.String(), "[{\"a\":1}]\n", ""},
		{"truncated", b.String()[:b.Len()-6], "[{\"a\":1}]\n", "gzip: truncated data"},
		{"bad header", "\x1f\x8b\x00", "", "gzip: truncated data"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Gunzip(bufio.NewReader(strings.NewReader(tt.in)))
			var got []byte
			if err == nil {
				got, err = io.ReadAll(r)
			}
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(got))
		})
	}
}
