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

// TestContactShapes: the shapes composed from one definition match what
// the parser and redaction expect of them.
func TestContactShapes(t *testing.T) {
	for _, tt := range []struct {
		re   *regexp.Regexp
		in   string
		want []string // the matches, in order
	}{
		{PhoneLabelEnd, "Jane Roe, Tel. (office): ", []string{"Tel. (office): "}},
		{PhoneLabelEnd, "hotel ", []string{"tel "}}, // no word boundary: the text before a number
		{PhoneLabelEnd, "Tel: x ", nil},
		{ContactLabelPattern, "Tel (mobile) : 1, E-mail: a@b, hotel, Courriel:x", []string{"Tel (mobile) :", "E-mail:", "Courriel:"}},
		{AnnouncedPhonePattern, "hotline +250 800 000 000. Tel: 022 717 9111, call 0788 123 456, hotel 0788 123 456", []string{"+250 800 000 000", "Tel: 022 717 9111"}},
		{AnnouncedPhonePattern, "(+250) 08 40 94 86 or (250) 08 40 94 86", []string{"(+250) 08 40 94 86"}},
		{PhonePattern, "(250) 08 40 94 86 and 2016", []string{"(250) 08 40 94 86"}},
	} {
		if got := tt.re.FindAllString(tt.in, -1); !slices.Equal(got, tt.want) {
			t.Errorf("%s in %q: %q, want %q", tt.re, tt.in, got, tt.want)
		}
	}
	for m, want := range map[string][2]string{
		"+250 800 000 000":       {"", "+250 800 000 000"},
		"Tel: 022 717 9111":      {"Tel: ", "022 717 9111"},
		"Tel (mobile): 0788 123": {"Tel ", "(mobile): 0788 123"},
	} {
		if label, number := SplitAnnouncedPhone(m); label != want[0] || number != want[1] {
			t.Errorf("SplitAnnouncedPhone(%q) = %q, %q; want %q, %q", m, label, number, want[0], want[1])
		}
	}
}

// sinkMatches keeps the matches BenchmarkContactScanners finds, so that the
// compiler cannot drop the calls that find them.
var sinkMatches [][]int

// BenchmarkContactScanners measures FindEmail and FindPhone against the
// patterns they read, finding every match in contact blocks and in prose
// with neither: the parser asks them of every paragraph that may continue
// a contact block. Measured on the CI machine (2 cores, Go 1.26), the
// scanners are faster than the expressions, which try a match from every
// byte of the text, by 25× (email) and 10× (phone).
func BenchmarkContactScanners(b *testing.B) {
	texts := append([]string{
		"For further information, please contact Jane Roe at IOM Egypt. Tel: +202 2736 5140, Email: jroe@iom.int",
		"Laurent De Boeck Tel (+250) 08 40 94 86 Email: Ldeboeck@iom.int, or John Doe at IOM Geneva, Tel: 022 717 9111, Mobile: +41 79 000 00 00",
		"The meeting, which begins on 31 January in Butare, is part of IOM’s MIDA Great Lakes programme, launched on 1 February 2005.",
		"IOM is organising a two-day conference in Rwanda to discuss the role information technology can play in the transfer of skills from the diaspora.",
	}, contactSamples...)
	for _, c := range []struct {
		name string
		hand func(string) (int, int)
		re   *regexp.Regexp
	}{{"email", FindEmail, EmailPattern}, {"phone", FindPhone, PhonePattern}} {
		b.Run(c.name+"/scanner", func(b *testing.B) {
			for b.Loop() {
				for _, s := range texts {
					sinkMatches = findAll(s, c.hand)
				}
			}
		})
		b.Run(c.name+"/regexp", func(b *testing.B) {
			for b.Loop() {
				for _, s := range texts {
					sinkMatches = c.re.FindAllStringIndex(s, -1)
				}
			}
		})
	}
}
