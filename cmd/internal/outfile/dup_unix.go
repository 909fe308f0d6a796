//go:build unix

package outfile

import (
	"io/fs"
	"os"
	"syscall"
)

// dupDescriptor returns a copy of this process's descriptor fd, to write
// records to as to the descriptor itself: same offset, same append mode.
func dupDescriptor(fd int, name string) (*os.File, error) {
	d, err := syscall.Dup(fd)
	if err != nil {
		return nil, &fs.PathError{Op: "dup", Path: name, Err: err}
	}
	syscall.CloseOnExec(d)
	return os.NewFile(uintptr(d), name), nil
}
