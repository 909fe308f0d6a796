package parser

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unsafe"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/html"
	"github.com/iomparse/iomparse/parser/news"
	"github.com/iomparse/iomparse/parser/text"
)

// linkBytes is about the memory a link found takes: its string, and its
// entry in the set FindLinks keeps of those found.
const linkBytes = 64

// The last stage of Parse reads a page's structure into the record, by the
// kind classify decided: every field as written (sources[].fields), each
// value normalised to its code (values.go), the news facts of a news page,
// the title, the body and the language; and it reports, at their lines,
// what it cannot read.

// extractor is the state of the last stage: the record being filled.
type extractor struct {
	path   string
	meter  *budget.Meter // charged a unit of work and the memory of each field and diagnostic
	lines  []Line
	rec    model.Record
	fields []model.Field
	diags  []model.Diagnostic
	votes  langVotes
	// countries are the codes of rec.MemberStates.
	countries countrySet
	by        string // why the page is of its kind (model.ByNewsHeader …)
}

// report records a diagnostic at a line of the page.
func (x *extractor) report(severity, code string, line int, format string, args ...any) {
	d := model.Diagnostic{
		Severity: severity, Code: code, Path: x.path, Line: line,
		Message: fmt.Sprintf(format, args...),
	}
	x.meter.Work(1)
	x.meter.Alloc(len(d.Message))
	if len(x.diags) == cap(x.diags) {
		// A new array, twice as large, while the old one lives.
		x.meter.Alloc(int(unsafe.Sizeof(d)) * (1 + 2*cap(x.diags)))
	}
	x.diags = append(x.diags, d)
}

// reported tells whether a diagnostic with code was already reported at
// line, so that one cut value is not reported twice.
func (x *extractor) reported(code string, line int) bool {
	for _, d := range x.diags {
		if d.Code == code && d.Line == line {
			return true
		}
	}
	return false
}

// extract fills the record of the page s of kind, with the news marks
// classify read, then reports what the page as a whole lacks.
func (x *extractor) extract(s *scan, kind string, marks newsMarks) {
	x.lines = s.lines
	x.rec.Kind = kind
	x.by = marks.by
	x.rec.Office = s.menu.office
	x.votes = s.votes
	for _, l := range s.body {
		x.votes.addText(l.Text)
	}
	x.readBlock(s)
	if kind == model.KindNews {
		x.readNews(s, marks)
	}
	x.check(s)
}

// readBlock reads the fields of the block, in order, with the diagnostics
// of a block cut off by the end of the page where they belong among the
// fields'.
func (x *extractor) readBlock(s *scan) {
	for i := range s.block.fields {
		f := &s.block.fields[i] // not a copy: a field is two lines
		if f.cutAfterLabel {
			x.report(model.SeverityWarning, model.CodeTruncated, f.label.No, "the page ends after the label %q, before its value", f.label.Text)
		}
		if s.layout == LayoutDevFund {
			x.addValue(f.key, f.value)
			continue
		}
		var value *Line
		if f.hasValue {
			value = &f.value
		}
		x.addField(f.key, f.label, value)
		if f.endsPage && f.key != keyMemberStates && !x.reported(model.CodeTruncated, f.value.No) {
			// Lists report their own cut.
			x.report(model.SeverityWarning, model.CodeTruncated, f.value.No, "the page ends with the value of %q, which may be cut off", f.label.Text)
		}
	}
	if s.block.cut != "" {
		x.report(model.SeverityWarning, model.CodeTruncated, s.block.cutLine, "%s", s.block.cut)
	}
}

// addField keeps a labelled field as written and fills the record from it.
func (x *extractor) addField(key string, label Line, value *Line) {
	f := model.Field{Key: key, Label: label.Text, Line: label.No}
	if key == "" {
		x.report(model.SeverityWarning, model.CodeUnknownLabel, label.No, "unknown label %q; kept in sources[].fields", label.Text)
	}
	if value != nil {
		f.Value = value.Text
		if key != "" {
			f.Key = x.setValue(key, *value)
		}
	}
	x.keepField(f)
}

// addValue keeps an unlabelled Development Fund value as a field and fills
// the record from it.
func (x *extractor) addValue(key string, v Line) {
	f := model.Field{Key: key, Value: v.Text, Line: v.No}
	if key == keyMemberStates {
		var buf [4]vocab.CountryMatch // a line names one member state
		x.addCountries(v, vocab.AppendCountries(buf[:0], v.Text), false)
	} else {
		f.Key = x.setValue(key, v)
	}
	x.keepField(f)
}

// fieldsPerPage is about how many fields a project page has, so that its
// fields are kept in one allocation, not grown one by one.
const fieldsPerPage = 12

// keepField appends f to the page's fields.
func (x *extractor) keepField(f model.Field) {
	x.meter.Work(1)
	if len(x.fields) == cap(x.fields) {
		x.meter.Alloc(int(unsafe.Sizeof(f)) * (1 + 2*cap(x.fields)))
	}
	if x.fields == nil {
		x.fields = make([]model.Field, 0, fieldsPerPage)
	}
	x.fields = append(x.fields, f)
}

// readNews reads the facts of a news page: its date from the lines around
// its headline (a date line, a dateline glued to it), else from a date
// line of the front matter, else from the dateline opening its story,
// else from "Posted:" metadata (and, in record, an HTML page's); its
// place from the headline's dateline, else the story's, with the country
// the place names; its contacts; its links.
func (x *extractor) readNews(s *scan, marks newsMarks) {
	l := marks.lead
	x.rec.Date = s.date
	if x.rec.Date == "" {
		x.rec.Date = cmp.Or(l.frontDate, l.dateline.Date.String(), s.posted, l.posted)
	}
	x.rec.Place = cmp.Or(s.place, l.dateline.Place)
	x.rec.PlaceCountry = news.PlaceCountry(x.rec.Place)
	x.rec.Contacts = marks.contacts
	texts := append([]string{s.title}, s.paras...)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	x.meter.Work(len(texts) + size/text.BytesPerWork)
	x.rec.Links = news.FindLinks(texts)
	x.meter.Alloc(len(x.rec.Links) * linkBytes)
}

// check reports what the page as a whole lacks: any text, a title, a mark
// of IOM.
func (x *extractor) check(s *scan) {
	if s.bare {
		if len(nonBlankLines(s.lines)) == 0 {
			x.report(model.SeverityWarning, model.CodeEmpty, 0, "the page holds no text")
		} else {
			x.report(model.SeverityWarning, model.CodeMissingTitle, lastLine(s.lines), "the page ends with its menu: no title and no content")
		}
		return
	}
	// A story can open without a headline, and a page of questions and
	// answers has none by design (its first question is no title): only
	// another page without one is worth a warning.
	if s.title == "" && x.rec.Kind != model.KindNews && x.by != model.ByFAQ {
		x.report(model.SeverityWarning, model.CodeMissingTitle, firstLineNo(s.body), "no title found")
	}
	if s.menu.site == "" && !s.block.hasFacts && !mentionsIOM(s.lines) {
		x.report(model.SeverityWarning, model.CodeNotIOM, firstLineNo(s.lines), "no IOM menu, field or mention: this may not be an IOM page")
	}
}

// record assembles the record of doc from what the stages yielded.
func (x *extractor) record(doc Document, s *scan, meta html.Meta) model.Record {
	r := x.rec
	menuLang := s.menu.lang
	if menuLang == "" {
		menuLang = meta.Lang // an HTML page's <html lang>: like the menu's, it decides only when the content does not
	}
	lang := x.votes.decide(menuLang)
	if lang != "" {
		r.Languages = []string{lang}
		if s.title != "" {
			r.Title = map[string]string{lang: s.title}
		}
		body, outcomes := paragraphs(s.paras, r.Kind == model.KindProject)
		if len(body) > 0 {
			r.Body = map[string][]string{lang: body}
		}
		if len(outcomes) > 0 {
			r.Outcomes = map[string][]string{lang: outcomes}
		}
	}
	sum, size := doc.SHA256, doc.Size
	if sum == "" {
		h := sha256.Sum256(doc.Data)
		sum, size = hex.EncodeToString(h[:]), len(doc.Data)
	}
	if r.Kind == model.KindNews && r.Date == "" {
		r.Date = meta.Date // an HTML page's article:published_time, when the body gives no date
	}
	r.Sources = []model.Source{{
		Path: doc.Path, Lang: lang, Format: doc.Format, Layout: s.layout,
		URL: meta.URL, SHA256: sum, Bytes: size, Fields: x.fields, ClassifiedBy: x.by,
	}}
	r.Diagnostics = x.diags
	return r
}
