package cmd

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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

// TestOutputTargets: -o follows symbolic links to what they lead to. A
// regular file is replaced through a temporary file and a rename, a
// dangling link's target is created, and a descriptor target (this
// process's standard output named through /proc/self/fd, a character
// device, a FIFO) is written straight: the link, the device and the FIFO
// stay what they were, and no temporary file is made beside them.
func TestOutputTargets(t *testing.T) {
	dir := t.TempDir()
	lstat := func(name string) os.FileMode {
		t.Helper()
		info, err := os.Lstat(filepath.Join(dir, name))
		require.NoError(t, err)
		return info.Mode().Type()
	}
	ingest := func(out string) (int, string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"ingest", "-q", "-f", "jsonl", "-o", out, "../testdata/pages"},
			IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
		return code, stdout.String(), stderr.String()
	}

	t.Run("dangling link", func(t *testing.T) {
		require.NoError(t, os.Symlink("sub/../created.jsonl", filepath.Join(dir, "dangling")))
		require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
		code, _, stderr := ingest(filepath.Join(dir, "dangling"))
		require.Equal(t, ExitOK, code, stderr)
		assert.Equal(t, os.ModeSymlink, lstat("dangling"))
		data, err := os.ReadFile(filepath.Join(dir, "created.jsonl"))
		require.NoError(t, err)
		assert.Contains(t, string(data), `"prima_id":"GH10P0310"`)
	})
	t.Run("chain of links", func(t *testing.T) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "real.jsonl"), []byte("old"), 0o644))
		require.NoError(t, os.Symlink("real.jsonl", filepath.Join(dir, "l1")))
		require.NoError(t, os.Symlink(filepath.Join(dir, "l1"), filepath.Join(dir, "l2")))
		code, _, stderr := ingest(filepath.Join(dir, "l2"))
		require.Equal(t, ExitOK, code, stderr)
		assert.Equal(t, os.ModeSymlink, lstat("l1"))
		assert.Equal(t, os.ModeSymlink, lstat("l2"))
		data, err := os.ReadFile(filepath.Join(dir, "real.jsonl"))
		require.NoError(t, err)
		assert.Contains(t, string(data), `"prima_id":"GH10P0310"`)
	})
	t.Run("standard output", func(t *testing.T) {
		if _, err := os.Stat("/proc/self/fd/1"); err != nil {
			t.Skip("no /proc/self/fd here")
		}
		// The check: ln -s /proc/self/fd/1 L; iomparse ingest -o L pages
		require.NoError(t, os.Symlink("/proc/self/fd/1", filepath.Join(dir, "L")))
		require.NoError(t, os.Symlink("L", filepath.Join(dir, "M")))
		for _, name := range []string{"L", "M"} {
			code, stdout, stderr := ingest(filepath.Join(dir, name))
			require.Equal(t, ExitOK, code, stderr)
			assert.Contains(t, stdout, `"prima_id":"GH10P0310"`, "written to standard output")
			assert.Equal(t, os.ModeSymlink, lstat(name))
		}
	})
	t.Run("character device", func(t *testing.T) {
		null := filepath.Join(dir, "null")
		if err := mkchar(null, 1, 3); err != nil {
			t.Skipf("cannot make a device node here: %v", err)
		}
		require.NoError(t, os.Symlink("null", filepath.Join(dir, "to-null")))
		for _, name := range []string{"null", "to-null"} {
			code, _, stderr := ingest(filepath.Join(dir, name))
			require.Equal(t, ExitOK, code, stderr)
		}
		assert.Equal(t, os.ModeDevice|os.ModeCharDevice, lstat("null"))
		assert.Equal(t, os.ModeSymlink, lstat("to-null"))
	})
	t.Run("fifo", func(t *testing.T) {
		fifo := filepath.Join(dir, "fifo")
		mkfifo(t, fifo)
		got := make(chan []byte, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			defer f.Close()
			data, _ := io.ReadAll(f)
			got <- data
		}()
		code, _, stderr := ingest(fifo)
		require.Equal(t, ExitOK, code, stderr)
		assert.Contains(t, string(<-got), `"prima_id":"GH10P0310"`)
		assert.Equal(t, os.ModeNamedPipe, lstat("fifo"))
	})
	t.Run("long name", func(t *testing.T) {
		name := strings.Repeat("é", 120) + "abcdefghijklmno" // 255 bytes, a character cut by the temporary name
		require.Len(t, name, 255)
		for range 2 { // created, then replaced
			code, _, stderr := ingest(filepath.Join(dir, name))
			require.Equal(t, ExitOK, code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Contains(t, string(data), `"prima_id":"GH10P0310"`)
	})
	t.Run("folder", func(t *testing.T) {
		code, _, stderr := ingest(filepath.Join(dir, "sub"))
		assert.Equal(t, ExitInput, code)
		assert.Contains(t, stderr, "is a directory")
	})
	assert.Empty(t, tempFiles(t, dir))
}

// TestOutputClashes: -o and --report naming one file, or either naming an
// input (by another name too), are usage errors that touch nothing;
// character devices may be shared.
func TestOutputClashes(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.txt")
	require.NoError(t, os.WriteFile(page, goodPage(t), 0o644))
	require.NoError(t, os.Symlink("page.txt", filepath.Join(dir, "alias.txt")))
	records := filepath.Join(dir, "records.jsonl")
	require.NoError(t, os.WriteFile(records, []byte("{}\n"), 0o644))
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"ingest", "-o", "out.json", "--report", "out.json", page}, ExitUsage, "-o and --report name the same file"},
		{[]string{"ingest", "-o", "out.json", "--report", "./sub/../out.json", page}, ExitUsage, "-o and --report name the same file"},
		{[]string{"parse", "-o", page, page}, ExitUsage, "-o " + page + " is the input " + page},
		{[]string{"parse", "-o", filepath.Join(dir, "alias.txt"), page}, ExitUsage, "is the input"},
		{[]string{"check", "--report", filepath.Join(dir, "alias.txt"), page}, ExitUsage, "--report " + filepath.Join(dir, "alias.txt") + " is the input"},
		{[]string{"pair", "-o", records, records}, ExitUsage, "is the input"},
		{[]string{"ingest", "-q", "-o", "null", "--report", "null", page}, ExitOK, ""}, // a device node of the test's own
	}
	// Never the system's /dev/null: a regression would replace it.
	if err := mkchar(filepath.Join(dir, "null"), 1, 3); err != nil {
		tests = tests[:len(tests)-1]
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			before, err := os.ReadFile(page)
			require.NoError(t, err)
			var stdout, stderr bytes.Buffer
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
			code := run(context.Background(), tt.args, IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr, Dir: dir})
			assert.Equal(t, tt.code, code, stderr.String())
			assert.Contains(t, stderr.String(), tt.stderr)
			after, err := os.ReadFile(page)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the input is untouched")
			assert.NoFileExists(t, filepath.Join(dir, "out.json"))
		})
	}
}

// TestFullDisk: an output that fills up (a device that is always full, a
// small file system) ends the run with exit 1 and its cause; no temporary
// file is left, an existing output stays, and the report accounts for the
// inputs read and says the run was cut short.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	targets := map[string]string{}
	// A device node of the test's own, never /dev/full: a regression
	// would replace the system's.
	if err := mkchar(filepath.Join(dir, "full"), 1, 7); err == nil {
		targets["device"] = filepath.Join(dir, "full")
	}
	if fs := smallFileSystem(t); fs != "" {
		require.NoError(t, os.WriteFile(filepath.Join(fs, "out.json"), []byte("previous\n"), 0o644))
		targets["file system"] = filepath.Join(fs, "out.json")
	}
	if len(targets) == 0 {
		t.Skip("can neither make a device node nor mount a file system here")
	}
	for name, target := range targets {
		for _, cmd := range []string{"ingest", "parse"} {
			t.Run(name+" "+cmd, func(t *testing.T) {
				report := filepath.Join(dir, "report.json")
				var stdout, stderr bytes.Buffer
				code := run(context.Background(), []string{cmd, "-q", "-o", target, "--report", report, "../testdata"},
					IO{In: &bytes.Buffer{}, Out: &stdout, ErrOut: &stderr})
				assert.Equal(t, ExitInput, code)
				assert.Contains(t, stderr.String(), "no space left on device")
				rep := readReport(t, report)
				assert.NotEmpty(t, rep.Files)
				assert.Contains(t, rep.CutShort, "no space left on device")
				assert.False(t, rep.Interrupted)
				assert.Empty(t, tempFiles(t, filepath.Dir(target)))
				if name == "file system" {
					data, err := os.ReadFile(target)
					require.NoError(t, err)
					assert.Equal(t, "previous\n", string(data))
				}
			})
		}
	}
}

// smallFileSystem mounts a file system of 64 KiB for the test, too small
// for the records of testdata, and returns its folder; "" where mounting
// is not allowed.
func smallFileSystem(t *testing.T) string {
	dir := t.TempDir()
	if err := mountTmpfs(dir, "size=64k"); err != nil {
		return ""
	}
	t.Cleanup(func() { unmount(dir) })
	return dir
}
