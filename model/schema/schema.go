// Package schema writes the JSON Schema (draft 2020-12) of iomparse's
// records, which the schema command prints and the tests validate every
// output against. It is reflected from package model's types, so property
// names are the json tags and the structure is the Go types'; the
// descriptions are model's doc comments, copied into docs_gen.go by "go
// generate ./model/..." (see package model); the constraints reflection
// cannot know are the rules below.
package schema

//go:generate go run ../internal/genrecord -src .. -docs docs_gen.go

import (
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
)

// ID is the $id of the record schema.
const ID = "https://github.com/iomparse/iomparse/record.schema.json"

// Record returns the JSON Schema (draft 2020-12) of a model.Record,
// reflected from the Go types so that it cannot drift from what the
// encoders write.
//
// The constraints live in the table schemaRules rather than in struct
// tags, so that the record's declaration stays a list of fields with their
// descriptions; a test fails when a rule names no field.
//
// Code lists: kind, severity, source format, layout and classified_by, and
// languages are closed enums. The vocabulary codes (status, project_type, coverage,
// idf_region) are open: the parser keeps a value its vocabulary does not
// know as a code derived from the text (and reports it as unknown-value), so
// their schema is anyOf the known codes, taken from the vocabularies, or any
// lower-case hyphenated code.
func Record() *jsonschema.Schema {
	r := &jsonschema.Reflector{
		ExpandedStruct: true,
		LookupComment: func(t reflect.Type, field string) string {
			if field == "" {
				return docs[t.Name()]
			}
			return docs[t.Name()+"."+field]
		},
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t == reflect.TypeFor[model.Decimal]() {
				return &jsonschema.Schema{Type: "number"}
			}
			return nil
		},
	}
	s := r.Reflect(&model.Record{})
	s.ID = ID
	s.Title = "iomparse record"
	for _, t := range schemaTypes {
		obj := s
		if t != reflect.TypeFor[model.Record]() {
			obj = s.Definitions[t.Name()]
		}
		for f := range t.Fields() {
			rule, ok := schemaRules[t.Name()+"."+f.Name]
			if !ok {
				continue
			}
			if prop, ok := obj.Properties.Get(jsonName(f)); ok {
				rule(prop)
			}
		}
	}
	return s
}

// RecordsID is the $id of the schema of a JSON array of records.
const RecordsID = "https://github.com/iomparse/iomparse/records.schema.json"

// Records returns the JSON Schema of a JSON array of records, the output
// of -f json (and of ingest by default): an array whose items are the
// record of Record, which is its $defs entry "Record" beside the types it
// refers to. A validator then checks the file as a whole, where Record's
// schema would need the items taken out first.
func Records() *jsonschema.Schema {
	rec := Record()
	defs := rec.Definitions
	version := rec.Version
	rec.Definitions, rec.Version, rec.ID = nil, "", ""
	defs["Record"] = rec
	return &jsonschema.Schema{
		Version:     version,
		ID:          RecordsID,
		Title:       "iomparse records",
		Description: "A JSON array of iomparse records, as -f json writes them.",
		Type:        "array",
		Items:       &jsonschema.Schema{Ref: "#/$defs/Record"},
		Definitions: defs,
	}
}

// schemaTypes are the struct types that make up a record.
var schemaTypes = []reflect.Type{
	reflect.TypeFor[model.Record](), reflect.TypeFor[model.Budget](), reflect.TypeFor[model.MemberState](),
	reflect.TypeFor[model.Office](), reflect.TypeFor[model.Contact](), reflect.TypeFor[model.Source](),
	reflect.TypeFor[model.Field](), reflect.TypeFor[model.Conflict](), reflect.TypeFor[model.Diagnostic](),
	reflect.TypeFor[model.ArchiveRecord](),
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// codePattern is the shape of every code: lower-case ASCII words joined
// by single hyphens (vocab.Slug folds what it derives to ASCII).
//
// Every pattern of the schema keeps to what ECMA-262 (the dialect JSON
// Schema names), Python's re (python-jsonschema) and Go's regexp read
// alike: ASCII literals and classes, groups, alternation, the quantifiers
// ? * + {n} {n,m}, ^ and $. Not \d, \w or \s (Unicode in Python, ASCII in
// ECMA-262), nor \p{…} (Python's re refuses it: python-jsonschema
// crashed on every record it met). TestPatternsPortable holds every
// pattern to that. One difference remains, harmless here: Python's $
// also matches before a final line feed, which no code holds.
const codePattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// Source formats and layouts, as the parser writes them (parser.FormatText,
// parser.LayoutDash...). This package cannot import parser; the schema test
// validates every fixture's record, which catches a value missing here.
var (
	sourceFormats = []string{"text", "html"}
	sourceLayouts = []string{"dash", "bullet", "devfund", "none"}
)

// diagnosticCodes are the known diagnostic codes, listed as examples: the
// schema accepts any code of the same shape, so that adding a code does not
// break users' validation.
var diagnosticCodes = []string{
	model.CodeMissingTitle, model.CodeUnknownLabel, model.CodeDuplicateField, model.CodeBadBudget,
	model.CodeBadYear, model.CodeBadPrimaID, model.CodeBadProjectID, model.CodeUnknownCountry, model.CodeRepeatedCountry,
	model.CodeUnknownValue, model.CodeConflict, model.CodeTruncated, model.CodeNotIOM, model.CodeEmpty, model.CodeLineTooLong,
	model.CodeEncodingGuessed, model.CodeInvalidUTF8, model.CodeBinary, model.CodeTooLarge, model.CodeUnreadable, model.CodeSkipped,
	model.CodeBadRecord, model.CodeNotAPage, model.CodeNoPages,
}

// languageCodes are the languages a record can be in: the ones iomparse
// reads, and "und" (BCP 47 for undetermined) for a page nothing tells.
func languageCodes() []string { return append(slices.Clone(model.Languages), "und") }

// schemaRules add what reflection cannot know to a property, by Go type and
// field name.
var schemaRules = map[string]func(*jsonschema.Schema){
	"Record.Kind":            enum(model.KindProject, model.KindNews, model.KindPage),
	"Record.Status":          vocabularyCode(vocab.Statuses),
	"Record.ProjectType":     vocabularyCode(vocab.ProjectTypes),
	"Record.StartYear":       year,
	"Record.EndYear":         year,
	"Record.Year":            year,
	"Record.Coverage":        vocabularyCode(vocab.Coverages),
	"Record.IDFRegion":       vocabularyCode(vocab.Regions),
	"Record.Languages":       func(s *jsonschema.Schema) { enum(languageCodes()...)(s.Items); s.UniqueItems = true },
	"Record.Title":           byLanguage,
	"Record.Body":            byLanguage,
	"Record.Outcomes":        byLanguage,
	"Record.Date":            pattern(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`),
	"Record.PlaceCountry":    pattern(`^[A-Z]{2}$`),
	"Budget.Currency":        pattern(`^[A-Z]{3}$`),
	"MemberState.Code":       pattern(`^[A-Z]{2}$`),
	"Office.Country":         pattern(`^[A-Z]{2}$`),
	"Office.Since":           year,
	"Source.Lang":            enum(languageCodes()...),
	"Source.Format":          enum(sourceFormats...),
	"Source.Layout":          enum(sourceLayouts...),
	"Source.ClassifiedBy":    enum(model.ClassifiedByCodes()...),
	"Source.SHA256":          pattern(`^[0-9a-f]{64}$`),
	"Source.Bytes":           func(s *jsonschema.Schema) { s.Minimum = "0" },
	"Source.Fetched":         func(s *jsonschema.Schema) { s.Format = "date-time" },
	"ArchiveRecord.Offset":   func(s *jsonschema.Schema) { s.Minimum = "0" },
	"ArchiveRecord.InMember": func(s *jsonschema.Schema) { s.Minimum = "1" },
	"Field.Line":             func(s *jsonschema.Schema) { s.Minimum = "1" },
	"Conflict.Values":        byLanguage,
	"Diagnostic.Severity":    enum(model.SeverityInfo, model.SeverityWarning, model.SeverityError),
	"Diagnostic.Code":        func(s *jsonschema.Schema) { s.Pattern = codePattern; s.Examples = anys(diagnosticCodes) },
	"Diagnostic.Line":        func(s *jsonschema.Schema) { s.Minimum = "1" },
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func enum(values ...string) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.Enum = anys(values) }
}

func pattern(p string) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) { s.Pattern = p }
}

// year is a four-digit year, as the parser accepts them.
func year(s *jsonschema.Schema) { s.Minimum, s.Maximum = "1000", "9999" }

// byLanguage constrains the keys of a per-language map.
func byLanguage(s *jsonschema.Schema) {
	s.PropertyNames = &jsonschema.Schema{Enum: anys(languageCodes())}
}

// vocabularyCode is an open code list: one of the vocabulary's codes, or a
// code the parser derived from a value the vocabulary does not know.
func vocabularyCode(v *vocab.Vocabulary) func(*jsonschema.Schema) {
	return func(s *jsonschema.Schema) {
		s.AnyOf = []*jsonschema.Schema{
			{Enum: anys(v.Codes()), Description: "a known code"},
			{Pattern: codePattern, Description: "a code derived from a value the vocabulary does not know, reported as unknown-value"},
		}
	}
}
