package changes

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model"
)

// entry is an Entry for the tables: a project when keys look like ids.
func entry(group int, class int, k0, k1 string) Entry {
	return Entry{Group: group, Class: class, Keys: [2]string{k0, k1}, Kind: map[int]string{ClassProject: "project", ClassOther: "news"}[class], Pass: true}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name     string
		old, new []Entry
		want     []string // "old→new key", -1 for none
	}{
		{
			name: "by Prima ID",
			old:  []Entry{entry(0, ClassProject, "RW10P0522", "TK.0019"), entry(1, ClassProject, "LS10P0001", "")},
			new:  []Entry{entry(0, ClassProject, "RW10P0522", "TK.0019"), entry(1, ClassProject, "GH10P0310", "")},
			want: []string{"-1→1 GH10P0310", "1→-1 LS10P0001", "0→0 RW10P0522"},
		},
		{
			name: "then by Projects ID: a Prima ID that appeared",
			old:  []Entry{entry(0, ClassProject, "", "TK.0019")},
			new:  []Entry{entry(0, ClassProject, "RW10P0522", "TK.0019")},
			want: []string{"0→0 RW10P0522"},
		},
		{
			name: "by URL, then by path",
			old:  []Entry{entry(0, ClassOther, "", "news/a.txt"), entry(1, ClassOther, "https://iom.int/b", "b.html"), entry(2, ClassOther, "", "c.txt")},
			new:  []Entry{entry(0, ClassOther, "https://iom.int/a", "news/a.txt"), entry(1, ClassOther, "https://iom.int/b", "renamed.html"), entry(2, ClassOther, "https://iom.int/c", "c2.txt")},
			want: []string{"2→-1 c.txt", "0→0 https://iom.int/a", "1→1 https://iom.int/b", "-1→2 https://iom.int/c"},
		},
		{
			name: "ids and paths never match",
			old:  []Entry{entry(0, ClassOther, "", "RW10P0522")},
			new:  []Entry{entry(0, ClassProject, "RW10P0522", "")},
			want: []string{"-1→0 RW10P0522", "0→-1 RW10P0522"},
		},
		{
			name: "one URL twice: matched in the order of the paths, listed in the old side's order",
			old:  []Entry{entry(0, ClassOther, "https://iom.int/x", "b.txt"), entry(1, ClassOther, "https://iom.int/x", "a.txt")},
			new:  []Entry{entry(0, ClassOther, "https://iom.int/x", "a2.txt"), entry(1, ClassOther, "https://iom.int/x", "b2.txt")},
			want: []string{"0→1 https://iom.int/x", "1→0 https://iom.int/x"},
		},
		{
			name: "the filter on either side",
			old: []Entry{{Group: 0, Keys: [2]string{"A"}, Kind: "project", Pass: true}, {Group: 1, Keys: [2]string{"B"}, Kind: "project"},
				{Group: 2, Keys: [2]string{"C"}, Kind: "project"}},
			new:  []Entry{{Group: 0, Keys: [2]string{"A"}, Kind: "project"}, {Group: 1, Keys: [2]string{"B"}, Kind: "project", Pass: true}, {Group: 2, Keys: [2]string{"D"}, Kind: "project"}},
			want: []string{"0→0 A", "1→1 B"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range Match(tt.old, tt.new) {
				got = append(got, fmt.Sprintf("%d→%d %s", p.Old, p.New, p.Key))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestWriters(t *testing.T) {
	budget := func(a string) *model.Budget { return &model.Budget{Amount: model.Decimal(a), Currency: "USD"} }
	records := []Record{
		{Key: "GH10P0310", Kind: "project", Change: Added, Title: "Mobilizing Ghanaian Health Professionals Abroad for Rural Clinics & more"},
		{Key: "RW10P0522", Kind: "project", Change: Changed, Title: "Rwanda", Fields: []model.Change{
			{Field: "status", Old: "active", New: "completed"},
			{Field: "budget", Old: budget("300000.00"), New: budget("350000.00")},
			{Field: "member_states", Old: []model.MemberState{{Code: "RW", Name: "Rwanda"}}, New: []model.MemberState{{Code: "KE", Name: "Kenya"}}, Added: []string{"KE"}, Removed: []string{"RW"}},
			{Field: "end_year", New: 2025},
			{Field: "title.fr", Old: "Le Rwanda", New: "Rwanda & Kenya"},
			{Field: "office", New: &model.Office{Country: "RW", Since: 1994}},
			{Field: "body.en", Old: model.TextDigest{Paragraphs: 1, Chars: 4, SHA256: "d9613c9fbcb5"}, New: model.TextDigest{Paragraphs: 2, Chars: 8, SHA256: "8b8d5798dcc5"}},
			{Field: "outcomes.en", Old: []string{"One.", "Two."}, New: []string{"One.", "Three."}},
		}},
		{Key: "news/a.txt", Kind: "news", Change: Removed},
	}
	write := func(format string) string {
		var b bytes.Buffer
		w := NewWriter(format, &b)
		for i := range records {
			require.NoError(t, w.Write(&records[i]))
		}
		require.NoError(t, w.Close())
		return b.String()
	}
	assert.Equal(t, `+ GH10P0310 (project) "Mobilizing Ghanaian Health Professionals Abroad for Rural C…"
~ RW10P0522 (project) "Rwanda"
    status         active -> completed
    budget         300000.00 USD -> 350000.00 USD
    member_states  +KE -RW
    end_year       (none) -> 2025
    title.fr       "Le Rwanda" -> "Rwanda & Kenya"
    office         (none) -> RW since 1994
    body.en        1 paragraph, 4 chars (d9613c9fbcb5) -> 2 paragraphs, 8 chars (8b8d5798dcc5)
    outcomes.en
      - Two.
      + Three.
- news/a.txt (news)
`, write("text"))
	jsonl := write("jsonl")
	lines := strings.Split(strings.TrimSpace(jsonl), "\n")
	require.Len(t, lines, 10)
	assert.Equal(t, `{"key":"GH10P0310","kind":"project","change":"added"}`, lines[0])
	assert.Equal(t, `{"key":"RW10P0522","kind":"project","change":"changed","field":"budget","old":{"amount":300000.00,"currency":"USD"},"new":{"amount":350000.00,"currency":"USD"}}`, lines[2])
	assert.Equal(t, `{"key":"RW10P0522","kind":"project","change":"changed","field":"member_states","old":[{"code":"RW","name":"Rwanda"}],"new":[{"code":"KE","name":"Kenya"}],"added":["KE"],"removed":["RW"]}`, lines[3])
	assert.Equal(t, `{"key":"RW10P0522","kind":"project","change":"changed","field":"title.fr","old":"Le Rwanda","new":"Rwanda & Kenya"}`, lines[5], "no HTML escaping")
	assert.Equal(t, `{"key":"news/a.txt","kind":"news","change":"removed"}`, lines[9])
	array := write("json")
	assert.True(t, strings.HasPrefix(array, "[\n  {\n    \"key\": \"GH10P0310\",\n"), array)
	assert.True(t, strings.HasSuffix(array, "\n  }\n]\n"), array)
	assert.Equal(t, 10, strings.Count(array, `"key":`))

	var empty bytes.Buffer
	w := NewWriter("json", &empty)
	require.NoError(t, w.Close())
	assert.Equal(t, "[]\n", empty.String())
}
