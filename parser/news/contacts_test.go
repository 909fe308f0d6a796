package news

import (
	"reflect"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/model/growth"
)

func TestReadContacts(t *testing.T) {
	type c = model.Contact
	tests := []struct {
		name  string
		paras []string
		want  []model.Contact
	}{
		{"on the next line", []string{
			"IOM’s programme is online at www.example.org",
			"For further information, please contact:",
			"Laurent De Boeck Tel (+250) 08 40 94 86 Email: Ldeboeck@iom.int",
		}, []c{{Name: "Laurent De Boeck", Phone: "(+250) 08 40 94 86", Email: "Ldeboeck@iom.int"}}},
		{"same line, organisation", []string{
			"For further information, please contact Jane Roe at IOM Egypt. Tel: +202 2736 5140, Email: jroe@iom.int",
		}, []c{{Name: "Jane Roe", Organisation: "IOM Egypt", Phone: "+202 2736 5140", Email: "jroe@iom.int"}}},
		{"several on one line", []string{
			"For more information please contact Jane Roe at IOM Kigali, Tel: +250 788 000 000, Email: jroe@example.org, or John Doe at IOM Geneva, Tel: +41 22 717 9111, Email: jdoe@example.org",
		}, []c{
			{Name: "Jane Roe", Organisation: "IOM Kigali", Phone: "+250 788 000 000", Email: "jroe@example.org"},
			{Name: "John Doe", Organisation: "IOM Geneva", Phone: "+41 22 717 9111", Email: "jdoe@example.org"},
		}},
		{"several on their own lines", []string{
			"For further information, please contact:",
			"Jane Roe",
			"IOM Kigali",
			"Tel: 0788 123 456",
			"Email: jroe@example.org",
			"John Doe, IOM Geneva, Mobile: +41 79 000 00 00, jdoe@example.org",
			"Related Stories",
			"IOM works with partners across the region to support migrants and communities in need.",
		}, []c{
			{Name: "Jane Roe", Organisation: "IOM Kigali", Phone: "0788 123 456", Email: "jroe@example.org"},
			{Name: "John Doe", Organisation: "IOM Geneva", Phone: "+41 79 000 00 00", Email: "jdoe@example.org"},
		}},
		{"French", []string{
			"Pour plus d’informations, veuillez contacter Marie Dupont à l’OIM Maroc, Tél : +212 5 37 00 00 00, Courriel : mdupont@example.org",
		}, []c{{Name: "Marie Dupont", Organisation: "OIM Maroc", Phone: "+212 5 37 00 00 00", Email: "mdupont@example.org"}}},
		{"Spanish", []string{
			"Para más información, por favor contacte a Ana Pérez en la OIM Colombia, Tel: +57 1 000 0000, Correo electrónico: aperez@example.org",
		}, []c{{Name: "Ana Pérez", Organisation: "OIM Colombia", Phone: "+57 1 000 0000", Email: "aperez@example.org"}}},
		{"name only", []string{
			"For more information, please contact Jane Roe.",
		}, []c{{Name: "Jane Roe"}}},
		{"cut off", []string{
			"For further information please contact John Doe, IOM Nairobi, Tel: +254 20 000 0000, Email: jdoe@io",
		}, []c{{Name: "John Doe", Organisation: "IOM Nairobi", Phone: "+254 20 000 0000", Email: "jdoe@io"}}},
		{"after a sentence", []string{
			"The event is open to the public. For more information contact Mr. John Doe, Tel. +254 20 000 0000.",
		}, []c{{Name: "Mr. John Doe", Phone: "+254 20 000 0000"}}},
		{"honorific, dashed phone", []string{
			"For further information, please contact Dr. Jane Roe at IOM Egypt. Tel: +202-27365140, Email: iomegypt@example.org",
		}, []c{{Name: "Dr. Jane Roe", Organisation: "IOM Egypt", Phone: "+202-27365140", Email: "iomegypt@example.org"}}},
		{"email label cut off", []string{
			"For More information please contact:  John Doe at IOM Geneva, Tel: +41 79 000 0000. Email: ",
		}, []c{{Name: "John Doe", Organisation: "IOM Geneva", Phone: "+41 79 000 0000"}}},
		{"no block", []string{"IOM is organising a conference, Tel: +250 000 000."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReadContacts(tt.paras); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadContacts() =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestReadContactsGrowth holds the reading of a contact block to linear
// work on blocks of thousands of values: phone numbers each announced by a
// label, once found by an expression run over the whole block before each
// (75 KB: 48 s), and joined to the contact's one by one; and numbers
// among as many email addresses, each once compared with every address.
func TestReadContactsGrowth(t *testing.T) {
	for _, tt := range []struct{ name, unit string }{
		{"labelled phones", "Tel: 555 1234, "},
		{"phones and emails", "jroe@iom.int +41 22 717 9111 "},
		{"names", "Jane Roe, "},
		{"honorifics", "Mr. Roe. "},
		{"labels", "Tel (mobile): "},
		{"organisations", "Jane Roe at IOM Egypt at the Ministry "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			block := func(n int) []string {
				return []string{"For further information, please contact Jane Roe, " + strings.Repeat(tt.unit, n)}
			}
			small, large := block(500), block(5000)
			growth.Check(t, func() { ReadContacts(small) }, func() { ReadContacts(large) })
		})
	}
}

func TestFindLinks(t *testing.T) {
	got := FindLinks([]string{
		"IOM’s MIDA Great Lakes Programme is online at www.midagrandslacs.org",
		"See https://www.example.org/news?id=1. Or (www.example.int/page), or example.org/fr.",
		"Again www.midagrandslacs.org; email jroe@iom.int or write to news@www.example.com",
		"Wikipedia: https://en.example.org/wiki/Foo_(bar), done.",
	})
	want := []string{"www.midagrandslacs.org", "https://www.example.org/news?id=1", "www.example.int/page", "example.org/fr", "https://en.example.org/wiki/Foo_(bar)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindLinks() =\n%q\nwant\n%q", got, want)
	}
}
