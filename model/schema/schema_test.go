package schema

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

// update is accepted so that `go test ./... -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// TestDocsGenUpToDate regenerates the descriptions and compares them with
// the checked-in docs_gen.go, so that a doc comment edited in package model
// without "go generate ./model/..." fails.
func TestDocsGenUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	// Read what the generator reads, so that go test's cache, which sees
	// only the files a test opens itself, runs this again when one changes.
	for _, pattern := range []string{"../*.go", "../internal/genrecord/*.go"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if _, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "docs_gen.go")
	if msg, err := exec.Command("go", "run", "../internal/genrecord", "-src", "..", "-docs", out).CombinedOutput(); err != nil {
		t.Fatalf("genrecord: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("docs_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("docs_gen.go is stale: run go generate ./model/...")
	}
}

// recordTypes returns the struct types a Record is made of, found by
// reflection: Record and every struct its fields hold, through pointers
// and slices.
func recordTypes() []reflect.Type {
	types := []reflect.Type{reflect.TypeFor[model.Record]()}
	for i := 0; i < len(types); i++ {
		for f := range types[i].Fields() {
			t := f.Type
			for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
				t = t.Elem()
			}
			if t.Kind() == reflect.Struct && !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
	}
	return types
}

// TestSchemaTypes: the rules are applied to every struct type of a record.
func TestSchemaTypes(t *testing.T) {
	got, want := slices.Clone(schemaTypes), recordTypes()
	byName := func(a, b reflect.Type) int { return strings.Compare(a.Name(), b.Name()) }
	slices.SortFunc(got, byName)
	slices.SortFunc(want, byName)
	if !slices.Equal(got, want) {
		t.Errorf("schemaTypes = %v, want the record's types %v", got, want)
	}
}

// TestRulesNameFields: every rule and every description names a type or a
// field of the record, so that a renamed field cannot leave one behind
// unapplied; every type and field has a description.
func TestRulesNameFields(t *testing.T) {
	names := map[string]bool{}
	for _, typ := range recordTypes() {
		names[typ.Name()] = true
		for f := range typ.Fields() {
			names[typ.Name()+"."+f.Name] = true
		}
	}
	for name := range schemaRules {
		if !names[name] || !strings.Contains(name, ".") {
			t.Errorf("schemaRules[%q] names no field of a record", name)
		}
	}
	for name := range docs {
		if !names[name] {
			t.Errorf("docs[%q] names no type or field of a record: run go generate ./model/...", name)
		}
	}
	for name := range names {
		if docs[name] == "" {
			t.Errorf("%s has no description: give it a doc comment in package model and run go generate ./model/...", name)
		}
	}
}

// TestPropertiesAreJSONTags: each object of the schema has exactly the
// properties its Go type's json tags name, in their order, each with its
// field's description.
func TestPropertiesAreJSONTags(t *testing.T) {
	s := Record()
	if s.ID != ID {
		t.Errorf("$id = %q", s.ID)
	}
	for _, typ := range recordTypes() {
		obj := s
		if typ != reflect.TypeFor[model.Record]() {
			obj = s.Definitions[typ.Name()]
		}
		if obj == nil {
			t.Errorf("no definition of %s", typ.Name())
			continue
		}
		if obj.Description != docs[typ.Name()] {
			t.Errorf("%s: description %q", typ.Name(), obj.Description)
		}
		var want, got []string
		for f := range typ.Fields() {
			want = append(want, jsonName(f))
			if p, ok := obj.Properties.Get(jsonName(f)); ok && p.Description != docs[typ.Name()+"."+f.Name] {
				t.Errorf("%s.%s: description %q", typ.Name(), f.Name, p.Description)
			}
		}
		for p := obj.Properties.Oldest(); p != nil; p = p.Next() {
			got = append(got, p.Key)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: properties %v, want the json tags %v", typ.Name(), got, want)
		}
	}
}
