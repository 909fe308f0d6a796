package parquet

import (
	"time"

	"github.com/iomparse/iomparse/model"
)

// The types below are one Parquet row: model.Record with its nested shape,
// its JSON names as column names (they are the contract), and what Parquet
// readers need to see types: a DECIMAL amount, a DATE beside the date's
// text. parquet-go derives the schema from their tags; testdata/schema.txt
// holds it in full and TestSchema keeps the two, and model.Record's JSON
// names, in step.
//
// A field the JSON output omits when empty is an optional column, null
// where the record's value is empty, so SQL sees NULL where the JSON has no
// key; a field the JSON always writes is required. An optional column is a
// pointer, a slice or a map here, nil for null, never a zero value that
// parquet-go would turn into null: how it treats those has changed between
// its versions. Integers are INT64 like
// the model's int, so no year or line can overflow. Low-cardinality codes
// are dictionary-encoded. Lists are LIST and maps MAP, the standard
// three-level shapes that DuckDB, Arrow and Spark all read as lists and
// maps.

// row is one record.
type row struct {
	Kind         string              `parquet:"kind,dict"`
	PrimaID      *string             `parquet:"prima_id,optional"`
	ProjectID    *string             `parquet:"project_id,optional"`
	Status       *string             `parquet:"status,optional,dict"`
	ProjectType  *string             `parquet:"project_type,optional,dict"`
	StartYear    *int64              `parquet:"start_year,optional"`
	EndYear      *int64              `parquet:"end_year,optional"`
	Year         *int64              `parquet:"year,optional"`
	Budget       *budgetRow          `parquet:"budget,optional"`
	Coverage     *string             `parquet:"coverage,optional,dict"`
	IDFRegion    *string             `parquet:"idf_region,optional,dict"`
	MemberStates []memberStateRow    `parquet:"member_states,optional,list"`
	Languages    []string            `parquet:"languages,optional,list" parquet-element:",dict"`
	Title        map[string]string   `parquet:"title,optional"`
	Body         map[string][]string `parquet:"body,optional" parquet-value:",list"`
	Outcomes     map[string][]string `parquet:"outcomes,optional" parquet-value:",list"`
	Date         *string             `parquet:"date,optional"`
	// DateValue is Date as a DATE (days since 1970-01-01) when Date is a
	// complete, valid day (2016-12-09); null for a month or a year (2005-02,
	// 2005), whose text date keeps. A pointer, because day 0 is a date, and
	// an int32 rather than a time.Time, which parquet-go v0.32.1 writes
	// into a DATE column as a wrong number of days.
	DateValue    *int32          `parquet:"date_value,optional,date"`
	Place        *string         `parquet:"place,optional"`
	PlaceCountry *string         `parquet:"place_country,optional,dict"`
	Office       *officeRow      `parquet:"office,optional"`
	Contacts     []contactRow    `parquet:"contacts,optional,list"`
	Links        []string        `parquet:"links,optional,list"`
	Sources      []sourceRow     `parquet:"sources,optional,list"`
	Conflicts    []conflictRow   `parquet:"conflicts,optional,list"`
	Diagnostics  []diagnosticRow `parquet:"diagnostics,optional,list"`
}

// budgetRow is model.Budget. Amount's tag is replaced when the writer is
// made, with the scale the file's amounts need (see amountStats.scale);
// the tag here is what a reader that has not seen the file assumes.
type budgetRow struct {
	// Amount is the amount as a DECIMAL(38, scale), null only when it
	// does not fit one (see amountStats.scale).
	Amount *[16]byte `parquet:"amount,optional,decimal(2:38)"`
	// AmountText is the amount's digits exactly as the record has them
	// (model.Decimal, as the JSON output writes them): it keeps the
	// source's own scale, "103058" where amount shows 103058.00.
	AmountText string  `parquet:"amount_text"`
	Currency   *string `parquet:"currency,optional,dict"`
}

type memberStateRow struct {
	Code *string `parquet:"code,optional,dict"`
	Name string  `parquet:"name,dict"`
}

type officeRow struct {
	Country string `parquet:"country,dict"`
	Since   *int64 `parquet:"since,optional"`
}

type contactRow struct {
	Name         *string `parquet:"name,optional"`
	Organisation *string `parquet:"organisation,optional"`
	Phone        *string `parquet:"phone,optional"`
	Email        *string `parquet:"email,optional"`
}

type sourceRow struct {
	Path    string      `parquet:"path"`
	Lang    *string     `parquet:"lang,optional,dict"`
	Format  string      `parquet:"format,dict"`
	Layout  *string     `parquet:"layout,optional,dict"`
	URL     *string     `parquet:"url,optional"`
	Fetched *string     `parquet:"fetched,optional"`
	Archive *archiveRow `parquet:"archive,optional"`
	SHA256  string      `parquet:"sha256"`
	// ClassifiedBy is the evidence that decided the kind of a news or
	// other page.
	ClassifiedBy *string    `parquet:"classified_by,optional,dict"`
	Bytes        int64      `parquet:"bytes"`
	Fields       []fieldRow `parquet:"fields,optional,list"`
}

// archiveRow is the web archive record a page was read from.
type archiveRow struct {
	Path     string  `parquet:"path"`
	Offset   int64   `parquet:"offset"`
	InMember *int64  `parquet:"in_member,optional"`
	RecordID *string `parquet:"record_id,optional"`
}

type fieldRow struct {
	Key   *string `parquet:"key,optional,dict"`
	Label *string `parquet:"label,optional,dict"`
	Value *string `parquet:"value,optional"`
	Line  int64   `parquet:"line"`
}

// conflictRow is model.Conflict. Values is always written by the JSON
// output (null when nil), so it is null here only when nil. The maps are
// pointers: parquet-go v0.32.1 writes a nil map among the non-nil ones of
// a list as an empty map, and a nil pointer as null (see
// Writer.writeRows).
type conflictRow struct {
	Field  string             `parquet:"field,dict"`
	Values *map[string]string `parquet:"values,optional"`
	ByPath *map[string]string `parquet:"by_path,optional"`
}

type diagnosticRow struct {
	Severity string `parquet:"severity,dict"`
	Code     string `parquet:"code,dict"`
	Path     string `parquet:"path"`
	Line     *int64 `parquet:"line,optional"`
	Message  string `parquet:"message"`
}

// makeRow returns r as a row, its amount at the column's scale. What the
// JSON output omits when empty is nil here, so null in the file.
func makeRow(r *model.Record, scale int) row {
	out := row{
		Kind:         r.Kind,
		PrimaID:      text(r.PrimaID),
		ProjectID:    text(r.ProjectID),
		Status:       text(r.Status),
		ProjectType:  text(r.ProjectType),
		StartYear:    number(r.StartYear),
		EndYear:      number(r.EndYear),
		Year:         number(r.Year),
		Coverage:     text(r.Coverage),
		IDFRegion:    text(r.IDFRegion),
		MemberStates: convert(r.MemberStates, func(m *model.MemberState) memberStateRow { return memberStateRow{Code: text(m.Code), Name: m.Name} }),
		Languages:    nilIfEmpty(r.Languages),
		Title:        nilIfEmptyMap(r.Title),
		Body:         nilIfEmptyMap(r.Body),
		Outcomes:     nilIfEmptyMap(r.Outcomes),
		Date:         text(r.Date),
		DateValue:    dateValue(r.Date),
		Place:        text(r.Place),
		PlaceCountry: text(r.PlaceCountry),
		Contacts: convert(r.Contacts, func(c *model.Contact) contactRow {
			return contactRow{Name: text(c.Name), Organisation: text(c.Organisation), Phone: text(c.Phone), Email: text(c.Email)}
		}),
		Links:   nilIfEmpty(r.Links),
		Sources: convert(r.Sources, makeSourceRow),
		Conflicts: convert(r.Conflicts, func(c *model.Conflict) conflictRow {
			out := conflictRow{Field: c.Field}
			if c.Values != nil { // the JSON output writes null for nil, {} for empty
				out.Values = &c.Values
			}
			if len(c.ByPath) > 0 {
				out.ByPath = &c.ByPath
			}
			return out
		}),
		Diagnostics: convert(r.Diagnostics, func(d *model.Diagnostic) diagnosticRow {
			return diagnosticRow{Severity: d.Severity, Code: d.Code, Path: d.Path, Line: number(d.Line), Message: d.Message}
		}),
	}
	if b := r.Budget; b != nil {
		out.Budget = &budgetRow{AmountText: string(b.Amount), Currency: text(b.Currency)}
		if v, ok := encodeAmount(b.Amount, scale); ok {
			out.Budget.Amount = &v
		}
	}
	if o := r.Office; o != nil {
		out.Office = &officeRow{Country: o.Country, Since: number(o.Since)}
	}
	return out
}

func makeSourceRow(s *model.Source) sourceRow {
	return sourceRow{
		Path: s.Path, Lang: text(s.Lang), Format: s.Format, Layout: text(s.Layout), URL: text(s.URL),
		Fetched: text(s.Fetched), Archive: makeArchiveRow(s.Archive),
		SHA256: s.SHA256, Bytes: int64(s.Bytes), ClassifiedBy: text(s.ClassifiedBy),
		Fields: convert(s.Fields, func(f *model.Field) fieldRow {
			return fieldRow{Key: text(f.Key), Label: text(f.Label), Value: text(f.Value), Line: int64(f.Line)}
		}),
	}
}

func makeArchiveRow(a *model.ArchiveRecord) *archiveRow {
	if a == nil {
		return nil
	}
	return &archiveRow{Path: a.Path, Offset: int64(a.Offset), InMember: number(a.InMember), RecordID: text(a.RecordID)}
}

// dateValue returns a complete date as days since 1970-01-01, the DATE
// logical type's value; nil for a partial or invalid one.
func dateValue(date string) *int32 {
	if len(date) != len(time.DateOnly) {
		return nil // a month or a year: Parse would take neither, this is quicker
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return nil
	}
	days := int32(t.Unix() / 86400) // midnight UTC: a whole number of days, in range for years 0000-9999
	return &days
}

// text returns an optional string column's value: nil, so null, for "".
func text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// number returns an optional integer column's value: nil, so null, for 0.
func number(n int) *int64 {
	if n == 0 {
		return nil
	}
	v := int64(n)
	return &v
}

func convert[T, U any](items []T, f func(*T) U) []U {
	if len(items) == 0 {
		return nil
	}
	out := make([]U, len(items))
	for i := range items {
		out[i] = f(&items[i])
	}
	return out
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func nilIfEmptyMap[V any](m map[string]V) map[string]V {
	if len(m) == 0 {
		return nil
	}
	return m
}
