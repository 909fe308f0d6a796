package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
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

// recordsOptions are the options of the commands that write records:
// ingest, parse and pair, which differ only in their source and in
// whether they pair.
type recordsOptions struct {
	io    IO
	paths []string
	read  readFlags
	diag  diagFlags
	out   outputFlags
	// source makes the command's source: pages (ingest, parse) or lines
	// of JSON (pair).
	source func(*recordsOptions) source
	pair   bool // records are paired by project (ingest, pair)
}

// pagesOf is the source of ingest and parse.
func pagesOf(o *recordsOptions) source { return newPageSource(o.io, o.paths, &o.read) }

// newRecordsCmd completes the command c of ingest, parse or pair: its three
// flag groups, and a RunE that fills the options and calls runWrite.
func newRecordsCmd(c *cobra.Command, opts *recordsOptions, spec readSpec, defaultFormat string) *cobra.Command {
	c.RunE = func(c *cobra.Command, args []string) error {
		opts.paths = args
		return runWrite(c.Context(), opts)
	}
	unsortedFlags(c)
	opts.read.register(c, spec)
	opts.diag.register(c)
	opts.out.register(c, defaultFormat)
	return c
}

// runWrite reads every input of the command's source and writes the
// records: paired by project (ingest, pair), or one per input as they come
// (parse).
func runWrite(ctx context.Context, opts *recordsOptions) error {
	if err := opts.read.validate(); err != nil {
		return err
	}
	if err := opts.out.validate(); err != nil {
		return err
	}
	if err := checkOutputs(opts.io, opts.paths, opts.out.output, opts.read.report); err != nil {
		return err
	}
	st := &recordsStage{stdio: opts.io, out: &opts.out, pair: opts.pair, jobs: opts.read.jobs}
	return runRecords(ctx, opts.io, &opts.read, &opts.diag, opts.source(opts), st)
}

func newIngestCmd(stdio IO) *cobra.Command {
	return newRecordsCmd(&cobra.Command{
		Use:   "ingest PATH...",
		Short: "Parse every page, pair languages by Prima ID, write all records",
		Example: `  iomparse ingest pages/ > records.json
  iomparse ingest -f jsonl pages/ | jq 'select(.kind == "project")'`,
		Args: requirePaths,
	}, &recordsOptions{io: stdio, source: pagesOf, pair: true}, pagesSpec, "json")
}

func newParseCmd(stdio IO) *cobra.Command {
	return newRecordsCmd(&cobra.Command{
		Use:     "parse PATH...",
		Short:   "Write one record per page, without pairing (JSON Lines by default: the map step)",
		Example: `  iomparse parse pages/ | iomparse pair`,
		Args:    requirePaths,
	}, &recordsOptions{io: stdio, source: pagesOf}, pagesSpec, "jsonl")
}

// plural formats a count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
