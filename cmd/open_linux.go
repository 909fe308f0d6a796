package cmd

import (
	"io"
	"io/fs"
	"syscall"
)

// inputFile is a file opened for reading by its bare descriptor. os.Open
// makes every file it opens non-blocking and offers it to the network
// poller, which Linux refuses for regular files, and gives each *os.File a
// cleanup to run: five system calls and two allocations a page, which a
// scrape of 100,000 small files paid for nothing. Plain blocking reads on
// the descriptor do the same work.
type inputFile struct {
	fd   int
	path string
}

// openFile opens path for reading.
func openFile(path string) (inputFile, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return inputFile{fd: -1}, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return inputFile{fd: fd, path: path}, nil
	}
}

// Read reads as os.File.Read does, io.EOF at the end.
func (f inputFile) Read(p []byte) (int, error) {
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
func (f inputFile) Close() error { return syscall.Close(f.fd) }

// regularSize returns the file's size, and whether it is a regular file,
// whose size can be trusted to size the read.
func (f inputFile) regularSize() (int64, bool) {
	var st syscall.Stat_t
	if syscall.Fstat(f.fd, &st) != nil {
		return -1, false
	}
	return st.Size, st.Mode&syscall.S_IFMT == syscall.S_IFREG
}
