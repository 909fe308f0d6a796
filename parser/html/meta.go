package html

import (
	"regexp"
	"strings"

	"golang.org/x/net/html/atom"
)

// Meta is what an HTML page's <head> tells about it. The parser uses it
// only where the body does not say.
type Meta struct {
	URL   string // <link rel="canonical">, else og:url: sources[].url
	Lang  string // <html lang>, else Content-Language, else og:locale: the primary language subtag
	Title string // og:title: the title of a page without a headline
	Date  string // article:published_time: a news item's date (ISO 8601 date)
}

// datePrefix matches the date part of an ISO 8601 timestamp.
var datePrefix = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?`)

// readMeta reads the head: canonical URL, language, og:title and the
// publication date. Each is taken from the first element in the document
// that gives it, wherever the markup put it: nodes are the tree's, in
// document order (see memory).
func readMeta(nodes *nodeArena) Meta {
	var m Meta
	var htmlLang, equivLang, ogURL, ogLocale, ogTitle, published string
	var seenHTML, seenCanonical bool
	for i := range nodes.len() {
		c := nodes.at(i)
		if c.kind != elementNode {
			continue
		}
		switch c.tag {
		case atom.Html:
			if !seenHTML {
				seenHTML = true
				htmlLang = strings.TrimSpace(attr(c, "lang"))
			}
		case atom.Link:
			if !seenCanonical && hasToken(attr(c, "rel"), "canonical") {
				seenCanonical = true
				m.URL = strings.TrimSpace(attr(c, "href"))
			}
		case atom.Meta:
			content := func(v *string) { // the first non-empty one
				if *v == "" {
					*v = strings.Join(strings.Fields(attr(c, "content")), " ")
				}
			}
			switch attr(c, "property") {
			case "og:url":
				content(&ogURL)
			case "og:locale":
				content(&ogLocale)
			case "og:title":
				content(&ogTitle)
			case "article:published_time":
				content(&published)
			}
			if equivLang == "" && strings.EqualFold(attr(c, "http-equiv"), "content-language") {
				equivLang = attr(c, "content")
			}
		}
	}
	if m.URL == "" {
		m.URL = ogURL
	}
	lang := htmlLang
	if lang == "" {
		lang = equivLang
	}
	if lang == "" {
		lang = ogLocale
	}
	if lang, _, _ = strings.Cut(strings.ToLower(lang), "-"); lang != "" {
		lang, _, _ = strings.Cut(lang, "_")
		if len(lang) >= 2 && len(lang) <= 3 {
			m.Lang = lang
		}
	}
	m.Title = ogTitle
	m.Date = datePrefix.FindString(published)
	return m
}

// hasToken reports whether a space-separated list holds token, as the
// selector [rel~="canonical"] matches.
func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if t == token {
			return true
		}
	}
	return false
}
