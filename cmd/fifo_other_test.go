//go:build !unix

package cmd

import (
	"errors"
	"testing"
)

// mkfifo skips the test: this system has no named pipes.
func mkfifo(t *testing.T, _ string) {
	t.Skip("no named pipes on this system")
}

// mkchar cannot make device nodes here.
func mkchar(string, uint32, uint32) error { return errors.ErrUnsupported }
