package cmd

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

// output is where records go: standard output, a file written atomically
// (so that a failed or interrupted run never leaves half a file and an
// existing file is replaced only by a complete one), or a descriptor target
// (a terminal, a FIFO, /dev/null, /dev/stdout) written straight.
type output struct {
	io.Writer
	tmp    *os.File   // the temporary file, until commit or abort
	target string     // what tmp becomes
	direct io.Closer  // a descriptor target opened here, closed at the end
	g      *interrupt // where tmp is registered
}

// openOutput opens path for writing, or returns stdout when path is "".
//
// A regular file, or a name that does not exist yet, is written through a
// temporary file in the target's folder (so the final rename stays on one
// file system) until commit. A symbolic link is followed to what it points
// to, which is replaced (or created, when the link dangles): the link
// stays. What is not a regular file is a descriptor target, opened and
// written straight, with no temporary file and no rename: a character
// device or a FIFO, and a descriptor of this process named through
// /proc/self/fd or /dev/fd (so /dev/stdout), which is written as it is
// (descriptor 1 is stdout), keeping its offset and its append mode as a
// shell's redirection does. A folder or a block device is refused. An
// existing file keeps its permissions; a new one gets 0666 less the umask,
// as any file the user creates.
func openOutput(path string, stdout io.Writer, g *interrupt) (*output, error) {
	if path == "" {
		return &output{Writer: stdout}, nil
	}
	t, err := resolveOutput(path)
	if err != nil {
		return nil, err
	}
	switch {
	case t.fd == 1:
		return &output{Writer: stdout}, nil
	case t.fd >= 0:
		f, err := dupDescriptor(t.fd, path)
		if err != nil {
			return nil, err
		}
		return &output{Writer: f, direct: f}, nil
	case !t.straight && (t.info == nil || t.info.Mode().IsRegular()):
		return openTemp(t.path, t.info, g)
	case t.info.IsDir():
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EISDIR}
	case t.info.Mode()&fs.ModeDevice != 0 && t.info.Mode()&fs.ModeCharDevice == 0:
		return nil, errors.New("a block device: records are not written to one")
	}
	f, err := os.OpenFile(t.path, os.O_WRONLY, 0) // a character device, a FIFO, another process's descriptor
	if err != nil {
		return nil, err
	}
	return &output{Writer: f, direct: f}, nil
}

// outputTarget is what an output path names once its symbolic links are
// followed.
type outputTarget struct {
	path string      // the file itself: never a symbolic link
	info fs.FileInfo // nil when it does not exist yet
	fd   int         // a descriptor of this process the path names, or -1
	// straight is set for a file reached through another process's
	// descriptor: it is written as it is, never renamed over.
	straight bool
}

// maxLinks bounds the symbolic links followed, as the system's ELOOP does.
const maxLinks = 40

// resolveOutput follows the symbolic links of path's last element, one at
// a time, to the file they lead to, which may not exist. Each link's
// target is taken from the link's real folder, as the system does. A link
// in a process's descriptor folder (/proc/PID/fd, which /dev/fd and
// /dev/stdout lead to) is where following stops: its target is a
// descriptor, not a name (it reads "pipe:[1234]" for a pipe).
func resolveOutput(path string) (outputTarget, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return outputTarget{path: p, fd: -1}, nil
		case err != nil:
			return outputTarget{}, err
		case info.Mode()&fs.ModeSymlink == 0:
			return outputTarget{path: p, info: info, fd: -1}, nil
		}
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return outputTarget{}, err
		}
		if fd, ok := descriptorLink(dir, filepath.Base(p)); ok {
			return descriptorTarget(p, fd)
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return outputTarget{}, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(dir, dest)
		}
		p = dest
	}
	return outputTarget{}, &fs.PathError{Op: "open", Path: path, Err: syscall.ELOOP}
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
func descriptorTarget(p string, fd int) (outputTarget, error) {
	if fd >= 0 {
		return outputTarget{path: p, fd: fd}, nil
	}
	info, err := os.Stat(p)
	if err != nil {
		return outputTarget{}, err
	}
	return outputTarget{path: p, info: info, fd: -1, straight: true}, nil
}

// openTemp opens a temporary file to replace (or create) the regular file
// target, whose info is nil when it does not exist.
func openTemp(target string, info fs.FileInfo, g *interrupt) (*output, error) {
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
	out := &output{Writer: tmp, tmp: tmp, target: target, g: g}
	if info != nil {
		// The umask applied at creation may have taken bits the target has.
		if err := tmp.Chmod(mode); err != nil {
			out.abort()
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
func createTemp(dir, base string, mode fs.FileMode, g *interrupt) (*os.File, error) {
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

// commit makes the written file the target: its data reach the disk before
// the rename, so a crash leaves the old file or the new one, never an empty
// one. A descriptor target is closed.
func (o *output) commit() error {
	if o.direct != nil {
		err := o.direct.Close()
		o.direct = nil
		return err
	}
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

// abort removes the temporary file; the target is left as it was. A
// descriptor target is closed, with what was written to it. It is safe to
// call after commit.
func (o *output) abort() {
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

// checkOutputs refuses, as a usage error, a command line whose outputs
// would destroy what it reads or each other: -o and --report naming the
// same file, or either naming one of the inputs given (compared by the
// file itself, so another name or a link to an input counts). A file
// inside an input folder is not looked for: the walk would have to be done
// first. Character devices (/dev/null, a terminal) may be shared.
func checkOutputs(stdio IO, inputs []string, output, report string) error {
	named := []struct{ flag, path string }{{"-o", output}, {"--report", report}}
	var targets [2]*outputTarget
	for i, o := range named {
		if o.path == "" {
			continue
		}
		t, err := resolveOutput(stdio.path(o.path))
		if err != nil {
			continue // reported when the output is opened
		}
		targets[i] = &t
	}
	if targets[0] != nil && targets[1] != nil && sameTarget(targets[0], targets[1]) {
		return usageErrorf("-o and --report name the same file (%s): each needs its own", output)
	}
	for i, t := range targets {
		if t == nil || t.fd >= 0 || t.info == nil || !clashes(t.info) {
			continue
		}
		for _, in := range inputs {
			if in == "-" {
				continue
			}
			if info, err := os.Stat(stdio.path(in)); err == nil && os.SameFile(info, t.info) {
				return usageErrorf("%s %s is the input %s: writing it would destroy what is read", named[i].flag, named[i].path, in)
			}
		}
	}
	return nil
}

// sameTarget reports whether two resolved outputs are one file that
// cannot take both.
func sameTarget(a, b *outputTarget) bool {
	switch {
	case a.fd >= 0 || b.fd >= 0:
		return a.fd == b.fd
	case a.info != nil && b.info != nil:
		return clashes(a.info) && os.SameFile(a.info, b.info)
	case a.info != nil || b.info != nil:
		return false
	}
	pa, erra := filepath.Abs(a.path)
	pb, errb := filepath.Abs(b.path)
	return erra == nil && errb == nil && pa == pb // two names of one file to be created
}

// clashes reports whether two writers of the file info describes would
// spoil each other: anything but a character device, which takes any
// writes.
func clashes(info fs.FileInfo) bool {
	return info.Mode()&fs.ModeCharDevice == 0
}
