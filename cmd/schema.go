package cmd

import (
	"encoding/json"

	"github.com/iomparse/iomparse/model"
	"github.com/spf13/cobra"
)

// schemaOptions are the options of schema.
type schemaOptions struct {
	io IO
}

func newSchemaCmd(stdio IO) *cobra.Command {
	opts := &schemaOptions{io: stdio}
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft 2020-12) of a record",
		Long: `Print the JSON Schema (draft 2020-12) of the records that ingest, parse and
pair write, generated from iomparse's own types. Every field has a
description; kind, severity, formats, layouts and languages are enums; the
vocabulary codes (status, project_type, coverage, idf_region) list the known
codes but also accept any lower-case hyphenated code, since a value the
vocabulary does not know is kept (and reported as unknown-value).`,
		Example: `  iomparse schema > record.schema.json
  iomparse ingest -f jsonl pages/ | check-jsonschema --schemafile record.schema.json -`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runSchema(opts) },
	}
}

// runSchema prints the schema, indented, without HTML escaping.
func runSchema(opts *schemaOptions) error {
	enc := json.NewEncoder(opts.io.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(model.Schema())
}
