package parser

import (
	"strings"
	"testing"
)

// TestMaxLabelBytes: no text longer than maxLabelBytes is a label, not even
// a label's name padded with what folding drops; and the bound is no
// looser than labels.Lookup's own.
func TestMaxLabelBytes(t *testing.T) {
	for _, term := range labelTerms {
		for _, n := range term.Names {
			if !isLabel(n.Text + strings.Repeat("-", maxLabelBytes-len(n.Text))) {
				t.Errorf("%q padded to %d bytes is no label: the bound is looser than the vocabulary's", n.Text, maxLabelBytes)
			}
			if long := n.Text + strings.Repeat("-", maxLabelBytes+1-len(n.Text)); isLabel(long) {
				t.Errorf("%q padded to %d bytes is a label", n.Text, len(long))
			}
		}
	}
}
