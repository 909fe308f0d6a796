package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// ErrMoreThanOneValue is DecodeRecord's error for data that holds more
// than one JSON value.
var ErrMoreThanOneValue = errors.New("more than one JSON value")

// DuplicateKeyError is a key that one object of a record gives twice.
// encoding/json keeps the last value and drops the first without a word,
// so a record read that way would lose data silently.
type DuplicateKeyError struct {
	Key string
	// In is where the object is in the record ("sources[0].fields[2]"),
	// "" for the record itself.
	In string
}

func (e *DuplicateKeyError) Error() string {
	if e.In == "" {
		return fmt.Sprintf("key %q given twice", e.Key)
	}
	return fmt.Sprintf("key %q given twice in %s", e.Key, e.In)
}

// DecodeRecord reads data, which must hold exactly one record, into r,
// strictly: as json.Decoder with DisallowUnknownFields reads its one value
// (its errors for a field the record does not have, or data that is not
// JSON), with ErrMoreThanOneValue when more follows, and with a
// *DuplicateKeyError when an object gives a key twice (two keys that
// encoding/json would read into one field, which it matches without
// regard to case, or two equal keys of a map). It is what pair reads
// records from outside with.
//
// A record in the shape AppendJSON writes is read by DecodeJSON's fast
// reader, which takes only the record's keys, each at most once: it has no
// duplicate to find. Anything else goes through encoding/json, then
// through a second look for duplicates.
func DecodeRecord(data []byte, r *Record) error {
	d := jsonDecoder{b: string(data)}
	var rec Record
	if d.readRecord(&rec) && d.end() {
		*r = rec
		return nil
	}
	*r = Record{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(r); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return ErrMoreThanOneValue
	}
	if err := duplicateKey(data); err != nil {
		*r = Record{}
		return err
	}
	return nil
}

// duplicateKey looks through data, a record that encoding/json has read
// already (so valid JSON), for an object that gives one key twice, with
// the record's type to tell a struct (whose keys encoding/json matches
// to fields without regard to case) from a map (whose keys are exact).
func duplicateKey(data []byte) error {
	s := dupScanner{b: data}
	return s.value(reflect.TypeFor[Record](), "")
}

// dupScanner walks JSON that is known to be valid.
type dupScanner struct {
	b []byte
	i int
}

func (s *dupScanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// value walks one value of type t (nil: of no interest but its extent),
// at where in the record.
func (s *dupScanner) value(t reflect.Type, where string) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s.space()
	if s.i >= len(s.b) {
		return nil
	}
	switch s.b[s.i] {
	case '{':
		return s.object(t, where)
	case '[':
		var elem reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			elem = t.Elem()
		}
		s.i++
		for n := 0; ; n++ {
			s.space()
			if s.i < len(s.b) && s.b[s.i] == ']' {
				s.i++
				return nil
			}
			if err := s.value(elem, where+"["+strconv.Itoa(n)+"]"); err != nil {
				return err
			}
			s.space()
			if s.i < len(s.b) && s.b[s.i] == ',' {
				s.i++
			}
		}
	case '"':
		s.str()
		return nil
	}
	for s.i < len(s.b) && !strings.ContainsRune(",]} \t\n\r", rune(s.b[s.i])) {
		s.i++ // a number, true, false, null
	}
	return nil
}

// object walks an object of type t: a struct, whose keys name fields, or a
// map.
func (s *dupScanner) object(t reflect.Type, where string) error {
	var fields []structField // of a struct, nil for a map
	if t != nil && t.Kind() == reflect.Struct {
		fields = jsonFields(t)
	}
	var elem reflect.Type
	if t != nil && t.Kind() == reflect.Map {
		elem = t.Elem()
	}
	seen := map[string]bool{}
	s.i++
	for {
		s.space()
		if s.i >= len(s.b) || s.b[s.i] == '}' {
			s.i++
			return nil
		}
		raw := s.str()
		var key string
		if json.Unmarshal(raw, &key) != nil {
			return nil // not what encoding/json read: cannot be
		}
		s.space()
		s.i++ // ':'
		name, vt := key, elem
		if fields != nil {
			f, ok := jsonField(fields, key)
			if !ok {
				return nil // an unknown field: encoding/json refused it already
			}
			name, vt = f.name, f.typ
		}
		if seen[name] {
			return &DuplicateKeyError{Key: key, In: where}
		}
		seen[name] = true
		at := name
		if where != "" {
			at = where + "." + name
		}
		if err := s.value(vt, at); err != nil {
			return err
		}
		s.space()
		if s.i < len(s.b) && s.b[s.i] == ',' {
			s.i++
		}
	}
}

// str returns the string at s.i, quotes included, and moves past it.
func (s *dupScanner) str() []byte {
	start := s.i
	s.i++
	for s.i < len(s.b) && s.b[s.i] != '"' {
		if s.b[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	s.i++
	return s.b[start:min(s.i, len(s.b))]
}

// structField is a field of a struct as encoding/json names it.
type structField struct {
	name string
	typ  reflect.Type
}

// jsonFields returns the fields of struct t as encoding/json names them.
func jsonFields(t reflect.Type) []structField {
	var fields []structField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields = append(fields, structField{name: name, typ: f.Type})
	}
	return fields
}

// jsonField returns the field that encoding/json reads key into: the one
// named key exactly, else one whose name equals it without regard to case.
func jsonField(fields []structField, key string) (structField, bool) {
	for _, f := range fields {
		if f.name == key {
			return f, true
		}
	}
	for _, f := range fields {
		if strings.EqualFold(f.name, key) {
			return f, true
		}
	}
	return structField{}, false
}
