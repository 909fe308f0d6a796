package cmd

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/cmd/internal/progress"
)

// fixtureFiles lists every page under testdata, repeated to make n paths.
func fixtureFiles(t *testing.T, n int) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"pages", "layouts", "pairing", "news", "html", "bad"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
		require.NoError(t, err)
		files = append(files, m...)
	}
	var paths []string
	for len(paths) < n {
		paths = append(paths, files...)
	}
	return paths[:n]
}

// TestJobsDoNotChangeOutput: the records, the diagnostics and the summary
// are byte-identical whatever the number of workers.
func TestJobsDoNotChangeOutput(t *testing.T) {
	paths := fixtureFiles(t, 150)
	for cmd, format := range map[string]string{"ingest": "jsonl", "parse": "jsonl", "check": "json"} {
		t.Run(cmd, func(t *testing.T) {
			var want [2]string
			for i, jobs := range []string{"1", "8"} {
				var stdout, stderr bytes.Buffer
				args := append([]string{cmd, "-j", jobs, "-f", format}, paths...)
				run(context.Background(), args, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
				got := [2]string{stdout.String(), stderr.String()}
				if i == 0 {
					want = got
					require.NotEmpty(t, want[0])
					continue
				}
				require.Equal(t, want[0], got[0], "stdout")
				require.Equal(t, want[1], got[1], "stderr")
			}
		})
	}
}

// TestProgressOnlyOnATerminal: a run long enough for a progress bar draws
// one on a terminal and never otherwise, nor with --quiet; the summary line
// stays either way.
func TestProgressOnlyOnATerminal(t *testing.T) {
	paths := fixtureFiles(t, progress.MinInputs+50)
	for _, tt := range []struct {
		name     string
		terminal bool
		quiet    bool
		bar      bool
	}{
		{"pipe", false, false, false},
		{"terminal", true, false, true},
		{"terminal, quiet", true, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := []string{"parse"}
			if tt.quiet {
				args = append(args, "-q")
			}
			run(context.Background(), append(args, paths...), IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr, ErrTerminal: tt.terminal})
			hasControl := strings.ContainsAny(stderr.String(), "\r\x1b")
			require.Equal(t, tt.bar, hasControl, "control characters on stderr")
			require.Contains(t, stderr.String(), "files: ", "the summary line")
		})
	}
}

// TestProgressModes: --progress always draws a bar on any stream, -q
// included, and never draws none, even on a terminal.
func TestProgressModes(t *testing.T) {
	paths := fixtureFiles(t, progress.MinInputs+50)
	for _, tt := range []struct {
		name     string
		args     []string
		terminal bool
		bar      bool
	}{
		{"always on a pipe", []string{"--progress", "always"}, false, true},
		{"always, quiet", []string{"-q", "--progress", "always"}, false, true},
		{"never on a terminal", []string{"--progress", "never"}, true, false},
		{"auto on a terminal", []string{"--progress", "auto"}, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append(append([]string{"parse"}, tt.args...), paths...)
			run(context.Background(), args, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr, ErrTerminal: tt.terminal})
			require.Equal(t, tt.bar, strings.Contains(stderr.String(), "\r"), "a bar drawn")
		})
	}
}

// TestDiagnosticsAboveTheBar: each diagnostic printed while the bar is
// drawn starts a line of its own on the terminal: the bar is erased (a
// carriage return, then spaces over it, then another) before the
// diagnostic is written, never glued in front of it.
func TestDiagnosticsAboveTheBar(t *testing.T) {
	paths := fixtureFiles(t, progress.MinInputs+50)
	var stdout, stderr bytes.Buffer
	run(context.Background(), append([]string{"parse", "--progress", "always"}, paths...), IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
	diagnostic := regexp.MustCompile(`^\.\./testdata/[^ ]+: (error|warning): .* \[[a-z0-9-]+\]$`)
	n := 0
	for _, line := range strings.Split(stderr.String(), "\n") {
		if !strings.Contains(line, "] ") && !strings.HasSuffix(line, "]") {
			continue
		}
		// What a terminal shows: the text after the last carriage return,
		// over whatever that return went back over.
		shown := line[strings.LastIndexByte(line, '\r')+1:]
		if strings.Contains(line, "parsing") && !strings.HasPrefix(shown, "../") {
			t.Errorf("a diagnostic glued to the bar: %q", line)
			continue
		}
		if strings.HasSuffix(line, "]") {
			n++
			if !diagnostic.MatchString(shown) {
				t.Errorf("a diagnostic line shows as %q", shown)
			}
		}
	}
	require.Greater(t, n, 10, "diagnostics printed")
	require.Contains(t, stderr.String(), "\r", "no bar drawn")
}
