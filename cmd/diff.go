package cmd

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/changes"
	"github.com/iomparse/iomparse/cmd/internal/workers"
	"github.com/iomparse/iomparse/model"
)

// diff compares two scrapes: each side is read as ingest reads it (pages
// parsed, or records decoded, then spooled and paired), the records of the
// two sides are matched by key (matchSides), and each matched pair is
// compared by model.Diff, on the workers, in key order:
//
//	OLD ─▶ source ─▶ workers ─▶ spool ─▶ pairing ─┐
//	                                              ├─▶ match by key ─▶ workers: read back, merge, model.Diff ─▶ changes
//	NEW ─▶ source ─▶ workers ─▶ spool ─▶ pairing ─┘
//
// Memory holds the records' keys, never the records: each is read back
// from its side's spool when compared. Exit codes are diff(1)'s.

// diffOptions are the options of diff.
type diffOptions struct {
	io     IO
	old    string
	new    string
	read   readFlags
	diag   *diagFlags
	filter recordFilter
	format string
	fields []string
	text   bool
}

// diffSpec is the reading of diff: pages, or records, on either side.
var diffSpec = readSpec{
	jobs:     "pages parsed, and records decoded and compared, at once",
	maxBytes: 16 << 20, maxBytesUsage: "refuse pages larger than this size, and records longer (bytes, or with a unit: 512K, 16M, 1GiB)",
	encoding: true, twoSides: true,
}

func newDiffCmd(stdio IO, diag *diagFlags) *cobra.Command {
	opts := &diffOptions{io: stdio, diag: diag}
	c := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Say what changed between two scrapes: records added, removed, and the facts that changed",
		Long: `Compare two scrapes and say what changed: records added, records removed,
and for each record in both the facts that changed (status, budget, years,
member states added and removed, languages, titles, dates...).

OLD and NEW are each a records file as iomparse writes it (JSON Lines or a
JSON array, gzip-compressed or not; told by its content) or pages (a
folder, or a page), which are read as ingest reads them. Either may be -
for standard input.

Records are matched by key: a project by its Prima ID, else its Projects
ID; any other record by its URL when the page gave one, else its path
relative to its side's folder, so two scrapes in different folders match.
What only describes the scrape is not a change: paths, hashes, sizes, line
numbers, diagnostics, the conflicts between language versions. Bodies and
outcomes are compared too, and shown as a digest unless --text.

Changes go to standard output; problems reading the inputs and the summary
("N added, N removed, N changed of N records") to standard error. A page's
own diagnostics are not printed: its record is compared as it is (check
reports them).

Exit codes, as diff(1)'s: 0 no differences; 1 differences; 2 trouble (a
usage error, an input that cannot be read, a value that is not a record).`,
		Example: `  iomparse diff last-month.jsonl pages/
  iomparse diff -f jsonl last-month.jsonl.gz this-month.jsonl > changes.jsonl
  iomparse diff --kind project --fields status,budget old/ new/`,
		Args: diffArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.old, opts.new = args[0], args[1]
			return runDiff(c.Context(), opts)
		},
	}
	unsortedFlags(c)
	c.Flags().StringVarP(&opts.format, "format", "f", "text", "changes format: "+strings.Join(changes.Formats, ", "))
	c.Flags().StringSliceVar(&opts.fields, "fields", nil, "compare only these fields: "+strings.Join(model.DiffFields(), ", "))
	c.Flags().BoolVar(&opts.text, "text", false, "give changed bodies and outcomes whole, not as a digest")
	_ = c.RegisterFlagCompletionFunc("format", fixedCompletion(changes.Formats)) // the flags exist: registered just above
	_ = c.RegisterFlagCompletionFunc("fields", listCompletion(model.DiffFields()))
	opts.filter.register(c)
	opts.read.register(c, diffSpec)
	return c
}

// diffArgs is diff's Args rule: two sides, at most one of them standard
// input.
func diffArgs(c *cobra.Command, args []string) error {
	if len(args) != 2 {
		return usageErrorf("diff compares two scrapes: give OLD and NEW (records files, folders of pages or pages), not %d", len(args))
	}
	return stdinOnce(c, args)
}

func (o *diffOptions) validate() error {
	if err := o.read.validate(); err != nil {
		return err
	}
	format, ok := enumValue(o.format, changes.Formats)
	if !ok {
		return usageErrorf("unknown diff format %q: use %s", o.format, strings.Join(changes.Formats, ", "))
	}
	o.format = format
	var err error
	if o.fields, err = filterValues("--fields", o.fields, model.DiffFields()); err != nil {
		return err
	}
	return o.filter.validate()
}

// runDiff reads both sides, compares them, and writes the changes.
func runDiff(ctx context.Context, opts *diffOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	// diff keeps the keys of two scrapes in memory while it reads and
	// compares them, twice what ingest keeps: at the collector's pace Main
	// sets, the heap would grow to five times that (about 550 MB for two
	// files of 100,000 records); at 200 it stays near 300 MB for the same
	// CPU time. GOGC, when set, still decides.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	// Before reading either side, as diff(1): a side that is missing is
	// trouble at once, with no summary of a comparison that did not run.
	for _, arg := range []string{opts.old, opts.new} {
		if arg == "-" {
			continue
		}
		if _, err := os.Stat(opts.io.path(arg)); err != nil {
			return troubled(failedf("cannot read %s: %s", arg, describeError(err)))
		}
	}
	d := &differ{opts: opts}
	rep := newReporter(opts.io, opts.diag, opts.read.report, d.summary)
	err := d.run(ctx, rep)
	// The summary and --report, whatever happened; then an input that
	// could not be read (errInputs, reported already) or a failed run is
	// trouble.
	if err := rep.finish(ctx, err); err != nil {
		return troubled(err)
	}
	if d.added+d.removed+d.changed > 0 {
		return errDifferent
	}
	return nil
}

// differ is one run of diff.
type differ struct {
	opts                    *diffOptions
	added, removed, changed int
	compared                int // keys compared: matched, added or removed
}

func (d *differ) summary(r *reporter) string {
	return fmt.Sprintf("%d added, %d removed, %d changed of %s; %s",
		d.added, d.removed, d.changed, plural(d.compared, "record", "records"), r.diagnosticCounts())
}

// run reads the two sides, then compares them.
func (d *differ) run(ctx context.Context, rep *reporter) error {
	var sides [2]*diffSide
	defer func() {
		for _, s := range sides {
			if s != nil {
				s.close()
			}
		}
	}()
	for i, arg := range []string{d.opts.old, d.opts.new} {
		var err error
		if sides[i], err = loadSide(ctx, d.opts, rep, arg); err != nil {
			return err
		}
	}
	w := changes.NewWriter(d.opts.format, d.opts.io.Out)
	if err := d.compare(ctx, sides[0], sides[1], w); err != nil {
		return err
	}
	return wrapWrite(w.Close())
}

// compare matches the records of the two sides and writes what changed,
// in key order.
func (d *differ) compare(ctx context.Context, old, new *diffSide, w changes.Writer) error {
	pairs := changes.Match(old.entries(&d.opts.filter), new.entries(&d.opts.filter))
	diffOpts := model.DiffOptions{Fields: d.opts.fields, Text: d.opts.text}
	wantTitle := w.WantsTitle()
	work := func(p changes.Pair, buf *[]byte) (changes.Record, error) {
		rd := changes.Record{Key: p.Key, Kind: p.Kind}
		var o, n *model.Record
		var err error
		if p.Old >= 0 && (p.New >= 0 || wantTitle) {
			if o, err = old.record(p.Old, buf); err != nil {
				return rd, err
			}
		}
		if p.New >= 0 && (p.Old >= 0 || wantTitle) {
			if n, err = new.record(p.New, buf); err != nil {
				return rd, err
			}
		}
		switch {
		case p.Old < 0:
			rd.Change, rd.Title = changes.Added, titleOf(n)
		case p.New < 0:
			rd.Change, rd.Title = changes.Removed, titleOf(o)
		default:
			if rd.Fields = model.Diff(o, n, diffOpts); len(rd.Fields) > 0 {
				rd.Change, rd.Title = changes.Changed, titleOf(n)
			}
		}
		return rd, nil
	}
	type done struct {
		rds []changes.Record
		err error
	}
	// Pairs go to the workers a few at a time: comparing one (two reads,
	// two decodes) costs ten times handing a batch over.
	const batch = 8
	var bufs bufpool.Pool // records read back, until decoded
	return workers.MapOrdered(ctx, d.opts.read.jobs, slices.Chunk(pairs, batch),
		func(ps []changes.Pair) done {
			out := done{rds: make([]changes.Record, len(ps))}
			buf := bufs.Get(4096)
			defer func() { bufs.Put(buf) }()
			for k, p := range ps {
				if out.rds[k], out.err = work(p, &buf); out.err != nil {
					break
				}
			}
			return out
		},
		func(dn done) error {
			if dn.err != nil {
				return dn.err
			}
			for _, rd := range dn.rds {
				d.compared++
				switch rd.Change {
				case "":
					continue
				case changes.Added:
					d.added++
				case changes.Removed:
					d.removed++
				default:
					d.changed++
				}
				if err := w.Write(&rd); err != nil {
					return writeFailed(err)
				}
			}
			return nil
		}, internalError)
}

// titleOf is the title a change shows a record by, in the language
// records prefer; "" when r is nil or has none.
func titleOf(r *model.Record) string {
	if r == nil {
		return ""
	}
	for _, l := range model.Languages {
		if t := r.Title[l]; t != "" {
			return t
		}
	}
	langs := make([]string, 0, len(r.Title))
	for l := range r.Title {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	if len(langs) > 0 {
		return r.Title[langs[0]]
	}
	return ""
}
