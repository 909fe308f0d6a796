package model

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiff(t *testing.T) {
	base := func(edit func(*Record)) *Record {
		r := Record{
			Kind: KindProject, PrimaID: "RW10P0522", ProjectID: "TK.0019", Status: "active",
			StartYear: 2021, Year: 2021, Budget: &Budget{Amount: "300000.00", Currency: "USD"},
			MemberStates: []MemberState{{Code: "RW", Name: "Rwanda"}, {Code: "KE", Name: "Kenya"}},
			Languages:    []string{"en", "fr"},
			Title:        map[string]string{"en": "Diaspora", "fr": "Diaspora (fr)"},
			Body:         map[string][]string{"en": {"One.", "Two."}},
			Sources:      []Source{{Path: "old/rw-en.txt", Lang: "en", Format: "text", SHA256: "aa", Bytes: 10}},
		}
		if edit != nil {
			edit(&r)
		}
		return &r
	}
	budget := func(a string) *Budget { return &Budget{Amount: Decimal(a), Currency: "USD"} }
	tests := []struct {
		name string
		new  func(*Record)
		opts DiffOptions
		want []Change
	}{
		{name: "same", new: func(*Record) {}},
		{name: "only the scrape differs", new: func(r *Record) {
			r.Sources = []Source{{Path: "new/rw-en.txt", Lang: "en", Format: "html", SHA256: "bb", Bytes: 12}}
			r.Conflicts = []Conflict{{Field: "budget", Values: map[string]string{"en": "1", "fr": "2"}}}
			r.Diagnostics = []Diagnostic{{Severity: SeverityWarning, Code: CodeConflict, Path: "x", Message: "m"}}
		}},
		{name: "status and budget", new: func(r *Record) { r.Status, r.Budget = "completed", budget("350000.00") }, want: []Change{
			{Field: "status", Old: "active", New: "completed"},
			{Field: "budget", Old: budget("300000.00"), New: budget("350000.00")},
		}},
		{name: "budget digits of one amount", new: func(r *Record) { r.Budget = budget("300000") }},
		{name: "currency", new: func(r *Record) { r.Budget = &Budget{Amount: "300000.00", Currency: "EUR"} }, want: []Change{
			{Field: "budget", Old: budget("300000.00"), New: &Budget{Amount: "300000.00", Currency: "EUR"}},
		}},
		{name: "member states in another order", new: func(r *Record) {
			r.MemberStates = []MemberState{{Code: "KE", Name: "Kenya"}, {Code: "RW", Name: "Rwanda"}}
		}},
		{name: "member states", new: func(r *Record) {
			r.MemberStates = []MemberState{{Code: "KE", Name: "Kenya"}, {Code: "GH", Name: "Ghana"}, {Name: "Atlantis"}}
		}, want: []Change{{
			Field:   "member_states",
			Old:     []MemberState{{Code: "RW", Name: "Rwanda"}, {Code: "KE", Name: "Kenya"}},
			New:     []MemberState{{Code: "KE", Name: "Kenya"}, {Code: "GH", Name: "Ghana"}, {Name: "Atlantis"}},
			Added:   []string{"GH", "Atlantis"},
			Removed: []string{"RW"},
		}}},
		{name: "a language more", new: func(r *Record) { r.Languages = append(r.Languages, "es"); r.Title["es"] = "Diáspora" }, want: []Change{
			{Field: "languages", Old: []string{"en", "fr"}, New: []string{"en", "fr", "es"}, Added: []string{"es"}},
			{Field: "title.es", New: "Diáspora"},
		}},
		{name: "a title", new: func(r *Record) { r.Title = map[string]string{"en": "Diaspora", "fr": "La diaspora"} }, want: []Change{
			{Field: "title.fr", Old: "Diaspora (fr)", New: "La diaspora"},
		}},
		{name: "a body, digested", new: func(r *Record) { r.Body = map[string][]string{"en": {"One.", "Two!", "Three."}} }, want: []Change{
			{Field: "body.en", Old: TextDigest{Paragraphs: 2, Chars: 8, SHA256: "d9613c9fbcb5"}, New: TextDigest{Paragraphs: 3, Chars: 14, SHA256: "8b8d5798dcc5"}},
		}},
		{name: "a body, whole", opts: DiffOptions{Text: true}, new: func(r *Record) { r.Body = nil; r.Outcomes = map[string][]string{"fr": {"Un."}} }, want: []Change{
			{Field: "body.en", Old: []string{"One.", "Two."}},
			{Field: "outcomes.fr", New: []string{"Un."}},
		}},
		{name: "a fact gone, a fact come", new: func(r *Record) { r.Year, r.EndYear, r.ProjectID = 0, 2025, "" }, want: []Change{
			{Field: "project_id", Old: "TK.0019"},
			{Field: "end_year", New: 2025},
			{Field: "year", Old: 2021},
		}},
		{name: "kind", new: func(r *Record) { r.Kind = KindPage }, want: []Change{{Field: "kind", Old: KindProject, New: KindPage}}},
		{name: "office", new: func(r *Record) { r.Office = &Office{Country: "RW", Since: 1994} }, want: []Change{
			{Field: "office", New: &Office{Country: "RW", Since: 1994}},
		}},
		{name: "contacts and links", new: func(r *Record) {
			r.Contacts = []Contact{{Name: "Jane Doe", Email: "jdoe@iom.int"}}
			r.Links = []string{"https://iom.int"}
		}, want: []Change{
			{Field: "contacts", New: []Contact{{Name: "Jane Doe", Email: "jdoe@iom.int"}}, Added: []string{"Jane Doe, jdoe@iom.int"}},
			{Field: "links", New: []string{"https://iom.int"}, Added: []string{"https://iom.int"}},
		}},
		{name: "fields", opts: DiffOptions{Fields: []string{"budget", "title"}}, new: func(r *Record) {
			r.Status, r.Budget, r.Title = "completed", nil, map[string]string{"en": "Diaspora"}
		}, want: []Change{
			{Field: "budget", Old: budget("300000.00")},
			{Field: "title.fr", Old: "Diaspora (fr)"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := base(nil), base(tt.new)
			assert.Equal(t, tt.want, Diff(old, new, tt.opts))
			// Backwards, every change is the other way round.
			var back []Change
			for _, c := range tt.want {
				back = append(back, Change{Field: c.Field, Old: c.New, New: c.Old, Added: c.Removed, Removed: c.Added})
			}
			assert.Equal(t, back, Diff(new, old, tt.opts))
		})
	}
}

// TestDiffValuesAsTheRecordWritesThem: Old and New encode as the record's
// own fields do, budgets with their digits.
func TestDiffValuesAsTheRecordWritesThem(t *testing.T) {
	old := &Record{Kind: KindProject, Budget: &Budget{Amount: "300000.00", Currency: "USD"}}
	new := &Record{Kind: KindProject, Budget: &Budget{Amount: "350000.00", Currency: "USD"}}
	got := Diff(old, new, DiffOptions{})
	require.Len(t, got, 1)
	b, err := json.Marshal(got[0].New)
	require.NoError(t, err)
	assert.JSONEq(t, `{"amount":350000.00,"currency":"USD"}`, string(b))
	assert.Contains(t, string(b), "350000.00")
}

func TestDiffFields(t *testing.T) {
	fields := DiffFields()
	assert.Equal(t, "kind", fields[0])
	for _, f := range []string{"status", "budget", "member_states", "languages", "title", "body", "outcomes", "date", "place", "office"} {
		assert.Contains(t, fields, f)
	}
	for _, f := range scrapeFields {
		assert.NotContains(t, fields, f)
	}
}
