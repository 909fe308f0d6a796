package parser

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
)

// The regular expressions that hand-written scanners of the parser replace,
// kept here to hold the scanners to them.
var (
	pieceBreakPattern    = regexp.MustCompile(`[,;()\n]|\s(?:or|ou|o|and|et|y)\s|\s[-–—]\s`)
	primaIDPattern       = regexp.MustCompile(`^[A-Z]{2}\d{2}P\d{4}$`)
	projectIDPattern     = regexp.MustCompile(`^(?:[A-Z]{2}\.\d{4}|[A-Z0-9]{3}-\d{3})$`)
	yearPattern          = regexp.MustCompile(`^(?:19|20)\d{2}$`)
	ordinalDayPattern    = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|er|re|o|º|ª)?$`)
	thousandsSeparators  = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "")
	outcomePattern       = regexp.MustCompile(`^\(?(\d{1,2})\)\s*`)
	budgetPattern        = regexp.MustCompile(`^(?:USD|US\$|\$)?\s*(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d+)(\.\d+)?\s*(?:USD)?$`)
	linkPattern          = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"“”«»]+|\b[a-z\d][a-z\d-]*(?:\.[a-z\d-]+)*\.(?:org|int|com|net|gov|edu|info)\b(?:/[^\s<>"“”«»]*)?`)
	contactIntroPattern  = regexp.MustCompile(`(?i)^[\s,:;]*(?:(?:please|kindly|veuillez|merci de|por favor|you can|vous pouvez|puede)\s+)?(?:contact(?:er|ez|e|ar)?|call|e-?mail|write to|reach|get in touch with|prendre contact avec|s['’]adresser à|comuníquese|comunicarse|póngase en contacto|diríjase)?(?:\s+(?:with|avec|con|a|à))?(?:\s+(?:the following|les personnes suivantes))?\s*[:,.]?\s*`)
	numericDatePattern   = regexp.MustCompile(`^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$`)
	contactPattern       = regexp.MustCompile(`(?i)(?:^|[.!?:]\s+)(` + contactOpenings + `)`)
	orgIntroPattern      = regexp.MustCompile(`\s(?:at|with|from|à|auprès de|en|de)\s+(?:the\s+|l['’]\s?|la\s+|el\s+|le\s+)?\p{Lu}`)
	iomName              = regexp.MustCompile(`\b(?:IOM|OIM|International Organization for Migration|Organisation internationale pour les migrations|Organización Internacional para las Migraciones)\b`)
	contactLabelsPattern = vocab.ContactLabelPattern
)

// contactOpenings are the phrases that open a contact block in three
// languages, as contactOpeningEnd reads them.
const contactOpenings = `for (?:further|more|additional) information|pour (?:plus d['’]\s?informations?|de plus amples informations|toute (?:autre )?information(?: complémentaire)?|en savoir plus)|para (?:más|mayor|obtener más) información`

// scanSamples are texts of contact blocks and their edge cases.
var scanSamples = []string{
	"", ",", "a,", ",a", "Jean Dupuis at IOM\nGeneva, Tel: ", ", or Maria Rossi at IOM Rome.", "a o b", "a  o  b",
	"x\no\ny", "Tel: +41", "TEL.(mobile) : 1", "Téléphone (12345678901) x", "Tel (123456789012)", "Tel (1234567890123)", "e-mail:jdoe",
	"EMAIL\t:\t", "hotel", "tel_", "_tel", "éTel", "WHATſAPP", "correo electrónico:", "correo electronico", "mobile", "mob.", "cellphone", "cell (é)",
	"Tel (\xff\xff)", "TÉLÉPHONE", "fax fax", "Tel. (", "mail()", " \u00a0x\u0085 ", "\u2003\t", "\v\fa\r", "Published on 26 September 2015", "PUBLIÉ LE", "fecha:", "Le 9 décembre", "el  3", "lel",
	"09/12/2016", "2016-12-09", "1.2.3", "26 September 2015, 10:30 am", "Wed, 09/19/2018 - 11:19", "at 9:30 P.M.", "9:3", "9:30x",
	"www.example.org/x", "HTTPS://x", "midagrandslacs.org/fr", "Eldoret.", "e.g.", "iom.INT", "WwW.x", "1) The Ministry", "(2)x", "12)",
	"FJ10P0002", "FJ10P000", "fJ10P0002", "FJ10Q0002", "LM.0123", "A00-805", "a00-805", "AB.123", "ABC-1234", "1999", "2100", "20x1", "1899",
	"un", "UN", "Unit", "Un Habitat", "Organización Internacional para las Migraciones", "Ministère de l'Intérieur", "IOMX", "at IOM Egypt",
	"For further information, please contact", "x. For more information", ". For additional information", "x:\tpour plus d’ informations",
	"Pour toute autre information complémentaire", "PARA MÁS INFORMACIÓN", "x.For further information", "y!  para obtener más información", "Pour en savoir plus", "THE", "tHe", "the)", "Les", "entre", "entree", "y", "ÉL",
	"81675.00", "103,058", "USD 1,234,567.5 USD", "US$12", "$ 1 234\u00a0567\u202f890", "1,23", "1234,567", "1,234 567", "12 345.", "0.5",
	"$", "USD", "1,234,567,89", "1 234 5678", "\t7\n", "12.34.56", "1 234 USD", "1 234USD", "1,234USDX", "1\u00a0234",
	"see www.example.org/x. and https://a.int:8080/b, c.com\u00a0d.net", "x.\u2003y.org", "a:b\xe2\x80\x83.org", "WWW.X", "Www.x", "wWw.x", "x.Info", "x.iNfo", "a..org", ".", "x.ORG", "9", "1er", "22nd", "1º", "31ª", "123", "00", "7x", "1st.", "ſt", "MR", "Mme", "SRTA", "Dr", "Mlle", "mrs.", "\u212aR",
	"WHO WE AREIOM is part of the UN. IOM has had a presence in Kenya since 1985.", "IOM has had presence in the Gambia since 2001",
	"x L’OIM est présente au Maroc depuis 2007", "L'OIM est présent en Tunisie depuis 2001", "La OIM está presente en Colombia desde 1956",
	"IOM has had a presence in Atlantis since 1999 and IOM has had a presence in Peru since 1990", "é’OIM est présent au Maroc depuis 2007", "a - b – c — d", "a -b", "a and\tb et\fc y\rd", "(IOM) Ms. Roe; Mr. Doe", " or", "or ", "a\u00a0or\u00a0b",
	"the and of l'OIM, les migrants. Los y las", "THE\tand 1the the1 the_ thé theirs abcdefghi their. Entre-deux y,y", "a b c d e f g h i j k", "théâtre de la ville",
	"DE", "Del", "oF", "tHE", "dé", "THÉ", "d\u0301", "de\u0301", "-de", "de.", "«9 décembre 2016»", "\u00a0Sep 26, 2015.", "12345/1/1", "1/123/1", "1/1/12345", "1//1", "/1/1", "1/1/", "１/1/1", "2016-12-09\n", "Wed, 09/19/2018",
	"Kigali - IOM", "Harare – x", "Djibouti— y", "Accra, Ghana, 9 July 2024 – IOM has", "November 29, 2022, Dushanbe, Tajikistan - x", "GENEVA. x", "Geneva. x", "«Rabat, le 9 décembre 2016 - x", "Guinea-Bissau x", "Kigali -", "x \xe2\x80 - y", "\xe2\x80\x93 x",
	"ſ.org", "a\u212a.org", "httpſ://x", "x_ſ.org", "a.org-x", "a.orgx.org", "a.b..org", "a.org.uk/x", "-a.org", "a.-b.org", "www.", "http://", "HTTP://x<y", "http:/x.com", "a.int_", "a.info.intx", "x.ORG/“y", "a.org/«b»", "@a.org", "a.b.c.d.e", "a.b.c.d.e.org", "w.www.x", "1.2.3.4.com.", "x.org/(a)).", "x.org/a)”).", "(x.org))",
	"Title", "title", "TITLE.", "1 Title", "-Title", "Éé", "é", "Kelvin", "\u212aelvin",
	"IOM has had a presence in the  since 1999", "IOM has had a presence in  since 1999", "IOM has had a presence in x since 19", "IOM has had a presence in Kenya since 1985 since 1990",
	"IOM has had a presence in Ke3nya since 1985 IOM has had a presence in Peru since 1990", "IOM has had a presence in Atlantis since 1999 L'OIM est présent au Maroc depuis 2007",
	"L’OIM est présente aux Comores depuis 1999", "L'OIM est présent à l’Île Maurice depuis 2000", "L'OIM est présent dans l'Union des Comores depuis 2000", "L'OIM est présente en  depuis 2000",
	"L'OIM est présentes au Maroc depuis 2007", "L'OIM est présent auMaroc depuis 2007", "La OIM ha estado presente en los Países Bajos desde 1990", "La OIM tiene presencia en el Perú desde 19901", "IOM", "OIM", "IOIM", "MOM", "IM", "OM", "xIOMx", "MMOIM",
	"0.50", "000", "00012.340", "$ 0012.5 USD", "US$7.", "1,234.00",
	", please contact:", ", veuillez contacter", ", por favor contacte a Juan", " ; :PLEASE\tCONTACT WITH THE FOLLOWING: ", "please", "please contact", ", kindly email: x", "pleasecontact",
	"Please e-mail\n with  the following ,  x", ", vous pouvez s’adresser à l'OIM", "merci de prendre contact avec les personnes suivantes.", ", comuníquese con", "PÓNGASE EN CONTACTO CON", ", ſ'adresser À",
	", \u212aindly call another", ", contactar", ", contacted", ", contact ez", ", please   reach\f.\t", ", get in touch withx", ", puede DIRÍJASE a",
	"POUR PLUS D'INFORMATIONS", "pour plus d’ information", "pour plus d'\tinformations", "pour plus d'  information", "pour plus d’informationſ", "Pour toute autre information complémentaire", "pour toute autre informatio",
	"pour toute information complémentaire", "pour toute autre  information", "pour de plus amples informations", "Para obtener más información", "para MÁS INFORMACIÓN", "for additional information", "for more informatio",
	"IOMIOM", "xIOM", "_OIM", "éIOM", "International Organization for Migrations", "Organización Internacional para las Migraciones.", "OIM-Maroc", "the International Organization for Migration (IOM)",
	"Jane Roe at the Ministry", "Jane at theMinistry", "x at  l’ État", "x at l'\tx", "x auprès de la Mairie", "x de  le  Z", "x en El", "x with", " at Île", "\tfrom\nUN", "x à l’OIM", "x de lx", "x at the  ", "x at ÉMI",
}

func checkPieces(t *testing.T, s string) {
	t.Helper()
	want := pieceBreakPattern.Split(s, -1)
	got := slices.Collect(breakPieces(s))
	if !slices.Equal(got, want) {
		t.Fatalf("breakPieces(%q) = %q, the pattern splits %q", s, got, want)
	}
}

func checkLabels(t *testing.T, s string) {
	t.Helper()
	if got, want := replaceContactLabels(s), contactLabelsPattern.ReplaceAllString(s, ","); got != want {
		t.Fatalf("replaceContactLabels(%q) = %q, the pattern gives %q", s, got, want)
	}
}

// officeExpressions are the expressions of officePatterns, in order.
var officeExpressions = []*regexp.Regexp{
	regexp.MustCompile(`IOM has had (?:a )?presence in (?:the )?([\p{L}' .-]+?) since (\d{4})`),
	regexp.MustCompile(`L['’]OIM est présente? (?:au|en|à|aux|dans l['’]|à l['’]|dans le|dans la) ?([\p{L}' .-]+?) depuis (\d{4})`),
	regexp.MustCompile(`La OIM (?:está presente|tiene presencia|ha estado presente) en (?:el |la |los |las )?([\p{L}' .-]+?) desde (\d{4})`),
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

// readDatelineReference is readDateline as first written, decoding every
// rune it passes.
func readDatelineReference(text string) (dl dateline, end int, ok bool) {
	s := strings.TrimLeft(text, leadingQuotes)
	skip := len(text) - len(s)
	for k, r := range s {
		if k > maxDateline {
			break
		}
		fullStop := r == '.'
		if !isDatelineSep(s, k, r) && !(fullStop && strings.HasPrefix(s[k+1:], " ")) {
			continue
		}
		if strings.TrimSpace(s[k+utf8.RuneLen(r):]) == "" {
			break
		}
		dl, hasDate, ok := placeAndDate(s[:k])
		if !ok || (fullStop && !hasDate && !allCaps(dl.place)) {
			continue
		}
		return dl, skip + k + utf8.RuneLen(r), true
	}
	return dateline{}, 0, false
}

// trimLinkReference is trimLink as first written, counting the brackets
// at each one it strips.
func trimLinkReference(s string) string {
	for {
		t := strings.TrimRight(s, `.,;:!?'"’”»`)
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = t[:len(t)-1]
		}
		if t == s {
			return s
		}
		s = t
	}
}

// checkGuards holds the cheap tests that spare running a pattern to the
// pattern: where they say no, the pattern finds nothing.
func checkGuards(t *testing.T, s string) {
	t.Helper()
	if got, want := hasDateLabel(s), dateLabel.MatchString(s); got != want {
		t.Fatalf("hasDateLabel(%q) = %v, the pattern says %v", s, got, want)
	}
	if got, want := cutFrenchLe(s), frenchLe.ReplaceAllString(s, ""); got != want {
		t.Fatalf("cutFrenchLe(%q) = %q, the pattern gives %q", s, got, want)
	}
	{
		dl, end, ok := readDateline(s)
		wantDL, wantEnd, wantOK := readDatelineReference(s)
		if dl != wantDL || end != wantEnd || ok != wantOK {
			t.Fatalf("readDateline(%q) = %+v, %d, %v; want %+v, %d, %v", s, dl, end, ok, wantDL, wantEnd, wantOK)
		}
	}
	var gotDate []string
	if a, b, c, ok := matchNumericDate(s); ok {
		gotDate = []string{s, a, b, c}
	}
	if want := numericDatePattern.FindStringSubmatch(s); !slices.Equal(gotDate, want) {
		t.Fatalf("matchNumericDate(%q) = %q, the pattern gives %q", s, gotDate, want)
	}
	if got, want := trimDate(s), strings.TrimFunc(s, isSpaceOrPunct); got != want {
		t.Fatalf("trimDate(%q) = %q, want %q", s, got, want)
	}
	var dateWords []string
	for start, end := dateWord(s, 0); start < len(s); start, end = dateWord(s, end) {
		dateWords = append(dateWords, s[start:end])
	}
	if want := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); !slices.Equal(dateWords, want) {
		t.Fatalf("dateWord splits %q into %q, want %q", s, dateWords, want)
	}
	if got, want := isDateFiller(s), dateFillers[vocab.Fold(s)]; got != want {
		t.Fatalf("isDateFiller(%q) = %v, want %v", s, got, want)
	}
	if s != "" && !mayEndWithTime(s) && timeSuffix.MatchString(s) {
		t.Fatalf("mayEndWithTime(%q) is false, but timeSuffix matches", s)
	}
	var links [][]int
	sc := linkScanner{t: s}
	for start, end := sc.next(0); start >= 0; start, end = sc.next(end) {
		links = append(links, []int{start, end})
	}
	if want := linkPattern.FindAllStringIndex(s, -1); !reflect.DeepEqual(links, want) {
		t.Fatalf("linkScanner finds %v in %q, the pattern %v", links, s, want)
	}
	if got, want := contactIntroEnd(s), len(contactIntroPattern.FindString(s)); got != want {
		t.Fatalf("contactIntroEnd(%q) = %d, the pattern ends at %d", s, got, want)
	}
	if got, want := holdsIOM(s), strings.Contains(s, "IOM") || strings.Contains(s, "OIM"); got != want {
		t.Fatalf("holdsIOM(%q) = %v, want %v", s, got, want)
	}
	if got, want := trimLink(s), trimLinkReference(s); got != want {
		t.Fatalf("trimLink(%q) = %q, want %q", s, got, want)
	}
	if !mayHoldLinkWord(s) && linkPattern.MatchString(s) {
		t.Fatalf("mayHoldLinkWord(%q) is false, but linkPattern matches", s)
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
	var gotIntro []int
	if start, end := findOrgIntro(s); start >= 0 {
		gotIntro = []int{start, end}
	}
	if want := orgIntroPattern.FindStringIndex(s); !slices.Equal(gotIntro, want) {
		t.Fatalf("findOrgIntro(%q) = %v, the pattern finds %v", s, gotIntro, want)
	}
	var gotName []int
	if start, end := findIOMName(s); start >= 0 {
		gotName = []int{start, end}
	}
	if want := iomName.FindStringIndex(s); !slices.Equal(gotName, want) {
		t.Fatalf("findIOMName(%q) = %v, the pattern finds %v", s, gotName, want)
	}
	f := vocab.Fold(s) + " "
	if got, want := isOrgName(s), slices.ContainsFunc(orgNames, func(p string) bool { return strings.HasPrefix(f, p) }); got != want {
		t.Fatalf("isOrgName(%q) = %v, want %v", s, got, want)
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
	if got, want := mayHoldLink(s), slices.ContainsFunc(linkMarks, func(m string) bool { return strings.Contains(s, m) }); got != want {
		t.Fatalf("mayHoldLink(%q) = %v, want %v", s, got, want)
	}
	var words []string
	for w := range strings.FieldsSeq(s) {
		if mayHoldLinkWord(w) {
			words = append(words, w)
		}
	}
	if got := slices.Collect(linkWords(s)); !slices.Equal(got, words) {
		t.Fatalf("linkWords(%q) = %q, want %q", s, got, words)
	}
	if got, want := isHonorific(s), honorifics[strings.ToLower(s)]; got != want {
		t.Fatalf("isHonorific(%q) = %v, want %v", s, got, want)
	}
	if got, want := officeOf(s), officeOfReference(s); !reflect.DeepEqual(got, want) {
		t.Fatalf("officeOf(%q) = %+v, want %+v", s, got, want)
	}
	wantDay := 0
	if m := ordinalDayPattern.FindStringSubmatch(s); m != nil {
		wantDay, _ = strconv.Atoi(m[1])
	}
	if got := ordinalDay([]byte(s)); got != wantDay {
		t.Fatalf("ordinalDay(%q) = %d, the pattern reads %d", s, got, wantDay)
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
	wantEnd := -1
	if m := contactPattern.FindStringIndex(s); m != nil {
		wantEnd = m[1]
	}
	if got := findContactOpening(s); got != wantEnd {
		t.Fatalf("findContactOpening(%q) = %d, the pattern ends at %d", s, got, wantEnd)
	}
	var o, want []string
	if m := outcomePattern.FindStringIndex(s); m != nil && len(s) > m[1] {
		want = []string{s[m[1]:]}
	}
	if _, o = paragraphs([]string{s}, true); !slices.Equal(o, want) {
		t.Fatalf("paragraphs(%q) gives the outcomes %q, the pattern %q", s, o, want)
	}
}

func TestDashLead(t *testing.T) {
	for _, r := range []rune{'–', '—', '―'} {
		if !isDatelineSep(string(r), 0, r) || string(r)[0] != dashLead {
			t.Errorf("%q is no dateline separator starting with dashLead", r)
		}
	}
}

func TestScanners(t *testing.T) {
	for _, w := range pieceBreakWords {
		if strings.IndexByte(pieceBreakFirsts, w[0]) < 0 {
			t.Errorf("pieceBreakFirsts lacks the first byte of %q", w)
		}
	}
	for _, s := range scanSamples {
		checkPieces(t, s)
		checkLabels(t, s)
		checkGuards(t, s)
	}
}

// FuzzScanners holds the parser's hand-written scanners to the regular
// expressions they replace, on any text.
func FuzzScanners(f *testing.F) {
	for _, s := range scanSamples {
		f.Add(s)
	}
	f.Add(`<meta name=x content="charset"><!-- charset --><meta http-equiv=content-type content="text/html; charset=latin1">`)
	f.Add("<head><script>charset</script>" + strings.Repeat(" ", 1100) + "<meta charset=utf-16></head>")
	f.Add(`<meta http-equiv="Content-Type" content="text/html; ch&#97;rset=koi8-r">`)
	f.Add(`<meta http-equiv=content-type content="text/html; &#x43;HARSET=latin2"><title>charset</title>`)
	f.Fuzz(func(t *testing.T, s string) {
		checkPieces(t, s)
		checkLabels(t, s)
		checkGuards(t, s)
		checkCharset(t, s)
	})
}

// checkCharset holds declaredCharset, which reads a page's head from near
// the first "charset" first, to reading the whole head at once.
func checkCharset(t *testing.T, s string) {
	data := []byte(s)
	label, line := declaredCharset(data)
	wantLabel, wantLine, _ := prescanCharset(data[:min(len(data), 64<<10)])
	if label != wantLabel || line != wantLine {
		t.Fatalf("declaredCharset(%q) = %q, %d; the whole head says %q, %d", s, label, line, wantLabel, wantLine)
	}
}

// TestScannersOnTheirAlphabet holds the scanners to their expressions on
// random texts made of the characters and words the expressions care about,
// which random fuzzing seldom puts together.
func TestScannersOnTheirAlphabet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for _, alphabet := range [][]string{
		{"0", "1", "9", ",", " ", "\u00a0", "\u202f", ".", "U", "S", "D", "$", "US", "USD", "(", ")", "\t", "x", "o", "or", "-"},
		// links and dates
		{"a", "Z", "1", ".", "-", "_", "/", ":", "@", "ſ", "\u212a", "“", " ", "org", "ORG", "int", "info", "www.", "http", "s", "://", "\xe2", "12", "2016"},
		// contact block intros
		{" ", " ", "\t", ",", ":", ".", ";", "please", "PLEASE", "merci de", "contact", "er", "e", "ar", "e-mail", "call", "with", "à", "À", "a", "con",
			"the following", "les personnes suivantes", "s'adresser à", "s’adresser", "ſ", "x", "\u212a"},
		// function words
		{"the", "THE", "and", "a", "y", "abcdefgh", "abcdefghi", "theirs", " ", " ", "'", ",", ".", "é", "1", "\x00", "\xff", "@", "entre", "cette", "Their"},
		// the prepositions before an organisation
		{" ", "\t", "at", "with", "à", "auprès de", "de", "the", "l'", "l’", "la", "le", "Jane", "Ministry", "É", "é", "x", "\xff"},
		// contact block openings and the organisation's names
		{" ", "\t", ".", ":", "for ", "pour ", "para ", "further", "plus d", "'", "’", "information", "s", "toute ", "autre ", " complémentaire", "más ", "información",
			"IOM", "OIM", "International Organization for Migration", "x", "_", "é"},
	} {
		for range 20000 {
			b.Reset()
			for range rng.IntN(14) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			checkGuards(t, b.String())
			checkPieces(t, b.String())
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
