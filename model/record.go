// Package model holds iomparse's records as plain data: the record types
// (one for every kind of page and for one or several languages),
// diagnostics, the decimal that keeps a budget's digits, the pure function
// that merges the language versions of a project, and redaction. It does
// no I/O: package parser builds records, package cmd moves and encodes
// them. The vocabularies that turn page values into codes are package
// model/vocab.
package model

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
// merging is a union of maps plus a comparison of the shared facts. Field
// names are a contract with users' scripts; empty values are omitted.
type Record struct {
	Kind         string              `json:"kind" yaml:"kind"`
	PrimaID      string              `json:"prima_id,omitempty" yaml:"prima_id,omitempty"`
	ProjectID    string              `json:"project_id,omitempty" yaml:"project_id,omitempty"`
	Status       string              `json:"status,omitempty" yaml:"status,omitempty"`
	ProjectType  string              `json:"project_type,omitempty" yaml:"project_type,omitempty"`
	StartYear    int                 `json:"start_year,omitempty" yaml:"start_year,omitempty"`
	EndYear      int                 `json:"end_year,omitempty" yaml:"end_year,omitempty"`
	Year         int                 `json:"year,omitempty" yaml:"year,omitempty"`
	Budget       *Budget             `json:"budget,omitempty" yaml:"budget,omitempty"`
	Coverage     string              `json:"coverage,omitempty" yaml:"coverage,omitempty"`
	IDFRegion    string              `json:"idf_region,omitempty" yaml:"idf_region,omitempty"`
	MemberStates []MemberState       `json:"member_states,omitempty" yaml:"member_states,omitempty"`
	Languages    []string            `json:"languages,omitempty" yaml:"languages,omitempty"`
	Title        map[string]string   `json:"title,omitempty" yaml:"title,omitempty"`
	Body         map[string][]string `json:"body,omitempty" yaml:"body,omitempty"`
	Outcomes     map[string][]string `json:"outcomes,omitempty" yaml:"outcomes,omitempty"`
	Date         string              `json:"date,omitempty" yaml:"date,omitempty"`
	Place        string              `json:"place,omitempty" yaml:"place,omitempty"`
	Office       *Office             `json:"office,omitempty" yaml:"office,omitempty"`
	Contacts     []Contact           `json:"contacts,omitempty" yaml:"contacts,omitempty"`
	Links        []string            `json:"links,omitempty" yaml:"links,omitempty"`
	Sources      []Source            `json:"sources,omitempty" yaml:"sources,omitempty"`
	Conflicts    []Conflict          `json:"conflicts,omitempty" yaml:"conflicts,omitempty"`
	Diagnostics  []Diagnostic        `json:"diagnostics,omitempty" yaml:"diagnostics,omitempty"`
}

// Budget is a project's budget. Amount keeps the source's digits.
type Budget struct {
	Amount   Decimal `json:"amount" yaml:"amount"`
	Currency string  `json:"currency,omitempty" yaml:"currency,omitempty"`
}

// MemberState is a benefiting member state. Code is the ISO 3166-1 alpha-2
// code and Name the English name; a name the country table does not know
// keeps its text in Name and has no Code.
type MemberState struct {
	Code string `json:"code,omitempty" yaml:"code,omitempty"`
	Name string `json:"name" yaml:"name"`
}

// Office is the IOM country office whose site published the page.
type Office struct {
	Country string `json:"country" yaml:"country"`
	Since   int    `json:"since,omitempty" yaml:"since,omitempty"`
}

// Contact is a person named in a news page's contact block.
type Contact struct {
	Name         string `json:"name,omitempty" yaml:"name,omitempty"`
	Organisation string `json:"organisation,omitempty" yaml:"organisation,omitempty"`
	Phone        string `json:"phone,omitempty" yaml:"phone,omitempty"`
	Email        string `json:"email,omitempty" yaml:"email,omitempty"`
}

// Source describes one input page that went into a record.
type Source struct {
	Path   string  `json:"path" yaml:"path"`
	Lang   string  `json:"lang,omitempty" yaml:"lang,omitempty"`
	Format string  `json:"format" yaml:"format"`
	Layout string  `json:"layout,omitempty" yaml:"layout,omitempty"`
	URL    string  `json:"url,omitempty" yaml:"url,omitempty"`
	SHA256 string  `json:"sha256" yaml:"sha256"`
	Bytes  int     `json:"bytes" yaml:"bytes"`
	Fields []Field `json:"fields,omitempty" yaml:"fields,omitempty"`
}

// Field is one labelled field exactly as the page wrote it, recognised or
// not, so that nothing on the page is lost. Key is empty for a label the
// label table does not know; Value is empty when the label had no value.
type Field struct {
	Key   string `json:"key,omitempty" yaml:"key,omitempty"`
	Label string `json:"label,omitempty" yaml:"label,omitempty"`
	Value string `json:"value,omitempty" yaml:"value,omitempty"`
	Line  int    `json:"line" yaml:"line"`
}

// Conflict is a fact that two sources of one record state differently. The
// record keeps one value (English first, then French, then Spanish, then the
// first by path); Values lists each language's value and ByPath every
// source's, so that two pages in one language are told apart too.
type Conflict struct {
	Field  string            `json:"field" yaml:"field"`
	Values map[string]string `json:"values" yaml:"values"`
	ByPath map[string]string `json:"by_path,omitempty" yaml:"by_path,omitempty"`
}
