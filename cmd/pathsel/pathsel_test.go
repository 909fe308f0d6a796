package pathsel

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadList(t *testing.T) {
	tests := []struct {
		name string
		list string
		null bool
		want []string
	}{
		{"lines", "a.txt\nb c.html\n", false, []string{"a.txt:1", "b c.html:2"}},
		{"no last line end", "a.txt\nb.txt", false, []string{"a.txt:1", "b.txt:2"}},
		{"empty lines skipped", "\na.txt\n\n\nb.txt\n", false, []string{"a.txt:2", "b.txt:5"}},
		{"CRLF", "a.txt\r\nb.txt\r\n", false, []string{"a.txt:1", "b.txt:2"}},
		{"NUL", "a\nb.txt\x00c.txt\x00", true, []string{"a\nb.txt:1", "c.txt:2"}},
		{"NUL, a carriage return kept", "a\r\x00", true, []string{"a\r:1"}},
		{"empty", "", false, nil},
	}
	for _, tt := range tests {
		var got []string
		err := ReadList(iotest.OneByteReader(strings.NewReader(tt.list)), tt.null, func(p string, n int) bool {
			got = append(got, p+":"+strconv.Itoa(n))
			return true
		})
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	// Stopping early, a path too long, a read error.
	n := 0
	_ = ReadList(strings.NewReader("a\nb\nc\n"), false, func(string, int) bool { n++; return false })
	if n != 1 {
		t.Errorf("fn called %d times after returning false", n)
	}
	if err := ReadList(strings.NewReader(strings.Repeat("x", MaxPath+1)), false, func(string, int) bool { return true }); err == nil {
		t.Error("a path over MaxPath: no error")
	}
	boom := errors.New("boom")
	if err := ReadList(iotest.ErrReader(boom), false, func(string, int) bool { return true }); !errors.Is(err, boom) {
		t.Errorf("read error: got %v", err)
	}
}

func TestKeeps(t *testing.T) {
	tests := []struct {
		root, path string
		dir        bool
		ps         Patterns
		want       bool
	}{
		{"site", "site/en/a.html", false, Patterns{}, true},
		{"site", "site/en/a.html", false, Patterns{Include: []string{"*.html"}}, true},
		{"site", "site/en/a.txt", false, Patterns{Include: []string{"*.html"}}, false},
		{"site", "site/en", true, Patterns{Include: []string{"*.html"}}, true}, // folders are walked
		{"site/", "site/en/a.txt", false, Patterns{Include: []string{"en/*"}}, true},
		{"./site", "site/en/a.txt", false, Patterns{Include: []string{"./en/*.txt"}}, true},
		{"site", "site/fr/en/a.txt", false, Patterns{Include: []string{"en/*"}}, false}, // a slash: from the root
		{"site", "site/fr/en/a.txt", false, Patterns{Include: []string{"**/en/*"}}, true},
		{".", "en/a.txt", false, Patterns{Include: []string{"en/*.txt"}}, true},
		{"/", "/srv/a.txt", false, Patterns{Include: []string{"srv/*.txt"}}, true},
		{"site", "site/drafts", true, Patterns{Exclude: []string{"drafts"}}, false},
		{"site", "site/en/drafts", true, Patterns{Exclude: []string{"drafts"}}, false}, // a name, at any depth
		{"site", "site/en/a.html", false, Patterns{Include: []string{"*.html"}, Exclude: []string{"a.*"}}, false},
		{"site", "site/en/a.html", false, Patterns{Include: []string{"*.{htm,html}"}}, true},
		{"site", "site/en/x/y/a.html", false, Patterns{Exclude: []string{"en/**"}}, false},
	}
	for _, tt := range tests {
		asked := false
		got := tt.ps.Keeps(tt.root, tt.path, func() bool { asked = true; return tt.dir })
		if got != tt.want {
			t.Errorf("%+v.Keeps(%q, %q) = %v, want %v", tt.ps, tt.root, tt.path, got, tt.want)
		}
		if asked && len(tt.ps.Include) == 0 {
			t.Errorf("%+v: asked whether %q is a folder, with no --include", tt.ps, tt.path)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, ps := range []Patterns{{Include: []string{"["}}, {Exclude: []string{""}}, {Exclude: []string{"a", "{b"}}} {
		if err := ps.Validate(); err == nil {
			t.Errorf("%+v: no error", ps)
		}
	}
	ok := Patterns{Include: []string{"**/*.html", "en/*", "{a,b}?[0-9]"}, Exclude: []string{"drafts"}}
	if err := ok.Validate(); err != nil {
		t.Errorf("%+v: %v", ok, err)
	}
}
