package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/flagvalue"
)

// csvOptions are the CSV format's flags: --fields, --csv-bom,
// --spreadsheet-safe. validate looks the columns of --fields up, so that
// the encoder's Options hold what to write.
type csvOptions struct {
	fields []string
	encode.Options
}

func (o *csvOptions) register(c *cobra.Command) {
	all := columnNames(encode.CSVColumns())
	extra := all[len(encode.CSVHeader()):] // the default header's columns come first
	c.Flags().StringSliceVar(&o.fields, "fields", nil, "CSV: write these columns, in this order (default: the standard header); also "+strings.Join(extra, ", "))
	c.Flags().BoolVar(&o.BOM, "csv-bom", false, "CSV: start with a UTF-8 byte-order mark, which Excel needs to read UTF-8")
	c.Flags().BoolVar(&o.SpreadsheetSafe, "spreadsheet-safe", false, "CSV: prefix with ' every cell that starts with =, +, -, @, a tab or a carriage return, so that spreadsheets do not run it as a formula (the data then differ from the records)")
	_ = c.RegisterFlagCompletionFunc("fields", listCompletion(all)) // registered just above
}

// validate checks the CSV flags against the format, and looks the
// columns up, without regard to case.
func (o *csvOptions) validate(format string) error {
	if format != "csv" {
		for flag, set := range map[string]bool{"--fields": o.fields != nil, "--csv-bom": o.BOM, "--spreadsheet-safe": o.SpreadsheetSafe} {
			if set {
				return usageErrorf("%s applies to -f csv only, not %s", flag, format)
			}
		}
		return nil
	}
	if o.fields == nil {
		return nil
	}
	all := encode.CSVColumns()
	names := columnNames(all)
	o.Columns = o.Columns[:0]
	seen := map[string]bool{}
	for _, f := range o.fields {
		name := strings.ToLower(strings.TrimSpace(f))
		i := slices.Index(names, name)
		switch {
		case i < 0:
			msg := fmt.Sprintf("unknown --fields column %q", f)
			if near := flagvalue.Closest(name, names); near != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", near)
			}
			return usageErrorf("%s: use %s", msg, strings.Join(names, ", "))
		case seen[name]:
			return usageErrorf("--fields names %s twice", name)
		}
		seen[name] = true
		o.Columns = append(o.Columns, all[i])
	}
	if len(o.Columns) == 0 {
		return usageErrorf("--fields names no column")
	}
	return nil
}

// columnNames are the names of cols, as --fields takes them.
func columnNames(cols []encode.Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name()
	}
	return names
}
