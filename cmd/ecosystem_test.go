package cmd

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser"
)

// seedsDir holds the real pages of ../shared/seeds, outside the repository;
// tests that need them skip when it is absent.
const seedsDir = "../../shared/seeds"

// runCmd runs iomparse in-process and returns its exit code and streams.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, IO{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

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

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	code, out, errOut := runCmd(t, "", "schema")
	if code != ExitOK || errOut != "" {
		t.Fatalf("schema: exit %d, stderr %q", code, errOut)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

func TestSchemaDescribesEveryField(t *testing.T) {
	code, out, _ := runCmd(t, "", "schema")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasSuffix(out, "}\n") || strings.Contains(out, `\u00`) {
		t.Errorf("schema output not indented JSON without HTML escapes")
	}
	var s struct {
		Schema     string                     `json:"$schema"`
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]struct {
			Description string                     `json:"description"`
			Properties  map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q", s.Schema)
	}
	check := func(where string, props map[string]json.RawMessage) {
		for name, raw := range props {
			var p struct{ Description string }
			if err := json.Unmarshal(raw, &p); err != nil || p.Description == "" {
				t.Errorf("%s.%s has no description: add one to model.schemaDocs", where, name)
			}
		}
	}
	check("Record", s.Properties)
	for name, d := range s.Defs {
		if d.Description == "" {
			t.Errorf("%s has no description", name)
		}
		check(name, d.Properties)
	}
	if len(s.Properties) < 20 {
		t.Errorf("record has %d properties", len(s.Properties))
	}
	// The code lists come from the vocabularies.
	for field, v := range map[string]*vocab.Vocabulary{"status": vocab.Statuses, "project_type": vocab.ProjectTypes, "coverage": vocab.Coverages, "idf_region": vocab.Regions} {
		var p struct{ AnyOf []struct{ Enum []string } }
		if err := json.Unmarshal(s.Properties[field], &p); err != nil || len(p.AnyOf) != 2 || !slices.Equal(p.AnyOf[0].Enum, v.Codes()) {
			t.Errorf("%s: anyOf %+v, want the vocabulary's codes %v", field, p.AnyOf, v.Codes())
		}
	}
}

func TestSchemaEnumsMatchParser(t *testing.T) {
	sch := compileSchema(t)
	for _, layout := range []string{parser.LayoutDash, parser.LayoutBullet, parser.LayoutDevFund, parser.LayoutNone} {
		for _, format := range []string{parser.FormatText, parser.FormatHTML} {
			rec := fmt.Sprintf(`{"kind":"page","sources":[{"path":"p","format":%q,"layout":%q,"sha256":"%s","bytes":1}]}`, format, layout, strings.Repeat("0", 64))
			if err := sch.Validate(mustJSON(t, rec)); err != nil {
				t.Errorf("format %s layout %s: %v", format, layout, err)
			}
		}
	}
	bad := map[string]string{
		"unknown kind":        `{"kind":"blog"}`,
		"budget as string":    `{"kind":"project","budget":{"amount":"300000.00"}}`,
		"language":            `{"kind":"page","languages":["de"]}`,
		"title language":      `{"kind":"page","title":{"de":"x"}}`,
		"upper-case status":   `{"kind":"project","status":"Active"}`,
		"unknown field":       `{"kind":"page","colour":"red"}`,
		"severity":            `{"kind":"page","diagnostics":[{"severity":"fatal","code":"x","path":"p","message":"m"}]}`,
		"three-letter county": `{"kind":"project","member_states":[{"code":"RWA","name":"Rwanda"}]}`,
	}
	for name, rec := range bad {
		if err := sch.Validate(mustJSON(t, rec)); err == nil {
			t.Errorf("%s: %s validates", name, rec)
		}
	}
	good := map[string]string{
		"unknown vocabulary value": `{"kind":"project","project_type":"space-tourism","status":"suspended","budget":{"amount":300000.00,"currency":"USD"}}`,
		"unknown country":          `{"kind":"project","member_states":[{"name":"Atlantis"}]}`,
		"news date":                `{"kind":"news","date":"2005-02"}`,
	}
	for name, rec := range good {
		if err := sch.Validate(mustJSON(t, rec)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestRecordsValidate validates against the schema every record that
// ingest and parse write for the generated corpus, the fixtures, the seeds,
// and every golden JSON output under testdata.
func TestRecordsValidate(t *testing.T) {
	sch := compileSchema(t)
	validateLines := func(t *testing.T, name, jsonl string) {
		t.Helper()
		n := 0
		for i, line := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
			if line == "" {
				continue
			}
			n++
			if err := sch.Validate(mustJSON(t, line)); err != nil {
				t.Errorf("%s: record %d: %v", name, i+1, err)
			}
		}
		if n == 0 {
			t.Errorf("%s: no records", name)
		}
	}
	dir, _ := corpus(t)
	inputs := map[string]string{"generated": dir}
	if _, err := os.Stat("../testdata"); err == nil {
		inputs["testdata"] = "../testdata"
	}
	if _, err := os.Stat(seedsDir); err == nil {
		inputs["seeds"] = seedsDir
	}
	for name, path := range inputs {
		for _, verb := range []string{"ingest", "parse"} {
			t.Run(name+"/"+verb, func(t *testing.T) {
				_, out, _ := runCmd(t, "", verb, "-q", "-f", "jsonl", path)
				validateLines(t, name, out)
			})
		}
	}
	t.Run("golden", func(t *testing.T) {
		var files []string
		// No testdata is no golden file: nothing to validate.
		_ = filepath.WalkDir("../testdata", func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, path)
			}
			return nil
		})
		validated := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Error(err)
				continue
			}
			for name, content := range goldenJSON(f, data) {
				validated++
				v, err := jsonschema.UnmarshalJSON(strings.NewReader(content))
				if err != nil {
					validateLines(t, name, content) // JSON Lines
					continue
				}
				items, ok := v.([]any)
				if !ok {
					items = []any{v}
				}
				for i, item := range items {
					if err := sch.Validate(item); err != nil {
						t.Errorf("%s: record %d: %v", name, i+1, err)
					}
				}
			}
		}
		t.Logf("%d golden outputs validated", validated)
	})
}

// goldenJSON returns the JSON and JSON Lines outputs a golden file holds:
// the file itself, or the members of a txtar archive named *.json, *.jsonl.
func goldenJSON(path string, data []byte) map[string]string {
	out := map[string]string{}
	if !strings.HasSuffix(path, ".txtar") {
		golden := strings.Contains(filepath.ToSlash(path), "/golden/")
		if golden && (strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".jsonl")) {
			out[path] = string(data)
		}
		return out
	}
	marker := regexp.MustCompile(`(?m)^-- (.+?) --$\n?`)
	locs := marker.FindAllSubmatchIndex(data, -1)
	for i, loc := range locs {
		name := string(data[loc[2]:loc[3]])
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if (strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".jsonl")) && !strings.Contains(name, "diagnostic") {
			out[path+":"+name] = string(data[loc[1]:end])
		}
	}
	return out
}

func TestCSV(t *testing.T) {
	header := strings.Join(csvHeader, ",")
	if header != "kind,prima_id,project_id,status,project_type,start_year,end_year,year,budget_amount,budget_currency,coverage,idf_region,member_states,languages,title_en,title_fr,title_es,date,place,paths" {
		t.Fatalf("header changed: %s", header)
	}
	tests := []struct {
		name    string
		records []model.Record
		want    string
	}{
		{"no records", nil, header + "\n"},
		{"project", []model.Record{{
			Kind: "project", PrimaID: "RW10P0522", ProjectID: "TK.0019", Status: "active", ProjectType: "labour-migration",
			StartYear: 2021, EndYear: 2025, Year: 2021, Budget: &model.Budget{Amount: "300000.00", Currency: "USD"},
			Coverage: "national", IDFRegion: "africa",
			MemberStates: []model.MemberState{{Code: "RW", Name: "Rwanda"}, {Name: "Atlantis"}},
			Languages:    []string{"en", "fr"}, Title: map[string]string{"en": "Skills, \"diaspora\"", "fr": "Ligne 1\nligne 2"},
			Sources: []model.Source{{Path: "a/en.txt"}, {Path: "a/fr.txt"}},
		}}, header + "\n" + `project,RW10P0522,TK.0019,active,labour-migration,2021,2025,2021,300000.00,USD,national,africa,RW;Atlantis,en;fr,"Skills, ""diaspora""","Ligne 1` + "\n" + `ligne 2",,,,a/en.txt;a/fr.txt` + "\n"},
		{"news", []model.Record{{Kind: "news", Languages: []string{"es"}, Title: map[string]string{"es": "Años"}, Date: "2016-12-09", Place: "Rabat", Sources: []model.Source{{Path: "n.txt"}}}},
			header + "\nnews,,,,,,,,,,,,,es,,,Años,2016-12-09,Rabat,n.txt\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			enc := encoders["csv"](&b)
			for i := range tt.records {
				if err := enc.Encode(&tt.records[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := enc.Close(); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil || len(rows) != len(tt.records)+1 {
				t.Errorf("reads back as %d rows, %v", len(rows), err)
			}
		})
	}
	t.Run("ingest", func(t *testing.T) {
		dir, _ := corpus(t)
		code, out, _ := runCmd(t, "", "ingest", "-q", "-f", "csv", dir)
		_, jsonl, _ := runCmd(t, "", "ingest", "-q", "-f", "jsonl", dir)
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || code != ExitOK {
			t.Fatalf("exit %d, %v", code, err)
		}
		if n := strings.Count(jsonl, "\n"); len(rows) != n+1 {
			t.Errorf("%d rows for %d records", len(rows), n)
		}
	})
	t.Run("seeds", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "ingest", "-f", "csv", seeds(t))
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || code != ExitOK || len(rows) != 5 || !slices.Equal(rows[0], csvHeader) {
			t.Errorf("exit %d, %d rows, %v:\n%s", code, len(rows), err, out)
		}
	})
}

// conflictLines returns the lines of stderr that report pairing conflicts.
func conflictLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasSuffix(l, "[conflict]") {
			out = append(out, l)
		}
	}
	return out
}

func TestPairMatchesIngest(t *testing.T) {
	dir, _ := corpus(t)
	inputs := map[string]string{"generated": dir}
	if _, err := os.Stat(seedsDir); err == nil {
		inputs["seeds"] = seedsDir
	}
	fixtures, _ := filepath.Glob("../testdata/*") // the pattern is valid
	for _, f := range fixtures {
		if info, err := os.Stat(f); err == nil && info.IsDir() && filepath.Base(f) != "golden" {
			inputs[filepath.Base(f)] = f
		}
	}
	for name, path := range inputs {
		_, parsed, _ := runCmd(t, "", "parse", "-q", path)
		for _, args := range [][]string{{"-f", "jsonl"}, {"-f", "json"}, {"-f", "yaml"}, {"-f", "csv"}, {"--kind", "project", "--lang", "fr"}, {"--kind", "news,page"}} {
			t.Run(name+"/"+strings.Join(args, " "), func(t *testing.T) {
				ic, want, ierr := runCmd(t, "", append([]string{"ingest", path}, args...)...)
				pc, got, perr := runCmd(t, parsed, append([]string{"pair"}, args...)...)
				if got != want {
					t.Errorf("pair output differs from ingest:\n--- ingest\n%s\n--- pair\n%s", want, got)
				}
				if !slices.Equal(conflictLines(ierr), conflictLines(perr)) {
					t.Errorf("conflicts differ:\n--- ingest\n%s--- pair\n%s", ierr, perr)
				}
				// pair's exit code covers what it found, not the pages'
				// errors (testdata/bad), which parse reported.
				if pc != ExitOK || (ic != ExitOK && name != "bad") {
					t.Errorf("exit: ingest %d, pair %d; pair stderr:\n%s", ic, pc, perr)
				}
				if !strings.Contains(perr, " read (") {
					t.Errorf("no summary: %s", perr)
				}
			})
		}
	}
}

// TestPairShards checks model.Pair's order independence the way a cluster
// exercises it: the pages are split into shards, each parsed on its own,
// the shards' outputs (and their lines) shuffled, and pair must still
// write exactly what ingest writes.
func TestPairShards(t *testing.T) {
	dir, paths := corpus(t)
	_, want, ingestErr := runCmd(t, "", "ingest", "-f", "jsonl", dir)
	if strings.Count(want, "\n") < 10 {
		t.Fatalf("corpus too small:\n%s", want)
	}
	if len(conflictLines(ingestErr)) == 0 {
		t.Fatalf("the corpus has no conflict to pair")
	}
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 8))
		shuffled := slices.Clone(paths)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		k := 1 + rng.IntN(5)
		var lines []string
		for s := range k {
			var shard []string
			for i := s; i < len(shuffled); i += k {
				shard = append(shard, shuffled[i])
			}
			_, out, _ := runCmd(t, "", append([]string{"parse", "-q", "-j", "3"}, shard...)...)
			lines = append(lines, strings.SplitAfter(out, "\n")...)
		}
		rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		code, got, errOut := runCmd(t, strings.Join(lines, ""), "pair", "-f", "jsonl")
		if code != ExitOK || got != want {
			t.Errorf("seed %d, %d shards: exit %d, pair differs from ingest:\n--- ingest\n%s\n--- pair\n%s\n%s", seed, k, code, want, got, errOut)
		}
		if !slices.Equal(conflictLines(ingestErr), conflictLines(errOut)) {
			t.Errorf("seed %d: conflicts differ:\n%s\n%s", seed, ingestErr, errOut)
		}
	}
}

// TestPairCluster runs the map/reduce the README describes for Hadoop
// Streaming: parse writes keyed lines, the lines are partitioned by key
// among reducers, each reducer runs pair, and a last pair over the
// reducers' outputs, concatenated in any order, orders the records as
// ingest does.
func TestPairCluster(t *testing.T) {
	dir, paths := corpus(t)
	_, want, _ := runCmd(t, "", "ingest", "-f", "jsonl", dir)
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 4))
		reducers := make([][]string, 1+rng.IntN(4))
		for _, p := range paths {
			_, out, _ := runCmd(t, "", "parse", "-q", "-f", "jsonl-keyed", p)
			for _, line := range strings.SplitAfter(out, "\n") {
				key, _, ok := strings.Cut(line, "\t")
				if !ok {
					continue
				}
				r := int(crc32.ChecksumIEEE([]byte(key))) % len(reducers)
				reducers[r] = append(reducers[r], line)
			}
		}
		var parts []string
		for _, lines := range reducers {
			slices.Sort(lines) // Hadoop sorts a reducer's input by key
			_, out, _ := runCmd(t, strings.Join(lines, ""), "pair", "-f", "jsonl")
			parts = append(parts, out)
		}
		rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		_, got, errOut := runCmd(t, strings.Join(parts, ""), "pair", "-f", "jsonl")
		if got != want {
			t.Errorf("seed %d, %d reducers: differs from ingest:\n--- ingest\n%s\n--- cluster\n%s\n%s", seed, len(reducers), want, got, errOut)
		}
		if strings.Contains(errOut, "[conflict]") {
			t.Errorf("the last pair found conflicts again:\n%s", errOut)
		}
	}
}

func TestPair(t *testing.T) {
	dir := t.TempDir()
	good := `{"kind":"project","prima_id":"RW10P0522","budget":{"amount":300000.00,"currency":"USD"},"languages":["en"],"sources":[{"path":"a.txt","lang":"en","format":"text","sha256":"00","bytes":1}]}`
	file := filepath.Join(dir, "part-00000")
	if err := os.WriteFile(file, []byte(good+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".part-00000.crc"), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		stdout     string // "" means no record
		stderr     []string
		notStderr  []string
		wantRecord bool
	}{
		{name: "digits survive", stdin: good + "\n", args: []string{"-f", "jsonl"}, stdout: good + "\n", stderr: []string{"1 record read (1 project, 0 news, 0 pages) from 1 input, 0 bad; 1 record written; 0 errors, 0 warnings"}},
		{name: "no input", args: []string{"-f", "jsonl"}, stderr: []string{"0 records read"}},
		{name: "dash is stdin", stdin: good, args: []string{"-f", "jsonl", "-"}, stdout: good + "\n"},
		{name: "hadoop key", stdin: "RW10P0522\t" + good + "\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "key like JSON", stdin: "{odd}.txt\t" + good + "\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "hadoop empty value", stdin: good + "\t\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "crlf and blank lines", stdin: "\r\n" + good + "\r\n\n", args: []string{"-f", "jsonl"}, stdout: good + "\n"},
		{name: "folder", args: []string{"-f", "jsonl", dir}, stdout: good + "\n", stderr: []string{"from 1 input,"}},
		{
			name: "bad lines", stdin: "not json\n" + good + "\n{}\n{\"kind\":\"page\",\"colour\":1}\n{\"kind\":\"page\"} {}\n{\"kind\":\"project\",\"budget\":{\"amount\":1e5}}\n{\"kind\":\"pro",
			args: []string{"-f", "jsonl"}, code: ExitInput, stdout: good + "\n",
			stderr: []string{
				"<stdin>:1: error: not a record: invalid character 'o' in literal null (expecting 'u') [bad-record]",
				`<stdin>:3: error: not a record: kind "" is not one of project, news, page [bad-record]`,
				`<stdin>:4: error: not a record: unknown field "colour" [bad-record]`,
				"<stdin>:5: error: not a record: more than one JSON value on the line [bad-record]",
				`<stdin>:6: error: not a record: decimal "1e5" is not a number [bad-record]`,
				"<stdin>:7: error: not a record: truncated JSON [bad-record]",
				"1 record read (1 project, 0 news, 0 pages) from 1 input, 6 bad; 1 record written; 6 errors, 0 warnings",
			},
		},
		{name: "missing file", args: []string{"-f", "jsonl", filepath.Join(dir, "nope"), file}, code: ExitInput, stdout: good + "\n",
			stderr: []string{"nope: error: no such file or directory [unreadable]"}},
		{name: "carried diagnostics are not printed again", args: []string{"-f", "jsonl"}, code: ExitOK,
			stdin:  `{"kind":"page","sources":[{"path":"p.txt","format":"text","sha256":"00","bytes":1}],"diagnostics":[{"severity":"error","code":"bad-year","path":"p.txt","line":3,"message":"no"}]}` + "\n",
			stdout: `{"kind":"page","sources":[{"path":"p.txt","format":"text","sha256":"00","bytes":1}],"diagnostics":[{"severity":"error","code":"bad-year","path":"p.txt","line":3,"message":"no"}]}` + "\n", notStderr: []string{"bad-year"}},
		{name: "filter", stdin: good + "\n", args: []string{"-f", "jsonl", "--kind", "news"}, stderr: []string{"0 records written"}},
		{name: "bad filter", args: []string{"--lang", "de"}, code: ExitUsage, stderr: []string{`unknown --lang value "de": use en, fr, es`}},
		{name: "bad format", args: []string{"-f", "xml"}, code: ExitUsage, stderr: []string{`unknown format "xml"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.stdin, append([]string{"pair"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if out != tt.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.stdout)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			for _, s := range tt.notStderr {
				if strings.Contains(errOut, s) {
					t.Errorf("stderr has %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestPairConflicts(t *testing.T) {
	rec := func(lang, amount string) string {
		return fmt.Sprintf(`{"kind":"project","prima_id":"RW10P0522","budget":{"amount":%s,"currency":"USD"},"languages":[%q],"sources":[{"path":"%s.txt","lang":%q,"format":"text","sha256":"00","bytes":1,"fields":[{"key":"budget","label":"Budget","value":"%s","line":9}]}]}`, amount, lang, lang, lang, amount)
	}
	in := rec("fr", "200000.00") + "\n" + rec("en", "300000.00") + "\n"
	code, out, errOut := runCmd(t, in, "pair", "-f", "jsonl")
	if code != ExitOK || !strings.Contains(out, `"amount":300000.00`) || !strings.Contains(out, `"conflicts":[{"field":"budget","values":{"en":"300000.00 USD","fr":"200000.00 USD"}`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
	want := `fr.txt:9: warning: budget is "200000.00 USD" here but "300000.00 USD" in en.txt, which is kept [conflict]`
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if code, _, _ := runCmd(t, in, "pair", "--strict"); code != ExitInput {
		t.Errorf("--strict with a conflict: exit %d", code)
	}
	if _, _, errOut := runCmd(t, in, "pair", "-q"); strings.Contains(errOut, "[conflict]") {
		t.Errorf("-q prints warnings:\n%s", errOut)
	}
}

func TestFilterFlags(t *testing.T) {
	dir, _ := corpus(t)
	kindsAndLangs := func(jsonl string) (kinds, langs []string) {
		for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
			var r model.Record
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			kinds = append(kinds, r.Kind)
			langs = append(langs, strings.Join(r.Languages, "+"))
		}
		return kinds, langs
	}
	tests := []struct {
		name  string
		args  []string
		kinds []string // the only kinds allowed; nil: any
		lang  string   // a language every record must have
		code  int
		err   string
	}{
		{name: "ingest kind", args: []string{"ingest", "--kind", "news", dir}, kinds: []string{"news"}},
		{name: "ingest kinds", args: []string{"ingest", "--kind", "news,page", dir}, kinds: []string{"news", "page"}},
		{name: "ingest lang after pairing", args: []string{"ingest", "--lang", "fr", dir}, lang: "fr"},
		{name: "parse lang", args: []string{"parse", "--lang", "es", "--kind", "PROJECT", dir}, kinds: []string{"project"}, lang: "es"},
		{name: "bad kind", args: []string{"ingest", "--kind", "blog", dir}, code: ExitUsage, err: `unknown --kind value "blog": use project, news, page`},
		{name: "bad lang", args: []string{"parse", "--lang", "en,de", dir}, code: ExitUsage, err: `unknown --lang value "de"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", append(tt.args, "-q", "-f", "jsonl")...)
			if code != tt.code || !strings.Contains(errOut, tt.err) {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.code != ExitOK {
				if out != "" {
					t.Errorf("usage error wrote records")
				}
				return
			}
			kinds, langs := kindsAndLangs(out)
			for i := range kinds {
				if tt.kinds != nil && !slices.Contains(tt.kinds, kinds[i]) {
					t.Errorf("record of kind %s", kinds[i])
				}
				if tt.lang != "" && !slices.Contains(strings.Split(langs[i], "+"), tt.lang) {
					t.Errorf("record in %s", langs[i])
				}
			}
			if tt.lang == "fr" && !slices.ContainsFunc(langs, func(l string) bool { return strings.Contains(l, "en+fr") }) {
				t.Errorf("--lang fr dropped the projects in en+fr: %v", langs)
			}
		})
	}
	t.Run("seeds news", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "ingest", "-f", "jsonl", "--kind", "news", seeds(t))
		kinds, _ := kindsAndLangs(out)
		if code != ExitOK || len(kinds) == 0 || slices.ContainsFunc(kinds, func(k string) bool { return k != "news" }) {
			t.Errorf("exit %d, kinds %v", code, kinds)
		}
	})
}

func TestCompletionManVersion(t *testing.T) {
	manDir := filepath.Join(t.TempDir(), "man1")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "bash", args: []string{"completion", "bash"}, stdout: "# bash completion V2 for iomparse"},
		{name: "zsh", args: []string{"completion", "zsh"}, stdout: "#compdef iomparse"},
		{name: "fish", args: []string{"completion", "fish"}, stdout: "# fish completion for iomparse"},
		{name: "powershell", args: []string{"completion", "powershell"}, stdout: "# powershell completion for iomparse"},
		{name: "listed in help", args: []string{"--help"}, stdout: "completion  "},
		{name: "unknown shell", args: []string{"completion", "tcsh"}, code: ExitUsage, stderr: `unknown shell "tcsh"`},
		{name: "complete --kind", args: []string{"__complete", "ingest", "--kind", ""}, stdout: "project\nnews\npage\n"},
		{name: "complete --format", args: []string{"__complete", "pair", "-f", ""}, stdout: "csv\njson\njsonl\njsonl-keyed\nyaml\n"},
		{name: "version", args: []string{"--version"}, stdout: "iomparse "},
		{name: "man", args: []string{"man", manDir}, stderr: "man pages to " + manDir},
		{name: "man without folder", args: []string{"man"}, code: ExitUsage, stderr: "man takes one folder"},
		{name: "schema takes no argument", args: []string{"schema", "x"}, code: ExitUsage, stderr: `unknown command "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%.400s", tt.stdout, out)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
		})
	}
	for _, name := range []string{"iomparse.1", "iomparse-ingest.1", "iomparse-parse.1", "iomparse-pair.1", "iomparse-check.1", "iomparse-schema.1", "iomparse-completion-bash.1"} {
		b, err := os.ReadFile(filepath.Join(manDir, name))
		if err != nil || !bytes.Contains(b, []byte(".TH ")) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestVersionOf(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	rev := "67ce0e8e36b50960ecb1f3084fbdc561f1b97e89"
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "(unknown)"},
		{"no vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "(devel)"},
		{"empty version", &debug.BuildInfo{}, true, "(devel)"},
		{"go install", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, true, "v1.2.0"},
		{"devel with vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.time", "2026-11-22T13:37:30Z", "vcs.modified", "true")}, true, "(devel) 67ce0e8e36b5-dirty 2026-11-22T13:37:30Z"},
		{"pseudo-version holds the revision", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261122133730-67ce0e8e36b5"}, Settings: settings("vcs.revision", rev, "vcs.time", "2026-11-22T13:37:30Z")}, true, "v0.0.0-20261122133730-67ce0e8e36b5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionOf(tt.info, tt.ok); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
