package cmd

import (
	"io"
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
}

// openOutput opens path for writing, or returns stdout when path is "".
// The data goes to a temporary file in the target's folder (so the final
// rename stays on one file system) until commit.
func openOutput(path string, stdout io.Writer) (*output, error) {
	if path == "" {
		return &output{Writer: stdout}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &output{Writer: tmp, tmp: tmp, target: path}, nil
}

// commit makes the written file the target.
func (o *output) commit() error {
	if o.tmp == nil {
		return nil
	}
	if err := o.tmp.Close(); err != nil {
		o.abort()
		return err
	}
	if err := os.Chmod(o.tmp.Name(), 0o644); err != nil {
		o.abort()
		return err
	}
	if err := os.Rename(o.tmp.Name(), o.target); err != nil {
		o.abort()
		return err
	}
	o.tmp = nil
	return nil
}

// abort removes the temporary file; the target is left as it was. It is
// safe to call after commit.
func (o *output) abort() {
	if o.tmp == nil {
		return
	}
	o.tmp.Close()           // the file is being thrown away: its close error tells nothing
	os.Remove(o.tmp.Name()) // best effort: nothing more can be done if it fails
	o.tmp = nil
}
