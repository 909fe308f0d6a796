package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestComparePaths(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"a.txt", "b.txt", -1},
		{"a.txt", "a.txt", 0},
		// An archive's records by offset, not as strings.
		{"crawl.warc.gz#9000", "crawl.warc.gz#10604", -1},
		{"crawl.warc#10604", "crawl.warc#9000", 1},
		{"crawl.WARC.GZ#2", "crawl.WARC.GZ#10", -1},
		{"crawl.warc.gz#0+5292", "crawl.warc.gz#0+700", 1},
		{"crawl.warc.gz#0", "crawl.warc.gz#0+700", -1},
		{"crawl.warc.gz#700", "crawl.warc.gz#0+700", 1},
		// Archives by name, then offset.
		{"a.warc.gz#99999", "b.warc.gz#1", -1},
		{"crawl.warc.gz#5", "crawl.warc.gz.old", -1}, // as "crawl.warc.gz#000…05": '#' < '.'
		// Anything else as strings: a '#' in a file's name, a name that is
		// not an archive's, an offset that is not a number.
		{"notes#10", "notes#9", -1},
		{"crawl.gz#10", "crawl.gz#9", -1},
		{"crawl.warc.gz#1x", "crawl.warc.gz#1", 1},
		{"crawl.warc.gz#", "crawl.warc.gz#1", -1},
		{"crawl.warc.gz#1+", "crawl.warc.gz#10", 1}, // as "crawl.warc.gz#000…10"
	}
	for _, tt := range tests {
		if got := ComparePaths(tt.a, tt.b); got != tt.want {
			t.Errorf("ComparePaths(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := ComparePaths(tt.b, tt.a); got != -tt.want {
			t.Errorf("ComparePaths(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

// TestComparePathsIsAnOrder sorts paths that mix archive records with
// names that order near them in every order: a total order sorts them to
// one result whatever the start.
func TestComparePathsIsAnOrder(t *testing.T) {
	paths := []string{
		"x.warc.gz#10", "x.warc.gz#9", "x.warc.gz#5!", "x.warc.gz#00000000000000000009", "x.warc.gz",
		"x.warc.gz#0+3", "x.warc#7", "x.warc.gz.txt", "x.warc.gz-2#1", "x#1", "x.warc.gz#", "y.warc#1",
	}
	want := slices.Clone(paths)
	slices.SortFunc(want, ComparePaths)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		got := slices.Clone(paths)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortStableFunc(got, ComparePaths)
		// Equal keys (x.warc.gz#9 and its zero-padded twin) may come in
		// either order; everything else must not move.
		for i := range got {
			if got[i] != want[i] && ComparePaths(got[i], want[i]) != 0 {
				t.Fatalf("sorted to %q, want %q", got, want)
			}
		}
	}
	for i := 1; i < len(want); i++ {
		for j := range i {
			if ComparePaths(want[j], want[i]) > 0 {
				t.Errorf("%q sorted before %q but compares after it", want[j], want[i])
			}
		}
	}
}
