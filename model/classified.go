package model

// Reasons for a record's kind, in Source.ClassifiedBy: the strongest
// evidence the parser found on the page. The parser weighs them in the
// order listed for each kind (see parser/classify.go); the schema lists
// them as a closed enum. A project page has none: its labelled fields are
// the reason, and its record stays as it was before reasons were recorded.
const (
	// News: a section header ("News" / "Global", "Communiqué", "Comunicado")
	// opens the page.
	ByNewsHeader = "news-header"
	// News: a dateline opens the story ("Kigali – …", "Accra, Ghana, 9 July
	// 2024 – …", a dateline alone on its line) or is glued to the headline.
	ByDateline = "dateline"
	// News: a date stands alone on a line by the headline ("Sep 26, 2015").
	ByDateLine = "date-line"
	// News: a "Posted:" or "Published:" line dates the page.
	ByPostedMetadata = "posted-metadata"
	// News: a press contact block ("For further information, please
	// contact …").
	ByContacts = "contacts"
	// News: the story's lead tells, in a completed tense, of something done
	// by or with IOM ("… were handed over … this week", "… ont ouvert …").
	ByReportingLead = "reporting-lead"
	// Page: several dated items, each with its own date.
	ByListing = "listing"
	// Page: questions and answers (the headline is a question followed by
	// others, or the title says FAQ).
	ByFAQ = "faq"
	// Page: the title names an about page ("About IOM in Zambia", "Mandat
	// et mission", "IOM in Sri Lanka"), a section of the site ("Our
	// Projects", "Contact us") or is a country's name.
	ByAbout = "about"
	// Page: none of the marks of a news item.
	ByNoNewsMarks = "no-news-marks"
	// Page: nothing follows the menu.
	ByEmpty = "empty"
)

// ClassifiedByCodes lists the reasons in the order above, for the schema's
// enum and for documentation.
func ClassifiedByCodes() []string {
	return []string{
		ByNewsHeader, ByDateline, ByDateLine, ByPostedMetadata, ByContacts, ByReportingLead,
		ByListing, ByFAQ, ByAbout, ByNoNewsMarks, ByEmpty,
	}
}
