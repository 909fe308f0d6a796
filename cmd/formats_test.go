package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// ingestJSON runs ingest in-process on paths relative to cmd/.
func ingestJSON(t *testing.T, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"ingest", "-q"}, args...), IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
	require.Equal(t, ExitOK, code, stderr.String())
	return stdout.Bytes()
}

// TestYAMLCarriesTheJSONData: -f yaml is valid YAML holding the same data
// as -f json, numbers and all.
func TestYAMLCarriesTheJSONData(t *testing.T) {
	for _, dir := range []string{"../testdata/pages", "../testdata/layouts", "../testdata/news", "../testdata/html"} {
		t.Run(dir, func(t *testing.T) {
			var fromJSON, fromYAML any
			require.NoError(t, json.Unmarshal(ingestJSON(t, "-f", "json", dir), &fromJSON))
			require.NoError(t, yaml.Unmarshal(ingestJSON(t, "-f", "yaml", dir), &fromYAML))
			// Compare as JSON values: YAML's integers and floats become
			// JSON numbers, as JSON's do.
			y, err := json.Marshal(fromYAML)
			require.NoError(t, err)
			var yamlAsJSON any
			require.NoError(t, json.Unmarshal(y, &yamlAsJSON))
			require.Equal(t, fromJSON, yamlAsJSON)
		})
	}
}

// TestJSONLinesOnePerPage: parse -f jsonl writes one object a line, one per
// page.
func TestJSONLinesOnePerPage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"parse", "-q", "-f", "jsonl", "../testdata/pages"}, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
	require.Equal(t, ExitOK, code)
	lines := bytes.Split(bytes.TrimSuffix(stdout.Bytes(), []byte("\n")), []byte("\n"))
	require.Len(t, lines, 6)
	for _, l := range lines {
		var m map[string]any
		require.NoError(t, json.Unmarshal(l, &m))
		require.Len(t, m["sources"], 1)
	}
}
