package cmd

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/cmd/internal/spool"
	"github.com/iomparse/iomparse/model"
)

// pairRecords runs the reduce over records held in memory, with jobs
// workers, and returns what it makes of them: the records in pairing's
// order and the conflicts merging found.
func pairRecords(t testing.TB, jobs int, records []model.Record) ([]model.Record, []model.Diagnostic) {
	t.Helper()
	sp, err := spool.New(recordKinds)
	require.NoError(t, err)
	defer sp.Close()
	for i := range records {
		require.NoError(t, sp.Add(&records[i]))
	}
	var out []model.Record
	var diags []model.Diagnostic
	err = reduce(context.Background(), sp, jobs, recordsSink{sp: sp, fn: func(r *model.Record, conflicts []model.Diagnostic) error {
		out = append(out, *r)
		diags = append(diags, conflicts...)
		return nil
	}})
	require.NoError(t, err)
	return out, diags
}

// langRecord builds a one-language record as the parser would.
func langRecord(path, lang string, edit func(*model.Record)) model.Record {
	r := model.Record{Kind: model.KindProject, Languages: []string{lang},
		Title:   map[string]string{lang: "title " + lang},
		Sources: []model.Source{{Path: path, Lang: lang, Format: "text"}}}
	edit(&r)
	return r
}

// TestReduce: a record with a Prima ID joins the others with that Prima
// ID; one without joins the group holding its Projects ID; projects come
// first, by key, then every other record by path.
func TestReduce(t *testing.T) {
	en := langRecord("p/rw-en.txt", "en", func(r *model.Record) {
		r.PrimaID, r.ProjectID, r.StartYear = "RW10P0522", "TK.0019", 2021
		r.Budget = &model.Budget{Amount: "300000.00", Currency: "USD"}
		r.Sources[0].Fields = []model.Field{{Key: "budget", Line: 12}}
	})
	fr := langRecord("p/rw-fr.txt", "fr", func(r *model.Record) {
		r.PrimaID, r.ProjectID, r.EndYear = "RW10P0522", "TK.0019", 2025
		r.Budget = &model.Budget{Amount: "200000.00", Currency: "USD"}
		r.Sources[0].Fields = []model.Field{{Key: "budget", Line: 14}}
	})
	old := langRecord("p/old-es.txt", "es", func(r *model.Record) { r.ProjectID = "TK.0019" })
	other := langRecord("p/other-en.txt", "en", func(r *model.Record) { r.PrimaID = "KE10P0001" })
	news := model.Record{Kind: model.KindNews, Sources: []model.Source{{Path: "p/a-news.txt"}}}

	got, diags := pairRecords(t, 2, []model.Record{news, other, fr, old, en})
	require.Len(t, got, 3)
	assert.Equal(t, "KE10P0001", got[0].PrimaID)
	rw := got[1]
	assert.Equal(t, "RW10P0522", rw.PrimaID)
	assert.Equal(t, []string{"en", "fr", "es"}, rw.Languages, "the old page joins by Projects ID")
	assert.Equal(t, 2021, rw.StartYear, "a fact missing in one language comes from the other")
	assert.Equal(t, 2025, rw.EndYear)
	assert.Equal(t, model.Decimal("300000.00"), rw.Budget.Amount, "English is kept")
	require.Len(t, rw.Conflicts, 1)
	assert.Equal(t, model.Conflict{Field: "budget", Values: map[string]string{"en": "300000.00 USD", "fr": "200000.00 USD"},
		ByPath: map[string]string{"p/rw-en.txt": "300000.00 USD", "p/rw-fr.txt": "200000.00 USD"}}, rw.Conflicts[0])
	require.Len(t, diags, 1)
	assert.Equal(t, "p/rw-fr.txt", diags[0].Path)
	assert.Equal(t, 14, diags[0].Line)
	assert.Equal(t, model.CodeConflict, diags[0].Code)
	assert.Equal(t, []string{"p/old-es.txt", "p/rw-en.txt", "p/rw-fr.txt"}, []string{rw.Sources[0].Path, rw.Sources[1].Path, rw.Sources[2].Path})
	assert.Equal(t, model.KindNews, got[2].Kind)
}

func TestReduceSameLanguage(t *testing.T) {
	a := langRecord("p/a.txt", "en", func(r *model.Record) { r.PrimaID = "FJ10P0002"; r.Title["en"] = "First" })
	b := langRecord("p/b.txt", "en", func(r *model.Record) { r.PrimaID = "FJ10P0002"; r.Title["en"] = "Second" })
	got, diags := pairRecords(t, 1, []model.Record{b, a})
	require.Len(t, got, 1)
	assert.Equal(t, "First", got[0].Title["en"], "the first by path is kept")
	assert.Len(t, got[0].Sources, 2)
	require.Len(t, got[0].Conflicts, 1)
	assert.Equal(t, "title.en", got[0].Conflicts[0].Field)
	assert.Equal(t, map[string]string{"p/a.txt": "First", "p/b.txt": "Second"}, got[0].Conflicts[0].ByPath)
	assert.Len(t, diags, 1)
}

// TestReduceOrderIndependent: pairing is a reduce step, so neither the
// order records arrive in nor the number of workers may change the result.
func TestReduceOrderIndependent(t *testing.T) {
	var recs []model.Record
	for i, lang := range []string{"en", "fr", "es", "en", "fr"} {
		recs = append(recs, langRecord("p/"+string(rune('a'+i))+".txt", lang, func(r *model.Record) {
			r.PrimaID = []string{"AA10P0001", "BB10P0002"}[i%2]
			r.Year = 2000 + i
		}))
	}
	want, _ := pairRecords(t, 1, recs)
	wantJSON, _ := json.Marshal(want)
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 20 {
		rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		got, _ := pairRecords(t, 1+k%3, recs)
		gotJSON, _ := json.Marshal(got)
		require.JSONEq(t, string(wantJSON), string(gotJSON))
	}
}

func TestReduceBudgetsCompareAsNumbers(t *testing.T) {
	a := langRecord("p/a.txt", "en", func(r *model.Record) {
		r.PrimaID = "CV10P0042"
		r.Budget = &model.Budget{Amount: "95000", Currency: "USD"}
	})
	b := langRecord("p/b.txt", "en", func(r *model.Record) {
		r.PrimaID = "CV10P0042"
		r.Budget = &model.Budget{Amount: "95000.00", Currency: "USD"}
	})
	got, diags := pairRecords(t, 2, []model.Record{a, b})
	assert.Empty(t, got[0].Conflicts)
	assert.Empty(t, diags)
}
