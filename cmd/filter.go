package cmd

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/model"
)

// recordKinds are the values --kind takes.
var recordKinds = []string{model.KindProject, model.KindNews, model.KindPage}

// recordFilter selects the records a command writes, by kind and language.
// It selects whole records and never edits them: a project in English and
// French passes --lang fr with its English text. It does not touch
// diagnostics or the exit code, which are about the inputs.
type recordFilter struct {
	kinds []string // empty: every kind
	langs []string // empty: every language
}

func (f *recordFilter) register(c *cobra.Command) {
	c.Flags().StringSliceVar(&f.kinds, "kind", nil, "write only records of these kinds: "+strings.Join(recordKinds, ", "))
	c.Flags().StringSliceVar(&f.langs, "lang", nil, "write only records in at least one of these languages: "+strings.Join(model.Languages, ", "))
	// Both flags exist: they are registered just above.
	_ = c.RegisterFlagCompletionFunc("kind", listCompletion(recordKinds))
	_ = c.RegisterFlagCompletionFunc("lang", listCompletion(model.Languages))
}

// validate normalises the values (case, spaces) and refuses unknown ones.
func (f *recordFilter) validate() error {
	var err error
	if f.kinds, err = filterValues("--kind", f.kinds, recordKinds); err != nil {
		return err
	}
	f.langs, err = filterValues("--lang", f.langs, model.Languages)
	return err
}

func filterValues(flag string, values, allowed []string) ([]string, error) {
	out := make([]string, 0, len(values))
	for _, v := range values {
		v = strings.ToLower(strings.TrimSpace(v))
		if !slices.Contains(allowed, v) {
			return nil, usageErrorf("unknown %s value %q: use %s", flag, v, strings.Join(allowed, ", "))
		}
		out = append(out, v)
	}
	return out, nil
}

// match reports whether r passes the filter.
func (f *recordFilter) match(r *model.Record) bool {
	return f.matchKeys(r.Kind, r.Languages)
}

// matchKeys is match for a record known by its kind and languages.
func (f *recordFilter) matchKeys(kind string, langs []string) bool {
	if len(f.kinds) > 0 && !slices.Contains(f.kinds, kind) {
		return false
	}
	if len(f.langs) > 0 && !slices.ContainsFunc(langs, func(l string) bool { return slices.Contains(f.langs, l) }) {
		return false
	}
	return true
}
