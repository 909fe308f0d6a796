// Package pathsel chooses the paths a run reads beyond its command line:
// from a list (--files-from), so that a run too long for one command line
// is still one run, which pairs all its pages; and, in the folders a run
// walks, by glob patterns (--include, --exclude).
//
// Patterns are those of github.com/bmatcuk/doublestar (*, ?, [a-z],
// {a,b}, and ** for any number of folders), a maintained library that
// matches paths as the shell's globstar does. A pattern without a slash
// matches an entry's name at any depth ("*.html"), as .gitignore and
// rsync read one; a pattern with a slash matches the entry's path from
// the folder walked ("en/**/*.html").
package pathsel

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// MaxPath bounds one path of a list: far above any system's limit, it
// keeps a list without line ends from being read whole as one path.
const MaxPath = 64 << 10

// ReadList calls fn with every path of the list r and its 1-based number,
// until fn returns false. Paths end with a line end, or with NUL when null
// is set (as find -print0 writes them); empty ones are skipped, and with
// line ends a trailing carriage return is dropped (a list written on
// Windows). A path longer than MaxPath ends the list with an error.
func ReadList(r io.Reader, null bool, fn func(path string, n int) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxPath)
	if null {
		sc.Split(splitNUL)
	}
	for n := 1; sc.Scan(); n++ {
		p := sc.Text()
		if !null {
			p = strings.TrimSuffix(p, "\r")
		}
		if p != "" && !fn(p, n) {
			return nil
		}
	}
	err := sc.Err()
	if errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("a path longer than %d bytes: is it a list of paths?", MaxPath)
	}
	return err
}

// splitNUL is a bufio.SplitFunc for paths ended by NUL; the last may be
// unended.
func splitNUL(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// Patterns choose the entries of the folders walked: Exclude takes out
// files and whole folders; Include, when not empty, keeps only the files
// that match one of its patterns (folders are still walked).
type Patterns struct {
	Include []string
	Exclude []string
}

// Validate checks every pattern, naming the flag of a bad one.
func (ps *Patterns) Validate() error {
	for _, group := range []struct {
		flag     string
		patterns []string
	}{{"--include", ps.Include}, {"--exclude", ps.Exclude}} {
		for _, p := range group.patterns {
			if p == "" || !doublestar.ValidatePattern(p) {
				return fmt.Errorf("%s: %q is not a glob pattern", group.flag, p)
			}
		}
	}
	return nil
}

// Any reports whether any pattern is given: without, every entry is kept
// and none need be looked at.
func (ps *Patterns) Any() bool { return len(ps.Include) > 0 || len(ps.Exclude) > 0 }

// Keeps reports whether the entry p, found walking the folder root, is
// read: not excluded, and a folder or included. isDir is asked only when
// that decides (it may stat a symbolic link).
func (ps *Patterns) Keeps(root, p string, isDir func() bool) bool {
	rel := filepath.ToSlash(relativeTo(root, p))
	name := filepath.Base(p)
	for _, pat := range ps.Exclude {
		if match(pat, name, rel) {
			return false
		}
	}
	if len(ps.Include) == 0 || isDir() {
		return true
	}
	for _, pat := range ps.Include {
		if match(pat, name, rel) {
			return true
		}
	}
	return false
}

// match matches a pattern against an entry: its name, for a pattern
// without a slash, else its path relative to the folder walked.
func match(pattern, name, rel string) bool {
	if !strings.Contains(pattern, "/") {
		return doublestar.MatchUnvalidated(pattern, name)
	}
	return doublestar.MatchUnvalidated(strings.TrimPrefix(pattern, "./"), rel)
}

// relativeTo returns p, found walking root, relative to root. Entries are
// named by filepath.Join, which cleans: they start with root cleaned.
func relativeTo(root, p string) string {
	prefix := filepath.Clean(root)
	switch {
	case prefix == ".":
		return p
	case strings.HasSuffix(prefix, string(filepath.Separator)): // the file system's root
		return strings.TrimPrefix(p, prefix)
	}
	return strings.TrimPrefix(p, prefix+string(filepath.Separator))
}
