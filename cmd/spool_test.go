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
	// Keys larger than a block of keys, which get one of their own, and
	// keys after them, in a new block.
	huge := model.Record{Kind: model.KindProject, PrimaID: "XX10P0009",
		Sources: []model.Source{{Path: strings.Repeat("x", keyBlock) + "/page.txt", Lang: "fr"}}}
	records = append(records, odd, huge, model.Record{})
	require.NoError(t, sp.add(&odd))
	require.NoError(t, sp.add(&huge))
	require.NoError(t, sp.add(&model.Record{}))
	require.Len(t, sp.keys, 3)
	keys := make([]string, len(sp.keys))
	for i, b := range sp.keys {
		keys[i] = string(b)
	}
	for i := range records {
		assert.Equal(t, model.KeysOf(&records[i]), sp.key(keys, i))
		// Languages as the filter sees them: those it knows.
		var known []string
		for _, l := range records[i].Languages {
			if slices.Contains(model.Languages, l) {
				known = append(known, l)
			}
		}
		assert.Equal(t, known, sp.spans.at(i).languages(nil))
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

// TestBlocks: what is appended comes back by index, across blocks.
func TestBlocks(t *testing.T) {
	var b blocks[int]
	n := 2*blockLen + 5
	for i := range n {
		b.append(i * 3)
	}
	require.Equal(t, n, b.len())
	for _, i := range []int{0, 1, blockLen - 1, blockLen, 2*blockLen + 4} {
		assert.Equal(t, i*3, b.at(i))
	}
	assert.Equal(t, 3*blockLen*8, b.memory())
}
