package news

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // ISO date; "" for a year-less date
		ok   bool
	}{
		{"9 Décembre 2016", "2016-12-09", true},
		{"Vendredi 9 Décembre 2016", "2016-12-09", true},
		{"vendredi 9 décembre 2016", "2016-12-09", true},
		{"VENDREDI 9 DECEMBRE 2016", "2016-12-09", true},
		{"December 9, 2016", "2016-12-09", true},
		{"Friday, December 9, 2016", "2016-12-09", true},
		{"Friday 9th December 2016", "2016-12-09", true},
		{"the 9th of December 2016", "2016-12-09", true},
		{"9 de diciembre de 2016", "2016-12-09", true},
		{"viernes, 9 de diciembre de 2016", "2016-12-09", true},
		{"1er mars 2019", "2019-03-01", true},
		{"1º de marzo de 2019", "2019-03-01", true},
		{"Sep 26, 2015", "2015-09-26", true},
		{"Sept. 26, 2015", "2015-09-26", true},
		{"26 sept. 2015", "2015-09-26", true},
		{"6 June, 2019", "2019-06-06", true},
		{"June 2019", "2019-06", true},
		{"juin 2019", "2019-06", true},
		{"junio de 2019", "2019-06", true},
		{"févr. 2005", "2005-02", true},
		{"29 February 2016", "2016-02-29", true},
		{"  Sep 26, 2015  ", "2015-09-26", true},
		{"2016-12-09", "2016-12-09", true},
		{"25/12/2016", "2016-12-25", true},
		{"12/25/2016", "2016-12-25", true},
		{"05.05.2016", "2016-05-05", true},
		// Ordinal days and weekdays, in the three languages (issue 15).
		{"June 2nd 2016", "2016-06-02", true},
		{"March 1st 2018", "2018-03-01", true},
		{"August 3rd, 2022", "2022-08-03", true},
		{"Monday 6 May 2019", "2019-05-06", true},
		{"Monday, May 6, 2019", "2019-05-06", true},
		{"Jeudi 1er Juin 2017", "2017-06-01", true},
		{"mardi 14 mars 2017", "2017-03-14", true},
		{"1re semaine", "", false},
		{"martes 5 de noviembre de 2019", "2019-11-05", true},
		{"19 de marzo de 2024", "2024-03-19", true},
		{"5 November, 2019", "2019-11-05", true},
		{"Sep 8, 2016", "2016-09-08", true},
		// A day and month without a year is a date, never completed.
		{"31 January", "", true},
		{"January 31", "", true},
		{"29 February", "", true},
		// Not dates, or not certain ones.
		{"09/12/2016", "", true},
		{"Wed, 09/19/2018", "2018-09-19", true},
		{"Fri, 08/03/2018", "", true},
		{"29 February 2015", "", false},
		{"31 April 2016", "", false},
		{"2016", "", false},
		{"December", "", false},
		{"9 December 1850", "", false},
		{"Le 09 décembre 2016", "", false},
		{"Kigali", "", false},
		{"", "", false},
		{"The meeting, which begins on 31 January", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := ParseDate(tt.in)
			if ok != tt.ok || d.String() != tt.want {
				t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tt.in, d.String(), ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReadDateline(t *testing.T) {
	tests := []struct {
		in          string
		place, date string
		ok          bool
	}{
		{"Kigali - IOM has opened …", "Kigali", "", true},
		{"Harare – The Government …", "Harare", "", true},
		{"Djibouti— Some 200 migrants …", "Djibouti", "", true},
		{"Djibouti —Some 200 migrants …", "Djibouti", "", true},
		{"Accra, Ghana, 9 July 2024 – IOM …", "Accra, Ghana", "2024-07-09", true},
		{"November 29, 2022, Dushanbe, Tajikistan - The …", "Dushanbe, Tajikistan", "2022-11-29", true},
		{"Kigali, 6 June, 2019 - IOM …", "Kigali", "2019-06-06", true},
		{"Geneva- The International Organization …", "Geneva", "", true},
		{"Geneva/Brussels – IOM …", "Geneva/Brussels", "", true},
		{"Cox’s Bazar – IOM …", "Cox’s Bazar", "", true},
		{"N’Djamena, 09/12/2016 – IOM …", "N’Djamena", "", true},
		{"Kigali 9 July 2024 - IOM …", "Kigali", "2024-07-09", true},
		{"9 July 2024 – IOM …", "", "2024-07-09", true},
		{"Accra, 9 July – IOM …", "Accra", "", true},
		{"\"Kigali - IOM …", "Kigali", "", true},
		{"“Dar es Salaam – IOM …", "Dar es Salaam", "", true},
		{"Port-au-Prince – IOM …", "Port-au-Prince", "", true},
		{"Guinea-Bissau – IOM …", "Guinea-Bissau", "", true},
		{"GENEVA. IOM …", "GENEVA", "", true},
		{"Geneva, 12 March 2004. IOM …", "Geneva", "2004-03-12", true},
		{"Rabat, le 9 décembre 2016 - L’OIM …", "Rabat", "2016-12-09", true},
		{"Lima, el 3 de mayo de 2019 – La OIM …", "Lima", "2019-05-03", true},
		{"Le 9 décembre 2016 – l’OIM …", "", "", false},
		{"Bogotá, 9 de diciembre de 2016 – La OIM …", "Bogotá", "2016-12-09", true},
		{"Dakar, 1er mars 2019 – L’OIM …", "Dakar", "2019-03-01", true},
		// The shapes of issue 15: a date after the place's dash, with an
		// ordinal day; a weekday; a country with the place; "de" dates; a
		// dash with no space after it; a country's name and a full stop; a
		// day and month in brackets without a year.
		{"Port-de-Paix, Haiti - March 1st 2018. IOM has repaired the water systems.", "Port-de-Paix, Haiti", "2018-03-01", true},
		{"Freetown, Sierra Leone - June 2nd 2016. IOM has distributed shelter kits.", "Freetown, Sierra Leone", "2016-06-02", true},
		{"Juba – Monday 6 May 2019 – Thirty young returnees began a course.", "Juba", "2019-05-06", true},
		{"Juba, Monday 6 May 2019 – Thirty young returnees began a course.", "Juba", "2019-05-06", true},
		{"Nuku’alofa, Tonga, 3 August 2022 – Officials from three states agreed.", "Nuku’alofa, Tonga", "2022-08-03", true},
		{"Niamey, Niger (16 octobre 2024) – L’OIM a distribué des kits.", "Niamey, Niger", "2024-10-16", true},
		{"Tapachula, Chiapas, 8 de febrero de 2023 – La OIM abrió un espacio.", "Tapachula, Chiapas", "2023-02-08", true},
		{"Honduras -La OIM entregó 2.000 kits de higiene.", "Honduras", "", true},
		{"Costa Rica. IOM and the Ministry of Labour held a job fair.", "Costa Rica", "", true},
		{"Suva – (26/03) Ninety seasonal workers attended training.", "Suva", "", true},
		{"\"Mali - L’OIM a formé 40 animateurs.", "Mali", "", true},
		{"Amman— IOM has opened a counselling centre.", "Amman", "", true},
		{"GENEVA, Switzerland – IOM has launched an appeal.", "GENEVA, Switzerland", "", true},
		// Not datelines.
		{"Chanda Mwila - IOM, Head of Office", "", "", false},
		{"Jane Doe - IOM, Head of Office", "", "", false},
		{"Marie Diop – Chef de mission de l’OIM au Sénégal", "", "", false},
		{"June 2022, San José- Costa Rica.", "", "", false},
		{"Rwanda - Belgium Partnership", "", "", false},
		{"Geneva. IOM …", "", "", false},
		{"IOM is organising a two-day conference - in Rwanda", "", "", false},
		{"The project - funded by the EU - …", "", "", false},
		{"Le 09 décembre 2016, l’OIM Maroc a organisé un atelier.", "", "", false},
		{"Director General António Vitorino – said …", "", "", false},
		{"COVID-19 - a new challenge", "", "", false},
		{"Kigali -", "", "", false},
		{"Cobija, 19 de marzo de 2024.-", "", "", false},
		{"Guinea-Bissau has …", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			dl, _, ok := ReadDateline(tt.in)
			if ok != tt.ok || dl.Place != tt.place || dl.Date.String() != tt.date {
				t.Errorf("ReadDateline(%q) = %q, %q, %v; want %q, %q, %v", tt.in, dl.Place, dl.Date.String(), ok, tt.place, tt.date, tt.ok)
			}
		})
	}
}

func TestSplitHeadline(t *testing.T) {
	tests := []struct {
		in                 string
		title, place, date string
	}{
		{"Lancement du projet « Connecting Diaspora for Development (CD4D) »- Rabat ,Vendredi 9 Décembre 2016",
			"Lancement du projet « Connecting Diaspora for Development (CD4D) »", "Rabat", "2016-12-09"},
		{"IOM Opens Centre in Kigali – 9 July 2024", "IOM Opens Centre in Kigali", "", "2024-07-09"},
		{"IOM Opens Centre - Kigali, July 9, 2024", "IOM Opens Centre", "Kigali", "2024-07-09"},
		{"IOM Opens Centre (9 July 2024)", "IOM Opens Centre", "", "2024-07-09"},
		{"IOM Opens Centre, 9 July 2024", "IOM Opens Centre", "", "2024-07-09"},
		{"9 July 2024 – IOM Opens Centre", "IOM Opens Centre", "", "2024-07-09"},
		{"Lanzamiento del proyecto – Bogotá, 9 de diciembre de 2016", "Lanzamiento del proyecto", "Bogotá", "2016-12-09"},
		// Kept whole.
		{"Rwanda - Belgium Partnership", "Rwanda - Belgium Partnership", "", ""},
		{"IOM Opens Centre - Kigali, 9 July", "IOM Opens Centre - Kigali, 9 July", "", ""},
		{"Using Information Technology to Transfer Skills from the Diaspora", "Using Information Technology to Transfer Skills from the Diaspora", "", ""},
		{"Migration and Development 2005-2010", "Migration and Development 2005-2010", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			title, dl, ok := SplitHeadline(tt.in)
			if !ok {
				title = tt.in
			}
			if title != tt.title || dl.Place != tt.place || dl.Date.String() != tt.date {
				t.Errorf("SplitHeadline(%q) = %q, %q, %q; want %q, %q, %q", tt.in, title, dl.Place, dl.Date.String(), tt.title, tt.place, tt.date)
			}
		})
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"Sep 26, 2015", "2015-09-26", true},
		{"Wed, 09/19/2018 - 11:19", "2018-09-19", true},
		{"Fri, 08/03/2018 - 09:20", "", true},
		{"Posted: Tuesday, March 21, 2017 - 16:38", "2017-03-21", true},
		{"Published on 26 September 2015", "2015-09-26", true},
		{"Publié le 3 mai 2019", "2019-05-03", true},
		{"26 September", "", true},
		{"Posted by IOM", "", false},
		{"Migrant Resource Centre Opens", "", false},
	}
	for _, tt := range tests {
		d, ok := DateLine(tt.in)
		if ok != tt.ok || d.String() != tt.want {
			t.Errorf("DateLine(%q) = %q, %v; want %q, %v", tt.in, d.String(), ok, tt.want, tt.ok)
		}
	}
}

func TestLooksLikeParagraph(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Using Information Technology to Transfer Skills from the Diaspora", false},
		{"Why Do Migrants Leave?", false},
		{"IOM is organising a two-day conference in Rwanda to discuss the role IT can play in facilitating the transfer of skills.", true},
		{"Kigali - IOM is organising a conference.", true},
		{"IOM welcomes the decision. The Government will act.", true},
	}
	for _, tt := range tests {
		if got := LooksLikeParagraph(tt.in); got != tt.want {
			t.Errorf("LooksLikeParagraph(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
