//go:build !unix

package cmd

import "os"

// mapSpool does not map the spool where mapping is not supported: records
// are read back with pread (see spool_unix.go).
func mapSpool(*os.File, int64) []byte { return nil }

// unmapSpool releases what mapSpool mapped: nothing here.
func unmapSpool([]byte) {}
