package cmd

import (
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

func TestRecordFilter(t *testing.T) {
	project := &model.Record{Kind: model.KindProject, Languages: []string{"en", "fr"}}
	news := &model.Record{Kind: model.KindNews, Languages: []string{"es"}}
	und := &model.Record{Kind: model.KindPage, Languages: []string{"und"}}
	bare := &model.Record{Kind: model.KindPage}
	tests := []struct {
		name         string
		kinds, langs []string
		err          string
		match        []*model.Record
		reject       []*model.Record
	}{
		{name: "no filter", match: []*model.Record{project, news, und, bare}},
		{name: "one kind", kinds: []string{"news"}, match: []*model.Record{news}, reject: []*model.Record{project, und, bare}},
		{name: "two kinds", kinds: []string{"project", "page"}, match: []*model.Record{project, und, bare}, reject: []*model.Record{news}},
		{name: "any of the record's languages", langs: []string{"fr"}, match: []*model.Record{project}, reject: []*model.Record{news, und, bare}},
		{name: "any of the filter's languages", langs: []string{"es", "en"}, match: []*model.Record{project, news}, reject: []*model.Record{und, bare}},
		{name: "kind and language", kinds: []string{"project"}, langs: []string{"es"}, reject: []*model.Record{project, news}},
		{name: "case and spaces", kinds: []string{" News"}, langs: []string{"ES "}, match: []*model.Record{news}},
		{name: "unknown kind", kinds: []string{"blog"}, err: `unknown --kind value "blog": use project, news, page`},
		{name: "unknown language", langs: []string{"en", "de"}, err: `unknown --lang value "de": use en, fr, es`},
		{name: "empty value", kinds: []string{""}, err: `unknown --kind value ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &recordFilter{kinds: tt.kinds, langs: tt.langs}
			err := f.validate()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				if ee, ok := err.(*exitError); !ok || ee.code != ExitUsage {
					t.Errorf("error %v is not a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tt.match {
				if !f.match(r) {
					t.Errorf("%s %v rejected", r.Kind, r.Languages)
				}
			}
			for _, r := range tt.reject {
				if f.match(r) {
					t.Errorf("%s %v passes", r.Kind, r.Languages)
				}
			}
		})
	}
}
