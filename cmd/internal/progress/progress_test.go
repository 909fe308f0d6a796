package progress

import (
	"bytes"
	"strings"
	"testing"
)

// TestNew: no bar for a run whose size is unknown, nor for a short one
// unless asked always; a nil bar does nothing and writes lines straight
// through.
func TestNew(t *testing.T) {
	for _, tt := range []struct {
		count  int
		always bool
		bar    bool
	}{
		{-1, true, false},
		{0, true, false},
		{MinInputs - 1, false, false},
		{MinInputs - 1, true, true},
		{MinInputs, false, true},
	} {
		var w bytes.Buffer
		b := New(&w, func() int { return tt.count }, tt.always)
		if (b != nil) != tt.bar {
			t.Errorf("New(count %d, always %v): bar %v, want %v", tt.count, tt.always, b != nil, tt.bar)
		}
		b.Add()
		above := b.Above(&w)
		above.Write([]byte("a.txt:1: warning: x\n"))
		b.Finish()
		if !strings.Contains(w.String(), "a.txt:1: warning: x\n") {
			t.Errorf("the line printed above the bar is lost: %q", w.String())
		}
		if b == nil && w.String() != "a.txt:1: warning: x\n" {
			t.Errorf("no bar, yet %q was drawn", w.String())
		}
	}
}
