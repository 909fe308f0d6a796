package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func ingestTo(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"ingest", "-q"}, args...), IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
	return code, stderr.String()
}

// TestOutputKeepsModeAndLinks: -o replaces the file a symbolic link points
// to, keeps the link, and keeps an existing file's permissions.
func TestOutputKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	require.NoError(t, os.WriteFile(real, []byte("old"), 0o600))
	link := filepath.Join(dir, "link.json")
	require.NoError(t, os.Symlink(real, link))

	code, stderr := ingestTo(t, "-o", link, "../testdata/pages")
	require.Equal(t, ExitOK, code, stderr)
	info, err := os.Lstat(link)
	require.NoError(t, err)
	require.Equal(t, os.ModeSymlink, info.Mode().Type(), "the link stays a link")
	data, err := os.ReadFile(real)
	require.NoError(t, err)
	require.Contains(t, string(data), `"prima_id": "GH10P0310"`)
	info, err = os.Stat(real)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the permissions stay")
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	require.Empty(t, leftovers)
}

// TestReportWhenOutputCannotBeOpened: the report and the summary are
// written even when the output cannot be.
func TestReportWhenOutputCannotBeOpened(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	code, stderr := ingestTo(t, "--report", report, "-o", filepath.Join(dir, "missing", "out.json"), "../testdata/pages")
	require.Equal(t, ExitInput, code)
	require.Contains(t, stderr, "cannot write "+filepath.Join(dir, "missing", "out.json"))
	require.FileExists(t, report)
}
