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

// spool holds records on disk until pairing needs them, so that `ingest`
// and `pair` keep in memory only what pairing decides on (model.PairKeys
// and a file offset per record), not the records with their text. The file
// is unlinked as soon as it is created, so nothing is left behind whatever
// way the run ends.
type spool struct {
	f       *os.File
	w       *bufio.Writer
	size    int64
	spans   []span
	keys    []model.PairKeys
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
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("cannot write the spool file: %w", err)
	}
	s.spans = append(s.spans, span{off: s.size, n: int32(len(b))})
	s.keys = append(s.keys, model.KeysOf(r))
	s.size += int64(len(b))
	return nil
}

// get reads record i back.
func (s *spool) get(i int) (model.Record, error) {
	if !s.flushed {
		if err := s.w.Flush(); err != nil {
			return model.Record{}, fmt.Errorf("cannot write the spool file: %w", err)
		}
		s.flushed = true
	}
	sp := s.spans[i]
	buf := make([]byte, sp.n)
	if _, err := s.f.ReadAt(buf, sp.off); err != nil && err != io.EOF {
		return model.Record{}, fmt.Errorf("cannot read the spool file: %w", err)
	}
	var r model.Record
	if err := json.Unmarshal(buf, &r); err != nil {
		return model.Record{}, fmt.Errorf("spool file corrupted: %w", err)
	}
	return r, nil
}

// pair pairs the spooled records and hands each resulting record to emit,
// in the order model.Pair gives, with the diagnostics pairing found.
func (s *spool) pair(emit func(r *model.Record, diags []model.Diagnostic) error) error {
	groups, rest := model.PairGroups(s.keys)
	for _, g := range groups {
		members := make([]model.Record, len(g))
		for j, i := range g {
			var err error
			if members[j], err = s.get(i); err != nil {
				return err
			}
		}
		merged, diags := model.Merge(members)
		if err := emit(&merged, diags); err != nil {
			return err
		}
	}
	for _, i := range rest {
		r, err := s.get(i)
		if err != nil {
			return err
		}
		if err := emit(&r, nil); err != nil {
			return err
		}
	}
	return nil
}

// close releases the spool file.
func (s *spool) close() {
	s.f.Close() // unlinked already: nothing to keep, so its error tells nothing
}

// writePaired pairs the spooled records and writes those the filter keeps,
// in pairing's order, printing the conflicts pairing finds. It is the reduce
// step of both ingest and pair, so the two write the same bytes. It returns
// how many records it wrote.
func writePaired(ctx context.Context, sp *spool, enc Encoder, filter *recordFilter, rep *reporter) (int, error) {
	written := 0
	err := sp.pair(func(r *model.Record, conflicts []model.Diagnostic) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep.diagnostics(conflicts)
		if !filter.match(r) {
			return nil // filtered after pairing: a project in en+fr passes --lang fr
		}
		written++
		if err := enc.Encode(r); err != nil {
			return writeFailed(err)
		}
		return nil
	})
	return written, err
}
