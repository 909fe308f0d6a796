package model

import (
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// EscapePath is how an input's path enters a record, its diagnostics and
// the --report file: as itself when it is plain text, as it almost always
// is; else with each byte that is not part of valid UTF-8, and each control
// character (U+0000–U+001F, U+007F, U+0080–U+009F), written as \xNN (two
// lower-case hexadecimal digits per byte), and each backslash doubled.
//
// So the path is valid UTF-8 in every format (encoding/json, YAML and CSV
// would otherwise each replace the bytes, making two names one: bad\xff.txt
// and bad\xfe.txt both "bad\ufffd.txt"), two names stay two (the escaping is
// undone by reading \\ as \ and \xNN as the byte), and no name holding a
// newline can forge a line of the diagnostics. Where the backslash
// separates folders (Windows) it is not doubled: it cannot be part of a
// name.
func EscapePath(p string) string {
	if !needsEscape(p) {
		return p
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\' && filepath.Separator != '\\':
				b.WriteString(`\\`)
			case isControl(rune(c)):
				writeHexByte(&b, c)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		if r == utf8.RuneError && size == 1 || isControl(r) {
			for j := range size {
				writeHexByte(&b, p[i+j])
			}
		} else {
			b.WriteString(p[i : i+size])
		}
		i += size
	}
	return b.String()
}

// needsEscape reports whether EscapePath changes p.
func needsEscape(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && filepath.Separator != '\\', c < 0x20, c == 0x7f:
			return true
		case c == 0xC2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f: // U+0080–U+009F
			return true
		}
	}
	return !utf8.ValidString(p)
}

// EscapeControls writes each control character of s (U+0000–U+001F but
// tab, U+007F, U+0080–U+009F) as \xNN per byte, for text printed one item a
// line (a diagnostic, an error message): a path or a message that holds a
// newline could otherwise forge a line of its own. Paths from the inputs
// are escaped already (EscapePath); this catches those from elsewhere (a
// record read by pair, a flag's value).
func EscapeControls(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) && r != '\t' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isControl(r) && r != '\t' {
			for j := range size {
				writeHexByte(&b, s[i+j])
			}
		} else {
			b.WriteString(s[i : i+size]) // bytes that are not UTF-8 too, as they were
		}
		i += size
	}
	return b.String()
}

// isControl reports whether r is a C0 or C1 control character, or DEL.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

func writeHexByte(b *strings.Builder, c byte) {
	const hex = "0123456789abcdef"
	b.WriteString(`\x`)
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&0xf])
}
