package cmd

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/iomparse/iomparse/model"
)

// checkOptions are the options of check.
type checkOptions struct {
	io     IO
	paths  []string
	in     inputFlags
	format string
}

// runCheck parses every input and reports diagnostics only. With
// --format github they are GitHub Actions annotations on standard output;
// with json, one JSON array of diagnostics on standard output.
func runCheck(ctx context.Context, opts *checkOptions) (err error) {
	if err := opts.in.validate(); err != nil {
		return err
	}
	switch opts.format {
	case "text", "json", "github":
	default:
		return usageErrorf("unknown check format %q: use text, json or github", opts.format)
	}
	rep := newReporter(opts.io.ErrOut, &opts.in)
	defer func() { err = rep.finish(ctx, err) }()
	var all []model.Diagnostic
	// Projects wait on disk for the conflict check, as in ingest.
	sp, err := newSpool()
	if err != nil {
		return &exitError{code: ExitInput, msg: err.Error()}
	}
	defer sp.close()
	// Projects are encoded for the spool on the workers.
	prepare := func(o *outcome) {
		if o.record != nil && o.record.Kind == model.KindProject {
			o.encoded, o.encodeErr = marshalJSON(o.record, "")
		}
	}
	err = parseInputs(ctx, opts.io, opts.paths, &opts.in, prepare, func(o outcome) error {
		if opts.format == "text" {
			rep.outcome(o)
		} else {
			rep.count(o)
			all = append(all, o.diags...)
			if o.record != nil {
				all = append(all, o.record.Diagnostics...)
			}
		}
		if o.encodeErr != nil {
			return o.encodeErr
		}
		if o.encoded != nil {
			return sp.addEncoded(o.encoded, o.record)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Conflicts between language versions are problems of the corpus too.
	if err := sp.finish(); err != nil {
		return err
	}
	var conflicts []model.Diagnostic
	groups, _ := model.PairGroups(sp.keys)
	type merged struct {
		conflicts []model.Diagnostic
		err       error
	}
	err = mapOrdered(ctx, opts.in.jobs, slices.Values(groups),
		func(g []int) (m merged) {
			if len(g) > 1 { // one page alone conflicts with nothing
				_, m.conflicts, m.err = sp.merge(g)
			}
			return m
		},
		func(m merged) error {
			conflicts = append(conflicts, m.conflicts...)
			return m.err
		})
	if err != nil {
		return err
	}
	if opts.format == "text" {
		rep.diagnostics(conflicts)
	} else {
		rep.tally(conflicts)
		all = append(all, conflicts...)
	}
	w := bufio.NewWriter(opts.io.Out)
	switch opts.format {
	case "json":
		if all == nil {
			all = []model.Diagnostic{}
		}
		b, err := marshalJSON(all, "")
		if err != nil {
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
	case "github":
		for _, d := range all {
			if line := githubAnnotation(d, opts.in.verbose); line != "" {
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

// githubAnnotation formats a diagnostic as a GitHub Actions workflow
// command, so it shows on the pull request's diff.
func githubAnnotation(d model.Diagnostic, verbose bool) string {
	level := map[string]string{model.SeverityError: "error", model.SeverityWarning: "warning", model.SeverityInfo: "notice"}[d.Severity]
	if level == "notice" && !verbose {
		return ""
	}
	props := "file=" + escapeProperty(d.Path)
	if d.Line > 0 {
		props += fmt.Sprintf(",line=%d", d.Line)
	}
	props += ",title=" + escapeProperty(d.Code)
	return fmt.Sprintf("::%s %s::%s", level, props, escapeData(d.Message))
}

// escapeData and escapeProperty escape as the Actions runner expects.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
