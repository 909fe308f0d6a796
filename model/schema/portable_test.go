package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// schemaPatterns returns every regular expression of a schema: the values
// of "pattern" and the keys of "patternProperties", wherever they are.
func schemaPatterns(t *testing.T, s any) []string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				switch p, ok := x.(string); {
				case k == "pattern" && ok:
					out = append(out, p)
				case k == "patternProperties":
					for key := range x.(map[string]any) {
						out = append(out, key)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc)
	slices.Sort(out)
	return slices.Compact(out)
}

// portablePattern reports whether p keeps to the syntax ECMA-262, Python's
// re and Go's regexp read alike (see codePattern): ASCII literals, escaped
// metacharacters, classes of ASCII characters and ranges, groups (capturing
// or (?:…)), alternation, ? * + {n} {n,} {n,m}, ^, $ and the dot.
func portablePattern(p string) error {
	const meta = `.\[](){}|?*+^$`
	quantifiable := false // an atom precedes
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 0x80 || c < 0x20 {
			return fmt.Errorf("byte %q at %d is not printable ASCII", c, i)
		}
		switch c {
		case '\\':
			if i+1 == len(p) || !strings.ContainsRune(meta+"/-", rune(p[i+1])) {
				return fmt.Errorf("escape %q at %d: only escaped metacharacters read alike (not \\d, \\w, \\s, \\p…)", p[i:min(i+2, len(p))], i)
			}
			i++
			quantifiable = true
		case '[':
			end, err := portableClass(p, i)
			if err != nil {
				return err
			}
			i, quantifiable = end, true
		case '(':
			if strings.HasPrefix(p[i:], "(?") && !strings.HasPrefix(p[i:], "(?:") {
				return fmt.Errorf("group %q at %d: only (…) and (?:…) read alike", p[i:min(i+3, len(p))], i)
			}
			if strings.HasPrefix(p[i:], "(?:") {
				i += 2
			}
			quantifiable = false
		case ')', '.':
			quantifiable = true
		case '|', '^', '$':
			quantifiable = false
		case '?', '*', '+':
			if !quantifiable {
				return fmt.Errorf("quantifier %q at %d follows nothing", c, i)
			}
			quantifiable = false
		case '{':
			m := regexp.MustCompile(`^\{[0-9]+(,[0-9]*)?\}`).FindString(p[i:])
			if m == "" || !quantifiable {
				return fmt.Errorf("brace at %d is not a quantifier {n}, {n,} or {n,m} after an atom", i)
			}
			i += len(m) - 1
			quantifiable = false
		case ']', '}':
			return fmt.Errorf("unescaped %q at %d", c, i)
		default:
			quantifiable = true
		}
	}
	return nil
}

// portableClass checks the class that starts at p[start] and returns the
// index of its closing bracket.
func portableClass(p string, start int) (int, error) {
	i := start + 1
	if i < len(p) && p[i] == '^' {
		i++
	}
	first := i
	for ; i < len(p); i++ {
		switch c := p[i]; {
		case c == ']' && i > first:
			return i, nil
		case c == '[' || c == ']' || c == '&' && i+1 < len(p) && p[i+1] == '&':
			return 0, fmt.Errorf("class at %d holds %q, which the dialects read differently", start, c)
		case c == '\\':
			if i+1 == len(p) || !strings.ContainsRune(`\]-^`, rune(p[i+1])) {
				return 0, fmt.Errorf("escape in the class at %d: only \\\\ \\] \\- \\^ read alike", start)
			}
			i++
		case c >= 0x80 || c < 0x20:
			return 0, fmt.Errorf("class at %d holds a byte that is not printable ASCII", start)
		}
	}
	return 0, errors.New("class not closed")
}

func TestPortablePatternChecker(t *testing.T) {
	good := []string{codePattern, `^[A-Z]{2}$`, `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`, `^[0-9a-f]{64}$`, `^a\.b|c+$`, `^(?:x){1,}$`, `[-a]`, `[^a-z]`}
	bad := []string{`^[\p{Ll}\p{N}]+$`, `\p{Lu}`, `^\d+$`, `\w`, `\s`, `(?=x)`, `(?i)x`, `[[:alpha:]]`, `é`, `x{,3}`, `*x`, `[a-z`, `\b`}
	for _, p := range good {
		if err := portablePattern(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range bad {
		if portablePattern(p) == nil {
			t.Errorf("%s passes", p)
		}
	}
}

// TestPatternsPortable: every pattern of both schemas keeps to the syntax
// that every dialect reads alike, compiles in Go, and, where the
// interpreters are installed, in Python's re and as an ECMA-262 RegExp
// (Node.js, with the u flag as JSON Schema validators use it). Without
// them, or with -short, those two checks are skipped.
func TestPatternsPortable(t *testing.T) {
	patterns := slices.Concat(schemaPatterns(t, Record()), schemaPatterns(t, Records()))
	slices.Sort(patterns)
	patterns = slices.Compact(patterns)
	if len(patterns) < 5 {
		t.Fatalf("only %d patterns found: %q", len(patterns), patterns)
	}
	for _, p := range patterns {
		if err := portablePattern(p); err != nil {
			t.Errorf("pattern %s: %v", p, err)
		}
		if _, err := regexp.Compile(p); err != nil {
			t.Errorf("pattern %s: Go: %v", p, err)
		}
	}
	list, _ := json.Marshal(patterns)
	for _, dialect := range []struct{ name, cmd, script string }{
		{"Python re", "python3", `import json, re, sys
for p in json.loads(sys.argv[1]):
    re.compile(p)
print("ok")`},
		{"ECMA-262", "node", `for (const p of JSON.parse(process.argv[1])) new RegExp(p, "u"); console.log("ok")`},
	} {
		t.Run(dialect.name, func(t *testing.T) {
			if testing.Short() {
				t.Skip("runs " + dialect.cmd)
			}
			path, err := exec.LookPath(dialect.cmd)
			if err != nil {
				t.Skipf("no %s: %v", dialect.cmd, err)
			}
			flag := "-c"
			if dialect.cmd == "node" {
				flag = "-e"
			}
			out, err := exec.Command(path, flag, dialect.script, string(list)).CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "ok" {
				t.Errorf("%s does not compile every pattern: %v\n%s", dialect.name, err, out)
			}
		})
	}
}
