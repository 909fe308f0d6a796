package cmd

import (
	"context"
	"errors"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// stdinPath names standard input in diagnostics and sources.
const stdinPath = "<stdin>"

// walkInputs expands the command line's paths into inputs, in order:
// named as model.EscapePath writes them (a name that is not plain text
// keeps its own to be opened by, in input.file),
// each path as given, folders walked recursively in lexical order with
// hidden entries skipped and each real folder walked once (so symlink
// loops end), "-" as standard input. It yields inputs as it finds them, so
// a walk of a million files holds one folder's listing at a time, and stops
// early when ctx ends. Relative paths are taken from stdio.Dir.
func walkInputs(ctx context.Context, stdio IO, paths []string) iter.Seq[input] {
	return walkSelection(ctx, stdio, &selection{paths: paths})
}

// walkSelection is walkInputs over the paths the reading flags select:
// the command line's, then those --files-from lists, keeping in walked
// folders what --include and --exclude keep (see selection).
func walkSelection(ctx context.Context, stdio IO, sel *selection) iter.Seq[input] {
	return func(yield func(input) bool) {
		escaped := func(in input) bool {
			if p := model.EscapePath(in.path); p != in.path {
				in.file, in.path = in.path, p
			}
			return yield(in)
		}
		w := &walker{ctx: ctx, stdio: stdio, visited: map[any]string{}, yield: escaped, sel: sel}
		for p := range sel.all(stdio) {
			if ctx.Err() != nil {
				return
			}
			if p.failed != "" {
				if !escaped(input{path: p.path, state: stateFailed, reason: p.failed}) {
					return
				}
				continue
			}
			if p.path == "-" {
				if !escaped(input{path: stdinPath, stdin: true}) {
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

// countInputs walks the paths to count their inputs, for the progress bar:
// -1 when they cannot be counted before reading them, since the list of
// --files-from is standard input or an archive holds many.
func countInputs(ctx context.Context, stdio IO, sel *selection) int {
	if sel.filesFrom == "-" {
		return -1
	}
	n := 0
	for in := range walkSelection(ctx, stdio, sel) {
		if isArchive(in) {
			return -1
		}
		n++
	}
	return n
}

// walker is one walk of walkInputs.
type walker struct {
	ctx   context.Context
	stdio IO // its Dir: where relative paths are
	// visited maps the folders already walked, by identity (folderID), to
	// the path they were walked as.
	visited map[any]string
	yield   func(input) bool
	sel     *selection
	root    string // the path given that the walk is under, for sel's patterns
}

// stat yields the input or inputs at path p, which it stats (following
// symbolic links) to learn what it is, and reports whether to go on. A
// folder is opened from parent as name (see dir), or by its path at the
// top (parent nil); last says parent is not needed after it.
func (w *walker) stat(p string, parent *folder, name string, last bool) bool {
	info, err := os.Stat(w.stdio.path(p))
	switch {
	case err != nil:
		return w.yield(input{path: p, state: stateFailed, reason: describeError(err)})
	case info.IsDir():
		return w.dir(p, parent, name, last)
	}
	return w.yield(fileInput(p, info))
}

// fileInput classifies a non-folder path: regular files are read, anything
// else (FIFO, socket, device) is skipped without being opened, since
// opening a FIFO would block the run.
func fileInput(path string, info fs.FileInfo) input {
	if info.Mode().IsRegular() {
		return input{path: path}
	}
	return input{path: path, state: stateSkipped, reason: (&errNotRegular{kind: fileKind(info.Mode())}).Error()}
}

// errNotRegular is why an input that is not a regular file is skipped,
// whether the walk found it so or openFile did, once it was swapped in.
type errNotRegular struct{ kind string }

func (e *errNotRegular) Error() string { return "not a regular file (" + e.kind + ")" }

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

// dir yields the inputs under the folder dir, and reports whether to go
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
	f, err := openFolder(parent, name, w.stdio.path(dir))
	if last {
		parent.close()
	}
	if err != nil {
		return w.yield(input{path: dir, state: stateFailed, reason: describeError(err)})
	}
	defer f.close()
	if first, ok := w.visited[f.id]; ok {
		return w.yield(input{path: dir, state: stateSkipped, reason: "symbolic link to a folder already walked (" + model.EscapePath(first) + ")"})
	}
	w.visited[f.id] = dir
	entries, err := f.entries()
	if err != nil && !w.yield(input{path: dir, state: stateFailed, reason: describeError(err)}) {
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
			ok = w.yield(input{path: p}) // the listing tells: no stat needed
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
		info, err := os.Stat(w.stdio.path(p))
		return err == nil && info.IsDir()
	}
}

// describeError shortens an OS error to its cause: the path is printed
// beside it already.
func describeError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
