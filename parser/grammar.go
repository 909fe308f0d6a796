package parser

import (
	"strings"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
)

// parse runs the grammar over the page: menu, headers, title, field block
// (in whichever layout the page uses), body; then it classifies the page.
func (pg *page) parse() {
	if pg.menu.lang == "" {
		pg.menu.lang = pg.meta.Lang // an HTML page's <html lang>: like the menu's, it decides only when the content does not
	}
	pg.rec.Office = pg.menu.office
	i := pg.skipHeaders(pg.menu.end)
	if i >= len(pg.lines) {
		pg.layout = LayoutNone
		if len(nonBlankLines(pg.lines)) == 0 {
			pg.report(model.SeverityWarning, model.CodeEmpty, 0, "the page holds no text")
		} else {
			pg.report(model.SeverityWarning, model.CodeMissingTitle, lastLine(pg.lines), "the page ends with its menu: no title and no content")
		}
		pg.rec.Kind = model.KindPage
		return
	}

	switch {
	case pg.isDevFund(i):
		pg.layout = LayoutDevFund
		i = pg.readDevFund(i)
	case pg.lines[i].Text == "-" && pg.isDash(i-1):
		pg.layout = LayoutDash // a field block with no title before it
		i = pg.readDash(i)
	case pg.isDash(i):
		pg.layout = LayoutDash
		pg.setTitle(i)
		i = pg.readDash(i + 1)
	case pg.isBullet(i):
		pg.layout = LayoutBullet
		pg.setTitle(i)
		i = pg.readBullet(i + 1)
	default:
		pg.layout = LayoutNone
		i = pg.readHeadline(i)
	}
	pg.body = nonBlankLines(pg.lines[i:])
	pg.paras = joinWrapped(pg.body)
	if pg.title == "" {
		pg.title = pg.meta.Title // an HTML page's og:title, when the page shows no title
	}
	pg.classify()
	if pg.menu.site == "" && !pg.hasFacts && !mentionsIOM(pg.lines) {
		pg.report(model.SeverityWarning, model.CodeNotIOM, firstLineNo(pg.lines), "no IOM menu, field or mention: this may not be an IOM page")
	}
}

// mentionsIOM reports whether a page names IOM or migration anywhere, which
// every IOM page does, in any of its languages.
func mentionsIOM(lines []Line) bool {
	for _, l := range lines {
		if holdsIOM(l.Text) {
			return true
		}
		if f := strings.ToLower(l.Text); strings.Contains(f, "migra") || strings.Contains(f, "diaspora") {
			return true
		}
	}
	return false
}

// skipHeaders skips blank lines and the header and widget lines that
// menu-less snapshots carry before the title ("News" / "Global").
func (pg *page) skipHeaders(i int) int {
	for i < len(pg.lines) {
		text := pg.lines[i].Text
		if text == "" {
			i++
			continue
		}
		h, ok := pageHeaders.Lookup(text)
		if !ok {
			break
		}
		if h.Code == "section" {
			pg.newsHeader = true
			pg.votes.add(h.Lang, 1)
		}
		i++
	}
	return i
}

// setTitle takes line i as the page's title.
func (pg *page) setTitle(i int) {
	pg.title = pg.lines[i].Text
	pg.votes.addText(pg.title)
}

// reported tells whether a diagnostic with code was already reported at
// line, so that one cut value is not reported twice.
func (pg *page) reported(code string, line int) bool {
	for _, d := range pg.diags {
		if d.Code == code && d.Line == line {
			return true
		}
	}
	return false
}

// isLabel reports whether text is a known field label.
func isLabel(text string) bool {
	_, ok := labels.Lookup(text)
	return ok
}

// isDash reports whether the title at line i is followed by a Dash field
// block: "-" items of a label and a value, at least one of whose labels is
// known (the first may be one nobody has listed).
func (pg *page) isDash(i int) bool {
	j := pg.next(i + 1)
	for items := 0; items < 20 && j < len(pg.lines) && pg.lines[j].Text == "-"; items++ {
		l := pg.next(j + 1)
		if l >= len(pg.lines) {
			return false
		}
		if isLabel(pg.lines[l].Text) {
			return true
		}
		// Skip the unknown label and its value, if any, to the next "-".
		j = pg.next(l + 1)
		if j < len(pg.lines) && pg.lines[j].Text != "-" {
			j = pg.next(j + 1)
		}
	}
	return false
}

// next returns the index of the first non-blank line at or after i.
func (pg *page) next(i int) int {
	for i < len(pg.lines) && pg.lines[i].Text == "" {
		i++
	}
	return i
}

// readDash reads "-" / label / value triples from line i and returns the
// index of the first line after the block. A label may have no value: it is
// then followed directly by the next "-" or by the description, which is
// told from a value by its shape (see plausible).
func (pg *page) readDash(i int) int {
	for i = pg.next(i); i < len(pg.lines); i = pg.next(i) {
		l := i // a known label whose "-" line is missing
		if pg.lines[i].Text == "-" {
			l = pg.next(i + 1)
		} else if !isLabel(pg.lines[i].Text) {
			break // the description
		}
		if l >= len(pg.lines) {
			pg.report(model.SeverityWarning, model.CodeTruncated, pg.lines[i].No, "the page ends inside its field block")
			return len(pg.lines)
		}
		label := pg.lines[l]
		if label.Text == "-" {
			i = l // an empty item
			continue
		}
		key := ""
		if m, ok := labels.Lookup(label.Text); ok {
			key = m.Code
			pg.votes.add(m.Lang, 3)
		}
		v := pg.next(l + 1)
		switch {
		case v >= len(pg.lines):
			pg.report(model.SeverityWarning, model.CodeTruncated, label.No, "the page ends after the label %q, before its value", label.Text)
			pg.addField(key, label, nil)
			return len(pg.lines)
		case pg.lines[v].Text == "-" || isLabel(pg.lines[v].Text):
			pg.addField(key, label, nil)
			i = v
		default:
			after := pg.next(v + 1)
			lastInBlock := after >= len(pg.lines) || (pg.lines[after].Text != "-" && !isLabel(pg.lines[after].Text))
			if lastInBlock && !plausible(key, pg.lines[v].Text) {
				pg.addField(key, label, nil) // the description follows the label
				return v
			}
			pg.addField(key, label, &pg.lines[v])
			if after >= len(pg.lines) && key != keyMemberStates && !pg.reported(model.CodeTruncated, pg.lines[v].No) {
				// Lists report their own cut.
				pg.report(model.SeverityWarning, model.CodeTruncated, pg.lines[v].No, "the page ends with the value of %q, which may be cut off", label.Text)
			}
			i = v + 1
		}
	}
	return i
}

// bulletLabel returns the label of a Bullet layout line ("• Start Date").
// A "- " item is a bullet only before a known label: elsewhere it is a
// list in the description.
func bulletLabel(text string) (string, bool) {
	for _, bullet := range []string{"•", "·", "◦", "▪", "*"} {
		if rest, ok := strings.CutPrefix(text, bullet); ok {
			return strings.TrimSpace(rest), true
		}
	}
	if rest, ok := dashItem(text); ok && isLabel(rest) {
		return rest, true
	}
	return "", false
}

// isBullet reports whether the title at line i is followed by bullet labels.
func (pg *page) isBullet(i int) bool {
	j := pg.next(i + 1)
	if j >= len(pg.lines) {
		return false
	}
	l, ok := bulletLabel(pg.lines[j].Text)
	if ok && isLabel(l) {
		return true
	}
	_, _, ok = inlineField(pg.lines[j].Text)
	return ok
}

// inlineField splits a field written on one line, "Start Date: 2022" (or
// "• Start Date: 2022"), when the text before the first colon is a known
// label: a shape nobody has listed for scraped text, but one HTML and
// hand-made pages give.
func inlineField(text string) (label, value string, ok bool) {
	if l, isBullet := bulletLabel(text); isBullet {
		text = l
	}
	label, value, found := strings.Cut(text, ":")
	if !found || !isLabel(label) {
		return "", "", false
	}
	return strings.TrimSpace(label), strings.TrimSpace(value), true
}

// readBullet reads "• Label" lines, each followed by an indented value line
// or, on older snapshots, directly by the next bullet. The description may
// follow after a blank line or directly; unlike a value it is not indented.
func (pg *page) readBullet(i int) int {
	for {
		i = pg.next(i)
		if i >= len(pg.lines) {
			return i
		}
		if l, v, ok := inlineField(pg.lines[i].Text); ok {
			label, value := pg.lines[i], pg.lines[i]
			label.Text, value.Text = l, v
			key, _ := labels.Lookup(l)
			pg.votes.add(key.Lang, 3)
			if v == "" {
				pg.addField(key.Code, label, nil)
			} else {
				pg.addField(key.Code, label, &value)
			}
			i++
			continue
		}
		text, ok := bulletLabel(pg.lines[i].Text)
		if !ok {
			return i
		}
		label := pg.lines[i]
		label.Text = text
		key := ""
		if m, ok := labels.Lookup(text); ok {
			key = m.Code
			pg.votes.add(m.Lang, 3)
		}
		v := i + 1
		if v >= len(pg.lines) {
			pg.report(model.SeverityWarning, model.CodeTruncated, label.No, "the page ends after the label %q, before its value", text)
			pg.addField(key, label, nil)
			return v
		}
		value := pg.lines[v]
		_, nextIsBullet := bulletLabel(value.Text)
		switch {
		case value.Text == "" || nextIsBullet:
			pg.addField(key, label, nil)
			i = v
		case value.Indent || plausible(key, value.Text):
			pg.addField(key, label, &pg.lines[v])
			i = v + 1
		default:
			pg.addField(key, label, nil)
			return v
		}
	}
}

// plausible reports whether text can be the value of the field key, rather
// than the first paragraph of a description that follows a label with no
// value. Values are short; a member-state list starts with a country.
func plausible(key, text string) bool {
	switch key {
	case keyStartYear, keyEndYear, keyYear:
		return len(text) <= 20
	case keyBudget, keyPrimaID, keyProjectID:
		return len(text) <= 40
	case keyMemberStates:
		// Only the first name matters: split the first few words, not a
		// list that may hold a hundred names, into a buffer on the stack.
		var buf [8]vocab.CountryMatch
		if ms := vocab.AppendCountries(buf[:0], firstWords(text, 8)); len(ms) > 0 && ms[0].Known {
			return true
		}
		return len(text) <= 80 && !strings.Contains(text, ". ")
	}
	return len(text) <= 150 && !strings.Contains(text, ". ")
}

// addField keeps a labelled field as written and fills the record from it.
func (pg *page) addField(key string, label Line, value *Line) {
	f := model.Field{Key: key, Label: label.Text, Line: label.No}
	if key == "" {
		pg.report(model.SeverityWarning, model.CodeUnknownLabel, label.No, "unknown label %q; kept in sources[].fields", label.Text)
	}
	if value != nil {
		f.Value = value.Text
		if key != "" {
			f.Key = pg.setValue(key, *value)
		}
	}
	pg.keepField(f)
}

// fieldsPerPage is about how many fields a project page has, so that its
// fields are kept in one allocation, not grown one by one.
const fieldsPerPage = 12

// keepField appends f to the page's fields.
func (pg *page) keepField(f model.Field) {
	if pg.fields == nil {
		pg.fields = make([]model.Field, 0, fieldsPerPage)
	}
	pg.fields = append(pg.fields, f)
}

// nonBlankLines returns the lines holding text, dropping blank lines and
// lines that held only white space. Lines without a blank one are returned
// as they are, not copied: no caller changes them.
func nonBlankLines(lines []Line) []Line {
	n := 0
	for _, l := range lines {
		if l.Text != "" {
			n++
		}
	}
	if n == len(lines) {
		return lines
	}
	out := make([]Line, 0, n) // not len(lines): a page of blank lines would cost it twice
	for _, l := range lines {
		if l.Text != "" {
			out = append(out, l)
		}
	}
	return out
}

func lastLine(lines []Line) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[len(lines)-1].No
}

// firstWords returns the first n space-separated words of text.
func firstWords(text string, n int) string {
	end := 0
	for range n {
		i := strings.IndexByte(text[end:], ' ')
		if i < 0 {
			return text
		}
		end += i + 1
	}
	return text[:end]
}
