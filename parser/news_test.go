package parser

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/news"
)

// TestNewsFixtures parses every synthetic news page in testdata/news and
// checks the news fields of its record. Every fixture must have a row, so
// that a page added there is not silently left untested.
func TestNewsFixtures(t *testing.T) {
	type c = model.Contact
	type want struct {
		kind, lang, title, date, place string
		office                         *model.Office
		contacts                       []model.Contact
		links                          []string
	}
	tests := map[string]want{
		// The shape of seed 003: event dates in the body are not the page's.
		"en_contact_next_line.txt": {kind: "news", lang: "en", title: "Diaspora Doctors Return to Teach in Rural Hospitals",
			office:   &model.Office{Country: "RW", Since: 1994},
			contacts: []c{{Name: "Aline Mukamana", Phone: "(+250) 07 88 12 34 56", Email: "amukamana@iom.int"}},
			links:    []string{"www.diaspora-doctors.example.org", "https://rwanda.iom.int/news/doctors"}},
		"en_cut_off.txt": {kind: "news", lang: "en", title: "Emergency Shelter Reaches Flood-affected Families", place: "Maputo",
			contacts: []c{{Name: "Joana Machava", Organisation: "IOM Mozambique", Phone: "+258 21 000 000", Email: "jmachava@io"}}},
		"en_date_line_below.txt": {kind: "news", lang: "en", title: "Cross-border Traders Get Health Screening", date: "2019-06-06", place: "Harare",
			office: &model.Office{Country: "ZW", Since: 1985}},
		"en_dateline_dash.txt": {kind: "news", lang: "en", title: "New Migrant Resource Centre Opens in the Capital", place: "Kigali",
			contacts: []c{{Name: "Peter Gasana", Organisation: "IOM Rwanda", Phone: "+250 788 000 111", Email: "pgasana@example.org"}}},
		"en_dateline_date_first.txt": {kind: "news", lang: "en", title: "Border Officials Train on Data Protection", date: "2022-11-29", place: "Dushanbe, Tajikistan",
			contacts: []c{{Name: "Dilnoza Karimova", Organisation: "IOM Tajikistan", Email: "dkarimova@example.org"}}},
		"en_dateline_endash_date.txt": {kind: "news", lang: "en", title: "Returnees Start Small Businesses with Community Grants", date: "2024-07-09", place: "Accra, Ghana",
			contacts: []c{
				{Name: "Kwame Mensah", Organisation: "IOM Ghana", Phone: "+233 30 274 0000", Email: "kmensah@example.org"},
				{Name: "Sarah Lee", Organisation: "IOM Geneva", Phone: "+41 22 717 9111", Email: "slee@example.org"},
			}},
		"en_emdash_date_line_above.txt": {kind: "news", lang: "en", title: "Water Points Restored Along the Migration Route", date: "2015-09-26", place: "Djibouti",
			contacts: []c{{Name: "Hassan Ali", Organisation: "IOM Djibouti", Phone: "+253 21 00 00 00", Email: "hali@example.org"}}},
		"en_hardwrapped.txt": {kind: "news", lang: "en", title: "IOM Helps Stranded Migrants Return Home", date: "2004-03-12", place: "Geneva",
			contacts: []c{{Name: "Jean Dupuis", Organisation: "IOM Geneva", Phone: "+41 22 717 0000"}, {Name: "Maria Rossi", Organisation: "IOM Rome"}},
			links:    []string{"www.example.int"}},
		"en_listing.txt": {kind: "page", lang: "en", title: "Latest News"},
		"en_no_headline.txt": {kind: "news", lang: "en", place: "Harare",
			office: &model.Office{Country: "ZW", Since: 1985}},
		"en_stray_quote_headline_date.txt": {kind: "news", lang: "en", title: "Youth Employment Fair Draws Thousands", date: "2018-05-12", place: "Nairobi",
			contacts: []c{{Name: "John Kamau", Organisation: "IOM Kenya", Phone: "+254 700 000 000", Email: "jkamau@example.org"}}},
		"es_comunicado_dateline.txt": {kind: "news", lang: "es", title: "La OIM apoya a comunidades de acogida en la frontera", date: "2016-12-09", place: "Bogotá",
			contacts: []c{{Name: "Ana Pérez", Organisation: "OIM Colombia", Phone: "+57 1 639 7777", Email: "aperez@example.org"}}},
		"es_dateline_no_year.txt": {kind: "news", lang: "es", title: "Retorno voluntario de 150 migrantes varados", place: "Lima",
			contacts: []c{{Name: "Carlos Quispe", Organisation: "OIM Perú", Phone: "+51 1 000 0000", Email: "cquispe@example.org"}}},
		"es_office_date_line.txt": {kind: "news", lang: "es", title: "Ferias de empleo para personas migrantes en cinco ciudades", date: "2019-05-03", place: "Quito",
			office: &model.Office{Country: "EC", Since: 1965},
			links:  []string{"https://ecuador.example.org/ferias"}},
		"fr_communique_dateline.txt": {kind: "news", lang: "fr", title: "Des jeunes migrants formés aux métiers du numérique", date: "2019-05-03", place: "Tunis",
			contacts: []c{
				{Name: "Leïla Ben Salah", Organisation: "OIM Tunisie", Phone: "+216 71 000 000", Email: "lbensalah@example.org"},
				{Name: "Paul Martin", Organisation: "OIM Genève", Phone: "+41 22 717 0001", Email: "pmartin@example.org"},
			}},
		"fr_glued_headline.txt": {kind: "news", lang: "fr", title: "Atelier régional sur la migration de main-d’œuvre", date: "2016-03-01", place: "Dakar",
			office:   &model.Office{Country: "SN", Since: 1992},
			contacts: []c{{Name: "Marie Diop", Organisation: "OIM Sénégal", Phone: "+221 33 869 00 00", Email: "mdiop@example.org"}},
			links:    []string{"www.migration-travail.example.org"}},
		"fr_numeric_date_line.txt": {kind: "news", lang: "fr", title: "Lancement d’une campagne d’information sur la migration sûre", date: "2016-11-25"},
	}
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "news", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	// The pages written for issue 15 have their row in testdata/newsfacts.tsv
	// instead (TestNewsFacts), and their whole record in testdata/golden.
	facts, err := os.ReadFile(filepath.Join("testdata", "newsfacts.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, path := range paths {
		name := filepath.Base(path)
		if _, ok := tests[name]; ok {
			found++
		}
		t.Run(name, func(t *testing.T) {
			w, ok := tests[name]
			if !ok && strings.Contains(string(facts), "\ntestdata/news/"+name+"\t") {
				t.Skip("a row of testdata/newsfacts.tsv: checked by TestNewsFacts")
			}
			if !ok {
				t.Fatalf("no expectations for %s: add a row", name)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := Parse(Document{Path: path, Data: data})
			got := want{kind: r.Kind, title: r.Title[w.lang], date: r.Date, place: r.Place, office: r.Office, contacts: r.Contacts, links: r.Links}
			if len(r.Languages) == 1 {
				got.lang = r.Languages[0]
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			for _, d := range r.Diagnostics {
				t.Errorf("unexpected diagnostic: %s", d.String())
			}
			checkNothingLost(t, data, r, w.lang)
		})
	}
	if found != len(tests) {
		t.Errorf("%d fixtures with a row, %d rows: a row names no fixture", found, len(tests))
	}
}

// checkNothingLost checks that nothing of the story is lost: every word
// of every line after the headline (or from the first paragraph, when
// there is no headline), bar the lines holding only a date, is in the body.
// The headline's own dateline goes to place and date, checked above.
func checkNothingLost(t *testing.T, data []byte, r model.Record, lang string) {
	t.Helper()
	all := strings.Join(r.Body[lang], " ")
	start, skip := r.Title[lang], 1
	if start == "" && len(r.Body[lang]) > 0 {
		start, skip = r.Body[lang][0][:20], 0
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r", ""), "\n")
	from := len(lines)
	for i, l := range lines {
		if start != "" && strings.HasPrefix(strings.TrimSpace(l), start) {
			from = i
			break
		}
	}
	if from == len(lines) {
		t.Fatalf("the story's start %q is not on the page", start)
	}
	for _, l := range lines[from+skip:] {
		if _, isDate := news.DateLine(strings.TrimSpace(l)); isDate {
			continue
		}
		for _, w := range strings.Fields(l) {
			if !strings.Contains(all, strings.TrimSuffix(w, "-")) {
				t.Errorf("word %q of the page is not in its body", w)
			}
		}
	}
}

// TestNoDateForItself checks the shape of seed 003: a story that states no
// date for itself gets none, whatever dates its body mentions.
func TestNoDateForItself(t *testing.T) {
	page := strings.Join([]string{
		"Using Technology to Share Skills",
		"IOM is organising a two-day conference in the region.",
		"The meeting, which begins on 31 January in Butare, is part of a programme.",
		"This one-year programme was launched on 1 February 2005 and runs until June 2006.",
		"Le 09 décembre 2016, a second phase was announced.",
		"For further information, please contact:",
		"Jane Roe Tel (+250) 08 00 00 00 Email: jroe@example.org",
	}, "\n")
	r := Parse(Document{Path: "story.txt", Data: []byte(page)})
	if r.Kind != model.KindNews || r.Date != "" || r.Place != "" {
		t.Errorf("kind %q, date %q, place %q; want news with no date or place", r.Kind, r.Date, r.Place)
	}
}

// TestNewsMarks checks the kind that the marks of a news item give a page
// without a field block.
func TestNewsMarks(t *testing.T) {
	tests := []struct {
		name string
		page []string
		want string
	}{
		{"contact block", []string{"About the Programme", "The programme supports returnees.", "For more information, please contact Jane Roe, jroe@example.org"}, model.KindNews},
		{"information without a contact", []string{"About the Programme", "The programme supports returnees.", "For more information, visit www.example.org"}, model.KindPage},
		{"dateline", []string{"Centre Opens", "Kigali – IOM opened a centre."}, model.KindNews},
		{"date line", []string{"Centre Opens", "9 July 2024", "IOM opened a centre."}, model.KindNews},
		{"header", []string{"News", "Global", "Centre Opens", "IOM opened a centre."}, model.KindNews},
		{"listing with a contact", []string{"Latest News", "Centre Opens", "9 July 2024", "IOM opened a centre.", "Fund Starts", "2 July 2024", "A fund started.", "For more information, please contact Jane Roe, jroe@example.org"}, model.KindPage},
		{"about page", []string{"Who We Are", "IOM is the leading inter-governmental organization in the field of migration."}, model.KindPage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(Document{Path: "p.txt", Data: []byte(strings.Join(tt.page, "\n"))})
			if r.Kind != tt.want {
				t.Errorf("kind %q, want %q", r.Kind, tt.want)
			}
			if r.Kind != model.KindNews && (r.Date != "" || r.Place != "" || r.Contacts != nil || r.Links != nil) {
				t.Errorf("a %s has news fields: %+v", r.Kind, r)
			}
		})
	}
}

// FuzzBody checks that reading a body never panics on any text: joining
// wrapped lines, sorting out numbered outcomes, and parsing the text as a
// page.
func FuzzBody(f *testing.F) {
	for _, s := range newsReaderSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paragraphs(joinWrapped([]Line{{No: 1, Text: s}, {No: 2, Text: s}, {No: 3, Text: s}, {No: 4, Text: s}}), true)
		Parse(Document{Path: "fuzz.txt", Data: []byte(s)})
	})
}

// newsReaderSeeds are texts in the shapes of a news page's parts.
var newsReaderSeeds = []string{
	"Lancement du projet « CD4D »- Rabat ,Vendredi 9 Décembre 2016",
	"November 29, 2022, Dushanbe, Tajikistan - The …",
	"For further information, please contact Jane Roe at IOM Egypt. Tel: +202-2736, Email: j@iom.int",
	"Wed, 09/19/2018 - 11:19", "“Kigali – ", "Geneva, 12 March 2004. IOM",
}
