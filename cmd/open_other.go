//go:build !linux

package cmd

import "os"

// inputFile is a file opened for reading (see open_linux.go).
type inputFile struct{ *os.File }

// openFile opens path for reading.
func openFile(path string) (inputFile, error) {
	f, err := os.Open(path)
	return inputFile{f}, err
}

// regularSize returns the file's size, and whether it is a regular file,
// whose size can be trusted to size the read.
func (f inputFile) regularSize() (int64, bool) {
	info, err := f.Stat()
	if err != nil {
		return -1, false
	}
	return info.Size(), info.Mode().IsRegular()
}
