package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// genJSON writes, for every struct type T of a record, the jsonWriter
// method writeT and the jsonDecoder method readT (package model). Their
// primitives (strings, lists, maps, Decimal) are written by hand in
// model/json.go and model/jsondecode.go.
func genJSON(b *bytes.Buffer, types []*structType) error {
	b.WriteString("package model\n\nimport \"strconv\"\n")
	for _, t := range types {
		writer(b, t)
	}
	for _, t := range types {
		reader(b, t)
	}
	return nil
}

// writer writes the method that writes a T as encoding/json does: its
// fields in their order, an omitempty one left out when empty. A comma
// goes before a member once an earlier member is sure to have been
// written; before that, the variable more tells.
func writer(b *bytes.Buffer, t *structType) {
	fmt.Fprintf(b, "\n// write%s writes %s as a JSON object.\nfunc (w *jsonWriter) write%[1]s(v *%[1]s) {\n", t.name, article(t.name))
	b.WriteString("w.b = append(w.b, '{')\n")
	lastDynamic := -1 // the last member whose comma depends on what came before
	for i := range t.fields {
		if i > 0 && !anyRequired(t.fields[:i]) {
			lastDynamic = i
		}
	}
	if lastDynamic >= 0 {
		b.WriteString("more := false\n")
	}
	for i, f := range t.fields {
		x := "v." + f.name
		if f.omitEmpty {
			fmt.Fprintf(b, "if %s {\n", nonEmpty(f.typ, x))
		}
		prefix := ","
		switch {
		case i == 0:
			prefix = ""
		case !anyRequired(t.fields[:i]):
			prefix = ""
			b.WriteString("if more {\nw.b = append(w.b, ',')\n}\n")
		}
		fmt.Fprintf(b, "w.b = append(w.b, `%s%q:`...)\n", prefix, f.json)
		writeValue(b, f, x)
		if i < lastDynamic {
			b.WriteString("more = true\n")
		}
		if f.omitEmpty {
			b.WriteString("}\n")
		}
	}
	b.WriteString("w.b = append(w.b, '}')\n}\n")
}

// anyRequired reports whether one of fields is always written.
func anyRequired(fields []*field) bool {
	for _, f := range fields {
		if !f.omitEmpty {
			return true
		}
	}
	return false
}

// nonEmpty is the Go condition under which encoding/json writes an
// omitempty field of type t held in x.
func nonEmpty(t fieldType, x string) string {
	switch t.kind {
	case kString, kScalar:
		return x + ` != ""`
	case kInt:
		return x + " != 0"
	case kPtr:
		return x + " != nil"
	}
	return "len(" + x + ") > 0"
}

// writeValue writes the statements that write the value of f held in x.
func writeValue(b *bytes.Buffer, f *field, x string) {
	switch f.typ.kind {
	case kString:
		fmt.Fprintf(b, "w.b = appendJSONString(w.b, %s)\n", x)
	case kInt:
		fmt.Fprintf(b, "w.b = strconv.AppendInt(w.b, int64(%s), 10)\n", x)
	case kScalar:
		fmt.Fprintf(b, "w.%s(%s)\n", lowerFirst(f.typ.name), x)
	case kStrings:
		fmt.Fprintf(b, "w.list(%s)\n", x)
	case kStrMap:
		fmt.Fprintf(b, "w.strMap(%s)\n", x)
	case kTextMap:
		fmt.Fprintf(b, "w.textMap(%s)\n", x)
	case kPtr:
		if !f.omitEmpty {
			fmt.Fprintf(b, "if %s == nil {\nw.b = append(w.b, \"null\"...)\n} else {\n", x)
		}
		fmt.Fprintf(b, "w.write%s(%s)\n", f.typ.name, x)
		if !f.omitEmpty {
			b.WriteString("}\n")
		}
	case kStructs:
		if !f.omitEmpty {
			fmt.Fprintf(b, "if %s == nil {\nw.b = append(w.b, \"null\"...)\n} else {\n", x)
		}
		fmt.Fprintf(b, "w.b = append(w.b, '[')\nfor i := range %s {\n", x)
		b.WriteString("if i > 0 {\nw.b = append(w.b, ',')\n}\n")
		fmt.Fprintf(b, "w.write%s(&%s[i])\n}\nw.b = append(w.b, ']')\n", f.typ.name, x)
		if !f.omitEmpty {
			b.WriteString("}\n")
		}
	}
}

// reader writes the method that reads a T in the shape writer writes it:
// an object of its fields in their order, each at most once, with any
// white space. Anything else (another order, a repeated or unknown key, an
// escaped key) makes it report false, and DecodeJSON hands the record to
// encoding/json.
func reader(b *bytes.Buffer, t *structType) {
	fmt.Fprintf(b, "\n// read%s reads %s as write%[1]s writes it.\nfunc (d *jsonDecoder) read%[1]s(v *%[1]s) bool {\n", t.name, article(t.name))
	b.WriteString("if !d.eat('{') {\nreturn false\n}\nif d.eat('}') {\nreturn true\n}\n")
	b.WriteString("for next := 0; ; {\nkey, ok := d.key()\nif !ok {\nreturn false\n}\nswitch key {\n")
	for i, f := range t.fields {
		order := fmt.Sprintf("next <= %d", i)
		if i == 0 {
			order = "next == 0"
		}
		fmt.Fprintf(b, "case %q:\nok = %s && %s\nnext = %d\n", f.json, order, readValue(f, "v."+f.name), i+1)
	}
	b.WriteString("default:\nreturn false\n}\n")
	b.WriteString("if !ok {\nreturn false\n}\nif d.eat('}') {\nreturn true\n}\nif !d.eat(',') {\nreturn false\n}\n}\n}\n")
}

// readValue is the Go expression that reads the value of f into x.
func readValue(f *field, x string) string {
	switch f.typ.kind {
	case kString:
		return "d.strField(&" + x + ")"
	case kInt:
		return "d.intField(&" + x + ")"
	case kScalar:
		return "d." + lowerFirst(f.typ.name) + "(&" + x + ")"
	case kStrings:
		return "d.strs(&" + x + ")"
	case kStrMap:
		return "d.strMap(&" + x + ")"
	case kTextMap:
		return "d.textMap(&" + x + ")"
	case kPtr:
		return "readPtr(d, &" + x + ", (*jsonDecoder).read" + f.typ.name + ")"
	}
	return "readArray(d, &" + x + ", (*jsonDecoder).read" + f.typ.name + ")"
}

// genMerge writes the table of Record's facts (package model).
func genMerge(b *bytes.Buffer, types []*structType) error {
	b.WriteString("package model\n\n")
	b.WriteString("// facts are the facts the language versions of a project must agree on:\n")
	b.WriteString("// Record's fields tagged merge:\"fact\", in their order, which is the order\n")
	b.WriteString("// of a merged record's conflicts.\n")
	b.WriteString("var facts = []fact{\n")
	n := 0
	for _, f := range types[0].fields {
		if !f.fact {
			continue
		}
		n++
		get := f.factText
		switch f.typ.kind {
		case kString:
			get = fmt.Sprintf("func(r *Record) string { return r.%s }", f.name)
		case kInt:
			get = fmt.Sprintf("func(r *Record) string { return itoa(r.%s) }", f.name)
		}
		fmt.Fprintf(b, "{%q, %s, func(d, s *Record) { d.%s = s.%[3]s }},\n", f.json, get, f.name)
	}
	b.WriteString("}\n")
	if n == 0 {
		return fmt.Errorf("no field of Record is tagged merge:\"fact\"")
	}
	return nil
}

// genDocs writes the schema's descriptions (package schema).
func genDocs(b *bytes.Buffer, types []*structType) error {
	b.WriteString("package schema\n\n")
	b.WriteString("// docs describe every type and field of a record, by Go type name and\n")
	b.WriteString("// Type.Field: the \"Schema:\" paragraph of each type's doc comment and each\n")
	b.WriteString("// field's doc comment in package model.\n")
	b.WriteString("var docs = map[string]string{\n")
	for _, t := range types {
		fmt.Fprintf(b, "%q: %s,\n", t.name, strconv.Quote(t.doc))
		for _, f := range t.fields {
			fmt.Fprintf(b, "%q: %s,\n", t.name+"."+f.name, strconv.Quote(f.doc))
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return nil
}

// lowerFirst names the jsonWriter and jsonDecoder methods of a named type
// (decimal for Decimal).
func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// article puts "a" or "an" before a type's name.
func article(name string) string {
	if strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}
