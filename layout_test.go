package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// allowedImports is the README's "How the code is laid out": what each
// package may import of iomparse's own. Data flows one way, so no package
// imports one above it, and the bottom ones import nothing of ours.
var allowedImports = map[string][]string{
	"":              {"cmd"},
	"cmd":           {"*"},
	"parser":        {"parser/html", "parser/news", "parser/text", "parser/budget", "model", "model/vocab", "model/ascii"},
	"parser/html":   {"parser/text", "parser/budget", "model/ascii"},
	"parser/news":   {"parser/text", "model", "model/vocab", "model/ascii"},
	"parser/text":   {"model/ascii", "parser/budget"},
	"parser/budget": {},
	"model":         {"model/vocab", "model/ascii"},
	"model/schema":  {"model", "model/vocab"},
	"model/vocab":   {"model/ascii"},
	"model/ascii":   {},
	"model/growth":  {},
}

// TestLayout holds every package of the module to allowedImports, and
// every package to having a row there, so that the table, and the README
// it stands for, cannot fall behind the code.
func TestLayout(t *testing.T) {
	const module = "github.com/iomparse/iomparse"
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		if strings.Contains(pkg, "internal/") || strings.HasPrefix(pkg, "cmd/") {
			continue // generators and the command line's own parts: cmd's business
		}
		allowed, ok := allowedImports[pkg]
		if !ok {
			t.Errorf("package %q is not in the layout table (README: How the code is laid out)", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			own, ours := strings.CutPrefix(imp, module+"/")
			if !ours || slices.Contains(allowed, "*") || strings.Contains(own, "internal/") {
				continue
			}
			if !slices.Contains(allowed, own) {
				t.Errorf("%q imports %q, which the layout does not allow", displayName(pkg), own)
			}
		}
	}
}

// displayName names the root package as Go does.
func displayName(pkg string) string {
	if pkg == "" {
		return "main"
	}
	return pkg
}

// TestSizes holds every package to 4,000 hand-written lines and every
// hand-written file to 700 (issue 12): past that, a package hides more
// than one job, and a file more than one idea. Tests, generated files and
// testdata do not count.
func TestSizes(t *testing.T) {
	perPackage := map[string]int{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		name := d.Name()
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_gen.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines := bytes.Count(data, []byte("\n"))
		if lines > 700 {
			t.Errorf("%s: %d lines, more than 700", path, lines)
		}
		perPackage[filepath.Dir(path)] += lines
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for dir, lines := range perPackage {
		if lines > 4000 {
			t.Errorf("package %s: %d hand-written lines, more than 4,000", dir, lines)
		}
	}
}
