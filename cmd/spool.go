package cmd

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
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
// million pointers) were read through at every collection of the run. The
// keys take about 60 bytes a record until pairing is decided (see finish),
// the spans 16, and pairing's order 8: 100 MB for a million pages at most.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	size int64
	// bufs holds the buffers records are read back into.
	bufs  bufferPool
	spans []span
	// keys holds every record's pairing keys back to back, as addEncoded
	// lays them out (see key); keyEnds[i] is where record i's end. A
	// strings.Builder, so that pairing reads them as strings without a
	// copy of them all.
	keys    strings.Builder
	keyEnds []int
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
	s.spans = append(s.spans, sp)
	// The keys but the kind, which is in the span, each as its length (a
	// uvarint) and its bytes.
	k := model.KeysIn(r) // copied into s.keys
	var room [binary.MaxVarintLen64]byte
	for _, v := range [...]string{k.Lang, k.Path, k.PrimaID, k.ProjectID} {
		s.keys.Write(binary.AppendUvarint(room[:0], uint64(len(v))))
		s.keys.WriteString(v)
	}
	s.keyEnds = append(s.keyEnds, s.keys.Len())
	s.size += int64(len(b))
	if held := s.memory(); held != s.held { // when a slice has grown: rarely
		s.held = held
		s.limit.follow(held)
	}
	return nil
}

// memory is the size of what the spool holds in memory for its records.
func (s *spool) memory() int {
	return s.keys.Cap() + (cap(s.keyEnds)+cap(s.order)+cap(s.ends))*int(unsafe.Sizeof(0)) + cap(s.spans)*int(unsafe.Sizeof(span{}))
}

// key returns record i's pairing keys, as parts of all, which is s.keys
// as one string.
func (s *spool) key(all string, i int) model.PairKeys {
	start := 0
	if i > 0 {
		start = s.keyEnds[i-1]
	}
	rest := all[start:s.keyEnds[i]]
	var v [4]string
	for j := range v {
		n, size := uvarint(rest)
		v[j], rest = rest[size:size+n], rest[size+n:]
	}
	return model.PairKeys{Kind: s.spans[i].kindName(), Lang: v[0], Path: v[1], PrimaID: v[2], ProjectID: v[3]}
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
	all := s.keys.String()
	s.order, s.ends = model.PairOrder(len(s.spans), func(i int) model.PairKeys { return s.key(all, i) })
	s.keys.Reset()
	s.keyEnds = nil
	s.held = s.memory()
	s.limit.follow(s.held)
	return nil
}

// rawInto reads record i back as the compact JSON it was spooled as, into
// dst's room when it has enough. Records are read with pread, not from a
// mapping of the file: pairing reads them in key order, all over the file,
// and a mapping faulted in the system's large page-cache folios around
// every record read (250 MB of resident memory on 100,000 pages, and a
// third of the run's CPU in page faults), where pread copies the record
// alone.
func (s *spool) rawInto(dst []byte, i int) ([]byte, error) {
	sp := s.spans[i]
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
	buf, err := s.rawInto(s.bufs.get(int(s.spans[i].n)), i)
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
