package cmd

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

// TestCSVColumnsFollowRecord holds each CSV column to the record field it
// names: the field's path of JSON names exists in the record's declaration,
// and a record holding a value there and nowhere else has that value in
// the column and in no other.
func TestCSVColumnsFollowRecord(t *testing.T) {
	seen := map[string]bool{}
	for i, c := range csvColumns {
		if seen[c.name] || csvHeader[i] != c.name {
			t.Errorf("column %s: twice, or not in the header %v", c.name, csvHeader)
		}
		seen[c.name] = true
		var r model.Record
		if err := setField(reflect.ValueOf(&r).Elem(), strings.Split(c.field, ".")); err != nil {
			t.Errorf("column %s: field %s: %v", c.name, c.field, err)
			continue
		}
		row := appendCSVRow(nil, &r)
		for j, cell := range row {
			if want := map[bool]string{true: "7"}[i == j]; cell != want {
				t.Errorf("record with only %s = 7: column %s is %q, want %q", c.field, csvColumns[j].name, cell, want)
			}
		}
	}
}

// setField puts 7 at the end of path, a path of JSON names (a map key for
// a map) from v, making the pointers, slice elements and map entries on
// the way.
func setField(v reflect.Value, path []string) error {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		return setField(v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		return setField(v.Index(0), path)
	}
	if len(path) == 0 {
		switch v.Kind() {
		case reflect.String:
			v.SetString("7")
		case reflect.Int:
			v.SetInt(7)
		default:
			return fmt.Errorf("ends at a %s", v.Type())
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ","); name == path[0] {
				return setField(v.Field(i), path[1:])
			}
		}
		return fmt.Errorf("%s has no field %q", v.Type(), path[0])
	case reflect.Map:
		if !slices.Contains(model.Languages, path[0]) {
			return fmt.Errorf("%q is not a language", path[0])
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		if err := setField(elem, path[1:]); err != nil {
			return err
		}
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf(path[0]), elem)
		return nil
	}
	return fmt.Errorf("%s has no field %q", v.Type(), path[0])
}
