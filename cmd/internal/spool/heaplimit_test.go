package spool

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestHeapLimit: the limit follows what is held while it is the one the
// spool set, and is put back on release; a limit found in force (GOMEMLIMIT)
// or set by another since is left alone.
func TestHeapLimit(t *testing.T) {
	const none = math.MaxInt64
	tests := []struct {
		name       string
		found      int64 // the limit in force before the first follow
		other      int64 // set by someone else after the first follow; 0: none
		wantAfter  int64 // after follow(1), follow(2); 0: 2 bytes and the headroom over the heap at the first follow
		wantOnExit int64 // after release
	}{
		{"no limit", none, 0, 0, none},
		{"GOMEMLIMIT", 1 << 30, 0, 1 << 30, 1 << 30},
		{"set by another since", none, 1 << 31, 1 << 31, 1 << 31},
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(tt.found)
			var l heapLimit
			l.follow(1)
			if tt.other != 0 {
				debug.SetMemoryLimit(tt.other)
			}
			l.follow(2)
			want := tt.wantAfter
			if want == 0 {
				if l.base <= 0 {
					t.Errorf("no heap counted at the first follow")
				}
				want = l.base + 2 + heapHeadroom
			}
			if got := debug.SetMemoryLimit(-1); got != want {
				t.Errorf("limit %d, want %d", got, want)
			}
			l.release()
			if got := debug.SetMemoryLimit(-1); got != tt.wantOnExit {
				t.Errorf("limit on release %d, want %d", got, tt.wantOnExit)
			}
		})
	}
}
