// Package outfile writes iomparse's output files (the records of -o, the
// --report file) so that a reader never sees half of one: a regular file is
// written to a temporary file beside it and renamed over it once complete;
// what is not a regular file (a terminal, a FIFO, /dev/stdout) is written
// straight. A Registry knows the temporary files that exist, so that a run
// ended at once (a second signal) leaves none behind.
package outfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"unicode/utf8"
)

// File is where an output goes: standard output, a file written atomically
// (so that a failed or interrupted run never leaves half a file and an
// existing file is replaced only by a complete one), or a descriptor target
// (a terminal, a FIFO, /dev/null, /dev/stdout) written straight.
type File struct {
	io.Writer
	tmp    *os.File  // the temporary file, until commit or abort
	target string    // what tmp becomes
	direct io.Closer // a descriptor target opened here, closed at the end
	g      *Registry // where tmp is registered
}

// Open opens path for writing, or returns stdout when path is "".
//
// A regular file, or a name that does not exist yet, is written through a
// temporary file in the target's folder (so the final rename stays on one
// file system) until Commit. A symbolic link is followed to what it points
// to, which is replaced (or created, when the link dangles): the link
// stays. What is not a regular file is a descriptor target, opened and
// written straight, with no temporary file and no rename: a character
// device or a FIFO, and a descriptor of this process named through
// /proc/self/fd or /dev/fd (so /dev/stdout), which is written as it is
// (descriptor 1 is stdout), keeping its offset and its append mode as a
// shell's redirection does. A folder or a block device is refused. An
// existing file keeps its permissions; a new one gets 0666 less the umask,
// as any file the user creates.
func Open(path string, stdout io.Writer, g *Registry) (*File, error) {
	if path == "" {
		return &File{Writer: stdout}, nil
	}
	t, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	switch {
	case t.FD == 1:
		return &File{Writer: stdout}, nil
	case t.FD >= 0:
		f, err := dupDescriptor(t.FD, path)
		if err != nil {
			return nil, err
		}
		return &File{Writer: f, direct: f}, nil
	case !t.straight && (t.Info == nil || t.Info.Mode().IsRegular()):
		return openTemp(t.Path, t.Info, g)
	case t.Info.IsDir():
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EISDIR}
	case t.Info.Mode()&fs.ModeDevice != 0 && t.Info.Mode()&fs.ModeCharDevice == 0:
		return nil, errors.New("a block device: records are not written to one")
	}
	f, err := os.OpenFile(t.Path, os.O_WRONLY, 0) // a character device, a FIFO, another process's descriptor
	if err != nil {
		return nil, err
	}
	return &File{Writer: f, direct: f}, nil
}

// Target is what an output path names once its symbolic links are
// followed.
type Target struct {
	Path string      // the file itself: never a symbolic link
	Info fs.FileInfo // nil when it does not exist yet
	FD   int         // a descriptor of this process the path names, or -1
	// straight is set for a file reached through another process's
	// descriptor: it is written as it is, never renamed over.
	straight bool
}

// maxLinks bounds the symbolic links followed, as the system's ELOOP does.
const maxLinks = 40

// Resolve follows the symbolic links of path's last element, one at
// a time, to the file they lead to, which may not exist. Each link's
// target is taken from the link's real folder, as the system does. A link
// in a process's descriptor folder (/proc/PID/fd, which /dev/fd and
// /dev/stdout lead to) is where following stops: its target is a
// descriptor, not a name (it reads "pipe:[1234]" for a pipe).
func Resolve(path string) (Target, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return Target{Path: p, FD: -1}, nil
		case err != nil:
			return Target{}, err
		case info.Mode()&fs.ModeSymlink == 0:
			return Target{Path: p, Info: info, FD: -1}, nil
		}
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return Target{}, err
		}
		if fd, ok := descriptorLink(dir, filepath.Base(p)); ok {
			return descriptorTarget(p, fd)
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return Target{}, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(dir, dest)
		}
		p = dest
	}
	return Target{}, &fs.PathError{Op: "open", Path: path, Err: syscall.ELOOP}
}

// fdFolder matches a process's descriptor folder, as /proc/self/fd and
// /proc/thread-self/fd resolve.
var fdFolder = regexp.MustCompile(`^/proc/(\d+)(?:/task/\d+)?/fd$`)

// descriptorLink reports whether name in the real folder dir is a
// descriptor link, and which descriptor of this process it is (-1 for
// another process's).
func descriptorLink(dir, name string) (int, bool) {
	m := fdFolder.FindStringSubmatch(dir)
	if m == nil {
		return 0, false
	}
	fd, err := strconv.Atoi(name)
	if err != nil {
		return 0, false
	}
	if m[1] != strconv.Itoa(os.Getpid()) {
		return -1, true
	}
	return fd, true
}

// descriptorTarget is the target of the descriptor link p: this process's
// descriptor fd, or, for another process's (fd -1), the file the system
// opens through the link, written straight whatever it is.
func descriptorTarget(p string, fd int) (Target, error) {
	if fd >= 0 {
		return Target{Path: p, FD: fd}, nil
	}
	info, err := os.Stat(p)
	if err != nil {
		return Target{}, err
	}
	return Target{Path: p, Info: info, FD: -1, straight: true}, nil
}

// openTemp opens a temporary file to replace (or create) the regular file
// target, whose info is nil when it does not exist.
func openTemp(target string, info fs.FileInfo, g *Registry) (*File, error) {
	mode := fs.FileMode(0o666)
	if info != nil {
		mode = info.Mode().Perm()
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, base, mode, g)
	if err != nil {
		return nil, err
	}
	out := &File{Writer: tmp, tmp: tmp, target: target, g: g}
	if info != nil {
		// The umask applied at creation may have taken bits the target has.
		if err := tmp.Chmod(mode); err != nil {
			out.Abort()
			return nil, err
		}
	}
	return out, nil
}

// nameMax is the longest file name most file systems take, in bytes.
const nameMax = 255

// createTemp creates a new file ".BASE.RANDOM.tmp" in dir with mode (less
// the umask). os.CreateTemp would always make it 0600. BASE is cut short
// (at a character's start) when the whole name would not fit in nameMax
// bytes: a target with a name of 255 bytes still gets a temporary file,
// which the random part and O_EXCL keep unique.
func createTemp(dir, base string, mode fs.FileMode, g *Registry) (*os.File, error) {
	const extra = len("..4294967295.tmp")
	if len(base) > nameMax-extra {
		cut := nameMax - extra
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
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

// Commit makes the written file the target: its data reach the disk before
// the rename, so a crash leaves the old file or the new one, never an empty
// one. A descriptor target is closed.
func (o *File) Commit() error {
	if o.direct != nil {
		err := o.direct.Close()
		o.direct = nil
		return err
	}
	if o.tmp == nil {
		return nil
	}
	if err := o.tmp.Sync(); err != nil {
		o.Abort()
		return err
	}
	if err := o.tmp.Close(); err != nil {
		o.Abort()
		return err
	}
	if err := o.g.rename(o.tmp.Name(), o.target); err != nil {
		o.Abort()
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

// Abort removes the temporary file; the target is left as it was. A
// descriptor target is closed, with what was written to it. It is safe to
// call after Commit.
func (o *File) Abort() {
	if o.direct != nil {
		o.direct.Close() // what was written stays written: the close tells nothing more
		o.direct = nil
	}
	if o.tmp == nil {
		return
	}
	o.tmp.Close() // the file is being thrown away: its close error tells nothing
	o.g.remove(o.tmp.Name())
	o.tmp = nil
}

// Same reports whether two resolved outputs are one file that cannot take
// both writers.
func Same(a, b *Target) bool {
	switch {
	case a.FD >= 0 || b.FD >= 0:
		return a.FD == b.FD
	case a.Info != nil && b.Info != nil:
		return Clashes(a.Info) && os.SameFile(a.Info, b.Info)
	case a.Info != nil || b.Info != nil:
		return false
	}
	pa, erra := filepath.Abs(a.Path)
	pb, errb := filepath.Abs(b.Path)
	return erra == nil && errb == nil && pa == pb // two names of one file to be created
}

// Clashes reports whether two writers of the file info describes would
// spoil each other, or a writer and a reader: anything but a character
// device, which takes any writes.
func Clashes(info fs.FileInfo) bool {
	return info.Mode()&fs.ModeCharDevice == 0
}
