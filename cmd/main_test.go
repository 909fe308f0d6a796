package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
)

// runCmd runs iomparse in-process and returns its exit code and streams.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, IO{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func TestCompletionManVersion(t *testing.T) {
	manDir := filepath.Join(t.TempDir(), "man1")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "bash", args: []string{"completion", "bash"}, stdout: "# bash completion V2 for iomparse"},
		{name: "zsh", args: []string{"completion", "zsh"}, stdout: "#compdef iomparse"},
		{name: "fish", args: []string{"completion", "fish"}, stdout: "# fish completion for iomparse"},
		{name: "powershell", args: []string{"completion", "powershell"}, stdout: "# powershell completion for iomparse"},
		{name: "listed in help", args: []string{"--help"}, stdout: "completion  "},
		{name: "unknown shell", args: []string{"completion", "tcsh"}, code: ExitUsage, stderr: `unknown shell "tcsh"`},
		{name: "complete --kind", args: []string{"__complete", "ingest", "--kind", ""}, stdout: "project\nnews\npage\n"},
		{name: "complete --format", args: []string{"__complete", "pair", "-f", ""}, stdout: "csv\njson\njsonl\njsonl-keyed\nparquet\nyaml\n"},
		{name: "version", args: []string{"--version"}, stdout: "iomparse "},
		{name: "man", args: []string{"man", manDir}, stderr: "man pages to " + manDir},
		{name: "man without folder", args: []string{"man"}, code: ExitUsage, stderr: "man takes one folder"},
		{name: "schema takes no argument", args: []string{"schema", "x"}, code: ExitUsage, stderr: `unknown command "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%.400s", tt.stdout, out)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
		})
	}
	for _, name := range []string{"iomparse.1", "iomparse-ingest.1", "iomparse-parse.1", "iomparse-pair.1", "iomparse-check.1", "iomparse-schema.1", "iomparse-completion-bash.1"} {
		b, err := os.ReadFile(filepath.Join(manDir, name))
		if err != nil || !bytes.Contains(b, []byte(".TH ")) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestVersionOf(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	rev := "67ce0e8e36b50960ecb1f3084fbdc561f1b97e89"
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "(unknown)"},
		{"no vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "(devel)"},
		{"empty version", &debug.BuildInfo{}, true, "(devel)"},
		{"go install", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, true, "v1.2.0"},
		{"devel with vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.time", "2026-11-22T13:37:30Z", "vcs.modified", "true")}, true, "(devel) 67ce0e8e36b5-dirty 2026-11-22T13:37:30Z"},
		{"pseudo-version holds the revision", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261122133730-67ce0e8e36b5"}, Settings: settings("vcs.revision", rev, "vcs.time", "2026-11-22T13:37:30Z")}, true, "v0.0.0-20261122133730-67ce0e8e36b5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionOf(tt.info, tt.ok); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestExitStatus: each kind of exit error, and any other error a command
// returns, maps to its code and the message Main prints.
func TestExitStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code int
		msg  string
	}{
		{"success", nil, ExitOK, ""},
		{"usage", usageErrorf("unknown format %q", "xml"), ExitUsage, `unknown format "xml"`},
		{"failed run", failedf("cannot write %s: %v", "out.json", "permission denied"), ExitInput, "cannot write out.json: permission denied"},
		{"write", writeFailed(syscall.ENOSPC), ExitInput, "cannot write output: no space left on device"},
		{"closed pipe", writeFailed(&os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}), ExitInput, ""},
		{"closed pipe, unwrapped", fmt.Errorf("flush: %w", syscall.EPIPE), ExitInput, ""},
		{"inputs", errInputs, ExitInput, ""},
		{"interrupted", fmt.Errorf("pool: %w", context.Canceled), ExitInput, "interrupted"},
		// Only usageErrorf means exit 2: words like cobra's in a run's error
		// do not (run makes cobra's own errors usage errors, see
		// TestUsageOnlyFromCommandLine).
		{"cobra's words", errors.New(`unknown command "x" for "iomparse schema"`), ExitInput, `unknown command "x" for "iomparse schema"`},
		{"arg(s) in a message", errors.New("cannot read arg(s).txt"), ExitInput, "cannot read arg(s).txt"},
		{"other", errors.New("cannot write the spool file: disk full"), ExitInput, "cannot write the spool file: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := exitStatus(tt.err)
			if code != tt.code || msg != tt.msg {
				t.Errorf("exitStatus = %d %q, want %d %q", code, msg, tt.code, tt.msg)
			}
		})
	}
}

// TestReadingFlagsShared: every command that reads inputs takes the same
// reading and diagnostics flags, and validates them alike; pair bounds
// lines, not files, and reads no character set but UTF-8.
func TestReadingFlagsShared(t *testing.T) {
	root := newRootCmd(IO{})
	for _, name := range []string{"ingest", "parse", "pair", "check"} {
		c, _, err := root.Find([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		// c.Flag finds the root's persistent flags too: --strict, -q, -v.
		for _, flag := range []string{"jobs", "max-bytes", "report", "strict", "quiet", "verbose", "progress"} {
			if c.Flag(flag) == nil {
				t.Errorf("%s has no --%s", name, flag)
			}
		}
		if f := c.Flags().Lookup("jobs"); f != nil && f.DefValue != "number of CPUs" {
			t.Errorf("%s --jobs shows its default as %q", name, f.DefValue)
		}
		wantMax, wantEncoding := "16MiB", true // 16777216 bytes
		if name == "pair" {
			wantMax, wantEncoding = "256MiB", false // 268435456 bytes
		}
		if f := c.Flags().Lookup("max-bytes"); f == nil || f.DefValue != wantMax {
			t.Errorf("%s --max-bytes: %+v, want default %s", name, f, wantMax)
		}
		if got := c.Flags().Lookup("encoding") != nil; got != wantEncoding {
			t.Errorf("%s --encoding: %v, want %v", name, got, wantEncoding)
		}
		for _, args := range [][]string{{"-j", "0"}, {"--max-bytes", "0"}} {
			code, _, errOut := runCmd(t, "", append([]string{name}, append(args, "-")...)...)
			if code != ExitUsage || !strings.Contains(errOut, "must be") {
				t.Errorf("%s %v: exit %d, stderr %q", name, args, code, errOut)
			}
		}
	}
}

// TestManPagesPortable: the man pages do not show the CPU count of the
// machine that wrote them.
func TestManPagesPortable(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd(t, "", "man", dir); code != ExitOK {
		t.Fatalf("man: exit %d: %s", code, errOut)
	}
	for _, name := range []string{"iomparse-ingest.1", "iomparse-parse.1", "iomparse-pair.1", "iomparse-check.1"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("number of CPUs")) || bytes.Contains(b, []byte(fmt.Sprintf("jobs\\fP=%d", runtime.NumCPU()))) {
			t.Errorf("%s: --jobs default not given as the number of CPUs:\n%s", name, b)
		}
	}
	// Written again where the machine differs in every way a default
	// could take from it (home, temporary folder, user, locale), the pages
	// are the same bytes, and name neither the host nor those folders.
	write := func(env map[string]string) map[string][]byte {
		for k, v := range env {
			t.Setenv(k, v)
		}
		dir := t.TempDir()
		if code, _, errOut := runCmd(t, "", "man", dir); code != ExitOK {
			t.Fatalf("man: exit %d: %s", code, errOut)
		}
		pages := map[string][]byte{}
		files, _ := filepath.Glob(filepath.Join(dir, "*.1"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pages[filepath.Base(f)] = b
		}
		return pages
	}
	first := write(map[string]string{"SOURCE_DATE_EPOCH": "1700000000", "HOME": "/home/a", "TMPDIR": t.TempDir(), "USER": "a", "LANG": "C"})
	second := write(map[string]string{"SOURCE_DATE_EPOCH": "1700000000", "HOME": "/home/b", "TMPDIR": t.TempDir(), "USER": "b", "LANG": "fr_FR.UTF-8"})
	host, _ := os.Hostname()
	if len(host) < 6 {
		host = "" // too short a name to tell from the pages' words
	}
	if len(first) < 8 {
		t.Fatalf("%d man pages", len(first))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs from one machine to another", name)
		}
		for _, leak := range []string{"/home/a", os.TempDir(), host} {
			if leak != "" && bytes.Contains(b, []byte(leak)) {
				t.Errorf("%s holds %q", name, leak)
			}
		}
	}
}

// TestUsageOnlyFromCommandLine: cobra's errors about the command line exit
// with 2; an error of the run exits with 1 whatever its words, even those
// that once made exitStatus guess a usage error.
func TestUsageOnlyFromCommandLine(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"schema", "x"}, ExitUsage},
		{[]string{"nosuchcommand"}, ExitUsage},
		{[]string{"ingest", "--nosuchflag", "x"}, ExitUsage},
		{[]string{"ingest", "-q", "-o", filepath.Join(dir, "unknown command arg(s)", "out.json"), "../testdata/pages"}, ExitInput},
		{[]string{"check", "-q", filepath.Join(dir, "unknown flag arg(s).txt")}, ExitInput},
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(t, "", tt.args...)
		assert.Equal(t, tt.code, code, "%v: %s", tt.args, stderr)
	}
}
