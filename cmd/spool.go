package cmd

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"unsafe"

	"github.com/iomparse/iomparse/model"
)

// spool holds records on disk until pairing needs them, so that `ingest`,
// `pair` and `check` keep in memory only what pairing decides on, not the
// records with their text: a record's pairing keys (model.PairKeys) until
// the pairing is decided, and where it lies in the file, its kind and its
// languages until it is written. The file is unlinked as soon as it is
// created, so nothing is left behind whatever way the run ends.
//
// What is kept in memory holds no pointer: the collector marks it without
// reading it, where a hundred thousand records' keys as strings (half a
// million pointers) were read through at every collection of the run. It
// is kept in blocks of fixed size (see blocks), never copied to grow. The
// keys take 30 to 100 bytes a record, most of it the path, until pairing
// is decided (see finish); the spans 16 bytes, pairing's order 8.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	size int64
	// bufs holds the buffers records are read back into.
	bufs  bufferPool
	spans blocks[span]
	// keys holds every record's pairing keys, as addEncoded lays them out
	// (see key), in blocks of keyBlock bytes; keyAt[i] is where record i's
	// are. Both are dropped once the pairing is decided.
	keys  [][]byte
	keyAt blocks[keyRef]
	// order and ends are pairing's decision, made by finish from the keys
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
	kind  uint8 // the record's kind as its index in recordKinds; len(recordKinds) for any other
	langs uint8 // bit l is set when model.Languages[l] is one of the record's languages
}

// keyRef locates a record's keys in spool.keys.
type keyRef struct{ block, off uint32 }

// keyBlock is the size of the blocks of spool.keys. A record's keys that
// do not fit in the room left in the last block start a new one, of their
// size when larger.
const keyBlock = 1 << 20

func newSpool() (*spool, error) {
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
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends a record.
func (s *spool) add(r *model.Record) error {
	// The encoding of the json and jsonl outputs, so that a record that
	// pairing leaves as it is can be written without decoding it.
	b, err := marshalJSON(r, "")
	if err != nil {
		return err
	}
	return s.addEncoded(b, r)
}

// addEncoded appends a record already encoded by marshalJSON(r, "").
func (s *spool) addEncoded(b []byte, r *model.Record) error {
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("cannot write the spool file: %w", err)
	}
	sp := span{off: s.size, n: int32(len(b)), kind: uint8(len(recordKinds))}
	if k := slices.Index(recordKinds, r.Kind); k >= 0 {
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
func (s *spool) addKeys(k model.PairKeys) {
	fields := [...]string{k.Lang, k.Path, k.PrimaID, k.ProjectID}
	size := 0
	for _, v := range fields {
		size += uvarintLen(len(v)) + len(v)
	}
	if n := len(s.keys); n == 0 || cap(s.keys[n-1])-len(s.keys[n-1]) < size {
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
func (s *spool) memory() int {
	held := s.spans.memory() + s.keyAt.memory() + (cap(s.order)+cap(s.ends))*int(unsafe.Sizeof(0))
	for _, b := range s.keys {
		held += cap(b)
	}
	return held
}

// key returns record i's pairing keys, as parts of keys, which are s.keys
// as strings.
func (s *spool) key(keys []string, i int) model.PairKeys {
	at := s.keyAt.at(i)
	rest := keys[at.block][at.off:]
	var v [4]string
	for j := range v {
		n, size := uvarint(rest)
		v[j], rest = rest[size:size+n], rest[size+n:]
	}
	return model.PairKeys{Kind: s.spans.at(i).kindName(), Lang: v[0], Path: v[1], PrimaID: v[2], ProjectID: v[3]}
}

// kindName is the record's kind, "" for one not in recordKinds.
func (sp span) kindName() string {
	if int(sp.kind) < len(recordKinds) {
		return recordKinds[sp.kind]
	}
	return ""
}

// languages returns those of model.Languages the record is in, appended
// to room: what the filter of the records written needs of them.
func (sp span) languages(room []string) []string {
	for l, lang := range model.Languages {
		if sp.langs&(1<<l) != 0 {
			room = append(room, lang)
		}
	}
	return room
}

// uvarint reads the uvarint at the start of s, which addEncoded wrote,
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

// finish ends the writing and decides the pairing (s.order, s.ends), after
// which the keys are dropped: records can be read back from then on, by
// several goroutines at once.
func (s *spool) finish() error {
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

// allKeys returns every record's pairing keys, decoded, by index: for
// diff, which matches records by them once paired. It is called before
// finish, which drops them.
func (s *spool) allKeys() []model.PairKeys {
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

// groups returns pairing's decision as groups of records to merge, by key,
// then each record that pairs with none on its own, by path: every record
// once. It is called after finish.
func (s *spool) groups() [][]int {
	out := make([][]int, 0, len(s.ends)+len(s.order)-s.lastEnd())
	start := 0
	for _, end := range s.ends {
		out = append(out, s.order[start:end:end])
		start = end
	}
	for j := start; j < len(s.order); j++ {
		out = append(out, s.order[j:j+1:j+1])
	}
	return out
}

// lastEnd is where the last group ends in s.order: the records after it
// pair with none.
func (s *spool) lastEnd() int {
	if len(s.ends) == 0 {
		return 0
	}
	return s.ends[len(s.ends)-1]
}

// rawInto reads record i back as the compact JSON it was spooled as, into
// dst's room when it has enough. Records are read with pread, not from a
// mapping of the file: pairing reads them in key order, all over the file,
// and a mapping faulted in the system's large page-cache folios around
// every record read (250 MB of resident memory on 100,000 pages, and a
// third of the run's CPU in page faults), where pread copies the record
// alone.
func (s *spool) rawInto(dst []byte, i int) ([]byte, error) {
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

// get reads record i back.
func (s *spool) get(i int) (model.Record, error) {
	buf, err := s.rawInto(s.bufs.get(int(s.spans.at(i).n)), i)
	if err != nil {
		return model.Record{}, err
	}
	defer s.bufs.put(buf) // the decoder copies what it keeps
	var r model.Record
	if err := model.DecodeJSON(buf, &r); err != nil {
		return model.Record{}, fmt.Errorf("spool file corrupted: %w", err)
	}
	return r, nil
}

// merge reads the records of one pairing group back and merges them, with
// the conflicts merging found.
func (s *spool) merge(group []int) (model.Record, []model.Diagnostic, error) {
	members := make([]model.Record, len(group))
	for j, i := range group {
		var err error
		if members[j], err = s.get(i); err != nil {
			return model.Record{}, nil, err
		}
	}
	merged, diags := model.Merge(members)
	return merged, diags, nil
}

// close releases the spool file.
func (s *spool) close() {
	s.limit.release()
	s.f.Close() // unlinked already: nothing to keep, so its error tells nothing
}

// blocks is an append-only sequence of T held in blocks of blockLen, so
// that it grows without copying what it holds: a slice grown by append
// copies itself into one a quarter larger, and so needs, for a moment,
// more than twice its size. The zero value is empty and ready.
type blocks[T any] struct {
	b [][]T
	n int
}

const blockLen = 1 << 15

func (s *blocks[T]) append(v T) {
	if s.n%blockLen == 0 {
		s.b = append(s.b, make([]T, 0, blockLen))
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
