package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model"
)

// parseText parses a page given as lines.
func parseText(lines ...string) model.Record {
	return Parse(Document{Path: "t.txt", Data: []byte(strings.Join(lines, "\n") + "\n")})
}

func codes(r model.Record) []string {
	var c []string
	for _, d := range r.Diagnostics {
		c = append(c, d.Code)
	}
	return c
}

var globalMenuEN = []string{"-", "Who we are", "Who we areWHO WE AREIOM is the leading organization.", "-", "Our Work", "Our WorkIOM supports the 2030 Agenda.", "- Where we work", "- 2030 Agenda"}

func TestMenus(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		title string
		lang  string
	}{
		{"global English", append(globalMenuEN, "Title Here", "The text of the page about migration."), "Title Here", "en"},
		{"global French, upper-case end", []string{"-", "Qui sommes nous", "Qui sommes nousL'OIM est…", "- Données et recherche", "- 2030 AGENDA", "Titre de la page", "Le texte de la page sur la migration et les migrants."}, "Titre de la page", "fr"},
		{"global Spanish", []string{"-", "Quiénes somos", "Quiénes somosLa OIM es…", "- 2030 Agenda", "Título", "El texto de la página sobre la migración y los migrantes."}, "Título", "es"},
		{"country office", []string{"-", "Who We Are", "WHO WE AREIOM has had a presence in Rwanda since 1994.", "About", "About", "IOM Global", "IOM Global", "- Take Action", "- 2030 Agenda", "Office Title", "The office works on migration."}, "Office Title", "en"},
		{"menu without its last item ends after its last item", []string{"-", "Who we are", "Who we areIOM is…", "- Data and Research", "- Where we work", "Page Title That Follows", "A long paragraph of the page, about migration and the people who move, which no menu holds."}, "Page Title That Follows", "en"},
		{"body line naming the 2030 Agenda", append(globalMenuEN[:7:7], "Short Title", "The 2030 Agenda guides the migration work of the office.", "- 2030 Agenda"), "", ""},
		{"news header", []string{"News", "Global", "Headline of the Day", "The text of the story about migration."}, "Headline of the Day", "en"},
		{"communiqué header and leading blank", []string{"", "Communiqué", "Global", "Titre du communiqué", "Le texte du communiqué sur la migration."}, "Titre du communiqué", "fr"},
		{"widget junk", []string{"Share", "Print", "A Title After Widgets", "The text about migration and the diaspora."}, "A Title After Widgets", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parseText(tt.lines...)
			if tt.title == "" {
				// The body line is not the menu's end: the menu ends at its
				// real last item, and the line is not taken as a title.
				assert.NotContains(t, r.Title["en"], "2030 Agenda guides")
				return
			}
			assert.Equal(t, map[string]string{tt.lang: tt.title}, r.Title)
			assert.Equal(t, []string{tt.lang}, r.Languages)
		})
	}
}

func TestOffice(t *testing.T) {
	for _, tt := range []struct {
		line    string
		country string
		since   int
	}{
		{"WHO WE AREIOM has had a presence in Rwanda since 1994.", "RW", 1994},
		{"IOM has had presence in Zimbabwe since 1985.", "ZW", 1985},
		{"L'OIM est présent au Maroc depuis 2007.", "MA", 2007},
		{"La OIM está presente en Colombia desde 1956.", "CO", 1956},
	} {
		t.Run(tt.line, func(t *testing.T) {
			assert.Equal(t, &model.Office{Country: tt.country, Since: tt.since}, officeOf(tt.line))
		})
	}
	assert.Nil(t, officeOf("IOM works in many countries."))
}

func TestDash(t *testing.T) {
	r := parseText(append(globalMenuEN,
		"A Project", "-", "Year", "2019", "-", "Start Date", "-", "Project Status", "Active",
		"-", "Benefiting Member States", "The project has no member states listed and this is its description. It goes on.")...)
	assert.Equal(t, model.KindProject, r.Kind)
	assert.Equal(t, 2019, r.Year)
	assert.Zero(t, r.StartYear, "a label without a value is a missing fact")
	assert.Equal(t, "active", r.Status, "the next label is not swallowed as a value")
	assert.Empty(t, r.MemberStates)
	assert.Equal(t, []string{"The project has no member states listed and this is its description. It goes on."}, r.Body["en"])
	assert.Equal(t, []model.Field{
		{Key: "year", Label: "Year", Value: "2019", Line: 11},
		{Key: "start_year", Label: "Start Date", Line: 14},
		{Key: "status", Label: "Project Status", Value: "Active", Line: 16},
		{Key: "member_states", Label: "Benefiting Member States", Line: 19},
	}, r.Sources[0].Fields)
	assert.Empty(t, r.Diagnostics)
}

func TestSpanishStatusUnderTypeLabel(t *testing.T) {
	r := parseText("Proyecto de prueba", "-", "Tipo de proyecto", "Finalizado", "-", "Tipo de proyecto", "Migración laboral", "El proyecto apoya a los migrantes.")
	assert.Equal(t, "completed", r.Status)
	assert.Equal(t, "labour-migration", r.ProjectType)
	assert.Equal(t, "status", r.Sources[0].Fields[0].Key)
	assert.Equal(t, []string{"es"}, r.Languages)
}

func TestBullet(t *testing.T) {
	r := parseText("Better Border Data for the Pacific", "", "  • Start Date", "    2022", "  • Project Status", "    Active",
		"  • Benefiting Member States", "    Fiji Samoa Tonga", "The project supports border agencies in the Pacific.")
	assert.Equal(t, "bullet", r.Sources[0].Layout)
	assert.Equal(t, 2022, r.StartYear)
	assert.Equal(t, "active", r.Status)
	assert.Equal(t, []model.MemberState{{Code: "FJ", Name: "Fiji"}, {Code: "WS", Name: "Samoa"}, {Code: "TO", Name: "Tonga"}}, r.MemberStates)
	assert.Equal(t, []string{"The project supports border agencies in the Pacific."}, r.Body["en"])

	old := parseText("Older Snapshot", "", "• Start Date", "• Project Status", "• Prima ID", "    FJ10P0002", "", "The description follows.")
	assert.Zero(t, old.StartYear)
	assert.Empty(t, old.Status)
	assert.Equal(t, "FJ10P0002", old.PrimaID)
	assert.Len(t, old.Sources[0].Fields, 3)
}

func TestDevFund(t *testing.T) {
	r := parseText("- About", "- Our Work", "- Donate Now", "Diaspora Skills for Ghana", "Diaspora Skills for Ghana",
		"Africa", "TK.0042", "GH10P0099", "103,058", "Ghana", "Kenya", "Transfer of Migrant Knowledge and Resources", "Regional", "Active",
		"The project brings diaspora skills home.")
	assert.Equal(t, "devfund", r.Sources[0].Layout)
	assert.Equal(t, map[string]string{"en": "Diaspora Skills for Ghana"}, r.Title)
	assert.Equal(t, "africa", r.IDFRegion)
	assert.Equal(t, "TK.0042", r.ProjectID)
	assert.Equal(t, "GH10P0099", r.PrimaID)
	assert.Equal(t, model.Decimal("103058"), r.Budget.Amount)
	assert.Equal(t, []model.MemberState{{Code: "GH", Name: "Ghana"}, {Code: "KE", Name: "Kenya"}}, r.MemberStates)
	assert.Equal(t, "transfer-of-migrant-knowledge-and-resources", r.ProjectType)
	assert.Equal(t, "regional", r.Coverage)
	assert.Equal(t, "active", r.Status)
	assert.Equal(t, []string{"The project brings diaspora skills home."}, r.Body["en"])
	assert.Empty(t, r.Diagnostics)
}

func TestValues(t *testing.T) {
	tests := []struct {
		label, value string
		check        func(t *testing.T, r model.Record)
		code         string
	}{
		{"Budget Amount (USD)", "81675.00", func(t *testing.T, r model.Record) { assert.Equal(t, model.Decimal("81675.00"), r.Budget.Amount) }, ""},
		{"Budget Amount (USD)", "1,203,058", func(t *testing.T, r model.Record) { assert.Equal(t, model.Decimal("1203058"), r.Budget.Amount) }, ""},
		{"Budget Amount (USD)", "12,34", func(t *testing.T, r model.Record) { assert.Nil(t, r.Budget) }, "bad-budget"},
		{"Start Date", "2021", func(t *testing.T, r model.Record) { assert.Equal(t, 2021, r.StartYear) }, ""},
		{"Start Date", "21", func(t *testing.T, r model.Record) { assert.Zero(t, r.StartYear) }, "bad-year"},
		{"Prima ID", "FJ10P0002", func(t *testing.T, r model.Record) { assert.Equal(t, "FJ10P0002", r.PrimaID) }, ""},
		{"Prima ID", "FJ10P002", func(t *testing.T, r model.Record) { assert.Equal(t, "FJ10P002", r.PrimaID, "kept") }, "bad-prima-id"},
		{"Projects ID", "T97-805", func(t *testing.T, r model.Record) { assert.Equal(t, "T97-805", r.ProjectID) }, ""},
		{"Projects ID", "CE 0341", nil, "bad-project-id"},
		{"Project Status", "Suspended", func(t *testing.T, r model.Record) { assert.Equal(t, "suspended", r.Status) }, "unknown-value"},
		{"IDF Region", "Asie et Océanie", func(t *testing.T, r model.Record) { assert.Equal(t, "asia-and-oceania", r.IDFRegion) }, ""},
		{"Coverage", "Global", func(t *testing.T, r model.Record) { assert.Equal(t, "global", r.Coverage) }, ""},
		{"Donor", "Norway", nil, "unknown-label"},
	}
	for _, tt := range tests {
		t.Run(tt.label+"="+tt.value, func(t *testing.T) {
			r := parseText("Title", "-", "Year", "2020", "-", tt.label, tt.value, "-", "End Date", "2030", "The description of the migration project.")
			if tt.check != nil {
				tt.check(t, r)
			}
			if tt.code == "" {
				assert.Empty(t, codes(r))
			} else {
				assert.Contains(t, codes(r), tt.code)
			}
			for _, d := range r.Diagnostics {
				if d.Code == tt.code {
					assert.Contains(t, []int{6, 7}, d.Line, "reported at the field")
				}
			}
		})
	}
}

func TestLineEnds(t *testing.T) {
	lf := parseText("Title", "-", "Prima ID", "FJ10P0002", "The project text about migration.")
	for name, data := range map[string]string{
		"CRLF":    "Title\r\n-\r\nPrima ID\r\nFJ10P0002\r\nThe project text about migration.\r\n",
		"CR":      "Title\r-\rPrima ID\rFJ10P0002\rThe project text about migration.\r",
		"BOM":     "\ufeffTitle\n-\nPrima ID\nFJ10P0002\nThe project text about migration.\n",
		"spaces":  "Title  \n- \nPrima ID \n FJ10P0002\n \nThe project text about migration.\n",
		"no last": "Title\n-\nPrima ID\nFJ10P0002\nThe project text about migration.",
	} {
		t.Run(name, func(t *testing.T) {
			r := Parse(Document{Path: "t.txt", Data: []byte(data)})
			assert.Equal(t, lf.PrimaID, r.PrimaID)
			assert.Equal(t, lf.Title, r.Title)
			assert.Equal(t, lf.Body, r.Body)
		})
	}
}

func TestLongLine(t *testing.T) {
	long := strings.Repeat("é", 40)
	r := New(Options{MaxLineBytes: 25}).Parse(Document{Path: "t.txt", Data: []byte("Short title\n" + long + "\n")})
	require.Contains(t, codes(r), model.CodeLineTooLong)
	assert.Equal(t, strings.Repeat("é", 12), r.Body[r.Languages[0]][0], "cut at a character boundary")
}

func TestOutcomes(t *testing.T) {
	r := parseText("Title", "-", "Prima ID", "FJ10P0002", "The project has two outcomes:", "1) First outcome;", "2) Second outcome.")
	assert.Equal(t, []string{"First outcome;", "Second outcome."}, r.Outcomes["en"])
	assert.Equal(t, []string{"The project has two outcomes:"}, r.Body["en"])
}

func TestLanguageFromContent(t *testing.T) {
	// English content under a French menu is English.
	r := parseText("-", "Qui sommes nous", "Qui sommes nousL'OIM…", "- 2030 AGENDA", "Diaspora Skills", "The project brings the skills of the diaspora to the health sector of the country.")
	assert.Equal(t, []string{"en"}, r.Languages)
}

func TestEmptyAndMenuOnly(t *testing.T) {
	assert.Contains(t, codes(parseText("", " ", "")), model.CodeEmpty)
	assert.Contains(t, codes(parseText(globalMenuEN...)), model.CodeMissingTitle)
}

func TestDashTolerance(t *testing.T) {
	blanks := parseText("Title", "", "-", "", "Start Date", "", "2020", "", "-", "Prima ID", "FJ10P0002", "", "The description about migration.")
	assert.Equal(t, 2020, blanks.StartYear)
	assert.Equal(t, "FJ10P0002", blanks.PrimaID)
	assert.Equal(t, []string{"The description about migration."}, blanks.Body["en"])

	untitled := parseText(append(globalMenuEN, "-", "Prima ID", "FJ10P0002", "The description about migration.")...)
	assert.Equal(t, "FJ10P0002", untitled.PrimaID)
	assert.Empty(t, untitled.Title)
	assert.Contains(t, codes(untitled), model.CodeMissingTitle)

	spaced := parseText("Title", "-", "Budget Amount (USD)", "1 250 000", "The description about migration.")
	assert.Equal(t, model.Decimal("1250000"), spaced.Budget.Amount)
}

func TestMenuWithLongLine(t *testing.T) {
	// A long line that is not a glued heading does not end the menu early.
	r := parseText("-", "Who We Are", "A line of the menu that is long and ends with a full stop, unlike a heading. IOM has had a presence in Kenya since 1985.",
		"- Take Action", "- 2030 Agenda", "Title After the Menu", "The body about migration.")
	assert.Equal(t, map[string]string{"en": "Title After the Menu"}, r.Title)
	assert.Equal(t, &model.Office{Country: "KE", Since: 1985}, r.Office)
}

func TestSplitNodeRejoined(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"lost letter", []string{"Il faut mettre en", "uvre le projet."}, []string{"Il faut mettre en uvre le projet."}},
		{"sentence ended", []string{"The first paragraph ends here.", "but this one is odd."}, []string{"The first paragraph ends here.", "but this one is odd."}},
		{"list items", []string{"The pillars", "i) good governance", "ii) private sector"}, []string{"The pillars", "i) good governance", "ii) private sector"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var lines []Line
			for i, s := range tt.lines {
				lines = append(lines, Line{No: i + 1, Text: s})
			}
			assert.Equal(t, tt.want, joinWrapped(lines))
		})
	}
}

func TestDashMissingDash(t *testing.T) {
	r := parseText("Title", "-", "Start Date", "End Date", "2025", "-", "Prima ID", "FJ10P0002", "Project Status", "Active", "The description about migration.")
	assert.Zero(t, r.StartYear)
	assert.Equal(t, 2025, r.EndYear, "the next label is not swallowed, nor the block ended")
	assert.Equal(t, "FJ10P0002", r.PrimaID)
	assert.Equal(t, "active", r.Status)
	assert.Equal(t, []string{"The description about migration."}, r.Body["en"])
}

func TestBulletWithDashes(t *testing.T) {
	r := parseText("Title of the Project", "", "- Start Date", "  2021", "- Prima ID", "  FJ10P0002", "The description.", "- a list item of the description")
	assert.Equal(t, "bullet", r.Sources[0].Layout)
	assert.Equal(t, 2021, r.StartYear)
	assert.Equal(t, "FJ10P0002", r.PrimaID)
	assert.Equal(t, []string{"The description.", "- a list item of the description"}, r.Body["en"])
}

func TestInlineFields(t *testing.T) {
	r := parseText("Title of the Project", "Start Date: 2021", "• Project Status: Active", "Prima ID: FJ10P0002", "Benefiting Member States: Fiji Samoa", "Budget Amount (USD):", "The description: what it does.")
	assert.Equal(t, "bullet", r.Sources[0].Layout)
	assert.Equal(t, 2021, r.StartYear)
	assert.Equal(t, "active", r.Status)
	assert.Equal(t, "FJ10P0002", r.PrimaID)
	assert.Len(t, r.MemberStates, 2)
	assert.Nil(t, r.Budget)
	assert.Equal(t, []string{"The description: what it does."}, r.Body["en"])
	assert.Equal(t, 2, r.Sources[0].Fields[0].Line)
}

func TestFirstWords(t *testing.T) {
	assert.Equal(t, "a b ", firstWords("a b c d", 2))
	assert.Equal(t, "a b", firstWords("a b", 5))
	assert.Equal(t, "", firstWords("", 3))
}

// TestParserReuseKeepsRecords parses every fixture with one Parser, whose
// page state and lines are reused from page to page, and with the input
// bytes overwritten after each parse (the command line reuses its read
// buffers): every record must still equal that of a fresh Parser on a
// fresh copy. A record sharing memory with the reused scratch or with the
// input would change under the later pages.
func TestParserReuseKeepsRecords(t *testing.T) {
	var paths []string
	for _, dir := range []string{"../testdata/pages", "../testdata/html", "../testdata/news", "../testdata/layouts", "../testdata/bad", "../testdata/pairing"} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			if !e.IsDir() {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
	}
	require.NotEmpty(t, paths)
	shared := New(Options{})
	var kept []model.Record
	for _, path := range paths {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		kept = append(kept, shared.Parse(Document{Path: path, Data: data}))
		for i := range data {
			data[i] = 'x'
		}
	}
	for i, path := range paths {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, New(Options{}).Parse(Document{Path: path, Data: data}), kept[i], path)
	}
	// Once more in the other order, with the same Parser: each page now
	// follows other pages than before.
	for i := len(paths) - 1; i >= 0; i-- {
		data, err := os.ReadFile(paths[i])
		require.NoError(t, err)
		assert.Equal(t, kept[i], shared.Parse(Document{Path: paths[i], Data: data}), paths[i])
	}
}

// TestTextHostileShapes: a text page of 200,000 short lines, each
// continuing the one before as a split text node does, parses in time
// linear in its size (adding each line to its paragraph as it came took a
// minute on a megabyte) and keeps every line.
func TestTextHostileShapes(t *testing.T) {
	for name, unit := range map[string]string{"letters": "a", "apostrophes": "l'", "hyphens": "a-"} {
		page := "A title of a page about migration\n" + strings.Repeat(unit+"\n", 200000)
		rec := Parse(Document{Path: "t.txt", Data: []byte(page)})
		var words int
		for _, paras := range rec.Body {
			for _, p := range paras {
				words += len(strings.Fields(p))
			}
		}
		assert.Equal(t, 200000, words, name)
	}
}
