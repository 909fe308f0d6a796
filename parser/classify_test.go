package parser

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/model"
)

func TestIsChrome(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Languages", true},
		{"Français", true},
		{"Español", true},
		{"Download PDF", true},
		{"Télécharger le PDF", true},
		{"Local", true},
		{"PBN News Germany - 17 hours 23 min ago", true},
		{"PBN News Ukraine - 2 days 4 hours ago", true},
		{"Actualités Sénégal - il y a 2 jours", true},
		{"Noticias Perú - hace 3 horas", true},
		{"Home / Press Room IOM", true},
		{"Accueil › Actualités", true},
		{"Inicio > Noticias > Comunicados", true},
		// Not chrome.
		{"Returnees Train as Solar Technicians", false},
		{"Migration and Development 2005-2010", false},
		{"Twenty years ago", false},
		{"Geneva / Brussels", false},
		{"English Courses for Returnees", false},
	}
	for _, tt := range tests {
		if got := isChrome(tt.in); got != tt.want {
			t.Errorf("isChrome(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestFeedLineGuard holds mayEndWithAge to feedAge: where it says no, the
// expression matches nothing, on random texts of the words it cares about.
func TestFeedLineGuard(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{" ", "\t", "\n", "2", "17", "hours", "HOURS", "min", "ago", "AGO", "agoſ", "il y a", "jours", "ans", "anſ", "hace", "días", "DÍAS", "años", "x", "-"}
	var b strings.Builder
	for range 50000 {
		b.Reset()
		for range rng.IntN(8) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if s := b.String(); !mayEndWithAge(s) && feedAge.MatchString(s) {
			t.Fatalf("mayEndWithAge(%q) is false, but feedAge matches", s)
		}
	}
}

// TestHeadline checks the title of pages whose headline is hidden by
// chrome, hard-wrapped, or an FAQ's first question.
func TestHeadline(t *testing.T) {
	tests := []struct {
		name  string
		page  []string
		title string
	}{
		{"language switcher", []string{"Languages", "English", "Français", "Español", "Centre Opens", "Kigali – IOM has opened a centre."}, "Centre Opens"},
		{"feed line before the header", []string{"PBN News Italy - 5 hours 12 min ago", "News", "Global", "Centre Opens", "Kigali – IOM has opened a centre."}, "Centre Opens"},
		{"breadcrumb", []string{"Home / Press Room IOM", "Centre Opens", "Kigali – IOM has opened a centre."}, "Centre Opens"},
		{"news local", []string{"News", "Local", "Centre Opens", "Kigali – IOM has opened a centre."}, "Centre Opens"},
		{"PDF link before", []string{"Download PDF", "Centre Opens", "Kigali – IOM has opened a centre."}, "Centre Opens"},
		{"hard-wrapped", []string{
			"IOM and the Ministry of Labour Sign an Agreement on", "Seasonal Workers from Vanuatu", "",
			"Port Vila, 14 May 2008 - IOM and Vanuatu's Ministry of", "Labour today signed an agreement that will help some 300",
			"seasonal workers prepare for work on farms abroad and", "return home with their savings, the ministry said today.", "",
			"Under the agreement, IOM will train the officials who", "select the workers and brief them before they leave."},
			"IOM and the Ministry of Labour Sign an Agreement on Seasonal Workers from Vanuatu"},
		{"not wrapped: a tag line under a scraped headline", []string{
			"IOM and the Ministry of Labour Sign an Agreement on Workers", "Labour Migration, Pacific", "",
			"Port Vila – IOM and Vanuatu's Ministry of Labour today signed an agreement that will help some 300 seasonal workers prepare for work on farms abroad."},
			"IOM and the Ministry of Labour Sign an Agreement on Workers"},
		{"FAQ", []string{"What is the Fund?", "It funds projects.", "Who can apply?", "Governments.", "When?", "Twice a year."}, ""},
		{"a question headline", []string{"Why Do Migrants Leave?", "IOM has published a study on why migrants leave home.", "What did it find? Many reasons."}, "Why Do Migrants Leave?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(Document{Path: "p.txt", Data: []byte(strings.Join(tt.page, "\n"))})
			if got := r.Title["en"]; got != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
		})
	}
}

// TestReadLead checks which paragraph opens the story, past the front
// matter, and the dateline read there.
func TestReadLead(t *testing.T) {
	tests := []struct {
		name        string
		page        []string
		place, date string
	}{
		{"first paragraph", []string{"News", "Centre Opens", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"after a caption", []string{"News", "Centre Opens", "A returnee at the centre. Photo: IOM/Jane Doe", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"after captions given twice", []string{"News", "Centre Opens", "A returnee at the centre. Photo: IOM/Jane Doe", "A returnee at the centre. Photo: IOM/Jane Doe", "Kigali, 9 July 2024 – IOM has opened a centre."}, "Kigali", "2024-07-09"},
		{"after a caption without credit among credited ones", []string{"News", "Centre Opens", "A returnee at the centre. Photo: IOM/Jane Doe", "Children at the opening.", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"after a tag line and countries", []string{"News", "Centre Opens", "Labour Mobility, Diaspora", "Rwanda Burundi", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"after a byline", []string{"Centre Opens", "By Jane Doe", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"after share buttons", []string{"Centre Opens", "Share", "Facebook", "Twitter", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"after a caption and share buttons", []string{"News", "Centre Opens", "A returnee at the centre. Photo: IOM/Jane Doe", "Share", "Kigali – IOM has opened a centre."}, "Kigali", ""},
		{"date line in the front matter", []string{"News", "Centre Opens", "Labour Mobility, Diaspora", "9 July 2024", "Kigali – IOM has opened a centre."}, "Kigali", "2024-07-09"},
		{"dateline alone on its line", []string{"Centre Opens", "Kigali, 9 July 2024.-", "IOM has opened a centre."}, "Kigali", "2024-07-09"},
		{"a caption with a place and a date", []string{"News", "Centre Opens", "Children at the centre.", "June 2022, San José- Costa Rica.", "Costa Rica. IOM has opened a centre."}, "Costa Rica", ""},
		{"a credit", []string{"News", "Centre Opens", "Jane Doe - IOM, Head of Office", "“We are ready,” she said.", "IOM has opened a centre in Kigali, where migrants will find advice on their rights and on services."}, "", ""},
		// The story has begun: a later paragraph opening like a dateline
		// is not the story's.
		{"after a short paragraph", []string{"News", "Centre Opens", "IOM opened a centre.", "Kigali – The centre is the first."}, "", ""},
		{"after a long paragraph", []string{"News", "Centre Opens", "IOM has opened a centre for migrants in the capital, where they will find advice on their rights, on safe routes and on services.", "Kigali – The centre is the first."}, "", ""},
		{"a caption opening like a dateline", []string{"News", "Centre Opens", "Kigali – Children at the centre. Photo: IOM/Jane Doe", "Kigali – IOM has opened a centre."}, "Kigali", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(Document{Path: "p.txt", Data: []byte(strings.Join(tt.page, "\n"))})
			if r.Kind != model.KindNews || r.Place != tt.place || r.Date != tt.date {
				t.Errorf("kind %q, place %q, date %q; want news, %q, %q", r.Kind, r.Place, r.Date, tt.place, tt.date)
			}
		})
	}
}

// TestClassifiedBy checks the kind of small pages and the reason recorded
// for it, one case at least for every reason.
func TestClassifiedBy(t *testing.T) {
	tests := []struct {
		name     string
		page     []string
		kind, by string
	}{
		{"news header", []string{"News", "Global", "Centre Opens", "IOM opened a centre."}, model.KindNews, model.ByNewsHeader},
		{"dateline", []string{"Centre Opens", "Kigali – IOM opened a centre."}, model.KindNews, model.ByDateline},
		{"glued dateline", []string{"Centre Opens – Kigali, 9 July 2024", "IOM opened a centre."}, model.KindNews, model.ByDateline},
		{"date line", []string{"Centre Opens", "9 July 2024", "IOM opened a centre."}, model.KindNews, model.ByDateLine},
		{"posted", []string{"Centre Opens", "Posted: Tuesday, July 9, 2024 - 10:30", "IOM opened a centre."}, model.KindNews, model.ByPostedMetadata},
		{"contacts", []string{"About the Programme", "The programme supports returnees.", "For more information, please contact Jane Roe, jroe@example.org"}, model.KindNews, model.ByContacts},
		{"reporting lead", []string{"Returnees Hand Over Boreholes", "Four boreholes built with grants from IOM were handed over to the council this week."}, model.KindNews, model.ByReportingLead},
		{"reporting lead after a quote", []string{"Returnees Open a Bakery", "“We start at four,” says Awa.", "Quinze migrants de retour ont ouvert une boulangerie avec l’appui de l’OIM."}, model.KindNews, model.ByReportingLead},
		{"listing", []string{"Latest News", "Centre Opens", "9 July 2024", "IOM opened a centre.", "Fund Starts", "2 July 2024", "A fund started."}, model.KindPage, model.ByListing},
		{"faq by its title", []string{"Frequently Asked Questions", "Who can apply? Governments can."}, model.KindPage, model.ByFAQ},
		{"faq by its questions", []string{"What is the Fund?", "It funds projects.", "Who can apply?", "Governments.", "When?", "Twice a year."}, model.KindPage, model.ByFAQ},
		{"faq with a contact", []string{"Questions fréquentes", "Qui peut demander ?", "Les gouvernements.", "Pour plus d’informations, veuillez contacter Marie Diop à l’OIM Sénégal, Courriel : mdiop@example.org"}, model.KindPage, model.ByFAQ},
		{"about page with a contact", []string{"About IOM in Uganda", "IOM opened its office in Kampala in 1995.", "For further information, please contact the office at office@example.org"}, model.KindPage, model.ByAbout},
		{"country page", []string{"Mauritanie", "Capitale : Nouakchott", "L'OIM est présente en Mauritanie depuis 2007."}, model.KindPage, model.ByAbout},
		{"IOM in a country", []string{"IOM in Sri Lanka", "IOM supports the Government of Sri Lanka."}, model.KindPage, model.ByAbout},
		{"a section of the site", []string{"Our Projects", "Border Management", "IOM has trained 500 border officials."}, model.KindPage, model.ByAbout},
		{"a headline that starts with a section's word", []string{"Projects Help Returnees Start Businesses", "Forty returnees have started businesses with grants from IOM this week, IOM said.", "For more information, please contact Jane Roe, jroe@example.org"}, model.KindNews, model.ByContacts},
		{"who we are", []string{"Who We Are", "IOM is the leading inter-governmental organization in the field of migration."}, model.KindPage, model.ByAbout},
		{"no marks", []string{"Diaspora Mapping in the Great Lakes Region", "The project mapped the skills of the diaspora, starting in 2019."}, model.KindPage, model.ByNoNewsMarks},
		{"no marks, a state since a year", []string{"Migration Governance", "IOM has worked with the Government since 1995."}, model.KindPage, model.ByNoNewsMarks},
		{"a headline that starts with About", []string{"About 200 Migrants Rescued", "About 200 migrants were rescued on Monday, IOM said.", "For more information, please contact Jane Roe, jroe@example.org"}, model.KindNews, model.ByContacts},
		{"empty", []string{"-", "Who we are", "- 2030 Agenda"}, model.KindPage, model.ByEmpty},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(Document{Path: "p.txt", Data: []byte(strings.Join(tt.page, "\n"))})
			if r.Kind != tt.kind || r.Sources[0].ClassifiedBy != tt.by {
				t.Errorf("kind %q by %q, want %q by %q", r.Kind, r.Sources[0].ClassifiedBy, tt.kind, tt.by)
			}
		})
		seen[tt.by] = true
	}
	for _, code := range model.ClassifiedByCodes() {
		if !seen[code] {
			t.Errorf("no case for the reason %q", code)
		}
	}
	// A project page records no reason: its fields are one.
	r := Parse(Document{Path: "p.txt", Data: []byte("Border Data\n-\nPrima ID\nFJ10P0002\nThe project supports …")})
	if r.Kind != model.KindProject || r.Sources[0].ClassifiedBy != "" {
		t.Errorf("project: kind %q by %q", r.Kind, r.Sources[0].ClassifiedBy)
	}
	if slices.Contains(model.ClassifiedByCodes(), "") {
		t.Error("an empty reason in model.ClassifiedByCodes")
	}
}
