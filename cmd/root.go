package cmd

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/parser"
)

// newRootCmd builds the command tree. Cobra's own error and usage printing
// is silenced: Main prints errors once and picks the exit code.
func newRootCmd(stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "iomparse",
		Short: "Turn scraped IOM web pages into structured records",
		Long: `iomparse reads pages scraped from the web sites of the International
Organization for Migration (text, one text node per line, or HTML), and turns
them into records: projects with their normalised fields, news items, other
pages. It pairs the English, French and Spanish versions of a project by
Prima ID and writes JSON, JSON Lines, YAML or CSV.

Records go to standard output; diagnostics, progress and the summary go to
standard error as "path:line: severity: message [code]".

Exit codes: 0 every input parsed (warnings allowed unless --strict);
1 some input had an error or could not be read; 2 usage error.`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErrorf("%v", err) })
	root.SetVersionTemplate("iomparse {{.Version}}\n")
	root.AddCommand(
		newIngestCmd(stdio),
		newParseCmd(stdio),
		newCheckCmd(stdio),
		newPairCmd(stdio),
		newSchemaCmd(stdio),
		newManCmd(stdio),
	)
	setupCompletion(root)
	return root
}

// isCobraUsageError recognises the errors cobra returns for a command line
// it cannot dispatch.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "arg(s)")
}

// requirePaths is the Args rule of the commands that read pages.
func requirePaths(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageErrorf("no input: give one or more files or folders, or - for standard input")
	}
	return stdinOnce(c, args)
}

// stdinOnce is the Args rule that standard input is named at most once: it
// can be read only once, and two workers reading it at the same time would
// each get part of it.
func stdinOnce(_ *cobra.Command, args []string) error {
	n := 0
	for _, a := range args {
		if a == "-" {
			n++
		}
	}
	if n > 1 {
		return usageErrorf("- (standard input) is given %d times: it can be read only once", n)
	}
	return nil
}

// inputFlags are the options shared by every command that reads pages.
type inputFlags struct {
	strict   bool
	quiet    bool
	verbose  bool
	jobs     int
	maxBytes int64
	encoding string
	report   string // --report FILE: what became of every input, as JSON
}

func (f *inputFlags) register(c *cobra.Command) {
	c.Flags().BoolVar(&f.strict, "strict", false, "treat warnings as errors: exit 1 when any input has a warning")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print only errors and the summary; no warnings, no progress")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "also print info diagnostics")
	c.Flags().IntVarP(&f.jobs, "jobs", "j", runtime.NumCPU(), "pages parsed at once")
	c.Flags().Int64Var(&f.maxBytes, "max-bytes", 16<<20, "refuse input files larger than this many bytes")
	c.Flags().StringVar(&f.encoding, "encoding", "", "character set of the inputs (utf-8, windows-1252, iso-8859-1…); default: detect")
	c.Flags().StringVar(&f.report, "report", "", "write what became of every input (parsed, skipped, failed) to this JSON file")
}

func (f *inputFlags) validate() error {
	if f.jobs < 1 {
		return usageErrorf("--jobs must be at least 1, not %d", f.jobs)
	}
	if f.maxBytes < 1 {
		return usageErrorf("--max-bytes must be positive, not %d", f.maxBytes)
	}
	if f.encoding != "" {
		if _, err := parser.LookupEncoding(f.encoding); err != nil {
			return usageErrorf("--encoding: %v", err)
		}
	}
	return nil
}

// outputFlags are the options of the commands that write records.
type outputFlags struct {
	format string
	output string
	redact bool
}

func (f *outputFlags) register(c *cobra.Command, defaultFormat string) {
	c.Flags().StringVarP(&f.format, "format", "f", defaultFormat, "output format: "+strings.Join(formatNames(), ", "))
	c.Flags().StringVarP(&f.output, "output", "o", "", "write records to this file (atomically) instead of standard output")
	c.Flags().BoolVar(&f.redact, "redact", false, "leave personal data out: contacts' names, phone numbers and email addresses")
	_ = c.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return formatNames(), cobra.ShellCompDirectiveNoFileComp
	}) // the flag exists: registered just above
}

func (f *outputFlags) validate() error {
	if _, ok := encoders[f.format]; !ok {
		return usageErrorf("unknown format %q: use one of %s", f.format, strings.Join(formatNames(), ", "))
	}
	return nil
}

func newIngestCmd(stdio IO) *cobra.Command {
	return newRecordsCmd(stdio, true, "json", &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Parse every page, pair languages by Prima ID, write all records",
		Example: `  iomparse ingest pages/ > records.json
  iomparse ingest -f jsonl pages/ | jq 'select(.kind == "project")'`,
	})
}

func newParseCmd(stdio IO) *cobra.Command {
	return newRecordsCmd(stdio, false, "jsonl", &cobra.Command{
		Use:     "parse PATH...",
		Short:   "Write one record per page, without pairing (JSON Lines by default: the map step)",
		Example: `  iomparse parse pages/ | iomparse pair`,
	})
}

// newRecordsCmd completes ingest (pair: records paired, JSON by default)
// and parse (one record per page, JSON Lines by default), which share their
// options and their run function.
func newRecordsCmd(stdio IO, pair bool, defaultFormat string, c *cobra.Command) *cobra.Command {
	opts := &runOptions{io: stdio, pair: pair}
	c.Args = requirePaths
	c.RunE = func(c *cobra.Command, args []string) error {
		opts.paths = args
		return runRecords(c.Context(), opts)
	}
	opts.in.register(c)
	opts.out.register(c, defaultFormat)
	opts.filter.register(c)
	return c
}

func newCheckCmd(stdio IO) *cobra.Command {
	opts := &checkOptions{io: stdio}
	c := &cobra.Command{
		Use:     "check PATH...",
		Short:   "Parse every page and report diagnostics only; for CI",
		Example: `  iomparse check --strict testdata/pages`,
		Args:    requirePaths,
		RunE: func(c *cobra.Command, args []string) error {
			opts.paths = args
			return runCheck(c.Context(), opts)
		},
	}
	opts.in.register(c)
	c.Flags().StringVarP(&opts.format, "format", "f", "text", "diagnostics format: text, json, github")
	return c
}

// plural formats a count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
