package cmd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iomparse/iomparse/cmd/internal/heaplimit"
)

// newRootCmd builds the command tree. Cobra's own error and usage printing
// is silenced: Main prints errors once and picks the exit code. The
// diagnostics flags are the root's, and every command shares them.
func newRootCmd(stdio IO) *cobra.Command {
	diag := &diagFlags{}
	root := &cobra.Command{
		Use:   "iomparse",
		Short: "Turn scraped IOM web pages into structured records",
		Long: `iomparse reads pages scraped from the web sites of the International
Organization for Migration (text, one text node per line, or HTML), and turns
them into records: projects with their normalised fields, news items, other
pages. It pairs the English, French and Spanish versions of a project by
Prima ID and writes JSON, JSON Lines, YAML, CSV or Parquet.

Flags that apply to every command (--strict, -q, -v, --progress) may come
before or after the command's name, and so may the command's own flags.

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
	root.SetFlagErrorFunc(flagError)
	unsortedFlags(root)
	root.SetVersionTemplate("iomparse {{.Version}}\n")
	diag.register(root)
	// -v is --verbose on every command, the root included, so the version
	// is -V (cobra would make it -v).
	root.Flags().BoolP("version", "V", false, "print the version and VCS revision of the binary")
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return diag.validate() }
	root.AddCommand(
		newIngestCmd(stdio, diag),
		newParseCmd(stdio, diag),
		newCheckCmd(stdio, diag),
		newPairCmd(stdio, diag),
		newDiffCmd(stdio, diag),
		newSchemaCmd(stdio),
		newManCmd(stdio, diag),
	)
	setupCompletion(root)
	return root
}

// commandFirst moves the command's name before the flags that precede it,
// so that `iomparse --redact ingest pages/` means `iomparse ingest --redact
// pages/`. Cobra finds the command by skipping the flags before it, but it
// knows only the root's flags there, and takes the command's name for the
// value of a flag it does not know (--redact's, say). A word is the
// command's name when it names one and is not the value of the flag
// before it; args that do not start with flags, or hold no command, are
// left as they are.
func commandFirst(root *cobra.Command, args []string) []string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			continue
		}
		prevFlag := i > 0 && strings.HasPrefix(args[i-1], "-") && args[i-1] != "-" && !strings.Contains(args[i-1], "=")
		c := subcommand(root, a)
		switch {
		case i == 0:
			return args // the command comes first, or no command does
		case c == nil && prevFlag:
			continue // the value of the flag before it, as far as can be told
		case c == nil:
			return args // an argument cobra will judge (__complete…)
		case takesValue(root, args[i-1]):
			continue // the value of the flag before it: -o ingest
		}
		return slices.Concat([]string{a}, args[:i], args[i+1:])
	}
	return args
}

// subcommand returns root's command called name, or nil.
func subcommand(root *cobra.Command, name string) *cobra.Command {
	for _, c := range root.Commands() {
		if c.Name() == name || c.HasAlias(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether arg is a flag of root or of one of its
// commands that takes the next argument as its value: --name or a cluster
// of shorthands (-qj) ending in one that is not a boolean, without "=" or
// a value of its own. Which command the flag is meant for is not known
// yet; a flag's name has one type in every command that has it.
func takesValue(root *cobra.Command, arg string) bool {
	for _, c := range append(root.Commands(), root) {
		if flagTakesValue(c, arg) {
			return true
		}
	}
	return false
}

func flagTakesValue(c *cobra.Command, arg string) bool {
	lookup := func(f *pflag.Flag) bool { return f != nil && f.NoOptDefVal == "" }
	if name, ok := strings.CutPrefix(arg, "--"); ok {
		if strings.Contains(name, "=") {
			return false
		}
		return lookup(c.Flag(name))
	}
	short := strings.TrimPrefix(arg, "-")
	for i := range len(short) {
		f := c.Flags().ShorthandLookup(short[i : i+1])
		if f == nil {
			f = c.InheritedFlags().ShorthandLookup(short[i : i+1])
		}
		if lookup(f) {
			return i == len(short)-1 // a value follows at once, or is the next argument
		}
	}
	return false
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
	diag  *diagFlags
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
	src := opts.source(opts)
	if pages, ok := src.(*pageSource); ok {
		pages.heap = func() *heaplimit.Floating { return st.heap } // set by st.start
	}
	return runRecords(ctx, opts.io, &opts.read, opts.diag, src, st)
}

func newIngestCmd(stdio IO, diag *diagFlags) *cobra.Command {
	return newRecordsCmd(&cobra.Command{
		Use:   "ingest PATH...",
		Short: "Parse every page, pair languages by Prima ID, write all records",
		Example: `  iomparse ingest pages/ > records.json
  iomparse ingest -f jsonl pages/ | jq 'select(.kind == "project")'
  iomparse ingest crawl.warc.gz > records.json    # a crawl: wget --warc-file=crawl -i urls.txt
  find pages -name '*.html' -print0 | iomparse ingest --files-from - --null > records.json`,
	}, &recordsOptions{io: stdio, diag: diag, source: pagesOf, pair: true}, pagesSpec, "json")
}

func newParseCmd(stdio IO, diag *diagFlags) *cobra.Command {
	return newRecordsCmd(&cobra.Command{
		Use:     "parse PATH...",
		Short:   "Write one record per page, without pairing (JSON Lines by default: the map step)",
		Example: `  iomparse parse pages/ | iomparse pair`,
	}, &recordsOptions{io: stdio, diag: diag, source: pagesOf}, pagesSpec, "jsonl")
}

// plural formats a count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
