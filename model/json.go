package model

import (
	"encoding/json"
	"reflect"
	"slices"
	"unicode/utf8"
)

// AppendJSON appends r to dst as compact JSON: the bytes encoding/json
// writes for r with HTML escaping off (TestAppendJSONMatchesEncodingJSON
// and FuzzAppendJSON hold the two equal), at several times its speed and
// without its allocations. Encoding is the one cost every record pays in
// every output, so the code that walks the record is generated from its
// declaration (writeRecord and the others in json_gen.go; see the package
// doc); the values it writes are written here.
func (r *Record) AppendJSON(dst []byte) ([]byte, error) {
	w := jsonWriter{b: dst}
	w.writeRecord(r)
	if w.err != nil {
		return dst, w.err
	}
	return w.b, nil
}

// jsonWriter appends JSON to b. The generated write methods write the
// objects and their keys; the methods here write the values.
type jsonWriter struct {
	b   []byte
	err error // the first value that could not be written, as encoding/json reports it
}

// decimal writes a Decimal as its digits, or fails as Decimal.MarshalJSON
// does.
func (w *jsonWriter) decimal(d Decimal) {
	if !ValidDecimal(string(d)) {
		if w.err == nil {
			_, err := d.MarshalJSON()
			w.err = &json.MarshalerError{Type: reflect.TypeFor[Decimal](), Err: err}
		}
		return
	}
	w.b = append(w.b, d...)
}

// list writes a list of strings; nil is null.
func (w *jsonWriter) list(v []string) {
	if v == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '[')
	for i, s := range v {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = appendJSONString(w.b, s)
	}
	w.b = append(w.b, ']')
}

// strMap writes a map of strings, keys sorted as encoding/json sorts them;
// nil is null.
func (w *jsonWriter) strMap(m map[string]string) {
	if m == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '{')
	var room [3]string
	for i, k := range sortedKeys(room[:0], m) {
		w.mapKey(i, k)
		w.b = appendJSONString(w.b, m[k])
	}
	w.b = append(w.b, '}')
}

// textMap writes a map of paragraph lists; nil is null.
func (w *jsonWriter) textMap(m map[string][]string) {
	if m == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '{')
	var room [3]string
	for i, k := range sortedKeys(room[:0], m) {
		w.mapKey(i, k)
		w.list(m[k])
	}
	w.b = append(w.b, '}')
}

// mapKey writes the i-th key of a map.
func (w *jsonWriter) mapKey(i int, k string) {
	if i > 0 {
		w.b = append(w.b, ',')
	}
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
}

// sortedKeys returns the keys of a map in the order encoding/json writes
// them: sorted as strings, appended to keys (room on the caller's stack).
// The maps of a record have one key per language, so this is cheap.
func sortedKeys[V any](keys []string, m map[string]V) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// appendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping off: '"' and '\\' escaped, control characters as \b,
// \f, \n, \r, \t or \u00XX, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// (line ends to JavaScript) as \u2028 and \u2029. Text that needs no escape
// is copied in runs, found eight bytes at a time where they are plain
// ASCII; other characters are decoded one by one, which also checks the
// UTF-8.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// A byte below 0x20, '"', '\\' or past ASCII sets its high
			// bit in t. t may flag a word that needs nothing (a borrow),
			// never miss one that does.
			const ones, highs = 0x0101010101010101, 0x8080808080808080
			x := load64(s, i)
			q, b := x^(ones*'"'), x^(ones*'\\')
			t := (x-ones*0x20)&^x | (q-ones)&^q | (b-ones)&^b | x
			if t&highs == 0 {
				i += 8
				continue
			}
		}
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a valid two-byte character (é, ñ…): nothing to escape
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load64 reads 8 bytes of s from i, little-endian (the compiler makes
// this one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
