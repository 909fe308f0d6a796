package vocab

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model/growth"
)

// matchCodes renders matches compactly: the code of a known name, the text
// in quotes for an unknown one, and a trailing "*" on a repeat.
func matchCodes(ms []CountryMatch) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		s := m.Code
		if !m.Known {
			s = `"` + m.Text + `"`
		}
		if m.Repeat {
			s += "*"
		}
		out = append(out, s)
	}
	return out
}

func TestSplitCountries(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string // see matchCodes
		texts []string // the Text of each match, when checked
		langs []string // the Lang of each match, when checked
	}{
		{
			name: "multi-word names win over their parts",
			in:   "Bosnia and Herzegovina Central African Republic Democratic Republic of the Congo Democratic Republic of the Congo Guinea-Bissau Guinea Niger Nigeria Dominica Dominican Republic",
			want: []string{"BA", "CF", "CD", "CD*", "GW", "GN", "NE", "NG", "DM", "DO"},
		},
		{
			name:  "French with an English name mixed in",
			in:    "République-Unie de Tanzanie Îles Marshall Papouasie-Nouvelle-Guinée Federated States of Micronesia Côte d’Ivoire",
			want:  []string{"TZ", "MH", "PG", "FM", "CI"},
			texts: []string{"République-Unie de Tanzanie", "Îles Marshall", "Papouasie-Nouvelle-Guinée", "Federated States of Micronesia", "Côte d’Ivoire"},
			langs: []string{"fr", "fr", "fr", "en", ""},
		},
		{
			name:  "Spanish bracketed articles belong to the name",
			in:    "República Dominicana (la) Perú (el) Guinea Ecuatorial",
			want:  []string{"DO", "PE", "GQ"},
			texts: []string{"República Dominicana (la)", "Perú (el)", "Guinea Ecuatorial"},
			langs: []string{"es", "es", "es"},
		},
		{
			name: "DESIGN.md example",
			in:   "Burkina Faso Burundi Cameroon Central African Republic Chad",
			want: []string{"BF", "BI", "CM", "CF", "TD"},
		},
		{name: "straight apostrophe", in: "Côte d'Ivoire", want: []string{"CI"}},
		{name: "typographic apostrophe", in: "Côte d’Ivoire", want: []string{"CI"}},
		{name: "question mark for apostrophe", in: "Côte d?Ivoire Kenya", want: []string{"CI", "KE"}},
		{name: "case and accents", in: "COTE D'IVOIRE kenya RWANDA", want: []string{"CI", "KE", "RW"}},
		// Folding drops accents, so "Nigéria" is English "Nigeria" too and votes for no language.
		{name: "French Nigéria and Fidji", in: "Nigéria Fidji Niger", want: []string{"NG", "FJ", "NE"}, langs: []string{"", "fr", ""}},
		{name: "Türkiye and Turkey are one country", in: "Türkiye Turkey", want: []string{"TR", "TR*"}},
		{
			name:  "unknown name kept in place",
			in:    "Rwanda Atlantis Kenya",
			want:  []string{"RW", `"Atlantis"`, "KE"},
			texts: []string{"Rwanda", "Atlantis", "Kenya"},
		},
		{name: "cut off mid-name", in: "Kenya Uganda Tanz", want: []string{"KE", "UG", `"Tanz"`}},
		{name: "cut off mid-list", in: "Kenya Central African", want: []string{"KE", `"Central African"`}},
		{name: "unknown words form one run", in: "Rwanda Lower Atlantis Upper Kenya", want: []string{"RW", `"Lower Atlantis Upper"`, "KE"}},
		{name: "repeated unknown", in: "Atlantis Kenya atlantis", want: []string{`"Atlantis"`, "KE", `"atlantis"*`}},
		{
			name: "UN qualifiers in brackets",
			in:   "Bolivia (Plurinational State of) Micronesia (Federated States of) Iran (Islamic Republic of) Venezuela (Bolivarian Republic of) Netherlands (Kingdom of the)",
			want: []string{"BO", "FM", "IR", "VE", "NL"},
		},
		{name: "short forms of the qualified names", in: "Bolivia Iran Venezuela Micronesia Netherlands", want: []string{"BO", "IR", "VE", "FM", "NL"}},
		{name: "Kosovo with its resolution", in: "Serbia Kosovo (under UNSCR 1244) Montenegro", want: []string{"RS", "XK", "ME"}},
		{name: "the two Congos", in: "Congo DRC Democratic Republic of Congo République démocratique du Congo", want: []string{"CG", "CD", "CD*", "CD*"}},
		{name: "names that end other names", in: "Papua New Guinea Guinea Equatorial Guinea Sudan South Sudan Samoa American Samoa", want: []string{"PG", "GN", "GQ", "SD", "SS", "WS", "AS"}},
		{name: "Koreas", in: "Democratic People's Republic of Korea Republic of Korea Republic of Moldova", want: []string{"KP", "KR", "MD"}},
		{name: "French articles", in: "Bahamas (les) Congo (le)", want: []string{"BS", "CG"}, langs: []string{"fr", "fr"}},
		{name: "dashes between names are skipped", in: "Kenya – Uganda - Rwanda", want: []string{"KE", "UG", "RW"}},
		{name: "other whitespace", in: "Kenya\tUganda\u00a0 Burkina\nFaso ", want: []string{"KE", "UG", "BF"}},
		{name: "an article alone is unknown", in: "(la) Kenya", want: []string{`"(la)"`, "KE"}},
		{name: "common names", in: "Vietnam Laos Syria Russia South Korea North Korea Tanzania Moldova Brunei Burma Czech Republic Macedonia Swaziland Eswatini Cape Verde Cabo Verde Ivory Coast Palestine", want: []string{"VN", "LA", "SY", "RU", "KR", "KP", "TZ", "MD", "BN", "MM", "CZ", "MK", "SZ", "SZ*", "CV", "CV*", "CI", "PS"}},
		{name: "territories", in: "Hong Kong Macao Taiwan Western Sahara Puerto Rico New Caledonia French Polynesia", want: []string{"HK", "MO", "TW", "EH", "PR", "NC", "PF"}},
		{name: "empty", in: "", want: []string{}},
		{name: "blank", in: "  \t ", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitCountries(tt.in)
			assert.Equal(t, tt.want, matchCodes(got))
			if tt.texts != nil {
				var texts []string
				for _, m := range got {
					texts = append(texts, m.Text)
				}
				assert.Equal(t, tt.texts, texts)
			}
			if tt.langs != nil {
				var langs []string
				for _, m := range got {
					langs = append(langs, m.Lang)
				}
				assert.Equal(t, tt.langs, langs)
			}
			checkMatches(t, tt.in, got)
		})
	}
}

// checkMatches verifies what holds for every split: offsets in order and
// within s, Text the slice of s they bound, Name the display name of a
// known code and the text of an unknown name.
func checkMatches(t *testing.T, s string, ms []CountryMatch) {
	t.Helper()
	prev := 0
	for _, m := range ms {
		require.True(t, prev <= m.Start && m.Start < m.End && m.End <= len(s), "offsets %d..%d after %d in %q", m.Start, m.End, prev, s)
		require.Equal(t, s[m.Start:m.End], m.Text)
		if m.Known {
			require.Equal(t, CountryName(m.Code), m.Name)
		} else {
			require.Equal(t, m.Text, m.Name)
			require.Empty(t, m.Code)
		}
		prev = m.End
	}
}

func TestSplitCountriesFirstAppearance(t *testing.T) {
	got := SplitCountries("Kenya Rwanda Kenya Uganda Rwanda")
	var first []string
	for _, m := range got {
		if !m.Repeat {
			first = append(first, m.Code)
		}
	}
	assert.Equal(t, []string{"KE", "RW", "UG"}, first)
}

func TestLookupCountry(t *testing.T) {
	tests := []struct {
		in         string
		code, lang string
		ok         bool
	}{
		{"Rwanda", "RW", "", true},
		{"rwanda", "RW", "", true},
		{"Côte d’Ivoire", "CI", "", true},
		{"Cote d?Ivoire", "CI", "", true},
		{"Perú (el)", "PE", "es", true},
		{"Perú", "PE", "", true}, // folds like English "Peru"
		{"Congo (the)", "CG", "", true},
		{"République démocratique du Congo", "CD", "fr", true},
		{"Democratic Republic of the Congo", "CD", "en", true},
		{"Congo", "CG", "", true},
		{"Guinea", "GN", "", true},
		{"Nigéria", "NG", "", true},
		{"Fidji", "FJ", "fr", true},
		{"Türkiye", "TR", "", true},
		{"Turkey", "TR", "en", true},
		{"Kosovo (under UNSCR 1244)", "XK", "en", true},
		{"Lao People's Democratic Republic", "LA", "en", true},
		{"République démocratique populaire lao", "LA", "fr", true},
		{"  Kenya ", "KE", "", true},
		{"Atlantis", "", "", false},
		{"Tanz", "", "", false},
		{"Burkina", "", "", false}, // a word prefix of a name is not a name
		{"Kenya Uganda", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			code, lang, ok := LookupCountry(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.lang, lang)
		})
	}
}

func TestCountryName(t *testing.T) {
	tests := map[string]string{
		"RW": "Rwanda",
		"LS": "Lesotho",
		"rw": "Rwanda",
		"CD": "Democratic Republic of the Congo",
		"CG": "Congo",
		"TZ": "United Republic of Tanzania",
		"CI": "Côte d'Ivoire",
		"TR": "Türkiye",
		"BO": "Bolivia",
		"NL": "Netherlands",
		"PS": "State of Palestine",
		"VA": "Holy See",
		"XK": "Kosovo",
		"HK": "Hong Kong",
		"SH": "Saint Helena",
		"TC": "Turks and Caicos Islands",
		"QQ": "",
		"":   "",
	}
	for code, want := range tests {
		assert.Equal(t, want, CountryName(code), code)
	}
}

// tsvRow is a row of countries.tsv.
type tsvRow struct{ code, lang, name, kind string }

func readCountriesTSV(t *testing.T) []tsvRow {
	t.Helper()
	data, err := os.ReadFile("countries.tsv")
	require.NoError(t, err)
	var rows []tsvRow
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "code\t") {
			continue
		}
		cols := strings.Split(line, "\t")
		require.Len(t, cols, 4, line)
		rows = append(rows, tsvRow{cols[0], cols[1], cols[2], cols[3]})
	}
	require.NoError(t, sc.Err())
	return rows
}

// TestCountryUNNames checks that every UN name, and every variant, of
// countries.tsv resolves to its code, both looked up and split.
func TestCountryUNNames(t *testing.T) {
	rows := readCountriesTSV(t)
	un := make(map[string][]string)
	for _, r := range rows {
		if r.kind == "un" {
			un[r.code] = append(un[r.code], r.lang)
		}
		code, _, ok := LookupCountry(r.name)
		if assert.True(t, ok, "%s %s %q", r.code, r.lang, r.name) {
			assert.Equal(t, r.code, code, "%s %q", r.lang, r.name)
		}
		got := SplitCountries(r.name)
		if assert.Len(t, got, 1, "%s %s %q: %v", r.code, r.lang, r.name, matchCodes(got)) {
			assert.Equal(t, r.code, got[0].Code, "%q", r.name)
			assert.Equal(t, r.name, got[0].Text)
		}
	}
	assert.Len(t, un, 195, "193 member states and 2 observers")
	for code, langs := range un {
		slices.Sort(langs)
		assert.Equal(t, []string{"en", "es", "fr"}, langs, code)
	}
}

// TestCountryTable checks the generated table's shape and coverage.
func TestCountryTable(t *testing.T) {
	codes := CountryCodes()
	assert.True(t, slices.IsSorted(codes), "sorted by code")
	assert.Equal(t, len(codes), len(slices.Compact(slices.Clone(codes))), "codes unique")
	assert.GreaterOrEqual(t, len(codes), 250, "ISO 3166-1 and Kosovo")
	for _, code := range []string{"XK", "HK", "MO", "TW", "EH", "PR", "NC", "PF", "PS", "VA", "GL", "CW"} {
		assert.Contains(t, codes, code)
	}
	for _, c := range countryTable {
		assert.Regexp(t, `^[A-Z]{2}$`, c.Code)
		require.NotEmpty(t, c.Names, c.Code)
		assert.Equal(t, "en", c.Names[0].Lang, "%s: the display name comes first", c.Code)
		var langs []string
		for _, n := range c.Names {
			langs = append(langs, n.Lang)
		}
		for _, l := range []string{"en", "fr", "es"} {
			assert.Contains(t, langs, l, c.Code)
		}
	}
}

// TestCountryIndexUnambiguous checks that no folded name means two codes
// except those countryPreferred settles on purpose, and that every name of
// the table looks up its own code.
func TestCountryIndexUnambiguous(t *testing.T) {
	_, collisions := newCountryIndex(countryTable, nil)
	var want []string
	for k := range countryPreferred {
		want = append(want, k)
	}
	var got []string
	for _, c := range collisions {
		got = append(got, c[:strings.Index(c, ": ")])
	}
	slices.Sort(want)
	assert.Equal(t, want, got, "countryPreferred must list exactly the collisions: %v", collisions)

	for _, c := range countryTable {
		for _, n := range c.Names {
			code, _, ok := LookupCountry(n.Text)
			if pref, settled := countryPreferred[Fold(n.Text)]; settled {
				assert.Equal(t, pref, code, n.Text)
				continue
			}
			assert.True(t, ok, n.Text)
			assert.Equal(t, c.Code, code, "%q", n.Text)
		}
	}
}

func TestNewCountryIndexCollision(t *testing.T) {
	table := []Country{
		{Code: "AA", Names: []Name{{Lang: "en", Text: "Twin"}}},
		{Code: "BB", Names: []Name{{Lang: "en", Text: "twin"}}},
	}
	_, collisions := newCountryIndex(table, nil)
	assert.Equal(t, []string{"twin: AA, BB"}, collisions)
	assert.Panics(t, func() { mustCountryIndex(table, nil) })

	idx, collisions := newCountryIndex(table, map[string]string{"twin": "BB"})
	assert.Empty(t, collisions)
	assert.Equal(t, "BB", idx.keys["twin"].code)
}

// TestFoldFastPath checks the splitter's shortcut against Fold: a word of
// ASCII letters and digits folds to its lower case.
func TestFoldFastPath(t *testing.T) {
	words := []string{"Kenya", "DRC", "1244", "abcXYZ09"}
	for _, c := range countryTable {
		for _, n := range c.Names {
			words = append(words, strings.Fields(n.Text)...)
		}
	}
	for _, w := range words {
		if isPlainASCII(w) {
			assert.Equal(t, Fold(w), strings.ToLower(w), w)
		}
	}
}

// TestCountriesGenUpToDate regenerates the table and compares it with the
// checked-in countries_gen.go, so that an edit of countries.tsv without
// "go generate ./model/vocab" fails.
func TestCountriesGenUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	out := filepath.Join(t.TempDir(), "countries_gen.go")
	cmd := exec.Command("go", "run", "./internal/gencountries", "-out", out)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	want, err := os.ReadFile(out)
	require.NoError(t, err)
	got, err := os.ReadFile("countries_gen.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "countries_gen.go is stale: run go generate ./model/vocab")
}

func FuzzSplitCountries(f *testing.F) {
	for _, s := range []string{
		"Burkina Faso Burundi Cameroon Central African Republic Chad",
		"República Dominicana (la) Perú (el) Guinea Ecuatorial",
		"Côte d?Ivoire Kenya Uganda Tanz",
		"(la) – Rwanda Atlantis",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := SplitCountries(s)
		checkMatches(t, s, ms)
		// Appended after earlier matches (an unknown one among them, which
		// a later unknown name must not be taken as a repeat of), the same.
		before := SplitCountries("Atlantis Kenya ")
		if got, want := AppendCountries(slices.Clip(before), s), append(slices.Clone(before), ms...); !slices.Equal(got, want) {
			t.Fatalf("AppendCountries(%+v, %q) = %+v, want %+v", before, s, got, want)
		}
		var buf [4]CountryMatch
		if got := AppendCountries(buf[:0], s); !slices.Equal(got, ms) {
			t.Fatalf("AppendCountries(buf, %q) = %+v, want %+v", s, got, ms)
		}
	})
}

// benchList is about a hundred names in three languages, as the longest
// member-state lines are.
func benchList() string {
	var names []string
	langs := []int{0, 0, 1, 2} // mostly English, some French and Spanish
	for i, c := range countryTable[:100] {
		var byLang [3][]string
		for _, n := range c.Names {
			switch n.Lang {
			case "en":
				byLang[0] = append(byLang[0], n.Text)
			case "fr":
				byLang[1] = append(byLang[1], n.Text)
			case "es":
				byLang[2] = append(byLang[2], n.Text)
			}
		}
		names = append(names, byLang[langs[i%len(langs)]][0])
	}
	return strings.Join(names, " ")
}

func BenchmarkSplitCountries(b *testing.B) {
	s := benchList()
	if n := len(SplitCountries(s)); n < 95 {
		b.Fatalf("split %d names, want about 100", n)
	}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		SplitCountries(s)
	}
}

// TestSplitCountriesGrowth holds the splitter to linear work on a list
// alternating a known name and thousands of unknown ones, which took
// quadratic time when each unknown name was compared with every earlier
// one (589 KB: 35 s).
func TestSplitCountriesGrowth(t *testing.T) {
	list := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "Kenya Atlantis%d ", i)
		}
		return b.String()
	}
	small, large := list(2000), list(20000)
	growth.Check(t, func() { SplitCountries(small) }, func() { SplitCountries(large) })
}
