//go:build !linux

package cmd

import "os"

// mapSpool does not map the spool here: records are read back with pread
// (see spool_linux.go).
func mapSpool(*os.File, int64) []byte { return nil }

func dropMappedPages([]byte) {}

func unmapSpool([]byte) {}
