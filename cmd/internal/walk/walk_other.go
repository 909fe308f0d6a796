//go:build !unix

package walk

import (
	"io/fs"
	"os"
	"path/filepath"
)

// folder is a folder for the walk, by its path: there is no openat here.
type folder struct {
	path string
	id   any
}

// openFolder looks at the folder at path; its identity is its real path,
// as the file information here holds none.
func openFolder(_ *folder, _, path string) (*folder, error) {
	id, err := realFolder(path)
	if err != nil {
		return nil, err
	}
	return &folder{path: path, id: id}, nil
}

// entries lists the folder's entries sorted by name.
func (d *folder) entries() ([]fs.DirEntry, error) { return os.ReadDir(d.path) }

func (d *folder) close() {}

// realFolder is a folder's identity where its file information holds
// none: its absolute path with every link resolved.
func realFolder(path string) (any, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	return filepath.Abs(real)
}
