package cmd

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"sync"

	"go.yaml.in/yaml/v3"

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
// compact JSON marshalJSON makes of it, which spares decoding records that
// pairing leaves as they are.
type rawEncoder interface {
	EncodeRaw(compact []byte) error
}

// recordWriter writes records through an encoder: as the compact JSON
// they were encoded to when the encoder takes it (a rawEncoder), which
// spares encoding them again, else as records. It counts what it writes.
type recordWriter struct {
	enc     Encoder
	raw     rawEncoder // enc, when it takes compact JSON
	written int
}

func newRecordWriter(enc Encoder) *recordWriter {
	raw, _ := enc.(rawEncoder)
	return &recordWriter{enc: enc, raw: raw}
}

// write writes one record, given as its compact JSON (which a raw encoder
// takes) and as a record (which the others take).
func (w *recordWriter) write(compact []byte, r *model.Record) error {
	w.written++
	if w.raw != nil && compact != nil {
		return wrapWrite(w.raw.EncodeRaw(compact))
	}
	return wrapWrite(w.enc.Encode(r))
}

// encoders are the output formats by name, as --format takes them.
var encoders = map[string]func(io.Writer) Encoder{
	"json":        newJSONEncoder,
	"jsonl":       newJSONLinesEncoder,
	"yaml":        newYAMLEncoder,
	"csv":         newCSVEncoder,
	"jsonl-keyed": newKeyedEncoder,
	"parquet":     newParquetEncoder,
}

func formatNames() []string {
	names := make([]string, 0, len(encoders))
	for n := range encoders {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// marshalJSON encodes v without HTML escaping, so that "&" and "<" in
// scraped text survive as written. A record is encoded by
// model.Record.AppendJSON, which writes the same bytes as encoding/json
// several times faster; anything else by encoding/json.
func marshalJSON(v any, indent string) ([]byte, error) {
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
	sep := ",\n  "
	if e.n == 0 {
		sep = "[\n  "
	}
	e.n++
	e.w.WriteString(sep)
	e.indented = appendIndented(e.indented[:0], compact, "  ", "  ")
	_, err := e.w.Write(e.indented)
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
type jsonLinesEncoder struct{ w *bufio.Writer }

func newJSONLinesEncoder(w io.Writer) Encoder {
	return &jsonLinesEncoder{w: bufio.NewWriterSize(w, outputBuffer)}
}

func (e *jsonLinesEncoder) Encode(r *model.Record) error {
	b, err := marshalJSON(r, "")
	if err != nil {
		return err
	}
	e.w.Write(b)
	return e.w.WriteByte('\n')
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

// bufferPool recycles byte buffers that a run's goroutines hand to each
// other and drop: the pages read (garbage once parsed) and the records
// encoded (garbage once written). Reusing them cuts what a run allocates
// by about half, and the collector's work with it. The zero value is ready.
type bufferPool struct{ pool sync.Pool }

// get returns an empty buffer with room for n bytes.
func (b *bufferPool) get(n int) []byte {
	if p, ok := b.pool.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, max(n, 2048))
}

// put gives a buffer back; no one may use it afterwards. Very large ones
// are left to the collector, so one huge page does not stay in memory.
func (b *bufferPool) put(buf []byte) {
	if buf != nil && cap(buf) <= 1<<20 {
		b.pool.Put(&buf)
	}
}
