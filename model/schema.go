package model

import (
	"reflect"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/model/vocab"

	"github.com/invopop/jsonschema"
)

// SchemaID is the $id of the record schema.
const SchemaID = "https://github.com/iomparse/iomparse/record.schema.json"

// Schema returns the JSON Schema (draft 2020-12) of a Record, reflected
// from the Go types so that it cannot drift from what the encoders write.
//
// The descriptions and the constraints live in the tables below rather than
// in struct tags, so that record.go stays a plain list of fields; the
// schema test fails when a field has no description.
//
// Code lists: kind, severity, source format and layout, and languages are
// closed enums. The vocabulary codes (status, project_type, coverage,
// idf_region) are open: the parser keeps a value its vocabulary does not
// know as a code derived from the text (and reports it as unknown-value), so
// their schema is anyOf the known codes, taken from the vocabularies, or any
// lower-case hyphenated code.
func Schema() *jsonschema.Schema {
	r := &jsonschema.Reflector{
		ExpandedStruct: true,
		LookupComment: func(t reflect.Type, field string) string {
			if field == "" {
				return schemaDocs[t.Name()]
			}
			return schemaDocs[t.Name()+"."+field]
		},
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t == reflect.TypeFor[Decimal]() {
				return &jsonschema.Schema{Type: "number"}
			}
			return nil
		},
	}
	s := r.Reflect(&Record{})
	s.ID = SchemaID
	s.Title = "iomparse record"
	for _, t := range schemaTypes {
		obj := s
		if t != reflect.TypeFor[Record]() {
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

// schemaTypes are the struct types that make up a record.
var schemaTypes = []reflect.Type{
	reflect.TypeFor[Record](), reflect.TypeFor[Budget](), reflect.TypeFor[MemberState](),
	reflect.TypeFor[Office](), reflect.TypeFor[Contact](), reflect.TypeFor[Source](),
	reflect.TypeFor[Field](), reflect.TypeFor[Conflict](), reflect.TypeFor[Diagnostic](),
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// codePattern is the shape of every code: lower-case words joined by single
// hyphens. Slug may keep letters outside ASCII, so the letters are
// Unicode's: lower-case ones, and those of scripts without case.
const codePattern = `^[\p{Ll}\p{Lm}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lm}\p{Lo}\p{N}]+)*$`

// Source formats and layouts, as the parser writes them (parser.FormatText,
// parser.LayoutDash...). model cannot import parser; the schema test
// validates every fixture's record, which catches a value missing here.
var (
	sourceFormats = []string{"text", "html"}
	sourceLayouts = []string{"dash", "bullet", "devfund", "none"}
)

// diagnosticCodes are the known diagnostic codes, listed as examples: the
// schema accepts any code of the same shape, so that adding a code does not
// break users' validation.
var diagnosticCodes = []string{
	CodeMissingTitle, CodeUnknownLabel, CodeDuplicateField, CodeBadBudget,
	CodeBadYear, CodeBadPrimaID, CodeBadProjectID, CodeUnknownCountry, CodeRepeatedCountry,
	CodeUnknownValue, CodeConflict, CodeTruncated, CodeNotIOM, CodeEmpty, CodeLineTooLong,
	CodeEncodingGuessed, CodeInvalidUTF8, CodeBinary, CodeTooLarge, CodeUnreadable, CodeSkipped,
	CodeBadRecord,
}

// languageCodes are the languages a record can be in: the ones iomparse
// reads, and "und" (BCP 47 for undetermined) for a page nothing tells.
func languageCodes() []string { return append(slices.Clone(Languages), "und") }

// schemaRules add what reflection cannot know to a property, by Go type and
// field name.
var schemaRules = map[string]func(*jsonschema.Schema){
	"Record.Kind":         enum(KindProject, KindNews, KindPage),
	"Record.Status":       vocabularyCode(vocab.Statuses),
	"Record.ProjectType":  vocabularyCode(vocab.ProjectTypes),
	"Record.StartYear":    year,
	"Record.EndYear":      year,
	"Record.Year":         year,
	"Record.Coverage":     vocabularyCode(vocab.Coverages),
	"Record.IDFRegion":    vocabularyCode(vocab.Regions),
	"Record.Languages":    func(s *jsonschema.Schema) { enum(languageCodes()...)(s.Items); s.UniqueItems = true },
	"Record.Title":        byLanguage,
	"Record.Body":         byLanguage,
	"Record.Outcomes":     byLanguage,
	"Record.Date":         pattern(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`),
	"Budget.Currency":     pattern(`^[A-Z]{3}$`),
	"MemberState.Code":    pattern(`^[A-Z]{2}$`),
	"Office.Country":      pattern(`^[A-Z]{2}$`),
	"Office.Since":        year,
	"Source.Lang":         enum(languageCodes()...),
	"Source.Format":       enum(sourceFormats...),
	"Source.Layout":       enum(sourceLayouts...),
	"Source.SHA256":       pattern(`^[0-9a-f]{64}$`),
	"Source.Bytes":        func(s *jsonschema.Schema) { s.Minimum = "0" },
	"Field.Line":          func(s *jsonschema.Schema) { s.Minimum = "1" },
	"Conflict.Values":     byLanguage,
	"Diagnostic.Severity": enum(SeverityInfo, SeverityWarning, SeverityError),
	"Diagnostic.Code":     func(s *jsonschema.Schema) { s.Pattern = codePattern; s.Examples = anys(diagnosticCodes) },
	"Diagnostic.Line":     func(s *jsonschema.Schema) { s.Minimum = "1" },
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

// schemaDocs describe every type and field of a record, by Go type name and
// field name; they become the schema's descriptions.
var schemaDocs = map[string]string{
	"Record": "One scraped IOM page, or the language versions of one project paired by Prima ID. " +
		"Text that depends on the language is an object from language code to text. Empty values are omitted.",
	"Record.Kind":         "What the page is: a project page, a news item (press release, story), or any other page.",
	"Record.PrimaID":      "The project's Prima ID (shape AA00P0000, e.g. RW10P0522), which pairs its language versions. Kept as written even when malformed (reported as bad-prima-id).",
	"Record.ProjectID":    "The project's Projects ID (e.g. TK.0019), which pairs old projects without a Prima ID.",
	"Record.Status":       "Project status code, language-independent (active, completed, pending).",
	"Record.ProjectType":  "Project type code: its English name, lower case and hyphenated.",
	"Record.StartYear":    "Year the project starts.",
	"Record.EndYear":      "Year the project ends.",
	"Record.Year":         "Year of the project or page, as its Year field states it.",
	"Record.Budget":       "The project's budget.",
	"Record.Coverage":     "Geographic coverage code (national, regional, global).",
	"Record.IDFRegion":    "IOM Development Fund region code (africa, europe, global...).",
	"Record.MemberStates": "Benefiting member states, in the order the page lists them. A name the country table does not know is kept without a code.",
	"Record.Languages":    "Languages of the record's pages, English first, then French, then Spanish; und when nothing tells.",
	"Record.Title":        "Title by language.",
	"Record.Body":         "Description paragraphs by language, in page order.",
	"Record.Outcomes":     "Expected outcomes by language, in page order.",
	"Record.Date":         "Date of a news item, ISO 8601 at the precision the page gives (2016-12-09, 2005-02, 2005).",
	"Record.Place":        "Place of a news item, as its dateline writes it.",
	"Record.Office":       "The IOM country office whose site published the page, when the page names it.",
	"Record.Contacts":     "People named in a news item's contact block.",
	"Record.Links":        "Links a news item gives.",
	"Record.Sources":      "The input pages that went into the record, by path.",
	"Record.Conflicts":    "Facts that two sources state differently; the record keeps one value (English first, then French, then Spanish) and lists them all here.",
	"Record.Diagnostics":  "Problems found while reading the record's pages and pairing them.",

	"Budget":          "A budget: an amount and its currency.",
	"Budget.Amount":   "Amount, a JSON number written with exactly the digits of the source (300000.00), never rounded through a float.",
	"Budget.Currency": "ISO 4217 currency code; USD for Budget Amount (USD).",

	"MemberState":      "A benefiting member state.",
	"MemberState.Code": "ISO 3166-1 alpha-2 code; absent when the name is not recognised.",
	"MemberState.Name": "English name of the country, or the name as written when it is not recognised.",

	"Office":         "An IOM country office.",
	"Office.Country": "ISO 3166-1 alpha-2 code of the office's country.",
	"Office.Since":   "Year since which IOM has had a presence in the country, when the site says so.",

	"Contact":              "A person named in a news item's contact block.",
	"Contact.Name":         "Name of the person.",
	"Contact.Organisation": "Organisation or office of the person.",
	"Contact.Phone":        "Telephone number as written.",
	"Contact.Email":        "E-mail address.",

	"Source":        "One input page that went into a record.",
	"Source.Path":   "Path of the input as given on the command line or found walking a folder; <stdin> for standard input.",
	"Source.Lang":   "Language of the page's content.",
	"Source.Format": "Format of the input: text (one text node per line) or html.",
	"Source.Layout": "Layout of a project page's field block: dash, bullet, devfund (Development Fund site) or none.",
	"Source.URL":    "URL of the page, when the input records it.",
	"Source.SHA256": "SHA-256 of the input's bytes as read, lower-case hexadecimal.",
	"Source.Bytes":  "Size of the input in bytes as read.",
	"Source.Fields": "Every labelled field of the page as written, recognised or not, so that nothing on the page is lost.",

	"Field":       "One labelled field exactly as the page wrote it.",
	"Field.Key":   "Record field the label maps to (e.g. prima_id); absent for a label iomparse does not know.",
	"Field.Label": "The label as written (e.g. Prima ID).",
	"Field.Value": "The value as written; absent when the label had no value.",
	"Field.Line":  "1-based line of the label in the input.",

	"Conflict":        "A fact that sources of one record state differently.",
	"Conflict.Field":  "The record field (e.g. budget), or field.lang for per-language text (e.g. title.en).",
	"Conflict.Values": "Each language's value.",
	"Conflict.ByPath": "Each source's value, by path, so that two pages in one language are told apart.",

	"Diagnostic":          "A problem found in an input, also printed to standard error as path:line: severity: message [code].",
	"Diagnostic.Severity": "How serious: info, warning, or error (exit code 1).",
	"Diagnostic.Code":     "Stable code of the problem, for grep and CI filters.",
	"Diagnostic.Path":     "Path of the input.",
	"Diagnostic.Line":     "1-based line in the input; absent for the whole file.",
	"Diagnostic.Message":  "Human-readable description.",
}
