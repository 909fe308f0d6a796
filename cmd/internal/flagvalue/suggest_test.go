package flagvalue

import (
	"errors"
	"testing"

	"github.com/spf13/pflag"
)

// TestClosest: a name a few edits away, or the one a prefix begins, is
// what was meant; short names allow one edit; ties go to the first.
func TestClosest(t *testing.T) {
	names := []string{"strict", "redact", "max-bytes", "spreadsheet-safe", "jobs", "json"}
	tests := []struct{ in, want string }{
		{"stirct", "strict"},      // two edits
		{"max-byte", "max-bytes"}, // one edit
		{"spreadsheet", "spreadsheet-safe"},
		{"jbs", "jobs"}, // short: one edit
		{"jsn", "json"}, // short: one edit
		{"josn", ""},    // short: two edits are too many
		{"xy", ""},
		{"zzzzzz", ""},
		{"s", ""}, // too short a prefix
	}
	for _, tt := range tests {
		if got := Closest(tt.in, names); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Closest("cat", []string{"bat", "hat"}); got != "bat" {
		t.Errorf("Closest(cat) among bat, hat = %q, want the first, bat", got)
	}
	if got := Closest("spread", []string{"spreadsheet", "spreadsheet-safe"}); got != "" {
		t.Errorf("Closest(spread) with two names it begins = %q, want none", got)
	}
}

// TestSuggest: pflag's messages for an unknown flag get the flag meant,
// hidden flags are never offered, and other errors pass unchanged.
func TestSuggest(t *testing.T) {
	local := pflag.NewFlagSet("check", pflag.ContinueOnError)
	local.Bool("redact", false, "")
	local.Bool("secret", false, "")
	if err := local.MarkHidden("secret"); err != nil {
		t.Fatal(err)
	}
	inherited := pflag.NewFlagSet("root", pflag.ContinueOnError)
	inherited.Bool("strict", false, "")
	tests := []struct{ err, want string }{
		{"unknown flag: --stirct", "unknown flag: --stirct (did you mean --strict?)"},
		{"unknown flag: --redcat", "unknown flag: --redcat (did you mean --redact?)"},
		{"unknown flag: --secrt", "unknown flag: --secrt"},
		{"unknown shorthand flag: 'r' in -redact", "unknown shorthand flag: 'r' in -redact (did you mean --redact?)"},
		{"unknown shorthand flag: 'r' in -redact=x", "unknown shorthand flag: 'r' in -redact=x (did you mean --redact?)"},
		{"unknown shorthand flag: 'x' in -x", "unknown shorthand flag: 'x' in -x"},
		{"invalid argument", "invalid argument"},
	}
	for _, tt := range tests {
		if got := Suggest(errors.New(tt.err), local, inherited); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
