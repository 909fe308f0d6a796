package parser_test

import (
	"os"
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
