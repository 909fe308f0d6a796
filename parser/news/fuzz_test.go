package news

import (
	"strings"
	"testing"
)

// FuzzReaders checks that the news readers never panic, that a headline's
// dateline is only ever taken off its end or start, and that a place's
// country is a code of two capitals.
func FuzzReaders(f *testing.F) {
	for _, s := range []string{
		"Lancement du projet « CD4D »- Rabat ,Vendredi 9 Décembre 2016",
		"November 29, 2022, Dushanbe, Tajikistan - The …",
		"For further information, please contact Jane Roe at IOM Egypt. Tel: +202-2736, Email: j@iom.int",
		"Wed, 09/19/2018 - 11:19", "“Kigali – ", "Geneva, 12 March 2004. IOM",
		"Port-de-Paix, Haiti - March 1st 2018. IOM has", "Cobija, 19 de marzo de 2024.-", "Chanda Mwila - IOM, Head of Office",
		"June 2022, San José- Costa Rica.", "Returnees at the centre. Photo: IOM/Ana Silva", "Migration Policy, Migration Research",
		"Ecuador Perú Colombia", "La OIM entregó 2.000 kits.", "L’OIM a remis des kits.",
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
		ReadFront(s)
		if dl, ok := DatelineLine(s); ok {
			if c := PlaceCountry(dl.Place); c != "" && (len(c) != 2 || strings.ToUpper(c) != c) {
				t.Errorf("PlaceCountry(%q) = %q", dl.Place, c)
			}
		}
		for _, lang := range []string{"en", "fr", "es"} {
			ReportsEvent(s, lang)
		}
	})
}
