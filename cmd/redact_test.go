package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/model/vocab"
)

// TestRedact runs ingest and parse with --redact on a news page and checks
// that no contact's name, phone number or email address reaches the output,
// and that the summary counts what was taken out.
func TestRedact(t *testing.T) {
	page := strings.Join([]string{
		"IOM Opens Migrant Centre",
		"Kigali - IOM opened a migrant resource centre today.",
		"For further information, please contact:",
		"Jane Roe Tel (+250) 08 40 94 86 Email: jroe@example.org",
	}, "\n")
	for _, args := range [][]string{{"ingest", "-f", "json"}, {"parse"}, {"ingest", "-f", "yaml"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main(append(args, "--redact", "-"), IO{In: strings.NewReader(page), Out: &out, ErrOut: &errOut})
			if code != ExitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut.String())
			}
			if !strings.Contains(out.String(), "[redacted]") {
				t.Errorf("nothing redacted in output:\n%s", out.String())
			}
			for _, s := range []string{"Jane Roe", "08 40 94 86", "jroe@example.org"} {
				if strings.Contains(out.String(), s) {
					t.Errorf("%q in output:\n%s", s, out.String())
				}
			}
			if !strings.Contains(errOut.String(), "; 3 items redacted") {
				t.Errorf("summary does not count 3 items:\n%s", errOut.String())
			}
		})
	}
}

// TestPairRedacts: pair --redact writes what ingest --redact writes.
func TestPairRedacts(t *testing.T) {
	var parsed, paired, ingested, stderr bytes.Buffer
	require.Equal(t, ExitOK, run(context.Background(), []string{"parse", "-q", "../testdata/news", "../testdata/pages"}, IO{In: &bytes.Buffer{}, Out: &parsed, ErrOut: &stderr}))
	require.Equal(t, ExitOK, run(context.Background(), []string{"pair", "--redact", "-f", "jsonl"}, IO{In: &parsed, Out: &paired, ErrOut: &stderr}))
	require.Equal(t, ExitOK, run(context.Background(), []string{"ingest", "--redact", "-q", "-f", "jsonl", "../testdata/news", "../testdata/pages"}, IO{In: &bytes.Buffer{}, Out: &ingested, ErrOut: &stderr}))
	require.Equal(t, ingested.String(), paired.String())
	require.NotContains(t, paired.String(), "@example.org")
}

// TestRedactHostile: a page whose unknown status holds an email address
// and a phone number (kept in sources[].fields, made into a code, quoted in
// a warning), paired with a page that disagrees: ingest --redact, and pair
// --redact of the same pages parsed without it, leave no email address on
// standard output or standard error, nor the code made from it.
func TestRedactHostile(t *testing.T) {
	dir := t.TempDir()
	words := "Appeler jroe@example.org +41 22 717 9111"
	hostile := strings.Replace(string(goodPage(t)), "Achevé", words, 1)
	require.NotEqual(t, hostile, string(goodPage(t)))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte(hostile), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.txt"), goodPage(t), 0o644))
	slug := vocab.Slug(words)
	check := func(what, text string) {
		t.Helper()
		if start, end := vocab.FindEmail(text); start >= 0 {
			t.Errorf("%s: %q left in\n%s", what, text[start:end], text)
		}
		for _, s := range []string{slug, "717 9111"} {
			assert.NotContains(t, text, s, what)
		}
	}
	var parsed, stderr bytes.Buffer
	require.Equal(t, ExitOK, run(context.Background(), []string{"parse", dir}, IO{In: &bytes.Buffer{}, Out: &parsed, ErrOut: &stderr}))
	require.Contains(t, parsed.String(), "jroe@example.org", "the test's page holds the data")
	for _, args := range [][]string{{"ingest", "--redact", "-f", "jsonl", dir}, {"ingest", "--redact", "-f", "yaml", dir}, {"pair", "--redact", "-f", "jsonl"}} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, IO{In: bytes.NewReader(parsed.Bytes()), Out: &out, ErrOut: &errOut})
		require.Equal(t, ExitOK, code, errOut.String())
		check(strings.Join(args[:2], " ")+" stdout", out.String())
		check(strings.Join(args[:2], " ")+" stderr", errOut.String())
		assert.Contains(t, out.String(), vocab.Slug("Appeler [redacted] [redacted]"))
	}
}
