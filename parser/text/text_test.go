package text

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/growth"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string // "no:text" per line, "+" before an indented one
		cut  []int
	}{
		{"LF", "a\nb\n", 0, "1:a|2:b", nil},
		{"CRLF", "a\r\nb\r\n", 0, "1:a|2:b", nil},
		{"lone CR", "a\rb\r", 0, "1:a|2:b", nil},
		{"mixed, CR before LF", "a\r\r\nb\n\rc", 0, "1:a|2:|3:b|4:|5:c", nil},
		{"no last line end", "a\nb", 0, "1:a|2:b", nil},
		{"byte-order mark", "\ufeffa\nb", 0, "1:a|2:b", nil},
		{"trimmed, indent kept", "  a  \n\tb\n\u00a0c\u00a0\n \n", 0, "1:+a|2:+b|3:+c|4:", nil},
		{"bounded at a character boundary", "ééé\nab\nabcdef", 3, "1:é|2:ab|3:abc", []int{1, 3}},
		{"empty", "", 0, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, cut := Split([]byte(tt.in), tt.max, nil, nil)
			var got []string
			for _, l := range lines {
				s := strconv.Itoa(l.No) + ":"
				if l.Indent {
					s += "+"
				}
				got = append(got, s+l.Text)
			}
			if g := strings.Join(got, "|"); g != tt.want || !slices.Equal(cut, tt.cut) {
				t.Errorf("Split(%q) = %q, cut %v; want %q, cut %v", tt.in, g, cut, tt.want, tt.cut)
			}
		})
	}
}

// TestSplitGrowth holds Split to linear work on a page whose lines end with
// lone CRs, which took time in the square of its lines when every line
// looked for the next LF to the end of the page (2 MB: 12 s).
func TestSplitGrowth(t *testing.T) {
	small, large := []byte(strings.Repeat("x\r", 20_000)), []byte(strings.Repeat("x\r", 200_000))
	var buf []Line
	growth.Check(t, func() { buf, _ = Split(small, 0, buf, nil) }, func() { buf, _ = Split(large, 0, buf, nil) })
}

func TestBound(t *testing.T) {
	lines := []Line{{No: 3, Text: "abcd"}, {No: 5, Text: "ab"}, {No: 9, Text: "aé"}}
	cut := Bound(lines, 2)
	if !slices.Equal(cut, []int{3, 9}) || lines[0].Text != "ab" || lines[1].Text != "ab" || lines[2].Text != "a" {
		t.Errorf("Bound: cut %v, lines %+v", cut, lines)
	}
	if cut := Bound(lines, 0); cut != nil {
		t.Errorf("Bound with no bound cut %v", cut)
	}
}

func TestHelpers(t *testing.T) {
	if got := SkipSpace("a \t\n\f\r\vb", 1); got != 6 {
		t.Errorf("SkipSpace stops at %d, want 6 (\\v is no \\s)", got)
	}
	if got := DigitsEnd("x0123y", 1); got != 5 {
		t.Errorf("DigitsEnd = %d, want 5", got)
	}
	if got := string(TrimBOM([]byte(BOM + BOM + "a"))); got != BOM+"a" {
		t.Errorf("TrimBOM drops one mark only: %q", got)
	}
}

// FuzzSplit holds Split to what it promises on any input: one line per
// line end (LF, CRLF or lone CR) and one for a last line without one,
// numbered from 1 in order; each line's text trimmed of white space as
// strings.TrimFunc(unicode.IsSpace) trims it, and bounded to max bytes at a
// character boundary, with the cut lines reported.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"a\nb", "\ufeff a \r\n\rb\r", " \u00a0x\u0085 ", "\u2003\t", "\v\fa\r", "ééé\nabcdef", "\xff\xfe\n\xe2\x80"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 64
		if got, want := TrimSpace(s), strings.TrimFunc(s, unicode.IsSpace); got != want {
			t.Fatalf("TrimSpace(%q) = %q, want %q", s, got, want)
		}
		body := strings.TrimPrefix(s, BOM)
		var want []string
		for len(body) > 0 {
			i := strings.IndexAny(body, "\r\n")
			if i < 0 {
				want = append(want, body)
				break
			}
			want = append(want, body[:i])
			if strings.HasPrefix(body[i:], "\r\n") {
				i++
			}
			body = body[i+1:]
		}
		lines, cut := Split([]byte(s), max, nil, nil)
		if len(lines) != len(want) {
			t.Fatalf("Split(%q) gives %d lines, want %d", s, len(lines), len(want))
		}
		var wantCut []int
		for i, l := range lines {
			raw := want[i]
			if max > 0 && len(raw) > max {
				wantCut = append(wantCut, i+1)
				if !strings.HasPrefix(raw, l.Text) && !strings.Contains(raw, l.Text) {
					t.Fatalf("line %d: %q is not part of %q", i+1, l.Text, raw)
				}
				if len(l.Text) > max || utf8.ValidString(raw) && !utf8.ValidString(l.Text) {
					t.Fatalf("line %d: %q is not bounded to %d bytes at a character boundary", i+1, l.Text, max)
				}
			} else if l.Text != strings.TrimFunc(raw, unicode.IsSpace) {
				t.Fatalf("line %d: %q, want %q", i+1, l.Text, strings.TrimFunc(raw, unicode.IsSpace))
			}
			if l.No != i+1 {
				t.Fatalf("line %d numbered %d", i+1, l.No)
			}
		}
		if !slices.Equal(cut, wantCut) {
			t.Fatalf("Split(%q, %d) cut %v, want %v", s, max, cut, wantCut)
		}
	})
}
