package ascii

import (
	"flag"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// update is accepted so that `go test ./... -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// TestPredicates holds every predicate to its definition by the standard
// library or by Go's regular expressions, on every byte.
func TestPredicates(t *testing.T) {
	word := regexp.MustCompile(`^\w$`)
	digit := regexp.MustCompile(`^\d$`)
	space := regexp.MustCompile(`^\s$`)
	for i := range 256 {
		c := byte(i)
		ascii := c < 0x80
		r := rune(c)
		s := string([]byte{c})
		check := func(name string, got, want bool) {
			if got != want {
				t.Errorf("%s(%#x) = %v, want %v", name, c, got, want)
			}
		}
		check("IsDigit", IsDigit(c), digit.MatchString(s))
		check("IsLetter", IsLetter(c), ascii && unicode.IsLetter(r))
		check("IsUpper", IsUpper(c), ascii && unicode.IsUpper(r))
		check("IsAlnum", IsAlnum(c), ascii && (unicode.IsLetter(r) || unicode.IsDigit(r)))
		check("IsWord", IsWord(c), word.MatchString(s))
		check("IsSpace", IsSpace(c), ascii && unicode.IsSpace(r))
		check("IsPerlSpace", IsPerlSpace(c), space.MatchString(s))
		want := c
		if ascii {
			want = strings.ToLower(s)[0]
		}
		if got := Lower(c); got != want {
			t.Errorf("Lower(%#x) = %#x, want %#x", c, got, want)
		}
	}
}
