package changes

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/model"
)

// Kinds of change.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Formats are the formats NewWriter writes, as diff's --format takes them.
var Formats = []string{"text", "jsonl", "json"}

// Record is what became of one record between the two sides: added,
// removed, changed (with the fields that did), or "" when it did not
// change.
type Record struct {
	Key    string
	Kind   string
	Change string
	Title  string // the record's title, for text
	Fields []model.Change
}

// changeRow is one change as -f jsonl and -f json write it: a record added
// or removed, or one field of a record that changed. Old and New are the
// field's values as the record writes them (a budget with its digits);
// Added and Removed list what a set (member states, languages, contacts,
// links) gained and lost.
type changeRow struct {
	Key     string   `json:"key"`
	Kind    string   `json:"kind"`
	Change  string   `json:"change"`
	Field   string   `json:"field,omitempty"`
	Old     any      `json:"old,omitempty"`
	New     any      `json:"new,omitempty"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
}

// rows are the changeRows of one record: one when added or removed, one a
// field when changed.
func (d *Record) rows() []changeRow {
	if d.Change != Changed {
		return []changeRow{{Key: d.Key, Kind: d.Kind, Change: d.Change}}
	}
	rows := make([]changeRow, len(d.Fields))
	for i, f := range d.Fields {
		rows[i] = changeRow{Key: d.Key, Kind: d.Kind, Change: d.Change, Field: f.Field, Old: f.Old, New: f.New, Added: f.Added, Removed: f.Removed}
	}
	return rows
}

// A Writer writes diff's changes in one format. Its writes are buffered:
// Close flushes them, and returns the first write error.
type Writer interface {
	Write(d *Record) error
	Close() error
	// WantsTitle tells whether the records added and removed must be
	// read for their titles.
	WantsTitle() bool
}

// NewWriter returns the Writer of format, one of Formats, writing to w.
func NewWriter(format string, w io.Writer) Writer {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "jsonl":
		return &jsonChangeWriter{w: bw}
	case "json":
		return &jsonChangeWriter{w: bw, array: true}
	}
	return &textChangeWriter{w: bw}
}

// jsonChangeWriter writes one changeRow a line (jsonl), or all of them as
// one indented array (json), as -f json writes records.
type jsonChangeWriter struct {
	w     *bufio.Writer
	array bool
	n     int
}

func (j *jsonChangeWriter) WantsTitle() bool { return false }

func (j *jsonChangeWriter) Write(d *Record) error {
	for _, row := range d.rows() {
		indent := ""
		if j.array {
			indent = "  "
			j.w.WriteString(map[bool]string{true: "[\n  ", false: ",\n  "}[j.n == 0])
		}
		b, err := marshal(row, indent)
		if err != nil {
			return err
		}
		j.n++
		j.w.Write(b)
		if !j.array {
			j.w.WriteByte('\n')
		}
	}
	return nil
}

func (j *jsonChangeWriter) Close() error {
	if j.array {
		j.w.WriteString(map[bool]string{true: "[]\n", false: "\n]\n"}[j.n == 0])
	}
	return j.w.Flush()
}

// textChangeWriter writes a block a record, for a terminal or a CI log: a
// line with a sign (+ added, - removed, ~ changed), the key, the kind and
// the title, then one line a changed field, its name aligned:
//
//	~ RW10P0522 (project) "Strengthening the Capacity of…"
//	    status  active -> completed
//	    budget  300000.00 USD -> 350000.00 USD
//	- LS10P0001 (project) "Reintegration of returnees"
type textChangeWriter struct{ w *bufio.Writer }

func (t *textChangeWriter) WantsTitle() bool { return true }

func (t *textChangeWriter) Write(d *Record) error {
	sign := map[string]string{Added: "+", Removed: "-", Changed: "~"}[d.Change]
	fmt.Fprintf(t.w, "%s %s (%s)", sign, d.Key, d.Kind)
	if d.Title != "" {
		fmt.Fprintf(t.w, " %s", strconv.Quote(shorten(d.Title, 60)))
	}
	t.w.WriteByte('\n')
	width := 0
	for _, f := range d.Fields {
		width = max(width, len(f.Field))
	}
	for _, f := range d.Fields {
		if paragraphs, ok := textParagraphs(f); ok { // --text: the paragraphs that differ
			fmt.Fprintf(t.w, "    %s\n", f.Field)
			for _, p := range paragraphs {
				fmt.Fprintf(t.w, "      %s\n", p)
			}
			continue
		}
		fmt.Fprintf(t.w, "    %-*s  %s\n", width, f.Field, describeChange(f))
	}
	return nil
}

func (t *textChangeWriter) Close() error { return t.w.Flush() }

// describeChange says what became of a field in a few words: what a set
// gained and lost, else its old and new values.
func describeChange(f model.Change) string {
	if len(f.Added) > 0 || len(f.Removed) > 0 {
		var parts []string
		for _, a := range f.Added {
			parts = append(parts, "+"+a)
		}
		for _, r := range f.Removed {
			parts = append(parts, "-"+r)
		}
		return strings.Join(parts, " ")
	}
	return describeValue(f.Old) + " -> " + describeValue(f.New)
}

// describeValue is a field's value as text: codes bare, free text quoted
// and shortened, a budget as its amount and currency.
func describeValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "(none)"
	case string:
		if v == "" || strings.ContainsAny(v, " \t\"") {
			return strconv.Quote(shorten(v, 60))
		}
		return v
	case int:
		return strconv.Itoa(v)
	case *model.Budget:
		return strings.TrimSpace(string(v.Amount) + " " + v.Currency)
	case *model.Office:
		if v.Since > 0 {
			return fmt.Sprintf("%s since %d", v.Country, v.Since)
		}
		return v.Country
	case model.TextDigest:
		unit := "paragraphs"
		if v.Paragraphs == 1 {
			unit = "paragraph"
		}
		return fmt.Sprintf("%d %s, %d chars (%s)", v.Paragraphs, unit, v.Chars, v.SHA256)
	}
	b, err := marshal(v, "")
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// textParagraphs lists, for a text field given whole (--text), the
// paragraphs only the old version has ("- …") and those only the new one
// has ("+ …").
func textParagraphs(f model.Change) ([]string, bool) {
	o, oldText := f.Old.([]string)
	n, newText := f.New.([]string)
	if !oldText && !newText || !strings.Contains(f.Field, ".") {
		return nil, false
	}
	var out []string
	for _, p := range o {
		if !slices.Contains(n, p) {
			out = append(out, "- "+p)
		}
	}
	for _, p := range n {
		if !slices.Contains(o, p) {
			out = append(out, "+ "+p)
		}
	}
	return out, true
}

// shorten cuts s to about max characters for a line of text, marking the
// cut.
func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

// marshal encodes v as the records' JSON is (encode.JSON): without HTML
// escaping, so that "&" and "<" in scraped text survive; indented by two
// spaces after indent when indent is not "".
func marshal(v any, indent string) ([]byte, error) { return encode.JSON(v, indent) }
