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
	t.Run("second-signal", func(t *testing.T) { testSecondSignal(t, bin) })
	t.Run("closed-stdout", func(t *testing.T) { testClosedStdout(t, bin, corpus) })
}

// waitExit waits for cmd to end, failing the test if it has not within
// a deadline far beyond what the run needs (about a second): it checks that
// the process ends, not how fast.
func waitExit(t *testing.T, cmd *exec.Cmd) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("the process did not end within 10 s of the signal")
		return nil
	}
}

// testSignal interrupts `ingest -j 1 -o out.json --report report.json`
// one second in (the whole run takes several: the signal comes while
// parsing or pairing), with each of SIGINT, SIGTERM and SIGHUP: the process
// ends soon after, exits with 128+N after cleaning up, the previous
// out.json is untouched, no temporary file is left, and the report is
// written, marked interrupted, with every input it accounted for.
func testSignal(t *testing.T, bin, corpus string) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "out.json")
			require.NoError(t, os.WriteFile(target, []byte("previous\n"), 0o644))
			report := filepath.Join(dir, "report.json")
			cmd := exec.Command(bin, "ingest", "-q", "-j", "1", "-o", target, "--report", report, corpus)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			time.Sleep(time.Second)
			require.NoError(t, cmd.Process.Signal(sig))
			err := waitExit(t, cmd)
			if err == nil && !strings.Contains(stderr.String(), "interrupted") {
				t.Skipf("the run finished before the signal:\n%s", stderr.String())
			}
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "stderr:\n%s", stderr.String())
			assert.Equal(t, 128+int(sig), exit.ExitCode(), "exit by code 128+N, not killed by the signal; stderr:\n%s", stderr.String())
			assert.Contains(t, stderr.String(), "iomparse: interrupted\n")
			assert.NotContains(t, stderr.String(), "goroutine")
			got, err := os.ReadFile(target)
			require.NoError(t, err)
			assert.Equal(t, "previous\n", string(got))
			assert.Empty(t, tempFiles(t, dir))
			rep := readReport(t, report)
			assert.True(t, rep.Interrupted)
			assert.Equal(t, "interrupted", rep.CutShort)
		})
	}
}

// testSecondSignal stops `pair -o out.json --report report.json` reading a
// standard input that stays open and silent, where the first signal cannot
// end the run (the read does not return), with two different signals (two
// of one kind may merge into one): the second ends it at once, with 128+N
// of the one that came second, removing the temporary output file and
// writing the report, marked interrupted.
func testSecondSignal(t *testing.T, bin string) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.json")
	report := filepath.Join(dir, "report.json")
	cmd := exec.Command(bin, "pair", "-q", "-o", target, "--report", report)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	defer stdin.Close()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	// The temporary output file shows that the run has begun, and so that
	// the signals are caught.
	for deadline := time.Now().Add(10 * time.Second); len(tempFiles(t, dir)) == 0; {
		require.True(t, time.Now().Before(deadline), "no temporary output file within 10 s; stderr:\n%s", stderr.String())
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	time.Sleep(200 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGHUP))
	err = waitExit(t, cmd)
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "stderr:\n%s", stderr.String())
	assert.Contains(t, []int{128 + int(syscall.SIGTERM), 128 + int(syscall.SIGHUP)}, exit.ExitCode(), "stderr:\n%s", stderr.String())
	assert.Contains(t, stderr.String(), "iomparse: interrupted\n")
	assert.Empty(t, tempFiles(t, dir))
	assert.NoFileExists(t, target)
	assert.True(t, readReport(t, report).Interrupted)
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
