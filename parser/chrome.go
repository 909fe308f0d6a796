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

// maxChromeBytes bounds a feed line or a breadcrumb.
const maxChromeBytes = 200

// feedAge matches the age that ends a feed line ("PBN News Germany - 17
// hours 23 min ago", "Actualités Sénégal - il y a 2 jours", "Noticias Perú
// - hace 3 horas"): the line is a link to another item, not this one's.
var feedAge = regexp.MustCompile(`(?i)(?:\b\d+\s+(?:secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|\bil y a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)|\bhace\s+\d+\s+(?:minutos?|horas?|días?|semanas?|meses|años?))$`)

// isFeedLine reports whether text is a feed line, ending with its age.
func isFeedLine(text string) bool {
	return len(text) <= maxChromeBytes && strings.ContainsAny(text, "0123456789") && feedAge.MatchString(text)
}

// breadcrumbHomes are the first items of breadcrumbs, folded.
var breadcrumbHomes = map[string]bool{"home": true, "accueil": true, "inicio": true}

// isBreadcrumb reports whether text is a breadcrumb trail: short items
// separated by "/", ">", "›" or "»" (with spaces), the first the site's
// home ("Home / Press Room IOM", "Accueil › Actualités").
func isBreadcrumb(text string) bool {
	if len(text) > maxChromeBytes {
		return false
	}
	for _, sep := range []string{" / ", " > ", " › ", " » "} {
		if first, _, ok := strings.Cut(text, sep); ok {
			return breadcrumbHomes[vocab.Fold(first)]
		}
	}
	return false
}
