package parser_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/iomparse/iomparse/parser"
)

// BenchmarkParse parses one page of each layout; -benchmem reports the
// allocations per page.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{
		"pages/gh-health-en.txt",   // Dash, English, with menu
		"pages/gh-health-fr.txt",   // Dash, French
		"layouts/bullet-en.txt",    // Bullet
		"layouts/devfund-en.txt",   // Development Fund
		"layouts/longlist-fr.txt",  // a long member-state list
		"pages/ke-news-en.txt",     // news
		"html/pacific-en.html",     // HTML with Drupal fields
		"html/nurses-news-en.html", // HTML news
	} {
		data, err := os.ReadFile("../testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		p := parser.New(parser.Options{})
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				p.Parse(parser.Document{Path: name, Data: data})
			}
		})
	}
}

// BenchmarkParseDir parses every .txt page under the directory named by
// IOMPARSE_BENCH_DIR (a generated corpus, say), to profile a realistic mix
// of layouts rather than one page of each. One op is one page, taken in
// turn. It is skipped when the variable is unset.
func BenchmarkParseDir(b *testing.B) {
	dir := os.Getenv("IOMPARSE_BENCH_DIR")
	if dir == "" {
		b.Skip("IOMPARSE_BENCH_DIR is not set")
	}
	var docs []parser.Document
	total := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".txt" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, parser.Document{Path: path, Data: data, Format: parser.FormatText})
		total += len(data)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) == 0 {
		b.Fatalf("no .txt page under %s", dir)
	}
	p := parser.New(parser.Options{})
	b.SetBytes(int64(total / len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p.Parse(docs[i%len(docs)])
		i++
	}
}
