package vocab

import (
	"regexp"
	"slices"
	"testing"
)

// findAll collects the successive matches of find, resuming after each, as
// regexp.FindAllStringIndex does.
func findAll(s string, find func(string) (int, int)) [][]int {
	var out [][]int
	for from := 0; from < len(s); {
		start, end := find(s[from:])
		if start < 0 {
			break
		}
		out = append(out, []int{from + start, from + end})
		from += end
	}
	return out
}

// checkScanner holds a hand-written scanner to the pattern it replaces.
func checkScanner(t *testing.T, name string, re *regexp.Regexp, find func(string) (int, int), s string) {
	t.Helper()
	want := re.FindAllStringIndex(s, -1)
	got := findAll(s, find)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("%s(%q): %v, the pattern finds %v", name, s, got, want)
	}
}

var contactSamples = []string{
	"", "@", "a@", ".@x", "'@x", "jdoe@iom", "J.Doe@iom.int.", "x@y.com@z.org", "a..b@c..d", "é@ü.ß-1.",
	"mail: jroe@iom.int, Tel: +202 2736 5140", "Tel (+250) 08 40 94 86 Email: Ldeboeck@iom.int",
	"+41 22 717 0000", "(+41) 22 717", "(12345) 678901", "(1234)567890", "+ 1 234 567", "+ x", "2016 and 2017",
	"0788\u00a0123\u00a0456", "12\u00a0\u00a03", "1-2-3-4-5-6", "(((((1", "\xc2\xa0\xc2", "1 2 3 4 5 6\xc2",
	"a\xff@b\xffc", "ab\u00e9@\u00e9.\u00e9", "x+y%z_w-v@host-name.example.org.", "tel. 1 (2) 3/4.5-6",
}

func TestFindEmail(t *testing.T) {
	for _, s := range contactSamples {
		checkScanner(t, "FindEmail", EmailPattern, FindEmail, s)
	}
}

func TestFindPhone(t *testing.T) {
	for _, s := range contactSamples {
		checkScanner(t, "FindPhone", PhonePattern, FindPhone, s)
	}
}

// FuzzContactScanners holds FindEmail and FindPhone to EmailPattern and
// PhonePattern on any text.
func FuzzContactScanners(f *testing.F) {
	for _, s := range contactSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkScanner(t, "FindEmail", EmailPattern, FindEmail, s)
		checkScanner(t, "FindPhone", PhonePattern, FindPhone, s)
	})
}
