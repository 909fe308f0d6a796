package parser

import (
	"strings"
	"unsafe"

	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/news"
	"github.com/iomparse/iomparse/parser/text"
)

// The second stage of Parse reads the structure of a page: the grammar
// goes over its lines top to bottom, past the menu (found by the first
// stage) and the headers of menu-less snapshots, then takes the title, the
// labelled fields of a project page in one of three layouts (or a
// headline with the dates standing around it), then the body. It writes
// nothing into the record and reports nothing: it notes what it found,
// which classify weighs and extract reads.

// scan is the structure of a page.
type scan struct {
	lines []Line
	menu  menu
	// bare tells that nothing follows the menu and the headers: the page
	// holds no text, or its menu alone.
	bare       bool
	newsHeader bool // the page starts with a "News" / "Communiqué" header
	layout     string
	title      string // as shown: a headline without its dateline
	block      fieldBlock
	// date and place are the first date with its year, and the first
	// place, given around the headline: on the date lines and in the
	// headline's dateline.
	date, place string
	body        []Line   // description or story lines, in order
	paras       []string // the body's paragraphs (hard-wrapped lines rejoined)
	// votes gathers the language evidence of the structure: the headers,
	// the labels and the title; extract adds the values' and the body's.
	votes langVotes
	// meter is charged the work and memory of reading the page, and of
	// classifying it.
	meter *budget.Meter

	// glued tells that a dateline was glued to the headline. posted is
	// the date of a "Posted: …" line around it: metadata, which counts
	// only when no dateline gives a date.
	glued  bool
	posted string
	faq    bool // the headline is an FAQ's first question (see isFAQ): no title
}

// fieldBlock is a page's block of labelled fields as the layout reader
// found it: which lines are labels and which values, before the values
// are read.
type fieldBlock struct {
	fields []blockField
	// hasFacts tells that a project fact is given: a known label with a
	// value, or a Development Fund value. Only a field block makes a
	// project (never prose).
	hasFacts bool
	// cut, when not empty, says how the page ends inside its block, at
	// line cutLine: reported after the block's fields.
	cut     string
	cutLine int
}

// blockField is one field of a block.
type blockField struct {
	key      string // the field key; "" for a label nobody has listed
	label    Line   // the label as written; none (Text "") for a Development Fund value
	value    Line
	hasValue bool
	// cutAfterLabel tells that the page ends after the label, before any
	// value: reported before the field.
	cutAfterLabel bool
	// endsPage tells that the value is the page's last line of text, so
	// it may be cut off.
	endsPage bool
}

// read reads the structure of the page of lines, whose menu the first
// stage found, into s, whose memory it reuses. title is the title the page
// gives besides its lines (an HTML page's og:title), taken when the lines
// show none.
func (s *scan) read(lines []Line, m menu, title string, meter *budget.Meter) {
	*s = scan{lines: lines, menu: m, block: fieldBlock{fields: s.block.fields[:0]}, meter: meter}
	// The grammar reads each line once or twice, and looks a few lines
	// ahead of the field block's start.
	meter.Work(2 * len(lines))
	i := s.skipHeaders(m.end)
	if i >= len(lines) {
		s.bare, s.layout = true, LayoutNone
		return
	}
	switch {
	case s.isDevFund(i):
		s.layout = LayoutDevFund
		i = s.readDevFund(i)
	case lines[i].Text == "-" && s.isDash(i-1):
		s.layout = LayoutDash // a field block with no title before it
		i = s.readDash(i)
	case s.isDash(i):
		s.layout = LayoutDash
		s.setTitle(i)
		i = s.readMoreFields(s.readDash(i + 1))
	case s.isBullet(i):
		s.layout = LayoutBullet
		s.setTitle(i)
		i = s.readMoreFields(s.readBullet(i + 1))
	default:
		s.layout = LayoutNone
		i = s.readHeadline(i)
	}
	s.body = nonBlankLines(lines[i:])
	if len(s.body) < len(lines)-i {
		meter.Alloc(len(s.body) * text.LineBytes) // a copy, without the blank lines
	}
	s.paras = joinWrapped(s.body)
	meter.Work(len(s.body))
	meter.Alloc(len(s.paras) * int(unsafe.Sizeof("")))
	if len(s.paras) < len(s.body) {
		// Some lines were joined into paragraphs: copies.
		size := 0
		for _, p := range s.paras {
			size += len(p)
		}
		meter.Alloc(size)
	}
	if s.title == "" {
		s.title = title
	}
}

// skipHeaders skips blank lines and the header and widget lines that
// menu-less snapshots carry before the title ("News" / "Global"), and the
// chrome around them (chrome.go).
func (s *scan) skipHeaders(i int) int {
	for i < len(s.lines) {
		text := s.lines[i].Text
		if text == "" {
			i++
			continue
		}
		h, ok := pageHeaders.Lookup(text)
		if !ok {
			if isChrome(text) {
				i++
				continue
			}
			break
		}
		if h.Code == "section" {
			s.newsHeader = true
			s.votes.add(h.Lang, 1)
		}
		i++
	}
	return i
}

// setTitle takes line i as the page's title.
func (s *scan) setTitle(i int) {
	s.title = s.lines[i].Text
	s.votes.addText(s.title)
}

// next returns the index of the first non-blank line at or after i.
func (s *scan) next(i int) int {
	for i < len(s.lines) && s.lines[i].Text == "" {
		i++
	}
	return i
}

// isLabel reports whether text is a known field label.
func isLabel(text string) bool {
	_, ok := labels.Lookup(text)
	return ok
}

// addField notes a labelled field of the block.
func (s *scan) addField(f blockField) {
	s.meter.Work(1)
	if len(s.block.fields) == cap(s.block.fields) {
		// A new array, twice as large, while the old one lives.
		s.meter.Alloc(int(unsafe.Sizeof(f)) * (1 + 2*cap(s.block.fields)))
	}
	if f.key != "" && f.hasValue {
		s.block.hasFacts = true
	}
	s.block.fields = append(s.block.fields, f)
}

// labelKey returns the field key of a label ("" for one nobody has listed),
// counting its language as evidence.
func (s *scan) labelKey(text string) string {
	m, ok := labels.Lookup(text)
	if !ok {
		return ""
	}
	s.votes.add(m.Lang, 3)
	return m.Code
}

// isDash reports whether the title at line i is followed by a Dash field
// block: "-" items of a label and a value, at least one of whose labels is
// known (the first may be one nobody has listed).
func (s *scan) isDash(i int) bool {
	j := s.next(i + 1)
	for items := 0; items < 20 && j < len(s.lines) && s.lines[j].Text == "-"; items++ {
		l := s.next(j + 1)
		if l >= len(s.lines) {
			return false
		}
		if isLabel(s.lines[l].Text) {
			return true
		}
		// Skip the unknown label and its value, if any, to the next "-".
		j = s.next(l + 1)
		if j < len(s.lines) && s.lines[j].Text != "-" {
			j = s.next(j + 1)
		}
	}
	return false
}

// readDash reads "-" / label / value triples from line i and returns the
// index of the first line after the block. A label may have no value: it is
// then followed directly by the next "-" or by the description, which is
// told from a value by its shape (see plausible).
func (s *scan) readDash(i int) int {
	lines := s.lines
	for i = s.next(i); i < len(lines); i = s.next(i) {
		l := i // a known label whose "-" line is missing
		if lines[i].Text == "-" {
			l = s.next(i + 1)
		} else if !isLabel(lines[i].Text) {
			break // the description
		}
		if l >= len(lines) {
			s.block.cut, s.block.cutLine = "the page ends inside its field block", lines[i].No
			return len(lines)
		}
		label := lines[l]
		if label.Text == "-" {
			i = l // an empty item
			continue
		}
		key := s.labelKey(label.Text)
		v := s.next(l + 1)
		switch {
		case v >= len(lines):
			s.addField(blockField{key: key, label: label, cutAfterLabel: true})
			return len(lines)
		case lines[v].Text == "-" || isLabel(lines[v].Text):
			s.addField(blockField{key: key, label: label})
			i = v
		default:
			after := s.next(v + 1)
			lastInBlock := after >= len(lines) || (lines[after].Text != "-" && !isLabel(lines[after].Text))
			if lastInBlock && !plausible(key, lines[v].Text) {
				s.addField(blockField{key: key, label: label}) // the description follows the label
				return v
			}
			s.addField(blockField{key: key, label: label, value: lines[v], hasValue: true, endsPage: after >= len(lines)})
			i = v + 1
		}
	}
	return i
}

// readMoreFields reads the fields that go on after a block ending at line
// i in the other shape: "-" items after "Start Date: 2022" lines, or
// "Prima ID: FJ10P0002" lines after "-" items. A page that mixes the two
// has one block, and a field of it left in the body would be neither read
// nor reported. Only a known label with a value it can have starts a
// field here, so that a description opening "Status: the project …" stays
// the description.
func (s *scan) readMoreFields(i int) int {
	lines := s.lines
	for {
		j := s.next(i)
		if j >= len(lines) {
			return i
		}
		if lines[j].Text == "-" && s.isDash(j-1) {
			if k := s.readDash(j); k > j {
				i = k
				continue
			}
			return i
		}
		l, v, ok := inlineField(lines[j].Text)
		if !ok || v == "" {
			return i
		}
		key := s.labelKey(l)
		if !plausible(key, v) {
			return i
		}
		label, value := lines[j], lines[j]
		label.Text, value.Text = l, v
		s.addField(blockField{key: key, label: label, value: value, hasValue: true})
		i = j + 1
	}
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
func (s *scan) isBullet(i int) bool {
	j := s.next(i + 1)
	if j >= len(s.lines) {
		return false
	}
	l, ok := bulletLabel(s.lines[j].Text)
	if ok && isLabel(l) {
		return true
	}
	_, _, ok = inlineField(s.lines[j].Text)
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
func (s *scan) readBullet(i int) int {
	lines := s.lines
	for {
		i = s.next(i)
		if i >= len(lines) {
			return i
		}
		if l, v, ok := inlineField(lines[i].Text); ok {
			label, value := lines[i], lines[i]
			label.Text, value.Text = l, v
			s.addField(blockField{key: s.labelKey(l), label: label, value: value, hasValue: v != ""})
			i++
			continue
		}
		text, ok := bulletLabel(lines[i].Text)
		if !ok {
			return i
		}
		label := lines[i]
		label.Text = text
		key := s.labelKey(text)
		v := i + 1
		if v >= len(lines) {
			s.addField(blockField{key: key, label: label, cutAfterLabel: true})
			return v
		}
		value := lines[v]
		_, nextIsBullet := bulletLabel(value.Text)
		switch {
		case value.Text == "" || nextIsBullet:
			s.addField(blockField{key: key, label: label})
			i = v
		case value.Indent || plausible(key, value.Text):
			s.addField(blockField{key: key, label: label, value: value, hasValue: true})
			i = v + 1
		default:
			s.addField(blockField{key: key, label: label})
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

// readHeadline reads the title of a page without a field block: a news
// headline or a page title, with the dates standing alone on the lines
// around it, and the dateline glued to the headline taken off it (these
// are places a news page gives its own date and place: see package news).
// A story can have no headline at all, its body following the menu
// directly; then no title is invented. Nor is an FAQ's first question a
// title. A headline hard-wrapped over two lines is joined (headline.go).
func (s *scan) readHeadline(i int) int {
	i = s.readDateLines(i)
	if i >= len(s.lines) || news.LooksLikeParagraph(s.lines[i].Text) {
		return i
	}
	if s.isFAQ(i) {
		s.faq = true
		return i
	}
	s.setTitle(i)
	if s.wrappedHeadline(i) {
		i++
		s.title += " " + s.lines[i].Text
		s.votes.addText(s.lines[i].Text)
	}
	if title, dl, ok := news.SplitHeadline(s.title); ok {
		s.title = title
		s.glued = true
		s.noteDateline(dl)
	}
	return s.readDateLines(i + 1)
}

// readDateLines skips the blank lines, the frame ("Download PDF",
// "Share", see isFrame) and the lines holding only a date ("Sep 26,
// 2015", "6 June, 2019") from line i, noting their dates, and returns the
// index of the next line. A labelled date ("Posted: …") is noted apart:
// it is the page's metadata.
func (s *scan) readDateLines(i int) int {
	for {
		i = s.next(i)
		if i >= len(s.lines) {
			return i
		}
		text := s.lines[i].Text
		if isFrame(text) {
			i++
			continue
		}
		d, ok := news.DateLine(text)
		switch {
		case !ok:
			return i
		case news.HasDateLabel(text):
			if s.posted == "" {
				s.posted = d.String()
			}
		default:
			s.noteDateline(news.Dateline{Date: d})
		}
		i++
	}
}

// noteDateline notes the date and place of a dateline around the headline
// unless earlier lines gave them.
func (s *scan) noteDateline(dl news.Dateline) {
	if s.date == "" {
		s.date = dl.Date.String()
	}
	if s.place == "" {
		s.place = dl.Place
	}
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

func firstLineNo(lines []Line) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[0].No
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
