package cmd

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompressedPages: pages compressed with gzip or zstd give the facts
// of the pages themselves, named by their paths; a compressed file that
// does not decompress fails, and one over --max-bytes once decompressed
// fails as too large.
func TestCompressedPages(t *testing.T) {
	dir := t.TempDir()
	pages, err := filepath.Glob("../testdata/pages/*.txt")
	require.NoError(t, err)
	html, err := filepath.Glob("../testdata/html/*.html")
	require.NoError(t, err)
	pages = append(pages, html...)
	for i, p := range pages {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		var buf bytes.Buffer
		name := filepath.Base(p)
		if i%2 == 0 {
			zw := gzip.NewWriter(&buf)
			_, err = zw.Write(data)
			require.NoError(t, err)
			require.NoError(t, zw.Close())
			name += ".gz"
		} else {
			zw, err := zstd.NewWriter(&buf)
			require.NoError(t, err)
			_, err = zw.Write(data)
			require.NoError(t, err)
			require.NoError(t, zw.Close())
			name += ".zst"
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644))
	}
	code, compressed, stderr := runIn(context.Background(), "", "ingest", "-f", "jsonl", dir)
	require.Equal(t, ExitOK, code, stderr)
	_, plain, _ := runIn(context.Background(), "", append([]string{"ingest", "-f", "jsonl"}, pages...)...)
	assert.Equal(t, recordFacts(t, plain), recordFacts(t, compressed))
	for _, r := range decodeRecords(t, compressed) {
		for _, s := range r.Sources {
			assert.Regexp(t, `\.(gz|zst)$`, s.Path, "named by its path")
		}
	}

	bad := filepath.Join(dir, "bad")
	require.NoError(t, os.Mkdir(bad, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(bad, "cut.txt.gz"), []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x0b\xc9"), 0o644))
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	_, err = zw.Write([]byte(strings.Repeat("Prima ID\n", 1000)))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(filepath.Join(bad, "bomb.txt.gz"), bomb.Bytes(), 0o644))
	code, _, stderr = runIn(context.Background(), "", "check", "--max-bytes", "5000", bad)
	assert.Equal(t, ExitInput, code)
	assert.Regexp(t, `(?m)bomb.txt.gz: error: larger than --max-bytes \(5000 bytes\) once decompressed \[too-large\]$`, stderr)
	assert.Regexp(t, `(?m)cut.txt.gz: error: gzip: does not decompress: unexpected EOF \[unreadable\]$`, stderr)
}
