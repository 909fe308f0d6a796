package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildBinary builds iomparse into a temporary folder, for the tests that
// need a real process: signals and a closed standard output.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and runs it on a large corpus")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build the binary")
	}
	bin := filepath.Join(t.TempDir(), "iomparse")
	out, err := exec.Command(goTool, "build", "-o", bin, "..").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// largeCorpus writes n project pages of about 60 KB into dir, in folders
// of 100: long enough for a run to last well over a second, and few
// enough files for slow file systems, where creating one costs a
// millisecond.
func largeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	page := string(goodPage(t)) + strings.Repeat("Le projet forme aussi des agents de santé communautaires dans chaque district.\n", 700)
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/100))
		if i%100 == 0 {
			require.NoError(t, os.Mkdir(sub, 0o755))
		}
		p := strings.Replace(page, "GH10P0310", fmt.Sprintf("GH10P%04d", i%10000), 1)
		require.NoError(t, os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%05d.txt", i)), []byte(p), 0o644))
	}
}

// TestProcess runs the built binary on a large corpus (120 MB in 2,000 pages), for
// what only a real process shows: signals and a closed standard output.
func TestProcess(t *testing.T) {
	bin := buildBinary(t)
	corpus := t.TempDir()
	largeCorpus(t, corpus, 2000)
	t.Run("signal", func(t *testing.T) { testSignal(t, bin, corpus) })
	t.Run("closed-stdout", func(t *testing.T) { testClosedStdout(t, bin, corpus) })
}

// testSignal interrupts `ingest -j 1 -o out.json` half a second in (the
// whole run takes seconds: the signal comes while parsing or pairing), with SIGINT
// and with SIGTERM: the process exits non-zero after cleaning up, the
// previous out.json is untouched, and no temporary file is left.
func testSignal(t *testing.T, bin, corpus string) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "out.json")
			require.NoError(t, os.WriteFile(target, []byte("previous\n"), 0o644))
			report := filepath.Join(dir, "report.json")
			cmd := exec.Command(bin, "ingest", "-q", "-j", "1", "-o", target, "--report", report, corpus)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			time.Sleep(500 * time.Millisecond)
			require.NoError(t, cmd.Process.Signal(sig))
			err := cmd.Wait()
			if err == nil && !strings.Contains(stderr.String(), "interrupted") {
				t.Skipf("the run finished before the signal:\n%s", stderr.String())
			}
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "stderr:\n%s", stderr.String())
			assert.Equal(t, ExitInput, exit.ExitCode(), "exit by code, not by the signal; stderr:\n%s", stderr.String())
			assert.Contains(t, stderr.String(), "iomparse: interrupted\n")
			assert.NotContains(t, stderr.String(), "goroutine")
			got, err := os.ReadFile(target)
			require.NoError(t, err)
			assert.Equal(t, "previous\n", string(got))
			assert.Empty(t, tempFiles(t, dir))
			assert.True(t, readReport(t, report).Interrupted)
		})
	}
}

// testClosedStdout closes the reading end of standard output early, as
// `iomparse parse … | head -1` does: the process ends quietly with exit 1,
// not killed by SIGPIPE, with no stack and no error message.
func testClosedStdout(t *testing.T, bin, corpus string) {
	cmd := exec.Command(bin, "parse", "-q", corpus)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	_, err = io.ReadFull(stdout, make([]byte, 100))
	require.NoError(t, err)
	require.NoError(t, stdout.Close())
	err = cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "stderr:\n%s", stderr.String())
	assert.Equal(t, ExitInput, exit.ExitCode(), "stderr:\n%s", stderr.String())
	assert.NotContains(t, stderr.String(), "iomparse:")
	assert.NotContains(t, stderr.String(), "goroutine")
	assert.Regexp(t, `^\d+ files: `, stderr.String())
}
