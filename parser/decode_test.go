package parser

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/iomparse/iomparse/model"
)

// TestDecodeHints holds the character set a server gives (a web archive's
// record) to its place: after a byte-order mark and --encoding, before the
// page's declaration, ignored when unknown or contradicted by the bytes.
func TestDecodeHints(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		forced  string
		served  string
		want    string
		charset string
		guessed int // line of the encoding-guessed warning, -1 for none
	}{
		{"served windows-1252, undeclared", "Ann\xe9e", "", "windows-1252", "Année", "windows-1252", -1},
		{"served latin1, declared utf-8 in the page", "<html><meta charset=utf-8>F\xe8s", "", "iso-8859-1", "<html><meta charset=utf-8>Fès", "windows-1252", -1},
		{"served iso-8859-15", "\xa4", "", "ISO-8859-15", "€", "iso-8859-15", -1},
		{"served utf-8", "<html><meta charset=windows-1252>Perú", "", "utf-8", "<html><meta charset=windows-1252>Perú", "utf-8", -1},
		{"BOM beats the server", "\xef\xbb\xbfAnnée", "", "windows-1252", "Année", "utf-8", -1},
		{"--encoding beats the server", "Ann\xe9e", "windows-1252", "utf-8", "Année", "windows-1252", -1},
		{"served utf-16le", "A\x00\xe9\x00", "", "utf-16le", "Aé", "utf-16le", -1},
		// Contradicted or unknown: as without the hint.
		{"served utf-8, really windows-1252, declared", "<html><meta charset=windows-1252>Per\xfa", "", "utf-8", "<html><meta charset=windows-1252>Perú", "windows-1252", -1},
		{"served utf-8, really windows-1252, undeclared", "Per\xfa", "", "utf-8", "Perú", "windows-1252", 1},
		{"served windows-1252, really utf-8", "<html><meta charset=utf-8>Perú", "", "windows-1252", "<html><meta charset=utf-8>Perú", "utf-8", -1},
		{"served utf-16 without NUL", "Perú", "", "utf-16", "Perú", "utf-8", -1},
		{"served unknown", "<html><meta charset=windows-1252>Per\xfa", "", "klingon", "<html><meta charset=windows-1252>Perú", "windows-1252", -1},
		{"served ascii page in a legacy set", "Peru", "", "windows-1252", "Peru", "windows-1252", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, charset, diags := DecodeHints("p", []byte(tt.in), tt.forced, Hints{Charset: tt.served})
			if string(out) != tt.want || charset != tt.charset {
				t.Errorf("DecodeHints = %q, %q; want %q, %q", out, charset, tt.want, tt.charset)
			}
			line := -1
			for _, d := range diags {
				if d.Code == model.CodeEncodingGuessed {
					line = d.Line
				}
			}
			if line != tt.guessed {
				t.Errorf("encoding-guessed at line %d, want %d (diagnostics %v)", line, tt.guessed, diags)
			}
		})
	}
}

// TestDetectFormat holds Hints.HTML to weigh as a .html name does.
func TestDetectFormat(t *testing.T) {
	fragment := []byte("<div>fragment, <meta charset=windows-1252> Per\xfa</div>")
	tests := []struct {
		name  string
		path  string
		data  []byte
		hints Hints
		want  string
	}{
		{"document", "p", []byte("<!DOCTYPE html><p>x"), Hints{}, FormatHTML},
		{"text", "p.txt", []byte("Prima ID\n"), Hints{}, FormatText},
		{"fragment named .html", "p.html", fragment, Hints{}, FormatHTML},
		{"fragment named otherwise", "crawl.warc.gz#3162", fragment, Hints{}, FormatText},
		{"fragment served as HTML", "crawl.warc.gz#3162", fragment, Hints{HTML: true}, FormatHTML},
		{"text served as HTML", "crawl.warc.gz#3162", []byte("Prima ID\n"), Hints{HTML: true}, FormatText},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.path, tt.data, tt.hints); got != tt.want {
			t.Errorf("%s: DetectFormat = %q, want %q", tt.name, got, tt.want)
		}
	}
	// A fragment known to be HTML has its declaration read, as a .html
	// file's is.
	if _, charset, _ := DecodeHints("crawl.warc.gz#3162", fragment, "", Hints{HTML: true}); charset != CharsetWindows1252 {
		t.Errorf("fragment served as HTML decoded as %s, want its declared windows-1252", charset)
	}
}

// FuzzDecodeHints holds DecodeHints to what Decode promises whatever a
// server says: it never panics, returns valid UTF-8 and names a character
// set; and with no hint it is Decode.
func FuzzDecodeHints(f *testing.F) {
	f.Add([]byte("<html><meta charset=utf-8>Per\xfa"), "windows-1252", true)
	f.Add([]byte("A\x00\xe9\x00"), "utf-16le", false)
	f.Add([]byte("\xef\xbb\xbfAnn\xe9e"), "utf-8", false)
	f.Add([]byte("<div>Per\xfa</div>"), "klingon", true)
	f.Fuzz(func(t *testing.T, data []byte, charset string, html bool) {
		out, name, _ := DecodeHints("p", data, "", Hints{HTML: html, Charset: charset})
		if !utf8.Valid(out) || name == "" {
			t.Fatalf("DecodeHints(%q, %q) = %q, %q", data, charset, out, name)
		}
		if html || charset != "" {
			return
		}
		if want, wantName, _ := Decode("p", data, ""); !bytes.Equal(out, want) || name != wantName {
			t.Fatalf("with no hints %q, %q; Decode %q, %q", out, name, want, wantName)
		}
	})
}
