package model_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/vocab"
)

// announcedPhone is a phone number that announces itself: international, or
// after a phone label.
var announcedPhone = regexp.MustCompile(`(?i)(?:\(\+\d{1,4}\)|\+ ?\d)[\d ()./\x{00A0}-]{5,}\d|\b(?:` + vocab.PhoneLabels + `)\b\.?\s*(?:\([^)]{0,12}\))?\s*[:.]?\s*\d[\d ()./\x{00A0}-]{5,}\d`)

// hostileRecord holds personal data in every place a record keeps a
// page's words, as parse and pair would write it.
func hostileRecord() model.Record {
	words := "Call jane.roe@example.org or +41 22 717 9111"
	slug := vocab.Slug(words)
	return model.Record{
		Kind: model.KindProject, PrimaID: "RW10P0522", Status: slug, ProjectType: vocab.Slug("Tel: 0788 123 456"),
		Place:        "Geneva (Tel: 022 717 9111)",
		MemberStates: []model.MemberState{{Code: "RW", Name: "Rwanda"}, {Name: "write to jroe@example.org"}},
		Languages:    []string{"en", "fr"},
		Title:        map[string]string{"en": "Ask jroe@example.org", "fr": "Titre"},
		Body:         map[string][]string{"en": {"Mobile: +250 788 000 111", "Jane Roe said so."}},
		Contacts:     []model.Contact{{Name: "Jane Roe", Phone: "022 717 9111", Email: "jroe@example.org", Organisation: "IOM"}},
		Links:        []string{"https://example.org/form?email=jroe%40example.org&to=jroe@example.org", "mailto:press@iom.int"},
		Sources: []model.Source{{
			Path: "pages/jroe@example.org.txt", URL: "https://example.org/?email=a.b@example.org", Lang: "en", Format: "text",
			Fields: []model.Field{
				{Key: "status", Label: "Project Status", Value: words, Line: 3},
				{Key: "project_type", Label: "Type", Value: "Tel: 0788 123 456", Line: 6},
				{Label: "Contact jane@example.org", Value: "+250 788 000 111", Line: 9},
			},
		}, {Path: "pages/b.txt", Lang: "fr", Format: "text"}},
		Conflicts: []model.Conflict{
			{Field: "status", Values: map[string]string{"en": slug, "fr": "active"}, ByPath: map[string]string{"pages/jroe@example.org.txt": slug, "pages/b.txt": "active"}},
			{Field: "member_states", Values: map[string]string{"en": "RW;write to jroe@example.org", "fr": "RW"}},
			{Field: "title.en", Values: map[string]string{"en": "Ask jroe@example.org"}, ByPath: map[string]string{"pages/jroe@example.org.txt": "Ask jroe@example.org", "pages/c.txt": "Tel (+41) 22 717 9111"}},
		},
		Diagnostics: []model.Diagnostic{
			{Severity: model.SeverityWarning, Code: model.CodeUnknownValue, Path: "pages/jroe@example.org.txt", Line: 3,
				Message: `unknown status "` + words + `"; kept as "` + slug + `"`},
			{Severity: model.SeverityWarning, Code: model.CodeConflict, Path: "pages/b.txt", Message: `status is "active" here but "` + slug + `" in pages/jroe@example.org.txt, which is kept`},
		},
	}
}

// checkNoPersonalData fails when the JSON of r holds an email address,
// a phone number that announces itself, or any of words.
func checkNoPersonalData(t *testing.T, what string, r *model.Record, words ...string) {
	t.Helper()
	b, err := r.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if start, end := vocab.FindEmail(text); start >= 0 {
		t.Errorf("%s: an email address is left: %q in\n%s", what, text[start:end], text)
	}
	if m := announcedPhone.FindString(text); m != "" {
		t.Errorf("%s: a phone number is left: %q in\n%s", what, m, text)
	}
	for _, w := range words {
		if strings.Contains(text, w) {
			t.Errorf("%s: %q is left in\n%s", what, w, text)
		}
	}
}

// TestRedactEverywhere: after Redact, no email address and no phone number
// that announces itself is left anywhere in a record, golden or hostile,
// nor a code made from such words; a record redacted again is unchanged.
func TestRedactEverywhere(t *testing.T) {
	for _, r := range goldenRecords(t) {
		model.Redact(&r)
		checkNoPersonalData(t, model.PairKey(&r)+" "+r.Sources[0].Path, &r)
	}
	r := hostileRecord()
	slugs := []string{r.Status, r.ProjectType, "jane-roe", "Jane Roe", "717 9111"}
	model.Redact(&r)
	checkNoPersonalData(t, "hostile", &r, slugs...)
	if want := vocab.Slug("Call [redacted] or [redacted]"); r.Status != want || r.Conflicts[0].Values["en"] != want {
		t.Errorf("status %q, conflict %q: want the code made from the redacted words, %q", r.Status, r.Conflicts[0].Values["en"], want)
	}
	once, _ := json.Marshal(r)
	if n := model.Redact(&r); n != 0 {
		t.Errorf("a second Redact took out %d items", n)
	}
	if twice, _ := json.Marshal(r); string(twice) != string(once) {
		t.Errorf("a second Redact changed the record:\n%s\n%s", once, twice)
	}
}
