package news

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model/vocab"
)

// scanSamples are texts of contact blocks, dates, datelines and links, and
// their edge cases.
var scanSamples = []string{
	"", ",", "a,", ",a", "Jean Dupuis at IOM\nGeneva, Tel: ", ", or Maria Rossi at IOM Rome.", "a o b", "a  o  b",
	"x\no\ny", "Tel: +41", "TEL.(mobile) : 1", "Téléphone (12345678901) x", "Tel (123456789012)", "Tel (1234567890123)", "e-mail:jdoe",
	"EMAIL\t:\t", "hotel", "tel_", "_tel", "éTel", "WHATſAPP", "correo electrónico:", "correo electronico", "mobile", "mob.", "cellphone", "cell (é)",
	"Tel (\xff\xff)", "TÉLÉPHONE", "fax fax", "Tel. (", "mail()", " \u00a0x\u0085 ", "\u2003\t", "\v\fa\r", "Published on 26 September 2015", "PUBLIÉ LE", "fecha:", "Le 9 décembre", "el  3", "lel",
	"09/12/2016", "2016-12-09", "1.2.3", "26 September 2015, 10:30 am", "Wed, 09/19/2018 - 11:19", "at 9:30 P.M.", "9:3", "9:30x",
	"www.example.org/x", "HTTPS://x", "midagrandslacs.org/fr", "Eldoret.", "e.g.", "iom.INT", "WwW.x",
	"un", "UN", "Unit", "Un Habitat", "Organización Internacional para las Migraciones", "Ministère de l'Intérieur", "IOMX", "at IOM Egypt",
	"For further information, please contact", "x. For more information", ". For additional information", "x:\tpour plus d’ informations",
	"Pour toute autre information complémentaire", "PARA MÁS INFORMACIÓN", "x.For further information", "y!  para obtener más información", "Pour en savoir plus",
	"see www.example.org/x. and https://a.int:8080/b, c.com\u00a0d.net", "x.\u2003y.org", "a:b\xe2\x80\x83.org", "WWW.X", "Www.x", "wWw.x", "x.Info", "x.iNfo", "a..org", ".", "x.ORG", "9", "1er", "22nd", "1º", "31ª", "123", "00", "7x", "1st.", "ſt", "MR", "Mme", "SRTA", "Dr", "Mlle", "mrs.", "\u212aR",
	"a - b – c — d", "a -b", "a and\tb et\fc y\rd", "(IOM) Ms. Roe; Mr. Doe", " or", "or ", "a\u00a0or\u00a0b",
	"DE", "Del", "oF", "tHE", "dé", "THÉ", "d\u0301", "de\u0301", "-de", "de.", "«9 décembre 2016»", "\u00a0Sep 26, 2015.", "12345/1/1", "1/123/1", "1/1/12345", "1//1", "/1/1", "1/1/", "１/1/1", "2016-12-09\n", "Wed, 09/19/2018",
	"Kigali - IOM", "Harare – x", "Djibouti— y", "Accra, Ghana, 9 July 2024 – IOM has", "November 29, 2022, Dushanbe, Tajikistan - x", "GENEVA. x", "Geneva. x", "«Rabat, le 9 décembre 2016 - x", "Guinea-Bissau x", "Kigali -", "x \xe2\x80 - y", "\xe2\x80\x93 x",
	"ſ.org", "a\u212a.org", "httpſ://x", "x_ſ.org", "a.org-x", "a.orgx.org", "a.b..org", "a.org.uk/x", "-a.org", "a.-b.org", "www.", "http://", "HTTP://x<y", "http:/x.com", "a.int_", "a.info.intx", "x.ORG/“y", "a.org/«b»", "@a.org", "a.b.c.d.e", "a.b.c.d.e.org", "w.www.x", "1.2.3.4.com.", "x.org/(a)).", "x.org/a)”).", "(x.org))",
	", please contact:", ", veuillez contacter", ", por favor contacte a Juan", " ; :PLEASE\tCONTACT WITH THE FOLLOWING: ", "please", "please contact", ", kindly email: x", "pleasecontact",
	"Please e-mail\n with  the following ,  x", ", vous pouvez s’adresser à l'OIM", "merci de prendre contact avec les personnes suivantes.", ", comuníquese con", "PÓNGASE EN CONTACTO CON", ", ſ'adresser À",
	"Tel. (office): ", "hotel ", "Tel: x ", "TEL.  (a(b)  .  ", "tél(123456789012)", "tél(1234567890123)", "fax ((x) :", "mob\t.\n", "Cell.(x).", "phone(()", "whatsapp)", "WHATſAPP:", "mobile (\xff\xe2\x80) ",
	", \u212aindly call another", ", contactar", ", contacted", ", contact ez", ", please   reach\f.\t", ", get in touch withx", ", puede DIRÍJASE a",
	"POUR PLUS D'INFORMATIONS", "pour plus d’ information", "pour plus d'\tinformations", "pour plus d'  information", "pour plus d’informationſ", "Pour toute autre information complémentaire", "pour toute autre informatio",
	"pour toute information complémentaire", "pour toute autre  information", "pour de plus amples informations", "Para obtener más información", "para MÁS INFORMACIÓN", "for additional information", "for more informatio",
	"IOMIOM", "xIOM", "_OIM", "éIOM", "International Organization for Migrations", "Organización Internacional para las Migraciones.", "OIM-Maroc", "the International Organization for Migration (IOM)",
	"Jane Roe at the Ministry", "Jane at theMinistry", "x at  l’ État", "x at l'\tx", "x auprès de la Mairie", "x de  le  Z", "x en El", "x with", " at Île", "\tfrom\nUN", "x à l’OIM", "x de lx", "x at the  ", "x at ÉMI",
}

// checkPieces holds breakPieces to pieceBreakPattern's Split.
func checkPieces(t *testing.T, s string) {
	t.Helper()
	want := pieceBreakPattern.Split(s, -1)
	got := slices.Collect(breakPieces(s))
	if !slices.Equal(got, want) {
		t.Fatalf("breakPieces(%q) = %q, the pattern splits %q", s, got, want)
	}
}

// checkLabels holds replaceContactLabels to contactLabelPattern.
func checkLabels(t *testing.T, s string) {
	t.Helper()
	if got, want := replaceContactLabels(s), contactLabelPattern.ReplaceAllString(s, ","); got != want {
		t.Fatalf("replaceContactLabels(%q) = %q, the pattern gives %q", s, got, want)
	}
}

// readDatelineReference is scanDateline (ReadDateline's search for the
// separator) as first written, decoding every rune it passes.
func readDatelineReference(text string) (dl Dateline, end int, ok bool) {
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
		if !ok || (fullStop && !hasDate && !endsWithFullStop(dl.Place)) {
			continue
		}
		return dl, skip + k + utf8.RuneLen(r), true
	}
	return Dateline{}, 0, false
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

// checkGuards holds each hand-written scanner of the package to its
// expression, and the cheap tests that spare running an expression to the
// expression: where they say no, the expression finds nothing.
func checkGuards(t *testing.T, s string) {
	t.Helper()
	checkFrontScanners(t, s)
	if got, want := HasDateLabel(s), dateLabel.MatchString(s); got != want {
		t.Fatalf("HasDateLabel(%q) = %v, the pattern says %v", s, got, want)
	}
	if got, want := cutFrenchLe(s), frenchLe.ReplaceAllString(s, ""); got != want {
		t.Fatalf("cutFrenchLe(%q) = %q, the pattern gives %q", s, got, want)
	}
	{
		dl, end, ok := scanDateline(s)
		wantDL, wantEnd, wantOK := readDatelineReference(s)
		if dl != wantDL || end != wantEnd || ok != wantOK {
			t.Fatalf("scanDateline(%q) = %+v, %d, %v; want %+v, %d, %v", s, dl, end, ok, wantDL, wantEnd, wantOK)
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
	if got, want := phoneLabelEnds(s), phoneLabelEndPattern.MatchString(s); got != want {
		t.Fatalf("phoneLabelEnds(%q) = %v, the pattern says %v", s, got, want)
	}
	if got, want := trimLink(s), trimLinkReference(s); got != want {
		t.Fatalf("trimLink(%q) = %q, want %q", s, got, want)
	}
	if !mayHoldLinkWord(s) && linkPattern.MatchString(s) {
		t.Fatalf("mayHoldLinkWord(%q) is false, but linkPattern matches", s)
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
	if want := iomNamePattern.FindStringIndex(s); !slices.Equal(gotName, want) {
		t.Fatalf("findIOMName(%q) = %v, the pattern finds %v", s, gotName, want)
	}
	f := vocab.Fold(s) + " "
	if got, want := isOrgName(s), slices.ContainsFunc(orgNames, func(p string) bool { return strings.HasPrefix(f, p) }); got != want {
		t.Fatalf("isOrgName(%q) = %v, want %v", s, got, want)
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
	wantDay := 0
	if m := ordinalDayPattern.FindStringSubmatch(s); m != nil {
		wantDay, _ = strconv.Atoi(m[1])
	}
	if got := ordinalDay([]byte(s)); got != wantDay {
		t.Fatalf("ordinalDay(%q) = %d, the pattern reads %d", s, got, wantDay)
	}
	wantEnd := -1
	if m := contactOpeningPattern.FindStringIndex(s); m != nil {
		wantEnd = m[1]
	}
	if got := findContactOpening(s); got != wantEnd {
		t.Fatalf("findContactOpening(%q) = %d, the pattern ends at %d", s, got, wantEnd)
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

// FuzzScanners holds the package's hand-written scanners to the regular
// expressions they read, on any text.
func FuzzScanners(f *testing.F) {
	for _, s := range scanSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkPieces(t, s)
		checkLabels(t, s)
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
		// numbers and the breaks between the pieces of a contact block
		{"0", "1", "9", ",", " ", "\u00a0", "\u202f", ".", "U", "S", "D", "$", "US", "USD", "(", ")", "\t", "x", "o", "or", "-"},
		// links and dates
		{"a", "Z", "1", ".", "-", "_", "/", ":", "@", "ſ", "\u212a", "“", " ", "org", "ORG", "int", "info", "www.", "http", "s", "://", "\xe2", "12", "2016"},
		// phone labels and their notes
		{"tel", "TÉL", "fax", "mob", "ile", "ſ", ".", ":", " ", "\t", "(", ")", "x", "é", "\xff", "12"},
		// contact block intros
		{" ", " ", "\t", ",", ":", ".", ";", "please", "PLEASE", "merci de", "contact", "er", "e", "ar", "e-mail", "call", "with", "à", "À", "a", "con",
			"the following", "les personnes suivantes", "s'adresser à", "s’adresser", "ſ", "x", "\u212a"},
		// words, spaces and the bytes that end them
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
