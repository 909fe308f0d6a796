package model

import (
	"bytes"
	"strings"
)

// ComparePaths orders sources' paths, as pairing orders the records that
// pair with none and Merge orders a record's sources: as strings, except
// that the records of a web archive, named "ARCHIVE#OFFSET" (or
// "ARCHIVE#OFFSET+INMEMBER", see ArchiveRecord) where ARCHIVE ends in
// .warc or .warc.gz, follow their byte offsets, as they lie in the
// archive: "a.warc.gz#9000" before "a.warc.gz#10604", which order as
// strings the other way. It compares the paths as if every such offset
// were written with twenty digits, zero-padded, so it is a total order and
// the order of other paths is plain string order. The names themselves
// keep the offsets as WARC indexes (CDX) write them.
func ComparePaths(a, b string) int {
	ia, ib := archiveSuffix(a), archiveSuffix(b)
	if ia < 0 && ib < 0 {
		return strings.Compare(a, b)
	}
	var bufA, bufB [256]byte // keys of usual lengths stay on the stack
	return bytes.Compare(pathKey(bufA[:0], a, ia), pathKey(bufB[:0], b, ib))
}

// offsetDigits is the width offsets are compared at: any int64's.
const offsetDigits = 20

// archiveSuffix returns the index of the "#" that starts an archive
// record's offsets in path, or -1 when path does not name one.
func archiveSuffix(path string) int {
	n := len(path)
	if n == 0 || path[n-1] < '0' || path[n-1] > '9' { // most paths: an extension
		return -1
	}
	i := strings.LastIndexByte(path, '#')
	if i < 0 {
		return -1
	}
	offset, inMember, two := strings.Cut(path[i+1:], "+")
	if !isOffset(offset) || (two && !isOffset(inMember)) {
		return -1
	}
	name := strings.ToLower(path[max(0, i-len(".warc.gz")):i])
	if !strings.HasSuffix(name, ".warc") && !strings.HasSuffix(name, ".warc.gz") {
		return -1
	}
	return i
}

func isOffset(s string) bool {
	if s == "" || len(s) > offsetDigits {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// pathKey appends the key ComparePaths compares path by: path itself, or,
// for an archive record (hash at i), its offsets zero-padded.
func pathKey(key []byte, path string, i int) []byte {
	if i < 0 {
		return append(key, path...)
	}
	key = append(key, path[:i+1]...)
	offset, inMember, two := strings.Cut(path[i+1:], "+")
	key = padded(key, offset)
	if two {
		key = padded(append(key, '+'), inMember)
	}
	return key
}

func padded(key []byte, digits string) []byte {
	for range offsetDigits - len(digits) {
		key = append(key, '0')
	}
	return append(key, digits...)
}
