package cmd

import (
	"encoding/json"
	"slices"
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

func TestFilterFlags(t *testing.T) {
	dir, _ := corpus(t)
	kindsAndLangs := func(jsonl string) (kinds, langs []string) {
		for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
			var r model.Record
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			kinds = append(kinds, r.Kind)
			langs = append(langs, strings.Join(r.Languages, "+"))
		}
		return kinds, langs
	}
	tests := []struct {
		name  string
		args  []string
		kinds []string // the only kinds allowed; nil: any
		lang  string   // a language every record must have
		code  int
		err   string
	}{
		{name: "ingest kind", args: []string{"ingest", "--kind", "news", dir}, kinds: []string{"news"}},
		{name: "ingest kinds", args: []string{"ingest", "--kind", "news,page", dir}, kinds: []string{"news", "page"}},
		{name: "ingest lang after pairing", args: []string{"ingest", "--lang", "fr", dir}, lang: "fr"},
		{name: "parse lang", args: []string{"parse", "--lang", "es", "--kind", "PROJECT", dir}, kinds: []string{"project"}, lang: "es"},
		{name: "bad kind", args: []string{"ingest", "--kind", "blog", dir}, code: ExitUsage, err: `unknown --kind value "blog": use project, news, page`},
		{name: "bad lang", args: []string{"parse", "--lang", "en,de", dir}, code: ExitUsage, err: `unknown --lang value "de"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", append(tt.args, "-q", "-f", "jsonl")...)
			if code != tt.code || !strings.Contains(errOut, tt.err) {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.code != ExitOK {
				if out != "" {
					t.Errorf("usage error wrote records")
				}
				return
			}
			kinds, langs := kindsAndLangs(out)
			for i := range kinds {
				if tt.kinds != nil && !slices.Contains(tt.kinds, kinds[i]) {
					t.Errorf("record of kind %s", kinds[i])
				}
				if tt.lang != "" && !slices.Contains(strings.Split(langs[i], "+"), tt.lang) {
					t.Errorf("record in %s", langs[i])
				}
			}
			if tt.lang == "fr" && !slices.ContainsFunc(langs, func(l string) bool { return strings.Contains(l, "en+fr") }) {
				t.Errorf("--lang fr dropped the projects in en+fr: %v", langs)
			}
		})
	}
	t.Run("seeds news", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "ingest", "-f", "jsonl", "--kind", "news", seeds(t))
		kinds, _ := kindsAndLangs(out)
		if code != ExitOK || len(kinds) == 0 || slices.ContainsFunc(kinds, func(k string) bool { return k != "news" }) {
			t.Errorf("exit %d, kinds %v", code, kinds)
		}
	})
}
