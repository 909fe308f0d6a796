package model

import (
	"bytes"
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"
)

// Decimal is a decimal number kept as the digits the source wrote
// ("300000.00"). It is written as a JSON or YAML number, never passed through
// a float, so no amount is rounded and the trailing zeros survive.
type Decimal string

// decimalPattern is the JSON number grammar without exponent, which is all a
// budget can be once its thousands separators are gone.
var decimalPattern = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// ValidDecimal reports whether s can be written as a Decimal.
func ValidDecimal(s string) bool { return decimalPattern.MatchString(s) }

// MarshalJSON writes the digits as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if !ValidDecimal(string(d)) {
		return nil, fmt.Errorf("decimal %q is not a number", string(d))
	}
	return []byte(d), nil
}

// UnmarshalJSON reads a JSON number (or a string holding one) keeping its
// digits, so that records read back by `pair` are written out unchanged.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(bytes.TrimSpace(b), `"`)
	if !ValidDecimal(string(b)) {
		return fmt.Errorf("decimal %q is not a number", string(b))
	}
	*d = Decimal(b)
	return nil
}

// MarshalYAML writes the digits as a YAML float scalar, unquoted.
func (d Decimal) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: string(d)}, nil
}

// UnmarshalYAML reads a YAML number keeping its digits.
func (d *Decimal) UnmarshalYAML(n *yaml.Node) error {
	if !ValidDecimal(n.Value) {
		return fmt.Errorf("decimal %q is not a number", n.Value)
	}
	*d = Decimal(n.Value)
	return nil
}
