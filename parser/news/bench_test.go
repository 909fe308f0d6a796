package news

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model/ascii"
)

// benchTexts returns the lines of the news fixtures, the text the readers
// run on; their words, which ordinalDay is asked of; and their
// comma-separated pieces, the lines too, which matchNumericDate is asked of
// (as ParseDate asks it of the pieces of a dateline).
func benchTexts(b *testing.B) (lines, words, pieces []string) {
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
				for p := range strings.SplitSeq(l, ",") {
					pieces = append(pieces, strings.TrimSpace(p))
				}
				pieces = append(pieces, l)
			}
		}
	}
	return lines, words, pieces
}

// Sinks keep the results the benchmarks compute, so that the compiler
// cannot drop the calls that compute them.
var (
	sinkBool    bool
	sinkInt     int
	sinkInts    []int
	sinkIntss   [][]int
	sinkString  string
	sinkStrings []string
)

// BenchmarkScanners measures each hand-written scanner of the package
// against the regular expression it reads ("regexp") and, where a cheap
// test can spare the expression most texts, against the expression behind
// that test ("guarded"; the scanner then has the same test before it, as
// the parser runs it), on the lines of the news fixtures (or, for the
// date readers, the words or the pieces of lines they are asked of): one
// op reads them all. A scanner is kept only where it is the faster even
// guarded. Measured on the CI machine (2 cores, Go 1.26), the scanners are
// faster than the bare expressions by 5× to 80× (the photo credit), and than the guarded
// ones by 1.6× (numeric date), 2.1× (contact opening), 4.4× (links), 5×
// (ordinal day) and 15× (the organisation's name); the expressions also
// allocate on every match, the scanners never.
func BenchmarkScanners(b *testing.B) {
	lines, words, pieces := benchTexts(b)
	digitFirst := func(s string) bool { return s != "" && ascii.IsDigit(s[0]) }
	for _, c := range []struct {
		name                 string
		texts                []string
		hand, regex, guarded func(string)
	}{
		{"contactIntro", lines, func(s string) { sinkInt = contactIntroEnd(s) }, func(s string) { sinkInts = contactIntroPattern.FindStringIndex(s) }, nil},
		{"contactLabel", lines, func(s string) { sinkString = replaceContactLabels(s) }, func(s string) { sinkString = contactLabelPattern.ReplaceAllString(s, ",") }, nil},
		{"pieceBreak", lines, func(s string) {
			for p := range breakPieces(s) {
				sinkString = p
			}
		}, func(s string) { sinkStrings = pieceBreakPattern.Split(s, -1) }, nil},
		{"iomName", lines, func(s string) { sinkInt, _ = findIOMName(s) }, func(s string) { sinkInts = iomNamePattern.FindStringIndex(s) },
			func(s string) { sinkBool = strings.ContainsAny(s, "IO") && iomNamePattern.MatchString(s) }},
		{"orgIntro", lines, func(s string) { sinkInt, _ = findOrgIntro(s) }, func(s string) { sinkInts = orgIntroPattern.FindStringIndex(s) }, nil},
		{"contactOpening", lines, func(s string) { sinkBool = mayOpenContacts(s) && findContactOpening(s) >= 0 }, func(s string) { sinkInts = contactOpeningPattern.FindStringIndex(s) },
			func(s string) { sinkBool = mayOpenContacts(s) && contactOpeningPattern.MatchString(s) }},
		{"link", lines, func(s string) {
			if !mayHoldLink(s) {
				return
			}
			sc := linkScanner{t: s}
			for start, end := sc.next(0); start >= 0; start, end = sc.next(end) {
				sinkInt = start
			}
		}, func(s string) { sinkIntss = linkPattern.FindAllStringIndex(s, -1) },
			func(s string) { sinkBool = mayHoldLink(s) && linkPattern.MatchString(s) }},
		{"numericDate", pieces, func(s string) { sinkString, _, _, sinkBool = matchNumericDate(s) }, func(s string) { sinkStrings = numericDatePattern.FindStringSubmatch(s) },
			func(s string) {
				if digitFirst(s) {
					sinkStrings = numericDatePattern.FindStringSubmatch(s)
				}
			}},
		{"photoCredit", lines, func(s string) { sinkBool = hasPhotoCredit(s) }, func(s string) { sinkBool = photoCredit.MatchString(s) }, nil},
		{"ordinalDay", words, func(s string) { sinkInt = ordinalDay([]byte(s)) }, func(s string) { sinkStrings = ordinalDayPattern.FindStringSubmatch(s) },
			func(s string) {
				if digitFirst(s) {
					sinkStrings = ordinalDayPattern.FindStringSubmatch(s)
				}
			}},
	} {
		for _, way := range []struct {
			name string
			f    func(string)
		}{{"scanner", c.hand}, {"regexp", c.regex}, {"guarded", c.guarded}} {
			if way.f == nil {
				continue // no cheap test: the text may hold a match anywhere
			}
			b.Run(c.name+"/"+way.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for _, s := range c.texts {
						way.f(s)
					}
				}
			})
		}
	}
}
