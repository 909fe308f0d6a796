package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
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
