package news

import (
	"strings"
	"testing"
)

// FuzzReaders checks that the news readers never panic and that a
// headline's dateline is only ever taken off its end or start.
func FuzzReaders(f *testing.F) {
	for _, s := range []string{
		"Lancement du projet « CD4D »- Rabat ,Vendredi 9 Décembre 2016",
		"November 29, 2022, Dushanbe, Tajikistan - The …",
		"For further information, please contact Jane Roe at IOM Egypt. Tel: +202-2736, Email: j@iom.int",
		"Wed, 09/19/2018 - 11:19", "“Kigali – ", "Geneva, 12 March 2004. IOM",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseDate(s)
		DateLine(s)
		if _, end, ok := ReadDateline(s); ok && (end <= 0 || end > len(s)) {
			t.Errorf("ReadDateline(%q) ends at %d", s, end)
		}
		if title, _, ok := SplitHeadline(s); ok && !strings.Contains(s, title) {
			t.Errorf("SplitHeadline(%q) = %q, not a part of it", s, title)
		}
		ReadContacts([]string{s, s})
		FindLinks([]string{s})
	})
}
