// Package model holds iomparse's records as plain data: the record types
// (one for every kind of page and for one or several languages),
// diagnostics, the decimal that keeps a budget's digits, the pure function
// that merges the language versions of a project, and redaction. It does
// no I/O: package parser builds records, package cmd moves and encodes
// them. The vocabularies that turn page values into codes are package
// model/vocab; the record's JSON Schema is package model/schema.
//
// # The record's shape is declared once
//
// The struct types of record.go (and Diagnostic) are the one declaration
// of a record's shape. Everything else that follows the shape is derived
// from it:
//
//   - the json tag of a field is its name in JSON, YAML (the yaml tag must
//     equal it) and the schema;
//   - a field's doc comment is its description in the schema, and the
//     paragraph of a type's doc comment that starts with "Schema:" is the
//     type's;
//   - the tag merge:"fact" marks a fact the language versions of a project
//     must agree on (Merge compares and copies it); merge:"fact,f" names
//     the function f that renders a fact other than a string or an int as
//     text for comparison.
//
// From these, "go generate ./model/..." (the generator is
// model/internal/genrecord) writes json_gen.go, the JSON encoder and
// decoder behind Record.AppendJSON and DecodeJSON; merge_gen.go, the
// table of facts Merge walks; and model/schema/docs_gen.go, the schema's
// descriptions. Adding a field is adding it here, with its tags and
// comment, and running go generate; the tests fail while a generated file
// is stale. The CSV format's columns (package cmd) each name the field they
// show, and a test holds them to this declaration.
package model

//go:generate go run ./internal/genrecord -json json_gen.go -merge merge_gen.go

// Kinds of record.
const (
	KindProject = "project"
	KindNews    = "news"
	KindPage    = "page"
)

// Languages iomparse reads, in the order merged records prefer them.
var Languages = []string{"en", "fr", "es"}

// LangRank orders language codes as merging prefers them: English, then
// French, then Spanish, then anything else.
func LangRank(lang string) int {
	for i, l := range Languages {
		if l == lang {
			return i
		}
	}
	return len(Languages)
}

// Record is one page, or several language versions of one project merged.
// Text that depends on the language is a map from language code to text, so
// merging is a union of maps plus a comparison of the shared facts (the
// fields tagged merge). Field names are a contract with users' scripts;
// empty values are omitted.
//
// Schema: One scraped IOM page, or the language versions of one project
// paired by Prima ID. Text that depends on the language is an object from
// language code to text. Empty values are omitted.
type Record struct {
	// What the page is: a project page, a news item (press release, story),
	// or any other page.
	Kind string `json:"kind" yaml:"kind"`
	// The project's Prima ID (shape AA00P0000, e.g. RW10P0522), which pairs
	// its language versions. Kept as written even when malformed (reported
	// as bad-prima-id).
	PrimaID string `json:"prima_id,omitempty" yaml:"prima_id,omitempty" merge:"fact"`
	// The project's Projects ID (e.g. TK.0019), which pairs old projects
	// without a Prima ID.
	ProjectID string `json:"project_id,omitempty" yaml:"project_id,omitempty" merge:"fact"`
	// Project status code, language-independent (active, completed, pending).
	Status string `json:"status,omitempty" yaml:"status,omitempty" merge:"fact"`
	// Project type code: its English name, lower case and hyphenated.
	ProjectType string `json:"project_type,omitempty" yaml:"project_type,omitempty" merge:"fact"`
	// Year the project starts.
	StartYear int `json:"start_year,omitempty" yaml:"start_year,omitempty" merge:"fact"`
	// Year the project ends.
	EndYear int `json:"end_year,omitempty" yaml:"end_year,omitempty" merge:"fact"`
	// Year of the project or page, as its Year field states it.
	Year int `json:"year,omitempty" yaml:"year,omitempty" merge:"fact"`
	// The project's budget.
	Budget *Budget `json:"budget,omitempty" yaml:"budget,omitempty" merge:"fact,budgetText"`
	// Geographic coverage code (national, regional, global).
	Coverage string `json:"coverage,omitempty" yaml:"coverage,omitempty" merge:"fact"`
	// IOM Development Fund region code (africa, europe, global...).
	IDFRegion string `json:"idf_region,omitempty" yaml:"idf_region,omitempty" merge:"fact"`
	// Benefiting member states, in the order the page lists them. A name the
	// country table does not know is kept without a code.
	MemberStates []MemberState `json:"member_states,omitempty" yaml:"member_states,omitempty" merge:"fact,memberStatesText"`
	// Languages of the record's pages, English first, then French, then
	// Spanish; und when nothing tells.
	Languages []string `json:"languages,omitempty" yaml:"languages,omitempty"`
	// Title by language.
	Title map[string]string `json:"title,omitempty" yaml:"title,omitempty"`
	// Description paragraphs by language, in page order.
	Body map[string][]string `json:"body,omitempty" yaml:"body,omitempty"`
	// Expected outcomes by language, in page order.
	Outcomes map[string][]string `json:"outcomes,omitempty" yaml:"outcomes,omitempty"`
	// Date of a news item, ISO 8601 at the precision the page gives
	// (2016-12-09, 2005-02, 2005).
	Date string `json:"date,omitempty" yaml:"date,omitempty" merge:"fact"`
	// Place of a news item, as its dateline writes it.
	Place string `json:"place,omitempty" yaml:"place,omitempty" merge:"fact"`
	// ISO 3166-1 alpha-2 code of the country the place names, when the
	// country table knows it ("Dushanbe, Tajikistan" is TJ, "Djibouti" DJ);
	// absent for a place that names no country ("Kigali").
	PlaceCountry string `json:"place_country,omitempty" yaml:"place_country,omitempty" merge:"fact"`
	// The IOM country office whose site published the page, when the page
	// names it.
	Office *Office `json:"office,omitempty" yaml:"office,omitempty" merge:"fact,officeText"`
	// People named in a news item's contact block.
	Contacts []Contact `json:"contacts,omitempty" yaml:"contacts,omitempty"`
	// Links a news item gives.
	Links []string `json:"links,omitempty" yaml:"links,omitempty"`
	// The input pages that went into the record, by path.
	Sources []Source `json:"sources,omitempty" yaml:"sources,omitempty"`
	// Facts that two sources state differently; the record keeps one value
	// (English first, then French, then Spanish) and lists them all here.
	Conflicts []Conflict `json:"conflicts,omitempty" yaml:"conflicts,omitempty"`
	// Problems found while reading the record's pages and pairing them.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty" yaml:"diagnostics,omitempty"`
}

// Budget is a project's budget. Amount keeps the source's digits.
//
// Schema: A budget: an amount and its currency.
type Budget struct {
	// Amount, a JSON number written with exactly the digits of the source
	// (300000.00), never rounded through a float.
	Amount Decimal `json:"amount" yaml:"amount"`
	// ISO 4217 currency code; USD for Budget Amount (USD).
	Currency string `json:"currency,omitempty" yaml:"currency,omitempty"`
}

// MemberState is a benefiting member state. Code is the ISO 3166-1 alpha-2
// code and Name the English name; a name the country table does not know
// keeps its text in Name and has no Code.
//
// Schema: A benefiting member state.
type MemberState struct {
	// ISO 3166-1 alpha-2 code; absent when the name is not recognised.
	Code string `json:"code,omitempty" yaml:"code,omitempty"`
	// English name of the country, or the name as written when it is not
	// recognised.
	Name string `json:"name" yaml:"name"`
}

// Office is the IOM country office whose site published the page.
//
// Schema: An IOM country office.
type Office struct {
	// ISO 3166-1 alpha-2 code of the office's country.
	Country string `json:"country" yaml:"country"`
	// Year since which IOM has had a presence in the country, when the site
	// says so.
	Since int `json:"since,omitempty" yaml:"since,omitempty"`
}

// Contact is a person named in a news page's contact block.
//
// Schema: A person named in a news item's contact block.
type Contact struct {
	// Name of the person.
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// Organisation or office of the person.
	Organisation string `json:"organisation,omitempty" yaml:"organisation,omitempty"`
	// Telephone number as written.
	Phone string `json:"phone,omitempty" yaml:"phone,omitempty"`
	// E-mail address.
	Email string `json:"email,omitempty" yaml:"email,omitempty"`
}

// Source describes one input page that went into a record.
//
// Schema: One input page that went into a record.
type Source struct {
	// Path of the input as given on the command line or found walking a
	// folder; <stdin> for standard input.
	Path string `json:"path" yaml:"path"`
	// Language of the page's content.
	Lang string `json:"lang,omitempty" yaml:"lang,omitempty"`
	// Format of the input: text (one text node per line) or html.
	Format string `json:"format" yaml:"format"`
	// Layout of a project page's field block: dash, bullet, devfund
	// (Development Fund site) or none.
	Layout string `json:"layout,omitempty" yaml:"layout,omitempty"`
	// URL of the page, when known: the address a web archive's record was
	// fetched from (WARC-Target-URI), else the page's own
	// <link rel="canonical"> or og:url.
	URL string `json:"url,omitempty" yaml:"url,omitempty"`
	// When the page was fetched, in RFC 3339 (a web archive's WARC-Date);
	// absent when not known, as for a file.
	Fetched string `json:"fetched,omitempty" yaml:"fetched,omitempty"`
	// The web archive record the page was read from; absent for a file.
	Archive *ArchiveRecord `json:"archive,omitempty" yaml:"archive,omitempty"`
	// SHA-256 of the page's bytes as read, before decoding its character
	// set (a compressed file's once decompressed; a web archive record's
	// payload, HTTP encodings undone), lower-case hexadecimal.
	SHA256 string `json:"sha256" yaml:"sha256"`
	// Size of the page in bytes, as sha256 counts them.
	Bytes int `json:"bytes" yaml:"bytes"`
	// Every labelled field of the page as written, recognised or not, so
	// that nothing on the page is lost.
	Fields []Field `json:"fields,omitempty" yaml:"fields,omitempty"`
	// Why the page is news or a page: the strongest evidence the parser
	// found, one code of a short list (news-header, dateline, date-line,
	// posted-metadata, contacts, reporting-lead for news; listing, faq,
	// about, no-news-marks, empty for a page). Absent on a project page,
	// whose labelled fields make it one.
	ClassifiedBy string `json:"classified_by,omitempty" yaml:"classified_by,omitempty"`
}

// ArchiveRecord locates the record of a web archive (WARC) a page was
// read from, as WARC indexes (CDX) locate it: the archive and the record's
// byte offset, that of its gzip member in a .warc.gz. The source's path
// names the same record, "crawl.warc.gz#3162".
//
// Schema: The web archive record a page was read from.
type ArchiveRecord struct {
	// Path of the archive, as given on the command line or found walking
	// a folder.
	Path string `json:"path" yaml:"path"`
	// Byte offset of the record in the archive; in a .warc.gz, that of
	// the gzip member holding it.
	Offset int `json:"offset" yaml:"offset"`
	// Offset of the record in the decompressed bytes of its gzip member,
	// for an archive gzipped whole rather than a record per member (as
	// crawlers write them); absent when 0.
	InMember int `json:"in_member,omitempty" yaml:"in_member,omitempty"`
	// WARC-Record-ID of the record.
	RecordID string `json:"record_id,omitempty" yaml:"record_id,omitempty"`
}

// Field is one labelled field exactly as the page wrote it, recognised or
// not, so that nothing on the page is lost. Key is empty for a label the
// label table does not know; Value is empty when the label had no value.
//
// Schema: One labelled field exactly as the page wrote it.
type Field struct {
	// Record field the label maps to (e.g. prima_id); absent for a label
	// iomparse does not know.
	Key string `json:"key,omitempty" yaml:"key,omitempty"`
	// The label as written (e.g. Prima ID).
	Label string `json:"label,omitempty" yaml:"label,omitempty"`
	// The value as written; absent when the label had no value.
	Value string `json:"value,omitempty" yaml:"value,omitempty"`
	// 1-based line of the label in the input.
	Line int `json:"line" yaml:"line"`
}

// Conflict is a fact that two sources of one record state differently. The
// record keeps one value (English first, then French, then Spanish, then the
// first by path); Values lists each language's value and ByPath every
// source's, so that two pages in one language are told apart too.
//
// Schema: A fact that sources of one record state differently.
type Conflict struct {
	// The record field (e.g. budget), or field.lang for per-language text
	// (e.g. title.en).
	Field string `json:"field" yaml:"field"`
	// Each language's value.
	Values map[string]string `json:"values" yaml:"values"`
	// Each source's value, by path, so that two pages in one language are
	// told apart.
	ByPath map[string]string `json:"by_path,omitempty" yaml:"by_path,omitempty"`
}
