package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
)

// Sinks keep the results the benchmarks compute, so that the compiler
// cannot drop the calls that compute them.
var (
	sinkBool    bool
	sinkInt     int
	sinkInts    []int
	sinkString  string
	sinkStrings []string
	sinkOffice  *model.Office
)

// BenchmarkScanners measures each hand-written scanner of the package
// against the regular expression it reads ("regexp"), and against the
// expression behind the cheap test of a length or a first byte it would
// otherwise be written with ("guarded"), on every line of the text
// fixtures (testdata/pages and testdata/layouts): one op reads them all, as
// the Development Fund layout tries every value line as a budget and an
// identifier, a project page every paragraph as an outcome, and every
// menu line is asked for the country office. A scanner is kept only where
// it is the faster even guarded. Measured on the CI machine (2 cores, Go
// 1.26), the scanners are faster than the bare expressions by 10× to 30×
// (the office sentences, whose reference has its own guard, 2.4×), and
// than the guarded ones by 1.7× (outcome), 1.9× (Prima ID), 2× (Projects
// ID), 2.6× (year) and 4.5× (budget).
func BenchmarkScanners(b *testing.B) {
	var lines []string
	for _, dir := range []string{"../testdata/pages", "../testdata/layouts"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(paths) == 0 {
			b.Fatalf("no fixtures in %s: %v", dir, err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			for l := range strings.Lines(string(data)) {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
		}
	}
	for _, c := range []struct {
		name                 string
		hand, regex, guarded func(string)
	}{
		{"budget", func(s string) { sinkString, _, sinkBool = parseBudget(s) }, func(s string) { sinkStrings = budgetPattern.FindStringSubmatch(s) },
			func(s string) {
				if s != "" && (ascii.IsDigit(s[0]) || s[0] == 'U' || s[0] == '$') {
					sinkStrings = budgetPattern.FindStringSubmatch(s)
				}
			}},
		{"primaID", func(s string) { sinkBool = isPrimaID(s) }, func(s string) { sinkBool = primaIDPattern.MatchString(s) },
			func(s string) { sinkBool = len(s) == 9 && primaIDPattern.MatchString(s) }},
		{"projectID", func(s string) { sinkBool = isProjectID(s) }, func(s string) { sinkBool = projectIDPattern.MatchString(s) },
			func(s string) { sinkBool = len(s) == 7 && projectIDPattern.MatchString(s) }},
		{"year", func(s string) { sinkBool = isYear(s) }, func(s string) { sinkBool = yearPattern.MatchString(s) },
			func(s string) { sinkBool = len(s) == 4 && yearPattern.MatchString(s) }},
		{"outcome", func(s string) { sinkInt = outcomeNumberEnd(s) }, func(s string) { sinkInts = outcomePattern.FindStringIndex(s) },
			func(s string) {
				if s != "" && (s[0] == '(' || ascii.IsDigit(s[0])) {
					sinkInts = outcomePattern.FindStringIndex(s)
				}
			}},
		{"office", func(s string) { sinkOffice = officeOf(s) }, func(s string) { sinkOffice = officeOfReference(s) }, nil},
	} {
		for _, way := range []struct {
			name string
			f    func(string)
		}{{"scanner", c.hand}, {"regexp", c.regex}, {"guarded", c.guarded}} {
			if way.f == nil {
				continue // the reference has its guard
			}
			b.Run(c.name+"/"+way.name, func(b *testing.B) {
				for b.Loop() {
					for _, s := range lines {
						way.f(s)
					}
				}
			})
		}
	}
}
