package vocab

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// foldReference is Fold as first written, one rune at a time into a
// strings.Builder: FuzzFold holds the faster Fold to it.
func foldReference(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				r = rune(c + 'a' - 'A')
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '&', c == '/', c == '+':
				r = rune(c)
			default:
				space = true
				continue
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			r = foldOther(r)
			if r == 0 {
				space = true
				continue
			}
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// lookupReference is Vocabulary.Lookup as first written.
func lookupReference(v *Vocabulary, s string) (Match, bool) {
	if len(s) > v.maxLen {
		return Match{}, false
	}
	m, ok := v.index[foldReference(s)]
	return m, ok
}

// oddVocabulary has names that start and end with digits, punctuation and
// accents, for FuzzFold.
var oddVocabulary = NewVocabulary([]Term{
	{"a", []Name{{"en", "2030 Agenda"}, {"fr", "Agenda 2030"}, {"", "(USD) Amount"}}},
	{"b", []Name{{"en", "St. Lucia"}, {"es", "Área"}, {"fr", "x & y."}, {"", "+/-"}}},
})

// FuzzFold checks Fold, its fast path for text already folded, AppendFold
// and the bounded fold of Vocabulary.Lookup against foldReference.
func FuzzFold(f *testing.F) {
	for _, s := range []string{
		"", " ", "côte d’ivoire", "Côte d?Ivoire", "guinea bissau", "guinea  bissau", " a", "a ", "St. Lucia",
		"Trinidad & Tobago", "Ⱥ", "\xff\xfe", "ẞ", "Etat(s) membre(s)", "a-b", "A", "abc-", "ACTIVE", " active ", "Actif.", "2030 agenda", "(usd) amount", "Active", "En cours", "Asia and the Pacific", "(USD) Amount", "Monde", "st lucia", "st. lucia", "AREA", "+/-", "x&y.",
	} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		want := foldReference(s)
		if got := Fold(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
		if isFolded(s) && want != s {
			t.Fatalf("isFolded(%q), but it folds to %q", s, want)
		}
		if got := string(AppendFold([]byte("x"), s)); got != "x"+want {
			t.Fatalf("AppendFold(x, %q) = %q, want %q", s, got, "x"+want)
		}
		for _, v := range []*Vocabulary{Statuses, Coverages, Regions, ProjectTypes, oddVocabulary} {
			gotM, gotOK := v.Lookup(s)
			wantM, wantOK := lookupReference(v, s)
			if gotM != wantM || gotOK != wantOK {
				t.Fatalf("Lookup(%q) = %v, %v; want %v, %v", s, gotM, gotOK, wantM, wantOK)
			}
		}
		limit = limit % 80
		if p := string(AppendFoldPrefix(nil, s, limit)); !strings.HasPrefix(want, p) || p != want && len(p) <= limit {
			t.Fatalf("AppendFoldPrefix(%q, %d) = %q, which is neither Fold's %q nor more than %d bytes of it", s, limit, p, want, limit)
		}
		got, ok := appendFold(nil, s, limit)
		switch {
		case limit < 0 || len(want) <= limit:
			if !ok || string(got) != want {
				t.Fatalf("appendFold(%q, %d) = %q, %v; want %q, true", s, limit, got, ok, want)
			}
		case ok:
			t.Fatalf("appendFold(%q, %d) = %q, true; but the fold %q is longer", s, limit, got, want)
		}
	})
}
