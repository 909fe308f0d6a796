package warc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReader holds the reader to its promises on any input: it never
// panics, it ends, every error is a RecordError (a bytes.Reader never
// fails), offsets rise and lie in the input, bodies keep to MaxBytes, and
// its work stays within a fixed multiple of the input.
func FuzzReader(f *testing.F) {
	for _, a := range archives {
		data, err := os.ReadFile(filepath.Join(fixtures, a.name))
		if err != nil {
			f.Fatal(err)
		}
		// Their first records only: the fuzzer mutates and shrinks small
		// inputs faster.
		f.Add(data[:min(len(data), 3000)])
	}
	for _, s := range []string{
		"",
		"WARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 20\r\n\r\nHTTP/1.1 200 OK\r\n\r\nx\r\n\r\n",
		"WARC/1.0\r\nContent-Length: 99999999\r\n\r\nWARC/1.0\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x1f\x8b\x08\x00",
		gzipped("WARC/1.1\r\nContent-Length: 1\r\n\r\nx\r\n\r\nWARC/1.1\r\nContent-Length: 1\r\n\r\ny\r\n\r\n"),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 4 << 10
		r := NewReader(bytes.NewReader(data))
		r.MaxBytes = limit
		// A gzip member decompresses to at most about 1032 times its
		// size, and each item takes at least a few bytes of that.
		maxItems := 1100*len(data) + 10
		last := Item{Offset: -1}
		for n := 0; ; n++ {
			if n > maxItems {
				t.Fatalf("more than %d items from %d bytes", maxItems, len(data))
			}
			it, err := r.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			if err != nil && !errors.As(err, &re) {
				t.Fatalf("item %d: %v", n, err)
			}
			if it.Offset < last.Offset || it.Offset == last.Offset && it.InMember <= last.InMember || it.Offset >= int64(len(data)) {
				t.Fatalf("item %d at %d+%d after %d+%d, in %d bytes", n, it.Offset, it.InMember, last.Offset, last.InMember, len(data))
			}
			if re != nil && (re.Offset != it.Offset || re.InMember != it.InMember) {
				t.Fatalf("item %d at %d+%d, its error at %d+%d", n, it.Offset, it.InMember, re.Offset, re.InMember)
			}
			if len(it.Body) > limit {
				t.Fatalf("item %d: a body of %d bytes over the limit", n, len(it.Body))
			}
			last = it
		}
		checkWork(t, r, len(data))
	})
}

// checkWork holds the reader's work on an input of n bytes to a fixed
// multiple of it: bytes gone back over (at most rewindCredit per byte read,
// by construction), bytes searched for a record's start or a header's end
// (which memory of the last search keeps from growing with the number of
// candidates), and bytes moved in the buffer (which it only compacts when
// that frees half of it).
func checkWork(t testing.TB, r *Reader, n int) {
	t.Helper()
	sources := []*source{r.raw}
	if r.member != nil {
		sources = append(sources, r.member)
	}
	for _, s := range sources {
		if s.rewound > rewindCredit*s.fetched {
			t.Errorf("went back over %d bytes having read %d", s.rewound, s.fetched)
		}
		if s.searched > 4*s.fetched+1<<10 {
			t.Errorf("searched %d bytes having read %d", s.searched, s.fetched)
		}
		if s.moved > 2*s.fetched {
			t.Errorf("moved %d bytes in the buffer having read %d", s.moved, s.fetched)
		}
	}
	if r.raw.fetched > int64(n) {
		t.Errorf("read %d bytes from an input of %d", r.raw.fetched, n)
	}
}

// TestWorkIsLinear reads inputs made so that every place a record or a
// gzip member could start fails far from there, at two sizes: the work
// (bytes read, gone back over and searched) grows as the input, not as
// its square.
func TestWorkIsLinear(t *testing.T) {
	for _, c := range []struct {
		name  string
		unit  string // repeated to make the input
		limit int64
	}{
		{"records whose length runs to the end", "WARC/1.0\r\nContent-Length: 60000\r\n\r\n" + strings.Repeat("x", 30), 1 << 20},
		{"records over the limit", "WARC/1.0\r\nContent-Length: 99999999\r\n\r\n" + strings.Repeat("x", 30), 4 << 10},
		{"headers without end", "WARC/1.0\r\nX-Field: " + strings.Repeat("y", 200) + "\r\n", 1 << 20},
		{"version lines", "WARC/1.1\r\n", 1 << 20},
		{"gzip headers before stored blocks", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x00\xff\xff\x00\x00" + strings.Repeat("z", 20), 1 << 20},
		{"gzip members cut short", halfMember(), 1 << 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			work := func(size int) int64 {
				input := strings.Repeat(c.unit, size/len(c.unit)+1)
				if c.unit[0] == 0x1f { // a gzip archive starts with a member
					input = gzipped("WARC/1.0\r\nContent-Length: 0\r\n\r\n\r\n\r\n") + input
				}
				r := NewReader(strings.NewReader(input))
				r.MaxBytes = c.limit
				readAll(t, r, 10*size)
				checkWork(t, r, len(input))
				w := r.raw.fetched + r.raw.rewound + r.raw.searched + r.raw.moved
				if r.member != nil {
					w += r.member.fetched + r.member.rewound + r.member.searched + r.member.moved
				}
				return w
			}
			small, large := work(256<<10), work(1<<20)
			if ratio := float64(large) / float64(small); ratio > 5 {
				t.Errorf("work %d for 256 KiB, %d for 1 MiB: %.1f times, want about 4", small, large, ratio)
			}
		})
	}
}

// halfMember is the first half of a gzip member holding a record of
// incompressible text.
func halfMember() string {
	body := make([]byte, 2000)
	x := uint32(1)
	for i := range body {
		x = x*1664525 + 1013904223
		body[i] = 'a' + byte(x>>24)%26
	}
	g := gzipped("WARC/1.0\r\nContent-Length: 2000\r\n\r\n" + string(body) + "\r\n\r\n")
	return g[:len(g)/2]
}
