package news

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/text"
)

// months names the months in English, French and Spanish, with the
// abbreviations news pages use ("Sep", "Sept.", "déc.", "dic"). The code is
// the month's number. Lookups fold case and accents, so "Décembre",
// "DECEMBRE" and "décembre" are one name.
var months = vocab.NewVocabulary([]vocab.Term{
	vocabTerm("1", names("en", "January", "Jan"), names("fr", "janvier", "janv"), names("es", "enero", "ene")),
	vocabTerm("2", names("en", "February", "Feb"), names("fr", "février", "févr", "fév"), names("es", "febrero")),
	vocabTerm("3", names("en", "March", "Mar"), names("fr", "mars"), names("es", "marzo")),
	vocabTerm("4", names("en", "April", "Apr"), names("fr", "avril", "avr"), names("es", "abril", "abr")),
	vocabTerm("5", names("en", "May"), names("fr", "mai"), names("es", "mayo")),
	vocabTerm("6", names("en", "June", "Jun"), names("fr", "juin"), names("es", "junio")),
	vocabTerm("7", names("en", "July", "Jul"), names("fr", "juillet", "juil"), names("es", "julio")),
	vocabTerm("8", names("en", "August", "Aug"), names("fr", "août"), names("es", "agosto", "ago")),
	vocabTerm("9", names("en", "September", "Sep", "Sept"), names("fr", "septembre"), names("es", "septiembre", "setiembre", "set")),
	vocabTerm("10", names("en", "October", "Oct"), names("fr", "octobre"), names("es", "octubre")),
	vocabTerm("11", names("en", "November", "Nov"), names("fr", "novembre"), names("es", "noviembre")),
	vocabTerm("12", names("en", "December", "Dec"), names("fr", "décembre", "déc"), names("es", "diciembre", "dic")),
})

// weekdays names the days of the week, which may open a date ("Vendredi 9
// Décembre 2016", "Friday, 9 December 2016") and are then ignored. "mar" is
// left out: it abbreviates March too.
var weekdays = vocab.NewVocabulary([]vocab.Term{
	vocabTerm("day",
		names("en", "Monday", "Mon", "Tuesday", "Tue", "Tues", "Wednesday", "Wed", "Thursday", "Thu", "Thur", "Thurs", "Friday", "Fri", "Saturday", "Sat", "Sunday", "Sun"),
		names("fr", "lundi", "lun", "mardi", "mercredi", "mer", "jeudi", "jeu", "vendredi", "ven", "samedi", "sam", "dimanche", "dim"),
		names("es", "lunes", "martes", "miércoles", "mié", "jueves", "jue", "viernes", "vie", "sábado", "sáb", "domingo", "dom"),
	),
})

// dateFillers are the words a written date may hold between its parts:
// "9 de diciembre de 2016", "the 9th of December".
var dateFillers = map[string]bool{"de": true, "del": true, "of": true, "the": true}

// vocabTerm builds a vocabulary term from its names in each language, so that
// the tables above read as one row per month.
func vocabTerm(code string, groups ...[]vocab.Name) vocab.Term {
	t := vocab.Term{Code: code}
	for _, g := range groups {
		t.Names = append(t.Names, g...)
	}
	return t
}

func names(lang string, texts ...string) []vocab.Name {
	out := make([]vocab.Name, len(texts))
	for i, t := range texts {
		out[i] = vocab.Name{Lang: lang, Text: t}
	}
	return out
}

// Date is a calendar date at the precision a page gives: Day is 0 for a
// month ("June 2019") and Year is 0 for a day and month without a year
// ("31 January"), which is never completed by guessing.
type Date struct {
	Year, Month, Day int
}

// String returns the date in ISO 8601 at its precision, or "" when it has
// no year.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// numericDatePattern matches a date written in numbers, 09/12/2016,
// 9.12.2016, 2016-12-09, with its three numbers as submatches.
// matchNumericDate reads it by hand.
var numericDatePattern = regexp.MustCompile(`^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$`)

// matchNumericDate returns the submatches of numericDatePattern in s
// (FuzzScanners holds the two equal). Each run of digits ends where a
// separator starts, so the expression can match in one way only, read
// here without the regexp engine: ParseDate tries every piece of a
// dateline.
func matchNumericDate(s string) (a, b, c string, ok bool) {
	i := text.DigitsEnd(s, 0)
	if i == 0 || i > 4 || i == len(s) || !isNumericDateSep(s[i]) {
		return "", "", "", false
	}
	j := text.DigitsEnd(s, i+1)
	if j == i+1 || j-i-1 > 2 || j == len(s) || !isNumericDateSep(s[j]) {
		return "", "", "", false
	}
	k := text.DigitsEnd(s, j+1)
	if k == j+1 || k-j-1 > 4 || k != len(s) {
		return "", "", "", false
	}
	return s[:i], s[i+1 : j], s[j+1:], true
}

func isNumericDateSep(c byte) bool { return c == '/' || c == '.' || c == '-' }

// hasDigit reports whether s holds an ASCII digit, as
// strings.ContainsAny(s, "0123456789") does without building its set of
// characters on every call: every line of a page is asked.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if ascii.IsDigit(s[i]) {
			return true
		}
	}
	return false
}

// isDateFiller reports whether the word t folds to one of dateFillers. A
// word of ASCII letters folds to itself lower-cased, which is done here on
// the stack; any other word is folded whole, on the stack too: every word of
// every line that may be a date is tried.
func isDateFiller(t string) bool {
	var buf [32]byte
	if len(t) <= len(buf) && isASCIILetters(t) {
		for i := 0; i < len(t); i++ {
			buf[i] = ascii.Lower(t[i])
		}
		return dateFillers[string(buf[:len(t)])]
	}
	return dateFillers[string(vocab.AppendFold(buf[:0], t))]
}

// isASCIILetters reports whether s is made of ASCII letters only.
func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !ascii.IsLetter(s[i]) {
			return false
		}
	}
	return true
}

// trimDate removes the white space and punctuation (unicode.IsSpace,
// unicode.IsPunct) around s, as strings.TrimFunc would: ASCII byte by byte,
// and only what is left at a non-ASCII edge with strings.TrimFunc, which
// decodes every rune it looks at.
func trimDate(s string) string {
	start, end := 0, len(s)
	for start < end && asciiSpaceOrPunct[s[start]] {
		start++
	}
	for end > start && asciiSpaceOrPunct[s[end-1]] {
		end--
	}
	s = s[start:end]
	if s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		s = strings.TrimFunc(s, isSpaceOrPunct)
	}
	return s
}

func isSpaceOrPunct(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }

// asciiSpaceOrPunct marks the ASCII characters isSpaceOrPunct accepts; a
// byte outside ASCII is not marked.
var asciiSpaceOrPunct = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isSpaceOrPunct(rune(c))
	}
	return t
}()

// dateWord returns the bounds of the first word of s at or after byte i:
// a run of letters and digits, as strings.FieldsFunc splits s on the runes
// that are neither; start is len(s) when no word is left. ASCII is read
// byte by byte, without decoding.
func dateWord(s string, i int) (start, end int) {
	for i < len(s) {
		ok, size := letterOrDigitAt(s, i)
		if ok {
			break
		}
		i += size
	}
	start = i
	for i < len(s) {
		ok, size := letterOrDigitAt(s, i)
		if !ok {
			break
		}
		i += size
	}
	return start, i
}

// letterOrDigitAt reports whether the rune at byte i of s is a letter or a
// digit, and its size.
func letterOrDigitAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return ascii.IsLetter(c) || ascii.IsDigit(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r), size
}

// ordinalDayPattern matches a folded day number with its ordinal suffix,
// if any: "9", "1er", "1st", "22nd", "1º". ordinalDay reads it by hand.
var ordinalDayPattern = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|er|re|o|º|ª)?$`)

// ordinalDay returns the day that ordinalDayPattern reads in f, or 0
// (FuzzScanners holds the two equal): without the regexp engine, as
// ParseDate asks it of many words.
func ordinalDay(f []byte) int {
	n := 0
	for n < len(f) && ascii.IsDigit(f[n]) {
		n++
	}
	if n == 0 || n > 2 {
		return 0
	}
	switch string(f[n:]) {
	case "", "st", "nd", "rd", "th", "er", "re", "o", "º", "ª":
	default:
		return 0
	}
	day := int(f[0] - '0')
	if n == 2 {
		day = 10*day + int(f[1]-'0')
	}
	return day
}

// ParseDate reads s as a date and nothing else (a weekday may open it, and
// punctuation around it is ignored): "9 Décembre 2016", "December 9, 2016",
// "Vendredi 9 Décembre 2016", "9 de diciembre de 2016", "1er mars 2019",
// "Sep 26, 2015", "6 June, 2019", "June 2019", "2016-12-09". A numeric date
// D/M/Y is read only where its order is unambiguous: one part above 12, or
// the day and month equal. ok is false when s is not a date; a date that is
// not certain (a day and month without a year, or a numeric date whose order
// is ambiguous) is a date with Year 0, which String gives as "".
func ParseDate(s string) (d Date, ok bool) {
	if !hasDigit(s) {
		return Date{}, false // every date has a day or a year; datelines try many pieces
	}
	s = trimDate(s)
	if day, rest, ok := strings.Cut(s, " "); ok {
		rest = strings.TrimSpace(rest)
		if _, _, _, ok := matchNumericDate(rest); ok { // the cheaper test first
			if _, isDay := weekdays.Lookup(strings.TrimRight(day, ",.")); isDay {
				s = rest // Wed, 09/19/2018
			}
		}
	}
	if a, b, c, ok := matchNumericDate(s); ok {
		return numericParts(a, b, c)
	}
	// A date has two or three parts besides its fillers, and perhaps a
	// weekday: a text with more words is no date, which the loop tells
	// before folding them all.
	var buf [4]string
	toks := buf[:0]
	for start, end := dateWord(s, 0); start < len(s); start, end = dateWord(s, end) {
		t := s[start:end]
		if isDateFiller(t) {
			continue
		}
		if len(toks) == len(buf) {
			return Date{}, false
		}
		toks = append(toks, t)
	}
	if len(toks) > 0 {
		if _, isDay := weekdays.Lookup(toks[0]); isDay {
			toks = toks[1:]
		}
	}
	day := func(t string) int {
		var buf [32]byte
		f := vocab.AppendFold(buf[:0], t)
		if len(f) == 0 || !ascii.IsDigit(f[0]) {
			return 0 // the pattern needs a digit first: most words are not tried
		}
		return ordinalDay(f)
	}
	month := func(t string) int {
		if m, ok := months.Lookup(t); ok {
			n, _ := strconv.Atoi(m.Code) // the table's codes are numbers
			return n
		}
		return 0
	}
	switch {
	case len(toks) == 3 && day(toks[0]) > 0 && month(toks[1]) > 0 && year(toks[2]) > 0: // 9 December 2016
		d = Date{year(toks[2]), month(toks[1]), day(toks[0])}
	case len(toks) == 3 && month(toks[0]) > 0 && day(toks[1]) > 0 && year(toks[2]) > 0: // December 9, 2016
		d = Date{year(toks[2]), month(toks[0]), day(toks[1])}
	case len(toks) == 2 && month(toks[0]) > 0 && year(toks[1]) > 0: // June 2019
		d = Date{Year: year(toks[1]), Month: month(toks[0])}
	case len(toks) == 2 && day(toks[0]) > 0 && month(toks[1]) > 0: // 31 January
		d = Date{Month: month(toks[1]), Day: day(toks[0])}
	case len(toks) == 2 && month(toks[0]) > 0 && day(toks[1]) > 0: // January 31
		d = Date{Month: month(toks[0]), Day: day(toks[1])}
	default:
		return Date{}, false
	}
	if !d.valid() {
		return Date{}, false
	}
	return d, true
}

// year reads a four-digit year in the span news pages can have.
func year(t string) int {
	if len(t) != 4 {
		return 0
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 1950 || n > 2100 {
		return 0
	}
	return n
}

// numericParts reads the three numbers of a numeric date: year first
// (2016-12-09), or day and month in the order that only one reading allows.
func numericParts(a, b, c string) (Date, bool) {
	n := func(s string) int { v, _ := strconv.Atoi(s); return v } // digits, by matchNumericDate
	var d Date
	switch {
	case len(a) == 4 && len(c) <= 2:
		d = Date{year(a), n(b), n(c)}
	case len(c) == 4 && len(a) <= 2:
		x, y := n(a), n(b)
		switch {
		case x == y || (x > 12 && y <= 12):
			d = Date{year(c), y, x}
		case y > 12 && x <= 12:
			d = Date{year(c), x, y}
		default:
			return Date{}, true // 09/12/2016: a date, but 9 December or September 12?
		}
	default:
		return Date{}, false
	}
	if d.Year == 0 || !d.valid() {
		return Date{}, false
	}
	return d, true
}

// valid reports whether the month and day exist (29 February only in a leap
// year; a year-less 29 February passes).
func (d Date) valid() bool {
	if d.Month < 1 || d.Month > 12 {
		return false
	}
	if d.Day == 0 {
		return d.Year > 0
	}
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[d.Month-1]
	if d.Month == 2 && d.Year > 0 && !(d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0)) {
		days = 28
	}
	return d.Day >= 1 && d.Day <= days
}

// dateLabel is the label some pages put before a date standing alone.
var dateLabel = regexp.MustCompile(`(?i)^(?:published|posted|date|publié|publicado|fecha)(?:\s+(?:on|le|el))?\s*:?\s*`)

// HasDateLabel reports whether text opens with dateLabel. Every label
// starts with p, d or f, in either case, so the expression runs only on the
// few lines that do.
func HasDateLabel(text string) bool {
	return text != "" && strings.IndexByte("pPdDfF", text[0]) >= 0 && dateLabel.MatchString(text)
}

// maxDateLine bounds a line that holds only a date, with its label and
// time: "Publicado el miércoles, 26 de septiembre de 2015 - 10:30 a.m." is
// 64 bytes.
const maxDateLine = 200

// maxDateLineWords bounds the spaces of a date line: the example above has
// eleven.
const maxDateLineWords = 14

// DateLine reads a line that holds only a date, perhaps labelled
// ("Published on 26 September 2015") or with a time. A date that is not
// certain counts as a date line (it is no headline) but gives no date.
func DateLine(text string) (Date, bool) {
	if len(text) > maxDateLine || !hasDigit(text) || strings.Count(text, " ") > maxDateLineWords {
		// No date line is this long or this wordy, and every date has a
		// number: this spares the regexps nearly every line of a page.
		return Date{}, false
	}
	if HasDateLabel(text) {
		text = dateLabel.ReplaceAllString(text, "")
	}
	if mayEndWithTime(text) {
		text = timeSuffix.ReplaceAllString(text, "")
	}
	return ParseDate(text)
}

// timeSuffix is the time some pages give after a date standing alone:
// "Wed, 09/19/2018 - 11:19", "26 September 2015, 10:30 am".
var timeSuffix = regexp.MustCompile(`(?i)\s*[-–,]?\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$`)

// mayEndWithTime is a cheap test that text may end with timeSuffix, which
// spares running the pattern, unanchored at its start, on the lines with a
// colon that hold no time: the pattern needs a colon with a digit before it
// and two after it ("9:30"), and ends with a digit or the "m" or "." of
// "a.m.".
func mayEndWithTime(text string) bool {
	if c := text[len(text)-1]; !ascii.IsDigit(c) && c != 'm' && c != 'M' && c != '.' {
		return false
	}
	for i := 1; i+2 < len(text); i++ {
		if text[i] == ':' && ascii.IsDigit(text[i-1]) && ascii.IsDigit(text[i+1]) && ascii.IsDigit(text[i+2]) {
			return true
		}
	}
	return false
}
