//go:build unix && !linux

package cmd

import (
	"os"
	"syscall"
)

// inputFile is a file opened for reading (see open_linux.go).
type inputFile struct{ *os.File }

// openFile opens path for reading, if it is a regular file: without
// blocking, then looking at what it opened (see open_linux.go).
func openFile(path string) (inputFile, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return inputFile{}, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close() // the error of interest is Stat's
		return inputFile{}, err
	}
	if !info.Mode().IsRegular() {
		f.Close() // not read: nothing to lose
		return inputFile{}, &errNotRegular{kind: fileKind(info.Mode())}
	}
	return inputFile{f}, nil
}

// regularSize returns the file's size, to size the read.
func (f inputFile) regularSize() int64 {
	info, err := f.Stat()
	if err != nil {
		return -1
	}
	return info.Size()
}
