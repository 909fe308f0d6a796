package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
)

// structType is one struct type of a record, as declared.
type structType struct {
	name   string
	doc    string // the schema's description: the "Schema:" paragraph
	fields []*field
}

// field is one field of a struct type, as declared.
type field struct {
	name      string // Go name
	json      string // name in JSON
	omitEmpty bool
	typ       fieldType
	doc       string // the schema's description: the doc comment
	fact      bool   // tagged merge:"fact"
	factText  string // the function that renders a fact as text, if any
	pos       string // file:line, for errors
}

// kind is what a field's Go type is, as far as the generated code cares.
type kind int

const (
	kString  kind = iota // string
	kInt                 // int
	kScalar              // a named type of the package, not a struct: Decimal
	kPtr                 // *T, T a struct type of the record
	kStructs             // []T, T a struct type of the record
	kStrings             // []string
	kStrMap              // map[string]string
	kTextMap             // map[string][]string
)

// fieldType is a field's Go type: its kind, and for kScalar, kPtr and
// kStructs the named type.
type fieldType struct {
	kind kind
	name string
}

// decl is the package's source, parsed.
type decl struct {
	fset  *token.FileSet
	types map[string]*ast.TypeSpec
	docs  map[string]*ast.CommentGroup // a type's doc comment, by name
}

// readDeclaration reads the struct types of a record from the package in
// dir: Record, then every struct type its fields reach, in the order they
// are first reached. Generated files and tests are not read.
func readDeclaration(dir string) ([]*structType, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	d := decl{fset: token.NewFileSet(), types: map[string]*ast.TypeSpec{}, docs: map[string]*ast.CommentGroup{}}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, "_gen.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(d.fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, g := range f.Decls {
			g, ok := g.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				s := s.(*ast.TypeSpec)
				d.types[s.Name.Name] = s
				d.docs[s.Name.Name] = s.Doc
				if s.Doc == nil && len(g.Specs) == 1 {
					d.docs[s.Name.Name] = g.Doc
				}
			}
		}
	}
	var out []*structType
	queue := []string{"Record"}
	seen := map[string]bool{"Record": true}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		st, err := d.structType(name)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
		for _, f := range st.fields {
			if (f.typ.kind == kPtr || f.typ.kind == kStructs) && !seen[f.typ.name] {
				seen[f.typ.name] = true
				queue = append(queue, f.typ.name)
			}
		}
	}
	return out, nil
}

func (d *decl) structType(name string) (*structType, error) {
	spec, ok := d.types[name]
	if !ok {
		return nil, fmt.Errorf("no type %s in package model", name)
	}
	s, ok := spec.Type.(*ast.StructType)
	if !ok {
		return nil, fmt.Errorf("%s: %s is not a struct", d.pos(spec), name)
	}
	st := &structType{name: name, doc: schemaParagraph(d.docs[name])}
	if st.doc == "" {
		return nil, fmt.Errorf("%s: the doc comment of %s has no paragraph starting \"Schema:\", the type's description in the schema", d.pos(spec), name)
	}
	for _, af := range s.Fields.List {
		if len(af.Names) != 1 {
			return nil, fmt.Errorf("%s: declare one field a line, not embedded", d.pos(af))
		}
		f, err := d.field(name, af)
		if err != nil {
			return nil, err
		}
		st.fields = append(st.fields, f)
	}
	return st, nil
}

func (d *decl) field(owner string, af *ast.Field) (*field, error) {
	f := &field{name: af.Names[0].Name, pos: d.pos(af), doc: oneLine(af.Doc.Text())}
	if f.doc == "" {
		return nil, fmt.Errorf("%s: %s.%s has no doc comment, its description in the schema", f.pos, owner, f.name)
	}
	if af.Tag == nil {
		return nil, fmt.Errorf("%s: %s.%s has no tags", f.pos, owner, f.name)
	}
	tag := reflect.StructTag(strings.Trim(af.Tag.Value, "`"))
	jsonTag, yamlTag := tag.Get("json"), tag.Get("yaml")
	name, opts, _ := strings.Cut(jsonTag, ",")
	switch {
	case name == "" || name == "-":
		return nil, fmt.Errorf("%s: %s.%s needs a json name", f.pos, owner, f.name)
	case opts != "" && opts != "omitempty":
		return nil, fmt.Errorf("%s: %s.%s: json option %q is not supported, only omitempty", f.pos, owner, f.name, opts)
	case yamlTag != jsonTag:
		return nil, fmt.Errorf("%s: %s.%s: yaml tag %q differs from json tag %q", f.pos, owner, f.name, yamlTag, jsonTag)
	case !validKey(name):
		return nil, fmt.Errorf("%s: %s.%s: json name %q is not snake_case", f.pos, owner, f.name, name)
	}
	f.json, f.omitEmpty = name, opts == "omitempty"
	var err error
	if f.typ, err = d.fieldType(af.Type); err != nil {
		return nil, fmt.Errorf("%s: %s.%s: %v", f.pos, owner, f.name, err)
	}
	if merge, ok := tag.Lookup("merge"); ok {
		fact, text, _ := strings.Cut(merge, ",")
		scalar := f.typ.kind == kString || f.typ.kind == kInt
		switch {
		case owner != "Record":
			return nil, fmt.Errorf("%s: %s.%s: only Record's fields are merge facts", f.pos, owner, f.name)
		case fact != "fact":
			return nil, fmt.Errorf("%s: %s.%s: merge tag %q, want \"fact\" or \"fact,textFunc\"", f.pos, owner, f.name, merge)
		case scalar && text != "":
			return nil, fmt.Errorf("%s: %s.%s: a string or int fact compares as itself; drop %q", f.pos, owner, f.name, text)
		case !scalar && !token.IsIdentifier(text):
			return nil, fmt.Errorf("%s: %s.%s: name the function that renders this fact as text: merge:\"fact,f\"", f.pos, owner, f.name)
		}
		f.fact, f.factText = true, text
	}
	return f, nil
}

// fieldType classifies a field's type expression; the generated code
// handles these types and no others.
func (d *decl) fieldType(e ast.Expr) (fieldType, error) {
	switch e := e.(type) {
	case *ast.Ident:
		switch e.Name {
		case "string":
			return fieldType{kind: kString}, nil
		case "int":
			return fieldType{kind: kInt}, nil
		}
		if spec, ok := d.types[e.Name]; ok {
			if id, ok := spec.Type.(*ast.Ident); ok && id.Name == "string" {
				return fieldType{kind: kScalar, name: e.Name}, nil
			}
		}
	case *ast.StarExpr:
		if name, ok := d.structName(e.X); ok {
			return fieldType{kind: kPtr, name: name}, nil
		}
	case *ast.ArrayType:
		if e.Len != nil {
			break
		}
		if id, ok := e.Elt.(*ast.Ident); ok && id.Name == "string" {
			return fieldType{kind: kStrings}, nil
		}
		if name, ok := d.structName(e.Elt); ok {
			return fieldType{kind: kStructs, name: name}, nil
		}
	case *ast.MapType:
		if id, ok := e.Key.(*ast.Ident); !ok || id.Name != "string" {
			break
		}
		if id, ok := e.Value.(*ast.Ident); ok && id.Name == "string" {
			return fieldType{kind: kStrMap}, nil
		}
		if a, ok := e.Value.(*ast.ArrayType); ok && a.Len == nil {
			if id, ok := a.Elt.(*ast.Ident); ok && id.Name == "string" {
				return fieldType{kind: kTextMap}, nil
			}
		}
	}
	return fieldType{}, fmt.Errorf("type %s is not one genrecord writes (string, int, a named string type, *T, []T, []string, map[string]string, map[string][]string): teach it", types(e))
}

// structName returns the name of a struct type of the package e names.
func (d *decl) structName(e ast.Expr) (string, bool) {
	id, ok := e.(*ast.Ident)
	if !ok {
		return "", false
	}
	spec, ok := d.types[id.Name]
	if !ok {
		return "", false
	}
	_, ok = spec.Type.(*ast.StructType)
	return id.Name, ok
}

func (d *decl) pos(n ast.Node) string {
	p := d.fset.Position(n.Pos())
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// types prints a type expression for an error message.
func types(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + types(e.X)
	case *ast.ArrayType:
		return "[]" + types(e.Elt)
	case *ast.MapType:
		return "map[" + types(e.Key) + "]" + types(e.Value)
	}
	return fmt.Sprintf("%T", e)
}

// schemaParagraph returns the paragraph of a doc comment that starts with
// "Schema:", without that word, on one line.
func schemaParagraph(doc *ast.CommentGroup) string {
	for p := range strings.SplitSeq(doc.Text(), "\n\n") {
		if rest, ok := strings.CutPrefix(p, "Schema:"); ok {
			return oneLine(rest)
		}
	}
	return ""
}

// oneLine joins the lines of a comment with single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// validKey reports whether a JSON name is snake_case ASCII: such a name is
// one encoding/json takes from the tag and writes without escapes, so the
// generated code can write it as a constant.
func validKey(s string) bool {
	return s != "" && !slices.ContainsFunc([]byte(s), func(c byte) bool { return (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' })
}
