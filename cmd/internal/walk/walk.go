// Package walk finds iomparse's inputs: it expands the paths the reading
// flags select (Selection: the command line's, --files-from's list, and
// in the folders walked what --include and --exclude keep) into Entries,
// one per file, in a fixed order, and opens them (Open) without ever
// blocking on a FIFO or a device. It knows files and folders only: what an
// entry holds (a page, records, a web archive) and how it is named in
// diagnostics are the caller's.
package walk

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// StdinPath names standard input in diagnostics and sources.
const StdinPath = "<stdin>"

// State is what the walk makes of an entry.
type State uint8

const (
	Found   State = iota // to be read
	Skipped              // not to be read, for Reason: not a regular file, a folder walked already
	Failed               // cannot be read, for Reason
)

// An Entry is one input the walk found: a file, standard input, or a path
// that is skipped or failed with its reason, so that the caller accounts
// for every path it was given.
type Entry struct {
	Path   string // as given, or joined under a folder given
	Stdin  bool   // standard input, named StdinPath
	State  State
	Reason string // why Skipped or Failed
}

// Walk yields the entries of the paths s selects, in order: each path as
// given, folders walked recursively in lexical order with hidden entries
// skipped and each real folder walked once (so symlink loops end), "-" as
// standard input. It yields entries as it finds them, so a walk of a
// million files holds one folder's listing at a time, and stops early when
// ctx ends. Relative paths are taken from dir (see Join); stdin is where
// a --files-from list of "-" is read.
func (s *Selection) Walk(ctx context.Context, dir string, stdin io.Reader) iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		w := &walker{ctx: ctx, from: dir, visited: map[any]string{}, yield: yield, sel: s}
		for p := range s.all(dir, stdin) {
			if ctx.Err() != nil {
				return
			}
			if p.failed != "" {
				if !yield(Entry{Path: p.path, State: Failed, Reason: p.failed}) {
					return
				}
				continue
			}
			if p.path == "-" {
				if !yield(Entry{Path: StdinPath, Stdin: true}) {
					return
				}
				continue
			}
			w.root = p.path
			if !w.stat(p.path, nil, "", false) {
				return
			}
		}
	}
}

// walker is one walk of Walk.
type walker struct {
	ctx  context.Context
	from string // the folder relative paths are taken from (Join)
	// visited maps the folders already walked, by identity (folder.id), to
	// the path they were walked as.
	visited map[any]string
	yield   func(Entry) bool
	sel     *Selection
	root    string // the path given that the walk is under, for sel's patterns
}

// stat yields the entry or entries at path p, which it stats (following
// symbolic links) to learn what it is, and reports whether to go on. A
// folder is opened from parent as name (see dir), or by its path at the
// top (parent nil); last says parent is not needed after it.
func (w *walker) stat(p string, parent *folder, name string, last bool) bool {
	info, err := os.Stat(Join(w.from, p))
	switch {
	case err != nil:
		return w.yield(Entry{Path: p, State: Failed, Reason: Cause(err)})
	case info.IsDir():
		return w.dir(p, parent, name, last)
	}
	return w.yield(fileEntry(p, info))
}

// fileEntry classifies a non-folder path: regular files are read, anything
// else (FIFO, socket, device) is skipped without being opened, since
// opening a FIFO would block the run.
func fileEntry(path string, info fs.FileInfo) Entry {
	if info.Mode().IsRegular() {
		return Entry{Path: path}
	}
	return Entry{Path: path, State: Skipped, Reason: (&NotRegularError{kind: fileKind(info.Mode())}).Error()}
}

// NotRegularError is why an input that is not a regular file is skipped,
// whether the walk found it so or Open did, once it was swapped in: the
// caller skips it as the walk would have, rather than fail it.
type NotRegularError struct{ kind string }

func (e *NotRegularError) Error() string { return "not a regular file (" + e.kind + ")" }

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return m.Type().String()
}

// dir yields the entries under the folder dir, and reports whether to go
// on. A folder reached again (a symlink loop, or two links to one folder)
// is skipped with a reason, so it still shows in the accounting, and never
// walked twice.
//
// The walk costs the same for each folder however deep it lies: a folder
// is opened from its parent's descriptor (openFolder: openat where there
// is one), so the system does not resolve its whole path again, and is
// told apart by its identity (device and inode) from that descriptor.
// Resolving each folder's links from the root, as EvalSymlinks did, took
// 75 s for a tree nested 2,000 deep. A parent is closed once its last
// subfolder is open (last), so a chain of folders holds one descriptor at
// a time.
func (w *walker) dir(dir string, parent *folder, name string, last bool) bool {
	if w.ctx.Err() != nil {
		return false
	}
	f, err := openFolder(parent, name, Join(w.from, dir))
	if last {
		parent.close()
	}
	if err != nil {
		return w.yield(Entry{Path: dir, State: Failed, Reason: Cause(err)})
	}
	defer f.close()
	if first, ok := w.visited[f.id]; ok {
		return w.yield(Entry{Path: dir, State: Skipped, Reason: "symbolic link to a folder already walked (" + model.EscapePath(first) + ")"})
	}
	w.visited[f.id] = dir
	entries, err := f.entries()
	if err != nil && !w.yield(Entry{Path: dir, State: Failed, Reason: Cause(err)}) {
		return false
	}
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool {
		if strings.HasPrefix(e.Name(), ".") {
			return true
		}
		// --include, --exclude
		p := filepath.Join(dir, e.Name())
		return w.sel.Any() && !w.sel.Keeps(w.root, p, w.isDir(p, e.Type()))
	})
	// The last entry that may be a folder: f is not needed after it.
	final := -1
	for i, e := range entries {
		if !e.Type().IsRegular() {
			final = i
		}
	}
	for i, e := range entries { // sorted by name
		p := filepath.Join(dir, e.Name())
		var ok bool
		switch t := e.Type(); {
		case t.IsRegular():
			ok = w.yield(Entry{Path: p}) // the listing tells: no stat needed
		case t.IsDir():
			ok = w.dir(p, f, e.Name(), i == final)
		default: // a symlink, or something to skip: look at what it is
			ok = w.stat(p, f, e.Name(), i == final)
		}
		if !ok {
			return false
		}
	}
	return true
}

// isDir tells whether the entry p of type t is a folder, following a
// symbolic link only when asked.
func (w *walker) isDir(p string, t fs.FileMode) func() bool {
	return func() bool {
		if t&fs.ModeSymlink == 0 {
			return t.IsDir()
		}
		info, err := os.Stat(Join(w.from, p))
		return err == nil && info.IsDir()
	}
}

// Cause shortens an OS error to its cause, for a message that prints the
// path beside it already.
func Cause(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Join returns the name to open p by, taken from the folder dir: p itself
// when it is absolute or empty (no file), or when dir is "" (the process's
// working directory), else p under dir. It joins without cleaning, so that
// "link/.." means what the system makes of it, as when p is opened from
// dir.
func Join(dir, p string) string {
	if dir == "" || p == "" || filepath.IsAbs(p) {
		return p
	}
	return dir + string(filepath.Separator) + p
}
