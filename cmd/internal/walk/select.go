package walk

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/iomparse/iomparse/cmd/pathsel"
)

// Selection is what the reading flags choose among the inputs: the
// command line's paths, then the paths --files-from lists, and in the
// folders walked, the entries --include and --exclude keep (package
// pathsel). Paths given or listed are read whatever the patterns say:
// they are chosen already.
type Selection struct {
	Paths     []string
	FilesFrom string // --files-from: a file listing paths, - for standard input; "" for none
	Null      bool   // --null: the list's paths end with NUL, not a line end
	pathsel.Patterns
}

// A selected path is one path to read, or the failure to read the list
// of --files-from, to report as a failed input.
type selected struct {
	path   string
	failed string
}

// all yields the paths to read: the command line's, then the list's.
func (s *Selection) all(dir string, stdin io.Reader) iter.Seq[selected] {
	return func(yield func(selected) bool) {
		for _, p := range s.Paths {
			if !yield(selected{path: p}) {
				return
			}
		}
		if s.FilesFrom != "" {
			s.listed(dir, stdin, yield)
		}
	}
}

// listed yields the paths of the --files-from list. "-" is standard
// input, as on the command line, unless the list is read from it.
func (s *Selection) listed(dir string, stdin io.Reader, yield func(selected) bool) {
	list := s.FilesFrom
	var r io.Reader
	if list == "-" {
		list, r = StdinPath, stdin
	} else {
		f, err := Open(Join(dir, list))
		if err != nil {
			yield(selected{path: list, failed: Cause(err)})
			return
		}
		defer f.Close() // read-only: a close error loses nothing
		r = f
	}
	stopped := false
	err := pathsel.ReadList(r, s.Null, func(p string, n int) bool {
		sel := selected{path: p}
		if p == "-" && s.FilesFrom == "-" {
			sel = selected{path: fmt.Sprintf("%s:%d", list, n), failed: "- names standard input, which is the list of --files-from"}
		}
		stopped = !yield(sel)
		return !stopped
	})
	if err != nil && !stopped {
		yield(selected{path: list, failed: Cause(err)})
	}
}

// Validate checks the patterns and --null; its errors are the user's, to
// report as usage errors.
func (s *Selection) Validate() error {
	if err := s.Patterns.Validate(); err != nil {
		return err
	}
	if s.Null && s.FilesFrom == "" {
		return errors.New("--null needs --files-from: it says how that list's paths end")
	}
	return nil
}
