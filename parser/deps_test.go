package parser

import (
	"go/build"
	"slices"
	"strings"
	"testing"
)

// TestImports holds the parser's packages to what their docs say they may
// import of iomparse's: the stages import the line source and the model's
// data, never the parser, and the HTML stage not the vocabulary either (it
// is given the one thing of the grammar it needs, the label predicate).
func TestImports(t *testing.T) {
	const module = "github.com/iomparse/iomparse/"
	allowed := map[string][]string{ // by folder, from the parser's
		".":      {"model", "model/ascii", "model/vocab", "parser/budget", "parser/html", "parser/news", "parser/text"},
		"budget": {},
		"html":   {"model/ascii", "parser/budget", "parser/text"},
		"news":   {"model", "model/ascii", "model/vocab", "parser/text"},
		"text":   {"model/ascii", "parser/budget"},
	}
	for dir, ok := range allowed {
		p, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range p.Imports {
			if own, found := strings.CutPrefix(imp, module); found && !slices.Contains(ok, own) {
				t.Errorf("the folder %s imports %s", dir, own)
			}
		}
	}
}
