package outfile

import (
	"os"
	"path/filepath"
	"testing"
)

// temps lists the temporary files left in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	tmp, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return tmp
}

// TestAbandon: the registry's lock orders a rename and the end of a run: a
// temporary file renamed before Abandon is in place, one not yet renamed is
// removed, and after Abandon no temporary file can be made or renamed, so
// no name is left behind whatever the moment of the second signal.
func TestAbandon(t *testing.T) {
	dir := t.TempDir()
	g := NewRegistry()
	done, err := Open(filepath.Join(dir, "done"), nil, g)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := Open(filepath.Join(dir, "pending"), nil, g)
	if err != nil {
		t.Fatal(err)
	}
	if err := done.Commit(); err != nil {
		t.Fatal(err)
	}
	if len(temps(t, dir)) != 1 {
		t.Fatalf("temporary files %v, want pending's", temps(t, dir))
	}

	g.Abandon()
	if _, err := os.Stat(filepath.Join(dir, "done")); err != nil {
		t.Errorf("the file renamed before Abandon: %v", err)
	}
	if err := pending.Commit(); err != ErrAbandoned {
		t.Errorf("Commit after Abandon: %v, want ErrAbandoned", err)
	}
	if _, err := Open(filepath.Join(dir, "late"), nil, g); err != ErrAbandoned {
		t.Errorf("Open after Abandon: %v, want ErrAbandoned", err)
	}
	if left := temps(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	for _, name := range []string{"pending", "late"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s: %v, want it not to exist", name, err)
		}
	}
}
