package model

import "fmt"

// Severities of a diagnostic, from least to most serious.
const (
	SeverityInfo    = "info"
	SeverityWarning = "warning"
	SeverityError   = "error"
)

// Diagnostic codes. They are stable: users grep for them and CI filters on
// them. README lists what each means.
const (
	CodeMissingTitle    = "missing-title"
	CodeUnknownLabel    = "unknown-label"
	CodeDuplicateField  = "duplicate-field"
	CodeBadBudget       = "bad-budget"
	CodeBadYear         = "bad-year"
	CodeBadPrimaID      = "bad-prima-id"
	CodeBadProjectID    = "bad-project-id"
	CodeUnknownCountry  = "unknown-country"
	CodeRepeatedCountry = "repeated-country"
	CodeUnknownValue    = "unknown-value"
	CodeConflict        = "conflict"
	CodeTruncated       = "truncated"
	CodeNotIOM          = "not-iom-page"
	CodeEmpty           = "empty"
	CodeLineTooLong     = "line-too-long"
	CodeEncodingGuessed = "encoding-guessed"
	CodeInvalidUTF8     = "invalid-utf8"
	CodeBinary          = "binary"
	CodeTooLarge        = "too-large"
	CodeUnreadable      = "unreadable"
	CodeSkipped         = "skipped"
	CodeBadRecord       = "bad-record"
	CodeTooComplex      = "too-complex"
	CodeNotAPage        = "not-a-page"
	CodeNoPages         = "no-pages"
)

// Diagnostic is one problem found in an input, with its position. Line is
// 1-based; 0 means the whole file. It is part of a record's declaration
// (see the package doc).
//
// Schema: A problem found in an input, also printed to standard error as
// path:line: severity: message [code].
type Diagnostic struct {
	// How serious: info, warning, or error (exit code 1).
	Severity string `json:"severity" yaml:"severity"`
	// Stable code of the problem, for grep and CI filters.
	Code string `json:"code" yaml:"code"`
	// Path of the input.
	Path string `json:"path" yaml:"path"`
	// 1-based line in the input; absent for the whole file.
	Line int `json:"line,omitempty" yaml:"line,omitempty"`
	// Human-readable description.
	Message string `json:"message" yaml:"message"`
}

// String formats d the way compilers do, so editors and CI can jump to it:
// "path:line: severity: message [code]". It is one line whatever the path
// and message hold: their control characters are escaped (EscapeControls),
// so that a file named with a newline cannot forge a diagnostic.
func (d Diagnostic) String() string {
	path, msg := EscapeControls(d.Path), EscapeControls(d.Message)
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s [%s]", path, d.Line, EscapeControls(d.Severity), msg, EscapeControls(d.Code))
	}
	return fmt.Sprintf("%s: %s: %s [%s]", path, EscapeControls(d.Severity), msg, EscapeControls(d.Code))
}

// Error makes a Diagnostic usable as an error, so callers can match it with
// errors.As.
func (d Diagnostic) Error() string { return d.String() }
