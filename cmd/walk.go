package cmd

import (
	"context"
	"errors"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// stdinPath names standard input in diagnostics and sources.
const stdinPath = "<stdin>"

// walkInputs expands the command line's paths into inputs, in order:
// each path as given, folders walked recursively in lexical order with
// hidden entries skipped and each real folder walked once (so symlink
// loops end), "-" as standard input. It yields inputs as it finds them, so
// a walk of a million files holds one folder's listing at a time, and stops
// early when ctx ends. Relative paths are taken from stdio.Dir.
func walkInputs(ctx context.Context, stdio IO, paths []string) iter.Seq[input] {
	return func(yield func(input) bool) {
		w := &walker{ctx: ctx, stdio: stdio, visited: map[string]string{}, yield: yield}
		for _, p := range paths {
			if ctx.Err() != nil {
				return
			}
			if p == "-" {
				if !yield(input{path: stdinPath, stdin: true}) {
					return
				}
				continue
			}
			if !w.stat(p) {
				return
			}
		}
	}
}

// countInputs walks the paths to count their inputs, for the progress bar.
func countInputs(ctx context.Context, stdio IO, paths []string) int {
	n := 0
	for range walkInputs(ctx, stdio, paths) {
		n++
	}
	return n
}

// walker is one walk of walkInputs.
type walker struct {
	ctx   context.Context
	stdio IO // its Dir: where relative paths are
	// visited maps the real paths of the folders already walked to the
	// path they were walked as.
	visited map[string]string
	yield   func(input) bool
}

// stat yields the input or inputs at path p, which it stats (following
// symbolic links) to learn what it is, and reports whether to go on.
func (w *walker) stat(p string) bool {
	info, err := os.Stat(w.stdio.path(p))
	switch {
	case err != nil:
		return w.yield(input{path: p, state: stateFailed, reason: describeError(err)})
	case info.IsDir():
		return w.dir(p)
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

// dir yields the inputs under dir, and reports whether to go on. A folder
// reached again (a symlink loop, or two links to one folder) is skipped
// with a reason, so it still shows in the accounting, and never walked
// twice.
func (w *walker) dir(dir string) bool {
	if w.ctx.Err() != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(w.stdio.path(dir))
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return w.yield(input{path: dir, state: stateFailed, reason: describeError(err)})
	}
	if first, ok := w.visited[real]; ok {
		return w.yield(input{path: dir, state: stateSkipped, reason: "symbolic link to a folder already walked (" + first + ")"})
	}
	w.visited[real] = dir
	entries, err := os.ReadDir(w.stdio.path(dir))
	if err != nil && !w.yield(input{path: dir, state: stateFailed, reason: describeError(err)}) {
		return false
	}
	for _, e := range entries { // ReadDir sorts by name
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		var ok bool
		switch t := e.Type(); {
		case t.IsRegular():
			ok = w.yield(input{path: p}) // the listing tells: no stat needed
		case t.IsDir():
			ok = w.dir(p)
		default: // a symlink, or something to skip: look at what it is
			ok = w.stat(p)
		}
		if !ok {
			return false
		}
	}
	return true
}

// describeError shortens an OS error to its cause: the path is printed
// beside it already.
func describeError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
