package cmd

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model"
)

// TestSpoolReadsBack: every record comes back as it went in.
func TestSpoolReadsBack(t *testing.T) {
	sp, err := newSpool()
	require.NoError(t, err)
	defer sp.close()
	var records []model.Record
	for i, title := range []string{"Première", "Second", "", "Cuarto \"quoted\""} {
		r := model.Record{Kind: model.KindProject, PrimaID: "XX10P000" + string(rune('0'+i)), Languages: []string{"fr"}}
		if title != "" {
			r.Title = map[string]string{"fr": title}
		}
		records = append(records, r)
		require.NoError(t, sp.add(&r))
	}
	// Keys of any length and content: the spool keeps their lengths.
	odd := model.Record{Kind: model.KindNews, PrimaID: "A\x00B", Languages: []string{"en", "es"},
		Sources: []model.Source{{Path: strings.Repeat("long/", 100) + "page.txt", Lang: "en"}}}
	records = append(records, odd, model.Record{})
	require.NoError(t, sp.add(&odd))
	require.NoError(t, sp.add(&model.Record{}))
	all := sp.keys.String()
	for i := range records {
		assert.Equal(t, model.KeysOf(&records[i]), sp.key(all, i))
		// Languages as the filter sees them: those it knows.
		var known []string
		for _, l := range records[i].Languages {
			if slices.Contains(model.Languages, l) {
				known = append(known, l)
			}
		}
		assert.Equal(t, known, sp.spans[i].languages(nil))
	}
	require.NoError(t, sp.finish())
	for i, want := range records {
		got, err := sp.get(i)
		require.NoError(t, err)
		assert.Equal(t, want, got)
		raw, err := sp.rawInto(nil, i)
		require.NoError(t, err)
		wantRaw, err := want.AppendJSON(nil)
		require.NoError(t, err)
		assert.Equal(t, string(wantRaw), string(raw))
	}
}
