package parser

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser/html"
	"github.com/iomparse/iomparse/parser/text"
)

// Names of the character sets Decode reports most often.
const (
	CharsetUTF8        = "utf-8"
	CharsetWindows1252 = "windows-1252"
)

// LookupEncoding returns the canonical name of the character set called
// name (any WHATWG label: "latin1", "cp1252", "UTF8", "iso-8859-15"…), or an
// error when no character set goes by that name. Commands validate
// --encoding with it before reading anything.
func LookupEncoding(name string) (string, error) {
	_, canonical, err := lookupEncoding(name)
	return canonical, err
}

func lookupEncoding(name string) (encoding.Encoding, string, error) {
	enc, err := htmlindex.Get(strings.TrimSpace(name))
	if err != nil {
		return nil, "", fmt.Errorf("unknown character set %q", name)
	}
	canonical, err := htmlindex.Name(enc)
	if err != nil || enc == encoding.Replacement {
		return nil, "", fmt.Errorf("character set %q cannot be decoded", name)
	}
	return enc, canonical, nil
}

// boms are the byte-order marks Decode recognises, longest first.
var boms = []struct {
	mark []byte
	name string
	enc  encoding.Encoding
}{
	{[]byte(text.BOM), CharsetUTF8, nil},
	{[]byte("\xff\xfe"), "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
	{[]byte("\xfe\xff"), "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
}

// Decode returns data as UTF-8 with no byte-order mark, the name of the
// character set it was read in, and the diagnostics of the guess, if it was
// one. The character set is chosen, first match wins:
//
//  1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE), which no declaration
//     can contradict (browsers let it win over even the HTTP header);
//  2. forced, the user's --encoding, when not empty;
//  3. for an HTML page, its <meta charset> or http-equiv Content-Type
//     declaration, wherever it is in the <head> (not only in the first
//     kilobyte) — unless the declaration is plainly wrong: a page declared
//     UTF-8 that is not valid UTF-8 is read as windows-1252, and a page
//     declared in another character set whose bytes are valid UTF-8 with
//     non-ASCII characters is read as UTF-8 (no real text in a legacy
//     single-byte set is valid UTF-8 by chance); both with an
//     encoding-guessed warning;
//  4. UTF-8, when the whole input is valid UTF-8;
//  5. windows-1252, the usual encoding of old Western pages, with an
//     encoding-guessed warning.
//
// The whole input is checked at step 4, not a first kilobyte as
// golang.org/x/net/html/charset.DetermineEncoding does, so a UTF-8 page
// whose first accent comes after a long ASCII <head> is not misread as
// windows-1252. Decoding keeps every line end, so line numbers in the
// output are those of the file.
func Decode(path string, data []byte, forced string) ([]byte, string, []model.Diagnostic) {
	return DecodeHints(path, data, forced, Hints{})
}

// Hints are what is known of a page besides its path and bytes, from where
// it was read: the HTTP response that served it (a web archive's record),
// or the name of a compressed file before its .gz. The zero value knows
// nothing more.
type Hints struct {
	// HTML tells that the page is HTML though its path does not say so:
	// it was served as text/html or application/xhtml+xml, or its name
	// before compression ends in .html. Like a .html name, it makes HTML
	// of a document that opens with any tag (a saved fragment).
	HTML bool
	// Charset is the character set the page was served in: the charset
	// parameter of its HTTP Content-Type, "" when none was given.
	Charset string
}

// DecodeHints is Decode for a page known by hints. The character set its
// server gave comes between steps 2 and 3 of Decode: after a byte-order
// mark and forced, before the page's own declaration, as browsers read
// it. Servers are wrong as often as pages: a charset this package does
// not know is ignored (as browsers do), and so is one the bytes plainly
// contradict (UTF-8 that is not valid UTF-8, a legacy set for bytes that
// are valid UTF-8 with non-ASCII characters, UTF-16 without a NUL byte),
// so that the page's declaration and the detection decide, as they do for
// the same page read from a file.
func DecodeHints(path string, data []byte, forced string, hints Hints) ([]byte, string, []model.Diagnostic) {
	for _, b := range boms {
		if bytes.HasPrefix(data, b.mark) {
			if b.enc == nil {
				return decodeUTF8BOM(path, data[len(b.mark):])
			}
			return decodeWith(path, data[len(b.mark):], b.enc, b.name)
		}
	}
	if forced != "" {
		enc, name, err := lookupEncoding(forced)
		if err == nil {
			return decodeWith(path, data, enc, name)
		}
		// Commands validate --encoding first; a library caller's bad
		// name is reported and detection goes on.
		d := model.Diagnostic{Severity: model.SeverityWarning, Code: model.CodeEncodingGuessed, Path: path, Message: err.Error() + "; detecting instead"}
		out, name, diags := DecodeHints(path, data, "", hints)
		return out, name, append([]model.Diagnostic{d}, diags...)
	}
	valid := utf8.Valid(data)
	if hints.Charset != "" {
		if out, name, diags, ok := decodeServed(path, data, hints.Charset, valid); ok {
			return out, name, diags
		}
	}
	if isDocument(path, data, hints) {
		if label, line := html.DeclaredCharset(data); label != "" {
			return decodeDeclared(path, data, label, line, valid)
		}
	}
	if valid {
		return data, CharsetUTF8, nil
	}
	return guess1252(path, data, "not valid UTF-8 and no character set declared; read as windows-1252")
}

// decodeServed reads a page in the character set its server gave, unless
// this package does not know it or the bytes plainly contradict it (see
// DecodeHints): ok is then false.
func decodeServed(path string, data []byte, label string, valid bool) (out []byte, name string, diags []model.Diagnostic, ok bool) {
	enc, name, err := lookupEncoding(label)
	switch {
	case err != nil:
		return nil, "", nil, false
	case strings.HasPrefix(name, "utf-16"):
		// Unlike a declaration in the page, HTTP can say UTF-16; its
		// ASCII then holds NUL bytes.
		if bytes.IndexByte(data, 0) < 0 {
			return nil, "", nil, false
		}
	case name == CharsetUTF8:
		return data, CharsetUTF8, nil, valid
	case valid && !isASCII(data):
		return nil, "", nil, false
	}
	out, name, diags = decodeWith(path, data, enc, name)
	return out, name, diags, true
}

// DetectFormat returns the format of a page: FormatHTML when it is an
// HTML document by its content, by a .html name, or by hints.HTML (see
// Hints), else FormatText. Parse detects so a Document whose Format is
// empty, knowing no hints.
func DetectFormat(path string, data []byte, hints Hints) string {
	if isDocument(path, data, hints) {
		return FormatHTML
	}
	return FormatText
}

// isDocument is html.IsDocument with the hint that a page is HTML, which
// weighs as a .html name does: html.IsDocument is asked of a name that
// says so.
func isDocument(path string, data []byte, hints Hints) bool {
	if hints.HTML {
		return html.IsDocument(".html", data)
	}
	return html.IsDocument(path, data)
}

// decodeDeclared reads an HTML page in the character set it declares at
// line, unless the bytes plainly contradict the declaration (see Decode).
func decodeDeclared(path string, data []byte, label string, line int, valid bool) ([]byte, string, []model.Diagnostic) {
	enc, name, err := lookupEncoding(label)
	switch {
	case err != nil:
		if valid {
			return data, CharsetUTF8, nil
		}
		return guess1252(path, data, fmt.Sprintf("declares the unknown character set %q (line %d) and is not valid UTF-8; read as windows-1252", label, line))
	case strings.HasPrefix(name, "utf-16"):
		// A UTF-16 page without a byte-order mark cannot hold its
		// ASCII-compatible declaration; HTML says to read it as UTF-8.
		name = CharsetUTF8
	}
	if name == CharsetUTF8 {
		if valid {
			return data, CharsetUTF8, nil
		}
		return guess1252(path, data, fmt.Sprintf("declared UTF-8 (line %d) but not valid UTF-8; read as windows-1252", line))
	}
	if valid && !isASCII(data) {
		return data, CharsetUTF8, []model.Diagnostic{{
			Severity: model.SeverityWarning, Code: model.CodeEncodingGuessed, Path: path, Line: line,
			Message: fmt.Sprintf("declared %s but the bytes are valid UTF-8; read as UTF-8", name),
		}}
	}
	return decodeWith(path, data, enc, name)
}

// decodeUTF8BOM reads what follows a UTF-8 byte-order mark. The mark
// wins, as in browsers: bytes that are not valid UTF-8 become U+FFFD, with
// an invalid-utf8 warning at the first of them, so that no invalid UTF-8
// reaches the record.
func decodeUTF8BOM(path string, data []byte) ([]byte, string, []model.Diagnostic) {
	if utf8.Valid(data) {
		return data, CharsetUTF8, nil
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD")), CharsetUTF8, []model.Diagnostic{{
		Severity: model.SeverityWarning, Code: model.CodeInvalidUTF8, Path: path, Line: firstInvalidLine(data),
		Message: "a UTF-8 byte-order mark, then bytes that are not UTF-8; replaced by U+FFFD",
	}}
}

// decodeWith decodes data with enc. Decoders of x/text replace what they
// cannot map rather than fail, so an error is a surprise; the bytes are then
// kept as they are rather than lose the page.
func decodeWith(path string, data []byte, enc encoding.Encoding, name string) ([]byte, string, []model.Diagnostic) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data, name, []model.Diagnostic{{Severity: model.SeverityWarning, Code: model.CodeInvalidUTF8, Path: path, Message: fmt.Sprintf("cannot decode as %s: %v", name, err)}}
	}
	return out, name, nil
}

// guess1252 reads data as windows-1252 and says so, at the first line that
// is not valid UTF-8.
func guess1252(path string, data []byte, message string) ([]byte, string, []model.Diagnostic) {
	out, name, diags := decodeWith(path, data, charmap.Windows1252, CharsetWindows1252)
	return out, name, append(diags, model.Diagnostic{
		Severity: model.SeverityWarning, Code: model.CodeEncodingGuessed, Path: path, Line: firstInvalidLine(data),
		Message: message,
	})
}

// isASCII reports whether data holds only 7-bit bytes.
func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// firstInvalidLine returns the 1-based line of the first byte that is not
// valid UTF-8.
func firstInvalidLine(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if data[i] == '\n' {
			line++
		}
		i += size
	}
	return line
}

// LooksLikeHTML reports whether data is an HTML document, by its content
// (see html.LooksLike).
func LooksLikeHTML(data []byte) bool { return html.LooksLike(data) }
