package cmd

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/cmd/internal/bufpool"
	"github.com/iomparse/iomparse/cmd/internal/encode"
	"github.com/iomparse/iomparse/cmd/internal/spool"
	"github.com/iomparse/iomparse/model"
)

// checkOptions are the options of check.
type checkOptions struct {
	io     IO
	paths  []string
	read   readFlags
	diag   *diagFlags
	format string
}

// checkFormats are the values of check's --format.
var checkFormats = []string{"text", "json", "github"}

func newCheckCmd(stdio IO, diag *diagFlags) *cobra.Command {
	opts := &checkOptions{io: stdio, diag: diag}
	c := &cobra.Command{
		Use:     "check PATH...",
		Short:   "Parse every page and report diagnostics only; for CI",
		Example: `  iomparse check --strict testdata/pages`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.paths = args
			return runCheck(c.Context(), opts)
		},
	}
	unsortedFlags(c)
	opts.read.register(c, pagesSpec)
	c.Flags().StringVarP(&opts.format, "format", "f", "text", "diagnostics format: text (standard error), json (one array), github (Actions annotations)")
	_ = c.RegisterFlagCompletionFunc("format", fixedCompletion(checkFormats)) // registered just above
	return c
}

// runCheck parses every input and reports diagnostics only, with the
// conflicts between language versions, which are problems of the corpus
// too. With --format github they are GitHub Actions annotations on
// standard output; with json, one JSON array of diagnostics on standard
// output.
func runCheck(ctx context.Context, opts *checkOptions) error {
	if err := opts.read.validate(); err != nil {
		return err
	}
	format, ok := enumValue(opts.format, checkFormats)
	if !ok {
		return usageErrorf("unknown check format %q: use text, json or github", opts.format)
	}
	if err := checkOutputs(opts.io, opts.paths, "", opts.read.report); err != nil {
		return err
	}
	st := &checkStage{stdio: opts.io, format: format, verbose: opts.diag.verbose, jobs: opts.read.jobs}
	return runRecords(ctx, opts.io, &opts.read, opts.diag, newPageSource(opts.io, opts.paths, &opts.read), st)
}

// checkStage pairs the projects for their conflicts, and writes no record.
type checkStage struct {
	stdio   IO
	format  string
	verbose bool
	jobs    int

	rep     *reporter
	spool   *spool.Spool // the projects, waiting for pairing
	encoded bufpool.Pool // their JSON, from the workers to take
	// all is every diagnostic in order, for -f json and -f github, which
	// write them to standard output.
	all []model.Diagnostic
}

func (s *checkStage) start(rep *reporter) error {
	s.rep = rep
	rep.print = s.format == "text"
	// Projects wait on disk for the conflict check, as in ingest.
	var err error
	if s.spool, err = spool.New(recordKinds); err != nil {
		return failedf("%v", err)
	}
	return nil
}

// prepare encodes the projects for the spool: only they can conflict.
func (s *checkStage) prepare(o *outcome) {
	if o.record != nil && o.record.Kind == model.KindProject {
		o.encoded, o.encodeErr = o.record.AppendJSON(s.encoded.Get(2048))
	}
}

func (s *checkStage) take(o *outcome) error {
	defer s.encoded.Put(o.encoded) // spooled (copied) by then
	if !s.rep.print {
		s.all = append(s.all, o.diags...)
	}
	switch {
	case o.encodeErr != nil:
		return o.encodeErr
	case o.encoded != nil:
		return s.spool.AddEncoded(o.encoded, o.record)
	}
	return nil
}

// finish pairs the projects, reports the conflicts, and writes the
// diagnostics of -f json and -f github.
func (s *checkStage) finish(ctx context.Context) error {
	if !s.rep.print {
		s.all = append(s.all, s.rep.closed...)
	}
	if err := reduce(ctx, s.spool, s.jobs, conflictsSink{s}); err != nil {
		return err
	}
	w := bufio.NewWriter(s.stdio.Out)
	switch s.format {
	case "json":
		all := s.all
		if all == nil {
			all = []model.Diagnostic{}
		}
		b, err := encode.JSON(all, "")
		if err != nil {
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
	case "github":
		for _, d := range s.all {
			if line := githubAnnotation(d, s.verbose); line != "" {
				w.WriteString(line)
				w.WriteByte('\n')
			}
		}
	}
	if err := w.Flush(); err != nil { // a bufio.Writer keeps its first error for Flush
		return writeFailed(err)
	}
	return nil
}

func (s *checkStage) close() {
	if s.spool != nil {
		s.spool.Close()
	}
}

// conflictsSink is the view of pairing that check needs: the conflicts
// alone, reported with the pages' diagnostics. It reads nothing back.
type conflictsSink struct{ s *checkStage }

func (conflictsSink) work(*group) (struct{}, error) { return struct{}{}, nil }

func (c conflictsSink) emit(g *group, _ struct{}) error {
	c.s.rep.diagnostics(g.conflicts)
	if !c.s.rep.print {
		c.s.all = append(c.s.all, g.conflicts...)
	}
	return nil
}

// githubAnnotation formats a diagnostic as a GitHub Actions workflow
// command, so it shows on the pull request's diff.
func githubAnnotation(d model.Diagnostic, verbose bool) string {
	level := map[string]string{model.SeverityError: "error", model.SeverityWarning: "warning", model.SeverityInfo: "notice"}[d.Severity]
	if level == "notice" && !verbose {
		return ""
	}
	props := "file=" + escapeProperty(model.EscapeControls(d.Path))
	if d.Line > 0 {
		props += fmt.Sprintf(",line=%d", d.Line)
	}
	props += ",title=" + escapeProperty(model.EscapeControls(d.Code))
	return fmt.Sprintf("::%s %s::%s", level, props, escapeData(model.EscapeControls(d.Message)))
}

// escapeData and escapeProperty escape as the Actions runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
