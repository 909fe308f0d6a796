package parser

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
	"golang.org/x/text/encoding/charmap"
)

// Decode returns data as UTF-8. A UTF-8 byte-order mark, or content that is
// valid UTF-8 throughout, is taken as UTF-8; anything else is read as
// windows-1252, the usual encoding of old Western pages, with an
// encoding-guessed warning. The whole input is checked, not a first
// kilobyte, so a UTF-8 page whose first accent comes late is not misread.
func Decode(path string, data []byte) ([]byte, []model.Diagnostic) {
	if bytes.HasPrefix(data, []byte("\ufeff")) || utf8.Valid(data) {
		return data, nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		// windows-1252 maps every byte, so this does not happen; keep
		// the bytes as they are rather than lose the page.
		return data, []model.Diagnostic{{Severity: model.SeverityWarning, Code: model.CodeInvalidUTF8, Path: path, Message: fmt.Sprintf("cannot decode: %v", err)}}
	}
	return out, []model.Diagnostic{{
		Severity: model.SeverityWarning, Code: model.CodeEncodingGuessed, Path: path, Line: firstInvalidLine(data),
		Message: "not valid UTF-8; read as windows-1252",
	}}
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
