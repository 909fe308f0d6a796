package cmd

import "github.com/spf13/cobra"

func newPairCmd(stdio IO, diag *diagFlags) *cobra.Command {
	return newRecordsCmd(&cobra.Command{
		Use:   "pair [FILE...]",
		Short: "Read records as JSON or JSON Lines, pair languages by Prima ID, write them (the reduce step)",
		Long: `Read records as parse and ingest write them, pair the language versions
of each project by Prima ID, and write the records exactly as ingest would
have written them for the same pages, in the same order. parse is the map
step and pair the reduce step: any split of the pages, parsed separately and
concatenated in any order, pairs to the same output.

Records are read as JSON Lines (-f jsonl, -f jsonl-keyed), as a JSON array
(-f json), or as any whitespace-separated stream of JSON records (jq's
output), gzip-compressed or not (told by the content, not the name). An
input that is not JSON (CSV, YAML, a page) is one error, and the run goes
on with the next input.

FILE is a file, a folder (its files read in lexical order, hidden ones
skipped: a Hadoop or Spark output folder), or - for standard input, which
is read when no FILE is given. A line may carry a key before a tab
("RW10P0522<TAB>{...}"), as parse -f jsonl-keyed writes it for the map step
of Hadoop Streaming and as Hadoop hands a reducer its input; the key is
ignored.

The diagnostics of the pages travel inside the records and were printed by
parse already; pair prints only what it finds itself: lines or values that
are not records (error, bad-record) and the conflicts between language versions
(warning, conflict), then a summary. The exit code follows those alone.
--report lists every line of JSON Lines read, or every JSON value: parsed
(a record), skipped (a blank line) or failed (not a record), with its line
number.`,
		Example: `  iomparse parse -f jsonl pages/ | iomparse pair -f jsonl > records.jsonl
  find pages -type f | parallel -X -j8 iomparse parse -q | iomparse pair > records.json`,
	}, &recordsOptions{io: stdio, diag: diag, source: recordsOf, pair: true}, recordsSpec, "json")
}

// recordsOf is the source of pair: records in JSON, as parse writes them,
// paired as ingest pairs pages.
func recordsOf(o *recordsOptions) source { return newRecordSource(o.io, o.paths, &o.read) }
