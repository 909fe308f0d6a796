package cmd

import (
	"context"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/heaplimit"
	"github.com/iomparse/iomparse/cmd/internal/outfile"
	"github.com/iomparse/iomparse/cmd/internal/spool"
	"github.com/iomparse/iomparse/cmd/internal/workers"
	"github.com/iomparse/iomparse/model"
)

// runRecords is the one pipeline of the commands that read inputs (ingest,
// parse, pair, check):
//
//	source.inputs ──▶ workers: source.load, stage.prepare ──▶ in input order: reporter, stage.take ──▶ stage.finish
//	(one goroutine)   (--jobs of them)                         (one goroutine)                          (the reduce, the output)
//
// The source says what the inputs are (pages, lines of JSON), the stage
// what becomes of their records (written, paired, checked). Whatever
// happens, the run ends with the --report file and the summary, and its
// exit code follows the inputs' diagnostics.
func runRecords(ctx context.Context, stdio IO, read *readFlags, diag *diagFlags, src source, st stage) (err error) {
	rep := newReporter(stdio, diag, read.report, src.summary)
	stdio.interrupt.setReporter(rep)
	defer func() { err = rep.finish(ctx, err) }() // the summary and --report, whatever happens next
	if err := st.start(rep); err != nil {
		return err
	}
	defer st.close()
	if err := readInputs(ctx, stdio, read.jobs, diag, src, st, rep); err != nil {
		return err
	}
	rep.closing(src.closing(rep))
	return st.finish(ctx)
}

// A stage is what a command does with the outcomes of its inputs, in
// runRecords.
type stage interface {
	// start opens the output, once the reporter is ready (a failure is
	// summed up and reported like any other).
	start(rep *reporter) error
	// prepare does the per-record work (redacting, encoding) on the worker
	// that loaded o, in parallel: take runs alone.
	prepare(o *outcome)
	// take runs in input order, after the reporter has accounted for o.
	take(o *outcome) error
	// finish runs once every input is taken: the reduce, the end of the
	// output.
	finish(ctx context.Context) error
	// close releases what start took (a temporary output, the spool),
	// whatever became of the run.
	close()
}

// readInputs lists the source's inputs, loads and prepares them on a pool
// of jobs workers, and hands each outcome to the reporter and the stage in
// input order, so the output is the same whatever the parallelism. An error
// from the stage, or the context ending, stops the run. The diagnostics
// printed meanwhile go above the progress bar.
func readInputs(ctx context.Context, stdio IO, jobs int, diag *diagFlags, src source, st stage, rep *reporter) error {
	// The bar needs the total: only then are the inputs counted first.
	prog := newProgress(stdio, diag, func() int { return src.count(ctx) })
	defer prog.Finish()
	w := rep.w
	rep.w = prog.Above(w)
	defer func() { rep.w = w }()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing when the run stops early
	return workers.MapOrdered(ctx, jobs, workers.Chunks(src.inputs(ctx), inputBatch),
		func(ins []input) []outcome {
			outs := make([]outcome, len(ins))
			for k, in := range ins {
				if ctx.Err() != nil {
					break // stopped: these outcomes are not taken
				}
				outs[k] = src.load(ctx, in)
				st.prepare(&outs[k])
			}
			return outs
		},
		func(outs []outcome) error {
			for k := range outs {
				prog.Add()
				rep.outcome(&outs[k])
				if err := st.take(&outs[k]); err != nil {
					return err
				}
			}
			return nil
		}, internalError)
}

// inputBatch is how many inputs go to a worker at once: handing one over
// costs a few microseconds, a tenth of what parsing a small page does.
const inputBatch = 8

// recordsStage writes the records: one per input as they come (parse), or
// paired by project once every input is read (ingest, pair).
type recordsStage struct {
	stdio IO
	out   *outputFlags
	pair  bool
	jobs  int // pairing's workers

	rep    *reporter
	output *outfile.File
	w      *encode.RecordWriter
	spool  *spool.Spool // the records waiting for pairing
	// heap is parse's heap limit (nil for ingest, whose spool sets its
	// own, or when GOMEMLIMIT is set); its source raises it for large
	// pages.
	heap    *heaplimit.Floating
	encoded bufpool.Pool // the records' JSON, from the workers to take
}

func (s *recordsStage) start(rep *reporter) error {
	s.rep = rep
	rep.redact = s.out.redact
	out, err := outfile.Open(s.stdio.path(s.out.output), s.stdio.Out, s.stdio.interrupt.registry())
	if err != nil {
		return failedf("cannot write %s: %v", s.out.output, describeError(err))
	}
	s.output = out
	s.w = encode.NewRecordWriter(s.out.newEncoder(out))
	// Paired records wait on disk: memory holds only their keys, whatever
	// the size of the corpus.
	if s.pair {
		if s.spool, err = spool.New(recordKinds); err != nil {
			return failedf("%v", err)
		}
		return nil
	}
	s.heap = heaplimit.Start(parseHeapLimit)
	return nil
}

// parseHeapLimit is the soft limit of the heap of a run that writes records
// as they come (parse), which holds nothing from one page to the next:
// 5 or 6 MB live, and a peak of 41 MB at this limit where one large page at
// GOGC=400 had set the collector's goal to 81 MB (see package heaplimit).
// A large page raises it while it is parsed (pageSource.parse).
const parseHeapLimit = 32 << 20

func (s *recordsStage) prepare(o *outcome) {
	if o.record == nil {
		return
	}
	if s.out.redact {
		o.redacted = model.Redact(o.record)
	}
	if s.pair || s.w.TakesCompact() {
		o.encoded, o.encodeErr = o.record.AppendJSON(s.encoded.Get(2048))
	}
	// Written as it comes: what the encoder does to it before writing is
	// done here, on the worker (-f json's indentation).
	if !s.pair && o.encodeErr == nil && o.encoded != nil {
		o.encoded, o.prepared = s.w.Prepare(&s.encoded, o.encoded)
	}
}

func (s *recordsStage) take(o *outcome) error {
	defer s.encoded.Put(o.encoded) // written or spooled (copied) by then
	switch {
	case o.record == nil:
		return nil
	case o.encodeErr != nil:
		return o.encodeErr
	case s.pair:
		return s.spool.AddEncoded(o.encoded, o.record)
	case !s.out.filter.match(o.record):
		return nil
	case o.prepared:
		return wrapWrite(s.w.WritePrepared(o.encoded))
	}
	return wrapWrite(s.w.Write(o.encoded, o.record))
}

// finish pairs the records when asked, closes the encoder and commits the
// output, unless the run was interrupted: then an existing target stays as
// it was.
func (s *recordsStage) finish(ctx context.Context) error {
	defer func() { s.rep.written = s.w.Written() }()
	if s.pair {
		sink := &encoderSink{sp: s.spool, w: s.w, filter: &s.out.filter, rep: s.rep}
		if err := reduce(ctx, s.spool, s.jobs, sink); err != nil {
			return err
		}
	}
	if err := s.w.Close(); err != nil {
		return writeFailed(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.output.Commit(); err != nil {
		return failedf("cannot write %s: %v", s.out.output, describeError(err))
	}
	return nil
}

func (s *recordsStage) close() {
	if s.spool != nil {
		s.spool.Close()
	}
	s.heap.Stop()
	if s.output != nil {
		s.output.Abort() // removes the temporary file unless committed
	}
}
