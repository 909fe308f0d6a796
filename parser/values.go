package parser

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/text"
)

// Shapes of identifiers and numbers (../shared/VOCABULARY.md), each the
// regular expression beside the function that checks it by hand: the
// Development Fund layout tries them on every value line
// (BenchmarkScanners measures both). FuzzScanners holds each function to
// its expression.
var (
	// budgetPattern matches an amount: plain digits with optional
	// decimals (iom.int, "81675.00") or thousands separated by commas
	// (the Development Fund, "103,058") or by spaces, with an optional
	// currency before or after; the submatches are the digits with their
	// separators and the decimals with their point.
	budgetPattern    = regexp.MustCompile(`^(?:USD|US\$|\$)?\s*(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d+)(\.\d+)?\s*(?:USD)?$`)
	primaIDPattern   = regexp.MustCompile(`^[A-Z]{2}\d{2}P\d{4}$`)                   // FJ10P0002
	projectIDPattern = regexp.MustCompile(`^(?:[A-Z]{2}\.\d{4}|[A-Z0-9]{3}-\d{3})$`) // LM.0123, A00-805
	yearPattern      = regexp.MustCompile(`^(?:19|20)\d{2}$`)
)

// parseBudget returns the submatches of budgetPattern in s: the amount with
// its separators and the decimals with their point. Each part of the
// expression can match in one way only, so no backtracking is needed: a
// run of up to three digits followed by groups of a separator and three
// digits is a grouped amount, any other run of digits a plain one.
func parseBudget(s string) (amount, decimals string, ok bool) {
	i := 0
	if strings.HasPrefix(s, "USD") || strings.HasPrefix(s, "US$") {
		i = 3
	} else if strings.HasPrefix(s, "$") {
		i = 1
	}
	start := text.SkipSpace(s, i)
	run := text.DigitsEnd(s, start)
	if run == start {
		return "", "", false
	}
	end := run
	if run-start <= 3 {
		if end = thousandsEnd(s, run, ","); end == run {
			end = thousandsEnd(s, run, " ", "\u00a0", "\u202f")
		}
	}
	amount = s[start:end]
	if end < len(s) && s[end] == '.' {
		if d := text.DigitsEnd(s, end+1); d > end+1 {
			decimals, end = s[end:d], d
		}
	}
	end = text.SkipSpace(s, end)
	if strings.HasPrefix(s[end:], "USD") {
		end += 3
	}
	if end != len(s) {
		return "", "", false
	}
	return amount, decimals, true
}

// thousandsEnd returns the end of the groups of one of seps and three
// digits that start at byte i of s; i when there are none.
func thousandsEnd(s string, i int, seps ...string) int {
	for {
		n := 0
		for _, sep := range seps {
			if strings.HasPrefix(s[i:], sep) {
				n = len(sep)
				break
			}
		}
		if n == 0 || text.DigitsEnd(s, i+n) < i+n+3 {
			return i
		}
		i += n + 3
	}
}

// isBudget reports whether s reads as an amount (parseBudget).
func isBudget(s string) bool {
	_, _, ok := parseBudget(s)
	return ok
}

// isPrimaID reports whether s has the shape of a Prima ID (primaIDPattern).
func isPrimaID(s string) bool {
	return len(s) == 9 && ascii.IsUpper(s[0]) && ascii.IsUpper(s[1]) && allDigits(s[2:4]) && s[4] == 'P' && allDigits(s[5:])
}

// isProjectID reports whether s has the shape of a Projects ID
// (projectIDPattern).
func isProjectID(s string) bool {
	if len(s) != 7 {
		return false
	}
	if ascii.IsUpper(s[0]) && ascii.IsUpper(s[1]) && s[2] == '.' && allDigits(s[3:]) {
		return true
	}
	for i := range 3 {
		if !ascii.IsUpper(s[i]) && !ascii.IsDigit(s[i]) {
			return false
		}
	}
	return s[3] == '-' && allDigits(s[4:])
}

// isYear reports whether s is a year (yearPattern).
func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") && allDigits(s[2:])
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !ascii.IsDigit(s[i]) {
			return false
		}
	}
	return true
}

// digitsOnly returns the digits of an amount parseBudget read, without its
// thousands separators; an amount written without them is returned as is.
func digitsOnly(amount string) string {
	if allDigits(amount) {
		return amount
	}
	b := make([]byte, 0, len(amount))
	for i := 0; i < len(amount); i++ {
		if ascii.IsDigit(amount[i]) {
			b = append(b, amount[i])
		}
	}
	return string(b)
}

// valueSetters normalise the value of each field key into the record. A
// setter returns false when the record already had the fact, so the caller
// can report the repeat.
var valueSetters = map[string]func(x *extractor, v Line) bool{
	keyStartYear: func(x *extractor, v Line) bool { return x.setYear(&x.rec.StartYear, v) },
	keyEndYear:   func(x *extractor, v Line) bool { return x.setYear(&x.rec.EndYear, v) },
	keyYear:      func(x *extractor, v Line) bool { return x.setYear(&x.rec.Year, v) },
	keyStatus:    func(x *extractor, v Line) bool { return x.setCode(&x.rec.Status, vocab.Statuses, "status", v) },
	keyProjectType: func(x *extractor, v Line) bool {
		return x.setCode(&x.rec.ProjectType, vocab.ProjectTypes, "project type", v)
	},
	keyCoverage:     func(x *extractor, v Line) bool { return x.setCode(&x.rec.Coverage, vocab.Coverages, "coverage", v) },
	keyIDFRegion:    func(x *extractor, v Line) bool { return x.setCode(&x.rec.IDFRegion, vocab.Regions, "IDF region", v) },
	keyBudget:       (*extractor).setBudget,
	keyPrimaID:      (*extractor).setPrimaID,
	keyProjectID:    (*extractor).setProjectID,
	keyMemberStates: (*extractor).setMemberStates,
}

// setValue fills the record from the value of a labelled field and returns
// the key the value really belongs to: Spanish pages label the status
// "Tipo de proyecto", the same label as the type, so a status name under
// that label is read as the status.
func (x *extractor) setValue(key string, v Line) string {
	if key == keyProjectType {
		_, isType := vocab.ProjectTypes.Lookup(v.Text)
		if _, isStatus := vocab.Statuses.Lookup(v.Text); isStatus && !isType {
			key = keyStatus
		}
	}
	if !valueSetters[key](x, v) {
		x.report(model.SeverityWarning, model.CodeDuplicateField, v.No, "%s given again as %q; the first value is kept", key, v.Text)
	}
	return key
}

func (x *extractor) setYear(dst *int, v Line) bool {
	if *dst != 0 {
		return false
	}
	if !isYear(v.Text) {
		x.report(model.SeverityError, model.CodeBadYear, v.No, "%q is not a four-digit year", v.Text)
		return true
	}
	*dst, _ = strconv.Atoi(v.Text) // four digits by the pattern
	return true
}

// setCode maps a value to its vocabulary code. An unknown value keeps a
// code derived from its text, and is reported.
func (x *extractor) setCode(dst *string, vocabulary *vocab.Vocabulary, what string, v Line) bool {
	if *dst != "" {
		return false
	}
	if m, ok := vocabulary.Lookup(v.Text); ok {
		*dst = m.Code
		x.votes.add(m.Lang, 2)
		return true
	}
	if v.No == lastLine(x.lines) {
		// Cut off by the end of the file: kept as written in the fields,
		// never completed.
		x.report(model.SeverityWarning, model.CodeTruncated, v.No, "%s %q is cut off at the end of the page; kept as written in sources[].fields only", what, v.Text)
		return true
	}
	// A value the site itself stored cut mid-word, on a page that goes on,
	// is read when only one name starts that way.
	if m, ok := vocabulary.LookupPrefix(v.Text, 12); ok {
		*dst = m.Code
		x.votes.add(m.Lang, 1)
		x.report(model.SeverityWarning, model.CodeTruncated, v.No, "%s %q is cut off; read as %q", what, v.Text, m.Code)
		return true
	}
	*dst = vocab.Slug(v.Text)
	x.report(model.SeverityWarning, model.CodeUnknownValue, v.No, "unknown %s %q; kept as %q", what, v.Text, *dst)
	return true
}

func (x *extractor) setBudget(v Line) bool {
	if x.rec.Budget != nil {
		return false
	}
	amount, decimals, ok := parseBudget(v.Text)
	if !ok {
		x.report(model.SeverityError, model.CodeBadBudget, v.No, "budget %q is not an amount", v.Text)
		return true
	}
	x.rec.Budget = &model.Budget{Amount: model.Decimal(budgetAmount(v.Text, amount, decimals)), Currency: "USD"}
	return true
}

// budgetAmount returns the digits of an amount parseBudget read from s,
// without thousands separators or leading zeros, and its decimals. Most
// amounts are plain digits ("81675.00"): their digits and decimals are then
// one piece of s, taken from it rather than joined.
func budgetAmount(s, amount, decimals string) string {
	digits := strings.TrimLeft(digitsOnly(amount), "0")
	if digits == "" {
		digits = "0"
	} else if allDigits(amount) && decimals != "" {
		// No currency comes before the amount has digits: it starts at
		// s's first digit, and the decimals follow it.
		start := 0
		for !ascii.IsDigit(s[start]) {
			start++
		}
		end := start + len(amount) + len(decimals)
		return s[end-len(digits)-len(decimals) : end]
	}
	return digits + decimals
}

func (x *extractor) setPrimaID(v Line) bool {
	return x.setID(&x.rec.PrimaID, isPrimaID, model.CodeBadPrimaID, "Prima ID %q does not have the shape AA00P0000", v)
}

func (x *extractor) setProjectID(v Line) bool {
	return x.setID(&x.rec.ProjectID, isProjectID, model.CodeBadProjectID, "Projects ID %q has neither the shape AA.0000 nor A00-805", v)
}

// setID keeps an identifier as written and reports it when it does not have
// its shape: a bad one still identifies the page to its reader.
func (x *extractor) setID(dst *string, hasShape func(string) bool, code, message string, v Line) bool {
	if *dst != "" {
		return false
	}
	*dst = v.Text
	if !hasShape(v.Text) {
		x.report(model.SeverityError, code, v.No, message, v.Text)
	}
	return true
}

// setMemberStates splits a member-state list. Names the country table does
// not know are kept as written and reported; repeats are dropped with a note.
func (x *extractor) setMemberStates(v Line) bool {
	if len(x.rec.MemberStates) > 0 {
		return false
	}
	// A list names at most a country a word (an item, from markup): the
	// memory of its names is charged before they are split.
	words := strings.Count(v.Text, " ") + 1
	if v.Items != nil {
		words += len(*v.Items)
	}
	x.meter.Work(words + len(v.Text)/text.BytesPerWork)
	x.meter.Alloc(words * int(unsafe.Sizeof(vocab.CountryMatch{})+unsafe.Sizeof(model.MemberState{})))
	var ms []vocab.CountryMatch
	if v.Items == nil {
		// A text line, split by names into a buffer on the stack that
		// most lists fit (as memberStateItems would, into a new one).
		var buf [32]vocab.CountryMatch
		ms = vocab.AppendCountries(buf[:0], v.Text)
	} else {
		ms = memberStateItems(v) // items from markup
	}
	x.addCountries(v, ms, v.No == lastLine(x.lines))
	return true
}

// addCountries adds split member states to the record. atEnd tells that the
// list is the last line of the file, where an unknown last name is most
// likely a name cut off.
func (x *extractor) addCountries(v Line, ms []vocab.CountryMatch, atEnd bool) {
	// Room for the whole list at once, rather than growing through a list
	// of fifty names one append at a time.
	x.rec.MemberStates = slices.Grow(x.rec.MemberStates, len(ms))
	for i, m := range ms {
		switch {
		case m.Repeat || (m.Known && x.hasCountry(m.Code)):
			x.report(model.SeverityInfo, model.CodeRepeatedCountry, v.No, "%s is listed again; the repeat is dropped", m.Text)
		case m.Known:
			x.countries.add(m.Code)
			x.rec.MemberStates = append(x.rec.MemberStates, model.MemberState{Code: m.Code, Name: m.Name})
			x.votes.add(m.Lang, 1)
		case atEnd && i == len(ms)-1:
			x.rec.MemberStates = append(x.rec.MemberStates, model.MemberState{Name: m.Text})
			x.report(model.SeverityWarning, model.CodeTruncated, v.No, "the member-state list ends with %q, cut off at the end of the page; kept as written", m.Text)
		default:
			x.rec.MemberStates = append(x.rec.MemberStates, model.MemberState{Name: m.Text})
			x.report(model.SeverityWarning, model.CodeUnknownCountry, v.No, "unknown member state %q; kept as written", m.Text)
		}
	}
}

// hasCountry reports whether the record lists the member state code.
// The list is looked up in a set, not gone through: on a Development Fund
// page a member state comes a line at a time, and one repeated between
// thousands of unknown ones was compared with all of them at each repeat.
func (x *extractor) hasCountry(code string) bool {
	if _, ok := countryBit(code); ok {
		return x.countries.has(code)
	}
	for _, m := range x.rec.MemberStates { // no code of the table: none is like this
		if m.Code == code {
			return true
		}
	}
	return false
}

// countrySet is a set of ISO 3166-1 alpha-2 codes, a bit for each.
type countrySet [26*26/64 + 1]uint64

// countryBit returns the bit of code, and false for a code that is not
// two capital letters (the country table gives none).
func countryBit(code string) (int, bool) {
	if len(code) != 2 || !ascii.IsUpper(code[0]) || !ascii.IsUpper(code[1]) {
		return 0, false
	}
	return int(code[0]-'A')*26 + int(code[1]-'A'), true
}

func (s *countrySet) add(code string) {
	if i, ok := countryBit(code); ok {
		s[i/64] |= 1 << (i % 64)
	}
}

func (s *countrySet) has(code string) bool {
	i, ok := countryBit(code)
	return ok && s[i/64]&(1<<(i%64)) != 0
}

// memberStateItems returns the member states of a value line. A value the
// markup gave as separate items (one Drupal field__item per country) is
// read item by item, with no splitting by names; an item the country table
// does not know whole is split like a text line ("Fiji Samoa" in one item).
// A value from a text page is split by names.
func memberStateItems(v Line) []vocab.CountryMatch {
	if v.Items == nil {
		return vocab.SplitCountries(v.Text)
	}
	var out []vocab.CountryMatch
	seen := map[string]bool{}
	for _, item := range *v.Items {
		if code, lang, ok := vocab.LookupCountry(item); ok {
			out = append(out, vocab.CountryMatch{Code: code, Name: vocab.CountryName(code), Text: item, Lang: lang, Known: true, Repeat: seen[code]})
			seen[code] = true
			continue
		}
		split := vocab.SplitCountries(item)
		known := false
		for _, m := range split {
			known = known || m.Known
		}
		if !known {
			// Not a list of names either: one unknown member state, kept whole.
			out = append(out, vocab.CountryMatch{Name: item, Text: item})
			continue
		}
		for _, m := range split {
			if m.Known {
				m.Repeat = seen[m.Code]
				seen[m.Code] = true
			}
			out = append(out, m)
		}
	}
	return out
}
