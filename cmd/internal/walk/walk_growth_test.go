package walk

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model/growth"
)

// nestedFolders makes depth folders nested in one another under a new
// folder, with a page in every tenth, and returns the top folder.
func nestedFolders(t *testing.T, depth int) string {
	t.Helper()
	top := t.TempDir()
	p := top
	for i := range depth {
		p = filepath.Join(p, "d")
		require.NoError(t, os.Mkdir(p, 0o755))
		if i%10 == 0 {
			require.NoError(t, os.WriteFile(filepath.Join(p, "p.txt"), []byte("Title\n"), 0o644))
		}
	}
	return top
}

// TestWalkDeepGrowth: walking folders nested ten times deeper costs about
// ten times as much, not a hundred (resolving each folder's path from the
// root, 1,500 levels took 46 s, 2,000 about 75 s; now well under a
// second). The cost is the thread's CPU time, the system's included: a
// walk that opened each folder by its whole path, though it made a constant
// number of calls per folder, still grew about 50 times, as the system
// resolves the path anew each time.
func TestWalkDeepGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("makes 1,650 folders")
	}
	small, large := nestedFolders(t, 150), nestedFolders(t, 1500)
	walk := func(top string, want int) func() {
		return func() {
			n := 0
			sel := &Selection{Paths: []string{top}}
			for e := range sel.Walk(context.Background(), "", nil) {
				if e.State != Found {
					t.Fatalf("%s: %s", e.Path, e.Reason)
				}
				n++
			}
			if n != want {
				t.Fatalf("%d inputs, want %d", n, want)
			}
		}
	}
	growth.Check(t, walk(small, 15), walk(large, 150))
}
