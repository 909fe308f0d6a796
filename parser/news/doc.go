// Package news reads the parts of a news page (press release, story,
// briefing) that the parser keeps as facts: dates, datelines, contact
// blocks and links. Its functions are pure: they take text and return what
// it says, with the tables of words they need (month and weekday names in
// three languages, the words a place name or a person's name can hold, the
// phrases that open a contact block).
//
// A news page has a headline, sometimes with a dateline glued on,
// sometimes a date standing alone on a line above or below it, then
// paragraphs of which the first may open with a dateline, and often a
// contact block near the end:
//
//	Lancement du projet « CD4D »- Rabat ,Vendredi 9 Décembre 2016
//	Sep 26, 2015
//	Accra, Ghana, 9 July 2024 – IOM has …
//	For further information, please contact Jane Roe at IOM Egypt. Tel: …
//
// Only these three places give the page's own date and place: a date in the
// body ("the meeting, which begins on 31 January", "Le 09 décembre 2016,
// l'OIM …") is the date of an event, not of the page. Where a date or place
// is not certain, none is given: a missing date is better than a wrong one.
// Which lines are the headline and the first paragraph, and whether the
// page is news at all, the parser decides.
//
// Where a reader scans text by hand rather than with a regular expression
// (the hot paths of a scrape), the expression stands beside the scanner as
// an unexported variable, FuzzScanners holds the two equal, and
// BenchmarkScanners measures what the scanner saves.
//
// It imports model (for model.Contact), model/ascii, model/vocab and
// parser/text; nothing else of iomparse's.
package news
