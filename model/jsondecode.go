package model

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeJSON reads a record into r as json.Unmarshal does. A record in the
// shape AppendJSON writes (its fields in its order, each at most once, any
// white space) is read in one pass without reflection by code generated
// from the record's declaration (readRecord and the others in
// json_gen.go), several times faster (BenchmarkDecodeJSON;
// TestDecodeJSON and FuzzDecodeJSON hold the result equal to
// json.Unmarshal's); anything else is handed to json.Unmarshal, which also
// gives the errors. Pairing reads every record of a project published in
// several languages back from disk, so this is on the path of every
// ingest.
//
// The record's strings are cut from one copy of data, made once: they do
// not share memory with data, but a string kept from the record keeps the
// whole copy alive.
func DecodeJSON(data []byte, r *Record) error {
	d := jsonDecoder{b: string(data)}
	var rec Record
	if d.readRecord(&rec) && d.end() {
		*r = rec
		return nil
	}
	*r = Record{}
	return json.Unmarshal(data, r)
}

// jsonDecoder reads JSON from b. The generated read methods read the
// objects and their keys; the methods here read the values. They report
// false at the first thing they do not expect; the record is then read by
// json.Unmarshal.
type jsonDecoder struct {
	b string
	i int
}

// peek returns the next byte after white space, 0 at the end.
func (d *jsonDecoder) peek() byte {
	for d.i < len(d.b) {
		switch c := d.b[d.i]; c {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return c
		}
	}
	return 0
}

func (d *jsonDecoder) eat(c byte) bool {
	if d.peek() == c {
		d.i++
		return true
	}
	return false
}

func (d *jsonDecoder) end() bool { return d.peek() == 0 && d.i == len(d.b) }

func (d *jsonDecoder) null() bool {
	if d.peek() == 'n' && len(d.b)-d.i >= 4 && d.b[d.i:d.i+4] == "null" {
		d.i += 4
		return true
	}
	return false
}

// key reads an object's key and the colon after it. A key holding an
// escape is left to encoding/json: the record's keys need none.
func (d *jsonDecoder) key() (string, bool) {
	if !d.eat('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			k := d.b[start:d.i]
			d.i++
			return k, d.eat(':')
		case c == '\\' || c < 0x20:
			return "", false
		}
		d.i++
	}
	return "", false
}

// members reads an object of any keys, each at most once in sorted order
// (as encoding/json writes maps), calling set with the key.
func (d *jsonDecoder) members(set func(key string) bool) bool {
	if !d.eat('{') {
		return false
	}
	if d.eat('}') {
		return true
	}
	for first, last := true, ""; ; first = false {
		key, ok := d.str()
		if !ok || !first && key <= last || !d.eat(':') || !set(key) {
			return false
		}
		last = key
		if d.eat('}') {
			return true
		}
		if !d.eat(',') {
			return false
		}
	}
}

// array reads an array, calling elem for each element.
func (d *jsonDecoder) array(elem func() bool) bool {
	if !d.eat('[') {
		return false
	}
	if d.eat(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if d.eat(']') {
			return true
		}
		if !d.eat(',') {
			return false
		}
	}
}

// str reads a string. A string holding invalid UTF-8 is left to
// encoding/json, which replaces it in its own way.
func (d *jsonDecoder) str() (string, bool) {
	if !d.eat('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			s := d.b[start:d.i]
			d.i++
			return s, utf8.ValidString(s)
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return "", false
		}
		d.i++
	}
	return "", false
}

// escaped reads the rest of a string that holds escapes, from start.
func (d *jsonDecoder) escaped(start int) (string, bool) {
	out := []byte(d.b[start:d.i])
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return string(out), utf8.Valid(out)
		case c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.b) {
			return "", false
		}
		e := d.b[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// A pair, as encoding/json reads it; a lone half is U+FFFD.
				r2, ok := rune(-1), false
				if save := d.i; len(d.b)-d.i >= 2 && d.b[d.i] == '\\' && d.b[d.i+1] == 'u' {
					d.i += 2
					if r2, ok = d.hex4(); !ok {
						d.i = save
					}
				}
				if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
					out = utf8.AppendRune(out, dec)
					continue
				}
				if ok {
					d.i -= 6 // the second escape is read again on its own
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	return "", false
}

// hex4 reads the four hexadecimal digits of a \u escape.
func (d *jsonDecoder) hex4() (rune, bool) {
	if len(d.b)-d.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(d.b[d.i : d.i+4]) {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	d.i += 4
	return r, true
}

// number returns the text of a number: an optional minus and digits, with
// a fraction (Decimal's shape); anything else is left to encoding/json.
func (d *jsonDecoder) number(fraction bool) (string, bool) {
	d.peek()
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	if d.i == digits || d.b[digits] == '0' && d.i > digits+1 {
		return "", false // no digits, or a leading zero
	}
	if fraction && d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		f := d.i
		for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
			d.i++
		}
		if d.i == f {
			return "", false
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		return "", false
	}
	return d.b[start:d.i], true
}

func (d *jsonDecoder) intField(p *int) bool {
	b, ok := d.number(false)
	if !ok {
		return false
	}
	v, err := strconv.Atoi(b)
	*p = v
	return err == nil
}

// decimal reads a Decimal: a number, as Decimal.UnmarshalJSON accepts it.
func (d *jsonDecoder) decimal(p *Decimal) bool {
	b, ok := d.number(true)
	*p = Decimal(b)
	return ok && ValidDecimal(b)
}

func (d *jsonDecoder) strField(p *string) bool {
	s, ok := d.str()
	*p = s
	return ok
}

// strs reads an array of strings; null is nil.
func (d *jsonDecoder) strs(p *[]string) bool {
	if d.null() {
		*p = nil
		return true
	}
	*p = make([]string, 0, 4) // room for most lists: growing from 1 was a fifth of the decoding
	return d.array(func() bool {
		s, ok := d.str()
		*p = append(*p, s)
		return ok
	})
}

// strMap reads an object of strings; null is nil.
func (d *jsonDecoder) strMap(p *map[string]string) bool {
	if d.null() {
		*p = nil
		return true
	}
	m := map[string]string{}
	*p = m
	return d.members(func(k string) bool {
		s, ok := d.str()
		m[k] = s
		return ok
	})
}

// textMap reads an object of string arrays; null is nil.
func (d *jsonDecoder) textMap(p *map[string][]string) bool {
	if d.null() {
		*p = nil
		return true
	}
	m := map[string][]string{}
	*p = m
	return d.members(func(k string) bool {
		var v []string
		ok := d.strs(&v)
		m[k] = v
		return ok
	})
}

// readPtr reads an object into a new *T with read; null is nil, as
// encoding/json makes it.
func readPtr[T any](d *jsonDecoder, p **T, read func(*jsonDecoder, *T) bool) bool {
	if d.null() {
		*p = nil
		return true
	}
	*p = new(T)
	return read(d, *p)
}

// readArray reads an array of objects, each in place by read, into a
// non-nil slice, as encoding/json makes of an array; null is nil.
func readArray[T any](d *jsonDecoder, p *[]T, read func(*jsonDecoder, *T) bool) bool {
	if d.null() {
		*p = nil
		return true
	}
	*p = make([]T, 0, 4) // as in strs
	return d.array(func() bool {
		var zero T
		*p = append(*p, zero)
		return read(d, &(*p)[len(*p)-1])
	})
}
