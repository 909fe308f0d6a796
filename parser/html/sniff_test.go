package html

import (
	"strings"
	"testing"
)

// FuzzDeclaredCharset holds DeclaredCharset, which reads a page's head from
// near the first "charset" first, to reading the whole head at once.
func FuzzDeclaredCharset(f *testing.F) {
	f.Add(`<meta name=x content="charset"><!-- charset --><meta http-equiv=content-type content="text/html; charset=latin1">`)
	f.Add("<head><script>charset</script>" + strings.Repeat(" ", 1100) + "<meta charset=utf-16></head>")
	f.Add(`<meta http-equiv="Content-Type" content="text/html; ch&#97;rset=koi8-r">`)
	f.Add(`<meta http-equiv=content-type content="text/html; &#x43;HARSET=latin2"><title>charset</title>`)
	f.Fuzz(checkCharset)
}

// checkCharset holds DeclaredCharset, which reads a page's head from near
// the first "charset" first, to reading the whole head at once.
func checkCharset(t *testing.T, s string) {
	data := []byte(s)
	label, line := DeclaredCharset(data)
	wantLabel, wantLine, _ := prescanCharset(data[:min(len(data), 64<<10)])
	if label != wantLabel || line != wantLine {
		t.Fatalf("DeclaredCharset(%q) = %q, %d; the whole head says %q, %d", s, label, line, wantLabel, wantLine)
	}
}
