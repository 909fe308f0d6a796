// Package spool holds the records of a run that pairs them (ingest, pair,
// check, diff) on disk until pairing has decided how they group, and reads
// them back in pairing's order.
package spool

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"unsafe"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/model"
)

// Spool holds records on disk until pairing needs them, so that `ingest`,
// `pair` and `check` keep in memory only what pairing decides on, not the
// records with their text: a record's pairing keys (model.PairKeys) until
// the pairing is decided, and where it lies in the file, its kind and its
// languages until it is written. The file is unlinked as soon as it is
// created, so nothing is left behind whatever way the run ends.
//
// Records are known by their index, in the order they were added.
//
// What is kept in memory holds no pointer: the collector marks it without
// reading it, where a hundred thousand records' keys as strings (half a
// million pointers) were read through at every collection of the run. It
// is kept in blocks of fixed size (see blocks), never copied to grow. The
// keys take 30 to 100 bytes a record, most of it the path, until pairing
// is decided (see Finish); the spans 16 bytes, pairing's order 8.
type Spool struct {
	f    *os.File
	w    *bufio.Writer
	size int64
	// kinds are the kinds of record the spool tells apart (see New).
	kinds []string
	// bufs holds the buffers records are read back into.
	bufs  bufpool.Pool
	spans blocks[span]
	// keys holds every record's pairing keys, as AddEncoded lays them out
	// (see key), in blocks of keyBlock bytes; keyAt[i] is where record i's
	// are. Both are dropped once the pairing is decided.
	keys  [][]byte
	keyAt blocks[keyRef]
	// order and ends are pairing's decision, made by Finish from the keys
	// (model.PairOrder): the records in the order they are written, and
	// where each group of them to merge ends.
	order, ends []int
	// limit keeps the heap to what the spool holds and some room, as it
	// grows (see heapLimit); held is what it was last set for.
	limit heapLimit
	held  int
}

// span locates one encoded record in the spool file, with what the filter
// of the records written asks of it.
type span struct {
	off   int64
	n     int32
	kind  uint8 // the record's kind as its index in Spool.kinds; len(kinds) for any other
	langs uint8 // bit l is set when model.Languages[l] is one of the record's languages
}

// keyRef locates a record's keys in Spool.keys.
type keyRef struct{ block, off uint32 }

// keyBlock is the size of the blocks of Spool.keys. A record's keys that
// do not fit in the room left in the last block start a new one, of their
// size when larger. The first block starts at firstKeyBlock and doubles up
// to keyBlock, so that a spool of a few records (a pair of a few lines, a
// test) does not clear a megabyte.
const (
	keyBlock      = 1 << 20
	firstKeyBlock = 4 << 10
)

// New creates a spool for records of the given kinds (at most 255, and
// model.KindProject among them, which pairing groups): a span keeps a
// record's kind as its index there, a byte with no pointer, and a record
// of a kind not among them reads back as kind "", as pairing and the
// filter of the records written see it. They are the caller's, who knows
// the kinds a run filters on (--kind), so that the two cannot disagree.
func New(kinds []string) (*Spool, error) {
	f, err := os.CreateTemp("", "iomparse-spool-*")
	if err != nil {
		return nil, fmt.Errorf("cannot create a spool file: %w", err)
	}
	// Unlinked at once: the open file stays usable, and the system frees
	// it when the process ends, even on a crash.
	if err := os.Remove(f.Name()); err != nil {
		f.Close() // the error of interest is Remove's
		return nil, err
	}
	return &Spool{f: f, w: bufio.NewWriterSize(f, 64<<10), kinds: kinds}, nil
}

// Add appends a record.
func (s *Spool) Add(r *model.Record) error {
	// The encoding of the json and jsonl outputs, so that a record that
	// pairing leaves as it is can be written without decoding it.
	b, err := r.AppendJSON(make([]byte, 0, 2048)) // room for most records
	if err != nil {
		return err
	}
	return s.AddEncoded(b, r)
}

// AddEncoded appends a record already encoded by r.AppendJSON, which the
// caller may have done on a worker: it is copied, and b can be reused
// once it returns.
func (s *Spool) AddEncoded(b []byte, r *model.Record) error {
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("cannot write the spool file: %w", err)
	}
	sp := span{off: s.size, n: int32(len(b)), kind: uint8(len(s.kinds))}
	if k := slices.Index(s.kinds, r.Kind); k >= 0 {
		sp.kind = uint8(k)
	}
	for l, lang := range model.Languages {
		if slices.Contains(r.Languages, lang) {
			sp.langs |= 1 << l
		}
	}
	s.spans.append(sp)
	s.size += int64(len(b))
	s.addKeys(model.KeysIn(r))
	if held := s.memory(); held != s.held { // when a block was added: rarely
		s.held = held
		s.limit.follow(held)
	}
	return nil
}

// addKeys copies a record's keys into s.keys: each key but the kind (which
// is in the span) as its length, a uvarint, and its bytes.
func (s *Spool) addKeys(k model.PairKeys) {
	fields := [...]string{k.Lang, k.Path, k.PrimaID, k.ProjectID}
	size := 0
	for _, v := range fields {
		size += uvarintLen(len(v)) + len(v)
	}
	switch n := len(s.keys); {
	case n == 0:
		s.keys = append(s.keys, make([]byte, 0, max(firstKeyBlock, size)))
	case cap(s.keys[n-1])-len(s.keys[n-1]) >= size:
	case n == 1 && len(s.keys[0])+size <= keyBlock:
		// The first block grows while small; the references into it are
		// offsets, which its copy keeps.
		grown := make([]byte, len(s.keys[0]), min(keyBlock, max(2*cap(s.keys[0]), len(s.keys[0])+size)))
		copy(grown, s.keys[0])
		s.keys[0] = grown
	default:
		s.keys = append(s.keys, make([]byte, 0, max(keyBlock, size)))
	}
	last := &s.keys[len(s.keys)-1]
	s.keyAt.append(keyRef{block: uint32(len(s.keys) - 1), off: uint32(len(*last))})
	for _, v := range fields {
		*last = append(binary.AppendUvarint(*last, uint64(len(v))), v...)
	}
}

// uvarintLen is the size of n as a uvarint.
func uvarintLen(n int) int {
	size := 1
	for ; n >= 0x80; n >>= 7 {
		size++
	}
	return size
}

// memory is the size of what the spool holds in memory for its records.
func (s *Spool) memory() int {
	held := s.spans.memory() + s.keyAt.memory() + (cap(s.order)+cap(s.ends))*int(unsafe.Sizeof(0))
	for _, b := range s.keys {
		held += cap(b)
	}
	return held
}

// key returns record i's pairing keys, as parts of keys, which are s.keys
// as strings.
func (s *Spool) key(keys []string, i int) model.PairKeys {
	at := s.keyAt.at(i)
	rest := keys[at.block][at.off:]
	var v [4]string
	for j := range v {
		n, size := uvarint(rest)
		v[j], rest = rest[size:size+n], rest[size+n:]
	}
	return model.PairKeys{Kind: s.Kind(i), Lang: v[0], Path: v[1], PrimaID: v[2], ProjectID: v[3]}
}

// Kind is record i's kind, "" for one not among the spool's kinds (see
// New): with Languages, what the filter of the records written asks of a
// record that pairs with none, without reading it back.
func (s *Spool) Kind(i int) string {
	if k := s.spans.at(i).kind; int(k) < len(s.kinds) {
		return s.kinds[k]
	}
	return ""
}

// Languages returns those of model.Languages record i is in, appended to
// room (which a caller can keep on its stack): what the filter of the
// records written needs of them.
func (s *Spool) Languages(i int, room []string) []string {
	langs := s.spans.at(i).langs
	for l, lang := range model.Languages {
		if langs&(1<<l) != 0 {
			room = append(room, lang)
		}
	}
	return room
}

// Size is the size of record i as spooled, which RawInto reads: room to
// ask of a pool for it.
func (s *Spool) Size(i int) int { return int(s.spans.at(i).n) }

// uvarint reads the uvarint at the start of s, which AddEncoded wrote,
// and its size in bytes.
func uvarint(s string) (n, size int) {
	for shift := 0; ; shift += 7 {
		c := s[size]
		size++
		n |= int(c&0x7f) << shift
		if c < 0x80 {
			return n, size
		}
	}
}

// Finish ends the writing and decides the pairing (s.order, s.ends), after
// which the keys are dropped: records can be read back from then on, by
// several goroutines at once.
func (s *Spool) Finish() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("cannot write the spool file: %w", err)
	}
	// As strings, which the keys are cut from: copied a block at a time,
	// so that the copy takes one block more.
	keys := make([]string, len(s.keys))
	for i, b := range s.keys {
		keys[i], s.keys[i] = string(b), nil
	}
	s.keys = nil
	s.order, s.ends = model.PairOrder(s.spans.len(), func(i int) model.PairKeys { return s.key(keys, i) })
	s.keyAt = blocks[keyRef]{}
	s.held = s.memory()
	s.limit.follow(s.held)
	return nil
}

// AllKeys returns every record's pairing keys, decoded, by index: for
// diff, which matches records by them once paired. It is called before
// Finish, which drops them.
func (s *Spool) AllKeys() []model.PairKeys {
	keys := make([]string, len(s.keys))
	for i, b := range s.keys {
		keys[i] = string(b)
	}
	out := make([]model.PairKeys, s.spans.len())
	for i := range out {
		out[i] = s.key(keys, i)
	}
	return out
}

// Groups yields pairing's decision as groups of records to merge (a
// project's, which may be one record), by key, then each record that pairs
// with none on its own, by path: every record once. Each group is a part of
// pairing's order, capped so that appending to it copies. It is called
// after Finish; the groups are made as they are asked for, so that the
// reduce, which takes them in turn, holds no slice of them all.
func (s *Spool) Groups() iter.Seq[[]int] {
	return func(yield func([]int) bool) {
		start := 0
		for _, end := range s.ends {
			if !yield(s.order[start:end:end]) {
				return
			}
			start = end
		}
		for j := start; j < len(s.order); j++ {
			if !yield(s.order[j : j+1 : j+1]) {
				return
			}
		}
	}
}

// GroupList returns the groups of Groups in a slice of their number: for
// diff, which goes back to them by index.
func (s *Spool) GroupList() [][]int {
	out := make([][]int, 0, len(s.ends)+len(s.order)-s.lastEnd())
	for g := range s.Groups() {
		out = append(out, g)
	}
	return out
}

// Order returns pairing's decision as model.PairOrder made it: the records
// in pairing's order, and where each group of a project ends in it, the
// records after the last pairing with none. Groups gives it in groups; a
// caller that needs to tell a project of one record from a record that
// pairs with none (BenchmarkReduce) reads it here. It is called after
// Finish, and neither slice is to be changed.
func (s *Spool) Order() (order, ends []int) { return s.order, s.ends }

// lastEnd is where the last group ends in s.order: the records after it
// pair with none.
func (s *Spool) lastEnd() int {
	if len(s.ends) == 0 {
		return 0
	}
	return s.ends[len(s.ends)-1]
}

// RawInto reads record i back as the compact JSON it was spooled as, into
// dst's room when it has enough. Records are read with pread, not from a
// mapping of the file: pairing reads them in key order, all over the file,
// and a mapping faulted in the system's large page-cache folios around
// every record read (250 MB of resident memory on 100,000 pages, and a
// third of the run's CPU in page faults), where pread copies the record
// alone.
func (s *Spool) RawInto(dst []byte, i int) ([]byte, error) {
	sp := s.spans.at(i)
	buf := dst[:0]
	if cap(buf) < int(sp.n) {
		buf = make([]byte, sp.n)
	}
	buf = buf[:sp.n]
	if _, err := s.f.ReadAt(buf, sp.off); err != nil && err != io.EOF {
		return nil, fmt.Errorf("cannot read the spool file: %w", err)
	}
	return buf, nil
}

// Get reads record i back, decoded.
func (s *Spool) Get(i int) (model.Record, error) {
	buf, err := s.RawInto(s.bufs.Get(int(s.spans.at(i).n)), i)
	if err != nil {
		return model.Record{}, err
	}
	defer s.bufs.Put(buf) // the decoder copies what it keeps
	var r model.Record
	if err := model.DecodeJSON(buf, &r); err != nil {
		return model.Record{}, fmt.Errorf("spool file corrupted: %w", err)
	}
	return r, nil
}

// Merge reads the records of one pairing group back and merges them, with
// the conflicts merging found.
func (s *Spool) Merge(group []int) (model.Record, []model.Diagnostic, error) {
	members := make([]model.Record, len(group))
	for j, i := range group {
		var err error
		if members[j], err = s.Get(i); err != nil {
			return model.Record{}, nil, err
		}
	}
	merged, diags := model.Merge(members)
	return merged, diags, nil
}

// Unlimit puts back the heap limit the spool set (see heapLimit), for a
// caller that holds memory the limit does not count on (a benchmark that
// keeps every record it reads back). Close does it too.
func (s *Spool) Unlimit() { s.limit.release() }

// Close releases the spool file, and the heap limit.
func (s *Spool) Close() {
	s.limit.release()
	s.f.Close() // unlinked already: nothing to keep, so its error tells nothing
}

// blocks is an append-only sequence of T held in blocks of blockLen, so
// that it grows without copying what it holds: a slice grown by append
// copies itself into one a quarter larger, and so needs, for a moment,
// more than twice its size. Only the first block is copied to grow, from
// firstBlockLen, doubling up to blockLen: so a spool of a few records does
// not clear half a megabyte. The zero value is empty and ready.
type blocks[T any] struct {
	b [][]T
	n int
}

const (
	blockLen      = 1 << 15
	firstBlockLen = 1 << 8
)

func (s *blocks[T]) append(v T) {
	switch {
	case len(s.b) == 0:
		s.b = append(s.b, make([]T, 0, firstBlockLen))
	case s.n%blockLen == 0:
		s.b = append(s.b, make([]T, 0, blockLen))
	case len(s.b) == 1 && len(s.b[0]) == cap(s.b[0]):
		grown := make([]T, len(s.b[0]), min(blockLen, 2*cap(s.b[0])))
		copy(grown, s.b[0])
		s.b[0] = grown
	}
	s.b[len(s.b)-1] = append(s.b[len(s.b)-1], v)
	s.n++
}

func (s *blocks[T]) at(i int) T { return s.b[i/blockLen][i%blockLen] }

func (s *blocks[T]) len() int { return s.n }

// memory is the size of the blocks.
func (s *blocks[T]) memory() int {
	var zero T
	return len(s.b) * blockLen * int(unsafe.Sizeof(zero))
}
