package cmd

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestIsBinary holds isBinary's table to its definition: a NUL, or more
// than a tenth of the first 8 KiB control characters other than white space.
func TestIsBinary(t *testing.T) {
	for c := 0; c < 256; c++ {
		isControl := c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'
		assert.Equal(t, isControl, controlBytes[c] == 1, "byte %#x", c)
	}
	tests := []struct {
		in   string
		want bool
	}{
		{"plain text\nwith lines\r\n\tand tabs\f", false},
		{"a\x00b", true},
		{"\x01\x02abcdefghijklmnopqr", false}, // two in twenty: not over a tenth
		{"\x01\x02\x03abcdefghijklmnopq", true},
		{strings.Repeat("a", 8192) + strings.Repeat("\x01", 8192), false}, // past the first 8 KiB
		{"", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, isBinary([]byte(tt.in)), "%q", tt.in)
	}
}
