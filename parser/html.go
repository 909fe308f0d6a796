package parser

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// htmlMeta is what an HTML page's head tells about it.
type htmlMeta struct {
	url string
}

// LooksLikeHTML reports whether data is an HTML document, by its content:
// a doctype or an <html>, <head> or <body> tag near the start, after a
// byte-order mark and white space.
func LooksLikeHTML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) > 512 {
		data = data[:512]
	}
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if len(data) >= len(tag) && bytes.EqualFold(data[:len(tag)], []byte(tag)) {
			return true
		}
	}
	return bytes.HasPrefix(data, []byte("<!--")) && bytes.Contains(bytes.ToLower(data), []byte("<html"))
}

// renderHTML renders an HTML document to the lines a scraper would have
// written: one text node per line.
func renderHTML(data []byte) ([]Line, htmlMeta) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, htmlMeta{}
	}
	var meta htmlMeta
	meta.url, _ = doc.Find(`link[rel="canonical"]`).Attr("href")
	var lines []Line
	doc.Find("script, style, noscript, template").Remove()
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			if t := strings.Join(strings.Fields(n.Data), " "); t != "" {
				lines = append(lines, Line{No: len(lines) + 1, Text: t})
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Find("body").Nodes {
		walk(n)
	}
	return lines, meta
}
