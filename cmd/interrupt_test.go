package cmd

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for the writes of a run left behind.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSecondSignal runs pair in-process on a standard input that never
// ends, so the first signal cannot stop it: the second ends the run at
// once with 128+N of that signal, no temporary file left, no output, and
// the report written, marked interrupted.
func TestSecondSignal(t *testing.T) {
	dir := t.TempDir()
	stdin, feed := io.Pipe()
	defer feed.Close() // lets the run left behind end
	sigs := make(chan os.Signal, 2)
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- runWithSignals([]string{"pair", "-q", "-o", "out.json", "--report", "report.json"},
			IO{In: stdin, Out: io.Discard, ErrOut: &stderr, Dir: dir}, sigs)
	}()
	for deadline := time.Now().Add(10 * time.Second); len(tempFiles(t, dir)) == 0; {
		require.True(t, time.Now().Before(deadline), "no temporary output file within 10 s")
		time.Sleep(time.Millisecond)
	}
	sigs <- syscall.SIGTERM
	sigs <- syscall.SIGHUP
	select {
	case code := <-done:
		assert.Equal(t, 128+int(syscall.SIGHUP), code)
	case <-time.After(10 * time.Second):
		t.Fatal("the second signal did not end the run")
	}
	assert.Empty(t, tempFiles(t, dir))
	assert.NoFileExists(t, filepath.Join(dir, "out.json"))
	rep := readReport(t, filepath.Join(dir, "report.json"))
	assert.True(t, rep.Interrupted)
	assert.Equal(t, "interrupted", rep.CutShort)
	assert.Contains(t, stderr.String(), "iomparse: interrupted\n")
}

// TestFirstSignalExitCode: one signal ends a run with 128+N, after the
// run has cleaned up and reported as on any early end.
func TestFirstSignalExitCode(t *testing.T) {
	dir := t.TempDir()
	sigs := make(chan os.Signal, 1)
	sigs <- syscall.SIGTERM // before the run begins: it stops at once
	pages, err := filepath.Abs("../testdata/pages")
	require.NoError(t, err)
	code := runWithSignals([]string{"ingest", "-q", "-o", "out.json", "--report", "report.json", pages},
		IO{In: bytes.NewReader(nil), Out: io.Discard, ErrOut: io.Discard, Dir: dir}, sigs)
	assert.Equal(t, 128+int(syscall.SIGTERM), code)
	assert.Empty(t, tempFiles(t, dir))
	assert.True(t, readReport(t, filepath.Join(dir, "report.json")).Interrupted)
}
