package encode

import "bytes"

// appendIndented appends compact, JSON with no white space outside its
// strings as model.Record.AppendJSON writes it, indented as json.Indent
// indents it with prefix and indent: each element of an object or array on
// a line of its own, after the prefix and one indent per level; a space
// after each colon; empty objects and arrays left as {} and [].
// TestAppendIndented and FuzzAppendIndented hold the two equal.
//
// It is what -f json writes every record with: json.Indent runs encoding/
// json's validating scanner over every byte, which cost more than encoding
// the records did (1.2 s of CPU on 100,000 pages); this pass trusts its
// input, copies each string with one search for its closing quote, and
// looks at the other bytes one by one.
func appendIndented(dst, compact []byte, prefix, indent string) []byte {
	depth := 0
	// pad is the prefix and the indents of the first levels, on the
	// stack: a new line is one append of a slice of it, not one per level.
	var padRoom [64]byte
	pad := append(padRoom[:0], prefix...)
	for len(pad)+len(indent) <= len(padRoom) && len(indent) > 0 {
		pad = append(pad, indent...)
	}
	newline := func() {
		dst = append(dst, '\n')
		if n := len(prefix) + depth*len(indent); n >= 0 && n <= len(pad) {
			dst = append(dst, pad[:n]...)
			return
		}
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(compact); i++ {
		switch c := compact[i]; c {
		case '"':
			end := stringEnd(compact, i+1)
			dst = append(dst, compact[i:end]...)
			i = end - 1
		case '{', '[':
			if i+1 < len(compact) && (compact[i+1] == '}' || compact[i+1] == ']') {
				dst = append(dst, c, compact[i+1])
				i++
				continue
			}
			dst = append(dst, c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the quote that closes the JSON
// string whose content starts at start: the first quote not escaped, that is
// not after an odd number of backslashes. Past the end of b when unclosed.
func stringEnd(b []byte, start int) int {
	for i := start; ; {
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			return len(b)
		}
		q += i
		slashes := 0
		for j := q - 1; j >= start && b[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 0 {
			return q + 1
		}
		i = q + 1
	}
}
