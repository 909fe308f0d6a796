package cmd

import (
	"context"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/spool"
	"github.com/iomparse/iomparse/cmd/internal/workers"
	"github.com/iomparse/iomparse/model"
)

// The reduce step, shared by ingest, pair and check: the records wait in a
// spool (memory holds only their keys), pairing groups them by project
// (model.PairOrder), the workers merge each group (model.Merge), and a
// sink takes the groups in pairing's order: the encoder (ingest, pair),
// the conflicts alone (check), the records themselves (diff, the tests).

// group is one unit of pairing's output: the records of one project,
// merged, or one record that pairs with no other, as it was spooled.
type group struct {
	members   []int              // the records, as spool indexes, in the order Merge prefers them
	merged    *model.Record      // the merge of the members; nil for one record, left as spooled
	conflicts []model.Diagnostic // what merging found, also in merged.Conflicts
}

// A pairSink takes pairing's output. work runs on the workers, once per
// group, and may read the group's record back from the spool (sp.Get, or
// sp.RawInto for its JSON); emit runs alone, in pairing's
// order (projects by key, then the other records by path), with what work
// made of the group. An error from either ends the reduce.
type pairSink[T any] interface {
	work(g *group) (T, error)
	emit(g *group, v T) error
}

// reduce pairs the records of a spool, whose writing it finishes, and hands
// every group to sink, on jobs workers, in pairing's order: the output is
// the same whatever the parallelism and whatever the order the records
// were spooled in.
func reduce[T any](ctx context.Context, sp *spool.Spool, jobs int, sink pairSink[T]) error {
	if err := sp.Finish(); err != nil {
		return err
	}
	type done struct {
		g   group
		v   T
		err error
	}
	// work fills d, which is in the batch's slice: a done of its own would
	// be moved to the heap, since the sink sees &d.g.
	work := func(d *done, members []int) {
		d.g.members = members
		if len(members) > 1 {
			merged, conflicts, err := sp.Merge(members)
			if err != nil {
				d.err = err
				return
			}
			d.g.merged, d.g.conflicts = &merged, conflicts
		}
		d.v, d.err = sink.work(&d.g)
	}
	// Groups go to the workers in batches: most are one record, whose
	// work (one read) costs less than handing it over alone. Batches of 16
	// took a tenth less CPU than of 64 on a 100,000-page ingest: with 16
	// batches a worker waiting in the pool's queues, fewer records and
	// buffers are in flight.
	const batch = 16
	return workers.MapOrdered(ctx, jobs, workers.Chunks(sp.Groups(), batch),
		func(gs [][]int) []done {
			out := make([]done, len(gs))
			for k, g := range gs {
				work(&out[k], g)
			}
			return out
		},
		func(ds []done) error {
			for k := range ds {
				d := &ds[k]
				if d.err != nil {
					return d.err
				}
				if err := sink.emit(&d.g, d.v); err != nil {
					return err
				}
			}
			return nil
		}, internalError)
}

// encoderSink writes the paired records that the filter keeps through the
// run's encoder, with the conflicts pairing found on standard error: the
// reduce of ingest and pair, which so write the same bytes. A record that
// pairing leaves as it is goes out as it was spooled when the encoder takes
// compact JSON, without being decoded.
type encoderSink struct {
	sp     *spool.Spool
	w      *encode.RecordWriter
	filter *recordFilter
	rep    *reporter
	bufs   bufpool.Pool // records read back or encoded, until written
}

// encodedGroup is a group ready to write: its record as compact JSON for a
// raw encoder, or decoded; neither when the filter leaves it out.
type encodedGroup struct {
	record  *model.Record
	encoded []byte // from bufs
	// prepared tells that encoded is what the encoder writes, prepared
	// on the worker (RecordWriter.Prepare), not the compact JSON.
	prepared bool
}

func (s *encoderSink) work(g *group) (e encodedGroup, err error) {
	e, err = s.read(g)
	if err == nil && e.encoded != nil {
		e.encoded, e.prepared = s.w.Prepare(&s.bufs, e.encoded)
	}
	return e, err
}

// read gives a group's record as the encoder takes it: compact JSON (read
// back as spooled when the group is one record), else decoded; neither
// when the filter leaves it out.
func (s *encoderSink) read(g *group) (e encodedGroup, err error) {
	if g.merged != nil {
		switch {
		case !s.filter.match(g.merged): // filtered after pairing: a project in en+fr passes --lang fr
		case s.w.TakesCompact():
			e.encoded, err = g.merged.AppendJSON(s.bufs.Get(4096))
		default:
			e.record = g.merged
		}
		return e, err
	}
	i := g.members[0]
	var room [3]string
	switch {
	case !s.filter.matchKeys(s.sp.Kind(i), s.sp.Languages(i, room[:0])):
	case s.w.TakesCompact():
		e.encoded, err = s.sp.RawInto(s.bufs.Get(s.sp.Size(i)), i)
	default:
		r, rerr := s.sp.Get(i)
		e.record, err = &r, rerr
	}
	return e, err
}

func (s *encoderSink) emit(g *group, e encodedGroup) error {
	s.rep.diagnostics(g.conflicts)
	if e.encoded == nil && e.record == nil {
		return nil // filtered out
	}
	defer s.bufs.Put(e.encoded) // the encoder copies it
	if e.prepared {
		return wrapWrite(s.w.WritePrepared(e.encoded))
	}
	return wrapWrite(s.w.Write(e.encoded, e.record))
}

// recordsSink hands every paired record, decoded, to fn in pairing's
// order, with the conflicts its merging found: the sink of a consumer that
// compares or collects records rather than writing them (diff, the tests).
type recordsSink struct {
	sp *spool.Spool
	fn func(r *model.Record, conflicts []model.Diagnostic) error
}

func (s recordsSink) work(g *group) (*model.Record, error) {
	if g.merged != nil {
		return g.merged, nil
	}
	r, err := s.sp.Get(g.members[0])
	return &r, err
}

func (s recordsSink) emit(g *group, r *model.Record) error { return s.fn(r, g.conflicts) }
