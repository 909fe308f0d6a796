package cmd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/heaplimit"
	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/cmd/sniff"
	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// pageSource is the source of ingest, parse and check: the pages at the
// paths the reading flags select (walkSelection), each read whole and
// parsed, and the pages of the web archives among them, read record by
// record while listing (archive.go).
type pageSource struct {
	stdio    IO
	sel      *walk.Selection
	maxBytes int64
	encoding string // --encoding: the character set of every page, "" to detect (parser.Decode)
	// parser serves every worker at once: it keeps its scratch memory in
	// pools.
	parser *parser.Parser
	bufs   bufpool.Pool // the buffers pages are read into, reused once parsed
	// budget bounds the bytes of archives' pages read ahead of the
	// workers; made by inputs, before any input is listed.
	budget *byteBudget
	// Counted while listing, read by summary once the run is over.
	archives int
	// noPages is set by closing when every input was read and none was a
	// page (not when the run was cut short before the end).
	noPages bool
	// heap gives parse's heap limit, which a large page raises while it is
	// parsed; nil, or giving nil, for a run with none.
	heap func() *heaplimit.Floating
}

// largePage is the size from which a page raises parse's heap limit by
// three times its memory budget (see package heaplimit for why three).
const largePage = 1 << 20

func newPageSource(stdio IO, paths []string, flags *readFlags) *pageSource {
	sel := flags.sel
	sel.Paths = paths
	return &pageSource{
		stdio: stdio, sel: &sel, maxBytes: flags.maxBytes, encoding: flags.encoding,
		parser: parser.New(parser.Options{}),
	}
}

// inputs lists the files, and the records of the archives among them in
// their place.
func (s *pageSource) inputs(ctx context.Context) iter.Seq[input] {
	return func(yield func(input) bool) {
		s.budget = newByteBudget(ctx, inputBatch*s.maxBytes)
		defer s.budget.stop()
		for in := range walkSelection(ctx, s.stdio, s.sel) {
			ok := true
			if isArchive(in) {
				ok = s.archive(ctx, in, s.budget, yield)
			} else {
				ok = yield(in)
			}
			if !ok {
				return
			}
		}
	}
}

func (s *pageSource) count(ctx context.Context) int { return countInputs(ctx, s.stdio, s.sel) }

// summary is the closing line of ingest, parse and check; it counts the
// records of archives when there were any, and says when no page was
// found.
func (s *pageSource) summary(r *reporter) string {
	line := r.filesSummary()
	if s.archives > 0 {
		line = r.archivesSummary(s.archives)
	}
	if s.noPages {
		line += "; no page found"
	}
	return line
}

// closing reports a run that found no page: a scrape that failed, or
// paths that name the wrong folder, must not pass for a success (check
// --strict fails on it).
func (s *pageSource) closing(r *reporter) []model.Diagnostic {
	if r.counts[stateParsed] > 0 {
		return nil
	}
	s.noPages = true
	names := slices.Clone(s.sel.Paths)
	if s.sel.FilesFrom != "" {
		names = append(names, "--files-from "+s.sel.FilesFrom)
	}
	return []model.Diagnostic{{
		Severity: model.SeverityWarning, Code: model.CodeNoPages, Path: strings.Join(names, " "),
		Message: "no page found among the inputs",
	}}
}

// load reads and parses one page.
func (s *pageSource) load(ctx context.Context, in input) outcome {
	if in.rec != nil {
		return s.loadRecord(ctx, in, s.budget)
	}
	if in.state != "" {
		return refuse(in.path, in.state, in.reason)
	}
	data, err := s.read(in)
	if _, ok := errors.AsType[*walk.NotRegularError](err); ok {
		return refuse(in.path, stateSkipped, err.Error())
	}
	if err != nil {
		o := refuse(in.path, stateFailed, err.Error())
		if errors.Is(err, errTooLarge) {
			o.diags[0].Code = model.CodeTooLarge
		}
		return o
	}
	// The record holds strings the parser copied, never the bytes read:
	// the buffer serves the next page.
	defer s.bufs.Put(data)
	return s.parse(ctx, in.path, data, parser.Hints{})
}

// parse turns the bytes of the page at path into its outcome: skipped when
// empty, binary or not a page, else parsed. A compressed file is read as
// the page it holds. hints are what is known of the page besides (a web
// archive's record: its HTTP Content-Type).
//
// ctx is the run's: the parser looks at it in the middle of a page, so a
// signal stops a run within a moment even on a page that parses slowly. A
// page past the parser's budget fails as too-complex, like a page too
// large: no record, an error with its path, and the run goes on.
func (s *pageSource) parse(ctx context.Context, path string, data []byte, hints parser.Hints) (out outcome) {
	// The parser must not panic (fuzzing holds it to that); if it ever does,
	// the page fails with the cause and the run goes on with the others.
	defer func() {
		if v := recover(); v != nil {
			out = refuse(path, stateFailed, fmt.Sprintf("internal error while parsing (please report it with the page): %v", v))
		}
	}()
	name := path // the name that tells the format: a compressed file's, without .gz
	if sniff.Compressed(data) {
		page, _, err := sniff.Decompress(data, s.maxBytes, s.bufs.Get(int(min(4*int64(len(data)), s.maxBytes+1))+bytes.MinRead))
		defer s.bufs.Put(page)
		switch {
		case errors.Is(err, sniff.ErrTooLarge):
			o := refuse(path, stateFailed, fmt.Sprintf("%v (%d bytes) once decompressed", errTooLarge, s.maxBytes))
			o.diags[0].Code = model.CodeTooLarge
			return o
		case err != nil:
			return refuse(path, stateFailed, err.Error())
		}
		data, name = page, sniff.Inner(path)
		hints.HTML = hints.HTML || sniff.HTMLName(name)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return refuse(path, stateSkipped, reasonEmpty)
	}
	if what := sniff.NotAPage(data); what != "" {
		return refuse(path, stateSkipped, notAPageReason(what))
	}
	// Decode first, so a UTF-16 page (whose ASCII holds NUL bytes) is
	// judged on its text.
	text, _, diags := parser.DecodeHints(path, data, s.encoding, hints)
	if isBinary(text) {
		return refuse(path, stateSkipped, reasonBinary)
	}
	if what := sniff.NotAPageText(name, text); what != "" {
		return refuse(path, stateSkipped, notAPageReason(what))
	}
	sum := sha256.Sum256(data)
	format := parser.DetectFormat(name, text, hints)
	if s.heap != nil && len(text) >= largePage {
		defer s.heap().Reserve(3 * s.parser.MemoryBudget(len(text), format))()
	}
	rec, err := s.parser.ParseContext(ctx, parser.Document{
		Path: path, Data: text, Format: format,
		Size: len(data), SHA256: hex.EncodeToString(sum[:]), Diagnostics: diags,
	})
	switch {
	case errors.Is(err, parser.ErrTooComplex):
		// The record holds the decoding's diagnostics and the one that
		// says why; the page itself is not read.
		return outcome{path: path, state: stateFailed, reason: err.Error(), diags: rec.Diagnostics}
	case err != nil: // the run is stopping: this outcome is not taken
		return refuse(path, stateFailed, err.Error())
	}
	return outcome{path: path, state: stateParsed, record: &rec, diags: rec.Diagnostics}
}

// Reasons an input is skipped whatever its content.
const (
	reasonEmpty  = "empty file"
	reasonBinary = "binary file"
	// reasonNotAPage ends the reason of a file that is data, not a page
	// (package sniff): "JSON, not a page".
	reasonNotAPage = "not a page"
)

func notAPageReason(what string) string { return what + ", " + reasonNotAPage }

// read reads a file or standard input, refusing more than maxBytes: a
// file whose size says so is refused unread, and no read goes past
// maxBytes+1, so a huge file or an endless stream costs no more than that.
func (s *pageSource) read(in input) ([]byte, error) {
	var r io.Reader
	size := int64(-1) // unknown: a stream
	if in.stdin {
		r = s.stdio.In
	} else {
		f, err := walk.Open(s.stdio.path(in.name()))
		if _, ok := errors.AsType[*walk.NotRegularError](err); ok {
			return nil, err
		}
		if err != nil {
			return nil, errors.New(describeError(err))
		}
		defer f.Close() // read-only: a close error loses nothing
		if n := f.Size(); n >= 0 {
			if n > s.maxBytes {
				return nil, s.tooLarge(n)
			}
			size = n
		}
		r = f
	}
	data, err := s.readAll(io.LimitReader(r, s.maxBytes+1), size)
	if err != nil {
		return nil, errors.New(describeError(err))
	}
	if int64(len(data)) > s.maxBytes {
		return nil, s.tooLarge(-1)
	}
	return data, nil
}

// readAll reads r to its end into a buffer from s.bufs sized for a file of
// size bytes (-1 when unknown), so that a file is read in one buffer, not
// in the doubling ones of io.ReadAll. A file that grew since its size was
// taken is still read whole, unless it grew just after a read that stopped
// at that size (see below): it is then read as it was, as if a moment
// earlier.
func (s *pageSource) readAll(r io.Reader, size int64) ([]byte, error) {
	if size < 0 {
		return io.ReadAll(r)
	}
	buf := s.bufs.Get(int(size) + 1) // one more byte, to see the end without growing
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		// A read that asked for more than the file's size and stopped
		// at it has met the end: a regular file gives all it has. That
		// spares the read that would only say EOF.
		if int64(len(buf)) == size && len(buf) < cap(buf) {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grown: let append pick the room
		}
	}
}

// errTooLarge marks the error of an input over --max-bytes.
var errTooLarge = errors.New("larger than --max-bytes")

// tooLarge is the error of an input over --max-bytes; size is its size
// when known (a file), or -1 (a stream).
func (s *pageSource) tooLarge(size int64) error {
	if size < 0 {
		return fmt.Errorf("%w (%d bytes)", errTooLarge, s.maxBytes)
	}
	return fmt.Errorf("%d bytes: %w (%d bytes)", size, errTooLarge, s.maxBytes)
}

// isBinary reports whether data is not text: it holds a NUL byte, or more
// than a tenth of its first 8 KiB are control characters other than white
// space. Text in any single-byte encoding passes. Bytes are enough: no byte
// of a multi-byte UTF-8 character is below 0x80.
func isBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	control := 0
	for _, c := range head { // a table, not a test: no branch to mispredict
		control += int(controlBytes[c])
	}
	return control*10 > len(head)
}

// controlBytes marks the control characters that are not white space.
var controlBytes = [256]uint8{
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, // NUL…SI, but \t \n \f \r
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
}
