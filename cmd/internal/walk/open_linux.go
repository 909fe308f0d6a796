package walk

import (
	"io"
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// File is an input opened for reading (Open), by its bare descriptor. os.Open
// makes every file it opens non-blocking and offers it to the network
// poller, which Linux refuses for regular files, and gives each *os.File a
// cleanup to run: five system calls and two allocations a page, which a
// scrape of 100,000 small files paid for nothing. Plain blocking reads on
// the descriptor do the same work.
type File struct {
	fd   int
	path string
	size int64
}

// Open opens path for reading, if it is a regular file. It opens
// without blocking and then looks at what it opened: a FIFO or a device
// swapped in for a file after its folder was listed would otherwise block
// the open (a FIFO with no writer) or the reads, and stall the run. That
// is a NotRegularError, and the input is skipped as one found so while
// listing. The descriptor is then made blocking again: some file systems
// (FUSE) may honour O_NONBLOCK on regular files with EAGAIN.
func Open(path string) (File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return File{fd: -1}, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err != nil {
			syscall.Close(fd) // the error of interest is Fstat's
			return File{fd: -1}, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			syscall.Close(fd) // not read: nothing to lose
			return File{fd: -1}, &NotRegularError{kind: fileKind(statMode(st.Mode))}
		}
		// F_SETFL changes only the status flags, of which this open set
		// none but O_NONBLOCK: one call, not SetNonblock's two.
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_SETFL, 0); err != nil {
			syscall.Close(fd) // the error of interest is fcntl's
			return File{fd: -1}, &fs.PathError{Op: "fcntl", Path: path, Err: err}
		}
		return File{fd: fd, path: path, size: st.Size}, nil
	}
}

// statMode is the type bits of a stat mode as an fs.FileMode.
func statMode(m uint32) fs.FileMode {
	switch m & syscall.S_IFMT {
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}

// Read reads as os.File.Read does, io.EOF at the end.
func (f File) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// Close closes the descriptor.
func (f File) Close() error { return syscall.Close(f.fd) }

// Size returns the file's size when opened, to size the read; -1 when
// unknown.
func (f File) Size() int64 { return f.size }
