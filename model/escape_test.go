package model

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// unescapePath undoes EscapePath: \\ is \, \xNN is the byte.
func unescapePath(t testing.TB, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || filepath.Separator == '\\' && !strings.HasPrefix(s[i:], `\x`) {
			b.WriteByte(s[i])
			continue
		}
		switch {
		case strings.HasPrefix(s[i:], `\\`):
			b.WriteByte('\\')
			i++
		case strings.HasPrefix(s[i:], `\x`) && i+4 <= len(s):
			n, err := strconv.ParseUint(s[i+2:i+4], 16, 8)
			if err != nil {
				t.Fatalf("%q: bad escape at %d", s, i)
			}
			b.WriteByte(byte(n))
			i += 3
		default:
			t.Fatalf("%q: a lone backslash at %d", s, i)
		}
	}
	return b.String()
}

func TestEscapePath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"pages/rw-en.txt", "pages/rw-en.txt"},
		{"pages/été \u00e9 ✓.txt", "pages/été \u00e9 ✓.txt"},
		{"bad\xff.txt", `bad\xff.txt`},
		{"bad\xfe.txt", `bad\xfe.txt`},
		{"a\nb:3: error: forged [x].txt", `a\x0ab:3: error: forged [x].txt`},
		{"tab\there\r.txt", `tab\x09here\x0d.txt`},
		{"nel\u0085.txt", `nel\xc2\x85.txt`},
		{"del\x7f.txt", `del\x7f.txt`},
		{"\ufffd.txt", "\ufffd.txt"}, // a real U+FFFD is a character
		{"\xed\xa0\x80.txt", `\xed\xa0\x80.txt`},
		{`back\slash\xff.txt`, `back\\slash\\xff.txt`},
	} {
		want := tt.want
		if filepath.Separator == '\\' {
			continue // the backslash is not doubled there
		}
		if got := EscapePath(tt.in); got != want {
			t.Errorf("EscapePath(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

// FuzzEscapePath: the escaped path is valid UTF-8 without control
// characters, and escaping is undone exactly, so two names stay two.
func FuzzEscapePath(f *testing.F) {
	for _, s := range []string{"a.txt", "bad\xff.txt", "a\nb", `x\y`, "\u0085\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		e := EscapePath(p)
		if !utf8.ValidString(e) {
			t.Fatalf("EscapePath(%q) = %q, not UTF-8", p, e)
		}
		for _, r := range e {
			if isControl(r) {
				t.Fatalf("EscapePath(%q) = %q holds a control character", p, e)
			}
		}
		if back := unescapePath(t, e); back != p {
			t.Fatalf("EscapePath(%q) = %q, read back as %q", p, e, back)
		}
		if EscapeControls(e) != e {
			t.Fatalf("EscapeControls changes EscapePath's %q", e)
		}
	})
}

// TestDiagnosticOneLine: whatever a diagnostic's path and message hold,
// String is one line.
func TestDiagnosticOneLine(t *testing.T) {
	d := Diagnostic{Severity: SeverityError, Code: CodeBadRecord, Path: "x\n/etc/passwd:1: error: forged", Line: 3, Message: "m\r\nn\u2028\tt"}
	got := d.String()
	if want := "x\\x0a/etc/passwd:1: error: forged:3: error: m\\x0d\\x0an\u2028\tt [bad-record]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
