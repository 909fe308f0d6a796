package parser

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
)

// thousandsSeparators takes the separators out of an amount that
// budgetPattern matched, as digitsOnly does by hand.
var thousandsSeparators = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "")

// scanSamples are texts of menu lines, field values, titles and words, and
// their edge cases.
var scanSamples = []string{
	"", ",", "a,", " \u00a0x\u0085 ", "\u2003\t", "\v\fa\r", "1) The Ministry", "(2)x", "12)",
	"FJ10P0002", "FJ10P000", "fJ10P0002", "FJ10Q0002", "LM.0123", "A00-805", "a00-805", "AB.123", "ABC-1234", "1999", "2100", "20x1", "1899",
	"THE", "tHe", "the)", "Les", "entre", "entree", "y", "ÉL",
	"81675.00", "103,058", "USD 1,234,567.5 USD", "US$12", "$ 1 234\u00a0567\u202f890", "1,23", "1234,567", "1,234 567", "12 345.", "0.5",
	"$", "USD", "1,234,567,89", "1 234 5678", "\t7\n", "12.34.56", "1 234 USD", "1 234USD", "1,234USDX", "1\u00a0234",
	"WHO WE AREIOM is part of the UN. IOM has had a presence in Kenya since 1985.", "IOM has had presence in the Gambia since 2001",
	"x L’OIM est présente au Maroc depuis 2007", "L'OIM est présent en Tunisie depuis 2001", "La OIM está presente en Colombia desde 1956",
	"IOM has had a presence in Atlantis since 1999 and IOM has had a presence in Peru since 1990", "é’OIM est présent au Maroc depuis 2007",
	"the and of l'OIM, les migrants. Los y las", "THE\tand 1the the1 the_ thé theirs abcdefghi their. Entre-deux y,y", "a b c d e f g h i j k", "théâtre de la ville",
	"DE", "Del", "oF", "tHE", "dé", "THÉ", "d\u0301", "de\u0301", "-de", "de.", "«9 décembre 2016»",
	"Title", "title", "TITLE.", "1 Title", "-Title", "Éé", "é", "Kelvin", "\u212aelvin",
	"IOM has had a presence in the  since 1999", "IOM has had a presence in  since 1999", "IOM has had a presence in x since 19", "IOM has had a presence in Kenya since 1985 since 1990",
	"IOM has had a presence in Ke3nya since 1985 IOM has had a presence in Peru since 1990", "IOM has had a presence in Atlantis since 1999 L'OIM est présent au Maroc depuis 2007",
	"L’OIM est présente aux Comores depuis 1999", "L'OIM est présent à l’Île Maurice depuis 2000", "L'OIM est présent dans l'Union des Comores depuis 2000", "L'OIM est présente en  depuis 2000",
	"L'OIM est présentes au Maroc depuis 2007", "L'OIM est présent auMaroc depuis 2007", "La OIM ha estado presente en los Países Bajos desde 1990", "La OIM tiene presencia en el Perú desde 19901", "IOM", "OIM", "IOIM", "MOM", "IM", "OM", "xIOMx", "MMOIM",
	"0.50", "000", "00012.340", "$ 0012.5 USD", "US$7.", "1,234.00", "(IOM) Ms. Roe; Mr. Doe", "IOMIOM", "xIOM", "_OIM", "éIOM", "OIM-Maroc",
}

// officeOfReference is officeOf as first written: each pattern run on the
// whole line.
func officeOfReference(text string) *model.Office {
	if !strings.Contains(text, "OIM") && !strings.Contains(text, "IOM") {
		return nil
	}
	for _, re := range officeExpressions {
		if m := re.FindStringSubmatch(text); m != nil {
			code, _, ok := vocab.LookupCountry(m[1])
			if !ok {
				continue
			}
			since, _ := strconv.Atoi(m[2])
			return &model.Office{Country: code, Since: since}
		}
	}
	return nil
}

// addTextReference is langVotes.addText as first written: find a word's
// end, then look it up with functionWordLang.
func (v *langVotes) addTextReference(text string) {
	isEnd := func(c byte) bool { return c == ' ' || c == '\'' || c == ',' || c == '.' }
	for start := 0; start < len(text) && v.words < maxVoteWords; {
		for start < len(text) && !ascii.IsLetter(text[start]) {
			start++
		}
		end := start
		for end < len(text) && !isEnd(text[end]) {
			end++
		}
		if end == start {
			break
		}
		v.words++
		if lang, ok := functionWordLang(text[start:end]); ok {
			v.add(lang, 1)
		}
		start = end
	}
}

// checkGuards holds each hand-written scanner of the package to its
// expression or to the code it replaced.
func checkGuards(t *testing.T, s string) {
	t.Helper()
	if got, want := holdsIOM(s), strings.Contains(s, "IOM") || strings.Contains(s, "OIM"); got != want {
		t.Fatalf("holdsIOM(%q) = %v, want %v", s, got, want)
	}
	for _, c := range []struct {
		name string
		re   *regexp.Regexp
		is   func(string) bool
	}{{"isPrimaID", primaIDPattern, isPrimaID}, {"isProjectID", projectIDPattern, isProjectID}, {"isYear", yearPattern, isYear}} {
		if got, want := c.is(s), c.re.MatchString(s); got != want {
			t.Fatalf("%s(%q) = %v, the pattern says %v", c.name, s, got, want)
		}
	}
	a, b := s[:len(s)/2], s[len(s)/2:]
	for _, p := range [][2]string{{a, b}, {s, a}, {a, s}, {s, s + "."}, {s, strings.ToUpper(s)}} {
		if got, want := foldEqual(p[0], p[1]), vocab.Fold(p[0]) == vocab.Fold(p[1]); got != want {
			t.Fatalf("foldEqual(%q, %q) = %v, want %v", p[0], p[1], got, want)
		}
		if got, want := foldHasPrefix(p[0], p[1]), strings.HasPrefix(vocab.Fold(p[0]), vocab.Fold(p[1])); got != want {
			t.Fatalf("foldHasPrefix(%q, %q) = %v, want %v", p[0], p[1], got, want)
		}
	}
	var wantLang string
	var wantOK bool
	if len(s) <= 8 {
		lower := []byte(s)
		for i, c := range lower {
			if 'A' <= c && c <= 'Z' {
				lower[i] += 'a' - 'A'
			}
		}
		wantLang, wantOK = functionWords[string(lower)]
	}
	if lang, ok := functionWordLang(s); lang != wantLang || ok != wantOK {
		t.Fatalf("functionWordLang(%q) = %q, %v; want %q, %v", s, lang, ok, wantLang, wantOK)
	}
	for _, words := range []int{0, maxVoteWords - 3} {
		got, want := langVotes{words: words}, langVotes{words: words}
		got.addText(s)
		want.addTextReference(s)
		if got != want {
			t.Fatalf("addText(%q) from %d words counts %+v, want %+v", s, words, got, want)
		}
	}
	if got, want := officeOf(s), officeOfReference(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("officeOf(%q) = %+v, want %+v", s, got, want)
	}
	var wantBudget []string
	if m := budgetPattern.FindStringSubmatch(s); m != nil {
		wantBudget = m[1:]
	}
	if amount, decimals, ok := parseBudget(s); ok != (wantBudget != nil) || ok && (amount != wantBudget[0] || decimals != wantBudget[1]) {
		t.Fatalf("parseBudget(%q) = %q, %q, %v; the pattern gives %q", s, amount, decimals, ok, wantBudget)
	} else if ok && digitsOnly(amount) != thousandsSeparators.Replace(amount) {
		t.Fatalf("digitsOnly(%q) = %q, want %q", amount, digitsOnly(amount), thousandsSeparators.Replace(amount))
	} else if ok {
		digits := strings.TrimLeft(thousandsSeparators.Replace(amount), "0")
		if digits == "" {
			digits = "0"
		}
		if got := budgetAmount(s, amount, decimals); got != digits+decimals {
			t.Fatalf("budgetAmount(%q) = %q, want %q", s, got, digits+decimals)
		}
	}
	var o, want []string
	if m := outcomePattern.FindStringIndex(s); m != nil && len(s) > m[1] {
		want = []string{s[m[1]:]}
	}
	if _, o = paragraphs([]string{s}, true); !slices.Equal(o, want) {
		t.Fatalf("paragraphs(%q) gives the outcomes %q, the pattern %q", s, o, want)
	}
}

func TestScanners(t *testing.T) {
	for _, s := range scanSamples {
		checkGuards(t, s)
	}
}

// FuzzScanners holds the parser's hand-written scanners to the regular
// expressions they replace, on any text.
func FuzzScanners(f *testing.F) {
	for _, s := range scanSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkGuards(t, s)
	})
}

// TestScannersOnTheirAlphabet holds the scanners to their expressions on
// random texts made of the characters and words the expressions care about,
// which random fuzzing seldom puts together.
func TestScannersOnTheirAlphabet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for _, alphabet := range [][]string{
		// amounts and identifiers
		{"0", "1", "9", ",", " ", "\u00a0", "\u202f", ".", "U", "S", "D", "$", "US", "USD", "(", ")", "\t", "x", "o", "or", "-", "P", "FJ", "A"},
		// function words
		{"the", "THE", "and", "a", "y", "abcdefgh", "abcdefghi", "theirs", " ", " ", "'", ",", ".", "é", "1", "\x00", "\xff", "@", "entre", "cette", "Their"},
		// the organisation's names and the sentences naming its office
		{" ", "I", "O", "M", "IOM", "OIM", "L'", "La ", "has had ", "a ", "presence in ", "est présent", "e", "Kenya", "Maroc", " since ", " depuis ", "1985", "x", "é"},
	} {
		for range 20000 {
			b.Reset()
			for range rng.IntN(14) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			checkGuards(t, b.String())
		}
	}
}

// TestOfficePatternsOnTheirShape holds each officePattern to its expression
// on random lines built like its matches, with pieces left out, repeated or
// replaced, which random texts hardly ever are.
func TestOfficePatternsOnTheirShape(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(alts []string) string { return alts[rng.IntN(len(alts))] }
	country := []string{"Kenya", "the", "Gambia", "Île", " ", "'", "’", "-", ".", "é", "3", "x", "\xff", "since", "depuis", "desde"}
	noise := []string{"", " ", "x", "IOM ", "L'", "OIM ", "a ", "e", "au", "19", "1985 "}
	matches := 0
	for i, p := range officePatterns {
		re := officeExpressions[i]
		for n := range 20000 {
			var b strings.Builder
			for range 1 + rng.IntN(2) {
				b.WriteString(pick(noise))
				b.WriteString(pick(p.before))
				b.WriteString(p.mark)
				for _, step := range p.steps {
					if rng.IntN(8) == 0 {
						b.WriteString(pick(noise))
					} else {
						b.WriteString(pick(step))
					}
				}
				for range rng.IntN(4) {
					b.WriteString(pick(country))
				}
				if rng.IntN(6) != 0 {
					b.WriteString(p.sep)
				}
				b.WriteString("2016"[:rng.IntN(5)])
				b.WriteString(pick(noise))
			}
			s := b.String()
			m := officeMatcher{p: &officePatterns[i], text: s, failFrom: -1, failTo: -2}
			country, year, ok := m.find()
			want := re.FindStringSubmatch(s)
			if ok != (want != nil) || ok && (country != want[1] || year != want[2]) {
				t.Fatalf("pattern %d finds %q, %q, %v in %q; the expression %q", i, country, year, ok, s, want)
			}
			if ok {
				matches++
			}
			if n%16 == 0 {
				checkGuards(t, s) // officeOf as a whole, and the rest
			}
		}
	}
	if matches < 1000 {
		t.Errorf("only %d lines of 60000 match: the test builds too few matches", matches)
	}
}
