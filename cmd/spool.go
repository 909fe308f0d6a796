package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/iomparse/iomparse/model"
)

// spool holds records on disk until pairing needs them, so that `ingest`,
// `pair` and `check` keep in memory only what pairing decides on
// (model.PairKeys, languages and a file offset per record), not the records
// with their text. The file
// is unlinked as soon as it is created, so nothing is left behind whatever
// way the run ends.
type spool struct {
	f       *os.File
	w       *bufio.Writer
	size    int64
	spans   []span
	keys    []model.PairKeys
	langs   [][]string // each record's languages, for --lang without decoding it
	flushed bool
}

// span locates one encoded record in the spool file.
type span struct {
	off int64
	n   int32
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
	s.spans = append(s.spans, span{off: s.size, n: int32(len(b))})
	s.keys = append(s.keys, model.KeysOf(r))
	s.langs = append(s.langs, r.Languages)
	s.size += int64(len(b))
	return nil
}

// raw reads record i back as the compact JSON it was spooled as.
func (s *spool) raw(i int) ([]byte, error) {
	if !s.flushed {
		if err := s.w.Flush(); err != nil {
			return nil, fmt.Errorf("cannot write the spool file: %w", err)
		}
		s.flushed = true
	}
	sp := s.spans[i]
	buf := make([]byte, sp.n)
	if _, err := s.f.ReadAt(buf, sp.off); err != nil && err != io.EOF {
		return nil, fmt.Errorf("cannot read the spool file: %w", err)
	}
	return buf, nil
}

// get reads record i back.
func (s *spool) get(i int) (model.Record, error) {
	buf, err := s.raw(i)
	if err != nil {
		return model.Record{}, err
	}
	var r model.Record
	if err := json.Unmarshal(buf, &r); err != nil {
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

// writePaired pairs the spooled records and writes those the filter keeps,
// in pairing's order (model.Pair's), printing the conflicts pairing finds.
// It is the reduce step of both ingest and pair, so the two write the same
// bytes. A record that pairing leaves as it is goes out as it was spooled
// when the encoder takes JSON as it is. It returns how many records it
// wrote.
func writePaired(ctx context.Context, sp *spool, enc Encoder, filter *recordFilter, rep *reporter) (int, error) {
	raw, _ := enc.(rawEncoder)
	written := 0
	write := func(group []int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(group) == 1 {
			i := group[0]
			if !filter.matchKeys(sp.keys[i].Kind, sp.langs[i]) {
				return nil
			}
			written++
			if raw != nil {
				b, err := sp.raw(i)
				if err != nil {
					return err
				}
				return wrapWrite(raw.EncodeRaw(b))
			}
			r, err := sp.get(i)
			if err != nil {
				return err
			}
			return wrapWrite(enc.Encode(&r))
		}
		r, conflicts, err := sp.merge(group)
		if err != nil {
			return err
		}
		rep.diagnostics(conflicts)
		if !filter.match(&r) {
			return nil // filtered after pairing: a project in en+fr passes --lang fr
		}
		written++
		return wrapWrite(enc.Encode(&r))
	}
	groups, rest := model.PairGroups(sp.keys)
	for _, g := range groups {
		if err := write(g); err != nil {
			return written, err
		}
	}
	for _, i := range rest {
		if err := write([]int{i}); err != nil {
			return written, err
		}
	}
	return written, nil
}

// wrapWrite marks an error of the encoder as a failed write.
func wrapWrite(err error) error {
	if err != nil {
		return writeFailed(err)
	}
	return nil
}
