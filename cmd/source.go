package cmd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// stdinPath names standard input in diagnostics and sources.
const stdinPath = "<stdin>"

// File states: every input ends in exactly one.
const (
	stateParsed  = "parsed"
	stateSkipped = "skipped"
	stateFailed  = "failed"
)

// input is one file to read, found on the command line or by walking a
// folder. A non-empty state means the walk already decided its fate (a FIFO
// is skipped, an unreadable folder failed) and it is not read.
type input struct {
	path   string
	stdin  bool
	state  string
	reason string
}

// walkInputs expands the command line's paths into inputs, in order:
// each path as given, folders walked recursively in lexical order with
// hidden entries skipped and each real folder walked once (so symlink
// loops end), "-" as standard input. It yields inputs as it finds them, so
// a walk of a million files holds one folder's listing at a time, and stops
// early when ctx ends.
func walkInputs(ctx context.Context, paths []string) iter.Seq[input] {
	return func(yield func(input) bool) {
		visited := map[string]string{} // real path of a folder walked → the path it was walked as
		for _, p := range paths {
			if ctx.Err() != nil {
				return
			}
			if p == "-" {
				if !yield(input{path: stdinPath, stdin: true}) {
					return
				}
				continue
			}
			if !statInput(ctx, p, visited, yield) {
				return
			}
		}
	}
}

// statInput yields the input or inputs at path p, which it stats
// (following symbolic links) to learn what it is, and reports whether to go
// on.
func statInput(ctx context.Context, p string, visited map[string]string, yield func(input) bool) bool {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return yield(input{path: p, state: stateFailed, reason: describeError(err)})
	case info.IsDir():
		return walkDir(ctx, p, visited, yield)
	}
	return yield(fileInput(p, info))
}

// collectInputs is walkInputs gathered into a slice.
func collectInputs(ctx context.Context, paths []string) []input {
	return slices.Collect(walkInputs(ctx, paths))
}

// fileInput classifies a non-folder path: regular files are read, anything
// else (FIFO, socket, device) is skipped without being opened, since
// opening a FIFO would block the run.
func fileInput(path string, info fs.FileInfo) input {
	if info.Mode().IsRegular() {
		return input{path: path}
	}
	return input{path: path, state: stateSkipped, reason: "not a regular file (" + fileKind(info.Mode()) + ")"}
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return m.Type().String()
}

// walkDir yields the inputs under dir, and reports whether to go on.
// visited maps the real paths of the folders already walked to the path
// they were walked as: a folder reached again (a symlink loop, or two links
// to one folder) is skipped with a reason, so it still shows in the
// accounting, and never walked twice.
func walkDir(ctx context.Context, dir string, visited map[string]string, yield func(input) bool) bool {
	if ctx.Err() != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return yield(input{path: dir, state: stateFailed, reason: describeError(err)})
	}
	if first, ok := visited[real]; ok {
		return yield(input{path: dir, state: stateSkipped, reason: "symbolic link to a folder already walked (" + first + ")"})
	}
	visited[real] = dir
	entries, err := os.ReadDir(dir)
	if err != nil && !yield(input{path: dir, state: stateFailed, reason: describeError(err)}) {
		return false
	}
	for _, e := range entries { // ReadDir sorts by name
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		var ok bool
		switch t := e.Type(); {
		case t.IsRegular():
			ok = yield(input{path: p}) // the listing tells: no stat needed
		case t.IsDir():
			ok = walkDir(ctx, p, visited, yield)
		default: // a symlink, or something to skip: look at what it is
			ok = statInput(ctx, p, visited, yield)
		}
		if !ok {
			return false
		}
	}
	return true
}

// describeError shortens an OS error to its cause: the path is printed
// beside it already.
func describeError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// loader reads inputs into documents.
type loader struct {
	stdin    io.Reader
	maxBytes int64
	encoding string     // --encoding: the character set of every input, "" to detect (parser.Decode)
	bufs     bufferPool // the buffers pages are read into, reused once parsed
}

// outcome is what became of one input: its record when parsed, or the
// reason it was skipped or failed, with its diagnostics either way.
type outcome struct {
	path   string
	state  string
	reason string
	record *model.Record
	diags  []model.Diagnostic // file-level diagnostics of a skipped or failed input

	// Done by the worker after parsing, when the command asks (see
	// parseInputs' prepare): the record's compact JSON, or the error
	// encoding it, and the number of items --redact removed from it.
	encoded   []byte
	encodeErr error
	redacted  int
}

// load reads and parses one input.
func (l *loader) load(p *parser.Parser, in input) (out outcome) {
	// The parser must not panic (fuzzing holds it to that); if it ever does,
	// the page fails with the cause and the run goes on with the others.
	defer func() {
		if v := recover(); v != nil {
			out = l.refuse(in.path, stateFailed, fmt.Sprintf("internal error while parsing (please report it with the page): %v", v))
		}
	}()
	if in.state != "" {
		return l.refuse(in.path, in.state, in.reason)
	}
	data, err := l.read(in)
	if err != nil {
		o := l.refuse(in.path, stateFailed, err.Error())
		if errors.Is(err, errTooLarge) {
			o.diags[0].Code = model.CodeTooLarge
		}
		return o
	}
	// The record holds strings the parser copied, never the bytes read:
	// the buffer serves the next page.
	defer l.bufs.put(data)
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return l.refuse(in.path, stateSkipped, reasonEmpty)
	}
	// Decode first, so a UTF-16 page (whose ASCII holds NUL bytes) is
	// judged on its text.
	text, _, diags := parser.Decode(in.path, data, l.encoding)
	if isBinary(text) {
		return l.refuse(in.path, stateSkipped, reasonBinary)
	}
	sum := sha256.Sum256(data)
	rec := p.Parse(parser.Document{
		Path: in.path, Data: text, Size: len(data), SHA256: hex.EncodeToString(sum[:]), Diagnostics: diags,
	})
	return outcome{path: in.path, state: stateParsed, record: &rec}
}

// Reasons an input is skipped whatever its content.
const (
	reasonEmpty  = "empty file"
	reasonBinary = "binary file"
)

// read reads a file or standard input, refusing more than maxBytes: a
// file whose size says so is refused unread, and no read goes past
// maxBytes+1, so a huge file or an endless stream costs no more than that.
func (l *loader) read(in input) ([]byte, error) {
	var r io.Reader
	size := int64(-1) // unknown: a stream
	if in.stdin {
		r = l.stdin
	} else {
		f, err := openFile(in.path)
		if err != nil {
			return nil, errors.New(describeError(err))
		}
		defer f.Close() // read-only: a close error loses nothing
		if n, regular := f.regularSize(); regular {
			if n > l.maxBytes {
				return nil, l.tooLarge(n)
			}
			size = n
		}
		r = f
	}
	data, err := l.readAll(io.LimitReader(r, l.maxBytes+1), size)
	if err != nil {
		return nil, errors.New(describeError(err))
	}
	if int64(len(data)) > l.maxBytes {
		return nil, l.tooLarge(-1)
	}
	return data, nil
}

// readAll reads r to its end into a buffer from l.bufs sized for a file of
// size bytes (-1 when unknown), so that a file is read in one buffer, not
// in the doubling ones of io.ReadAll. A file that grew since its size was
// taken is still read whole, unless it grew just after a read that stopped
// at that size (see below): it is then read as it was, as if a moment
// earlier.
func (l *loader) readAll(r io.Reader, size int64) ([]byte, error) {
	if size < 0 {
		return io.ReadAll(r)
	}
	buf := l.bufs.get(int(size) + 1) // one more byte, to see the end without growing
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
func (l *loader) tooLarge(size int64) error {
	if size < 0 {
		return fmt.Errorf("%w (%d bytes)", errTooLarge, l.maxBytes)
	}
	return fmt.Errorf("%d bytes: %w (%d bytes)", size, errTooLarge, l.maxBytes)
}

// refuse builds the outcome of an input that is not parsed, with the
// diagnostic that says why: an error when it failed, a warning when it was
// skipped.
func (l *loader) refuse(path, state, reason string) outcome {
	d := model.Diagnostic{Severity: model.SeverityError, Code: model.CodeUnreadable, Path: path, Message: reason}
	if state == stateSkipped {
		d.Severity, d.Code, d.Message = model.SeverityWarning, model.CodeSkipped, reason+" skipped"
		switch reason {
		case reasonBinary:
			d.Code = model.CodeBinary
		case reasonEmpty:
			d.Code = model.CodeEmpty
		}
	}
	return outcome{path: path, state: state, reason: reason, diags: []model.Diagnostic{d}}
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
