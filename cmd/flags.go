package cmd

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/flagvalue"
	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/parser"
)

// The flags come in groups, each registered and validated as one: the
// diagnostics flags belong to the root (persistent: they apply to every
// command, before or after its name), every command that reads inputs takes
// the same reading flags, and every command that writes records the same
// output flags. Help and man pages list them group by group (see
// unsortedFlags). Values from a fixed list are matched without regard to
// case, and complete in the shell (completion.go).

// unsortedFlags makes c's help and man page list its flags in the order
// they were registered, group by group, rather than alphabetically.
func unsortedFlags(c *cobra.Command) { c.Flags().SortFlags = false }

// readFlags say how inputs are read: --jobs, --max-bytes, --encoding,
// --report, and which are read: --files-from, --null, --include,
// --exclude.
type readFlags struct {
	jobs     int
	maxBytes int64  // --max-bytes, a flagvalue.Size
	encoding string // --encoding: the character set of every page, "" to detect
	report   string // --report FILE: what became of every input, as JSON
	// Which inputs are read (see walk.Selection); its paths are the command
	// line's.
	sel walk.Selection
}

// readSpec is what a command reads, for its reading flags' defaults and
// help.
type readSpec struct {
	jobs          string // what --jobs counts: "pages parsed at once"
	maxBytes      int64
	maxBytesUsage string
	encoding      bool // the inputs are pages, in any character set: --encoding
	pathsRequired bool // PATH... is required (pair reads standard input without)
	// twoSides: the command names its own two inputs (diff), keeps its
	// own Args rule and takes no --files-from list.
	twoSides bool
}

// pagesSpec is the reading of ingest, parse and check: pages, each read
// whole.
var pagesSpec = readSpec{
	jobs:     "pages parsed at once",
	maxBytes: 16 << 20, maxBytesUsage: "refuse input files larger than this size (bytes, or with a unit: 512K, 16M, 1GiB)",
	encoding: true, pathsRequired: true,
}

// recordsSpec is the reading of pair: JSON Lines, bounded by the line.
var recordsSpec = readSpec{
	jobs:     "records decoded, and projects merged, at once",
	maxBytes: 256 << 20, maxBytesUsage: "refuse input lines longer than this size (bytes, or with a unit: 512K, 16M, 1GiB)",
}

// maxJobs bounds --jobs. Each worker costs little, but the pool's queues
// are sized by the number of workers up front, and each worker may hold a
// file open: 100,000,000 workers never start, and a number past the int
// range once overflowed those sizes. A thousand is far past what helps on
// any machine (parsing is bound by the cores) and far below what hurts.
const maxJobs = 1024

// encodingNames are the character sets --encoding completes with: those of
// pages in English, French and Spanish, and a few more. Any WHATWG label
// is accepted.
var encodingNames = []string{"utf-8", "windows-1252", "iso-8859-1", "iso-8859-15", "utf-16le", "utf-16be", "windows-1250", "windows-1251", "macintosh"}

func (f *readFlags) register(c *cobra.Command, spec readSpec) {
	c.Flags().IntVarP(&f.jobs, "jobs", "j", runtime.NumCPU(), fmt.Sprintf("%s, 1 to %d", spec.jobs, maxJobs))
	// Not the number: help and man pages would show the CPUs of the
	// machine that wrote them.
	c.Flags().Lookup("jobs").DefValue = "number of CPUs"
	f.maxBytes = spec.maxBytes
	c.Flags().Var((*flagvalue.Size)(&f.maxBytes), "max-bytes", spec.maxBytesUsage)
	if spec.encoding {
		c.Flags().StringVar(&f.encoding, "encoding", "", "character set of the inputs (utf-8, windows-1252, iso-8859-1…); default: detect")
		_ = c.RegisterFlagCompletionFunc("encoding", fixedCompletion(encodingNames)) // the flag exists: registered just above
	}
	c.Flags().StringVar(&f.report, "report", "", "write what became of every input (parsed, skipped, failed) to this JSON file")
	_ = c.RegisterFlagCompletionFunc("jobs", noCompletion)      // registered above
	_ = c.RegisterFlagCompletionFunc("max-bytes", noCompletion) // registered above

	// Which inputs are read (issue 16): a list for runs too long for a
	// command line, and patterns for the folders walked.
	if !spec.twoSides {
		c.Flags().StringVar(&f.sel.FilesFrom, "files-from", "", "also read the paths listed in this file, one a line (- for standard input)")
		c.Flags().BoolVar(&f.sel.Null, "null", false, "the paths of --files-from end with NUL, as find -print0 writes them")
		c.Args = f.args(spec)
	}
	c.Flags().StringArrayVar(&f.sel.Include, "include", nil, "in folders, read only the files matching this glob (** for any folders; repeatable)")
	c.Flags().StringArrayVar(&f.sel.Exclude, "exclude", nil, "in folders, skip the files and folders matching this glob (repeatable)")
}

// args is the rule for the command line's paths: standard input named at
// most once and, when the command reads pages, some input, on the command
// line or in --files-from's list (pair reads standard input without).
func (f *readFlags) args(spec readSpec) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if spec.pathsRequired && len(args) == 0 && f.sel.FilesFrom == "" {
			return usageErrorf("no input: give one or more files or folders, or - for standard input")
		}
		if f.sel.FilesFrom == "-" && slices.Contains(args, "-") {
			return usageErrorf("- (standard input) is given as an input and as the list of --files-from: it can be read only once")
		}
		return stdinOnce(c, args)
	}
}

func (f *readFlags) validate() error {
	if f.jobs < 1 || f.jobs > maxJobs {
		return usageErrorf("--jobs must be between 1 and %d, not %d", maxJobs, f.jobs)
	}
	if f.maxBytes < 1 {
		return usageErrorf("--max-bytes must be positive, not %d", f.maxBytes)
	}
	// The readers read up to one byte past the bound, to tell a file of
	// exactly --max-bytes from a longer one: at the largest int64 that
	// byte would overflow, and every file would read as empty. No file
	// comes near this bound, so lowering it by one loses nothing.
	f.maxBytes = min(f.maxBytes, math.MaxInt64-1)
	if f.encoding != "" {
		if _, err := parser.LookupEncoding(f.encoding); err != nil {
			return usageErrorf("--encoding: %v", err)
		}
	}
	if err := f.sel.Validate(); err != nil {
		return usageErrorf("%v", err)
	}
	return nil
}

// diagFlags say which diagnostics are printed and which fail the run, and
// whether progress is drawn: --strict, -q, -v, --progress. They are the
// root's persistent flags, so `iomparse --strict check pages/` works as
// `iomparse check --strict pages/` does; newRootCmd makes one and hands it
// to every command.
type diagFlags struct {
	strict   bool
	quiet    bool
	verbose  bool
	progress string // auto, always or never
}

// Values of --progress.
const (
	progressAuto   = "auto"
	progressAlways = "always"
	progressNever  = "never"
)

var progressModes = []string{progressAuto, progressAlways, progressNever}

func (f *diagFlags) register(c *cobra.Command) {
	fs := c.PersistentFlags()
	fs.SortFlags = false
	fs.BoolVar(&f.strict, "strict", false, "treat warnings as errors: exit 1 when there is any warning")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "print only errors and the summary; no warnings, no progress bar unless --progress always")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "also print info diagnostics")
	fs.StringVar(&f.progress, "progress", progressAuto, "progress bar on standard error: auto (on a terminal, unless -q), always, never")
	_ = c.RegisterFlagCompletionFunc("progress", fixedCompletion(progressModes)) // registered just above
}

func (f *diagFlags) validate() error {
	mode, ok := enumValue(f.progress, progressModes)
	if !ok {
		return usageErrorf("unknown --progress value %q: use %s", f.progress, strings.Join(progressModes, ", "))
	}
	f.progress = mode
	return nil
}

// outputFlags say where records go and which: -f, -o, --redact, --kind,
// --lang, and the CSV format's --fields, --csv-bom, --spreadsheet-safe.
type outputFlags struct {
	format        string
	defaultFormat string // the command's, when neither -f nor -o's extension says
	output        string
	redact        bool
	filter        recordFilter
	csv           csvOptions
}

func (f *outputFlags) register(c *cobra.Command, defaultFormat string) {
	f.defaultFormat = defaultFormat
	c.Flags().StringVarP(&f.format, "format", "f", "", fmt.Sprintf("output format: %s (default %s, or the one -o's extension names)", strings.Join(encode.Formats(), ", "), defaultFormat))
	c.Flags().StringVarP(&f.output, "output", "o", "", "write records to this file (atomically) instead of standard output; - is standard output")
	c.Flags().BoolVar(&f.redact, "redact", false, "leave personal data out: contacts' names, phone numbers and email addresses")
	_ = c.RegisterFlagCompletionFunc("format", fixedCompletion(encode.Formats())) // the flag exists: registered just above
	f.filter.register(c)
	f.csv.register(c)
}

// formatExtensions name the format a file name's extension implies, for
// -o without -f.
var formatExtensions = map[string]string{
	".json":    "json",
	".jsonl":   "jsonl",
	".ndjson":  "jsonl",
	".yaml":    "yaml",
	".yml":     "yaml",
	".csv":     "csv",
	".parquet": "parquet",
}

// validate settles the format: -f's, else the one -o's extension names,
// else the command's default. -f and an extension that names another
// format are a mistake: records.csv holding JSON would mislead every tool
// that opens it. "-o -" is standard output.
func (f *outputFlags) validate() error {
	if f.output == "-" {
		f.output = ""
	}
	ext := strings.ToLower(filepath.Ext(f.output))
	implied := formatExtensions[ext]
	if ext == ".gz" {
		return usageErrorf("-o %s: iomparse does not compress its output; pipe it through gzip instead", f.output)
	}
	switch {
	case f.format == "" && implied != "":
		f.format = implied
	case f.format == "":
		f.format = f.defaultFormat
	default:
		format, ok := enumValue(f.format, encode.Formats())
		if !ok {
			return usageErrorf("unknown format %q: use one of %s", f.format, strings.Join(encode.Formats(), ", "))
		}
		if implied != "" && implied != format {
			return usageErrorf("-f %s but -o %s names %s by its extension: drop -f, or give the file a name that fits", format, f.output, implied)
		}
		f.format = format
	}
	if err := f.csv.validate(f.format); err != nil {
		return err
	}
	return f.filter.validate()
}

// newEncoder returns the encoder of the format validate settled, with the
// CSV flags for csv.
func (f *outputFlags) newEncoder(w io.Writer) encode.Encoder {
	return encode.New(f.format, w, f.csv.Options)
}

// enumValue returns the value of a flag that takes one of allowed, matched
// without regard to case or surrounding spaces, as allowed spells it; ok
// is false when it is none of them.
func enumValue(value string, allowed []string) (v string, ok bool) {
	v = strings.ToLower(strings.TrimSpace(value))
	return v, slices.Contains(allowed, v)
}
