package parser

import (
	"strings"

	"github.com/iomparse/iomparse/parser/news"
)

// Two shapes of the headline that scan's readHeadline asks about: a
// headline hard-wrapped over two lines, as old press releases are, and
// an FAQ page whose first line is its first question (not a title).

// maxHeadlineBytes bounds a headline joined from two lines.
const maxHeadlineBytes = 250

// wrappedHeadline reports whether the headline at line i goes on on the
// next line: the page is hard-wrapped (its story, after a blank line, is
// in lines cut near the wrap width, see hardWrapped), the headline's
// line stops near that width without ending a sentence, and the next line
// follows it directly, then a blank line ends the headline. The next line
// must not be a date, a dateline or chrome.
//
//	IOM and Ministry of Labour Sign Agreement on
//	Seasonal Workers from Vanuatu
//
//	Port Vila, 14 May 2008 - IOM and Vanuatu's Ministry of
func (s *scan) wrappedHeadline(i int) bool {
	if i+2 >= len(s.lines) {
		return false
	}
	head, next := s.lines[i], s.lines[i+1]
	if next.Text == "" || next.No != head.No+1 || s.lines[i+2].Text != "" ||
		!nearWrap(head.Text) || endsSentence(head.Text) || len(head.Text)+len(next.Text) >= maxHeadlineBytes {
		return false
	}
	if _, ok := news.DateLine(next.Text); ok || isChrome(next.Text) || news.LooksLikeParagraph(next.Text) {
		return false
	}
	return hardWrapped(nonBlankLines(s.lines[i+2:]))
}

// faqQuestions is how many question lines must follow a first question
// for the page to be an FAQ, and maxQuestionBytes bounds a question line.
// A news item whose headline asks a question has no question lines after
// it, or one in a quote.
const (
	faqQuestions     = 2
	maxQuestionBytes = 200
	// maxFAQLines bounds the lines looked at for questions.
	maxFAQLines = 200
)

// isFAQ reports whether the line i, where a headline would be, is the
// first question of an FAQ: it is a question, and at least faqQuestions
// more question lines follow.
func (s *scan) isFAQ(i int) bool {
	if !isQuestion(s.lines[i].Text) {
		return false
	}
	n := 0
	for _, l := range s.lines[i+1 : min(len(s.lines), i+1+maxFAQLines)] {
		if isQuestion(l.Text) {
			if n++; n >= faqQuestions {
				return true
			}
		}
	}
	return false
}

// isQuestion reports whether text is a question on its own line: short,
// ending with a question mark ("What is the IOM Development Fund?", "Qui
// peut présenter une demande ?", "¿Quién puede presentar …?").
func isQuestion(text string) bool {
	return len(text) <= maxQuestionBytes && strings.HasSuffix(strings.TrimRight(text, " "), "?")
}

// countQuestions counts the question lines of a body, up to max.
func countQuestions(lines []Line, max int) int {
	n := 0
	for _, l := range lines {
		if isQuestion(l.Text) {
			if n++; n >= max {
				break
			}
		}
	}
	return n
}
