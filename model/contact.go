package model

import "regexp"

// The shapes of contact details. The parser reads contacts with them and
// Redact removes them, so the two share one definition and cannot drift
// apart.
var (
	// EmailPattern matches an email address, also one cut off after its
	// "@" ("jdoe@iom") when the page is.
	EmailPattern = regexp.MustCompile(`[\p{L}\d._%+'-]*[\p{L}\d_%+-]@[\p{L}\d-]*(?:\.[\p{L}\d-]+)*`)
	// PhonePattern matches a phone number: digits with spaces, dots,
	// dashes, slashes and brackets, starting with a digit, "+" or "(+250)".
	PhonePattern = regexp.MustCompile(`(?:\(\+?\d{1,4}\)|\+ ?\d|\d)[\d ()./\x{00A0}-]{5,}\d`)
)

// PhoneLabels is an alternation of the words that announce a phone number,
// in English, French and Spanish, for building patterns.
const PhoneLabels = `tel|tél|telephone|téléphone|teléfono|tfno|phone|mobile|mob|cellphone|cell|portable|móvil|celular|fax|whatsapp`
