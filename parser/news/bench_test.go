package news

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchTexts returns the lines of the news fixtures, the text the readers
// run on, and their words, which the date readers are asked of.
func benchTexts(b *testing.B) (lines, words []string) {
	paths, err := filepath.Glob("../../testdata/news/*.txt")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no fixtures: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for l := range strings.Lines(string(data)) {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
				words = append(words, strings.Fields(l)...)
			}
		}
	}
	return lines, words
}

// BenchmarkScanners measures each hand-written scanner of the package
// against the regular expression it reads, on the lines (or, for the date
// readers, the words) of the news fixtures: one op reads them all. A
// scanner is kept only where it is much the faster. Measured on the CI
// machine (2 cores, Go 1.26), each is several times faster than its
// expression: contactIntro 8×, contactLabel 11×, pieceBreak 12×, iomName
// 49×, orgIntro 7×, contactOpening 9×, link 9×, numericDate 6×, ordinalDay
// 21×.
func BenchmarkScanners(b *testing.B) {
	lines, words := benchTexts(b)
	for _, c := range []struct {
		name        string
		words       bool
		hand, regex func(string)
	}{
		{"contactIntro", false, func(s string) { contactIntroEnd(s) }, func(s string) { contactIntroPattern.FindStringIndex(s) }},
		{"contactLabel", false, func(s string) { replaceContactLabels(s) }, func(s string) { contactLabelPattern.ReplaceAllString(s, ",") }},
		{"pieceBreak", false, func(s string) {
			for range breakPieces(s) {
			}
		}, func(s string) { pieceBreakPattern.Split(s, -1) }},
		{"iomName", false, func(s string) { findIOMName(s) }, func(s string) { iomNamePattern.FindStringIndex(s) }},
		{"orgIntro", false, func(s string) { findOrgIntro(s) }, func(s string) { orgIntroPattern.FindStringIndex(s) }},
		{"contactOpening", false, func(s string) { findContactOpening(s) }, func(s string) { contactOpeningPattern.FindStringIndex(s) }},
		{"link", false, func(s string) {
			sc := linkScanner{t: s}
			for start, end := sc.next(0); start >= 0; start, end = sc.next(end) {
			}
		}, func(s string) { linkPattern.FindAllStringIndex(s, -1) }},
		{"numericDate", true, func(s string) { matchNumericDate(s) }, func(s string) { numericDatePattern.FindStringSubmatch(s) }},
		{"ordinalDay", true, func(s string) { ordinalDay([]byte(s)) }, func(s string) { ordinalDayPattern.FindStringSubmatch(s) }},
	} {
		texts := lines
		if c.words {
			texts = words
		}
		for _, way := range []struct {
			name string
			f    func(string)
		}{{"scanner", c.hand}, {"regexp", c.regex}} {
			b.Run(c.name+"/"+way.name, func(b *testing.B) {
				for b.Loop() {
					for _, s := range texts {
						way.f(s)
					}
				}
			})
		}
	}
}
