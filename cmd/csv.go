package cmd

import (
	"cmp"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// csvHeader is the CSV format's fixed header, a contract like the record's
// field names: spreadsheets and scripts address columns by these names.
var csvHeader = []string{
	"kind", "prima_id", "project_id", "status", "project_type", "start_year", "end_year", "year",
	"budget_amount", "budget_currency", "coverage", "idf_region", "member_states", "languages",
	"title_en", "title_fr", "title_es", "date", "place", "paths",
}

// csvEncoder writes one row per record under csvHeader, quoted as RFC 4180
// says (encoding/csv), in UTF-8 with "\n" line ends. Lists are joined with
// ";". The header is written even when there is no record, so an empty
// result is still a valid table. Body text, sources and diagnostics do not
// fit a row: use JSON for them.
type csvEncoder struct {
	w      *csv.Writer
	header bool
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
	return e.w.Write(csvRow(r))
}

func (e *csvEncoder) Close() error {
	if err := e.writeHeader(); err != nil {
		return err
	}
	e.w.Flush()
	return e.w.Error()
}

// csvRow lays a record out in csvHeader's order.
func csvRow(r *model.Record) []string {
	var amount, currency string
	if r.Budget != nil {
		amount, currency = string(r.Budget.Amount), r.Budget.Currency
	}
	states := make([]string, len(r.MemberStates))
	for i, m := range r.MemberStates {
		states[i] = cmp.Or(m.Code, m.Name) // an unknown country keeps its name
	}
	paths := make([]string, len(r.Sources))
	for i, s := range r.Sources {
		paths[i] = s.Path
	}
	return []string{
		r.Kind, r.PrimaID, r.ProjectID, r.Status, r.ProjectType,
		csvInt(r.StartYear), csvInt(r.EndYear), csvInt(r.Year),
		amount, currency, r.Coverage, r.IDFRegion,
		strings.Join(states, ";"), strings.Join(r.Languages, ";"),
		r.Title["en"], r.Title["fr"], r.Title["es"],
		r.Date, r.Place, strings.Join(paths, ";"),
	}
}

// csvInt writes 0, which the record omits, as an empty cell.
func csvInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
