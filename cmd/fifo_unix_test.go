//go:build unix

package cmd

import (
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// mkfifo makes a named pipe at path.
func mkfifo(t *testing.T, path string) {
	require.NoError(t, syscall.Mkfifo(path, 0o644))
}

// mkchar makes a character device node at path, with Linux's numbers
// (1, 3 is null, 1, 7 is full), so that tests write to a device of their
// own, never to the system's /dev: a regression would replace that. It
// fails where device nodes cannot be made (not root, a container).
func mkchar(path string, major, minor uint32) error {
	return syscall.Mknod(path, syscall.S_IFCHR|0o666, int(major<<8|minor))
}
