package parser

import (
	"regexp"
	"strings"

	"github.com/iomparse/iomparse/model/vocab"
)

// Chrome is the text of a page's frame that scrapers keep around a news
// item's headline and that is never a title nor the story (see
// VOCABULARY.md, News): a language switcher, a "Download PDF" link, the
// "Local" scope under a "News" header, a feed line of another office's
// news, a breadcrumb. The headers menu-less snapshots open with ("News" /
// "Global") are pageHeaders (menu.go); these are skipped with them, and
// after the headline with its date lines.

// chromeLines are chrome lines known word for word.
var chromeLines = vocab.NewVocabulary([]vocab.Term{
	// A language switcher: its heading and the languages it offers.
	{Code: "languages", Names: []vocab.Name{
		{Lang: "en", Text: "Languages"}, {Lang: "fr", Text: "Langues"}, {Lang: "es", Text: "Idiomas"},
		{Text: "English"}, {Text: "Français"}, {Text: "Español"}, {Text: "العربية"}, {Text: "Português"},
	}},
	// A link to the item as a PDF, above or below the headline.
	{Code: "pdf", Names: []vocab.Name{
		{Lang: "en", Text: "Download PDF"}, {Lang: "en", Text: "Download as PDF"}, {Lang: "en", Text: "Print PDF"},
		{Lang: "fr", Text: "Télécharger le PDF"}, {Lang: "fr", Text: "Télécharger en PDF"}, {Lang: "fr", Text: "Télécharger PDF"},
		{Lang: "es", Text: "Descargar PDF"}, {Lang: "es", Text: "Descargar en PDF"}, {Lang: "es", Text: "Descargar el PDF"},
	}},
	// The scope of a country office's item, as "Global" is the global
	// site's ("News" / "Local").
	{Code: "scope", Names: []vocab.Name{{Text: "Local"}}},
})

// isChrome reports whether a line is chrome.
func isChrome(text string) bool {
	if _, ok := chromeLines.Lookup(text); ok {
		return true
	}
	return isFeedLine(text) || isBreadcrumb(text)
}

// isFrame reports whether a line is part of the page's frame around a
// news item's headline and story: chrome, or a widget line of pageHeaders
// ("Share", "Facebook", "Print"), which stand after the headline too.
func isFrame(text string) bool {
	if h, ok := pageHeaders.Lookup(text); ok && h.Code == "widget" {
		return true
	}
	return isChrome(text)
}

// maxChromeBytes bounds a feed line or a breadcrumb.
const maxChromeBytes = 200

// feedAge matches the age that ends a feed line ("PBN News Germany - 17
// hours 23 min ago", "Actualités Sénégal - il y a 2 jours", "Noticias Perú
// - hace 3 horas"): the line is a link to another item, not this one's.
var feedAge = regexp.MustCompile(`(?i)(?:\b\d+\s+(?:secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|\bil y a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)|\bhace\s+\d+\s+(?:minutos?|horas?|días?|semanas?|meses|años?))$`)

// isFeedLine reports whether text is a feed line, ending with its age.
// The expression, unanchored at its start, runs only on the few lines
// that end with one of its last words (mayEndWithAge).
func isFeedLine(text string) bool {
	return len(text) <= maxChromeBytes && mayEndWithAge(text) && feedAge.MatchString(text)
}

// ageEnds are the words feedAge can end with.
var ageEnds = []string{
	"ago", "minute", "minutes", "heure", "heures", "jour", "jours", "semaine", "semaines", "mois", "an", "ans",
	"minuto", "minutos", "hora", "horas", "día", "días", "semana", "semanas", "meses", "año", "años",
}

// maxAgeEndBytes bounds the words of ageEnds as text may write them
// ("semaines", "ſemaines").
const maxAgeEndBytes = 9

// mayEndWithAge is a cheap test that feedAge may match text: it holds a
// digit, and its last word is one of ageEnds, compared as the
// expression's (?i) does. Every title is asked.
func mayEndWithAge(text string) bool {
	if !strings.ContainsAny(text, "0123456789") {
		return false
	}
	last := text[strings.LastIndexAny(text, " \t\n\f\r")+1:] // the expression's \s
	if len(last) > maxAgeEndBytes {
		return false
	}
	for _, w := range ageEnds {
		if strings.EqualFold(last, w) {
			return true
		}
	}
	return false
}

// breadcrumbHomes are the first items of breadcrumbs.
var breadcrumbHomes = []string{"Home", "Accueil", "Inicio"}

// isBreadcrumb reports whether text is a breadcrumb trail: the site's home
// ("Home", "Accueil", "Inicio"), then "/", ">", "›" or "»" between spaces,
// then the trail ("Home / Press Room IOM", "Accueil › Actualités").
func isBreadcrumb(text string) bool {
	if len(text) > maxChromeBytes {
		return false
	}
	first, rest, _ := strings.Cut(text, " ")
	for _, home := range breadcrumbHomes {
		if !strings.EqualFold(first, home) {
			continue // every title is asked: most are no breadcrumb by their first word
		}
		for _, sep := range []string{"/ ", "> ", "› ", "» "} {
			if strings.HasPrefix(rest, sep) {
				return true
			}
		}
	}
	return false
}
