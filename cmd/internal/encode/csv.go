package encode

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// Column is one column of the CSV format: its name in the header, the
// record field it shows as a path of JSON names (TestCSVColumnsFollowRecord
// holds each column to its field in the record's declaration), and the
// cell it makes of a record. It is exported for Options.Columns, which the
// commands fill from --fields by name; what a column holds stays here.
type Column struct {
	name  string
	field string
	cell  func(*model.Record) string
}

// Name is the column's name, in the header and in --fields.
func (c Column) Name() string { return c.name }

// csvColumns are the CSV format's default columns, in order. Their names,
// and their order, are a contract like the record's field names:
// spreadsheets and scripts address columns by them (csvExtraColumns are
// there for --fields instead of growing this list). Lists are joined with ";"; a zero number, which the
// record omits, is an empty cell.
var csvColumns = []Column{
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

// csvExtraColumns are columns --fields can ask for that the default
// header leaves out: the header is a contract, and scripts that read
// columns by position would break if it grew.
var csvExtraColumns = []Column{
	{"place_country", "place_country", func(r *model.Record) string { return r.PlaceCountry }},
	// The country code of the office whose site published the page.
	{"office", "office.country", func(r *model.Record) string {
		if r.Office == nil {
			return ""
		}
		return r.Office.Country
	}},
	{"office_since", "office.since", func(r *model.Record) string {
		if r.Office == nil {
			return ""
		}
		return csvInt(r.Office.Since)
	}},
	{"links", "links", func(r *model.Record) string { return strings.Join(r.Links, ";") }},
}

// csvHeader is the CSV format's default header: the columns' names.
var csvHeader = columnNames(csvColumns)

// csvAllColumns are the columns --fields takes, default ones first.
var csvAllColumns = slices.Concat(csvColumns, csvExtraColumns)

func columnNames(cols []Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

// CSVColumns returns every column Options.Columns may hold: the default
// header's, in order, then the extra ones (csvExtraColumns). A new slice:
// the caller may keep or change it.
func CSVColumns() []Column { return slices.Clone(csvAllColumns) }

// CSVHeader returns the default header: the names of the columns -f csv
// writes when Options.Columns is nil, a contract like the record's field
// names.
func CSVHeader() []string { return slices.Clone(csvHeader) }

// csvEncoder writes one row per record under its columns' header (by
// default csvHeader), quoted as RFC 4180 says (encoding/csv), in UTF-8 with
// "\n" line ends. The header is written even when there is no record, so
// an empty result is still a valid table. Body text, sources and
// diagnostics do not fit a row: use JSON for them.
type csvEncoder struct {
	w       *csv.Writer
	columns []Column
	header  bool
	row     []string // reused: csv.Writer does not keep it
	bom     bool     // Options.BOM, written before the header
	bomOut  io.Writer
	safe    bool // Options.SpreadsheetSafe
}

func newCSVEncoder(w io.Writer, o Options) Encoder {
	cols := o.Columns
	if cols == nil {
		cols = csvColumns
	}
	return &csvEncoder{w: csv.NewWriter(w), columns: cols, bom: o.BOM, bomOut: w, safe: o.SpreadsheetSafe}
}

func (e *csvEncoder) writeHeader() error {
	if e.header {
		return nil
	}
	e.header = true
	if e.bom {
		// Before the csv.Writer's first write, which is buffered: the mark
		// comes first.
		if _, err := io.WriteString(e.bomOut, "\ufeff"); err != nil {
			return err
		}
	}
	e.row = appendCSVHeader(e.row[:0], e.columns)
	return e.w.Write(e.row)
}

func (e *csvEncoder) Encode(r *model.Record) error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.row = appendCSVRow(e.row[:0], e.columns, r)
	if e.safe {
		for i, cell := range e.row {
			e.row[i] = spreadsheetSafe(cell)
		}
	}
	return e.w.Write(e.row)
}

func (e *csvEncoder) Close() error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.w.Flush()
	return e.w.Error()
}

func appendCSVHeader(row []string, cols []Column) []string {
	for _, c := range cols {
		row = append(row, c.name)
	}
	return row
}

// appendCSVRow appends a record's cells, in the order of cols.
func appendCSVRow(row []string, cols []Column, r *model.Record) []string {
	for _, c := range cols {
		row = append(row, c.cell(r))
	}
	return row
}

// spreadsheetSafe neutralises a cell that a spreadsheet would read as a
// formula (OWASP's "CSV injection"): one that starts with =, +, - or @, or
// with a tab or a carriage return, which some spreadsheets skip before
// looking for those. A leading apostrophe makes Excel, LibreOffice and
// Google Sheets show the cell as text.
func spreadsheetSafe(cell string) string {
	if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
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
