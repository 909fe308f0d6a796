package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	r := Record{
		Kind:  KindNews,
		Title: map[string]string{"en": "Jane Roe Opens Centre"},
		Body: map[string][]string{"en": {
			"Kigali - IOM opened a centre, said Jane Roe. Call the hotline at +250 800 000 000.",
			"For further information, please contact:",
			"Jane Roe Tel (+250) 08 40 94 86 Email: jroe@example.org, John Doe at IOM Geneva, Tel: 022 717 9111, Mobile: +41 79 000 00 00, or write to press@example.org",
		}},
		Contacts: []Contact{
			{Name: "Jane Roe", Phone: "(+250) 08 40 94 86", Email: "jroe@example.org"},
			{Name: "John Doe", Organisation: "IOM Geneva", Phone: "022 717 9111, +41 79 000 00 00"},
		},
	}
	n := Redact(&r)
	if want := []Contact{{Organisation: "IOM Geneva"}}; !reflect.DeepEqual(r.Contacts, want) {
		t.Errorf("contacts = %+v, want %+v", r.Contacts, want)
	}
	text := r.Title["en"] + "\n" + strings.Join(r.Body["en"], "\n")
	for _, s := range []string{"Jane Roe", "John Doe", "08 40 94 86", "717 9111", "79 000 00 00", "800 000 000", "@"} {
		if strings.Contains(text, s) {
			t.Errorf("%q left in\n%s", s, text)
		}
	}
	for _, s := range []string{"IOM Geneva", "Tel: [redacted]", "Mobile: [redacted]", "hotline at [redacted]."} {
		if !strings.Contains(text, s) {
			t.Errorf("%q missing from\n%s", s, text)
		}
	}
	// Jane Roe, her phone and email; John Doe, his two phones; the hotline; press@.
	if n != 8 {
		t.Errorf("Redact = %d items, want 8", n)
	}
	if again := Redact(&r); again != 0 {
		t.Errorf("second Redact = %d items, want 0", again)
	}
}
