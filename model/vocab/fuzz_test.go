package vocab

import (
	"testing"
	"unicode"
)

// FuzzSplitCountriesCover adds to FuzzSplitCountries (never panics;
// matches in order, within s, Text == s[Start:End]) that nothing written is
// lost: every letter and digit of s lies inside a match, since only words
// with neither are dropped between names. Crashes found are kept in
// testdata/fuzz/FuzzSplitCountriesCover.
func FuzzSplitCountriesCover(f *testing.F) {
	for _, s := range []string{
		"Burkina Faso Burundi Cameroon Central African Republic Chad",
		"République démocratique du Congo – Côte d’Ivoire Perú (el) Tanz",
		"Guinea-Bissau Guinea Equatorial Guinea 3 - Kenya,Uganda",
		"(la) – Rwanda Atlantis \u00a0 Fiji\tSamoa",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := SplitCountries(s)
		checkMatches(t, s, ms)
		covered := make([]bool, len(s))
		for _, m := range ms {
			for i := m.Start; i < m.End; i++ {
				covered[i] = true
			}
		}
		for i, r := range s {
			// A letter Fold turns into a separator (the modifier
			// apostrophe ʼ) is punctuation to the splitter.
			if (unicode.IsLetter(r) || unicode.IsDigit(r)) && Fold(string(r)) != "" && !covered[i] {
				t.Fatalf("%q at byte %d of %q is in no match: %+v", r, i, s, ms)
			}
		}
	})
}
