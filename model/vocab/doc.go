// Package vocab is iomparse's vocabulary as data: the folding under which
// names are compared (case, accents, apostrophes and spaces ignored), the
// value vocabularies that map what pages write in English, French and
// Spanish to language-independent codes (status, project type, coverage,
// IDF region), the country table with its member-state splitter, and the
// shapes of contact details (e-mail, phone) that the parser reads and
// redaction removes.
//
// Adding a language or a value is adding rows to a table, not code. The
// package imports nothing of iomparse's, so package model (redaction) and
// the parser's stages can all use it.
package vocab
