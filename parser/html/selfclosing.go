package html

import "github.com/iomparse/iomparse/model/ascii"

// selfClosing decides, as golang.org/x/net/html's Tokenizer does, whether
// the start tag that ends just before d[end] is self-closing: it ends in
// "/>", and that "/" is not the last byte of the value of the last
// attribute the Tokenizer keeps. It keeps an attribute unless its name
// (in any case) came before in the tag, so a "/" ending the value of a
// repeated attribute (<a b b=0/>) still closes the tag. keys are where the
// tag's attribute names lie; lastValEnd is where the last one's value ends,
// -1 when it has none.
func selfClosing(d []byte, end int, keys [][2]int, lastValEnd int) bool {
	if end < 2 || d[end-2] != '/' {
		return false
	}
	if len(keys) == 0 || lastValEnd != end-1 {
		return true
	}
	last := d[keys[len(keys)-1][0]:keys[len(keys)-1][1]]
	for _, k := range keys[:len(keys)-1] {
		if equalLowerASCII(d[k[0]:k[1]], last) {
			return true // the last attribute is a repeat, which is dropped
		}
	}
	return false
}

// equalLowerASCII reports whether a and b are equal once their ASCII
// letters are lowered, as the Tokenizer compares attribute names.
func equalLowerASCII(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if ascii.Lower(a[i]) != ascii.Lower(b[i]) {
			return false
		}
	}
	return true
}
