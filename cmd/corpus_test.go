package cmd

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model/vocab"
)

// seedsDir holds the real pages of ../shared/seeds, outside the repository;
// tests that need them skip when it is absent.
const seedsDir = "../../shared/seeds"

// seeds returns seedsDir, or skips the test when it is absent.
func seeds(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("no seeds: %v", err)
	}
	return seedsDir
}

// page is one synthetic project page of the generated corpus.
type page struct {
	lang, title, status, ptype, budget, coverage, region, prima, projectID, states string
	start, end, year                                                               int
}

// pageLabels are the labels of each language, as the label table knows them.
var pageLabels = map[string][]string{
	"en": {"Start Date", "End Date", "Project Status", "Project Type", "Budget Amount (USD)", "Coverage", "Year", "IDF Region", "Prima ID", "Projects ID", "Benefiting Member States"},
	"fr": {"Date de début", "Date de fin", "Statut du projet", "Type de projet", "Montant du budget (USD)", "Couverture", "Année", "Région du FDI", "Prima ID", "Projet ID", "États membres bénéficiaires"},
	"es": {"Fecha de inicio", "Fecha de finalización", "Estado del proyecto", "Tipo de proyecto", "Presupuesto (USD)", "Cobertura", "Año", "Región del FDI", "Prima ID", "Proyecto ID", "Estados Miembros Beneficiarios"},
}

var menus = map[string]string{"en": "Who we are", "fr": "Qui sommes nous", "es": "Quiénes somos"}

var bodies = map[string]string{
	"en": "The project will support the government and the diaspora of the country, and it is funded by the Fund for the development of the region.",
	"fr": "Le projet est mis en œuvre pour le gouvernement et la diaspora du pays, avec les partenaires et les institutions de la région.",
	"es": "El proyecto es para el gobierno y la diáspora del país, con los socios y las instituciones de la región y del Fondo.",
}

func (p page) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "-\n%s\n- 2030 Agenda\n%s\n", menus[p.lang], p.title)
	l := pageLabels[p.lang]
	field := func(label string, v any) {
		if s := fmt.Sprint(v); s != "" && s != "0" {
			fmt.Fprintf(&b, "-\n%s\n%s\n", label, s)
		}
	}
	field(l[0], p.start)
	field(l[1], p.end)
	field(l[2], vocab.Statuses.Display(p.status, p.lang))
	field(l[3], cmp.Or(vocab.ProjectTypes.Display(p.ptype, p.lang), p.ptype)) // an unknown type as written
	field(l[4], p.budget)
	field(l[5], vocab.Coverages.Display(p.coverage, p.lang))
	field(l[6], p.year)
	field(l[7], vocab.Regions.Display(p.region, p.lang))
	field(l[8], p.prima)
	field(l[9], p.projectID)
	field(l[10], p.states)
	fmt.Fprintf(&b, "%s\n%s\n", bodies[p.lang], bodies[p.lang])
	return b.String()
}

// writeCorpus writes a generated corpus into dir: projects in one to three
// languages, some stating their budget or status differently per language,
// one known only by its Projects ID, an unknown country and an unknown
// project type, plus news and other pages. It returns the files' paths.
func writeCorpus(t *testing.T, dir string) []string {
	t.Helper()
	types := vocab.ProjectTypes.Codes()
	regions := vocab.Regions.Codes()
	statuses := vocab.Statuses.Codes()
	countries := []string{"Rwanda", "Kenya", "Ghana", "Mali", "Senegal", "Lesotho", "Rwanda Atlantis"}
	var paths []string
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	langSets := [][]string{{"en"}, {"en", "fr"}, {"fr", "es"}, {"en", "fr", "es"}, {"es"}, {"fr"}}
	for i := range 12 {
		base := page{
			title: fmt.Sprintf("Diaspora engagement project %d", i), status: statuses[i%len(statuses)],
			ptype: types[i%len(types)], budget: fmt.Sprintf("%d0000.%02d", 10+i, i), coverage: "national",
			region: regions[i%len(regions)], prima: fmt.Sprintf("RW%02dP%04d", 10+i%3, 500+i),
			projectID: fmt.Sprintf("TK.%04d", i), states: countries[i%len(countries)],
			start: 2015 + i%5, end: 2020 + i%5, year: 2015 + i%5,
		}
		for j, lang := range langSets[i%len(langSets)] {
			p := base
			p.lang = lang
			if i == 7 && j == 1 {
				p.prima = "" // paired by its Projects ID alone
			}
			p.title = fmt.Sprintf("%s (%s)", base.title, lang)
			if i%4 == 1 && j == 1 {
				p.budget = "99999.00" // a conflict between language versions
			}
			if i == 5 && j == 0 {
				p.start = 0 // a field missing in one version
			}
			write(fmt.Sprintf("p%02d-%s.txt", i, lang), p.text())
		}
	}
	write("x-unknown-type.txt", page{lang: "en", title: "Odd project", ptype: "Space Tourism", prima: "KE10P0999", states: "Kenya", status: "active"}.text())
	write("n1-news.txt", "-\nWho We Are\nAbout\nIOM Global\n- 2030 Agenda\nIOM Opens a Training Centre in Nairobi\n"+
		"Nairobi - IOM has opened a training centre for the diaspora, and the centre will offer courses to the returning professionals of the region.\n"+
		"The training is part of the programme that is funded by the government of the country.\n"+
		"For further information, please contact:\nJane Doe Tel (+254) 20 444 1744 Email: jdoe@iom.int\n")
	write("z-about.txt", "-\nWho we are\n- 2030 Agenda\nAbout the Fund\nThe Fund supports the development of the member states, and it is the fund of the organization.\n")
	return paths
}

// corpus writes the generated corpus into a temporary folder.
func corpus(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	return dir, writeCorpus(t, dir)
}
