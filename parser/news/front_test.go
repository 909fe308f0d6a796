package news

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// checkFrontScanners holds the front matter's hand-written scanners to
// their expressions (checkGuards calls it, so that FuzzScanners fuzzes it).
func checkFrontScanners(t *testing.T, s string) {
	t.Helper()
	if got, want := hasPhotoCredit(s), photoCredit.MatchString(s); got != want {
		t.Fatalf("hasPhotoCredit(%q) = %v, the pattern says %v", s, got, want)
	}
}

// TestPhotoCreditOnItsAlphabet holds hasPhotoCredit to photoCredit on
// random texts of the words and characters the expression cares about.
func TestPhotoCreditOnItsAlphabet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"Photo", "photo", "PHOTO", "s", "ſ", "foto", "Fotos", "credit", "crédit", "CRÉDITO", "credito", " photo", ":", " ", "\t",
		"/", "IOM", "OIM", "UN", "UNHCR", "HCR", " Photo", " 2019", "2019", "©", "Jane", "J", "é", "É", "x", "_", "\xff", "a b c d e f g h i j"}
	var b strings.Builder
	for range 50000 {
		b.Reset()
		for range rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		checkFrontScanners(t, b.String())
	}
}

func TestDatelineLine(t *testing.T) {
	tests := []struct {
		in          string
		place, date string
		ok          bool
	}{
		{"Cobija, 19 de marzo de 2024.-", "Cobija", "2024-03-19", true},
		{"Riberalta, 2 de mayo de 2024.-", "Riberalta", "2024-05-02", true},
		{"Tunis, 29 July 2016 –", "Tunis", "2016-07-29", true},
		{"Accra, Ghana, 9 July 2024 -", "Accra, Ghana", "2024-07-09", true},
		{"Niamey, le 21 novembre 2024 :", "Niamey", "2024-11-21", true},
		{"\"Lima, 14 de junio de 2022.-", "Lima", "2022-06-14", true},
		// Not a dateline alone on its line.
		{"June 2022, San José- Costa Rica.", "", "", false},       // a caption: the date first
		{"November 29, 2022, Dushanbe", "", "", false},            // the date first
		{"Lima, 3 de mayo.-", "", "", false},                      // no year: no date to give
		{"Sep 26, 2015", "", "", false},                           // a date line (DateLine)
		{"Cobija", "", "", false},                                 // a place alone
		{"La OIM atendió a 900 personas en 2024.", "", "", false}, // a sentence
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			dl, ok := DatelineLine(tt.in)
			if ok != tt.ok || dl.Place != tt.place || dl.Date.String() != tt.date {
				t.Errorf("DatelineLine(%q) = %q, %q, %v; want %q, %q, %v", tt.in, dl.Place, dl.Date.String(), ok, tt.place, tt.date, tt.ok)
			}
		})
	}
}

func TestPlaceCountry(t *testing.T) {
	tests := []struct{ place, want string }{
		{"Dushanbe, Tajikistan", "TJ"},
		{"Niamey, Niger", "NE"},
		{"Nuku’alofa, Tonga", "TO"},
		{"Port-de-Paix, Haiti", "HT"},
		{"Dakar, Sénégal", "SN"},
		{"Freetown, Sierra Leone", "SL"},
		{"Djibouti", "DJ"}, // a city named as its country
		{"Costa Rica", "CR"},
		{"Honduras", "HN"},
		{"GENEVA, Switzerland", "CH"},
		// No country.
		{"Kigali", ""},
		{"Tapachula, Chiapas", ""},
		{"Geneva/Brussels", ""},
		{"Cox’s Bazar", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := PlaceCountry(tt.place); got != tt.want {
			t.Errorf("PlaceCountry(%q) = %q, want %q", tt.place, got, tt.want)
		}
	}
}

func TestReadFront(t *testing.T) {
	tests := []struct {
		in   string
		want Front
	}{
		// Photo captions and credits.
		{"Returnees unload their bags at the reception centre in Monrovia. Photo: IOM/Ana Silva", FrontPhoto},
		{"© IOM 2019/Lina Haddad", FrontPhoto},
		{"Amina Bello and her son Musa at the health post in Maiduguri, where IOM nurses hold weekly clinics. IOM/Peter Obi", FrontPhoto},
		{"Des femmes migrantes suivent une formation en couture. Photo : OIM/Aïcha Diallo", FrontPhoto},
		{"Una funcionaria de la OIM conversa con familias en el albergue. Foto: OIM/Rosa Méndez", FrontPhoto},
		{"June 2022, San José- Costa Rica.", FrontPhoto},
		{"Kakuma – Children fill jerrycans at a tap stand. Photo: IOM/Grace Achieng", FrontPhoto},
		// Bylines.
		{"By Jane Doe", FrontByline},
		{"Par Marie Diop", FrontByline},
		{"Chanda Mwila - IOM, Head of Office", FrontByline},
		// Tag lines and countries.
		{"Migration Policy, Migration Research", FrontTags},
		{"Migration de main-d’œuvre, Diaspora", FrontTags},
		{"Labour Mobility | Diaspora", FrontTags},
		{"Fiji", FrontPlaces},
		{"Ecuador Perú Colombia", FrontPlaces},
		{"Burkina Faso, Mali, Niger", FrontPlaces},
		// Date lines.
		{"5 November, 2019", FrontDate},
		{"Posted: Tuesday, March 21, 2017 - 16:38", FrontDate},
		// The story, not front matter.
		{"Kakuma – A water network built by IOM now serves 40,000 camp residents.", NotFront},
		{"IOM has opened a centre for migrants.", NotFront},
		{"Women of the host community at the opening of the water kiosk.", NotFront}, // a caption without a credit: the parser weighs it
		{"The training covers budgeting, rights and remittances.", NotFront},
		{"By the end of the year, IOM will have trained 300 officers.", NotFront},
		{"Costa Rica. IOM and the Ministry of Labour held a job fair.", NotFront},
		{"Returnees, families and officials attended", NotFront}, // a tag's capital missing
		{"", NotFront},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ReadFront(tt.in); got != tt.want {
				t.Errorf("ReadFront(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestReportsEvent(t *testing.T) {
	tests := []struct {
		lang, in string
		want     bool
	}{
		{"en", "Four boreholes built by returnees with grants from IOM were handed over to the district council this week.", true},
		{"en", "IOM has distributed shelter kits to 600 families.", true},
		{"en", "IOM today launched an appeal for USD 20 million.", true},
		{"en", "IOM opened a centre in the capital.", false}, // a simple past alone: an about page's history as much as news
		{"en", "IOM opened a migrant resource centre in the capital on Monday.", true},
		{"en", "IOM delivered 3,000 hygiene kits to displaced families this week.", true},
		{"en", "IOM worked in the region for ten years, mostly on Mondays.", false},
		{"en", "IOM and partners have jointly launched a campaign.", true},
		{"en", "IOM has brought eight engineers to mentor students.", true},
		{"fr", "Quinze migrants de retour ont ouvert une boulangerie avec l’appui de l’OIM, qui leur a fourni un four.", true},
		{"fr", "L’OIM a remis des kits d’hygiène à 500 familles.", true},
		{"fr", "L’OIM a également organisé un atelier.", true},
		{"es", "La OIM entregó 2.000 kits de higiene a cuatro albergues.", true},
		{"es", "La OIM y el Servicio de Salud atendieron a 900 personas.", true},
		{"es", "La OIM ha capacitado a 40 funcionarios.", true},
		// A state, a description, no IOM, or an unknown language.
		{"en", "IOM has had a presence in Uganda since 1995.", false},
		{"en", "IOM was established in 1951 and works with governments.", false},
		{"en", "IOM supports the Government in managing labour migration.", false},
		{"en", "IOM has implemented this project in three provinces.", false},
		{"en", "The project mapped the skills of the diaspora.", false},
		{"en", "Four boreholes were handed over to the council.", false},
		{"fr", "Créée pour aider les gouvernements, l’OIM conseille aujourd’hui ses États membres.", false},
		{"fr", "L’OIM est présente au Niger depuis 1998 et a ouvert trois bureaux.", false},
		{"fr", "L’OIM travaille à Nairobi.", false},
		{"es", "La OIM está presente en Paraguay desde 1986.", false},
		{"es", "La OIM en Paraguay trabaja en la gestión de fronteras.", false},
		{"de", "Die IOM hat 500 Familien unterstützt.", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ReportsEvent(tt.in, tt.lang); got != tt.want {
				t.Errorf("ReportsEvent(%q, %q) = %v, want %v", tt.in, tt.lang, got, tt.want)
			}
		})
	}
}
