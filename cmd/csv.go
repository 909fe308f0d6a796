package cmd

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// csvColumn is one column of the CSV format: its name in the header, the
// record field it shows as a path of JSON names (TestCSVColumnsFollowRecord
// holds each column to its field in the record's declaration), and the
// cell it makes of a record.
type csvColumn struct {
	name  string
	field string
	cell  func(*model.Record) string
}

// csvColumns are the CSV format's columns, in order. Their names are a
// contract like the record's field names: spreadsheets and scripts address
// columns by them. Lists are joined with ";"; a zero number, which the
// record omits, is an empty cell.
var csvColumns = []csvColumn{
	{"kind", "kind", func(r *model.Record) string { return r.Kind }},
	{"prima_id", "prima_id", func(r *model.Record) string { return r.PrimaID }},
	{"project_id", "project_id", func(r *model.Record) string { return r.ProjectID }},
	{"status", "status", func(r *model.Record) string { return r.Status }},
	{"project_type", "project_type", func(r *model.Record) string { return r.ProjectType }},
	{"start_year", "start_year", func(r *model.Record) string { return csvInt(r.StartYear) }},
	{"end_year", "end_year", func(r *model.Record) string { return csvInt(r.EndYear) }},
	{"year", "year", func(r *model.Record) string { return csvInt(r.Year) }},
	{"budget_amount", "budget.amount", func(r *model.Record) string {
		if r.Budget == nil {
			return ""
		}
		return string(r.Budget.Amount)
	}},
	{"budget_currency", "budget.currency", func(r *model.Record) string {
		if r.Budget == nil {
			return ""
		}
		return r.Budget.Currency
	}},
	{"coverage", "coverage", func(r *model.Record) string { return r.Coverage }},
	{"idf_region", "idf_region", func(r *model.Record) string { return r.IDFRegion }},
	// The code of each member state; an unknown country keeps its name.
	{"member_states", "member_states.code", func(r *model.Record) string {
		return csvJoin(r.MemberStates, func(m *model.MemberState) string { return cmp.Or(m.Code, m.Name) })
	}},
	{"languages", "languages", func(r *model.Record) string { return strings.Join(r.Languages, ";") }},
	{"title_en", "title.en", func(r *model.Record) string { return r.Title["en"] }},
	{"title_fr", "title.fr", func(r *model.Record) string { return r.Title["fr"] }},
	{"title_es", "title.es", func(r *model.Record) string { return r.Title["es"] }},
	{"date", "date", func(r *model.Record) string { return r.Date }},
	{"place", "place", func(r *model.Record) string { return r.Place }},
	{"paths", "sources.path", func(r *model.Record) string {
		return csvJoin(r.Sources, func(s *model.Source) string { return s.Path })
	}},
	// The sources' URLs, one for each path in its order (empty where a
	// source has none); empty when none has one.
	{"urls", "sources.url", func(r *model.Record) string {
		if !slices.ContainsFunc(r.Sources, func(s model.Source) bool { return s.URL != "" }) {
			return ""
		}
		return csvJoin(r.Sources, func(s *model.Source) string { return s.URL })
	}},
}

// csvHeader is the CSV format's fixed header: the columns' names.
var csvHeader = func() []string {
	names := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		names[i] = c.name
	}
	return names
}()

// csvEncoder writes one row per record under csvHeader, quoted as RFC 4180
// says (encoding/csv), in UTF-8 with "\n" line ends. The header is written
// even when there is no record, so an empty result is still a valid table.
// Body text, sources and diagnostics do not fit a row: use JSON for them.
type csvEncoder struct {
	w      *csv.Writer
	header bool
	row    []string // reused: csv.Writer does not keep it
}

func newCSVEncoder(w io.Writer) Encoder { return &csvEncoder{w: csv.NewWriter(w)} }

func (e *csvEncoder) writeHeader() error {
	if e.header {
		return nil
	}
	e.header = true
	return e.w.Write(csvHeader)
}

func (e *csvEncoder) Encode(r *model.Record) error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.row = appendCSVRow(e.row[:0], r)
	return e.w.Write(e.row)
}

func (e *csvEncoder) Close() error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.w.Flush()
	return e.w.Error()
}

// appendCSVRow appends a record's cells, in csvColumns' order.
func appendCSVRow(row []string, r *model.Record) []string {
	for _, c := range csvColumns {
		row = append(row, c.cell(r))
	}
	return row
}

// csvInt writes 0, which the record omits, as an empty cell.
func csvInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// csvJoin joins what cell makes of each item with ";".
func csvJoin[T any](items []T, cell func(*T) string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return cell(&items[0])
	}
	var b strings.Builder
	for i := range items {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(cell(&items[i]))
	}
	return b.String()
}
