package cmd

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/iomparse/iomparse/cmd/warc"
	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// Web archives (WARC files, as wget --warc-file, Heritrix, Browsertrix and
// Common Crawl write them) are read by pageSource on its listing
// goroutine, a record at a time (package warc); every record is one
// input, named "crawl.warc.gz#OFFSET" (warc.Item.Name), so that its
// diagnostics read "crawl.warc.gz#3162:12: ..." and its source says
// where it lies. A page's bytes travel in the input to a worker, which
// parses them like a file's; the other records are skipped with their
// reason, quietly (every crawl holds requests, redirects and images), and
// counted by reason in the summary and the report; a record that cannot
// be read is an error of its own, and reading goes on after it.

// isArchiveName reports whether path names a web archive: it ends in
// .warc or .warc.gz, in any case.
func isArchiveName(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".warc") || strings.HasSuffix(p, ".warc.gz")
}

// isArchive reports whether the input, found walking, is a web archive to
// read record by record.
func isArchive(in input) bool { return in.state == "" && !in.stdin && isArchiveName(in.path) }

// archiveRecord is what an archive tells of one of its records, carried
// from the listing to the outcome and the report.
type archiveRecord struct {
	archive string    // the archive's path
	item    warc.Item // without its Body, which travels in the input's data
}

// hints are what the record's HTTP response says of the page.
func (r *archiveRecord) hints() parser.Hints {
	media, _, _ := strings.Cut(r.item.ContentType, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	return parser.Hints{HTML: media == "text/html" || media == "application/xhtml+xml", Charset: r.item.Charset}
}

// source is the provenance the record gives its page's source: the URL
// it was fetched from, when, and where the record lies.
func (r *archiveRecord) source(src *model.Source) {
	if r.item.TargetURI != "" {
		src.URL = r.item.TargetURI // where it was fetched, rather than what the page calls itself
	}
	if !r.item.Date.IsZero() {
		src.Fetched = r.item.Date.UTC().Format(time.RFC3339Nano)
	}
	src.Archive = &model.ArchiveRecord{
		Path: r.archive, Offset: int(r.item.Offset), InMember: int(r.item.InMember), RecordID: r.item.RecordID,
	}
}

// typeReasons are the reasons of records that hold no response at all:
// skipped without a word. The others (a response that is not a page: an
// error status, an image, too large…) say why with -v, as info.
var typeReasons = map[string]bool{
	string(warc.ReasonWarcinfo): true, string(warc.ReasonRequest): true, string(warc.ReasonMetadata): true,
	string(warc.ReasonRevisit): true, string(warc.ReasonOtherType): true,
}

// archive yields the records of the archive in, and reports whether to go
// on. A page waits for room in the budget of bytes in flight first, so
// that the bodies read ahead of the workers stay bounded whatever the
// size of the pages (see byteBudget).
func (s *pageSource) archive(ctx context.Context, in input, budget *byteBudget, yield func(input) bool) bool {
	r, err := warc.Open(s.stdio.path(in.path))
	if err != nil {
		return yield(input{path: in.path, state: stateFailed, reason: describeError(err)})
	}
	defer r.Close() // read-only: a close error loses nothing
	r.MaxBytes = s.maxBytes
	s.archives++
	records := 0
	for {
		it, err := r.Next()
		var re *warc.RecordError
		switch {
		case err == io.EOF:
			if records == 0 {
				return yield(input{path: in.path, state: stateSkipped, reason: reasonEmpty})
			}
			return true
		case err != nil && !errors.As(err, &re): // the archive cannot be read on
			return yield(input{path: in.path, state: stateFailed, reason: describeError(err)})
		}
		records++
		x := input{path: it.Name(in.path), rec: &archiveRecord{archive: in.path, item: it}}
		x.rec.item.Body = nil
		switch {
		case re != nil:
			x.state, x.reason = stateFailed, re.Err.Error()
		case it.Reason != "":
			x.state, x.reason = stateSkipped, string(it.Reason)
		default:
			if !budget.acquire(ctx, len(it.Body)) {
				return false
			}
			x.data = it.Body
		}
		if !yield(x) {
			return false
		}
	}
}

// loadRecord makes the outcome of an archive's record: its page parsed,
// with the record's provenance on its source, or why it was skipped or
// failed.
func (s *pageSource) loadRecord(ctx context.Context, in input, budget *byteBudget) outcome {
	rec := in.rec
	var o outcome
	switch in.state {
	case stateFailed:
		o = refuse(in.path, stateFailed, in.reason)
	case stateSkipped:
		o = outcome{path: in.path, state: stateSkipped, reason: in.reason}
		if !typeReasons[in.reason] {
			msg := in.reason + " record skipped"
			if rec.item.Detail != "" {
				msg += ": " + rec.item.Detail
			}
			o.diags = []model.Diagnostic{{Severity: model.SeverityInfo, Code: model.CodeSkipped, Path: in.path, Message: msg}}
		}
	default:
		o = s.parse(ctx, in.path, in.data, rec.hints())
		budget.release(len(in.data))
		if o.record != nil {
			rec.source(&o.record.Sources[0])
		}
	}
	o.archive = rec
	return o
}

// byteBudget bounds the bytes of the pages an archive's listing has read
// and the workers have not yet parsed. The pool bounds the inputs in
// flight by number (workers.MapOrdered), which bounds memory for files, read by
// the workers; an archive's pages are read ahead by the listing, and a
// few hundred pages of --max-bytes each would not fit. A page waits while
// others hold the budget and it would go over; one alone always passes.
// The budget holds inputBatch pages of --max-bytes, so that the listing
// can always complete the batch it is filling (a batch goes to the
// workers only once full): no wait outlasts the work of the batches
// already handed over.
type byteBudget struct {
	mu    sync.Mutex
	freed *sync.Cond
	held  int64
	limit int64
	peak  int64       // the most held at once, for the tests
	stop  func() bool // unregisters the wake-up at the end of the context
}

func newByteBudget(ctx context.Context, limit int64) *byteBudget {
	b := &byteBudget{limit: limit}
	b.freed = sync.NewCond(&b.mu)
	b.stop = context.AfterFunc(ctx, func() { // a run that stops wakes the waiting listing
		b.mu.Lock()
		b.freed.Broadcast()
		b.mu.Unlock()
	})
	return b
}

// acquire takes n bytes, waiting for room; it returns false when ctx ends
// first.
func (b *byteBudget) acquire(ctx context.Context, n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.held > 0 && b.held+int64(n) > b.limit {
		if ctx.Err() != nil {
			return false
		}
		b.freed.Wait()
	}
	b.held += int64(n)
	b.peak = max(b.peak, b.held)
	return ctx.Err() == nil
}

// release gives back n bytes taken by acquire.
func (b *byteBudget) release(n int) {
	b.mu.Lock()
	b.held -= int64(n)
	b.freed.Broadcast()
	b.mu.Unlock()
}
