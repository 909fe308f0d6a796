//go:build unix

package walk

import (
	"io/fs"
	"os"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

// folder is a folder open for the walk: its descriptor, from which its
// entries are read and its subfolders opened (openat), and its identity.
type folder struct {
	f  *os.File
	id folderKey
}

// folderKey identifies a folder: its device and inode.
type folderKey struct{ dev, ino uint64 }

// openFolder opens the folder name of parent, following a symbolic link,
// or the folder at path when parent is nil or closed; path names it in
// errors and in what the walk yields.
func openFolder(parent *folder, name, path string) (*folder, error) {
	dirfd, at := unix.AT_FDCWD, path
	if parent != nil && parent.f != nil {
		dirfd, at = int(parent.f.Fd()), name
	}
	var fd int
	var err error
	for {
		fd, err = unix.Openat(dirfd, at, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd) // the error of interest is Fstat's
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return &folder{f: os.NewFile(uintptr(fd), path), id: folderKey{dev: uint64(st.Dev), ino: uint64(st.Ino)}}, nil
}

// entries lists the folder's entries sorted by name, as os.ReadDir does;
// with an error, those read before it.
func (d *folder) entries() ([]fs.DirEntry, error) {
	entries, err := d.f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// close closes the folder's descriptor, once: later calls do nothing.
func (d *folder) close() {
	if d != nil && d.f != nil {
		d.f.Close() // read-only: nothing to lose
		d.f = nil
	}
}
