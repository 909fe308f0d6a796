package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser"
)

func compileSchema(t *testing.T, args ...string) *jsonschema.Schema {
	t.Helper()
	code, out, errOut := runCmd(t, "", append([]string{"schema"}, args...)...)
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
				t.Errorf("%s.%s has no description: give the field a doc comment in model/record.go and run go generate ./model/...", where, name)
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
	// -f json's array, against schema --array, as a whole.
	array := compileSchema(t, "--array")
	for name, path := range inputs {
		t.Run(name+"/array", func(t *testing.T) {
			_, out, _ := runCmd(t, "", "ingest", "-q", "-f", "json", path)
			if err := array.Validate(mustJSON(t, out)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		})
	}
	if err := array.Validate(mustJSON(t, `[{"kind":"page"},{"kind":"blog"}]`)); err == nil {
		t.Errorf("the array schema takes a record of kind blog")
	}
	if err := array.Validate(mustJSON(t, `{"kind":"page"}`)); err == nil {
		t.Errorf("the array schema takes a record not in an array")
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

// TestPythonJSONSchema validates records with python-jsonschema (Draft
// 2020-12), which users reach for and whose regular expressions are
// Python's re: every record ingest and parse write for the fixtures, the
// seeds and a generated corpus, and every golden output, against
// iomparse schema; ingest -f json's arrays against schema --array. It
// skips when python3 or its jsonschema package is missing (Debian:
// apt-get install python3-jsonschema).
func TestPythonJSONSchema(t *testing.T) {
	t.Parallel() // python-jsonschema takes seconds: let the other tests run meanwhile
	if testing.Short() {
		t.Skip("runs python3")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if out, err := exec.Command(python, "-c", "import jsonschema").CombinedOutput(); err != nil {
		t.Skipf("python3 has no jsonschema: %v %s", err, out)
	}
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	_, record, _ := runCmd(t, "", "schema")
	_, array, _ := runCmd(t, "", "schema", "--array")
	args := []string{"-c", pythonValidate, write("record.schema.json", record), write("records.schema.json", array)}
	gen, _ := corpus(t)
	inputs := map[string]string{"generated": gen, "testdata": "../testdata"}
	if _, err := os.Stat(seedsDir); err == nil {
		inputs["seeds"] = seedsDir
	}
	n := 0
	for _, path := range inputs {
		for _, verb := range []string{"ingest", "parse"} {
			_, out, _ := runCmd(t, "", verb, "-q", "-f", "jsonl", path)
			args = append(args, "lines:"+write(fmt.Sprintf("%d.jsonl", n), out))
			n++
		}
		_, out, _ := runCmd(t, "", "ingest", "-q", "-f", "json", path)
		args = append(args, "array:"+write(fmt.Sprintf("%d.json", n), out))
		n++
	}
	_ = filepath.WalkDir("../testdata", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			return nil
		}
		for _, content := range goldenJSON(path, data) {
			kind := "lines:" // JSON Lines, unless it is one JSON value
			if json.Valid([]byte(content)) {
				kind = "value:"
			}
			args = append(args, kind+write(fmt.Sprintf("%d.golden", n), content))
			n++
		}
		return nil
	})
	out, err := exec.Command(python, args...).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Errorf("python-jsonschema: %v", err)
	}
}

// pythonValidate validates files given as lines:PATH (JSON Lines, each
// line a record), array:PATH (a JSON array, against the array schema) and
// value:PATH (a record, or an array of records), and prints a count.
const pythonValidate = `
import json, sys
from jsonschema import Draft202012Validator
record = Draft202012Validator(json.load(open(sys.argv[1])))
array = Draft202012Validator(json.load(open(sys.argv[2])))
Draft202012Validator.check_schema(record.schema)
Draft202012Validator.check_schema(array.schema)
records, bad = 0, 0
def check(v, x, where):
    global records, bad
    errors = list(v.iter_errors(x))
    records += len(x) if isinstance(x, list) else 1
    for e in errors[:3]:
        bad += 1
        print(where, e.message[:300], list(e.absolute_path))
for arg in sys.argv[3:]:
    kind, path = arg.split(":", 1)
    text = open(path, encoding="utf-8").read()
    if kind == "lines":
        for i, line in enumerate(text.splitlines()):
            if line.strip():
                check(record, json.loads(line), "%s:%d:" % (path, i + 1))
    elif kind == "array":
        check(array, json.loads(text), path + ":")
    else:
        v = json.loads(text)
        for i, x in enumerate(v if isinstance(v, list) else [v]):
            check(record, x, "%s: record %d:" % (path, i + 1))
print("python-jsonschema: %d records validated, %d errors" % (records, bad))
sys.exit(1 if bad else 0)
`
