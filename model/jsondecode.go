package model

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeJSON reads a record into r as json.Unmarshal does. A record in the
// shape AppendJSON writes (its fields in its order, each at most once, any
// white space) is read in one pass without reflection, several times
// faster (TestDecodeJSON and FuzzDecodeJSON hold the result equal to
// json.Unmarshal's); anything else is handed to json.Unmarshal, which also
// gives the errors. Pairing reads every record of a project published in
// several languages back from disk, so this is on the path of every
// ingest.
func DecodeJSON(data []byte, r *Record) error {
	d := jsonDecoder{b: data}
	var rec Record
	if d.record(&rec) && d.end() {
		*r = rec
		return nil
	}
	*r = Record{}
	return json.Unmarshal(data, r)
}

// jsonDecoder reads JSON from b. Its methods report false at the first
// thing they do not expect; the record is then read by json.Unmarshal.
type jsonDecoder struct {
	b []byte
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
	if d.peek() == 'n' && len(d.b)-d.i >= 4 && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// fields reads an object whose keys are among keys, in their order, each
// at most once (AppendJSON's shape), calling set with the key's index and
// the decoder at its value.
func (d *jsonDecoder) fields(keys []string, set func(i int) bool) bool {
	if !d.eat('{') {
		return false
	}
	if d.eat('}') {
		return true
	}
	next := 0 // keys before next are behind us
	for {
		key, ok := d.str()
		if !ok || !d.eat(':') {
			return false
		}
		i := next
		for i < len(keys) && keys[i] != key {
			i++
		}
		if i == len(keys) || !set(i) {
			return false
		}
		next = i + 1
		if d.eat('}') {
			return true
		}
		if !d.eat(',') {
			return false
		}
	}
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
			return string(s), utf8.Valid(s)
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
	out := append([]byte(nil), d.b[start:d.i]...)
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
	for _, c := range d.b[d.i : d.i+4] {
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
func (d *jsonDecoder) number(fraction bool) ([]byte, bool) {
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
		return nil, false // no digits, or a leading zero
	}
	if fraction && d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		f := d.i
		for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
			d.i++
		}
		if d.i == f {
			return nil, false
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		return nil, false
	}
	return d.b[start:d.i], true
}

func (d *jsonDecoder) intField(p *int) bool {
	b, ok := d.number(false)
	if !ok {
		return false
	}
	v, err := strconv.Atoi(string(b))
	*p = v
	return err == nil
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
	v := []string{}
	ok := d.array(func() bool {
		s, ok := d.str()
		v = append(v, s)
		return ok
	})
	*p = v
	return ok
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

// objects reads an array of objects, each by one, into *p (a non-nil
// slice, as encoding/json makes of an array).
func objects[T any](d *jsonDecoder, p *[]T, one func(*T) bool) bool {
	*p = []T{}
	return d.array(func() bool {
		var v T
		ok := one(&v)
		*p = append(*p, v)
		return ok
	})
}

// The keys of each object in AppendJSON's order.
var (
	recordKeys = []string{"kind", "prima_id", "project_id", "status", "project_type", "start_year",
		"end_year", "year", "budget", "coverage", "idf_region", "member_states", "languages", "title",
		"body", "outcomes", "date", "place", "office", "contacts", "links", "sources", "conflicts",
		"diagnostics"}
	budgetKeys     = []string{"amount", "currency"}
	stateKeys      = []string{"code", "name"}
	officeKeys     = []string{"country", "since"}
	contactKeys    = []string{"name", "organisation", "phone", "email"}
	sourceKeys     = []string{"path", "lang", "format", "layout", "url", "sha256", "bytes", "fields"}
	fieldKeys      = []string{"key", "label", "value", "line"}
	conflictKeys   = []string{"field", "values", "by_path"}
	diagnosticKeys = []string{"severity", "code", "path", "line", "message"}
)

func (d *jsonDecoder) record(r *Record) bool {
	strs := []*string{0: &r.Kind, 1: &r.PrimaID, 2: &r.ProjectID, 3: &r.Status, 4: &r.ProjectType,
		9: &r.Coverage, 10: &r.IDFRegion, 16: &r.Date, 17: &r.Place, 23: nil}
	ints := []*int{5: &r.StartYear, 6: &r.EndYear, 7: &r.Year, 23: nil}
	return d.fields(recordKeys, func(i int) bool {
		switch {
		case strs[i] != nil:
			return d.strField(strs[i])
		case ints[i] != nil:
			return d.intField(ints[i])
		}
		switch recordKeys[i] {
		case "budget":
			r.Budget = &Budget{}
			return d.fields(budgetKeys, func(i int) bool {
				if i == 1 {
					return d.strField(&r.Budget.Currency)
				}
				b, ok := d.number(true)
				r.Budget.Amount = Decimal(b)
				return ok && ValidDecimal(string(b))
			})
		case "member_states":
			return objects(d, &r.MemberStates, func(m *MemberState) bool {
				return d.fields(stateKeys, func(i int) bool { return d.strField([]*string{&m.Code, &m.Name}[i]) })
			})
		case "languages":
			return d.strs(&r.Languages)
		case "title":
			return d.strMap(&r.Title)
		case "body":
			return d.textMap(&r.Body)
		case "outcomes":
			return d.textMap(&r.Outcomes)
		case "office":
			r.Office = &Office{}
			return d.fields(officeKeys, func(i int) bool {
				if i == 0 {
					return d.strField(&r.Office.Country)
				}
				return d.intField(&r.Office.Since)
			})
		case "contacts":
			return objects(d, &r.Contacts, func(c *Contact) bool {
				return d.fields(contactKeys, func(i int) bool {
					return d.strField([]*string{&c.Name, &c.Organisation, &c.Phone, &c.Email}[i])
				})
			})
		case "links":
			return d.strs(&r.Links)
		case "sources":
			return objects(d, &r.Sources, d.source)
		case "conflicts":
			return objects(d, &r.Conflicts, func(c *Conflict) bool {
				return d.fields(conflictKeys, func(i int) bool {
					switch i {
					case 0:
						return d.strField(&c.Field)
					case 1:
						return d.strMap(&c.Values)
					}
					return d.strMap(&c.ByPath)
				})
			})
		case "diagnostics":
			return objects(d, &r.Diagnostics, func(g *Diagnostic) bool {
				return d.fields(diagnosticKeys, func(i int) bool {
					if i == 3 {
						return d.intField(&g.Line)
					}
					return d.strField([]*string{&g.Severity, &g.Code, &g.Path, nil, &g.Message}[i])
				})
			})
		}
		return false
	})
}

func (d *jsonDecoder) source(s *Source) bool {
	return d.fields(sourceKeys, func(i int) bool {
		switch i {
		case 6:
			return d.intField(&s.Bytes)
		case 7:
			return objects(d, &s.Fields, func(f *Field) bool {
				return d.fields(fieldKeys, func(i int) bool {
					if i == 3 {
						return d.intField(&f.Line)
					}
					return d.strField([]*string{&f.Key, &f.Label, &f.Value}[i])
				})
			})
		}
		return d.strField([]*string{&s.Path, &s.Lang, &s.Format, &s.Layout, &s.URL, &s.SHA256}[i])
	})
}
