package cmd

import (
	"fmt"
	"io"
	"iter"

	"github.com/iomparse/iomparse/cmd/pathsel"
)

// selection is what the reading flags choose among the inputs: the
// command line's paths, then the paths --files-from lists, and in the
// folders walked, the entries --include and --exclude keep (package
// pathsel). Paths given or listed are read whatever the patterns say:
// they are chosen already.
type selection struct {
	paths     []string
	filesFrom string // --files-from: a file listing paths, - for standard input; "" for none
	null      bool   // --null: the list's paths end with NUL, not a line end
	pathsel.Patterns
}

// A selected path is one path to read, or the failure to read the list
// of --files-from, to report as a failed input.
type selected struct {
	path   string
	failed string
}

// all yields the paths to read: the command line's, then the list's.
func (s *selection) all(stdio IO) iter.Seq[selected] {
	return func(yield func(selected) bool) {
		for _, p := range s.paths {
			if !yield(selected{path: p}) {
				return
			}
		}
		if s.filesFrom != "" {
			s.listed(stdio, yield)
		}
	}
}

// listed yields the paths of the --files-from list. "-" is standard
// input, as on the command line, unless the list is read from it.
func (s *selection) listed(stdio IO, yield func(selected) bool) {
	list := s.filesFrom
	var r io.Reader
	if list == "-" {
		list, r = stdinPath, stdio.In
	} else {
		f, err := openFile(stdio.path(list))
		if err != nil {
			yield(selected{path: list, failed: describeError(err)})
			return
		}
		defer f.Close() // read-only: a close error loses nothing
		r = f
	}
	stopped := false
	err := pathsel.ReadList(r, s.null, func(p string, n int) bool {
		sel := selected{path: p}
		if p == "-" && s.filesFrom == "-" {
			sel = selected{path: fmt.Sprintf("%s:%d", list, n), failed: "- names standard input, which is the list of --files-from"}
		}
		stopped = !yield(sel)
		return !stopped
	})
	if err != nil && !stopped {
		yield(selected{path: list, failed: describeError(err)})
	}
}

// validate checks the patterns and --null.
func (s *selection) validate() error {
	if err := s.Patterns.Validate(); err != nil {
		return usageErrorf("%v", err)
	}
	if s.null && s.filesFrom == "" {
		return usageErrorf("--null needs --files-from: it says how that list's paths end")
	}
	return nil
}
