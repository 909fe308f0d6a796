// Package encode writes iomparse's records in its output formats: json,
// jsonl, yaml, csv, jsonl-keyed and parquet, one Encoder each, chosen by
// name as --format takes it (New, Formats). It is the writing half of the
// commands, kept apart from their flags and runs so that an encoder's bytes
// are tested, and benchmarked, on their own; the commands validate their
// flags and hand the result over as Options.
package encode

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/model"
)

// Encoder writes records in one output format. The encoders write through
// a bufio.Writer, which keeps the first write error and returns it from
// every later Write and from Flush: so only the last write of each call, and
// Close, need their errors checked. Encode may be called any
// number of times; Close finishes the document (a JSON array's bracket) and
// flushes, but does not close the underlying writer.
type Encoder interface {
	Encode(r *model.Record) error
	Close() error
}

// rawEncoder is an Encoder that can also write a record given as the
// compact JSON that JSON makes of it, which spares decoding records that
// pairing leaves as they are.
type rawEncoder interface {
	EncodeRaw(compact []byte) error
}

// RecordWriter writes records through an encoder: as the compact JSON
// they were encoded to when the encoder takes it (a rawEncoder), which
// spares encoding them again, else as records. It counts what it writes.
// The commands write every record through one, and ask it (TakesCompact)
// whether encoding a record to compact JSON beforehand is worth it.
type RecordWriter struct {
	enc     Encoder
	raw     rawEncoder // enc, when it takes compact JSON
	prep    preparer   // enc, when it works on the compact JSON before writing it
	written int
}

// preparer is a rawEncoder that does work on a record's compact JSON before
// writing it (-f json indents it) which needs nothing of the document: so
// that callers do it on their workers, in parallel, and the ordered write
// that follows only copies bytes.
type preparer interface {
	appendPrepared(dst, compact []byte) []byte
	encodePrepared(b []byte) error
}

// NewRecordWriter returns a RecordWriter that writes through enc.
func NewRecordWriter(enc Encoder) *RecordWriter {
	raw, _ := enc.(rawEncoder)
	prep, _ := enc.(preparer)
	return &RecordWriter{enc: enc, raw: raw, prep: prep}
}

// Prepare returns what Write would write of a record given as its compact
// JSON, with true, when the encoder does work on it first (-f json's
// indentation): in a buffer from pool, compact going back to it. A caller
// writing from several workers prepares records there, then writes them
// in order with WritePrepared. With false, compact is returned as it was:
// write it with Write.
func (w *RecordWriter) Prepare(pool *bufpool.Pool, compact []byte) ([]byte, bool) {
	if w.prep == nil {
		return compact, false
	}
	prepared := w.prep.appendPrepared(pool.Get(2*len(compact)), compact)
	pool.Put(compact)
	return prepared, true
}

// WritePrepared writes a record that Prepare made.
func (w *RecordWriter) WritePrepared(b []byte) error {
	w.written++
	return w.prep.encodePrepared(b)
}

// TakesCompact reports whether Write uses a record's compact JSON rather
// than the record: then the caller should pass it, and may pass records
// it has not decoded (nil).
func (w *RecordWriter) TakesCompact() bool { return w.raw != nil }

// Write writes one record, given as its compact JSON (which an encoder
// that TakesCompact takes) and as a record (which the others take). The
// error is the encoder's, as it is: the caller says what failed.
func (w *RecordWriter) Write(compact []byte, r *model.Record) error {
	w.written++
	if w.raw != nil && compact != nil {
		return w.raw.EncodeRaw(compact)
	}
	return w.enc.Encode(r)
}

// Written is the number of records written so far.
func (w *RecordWriter) Written() int { return w.written }

// Close closes the encoder: it finishes the document and flushes.
func (w *RecordWriter) Close() error { return w.enc.Close() }

// Options are the settings of the formats that take any: CSV's, from the
// commands' --fields, --csv-bom and --spreadsheet-safe. The other formats
// ignore them. The zero value writes what -f csv writes without flags.
type Options struct {
	// Columns are the CSV columns to write, in order, from CSVColumns;
	// nil for the default header's.
	Columns []Column
	// BOM starts the CSV with a UTF-8 byte-order mark, which Excel needs
	// to read UTF-8.
	BOM bool
	// SpreadsheetSafe prefixes with ' every cell that a spreadsheet would
	// run as a formula (see spreadsheetSafe).
	SpreadsheetSafe bool
}

// encoders are the output formats by name, as --format takes them.
var encoders = map[string]func(io.Writer, Options) Encoder{
	"json":        func(w io.Writer, _ Options) Encoder { return newJSONEncoder(w) },
	"jsonl":       func(w io.Writer, _ Options) Encoder { return newJSONLinesEncoder(w) },
	"yaml":        func(w io.Writer, _ Options) Encoder { return newYAMLEncoder(w) },
	"csv":         newCSVEncoder,
	"jsonl-keyed": func(w io.Writer, _ Options) Encoder { return newKeyedEncoder(w) },
	"parquet":     func(w io.Writer, _ Options) Encoder { return newParquetEncoder(w) },
}

// New returns the encoder of format, one of Formats, writing to w. The
// commands validate --format against Formats first, so an unknown format
// is a mistake in the program: New panics on it.
func New(format string, w io.Writer, opts Options) Encoder {
	newEncoder, ok := encoders[format]
	if !ok {
		panic(fmt.Sprintf("encode.New: unknown format %q", format))
	}
	return newEncoder(w, opts)
}

// Formats returns the names of the output formats, sorted: what --format
// takes, and its help and completion show.
func Formats() []string {
	names := make([]string, 0, len(encoders))
	for n := range encoders {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// JSON encodes v without HTML escaping, so that "&" and "<" in scraped
// text survive as written. A record is encoded by model.Record.AppendJSON,
// which writes the same bytes as encoding/json several times faster;
// anything else by encoding/json. The commands use it for what else they
// write as JSON (reports, check's diagnostics), so that it reads as the
// records do.
func JSON(v any, indent string) ([]byte, error) {
	if r, ok := v.(*model.Record); ok {
		b, err := r.AppendJSON(make([]byte, 0, 2048)) // room for most records
		if err != nil || indent == "" {
			return b, err
		}
		// What json.Encoder with SetIndent(indent, "  ") writes.
		return appendIndented(make([]byte, 0, len(b)+len(b)/2), b, indent, "  "), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(indent, "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// jsonEncoder writes one indented JSON array, streaming: each record is
// written as it comes, so memory does not grow with the output.
type jsonEncoder struct {
	w *bufio.Writer
	n int
	// compact and indented are the last record's JSON, reused for the
	// next.
	compact, indented []byte
}

func newJSONEncoder(w io.Writer) Encoder {
	return &jsonEncoder{w: bufio.NewWriterSize(w, outputBuffer)}
}

func (e *jsonEncoder) Encode(r *model.Record) error {
	var err error
	if e.compact, err = r.AppendJSON(e.compact[:0]); err != nil {
		return err
	}
	return e.EncodeRaw(e.compact)
}

// EncodeRaw adds one record to the array, indented as json.Encoder with
// SetIndent("  ", "  ") indents it, as an element of the array.
func (e *jsonEncoder) EncodeRaw(compact []byte) error {
	e.indented = e.appendPrepared(e.indented[:0], compact)
	return e.encodePrepared(e.indented)
}

// appendPrepared indents a record as an element of the array.
func (e *jsonEncoder) appendPrepared(dst, compact []byte) []byte {
	return appendIndented(dst, compact, "  ", "  ")
}

// encodePrepared adds a record that appendPrepared indented to the array.
func (e *jsonEncoder) encodePrepared(indented []byte) error {
	sep := ",\n  "
	if e.n == 0 {
		sep = "[\n  "
	}
	e.n++
	e.w.WriteString(sep)
	_, err := e.w.Write(indented)
	return err
}

func (e *jsonEncoder) Close() error {
	if e.n == 0 {
		e.w.WriteString("[]\n")
	} else {
		e.w.WriteString("\n]\n")
	}
	return e.w.Flush()
}

// jsonLinesEncoder writes one compact JSON object per line.
type jsonLinesEncoder struct {
	w       *bufio.Writer
	compact []byte // the last record's JSON, its room reused
}

func newJSONLinesEncoder(w io.Writer) Encoder {
	return &jsonLinesEncoder{w: bufio.NewWriterSize(w, outputBuffer)}
}

func (e *jsonLinesEncoder) Encode(r *model.Record) error {
	var err error
	if e.compact, err = r.AppendJSON(e.compact[:0]); err != nil {
		return err
	}
	return e.EncodeRaw(e.compact)
}

func (e *jsonLinesEncoder) EncodeRaw(compact []byte) error {
	e.w.Write(compact)
	return e.w.WriteByte('\n')
}

func (e *jsonLinesEncoder) Close() error { return e.w.Flush() }

// yamlEncoder writes one YAML sequence of records, streaming: each record is
// encoded as a one-item sequence, and the items concatenate into one.
type yamlEncoder struct {
	w *bufio.Writer
	n int
}

func newYAMLEncoder(w io.Writer) Encoder {
	return &yamlEncoder{w: bufio.NewWriterSize(w, outputBuffer)}
}

func (e *yamlEncoder) Encode(r *model.Record) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode([]*model.Record{r}); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	e.n++
	_, err := e.w.Write(buf.Bytes())
	return err
}

func (e *yamlEncoder) Close() error {
	if e.n == 0 {
		e.w.WriteString("[]\n")
	}
	return e.w.Flush()
}

// outputBuffer is the size of the encoders' write buffers: large enough
// that writing 100,000 records takes a few thousand system calls, not the
// 30,000 of bufio's default 4 KiB.
const outputBuffer = 64 << 10
