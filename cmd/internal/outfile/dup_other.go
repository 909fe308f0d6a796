//go:build !unix

package outfile

import (
	"errors"
	"io/fs"
	"os"
)

// dupDescriptor is not needed where there are no descriptor links.
func dupDescriptor(_ int, name string) (*os.File, error) {
	return nil, &fs.PathError{Op: "dup", Path: name, Err: errors.ErrUnsupported}
}
