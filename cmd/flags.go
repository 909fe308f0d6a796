package cmd

import (
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/parser"
)

// The flags come in three groups, each registered and validated as one, so
// that every command that reads inputs takes the same reading and
// diagnostics flags, and every command that writes records the same output
// flags. Help and man pages list them group by group (see unsortedFlags).

// unsortedFlags makes c's help and man page list its flags in the order
// they were registered, group by group, rather than alphabetically.
func unsortedFlags(c *cobra.Command) { c.Flags().SortFlags = false }

// readFlags say how inputs are read: --jobs, --max-bytes, --encoding,
// --report, and which are read: --files-from, --null, --include,
// --exclude.
type readFlags struct {
	jobs     int
	maxBytes int64
	encoding string // --encoding: the character set of every page, "" to detect
	report   string // --report FILE: what became of every input, as JSON
	// Which inputs are read (see selection); its paths are the command
	// line's.
	sel selection
}

// readSpec is what a command reads, for its reading flags' defaults and
// help.
type readSpec struct {
	jobs          string // what --jobs counts: "pages parsed at once"
	maxBytes      int64
	maxBytesUsage string
	encoding      bool // the inputs are pages, in any character set: --encoding
	pathsRequired bool // PATH... is required (pair reads standard input without)
}

// pagesSpec is the reading of ingest, parse and check: pages, each read
// whole.
var pagesSpec = readSpec{
	jobs:     "pages parsed at once",
	maxBytes: 16 << 20, maxBytesUsage: "refuse input files larger than this many bytes",
	encoding: true, pathsRequired: true,
}

// recordsSpec is the reading of pair: JSON Lines, bounded by the line.
var recordsSpec = readSpec{
	jobs:     "records decoded, and projects merged, at once",
	maxBytes: 256 << 20, maxBytesUsage: "refuse input lines longer than this many bytes",
}

func (f *readFlags) register(c *cobra.Command, spec readSpec) {
	c.Flags().IntVarP(&f.jobs, "jobs", "j", runtime.NumCPU(), spec.jobs)
	// Not the number: help and man pages would show the CPUs of the
	// machine that wrote them.
	c.Flags().Lookup("jobs").DefValue = "number of CPUs"
	c.Flags().Int64Var(&f.maxBytes, "max-bytes", spec.maxBytes, spec.maxBytesUsage)
	if spec.encoding {
		c.Flags().StringVar(&f.encoding, "encoding", "", "character set of the inputs (utf-8, windows-1252, iso-8859-1…); default: detect")
	}
	c.Flags().StringVar(&f.report, "report", "", "write what became of every input (parsed, skipped, failed) to this JSON file")

	// Which inputs are read (issue 16): a list for runs too long for a
	// command line, and patterns for the folders walked.
	c.Flags().StringVar(&f.sel.filesFrom, "files-from", "", "also read the paths listed in this file, one a line (- for standard input)")
	c.Flags().BoolVar(&f.sel.null, "null", false, "the paths of --files-from end with NUL, as find -print0 writes them")
	c.Flags().StringArrayVar(&f.sel.Include, "include", nil, "in folders, read only the files matching this glob (** for any folders; repeatable)")
	c.Flags().StringArrayVar(&f.sel.Exclude, "exclude", nil, "in folders, skip the files and folders matching this glob (repeatable)")
	c.Args = f.args(spec)
}

// args is the rule for the command line's paths: standard input named at
// most once and, when the command reads pages, some input, on the command
// line or in --files-from's list (pair reads standard input without).
func (f *readFlags) args(spec readSpec) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if spec.pathsRequired && len(args) == 0 && f.sel.filesFrom == "" {
			return usageErrorf("no input: give one or more files or folders, or - for standard input")
		}
		if f.sel.filesFrom == "-" && slices.Contains(args, "-") {
			return usageErrorf("- (standard input) is given as an input and as the list of --files-from: it can be read only once")
		}
		return stdinOnce(c, args)
	}
}

func (f *readFlags) validate() error {
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
	return f.sel.validate()
}

// diagFlags say which diagnostics are printed and which fail the run:
// --strict, -q, -v.
type diagFlags struct {
	strict  bool
	quiet   bool
	verbose bool
}

func (f *diagFlags) register(c *cobra.Command) {
	c.Flags().BoolVar(&f.strict, "strict", false, "treat warnings as errors: exit 1 when there is any warning")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print only errors and the summary; no warnings, no progress")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "also print info diagnostics")
}

// outputFlags say where records go and which: -f, -o, --redact, --kind,
// --lang.
type outputFlags struct {
	format string
	output string
	redact bool
	filter recordFilter
}

func (f *outputFlags) register(c *cobra.Command, defaultFormat string) {
	c.Flags().StringVarP(&f.format, "format", "f", defaultFormat, "output format: "+strings.Join(formatNames(), ", "))
	c.Flags().StringVarP(&f.output, "output", "o", "", "write records to this file (atomically) instead of standard output")
	c.Flags().BoolVar(&f.redact, "redact", false, "leave personal data out: contacts' names, phone numbers and email addresses")
	_ = c.RegisterFlagCompletionFunc("format", fixedCompletion(formatNames())) // the flag exists: registered just above
	f.filter.register(c)
}

func (f *outputFlags) validate() error {
	if _, ok := encoders[f.format]; !ok {
		return usageErrorf("unknown format %q: use one of %s", f.format, strings.Join(formatNames(), ", "))
	}
	return f.filter.validate()
}
