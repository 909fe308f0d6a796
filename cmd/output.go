package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// output is where records go: standard output, or a file written
// atomically, so that a failed or interrupted run never leaves half a file
// and an existing file is replaced only by a complete one.
type output struct {
	io.Writer
	tmp    *os.File
	target string
	g      *interrupt // where tmp is registered
}

// openOutput opens path for writing, or returns stdout when path is "".
// The data goes to a temporary file in the target's folder (so the final
// rename stays on one file system) until commit. A path that is a symbolic
// link is written through: the file it points to is replaced, the link
// stays. An existing file keeps its permissions; a new one gets 0666 less
// the umask, as any file the user creates.
func openOutput(path string, stdout io.Writer, g *interrupt) (*output, error) {
	if path == "" {
		return &output{Writer: stdout}, nil
	}
	target := path
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	mode, keep := fs.FileMode(0o666), false
	if info, err := os.Stat(target); err == nil {
		mode, keep = info.Mode().Perm(), true
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, base, mode, g)
	if err != nil {
		return nil, err
	}
	out := &output{Writer: tmp, tmp: tmp, target: target, g: g}
	if keep {
		// The umask applied at creation may have taken bits the target has.
		if err := tmp.Chmod(mode); err != nil {
			out.abort()
			return nil, err
		}
	}
	return out, nil
}

// createTemp creates a new file ".BASE.RANDOM.tmp" in dir with mode (less
// the umask). os.CreateTemp would always make it 0600.
func createTemp(dir, base string, mode fs.FileMode, g *interrupt) (*os.File, error) {
	open := func(name string) (*os.File, error) {
		return os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
	}
	for range 100 {
		f, err := g.create(filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", base, rand.Uint32())), open)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("cannot find a free temporary file name")
}

// commit makes the written file the target: its data reach the disk before
// the rename, so a crash leaves the old file or the new one, never an empty
// one.
func (o *output) commit() error {
	if o.tmp == nil {
		return nil
	}
	if err := o.tmp.Sync(); err != nil {
		o.abort()
		return err
	}
	if err := o.tmp.Close(); err != nil {
		o.abort()
		return err
	}
	if err := o.g.rename(o.tmp.Name(), o.target); err != nil {
		o.abort()
		return err
	}
	o.tmp = nil
	// The rename itself reaches the disk with the folder's sync; if that
	// fails the file is in place all the same, so it is best effort.
	if dir, err := os.Open(filepath.Dir(o.target)); err == nil {
		dir.Sync()
		dir.Close()
	}
	return nil
}

// abort removes the temporary file; the target is left as it was. It is
// safe to call after commit.
func (o *output) abort() {
	if o.tmp == nil {
		return
	}
	o.tmp.Close() // the file is being thrown away: its close error tells nothing
	o.g.remove(o.tmp.Name())
	o.tmp = nil
}
