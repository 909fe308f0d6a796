package cmd

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/iomparse/iomparse/model"
)

// spool holds records on disk until pairing needs them, so that `ingest`,
// `pair` and `check` keep in memory only what pairing decides on
// (model.PairKeys, languages and a file offset per record), not the records
// with their text. The file is unlinked as soon as it is created, so
// nothing is left behind whatever way the run ends.
//
// What is kept in memory while records come in holds no pointer: the
// collector marks it without reading it, where a hundred thousand records'
// keys as strings (half a million pointers) were read through at every
// collection of the run.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	size int64
	// bufs holds the buffers records are read back into.
	bufs  bufferPool
	spans []span
	// text holds the strings of every record's keys and languages back
	// to back, as addEncoded lays them out (see textKind); textEnds[i] is
	// where record i's strings end.
	text     []byte
	textEnds []int
	// keys and langs are read out of text once the spool is finished.
	keys  []model.PairKeys
	langs [][]string
}

// span locates one encoded record in the spool file.
type span struct {
	off int64
	n   int32
}

// Each record's strings in spool.text: its pairing keys, then its
// languages, each string as its length (a uvarint) and its bytes.
const (
	textKind = iota
	textPrimaID
	textProjectID
	textLang
	textPath
	textLanguages // the rest: one string per language
)

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
	s.spans = append(s.spans, span{off: s.size, n: int32(len(b))})
	k := model.KeysIn(r) // copied into s.text
	for _, v := range [...]string{k.Kind, k.PrimaID, k.ProjectID, k.Lang, k.Path} {
		s.text = append(binary.AppendUvarint(s.text, uint64(len(v))), v...)
	}
	for _, l := range r.Languages {
		s.text = append(binary.AppendUvarint(s.text, uint64(len(l))), l...)
	}
	s.textEnds = append(s.textEnds, len(s.text))
	s.size += int64(len(b))
	return nil
}

// recordStrings returns record i's strings in text (see textKind), as parts
// of all, which is text as one string.
func (s *spool) recordStrings(all string, i int) []string {
	start := 0
	if i > 0 {
		start = s.textEnds[i-1]
	}
	var parts []string
	for rest := all[start:s.textEnds[i]]; rest != ""; {
		n, size := uvarint(rest)
		parts = append(parts, rest[size:size+n])
		rest = rest[size+n:]
	}
	return parts
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

// finish ends the writing: records can be read back from then on, by
// several goroutines at once.
func (s *spool) finish() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("cannot write the spool file: %w", err)
	}
	all := string(s.text)
	s.text = nil
	s.keys = make([]model.PairKeys, len(s.spans))
	s.langs = make([][]string, len(s.spans))
	for i := range s.keys {
		v := s.recordStrings(all, i)
		s.keys[i] = model.PairKeys{Kind: v[textKind], PrimaID: v[textPrimaID], ProjectID: v[textProjectID], Lang: v[textLang], Path: v[textPath]}
		if len(v) > textLanguages {
			s.langs[i] = v[textLanguages:]
		}
	}
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
	s.f.Close() // unlinked already: nothing to keep, so its error tells nothing
}
