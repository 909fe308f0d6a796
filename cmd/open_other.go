//go:build !linux

package cmd

import "os"

// openFile opens a file for reading (see open_linux.go).
func openFile(path string) (*os.File, error) { return os.Open(path) }
