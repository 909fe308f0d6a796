package model

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends r to dst as compact JSON: the bytes encoding/json
// writes for r with HTML escaping off (TestAppendJSONMatchesEncodingJSON
// and FuzzAppendJSON hold the two equal), at several times its speed and
// without its allocations. Encoding is the one cost every record pays in
// every output, so it is written out by hand here; the struct tags stay the
// contract, and any field added to the record must be added here too (the
// tests fail otherwise).
func (r *Record) AppendJSON(dst []byte) ([]byte, error) {
	w := jsonWriter{b: dst}
	w.open('{')
	w.str("kind", r.Kind, false)
	w.str("prima_id", r.PrimaID, true)
	w.str("project_id", r.ProjectID, true)
	w.str("status", r.Status, true)
	w.str("project_type", r.ProjectType, true)
	w.int("start_year", r.StartYear, true)
	w.int("end_year", r.EndYear, true)
	w.int("year", r.Year, true)
	if r.Budget != nil {
		if !ValidDecimal(string(r.Budget.Amount)) {
			return dst, fmt.Errorf("json: error calling MarshalJSON for type model.Decimal: decimal %q is not a number", string(r.Budget.Amount))
		}
		w.key("budget")
		w.open('{')
		w.key("amount")
		w.b = append(w.b, r.Budget.Amount...)
		w.str("currency", r.Budget.Currency, true)
		w.close('}')
	}
	w.str("coverage", r.Coverage, true)
	w.str("idf_region", r.IDFRegion, true)
	objectArray(&w, "member_states", r.MemberStates, func(m *MemberState) {
		w.str("code", m.Code, true)
		w.str("name", m.Name, false)
	})
	w.strs("languages", r.Languages, true)
	if len(r.Title) > 0 {
		w.key("title")
		w.open('{')
		var room [3]string
		for _, k := range sortedKeys(room[:0], r.Title) {
			w.str(k, r.Title[k], false)
		}
		w.close('}')
	}
	w.textMap("body", r.Body)
	w.textMap("outcomes", r.Outcomes)
	w.str("date", r.Date, true)
	w.str("place", r.Place, true)
	if r.Office != nil {
		w.key("office")
		w.open('{')
		w.str("country", r.Office.Country, false)
		w.int("since", r.Office.Since, true)
		w.close('}')
	}
	objectArray(&w, "contacts", r.Contacts, func(c *Contact) {
		w.str("name", c.Name, true)
		w.str("organisation", c.Organisation, true)
		w.str("phone", c.Phone, true)
		w.str("email", c.Email, true)
	})
	w.strs("links", r.Links, true)
	objectArray(&w, "sources", r.Sources, w.source)
	objectArray(&w, "conflicts", r.Conflicts, func(c *Conflict) {
		w.str("field", c.Field, false)
		w.key("values")
		w.strMap(c.Values)
		if len(c.ByPath) > 0 {
			w.key("by_path")
			w.strMap(c.ByPath)
		}
	})
	objectArray(&w, "diagnostics", r.Diagnostics, func(d *Diagnostic) {
		w.str("severity", d.Severity, false)
		w.str("code", d.Code, false)
		w.str("path", d.Path, false)
		w.int("line", d.Line, true)
		w.str("message", d.Message, false)
	})
	w.close('}')
	return w.b, nil
}

// source writes the members of one source.
func (w *jsonWriter) source(s *Source) {
	w.str("path", s.Path, false)
	w.str("lang", s.Lang, true)
	w.str("format", s.Format, false)
	w.str("layout", s.Layout, true)
	w.str("url", s.URL, true)
	w.str("sha256", s.SHA256, false)
	w.int("bytes", s.Bytes, false)
	objectArray(w, "fields", s.Fields, func(f *Field) {
		w.str("key", f.Key, true)
		w.str("label", f.Label, true)
		w.str("value", f.Value, true)
		w.int("line", f.Line, false)
	})
}

// objectArray writes an omitempty array of objects under key, members
// writing each object's members.
func objectArray[T any](w *jsonWriter, key string, items []T, members func(*T)) {
	if len(items) == 0 {
		return
	}
	w.key(key)
	w.open('[')
	for i := range items {
		w.elem()
		w.open('{')
		members(&items[i])
		w.close('}')
	}
	w.close(']')
}

// jsonWriter appends JSON to b, keeping track of the commas.
type jsonWriter struct {
	b     []byte
	first bool // nothing written yet in the object or array just opened
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.first = true
}

func (w *jsonWriter) close(c byte) {
	w.b = append(w.b, c)
	w.first = false
}

// elem starts an array element.
func (w *jsonWriter) elem() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
}

// key starts an object member.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
}

func (w *jsonWriter) str(k, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

func (w *jsonWriter) int(k string, v int, omitEmpty bool) {
	if omitEmpty && v == 0 {
		return
	}
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

// strs writes a list of strings; nil is null unless omitted.
func (w *jsonWriter) strs(k string, v []string, omitEmpty bool) {
	if omitEmpty && len(v) == 0 {
		return
	}
	w.key(k)
	w.list(v)
}

func (w *jsonWriter) list(v []string) {
	if v == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for _, s := range v {
		w.elem()
		w.b = appendJSONString(w.b, s)
	}
	w.close(']')
}

// strMap writes a map of strings, keys sorted as encoding/json sorts them;
// nil is null.
func (w *jsonWriter) strMap(m map[string]string) {
	if m == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('{')
	var room [3]string
	for _, k := range sortedKeys(room[:0], m) {
		w.str(k, m[k], false)
	}
	w.close('}')
}

// textMap writes an omitempty map of paragraph lists.
func (w *jsonWriter) textMap(k string, m map[string][]string) {
	if len(m) == 0 {
		return
	}
	w.key(k)
	w.open('{')
	var room [3]string
	for _, lang := range sortedKeys(room[:0], m) {
		w.key(lang)
		w.list(m[lang])
	}
	w.close('}')
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
