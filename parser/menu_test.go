package parser

import "testing"

func TestOfficeOf(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		since int
	}{
		{"WHO WE AREThe International Organization for Migration (IOM) … IOM has had a presence in Rwanda since 1994.", "RW", 1994},
		{"IOM has had presence in Zimbabwe since 1985.", "ZW", 1985},
		{"IOM has had a presence in Sri Lanka since 2002", "LK", 2002},
		{"Qui sommes nousL'Organisation … L'OIM est présent au Maroc depuis 2007.", "MA", 2007},
		{"L’OIM est présente en Tunisie depuis 2001.", "TN", 2001},
		{"Quiénes somosLa Organización … La OIM está presente en Colombia desde 1956.", "CO", 1956},
		{"La OIM tiene presencia en el Perú desde 1988.", "PE", 1988},
		{"La OIM tiene presencia en Ecuador desde 1965.", "EC", 1965},
		{"The 2030 Agenda", "", 0},
	}
	for _, tt := range tests {
		got := officeOf(tt.in)
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("officeOf(%q) = %+v, want nil", tt.in, got)
		case tt.want != "" && (got == nil || got.Country != tt.want || got.Since != tt.since):
			t.Errorf("officeOf(%q) = %+v, want %s since %d", tt.in, got, tt.want, tt.since)
		}
	}
}
