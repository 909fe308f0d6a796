//go:build unix

package cmd

import (
	"math"
	"os"
	"syscall"
)

// mapSpool maps the finished spool file into memory, read-only, so that
// reading a record back is a slice of it: no system call and no copy for
// each of a scrape's 100,000 records. It returns nil, and the spool is read
// with pread, when the file cannot be mapped.
func mapSpool(f *os.File, size int64) []byte {
	if size <= 0 || size > math.MaxInt {
		return nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return data
}

// unmapSpool releases what mapSpool mapped.
func unmapSpool(data []byte) {
	if data != nil {
		syscall.Munmap(data) // only fails on a bad address, which mapSpool never gives
	}
}
