//go:build unix && !linux

package walk

import (
	"os"
	"syscall"
)

// File is an input opened for reading (Open; see open_linux.go).
type File struct{ *os.File }

// Open opens path for reading, if it is a regular file: without
// blocking, then looking at what it opened (see open_linux.go).
func Open(path string) (File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return File{}, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close() // the error of interest is Stat's
		return File{}, err
	}
	if !info.Mode().IsRegular() {
		f.Close() // not read: nothing to lose
		return File{}, &NotRegularError{kind: fileKind(info.Mode())}
	}
	return File{f}, nil
}

// Size returns the file's size, to size the read; -1 when unknown.
func (f File) Size() int64 {
	info, err := f.Stat()
	if err != nil {
		return -1
	}
	return info.Size()
}
