package flagvalue

import (
	"strings"

	"github.com/spf13/pflag"
)

// Suggest returns the message of err, a flag error from pflag, with the
// closest visible flag of sets when there is one, as cobra suggests
// commands: "unknown flag: --stirct (did you mean --strict?)". A long name
// written with one dash (-strict), which pflag reads as a cluster of
// shorthands, is pointed to its two-dash form. Any other error's message
// is returned as it is.
func Suggest(err error, sets ...*pflag.FlagSet) string {
	msg := err.Error()
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	for _, s := range sets {
		s.VisitAll(visit)
	}
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		if near := Closest(name, names); near != "" {
			return msg + " (did you mean --" + near + "?)"
		}
	}
	if _, word, ok := strings.Cut(msg, "' in -"); ok && strings.HasPrefix(msg, "unknown shorthand flag: ") {
		word, _, _ = strings.Cut(word, "=")
		if near := Closest(word, names); near != "" && len(word) > 1 {
			return msg + " (did you mean --" + near + "?)"
		}
	}
	return msg
}

// Closest returns the candidate nearest to s, if one is near enough to be
// what was meant: at most two edits away (one for names of four letters or
// fewer), or the one candidate s begins. Ties go to the first candidate.
// Flags and CSV column names are both answered so.
func Closest(s string, candidates []string) string {
	best, bestDist := "", 0
	limit := 2
	if len(s) <= 4 {
		limit = 1
	}
	var prefixed []string
	for _, c := range candidates {
		if d := editDistance(s, c); d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
		if len(s) >= 3 && strings.HasPrefix(c, s) {
			prefixed = append(prefixed, c)
		}
	}
	if best == "" && len(prefixed) == 1 {
		return prefixed[0]
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (flag and column names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
