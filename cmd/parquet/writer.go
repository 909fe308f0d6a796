// Package parquet writes records as a Parquet file: one row per record,
// the record's nested shape kept (language maps as MAP, member states,
// sources, conflicts and diagnostics as LIST of structs), so that DuckDB,
// pandas/pyarrow and Spark query the fields by the names the JSON output
// gives them. testdata/schema.txt is the schema in full.
//
// Two columns are added to the record's fields for readers that need
// types: budget.amount is a DECIMAL (its digits as written are
// budget.amount_text), and date_value is a news date as a DATE where the
// page gives a whole day.
//
// A DECIMAL column has one scale, and which scale keeps every amount's
// digits is known only once all are seen, so the writer spools the records
// to a temporary file and writes the Parquet file when closed. Memory stays
// flat whatever the number of records: the spool is on disk, and the
// Parquet file is written in row groups of bounded size.
package parquet

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	pq "github.com/parquet-go/parquet-go"

	"github.com/iomparse/iomparse/model"
)

// DefaultRowGroupBytes bounds a row group when Writer.RowGroupBytes is
// zero: large enough that DuckDB and Spark read the file in few pieces,
// small enough that holding one in memory costs little.
const DefaultRowGroupBytes = 32 << 20

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("parquet: write after close")

// Writer writes records to a Parquet file. Write spools each record; Close
// writes the file. Like the other encoders it does not close the
// underlying writer, which needs no Seek: a pipe will do.
type Writer struct {
	// TempDir is the directory of the spool file, empty for os.TempDir.
	// Set it before the first Write.
	TempDir string
	// RowGroupBytes bounds a row group's size as parquet-go estimates it
	// (its encoded pages and the values not yet encoded): the writer holds
	// one row group in memory at a time. Zero means DefaultRowGroupBytes.
	// Set it before Close.
	RowGroupBytes int64

	out     io.Writer
	spool   *os.File
	name    string // the spool's name while it is to be removed by Close
	sw      *bufio.Writer
	buf     []byte // one record's encoding, reused
	amounts amountStats
	err     error // the first spool error: the records after it are lost
	closed  bool
}

// NewWriter returns a Writer that writes a Parquet file to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{out: w}
}

// Write adds a record. A record whose budget amount is not a number is
// refused, as the JSON output refuses it, and the writer goes on; an
// error writing the spool is returned by every later call.
func (w *Writer) Write(r *model.Record) error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	b, err := r.AppendJSON(w.buf[:0])
	if err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	w.buf = b
	if w.spool == nil {
		if w.err = w.openSpool(); w.err != nil {
			return w.err
		}
	}
	var n [binary.MaxVarintLen64]byte
	w.sw.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))]) // bufio keeps the error for the next Write
	if _, err := w.sw.Write(b); err != nil {
		w.err = fmt.Errorf("parquet: cannot write the spool file: %w", err)
		return w.err
	}
	if r.Budget != nil {
		w.amounts.add(r.Budget.Amount)
	}
	return nil
}

// openSpool creates the spool file. It is unlinked at once where the
// system allows it, so nothing is left behind however the run ends;
// elsewhere Close removes it.
func (w *Writer) openSpool() error {
	f, err := os.CreateTemp(w.TempDir, "iomparse-parquet-*")
	if err != nil {
		return fmt.Errorf("parquet: cannot create a spool file: %w", err)
	}
	if os.Remove(f.Name()) != nil {
		w.name = f.Name() // open files cannot be removed here (Windows)
	}
	w.spool, w.sw = f, bufio.NewWriterSize(f, 1<<20)
	return nil
}

// Close writes the Parquet file, with no row if no record was written, and
// removes the spool. It does not close the underlying writer. Calling it
// again does nothing.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	defer w.removeSpool()
	if w.err != nil {
		return w.err
	}
	scale := w.amounts.scale()
	pw := pq.NewGenericWriter[row](w.out,
		pq.StructTag(amountTag(scale), "budget", "Amount"),
		// What every reader has read for years, Spark's before 3.3 and old
		// pyarrow included: version 1 data pages, PLAIN or dictionary
		// encoded values, Snappy compression (Spark's and Arrow's default).
		// parquet-go's defaults (version 2 pages, DELTA_LENGTH_BYTE_ARRAY
		// strings) save a few percent that those readers cannot open.
		pq.DataPageVersion(1),
		pq.DefaultEncodingFor(pq.ByteArray, &pq.Plain),
		pq.Compression(&pq.Snappy),
		pq.CreatedBy("iomparse", "", ""),
	)
	if w.spool != nil {
		if err := w.writeRows(pw, scale); err != nil {
			return err
		}
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

// writeRows reads the spool back and writes its records as rows, flushing
// a row group whenever it reaches RowGroupBytes.
func (w *Writer) writeRows(pw *pq.GenericWriter[row], scale int) error {
	if err := w.sw.Flush(); err != nil {
		return fmt.Errorf("parquet: cannot write the spool file: %w", err)
	}
	if _, err := w.spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("parquet: cannot read the spool file: %w", err)
	}
	limit := w.RowGroupBytes
	if limit <= 0 {
		limit = DefaultRowGroupBytes
	}
	sr := bufio.NewReaderSize(w.spool, 1<<20)
	// One row per call: parquet-go v0.32.1 writes a nil map of some rows
	// of a batch as an empty map, not null, when an earlier row of the
	// batch has one (TestRoundTrip's "null, value, null"); given one row
	// at a time it writes each null right. Nested maps are pointers, which
	// it writes right in any batch (conflictRow).
	one := make([]row, 1)
	groupStart := pw.Size() // what Size counts that is not the row group's
	for {
		r, err := w.next(sr)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		one[0] = makeRow(&r, scale)
		if _, err := pw.Write(one); err != nil {
			return fmt.Errorf("parquet: %w", err)
		}
		if pw.Size()-groupStart >= limit {
			if err := pw.Flush(); err != nil {
				return fmt.Errorf("parquet: %w", err)
			}
			groupStart = pw.Size()
		}
	}
}

// next reads the next spooled record, io.EOF after the last.
func (w *Writer) next(sr *bufio.Reader) (model.Record, error) {
	var r model.Record
	n, err := binary.ReadUvarint(sr)
	if err == io.EOF {
		return r, err
	}
	if err == nil {
		if uint64(cap(w.buf)) < n {
			w.buf = make([]byte, n)
		}
		w.buf = w.buf[:n]
		_, err = io.ReadFull(sr, w.buf)
	}
	if err != nil {
		return r, fmt.Errorf("parquet: cannot read the spool file: %w", err)
	}
	if err := model.DecodeJSON(w.buf, &r); err != nil {
		return r, fmt.Errorf("parquet: a spooled record does not decode: %w", err)
	}
	return r, nil
}

func (w *Writer) removeSpool() {
	if w.spool == nil {
		return
	}
	w.spool.Close() // nothing more is read from it: its error tells nothing
	if w.name != "" {
		os.Remove(w.name) // best effort: a temporary file left behind costs disk, not data
	}
	w.spool, w.sw = nil, nil
}
