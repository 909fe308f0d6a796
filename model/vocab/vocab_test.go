package vocab

import (
	"flag"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update is accepted so that `go test ./... -update` runs in every package.
var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Côte d’Ivoire", "cote d ivoire"},
		{"COTE D'IVOIRE", "cote d ivoire"},
		{"Côte d?Ivoire", "cote d ivoire"},
		{"Guinea-Bissau", "guinea bissau"},
		{"  Etat(s) membre(s)  ", "etat s membre s"},
		{"Budget Amount (USD)", "budget amount usd"},
		{"Migration de main-d’œuvre", "migration de main d œuvre"},
		{"Türkiye", "turkiye"},
		{"Start Date:", "start date"},
		{"St. Lucia", "st. lucia"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, Fold(tt.in))
		})
	}
}

func TestSlug(t *testing.T) {
	assert.Equal(t, "digital-diaspora-work", Slug("Digital Diaspora  Work"))
	assert.Equal(t, "roads-and-bridges", Slug("Roads & Bridges"))
	assert.Equal(t, "transfer-of-migrant-knowledge-and-resources", Slug("Transfer of migrant knowledge and resources"))
	// Codes are ASCII: accents go, other Latin letters are spelled out, and
	// anything else is its code point (issue 17).
	tests := map[string]string{
		"Coopération technique":  "cooperation-technique",
		"Main-d'Œuvre":           "main-d-oeuvre",
		"Straße & Brücke":        "strasse-and-brucke",
		"Færøerne":               "faeroerne",
		"Łódź":                   "lodz",
		"Ωmega":                  "u03c9mega",
		"Статус":                 "u0441u0442u0430u0442u0443u0441",
		"تعاون":                  "u062au0639u0627u0648u0646",
		"suspendu… (en attente)": "suspendu-en-attente",
		"":                       "",
	}
	for in, want := range tests {
		assert.Equal(t, want, Slug(in), in)
	}
}

// FuzzSlug: whatever the text, its slug is a code as the schema describes
// it (lower-case ASCII words joined by single hyphens), or empty.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Labour Migration", "Main-d'Œuvre", "Статус", "a--b", " -x- ", "\u00bd ½", "ǅ ǈ"} {
		f.Add(s)
	}
	code := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, s string) {
		if got := Slug(s); got != "" && !code.MatchString(got) {
			t.Errorf("Slug(%q) = %q, not a code", s, got)
		}
	})
}

func TestVocabularies(t *testing.T) {
	tests := []struct {
		vocab     *Vocabulary
		in        string
		code, lng string
	}{
		{Statuses, "Actif", "active", "fr"},
		{Statuses, "FINALIZADO", "completed", "es"},
		{Statuses, "Achevé", "completed", "fr"},
		{Coverages, "National", "national", ""},
		{Regions, "Afrique", "africa", "fr"},
		{Regions, "América Latina y el Caribe", "latin-america-and-the-caribbean", "es"},
		{ProjectTypes, "Community and economic development", "community-and-economic-development", "en"},
		{ProjectTypes, "TCMMCB", "technical-cooperation-on-migration-management-and-capacity-building", "en"},
		{ProjectTypes, "Migration de main-d'œuvre", "labour-migration", "fr"},
		{ProjectTypes, "Health Promotion and Assist for Migrants", "health-promotion-and-assistance-for-migrants", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, ok := tt.vocab.Lookup(tt.in)
			require.True(t, ok)
			assert.Equal(t, tt.code, m.Code)
			assert.Equal(t, tt.lng, m.Lang)
		})
	}
	_, ok := Statuses.Lookup("Suspended")
	assert.False(t, ok)
	m, ok := ProjectTypes.LookupPrefix("Cooperación técnica en gestión de la migración y creación de capaci", 12)
	require.True(t, ok, "a type cut mid-word is found by its prefix")
	assert.Equal(t, "technical-cooperation-on-migration-management-and-capacity-building", m.Code)
	_, ok = ProjectTypes.LookupPrefix("Migration", 12)
	assert.False(t, ok, "too short a prefix matches nothing")
	assert.Equal(t, "Actif", Statuses.Display("active", "fr"))
	assert.Equal(t, "Active", Statuses.Display("active", "de"))
}
