package encode

import (
	"bufio"
	"io"

	"github.com/iomparse/iomparse/cmd/parquet"
	"github.com/iomparse/iomparse/model"
)

// parquetEncoder is the Encoder of -f parquet. The parquet.Writer spools
// the records and writes the whole file when closed, since the scale of the
// budget's DECIMAL column is known only once every amount is seen; the
// buffer spares the output one system call per page of the file.
type parquetEncoder struct {
	w   *bufio.Writer
	pqw *parquet.Writer
}

func newParquetEncoder(w io.Writer) Encoder {
	bw := bufio.NewWriterSize(w, outputBuffer)
	return &parquetEncoder{w: bw, pqw: parquet.NewWriter(bw)}
}

func (e *parquetEncoder) Encode(r *model.Record) error { return e.pqw.Write(r) }

func (e *parquetEncoder) Close() error {
	if err := e.pqw.Close(); err != nil {
		return err
	}
	return e.w.Flush()
}
