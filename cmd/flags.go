package cmd

import (
	"runtime"
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
// --report.
type readFlags struct {
	jobs     int
	maxBytes int64
	encoding string // --encoding: the character set of every page, "" to detect
	report   string // --report FILE: what became of every input, as JSON
}

// readSpec is what a command reads, for its reading flags' defaults and
// help.
type readSpec struct {
	jobs          string // what --jobs counts: "pages parsed at once"
	maxBytes      int64
	maxBytesUsage string
	encoding      bool // the inputs are pages, in any character set: --encoding
}

// pagesSpec is the reading of ingest, parse and check: pages, each read
// whole.
var pagesSpec = readSpec{
	jobs:     "pages parsed at once",
	maxBytes: 16 << 20, maxBytesUsage: "refuse input files larger than this many bytes",
	encoding: true,
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
	return nil
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
