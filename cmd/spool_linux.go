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

// dropMappedPages lets go of the pages of the mapping read so far, which
// count in the process's resident memory though the file's pages belong to
// the system's cache: without it, reading back a spool of 130 MB would
// double the run's peak. The data stays: a page read again is mapped again
// from the cache.
func dropMappedPages(data []byte) {
	syscall.Madvise(data, syscall.MADV_DONTNEED) // advice: its failure costs memory, not data
}

// unmapSpool releases what mapSpool mapped.
func unmapSpool(data []byte) {
	if data != nil {
		syscall.Munmap(data) // only fails on a bad address, which mapSpool never gives
	}
}
