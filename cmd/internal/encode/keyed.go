package encode

import (
	"bufio"
	"io"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// keyedEncoder writes JSON Lines with each record's pairing key before a
// tab: "RW10P0522<TAB>{...}". That is what Hadoop Streaming expects of a
// mapper (the text before the first tab is the key it partitions and sorts
// by), so that `parse -f jsonl-keyed` can be the map step and every language
// version of a project reaches the same reducer. pair reads these lines as
// it reads plain JSON Lines. The key is the Prima ID, else the Projects ID
// (model.PairKey), else the record's first path, for records that pair with
// nothing. A key cannot hold a tab or a line end; any is replaced by a space.
type keyedEncoder struct{ w *bufio.Writer }

func newKeyedEncoder(w io.Writer) Encoder {
	return &keyedEncoder{w: bufio.NewWriterSize(w, outputBuffer)}
}

func (e *keyedEncoder) Encode(r *model.Record) error {
	b, err := JSON(r, "")
	if err != nil {
		return err
	}
	e.w.WriteString(recordKey(r))
	e.w.WriteByte('\t')
	e.w.Write(b)
	return e.w.WriteByte('\n')
}

func (e *keyedEncoder) Close() error { return e.w.Flush() }

// recordKey is the key a record is partitioned by for pairing.
func recordKey(r *model.Record) string {
	key := model.PairKey(r)
	if key == "" && len(r.Sources) > 0 {
		key = r.Sources[0].Path
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(key)
}
