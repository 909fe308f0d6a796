package spool

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model"
)

// kinds are the kinds the tests' spools tell apart: cmd's (--kind).
var kinds = []string{model.KindProject, model.KindNews, model.KindPage}

// TestSpoolReadsBack: every record comes back as it went in.
func TestSpoolReadsBack(t *testing.T) {
	sp, err := New(kinds)
	require.NoError(t, err)
	defer sp.Close()
	var records []model.Record
	for i, title := range []string{"Première", "Second", "", "Cuarto \"quoted\""} {
		r := model.Record{Kind: model.KindProject, PrimaID: "XX10P000" + string(rune('0'+i)), Languages: []string{"fr"}}
		if title != "" {
			r.Title = map[string]string{"fr": title}
		}
		records = append(records, r)
		require.NoError(t, sp.Add(&r))
	}
	// Keys of any length and content: the spool keeps their lengths.
	odd := model.Record{Kind: model.KindNews, PrimaID: "A\x00B", Languages: []string{"en", "es"},
		Sources: []model.Source{{Path: strings.Repeat("long/", 100) + "page.txt", Lang: "en"}}}
	// Keys larger than a block of keys, which get one of their own, and
	// keys after them, in a new block.
	huge := model.Record{Kind: model.KindProject, PrimaID: "XX10P0009",
		Sources: []model.Source{{Path: strings.Repeat("x", keyBlock) + "/page.txt", Lang: "fr"}}}
	records = append(records, odd, huge, model.Record{})
	require.NoError(t, sp.Add(&odd))
	require.NoError(t, sp.Add(&huge))
	require.NoError(t, sp.Add(&model.Record{}))
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
		assert.Equal(t, known, sp.Languages(i, nil))
	}
	require.NoError(t, sp.Finish())
	for i, want := range records {
		got, err := sp.Get(i)
		require.NoError(t, err)
		assert.Equal(t, want, got)
		raw, err := sp.RawInto(nil, i)
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
	for i := range n {
		if b.at(i) != i*3 {
			t.Fatalf("at(%d) = %d, want %d", i, b.at(i), i*3)
		}
	}
	assert.Equal(t, 3*blockLen*8, b.memory())
	for k, blk := range b.b {
		assert.Equal(t, blockLen, cap(blk), "block %d grew to blockLen, no further", k)
	}
	var small blocks[int]
	small.append(1)
	assert.Equal(t, firstBlockLen, cap(small.b[0]), "a few records take a small block")
}

// TestSpoolKeys: every record's keys come back as they went in, across the
// growth of the first block of keys and into the next blocks, and with
// keys larger than a block.
func TestSpoolKeys(t *testing.T) {
	sp, err := New(kinds)
	require.NoError(t, err)
	defer sp.Close()
	var want []model.PairKeys
	for i := range 40_000 {
		r := model.Record{Kind: model.KindProject, PrimaID: fmt.Sprintf("GH10P%04d", i%977),
			Languages: []string{"en"}, Sources: []model.Source{{Path: fmt.Sprintf("d%d/%s.txt", i, strings.Repeat("p", i%50)), Lang: "en"}}}
		if i == 30_000 {
			r.Sources[0].Path = strings.Repeat("long/", keyBlock/4)
		}
		require.NoError(t, sp.Add(&r))
		want = append(want, model.KeysOf(&r))
	}
	assert.Equal(t, want, sp.AllKeys())
}

// TestSpoolKinds: a record's kind reads back as it went in when it is one
// of the spool's kinds, else as "".
func TestSpoolKinds(t *testing.T) {
	tests := []struct{ kind, want string }{
		{model.KindProject, model.KindProject},
		{model.KindNews, model.KindNews},
		{model.KindPage, model.KindPage},
		{"other", ""},
		{"", ""},
	}
	sp, err := New(kinds)
	require.NoError(t, err)
	defer sp.Close()
	for _, tt := range tests {
		require.NoError(t, sp.Add(&model.Record{Kind: tt.kind}))
	}
	for i, tt := range tests {
		assert.Equal(t, tt.want, sp.Kind(i), "kind %q", tt.kind)
	}
}
