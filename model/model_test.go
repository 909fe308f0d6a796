package model

import (
	"encoding/json"
	"flag"
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

func TestCanonicalAmount(t *testing.T) {
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
