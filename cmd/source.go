package cmd

import (
	"context"
	"iter"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// A source is where a run's inputs come from and how each becomes a record:
// pages from walked paths and the pages of web archives among them
// (ingest, parse, check), records from JSON Lines (pair). runRecords asks it for its
// inputs, in order, on one goroutine, and has the workers load each one:
// listing is the sequential part (walking folders, cutting a stream into
// lines or an archive into its records), kept cheap; loading is the costly
// part (reading and parsing a page, decoding a line), run in parallel.
//
// Every input a source lists ends in exactly one outcome, which the
// reporter counts, prints the diagnostics of and lists in --report. An
// archive holding many pages lists one input per page, each with what it
// needs to be loaded (its bytes, read while listing) and to be named
// (its path), so it slots in without touching the pipeline.
type source interface {
	// inputs lists the inputs in order. It stops when ctx ends.
	inputs(ctx context.Context) iter.Seq[input]
	// load makes the outcome of one input. It runs on the workers, on
	// several inputs at once. ctx ends when the run stops early (a
	// signal, a failed output): loading an input that takes long (parsing
	// a slow page) should stop then too.
	load(ctx context.Context, in input) outcome
	// count returns how many inputs there are, for the progress bar, or -1
	// when that cannot be known before reading them.
	count(ctx context.Context) int
	// summary is the run's closing line, in the source's terms, from what
	// the reporter has accounted for.
	summary(r *reporter) string
	// closing returns what the source finds of the run as a whole once
	// every input is accounted for (no page at all), reported before the
	// summary.
	closing(r *reporter) []model.Diagnostic
}

// input is one thing a source lists for a worker to load. A non-empty
// state means the source already decided its fate (a FIFO is skipped, an
// unreadable folder failed, a line too long failed) and it is not loaded.
type input struct {
	path string // as diagnostics and the report name it (model.EscapePath)
	// file is the name to open it by, when path is not it: a name that
	// is not plain text (invalid UTF-8, control characters), which path
	// holds escaped.
	file   string
	line   int // the line of path the input is, for a record of JSON Lines; 0 for a whole file
	stdin  bool
	state  string
	reason string
	// data is the input's content when the source read it while listing
	// (a line, an archive's page); nil when load reads path itself.
	data []byte
	// rec is the web archive record the input is, nil for anything else.
	rec *archiveRecord
}

// name is the name to open in by.
func (in *input) name() string {
	if in.file != "" {
		return in.file
	}
	return in.path
}

// File states: every input ends in exactly one.
const (
	stateParsed  = "parsed"
	stateSkipped = "skipped"
	stateFailed  = "failed"
)

// outcome is what became of one input: its record when parsed, or the
// reason it was skipped or failed, and the diagnostics to report either
// way.
type outcome struct {
	path   string
	line   int
	state  string
	reason string
	record *model.Record
	// diags are what reading the input found, for the reporter: a page's
	// diagnostics, or why an input was skipped or failed. A record read
	// from JSON Lines carries diagnostics that parse reported already: they
	// are not here.
	diags []model.Diagnostic
	// archive is the web archive record the input was, for the report;
	// nil for anything else.
	archive *archiveRecord

	// Done on the worker after loading, when the command asks (see
	// stage.prepare): the record's compact JSON, or the error encoding it,
	// and the number of items --redact removed from it.
	encoded   []byte
	encodeErr error
	// prepared tells that encoded is what the encoder writes, prepared on
	// the worker (encode.RecordWriter.Prepare), not the compact JSON.
	prepared bool
	redacted int
}

// refuse builds the outcome of an input that is not parsed, with the
// diagnostic that says why: an error when it failed, a warning when it was
// skipped.
func refuse(path, state, reason string) outcome {
	d := model.Diagnostic{Severity: model.SeverityError, Code: model.CodeUnreadable, Path: path, Message: reason}
	if state == stateSkipped {
		d.Severity, d.Code, d.Message = model.SeverityWarning, model.CodeSkipped, reason+" skipped"
		switch {
		case reason == reasonBinary:
			d.Code = model.CodeBinary
		case reason == reasonEmpty:
			d.Code = model.CodeEmpty
		case strings.HasSuffix(reason, reasonNotAPage):
			d.Code, d.Message = model.CodeNotAPage, reason+", skipped"
		}
	}
	return outcome{path: path, state: state, reason: reason, diags: []model.Diagnostic{d}}
}
