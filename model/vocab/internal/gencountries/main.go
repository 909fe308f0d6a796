// Command gencountries writes model/vocab/countries_gen.go, the country table, from
// two sources:
//
//   - CLDR, through golang.org/x/text/language/display: the English, French
//     and Spanish names of every current ISO 3166-1 alpha-2 region (and of
//     Kosovo, XK, which ISO leaves to user assignment but CLDR names);
//   - countries.tsv: the United Nations official short names of the member
//     and observer states in the same three languages, and the variants IOM
//     pages use, which CLDR does not give.
//
// It is run by "go generate ./model/vocab" from the model/vocab directory. It does not
// import package model, so that a broken or missing countries_gen.go can
// always be regenerated.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func main() {
	in := flag.String("in", "countries.tsv", "hand-written names")
	out := flag.String("out", "countries_gen.go", "generated Go file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencountries:", err)
		os.Exit(1)
	}
}

var langs = []string{"en", "fr", "es"}

// row is one line of countries.tsv.
type row struct {
	code, lang, name, kind string
	line                   int
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	rows, err := readTSV(f, in)
	f.Close() // read-only: a close error cannot lose data
	if err != nil {
		return err
	}
	regions := cldrRegions()
	if err := check(rows, regions); err != nil {
		return err
	}
	src, err := generate(rows, regions)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}

// readTSV reads the columns code, lang, name, kind; lines starting with '#'
// and blank lines are comments, and the first other line is the header.
func readTSV(r io.Reader, path string) ([]row, error) {
	var rows []row
	sc := bufio.NewScanner(r)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			return nil, fmt.Errorf("%s:%d: want 4 tab-separated columns, got %d", path, n, len(cols))
		}
		if !header {
			if line != "code\tlang\tname\tkind" {
				return nil, fmt.Errorf("%s:%d: want the header code, lang, name, kind", path, n)
			}
			header = true
			continue
		}
		rw := row{code: cols[0], lang: cols[1], name: cols[2], kind: cols[3], line: n}
		switch {
		case len(rw.code) != 2 || strings.ToUpper(rw.code) != rw.code:
			return nil, fmt.Errorf("%s:%d: code %q is not two capital letters", path, n, rw.code)
		case !slices.Contains(langs, rw.lang):
			return nil, fmt.Errorf("%s:%d: unknown language %q", path, n, rw.lang)
		case rw.kind != "un" && rw.kind != "variant":
			return nil, fmt.Errorf("%s:%d: kind %q is neither un nor variant", path, n, rw.kind)
		case rw.name == "" || strings.TrimSpace(rw.name) != rw.name || strings.Contains(rw.name, "  "):
			return nil, fmt.Errorf("%s:%d: name %q is empty or badly spaced", path, n, rw.name)
		}
		rows = append(rows, rw)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !header {
		return nil, fmt.Errorf("%s: no header", path)
	}
	return rows, nil
}

// cldrRegions lists the regions the table covers: every current ISO 3166-1
// alpha-2 code CLDR names (deprecated codes such as BU or ZR, the exceptional
// reservations such as AC or EA, and groupings such as EU or UN left out),
// plus Kosovo.
func cldrRegions() map[string]language.Region {
	regions := make(map[string]language.Region)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.IsPrivateUse() || r.M49() == 0 ||
				r.Canonicalize() != r || display.English.Regions().Name(r) == "" {
				continue
			}
			regions[code] = r
		}
	}
	regions["XK"] = language.MustParseRegion("XK")
	return regions
}

// check verifies that every code is a region and that each state with UN
// names has exactly one in each language.
func check(rows []row, regions map[string]language.Region) error {
	un := make(map[string]map[string]int)
	var errs []error
	for _, r := range rows {
		if _, ok := regions[r.code]; !ok {
			errs = append(errs, fmt.Errorf("line %d: %s is not a region CLDR names", r.line, r.code))
		}
		if r.kind == "un" {
			if un[r.code] == nil {
				un[r.code] = make(map[string]int)
			}
			un[r.code][r.lang]++
		}
	}
	for code, byLang := range un {
		for _, l := range langs {
			if byLang[l] != 1 {
				errs = append(errs, fmt.Errorf("%s has %d UN names in %s, want 1", code, byLang[l], l))
			}
		}
	}
	if len(un) != 195 {
		errs = append(errs, fmt.Errorf("%d states have UN names, want 193 members and 2 observers", len(un)))
	}
	return errors.Join(errs...)
}

type name struct{ lang, text string }

// names orders the names of one region: the English display name first, then
// the UN names, the variants, and the CLDR names, each text once per language.
func names(code string, r language.Region, rows []row) []name {
	var un, variants []name
	for _, rw := range rows {
		if rw.code != code {
			continue
		}
		if rw.kind == "un" {
			un = append(un, name{rw.lang, rw.name})
		} else {
			variants = append(variants, name{rw.lang, rw.name})
		}
	}
	var cldr []name
	for _, l := range langs {
		t := language.MustParse(l)
		n := display.Regions(t).Name(r)
		if n == "" {
			continue
		}
		cldr = append(cldr, name{l, n})
		if l == "en" {
			if d := plainEnglish(n); d != n {
				cldr = append(cldr, name{l, d})
			}
		}
	}
	all := append([]name{{"en", displayName(un, variants, cldr)}}, un...)
	all = append(all, variants...)
	all = append(all, cldr...)
	var out []name
	for _, n := range all {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// plainEnglish spells out CLDR's English abbreviations, "St. Helena" and
// "Turks & Caicos Islands", the way pages write them.
func plainEnglish(s string) string {
	s = strings.ReplaceAll(s, " & ", " and ")
	if rest, ok := strings.CutPrefix(s, "St. "); ok {
		s = "Saint " + rest
	}
	return s
}

// displayName chooses the English name CountryName returns: the UN English
// short name without its bracketed qualifier ("Bolivia", "Netherlands"), or,
// for a territory, the first English variant ("Kosovo", "Hong Kong"), or the
// plain form of CLDR's English name ("Saint Helena").
func displayName(un, variants, cldr []name) string {
	for _, n := range un {
		if n.lang == "en" {
			if i := strings.Index(n.text, " ("); i > 0 && strings.HasSuffix(n.text, ")") {
				return n.text[:i]
			}
			return n.text
		}
	}
	for _, n := range variants {
		if n.lang == "en" {
			return n.text
		}
	}
	for _, n := range cldr {
		if n.lang == "en" {
			return plainEnglish(n.text)
		}
	}
	return ""
}

func generate(rows []row, regions map[string]language.Region) ([]byte, error) {
	codes := make([]string, 0, len(regions))
	for c := range regions {
		codes = append(codes, c)
	}
	slices.Sort(codes)

	var b bytes.Buffer
	b.WriteString("// Code generated by gencountries from countries.tsv and CLDR (golang.org/x/text); DO NOT EDIT.\n\n")
	b.WriteString("package vocab\n\n")
	b.WriteString("// countryTable lists every region by code. The first name is the English\n")
	b.WriteString("// display name; then come the UN names, the variants of countries.tsv, and\n")
	b.WriteString("// the CLDR names.\n")
	b.WriteString("var countryTable = []Country{\n")
	for _, c := range codes {
		fmt.Fprintf(&b, "{Code: %q, Names: []Name{\n", c)
		for _, n := range names(c, regions[c], rows) {
			fmt.Fprintf(&b, "{Lang: %q, Text: %q},\n", n.lang, n.text)
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
