package model

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// update is accepted so that `go test ./... -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestDecimal(t *testing.T) {
	r := Record{Kind: KindProject, Budget: &Budget{Amount: "300000.00", Currency: "USD"}}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"amount":300000.00`)
	var back Record
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, Decimal("300000.00"), back.Budget.Amount)

	y, err := yaml.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(y), "amount: 300000.00\n")
	var fromYAML Record
	require.NoError(t, yaml.Unmarshal(y, &fromYAML))
	assert.Equal(t, Decimal("300000.00"), fromYAML.Budget.Amount)

	_, err = json.Marshal(Budget{Amount: "12,5"})
	assert.Error(t, err, "a Decimal that is not a number is not written as one")
}

// page builds a one-language record as the parser would.
func page(path, lang string, edit func(*Record)) Record {
	r := Record{Kind: KindProject, Languages: []string{lang},
		Title:   map[string]string{lang: "title " + lang},
		Sources: []Source{{Path: path, Lang: lang, Format: "text"}}}
	edit(&r)
	return r
}

func TestPair(t *testing.T) {
	en := page("p/rw-en.txt", "en", func(r *Record) {
		r.PrimaID, r.ProjectID, r.StartYear = "RW10P0522", "TK.0019", 2021
		r.Budget = &Budget{Amount: "300000.00", Currency: "USD"}
		r.Sources[0].Fields = []Field{{Key: "budget", Line: 12}}
	})
	fr := page("p/rw-fr.txt", "fr", func(r *Record) {
		r.PrimaID, r.ProjectID, r.EndYear = "RW10P0522", "TK.0019", 2025
		r.Budget = &Budget{Amount: "200000.00", Currency: "USD"}
		r.Sources[0].Fields = []Field{{Key: "budget", Line: 14}}
	})
	old := page("p/old-es.txt", "es", func(r *Record) { r.ProjectID = "TK.0019" })
	other := page("p/other-en.txt", "en", func(r *Record) { r.PrimaID = "KE10P0001" })
	news := Record{Kind: KindNews, Sources: []Source{{Path: "p/a-news.txt"}}}

	got, diags := Pair([]Record{news, other, fr, old, en})
	require.Len(t, got, 3)
	assert.Equal(t, "KE10P0001", got[0].PrimaID)
	rw := got[1]
	assert.Equal(t, "RW10P0522", rw.PrimaID)
	assert.Equal(t, []string{"en", "fr", "es"}, rw.Languages, "the old page joins by Projects ID")
	assert.Equal(t, 2021, rw.StartYear, "a fact missing in one language comes from the other")
	assert.Equal(t, 2025, rw.EndYear)
	assert.Equal(t, Decimal("300000.00"), rw.Budget.Amount, "English is kept")
	require.Len(t, rw.Conflicts, 1)
	assert.Equal(t, Conflict{Field: "budget", Values: map[string]string{"en": "300000.00 USD", "fr": "200000.00 USD"},
		ByPath: map[string]string{"p/rw-en.txt": "300000.00 USD", "p/rw-fr.txt": "200000.00 USD"}}, rw.Conflicts[0])
	require.Len(t, diags, 1)
	assert.Equal(t, "p/rw-fr.txt", diags[0].Path)
	assert.Equal(t, 14, diags[0].Line)
	assert.Equal(t, CodeConflict, diags[0].Code)
	assert.Equal(t, []string{"p/old-es.txt", "p/rw-en.txt", "p/rw-fr.txt"}, []string{rw.Sources[0].Path, rw.Sources[1].Path, rw.Sources[2].Path})
	assert.Equal(t, KindNews, got[2].Kind)
}

func TestPairSameLanguage(t *testing.T) {
	a := page("p/a.txt", "en", func(r *Record) { r.PrimaID = "FJ10P0002"; r.Title["en"] = "First" })
	b := page("p/b.txt", "en", func(r *Record) { r.PrimaID = "FJ10P0002"; r.Title["en"] = "Second" })
	got, diags := Pair([]Record{b, a})
	require.Len(t, got, 1)
	assert.Equal(t, "First", got[0].Title["en"], "the first by path is kept")
	assert.Len(t, got[0].Sources, 2)
	require.Len(t, got[0].Conflicts, 1)
	assert.Equal(t, "title.en", got[0].Conflicts[0].Field)
	assert.Equal(t, map[string]string{"p/a.txt": "First", "p/b.txt": "Second"}, got[0].Conflicts[0].ByPath)
	assert.Len(t, diags, 1)
}

// TestPairOrderIndependent: pairing is a reduce step, so the order records
// arrive in must not change the result.
func TestPairOrderIndependent(t *testing.T) {
	var recs []Record
	for i, lang := range []string{"en", "fr", "es", "en", "fr"} {
		recs = append(recs, page("p/"+string(rune('a'+i))+".txt", lang, func(r *Record) {
			r.PrimaID = []string{"AA10P0001", "BB10P0002"}[i%2]
			r.Year = 2000 + i
		}))
	}
	want, _ := Pair(recs)
	wantJSON, _ := json.Marshal(want)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		got, _ := Pair(recs)
		gotJSON, _ := json.Marshal(got)
		require.JSONEq(t, string(wantJSON), string(gotJSON))
	}
}

func TestPairBudgetsCompareAsNumbers(t *testing.T) {
	a := page("p/a.txt", "en", func(r *Record) { r.PrimaID = "CV10P0042"; r.Budget = &Budget{Amount: "95000", Currency: "USD"} })
	b := page("p/b.txt", "en", func(r *Record) { r.PrimaID = "CV10P0042"; r.Budget = &Budget{Amount: "95000.00", Currency: "USD"} })
	got, diags := Pair([]Record{a, b})
	assert.Empty(t, got[0].Conflicts)
	assert.Empty(t, diags)
	assert.Equal(t, "95000 USD", canonicalAmount("95000.00 USD"))
	assert.Equal(t, "95000.5 USD", canonicalAmount("95000.50 USD"))
	assert.Equal(t, "Rwanda", canonicalAmount("Rwanda"))
}

func TestShorten(t *testing.T) {
	assert.Equal(t, "short", shorten("short", 60))
	got := shorten(strings.Repeat("è", 40), 60)
	assert.True(t, utf8.ValidString(got), got)
	assert.LessOrEqual(t, len(got), 60)
}

// TestMergeSeveralLanguagesDeterministic: records that already hold several
// languages (pair's input after a cluster's reducers) merge the same way
// every time.
func TestMergeSeveralLanguagesDeterministic(t *testing.T) {
	a := page("p/a.txt", "en", func(r *Record) {
		r.PrimaID = "FJ10P0002"
		r.Languages = []string{"en", "fr", "es"}
		r.Title = map[string]string{"en": "A", "fr": "B", "es": "C"}
	})
	b := page("p/b.txt", "en", func(r *Record) {
		r.PrimaID = "FJ10P0002"
		r.Languages = []string{"en", "fr", "es"}
		r.Title = map[string]string{"en": "X", "fr": "Y", "es": "Z"}
	})
	want, wantDiags := Merge([]Record{a, b})
	for range 30 {
		got, diags := Merge([]Record{a, b})
		require.Equal(t, want.Conflicts, got.Conflicts)
		require.Equal(t, wantDiags, diags)
	}
}
