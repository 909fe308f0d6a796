package cmd

import (
	"bytes"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/model/schema"
)

// schemaOptions are the options of schema.
type schemaOptions struct {
	io    IO
	array bool // --array: the schema of -f json's array of records
}

func newSchemaCmd(stdio IO) *cobra.Command {
	opts := &schemaOptions{io: stdio}
	c := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft 2020-12) of a record",
		Long: `Print the JSON Schema (draft 2020-12) of the records that ingest, parse and
pair write, generated from iomparse's own types. Every field has a
description; kind, severity, formats, layouts and languages are enums; the
vocabulary codes (status, project_type, coverage, idf_region) list the known
codes but also accept any lower-case hyphenated ASCII code, since a value
the vocabulary does not know is kept (and reported as unknown-value). Its
patterns read the same in every regular-expression dialect validators use
(ECMA-262, Python's re, Go's regexp).

With --array, the schema is that of a JSON array of records, as -f json
(ingest's default) writes them: the record is its $defs entry "Record".`,
		Example: `  iomparse schema > record.schema.json
  iomparse ingest -f jsonl pages/ | check-jsonschema --schemafile record.schema.json -
  iomparse schema --array > records.schema.json   # for: iomparse ingest pages/ > records.json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runSchema(opts) },
	}
	c.Flags().BoolVar(&opts.array, "array", false, "the schema of a JSON array of records (-f json's output) instead of one record's")
	return c
}

// runSchema prints the schema, indented.
func runSchema(opts *schemaOptions) error {
	// jsonschema.Schema marshals itself with json.Marshal, which escapes
	// "<", ">" and "&"; an encoder's SetEscapeHTML(false) does not undo
	// what a MarshalJSON method wrote, so undo it here.
	s := schema.Record()
	if opts.array {
		s = schema.Records()
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, unescapeHTML(b), "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err = opts.io.Out.Write(buf.Bytes())
	return err
}

// unescapeHTML turns encoding/json's \u003c, \u003e and \u0026 escapes back
// into the characters. An escape starts at a backslash that is not itself
// escaped, so the scan steps over every two-byte escape.
func unescapeHTML(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if b[i+1] == 'u' && i+6 <= len(b) {
			switch string(b[i+2 : i+6]) {
			case "003c", "003e", "0026":
				out = append(out, map[string]byte{"003c": '<', "003e": '>', "0026": '&'}[string(b[i+2:i+6])])
				i += 5
				continue
			}
		}
		out = append(out, b[i], b[i+1])
		i++
	}
	return out
}
