package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/model"
	"github.com/iomparse/iomparse/parser"
)

// goodPage is a French project page with accents, so that its
// windows-1252 twin differs from it in bytes.
func goodPage(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/pages/gh-health-fr.txt")
	require.NoError(t, err)
	return data
}

// runIn runs iomparse in-process with args, stdin and a cancelable context,
// and returns its exit code, stdout and stderr.
func runIn(ctx context.Context, stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(ctx, args, IO{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

// readReport reads a --report file and checks that its totals add up and
// match its files.
func readReport(t *testing.T, path string) runReport {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var rep runReport
	require.NoError(t, json.Unmarshal(data, &rep))
	tot := rep.Totals
	require.Equal(t, tot.Seen, tot.Parsed+tot.Skipped+tot.Failed, "seen = parsed + skipped + failed")
	require.Len(t, rep.Files, tot.Seen)
	states := map[string]int{}
	for _, f := range rep.Files {
		states[f.State]++
		switch f.State {
		case stateParsed:
			require.NotEmpty(t, f.Kind, f.Path)
		case stateSkipped, stateFailed:
			require.NotEmpty(t, f.Reason, f.Path)
		default:
			t.Fatalf("%s: state %q", f.Path, f.State)
		}
	}
	require.Equal(t, map[string]int{stateParsed: tot.Parsed, stateSkipped: tot.Skipped, stateFailed: tot.Failed},
		map[string]int{stateParsed: states[stateParsed], stateSkipped: states[stateSkipped], stateFailed: states[stateFailed]})
	return rep
}

// fileState returns the report entry of the file whose path ends with name.
func fileState(t *testing.T, rep runReport, name string) fileReport {
	t.Helper()
	for _, f := range rep.Files {
		if filepath.Base(f.Path) == name || f.Path == name {
			return f
		}
	}
	t.Fatalf("%s not in the report: %+v", name, rep.Files)
	return fileReport{}
}

// tempFiles lists the temporary files an output (outfile.Open) may have
// left in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	tmp, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	require.NoError(t, err)
	return tmp
}

// TestHostileInputs is the hostile-input suite: one bad input per case,
// each run alone through the real command with --report, asserting the
// diagnostic on stderr, the input's state and reason in the report, and the
// exit code. Inputs that cannot live in a txtar script (bytes that are not
// text, big files, special files) are generated here.
func TestHostileInputs(t *testing.T) {
	good := goodPage(t)
	crlf := bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n"))
	cr := bytes.ReplaceAll(good, []byte("\n"), []byte("\r"))
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(good)
	require.NoError(t, err)
	oneLine := append([]byte("A very long page\n"), bytes.Repeat([]byte("mot "), 2<<20/4)...) // 2 MiB line

	tests := []struct {
		name   string
		make   func(t *testing.T, path string) // creates the input at path
		args   []string                        // before the input; default none
		stdin  string                          // with path "-"
		state  string
		kind   string
		reason string // regexp on the report's reason
		stderr string // regexp on stderr
		code   int
	}{
		{name: "good.txt", make: write(good), state: stateParsed, kind: model.KindProject, code: ExitOK},
		{name: "crlf.txt", make: write(crlf), state: stateParsed, kind: model.KindProject, code: ExitOK},
		{name: "cr.txt", make: write(cr), state: stateParsed, kind: model.KindProject, code: ExitOK},
		{name: "bom.txt", make: write(append([]byte("\ufeff"), good...)), state: stateParsed, kind: model.KindProject, code: ExitOK},
		{
			name: "cp1252.txt", make: write(cp1252), state: stateParsed, kind: model.KindProject, code: ExitOK,
			stderr: `cp1252.txt:\d+: warning: not valid UTF-8.*; read as windows-1252 \[encoding-guessed\]`,
		},
		{
			name: "cp1252-strict.txt", make: write(cp1252), args: []string{"--strict"}, state: stateParsed, kind: model.KindProject,
			code: ExitInput, stderr: `\[encoding-guessed\]`,
		},
		{
			name: "empty.txt", make: write(nil), state: stateSkipped, reason: "^empty file$", code: ExitOK,
			stderr: `empty.txt: warning: empty file skipped \[empty\]`,
		},
		{
			name: "blank.txt", make: write([]byte("\ufeff \r\n\t\n")), state: stateSkipped, reason: "^empty file$", code: ExitOK,
			stderr: `blank.txt: warning: empty file skipped \[empty\]`,
		},
		{
			name: "nul.bin", make: write(append(bytes.Clone(good[:200]), 0, 0, 0)), state: stateSkipped, reason: "^binary file$", code: ExitOK,
			stderr: `nul.bin: warning: binary file skipped \[binary\]`,
		},
		{
			name: "control.bin", make: write(bytes.Repeat([]byte{1, 2, 3, 'a', 0x1b, 7, 8, 'b'}, 1000)), state: stateSkipped, reason: "^binary file$",
			code: ExitOK, stderr: `control.bin: warning: binary file skipped \[binary\]`,
		},
		{
			name: "binary-strict.bin", make: write([]byte{0x7f, 'E', 'L', 'F', 0, 0}), args: []string{"--strict"}, state: stateSkipped,
			reason: "^binary file$", code: ExitInput, stderr: `\[binary\]`,
		},
		{
			name: "big.txt", make: write(append(bytes.Repeat([]byte("a line of text\n"), 1000), good...)), args: []string{"--max-bytes", "1000"},
			state: stateFailed, reason: `^\d+ bytes: larger than --max-bytes \(1000 bytes\)$`, code: ExitInput,
			stderr: `big.txt: error: \d+ bytes: larger than --max-bytes \(1000 bytes\) \[too-large\]`,
		},
		{
			name: "long-line.txt", make: write(oneLine), state: stateParsed, kind: model.KindPage, code: ExitOK,
		},
		{
			name: "too-long-line.txt", make: write(bytes.Repeat([]byte("x"), parser.DefaultMaxLineBytes+10)), state: stateParsed,
			kind: model.KindPage, code: ExitOK, stderr: `too-long-line.txt:1: warning: line longer than 4194304 bytes; the rest of it is not read \[line-too-long\]`,
		},
		{
			name: "missing.txt", make: func(*testing.T, string) {}, state: stateFailed, reason: "^no such file or directory$", code: ExitInput,
			stderr: `missing.txt: error: no such file or directory \[unreadable\]`,
		},
		{
			name: "dangling.txt", make: func(t *testing.T, p string) { require.NoError(t, os.Symlink(p+".nowhere", p)) },
			state: stateFailed, reason: "^no such file or directory$", code: ExitInput, stderr: `dangling.txt: error: no such file or directory \[unreadable\]`,
		},
		{
			name: "self-link.txt", make: func(t *testing.T, p string) { require.NoError(t, os.Symlink(filepath.Base(p), p)) },
			state: stateFailed, reason: "^too many levels of symbolic links$", code: ExitInput, stderr: `self-link.txt: error: too many levels of symbolic links \[unreadable\]`,
		},
		{
			name: "unreadable.txt", make: func(t *testing.T, p string) {
				if os.Geteuid() == 0 {
					t.Skip("root reads files whatever their mode")
				}
				write(good)(t, p)
				require.NoError(t, os.Chmod(p, 0))
			},
			state: stateFailed, reason: "^permission denied$", code: ExitInput, stderr: `unreadable.txt: error: permission denied \[unreadable\]`,
		},
		{
			name: "fifo", make: func(t *testing.T, p string) { mkfifo(t, p) },
			state: stateSkipped, reason: "^not a regular file \\(FIFO\\)$", code: ExitOK, stderr: `fifo: warning: not a regular file \(FIFO\) skipped \[skipped\]`,
		},
		{
			name: "socket", make: func(t *testing.T, p string) {
				l, err := net.Listen("unix", p)
				if err != nil {
					t.Skipf("cannot make a socket: %v", err) // a temporary path over the 108 bytes of sun_path
				}
				t.Cleanup(func() { l.Close() })
			},
			state: stateSkipped, reason: "^not a regular file \\(socket\\)$", code: ExitOK, stderr: `socket: warning: not a regular file \(socket\) skipped \[skipped\]`,
		},
		{
			name: "/dev/null", state: stateSkipped, reason: "^not a regular file \\(device\\)$", code: ExitOK,
			stderr: `/dev/null: warning: not a regular file \(device\) skipped \[skipped\]`,
		},
		{
			name: "-", stdin: string(crlf), state: stateParsed, kind: model.KindProject, code: ExitOK,
		},
		{
			name: "-", stdin: "", state: stateSkipped, reason: "^empty file$", code: ExitOK, stderr: `<stdin>: warning: empty file skipped \[empty\]`,
		},
		{
			name: "-", stdin: strings.Repeat("page text\n", 200), args: []string{"--max-bytes", "1000"}, state: stateFailed,
			reason: `^larger than --max-bytes \(1000 bytes\)$`, code: ExitInput, stderr: `<stdin>: error: larger than --max-bytes \(1000 bytes\) \[too-large\]`,
		},
	}
	for _, tt := range tests {
		t.Run(strings.Trim(tt.name, "/"), func(t *testing.T) {
			dir := t.TempDir()
			path := tt.name
			if tt.make != nil {
				path = filepath.Join(dir, tt.name)
				tt.make(t, path)
			}
			report := filepath.Join(dir, "report.json")
			for _, cmd := range []string{"ingest", "parse", "check"} {
				args := append(append([]string{cmd, "--report", report}, tt.args...), path)
				code, stdout, stderr := runIn(context.Background(), tt.stdin, args...)
				assert.Equal(t, tt.code, code, "%s exit code; stderr:\n%s", cmd, stderr)
				if tt.stderr != "" {
					assert.Regexp(t, regexp.MustCompile("(?m)"+tt.stderr), stderr, cmd)
				}
				// A run that parsed nothing says so (no-pages).
				assert.Regexp(t, `(?m)^1 file: \d parsed .*, \d skipped, \d failed; \d+ errors?, \d+ warnings?(; no page found)?$`, stderr, cmd)
				if tt.state != stateParsed {
					assert.Regexp(t, `(?m): warning: no page found among the inputs \[no-pages\]$`, stderr, cmd)
				}
				assert.NotContains(t, stderr, "panic", cmd)
				rep := readReport(t, report)
				f := rep.Files[0]
				assert.Equal(t, tt.state, f.State, cmd)
				assert.Equal(t, tt.kind, f.Kind, cmd)
				if tt.reason != "" {
					assert.Regexp(t, tt.reason, f.Reason, cmd)
				}
				if cmd != "check" && tt.state == stateParsed {
					assert.Contains(t, stdout, `"kind"`, cmd)
				}
			}
			assert.Empty(t, tempFiles(t, dir))
		})
	}
}

// write returns a maker that writes data.
func write(data []byte) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		t.Helper()
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
}

// TestVanishedFile deletes a file between the walk and the read: it fails
// with its cause, and the run goes on.
func TestVanishedFile(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), goodPage(t), 0o644))
	}
	inputs := slices.Collect(walkInputs(context.Background(), IO{}, []string{dir}))
	require.Len(t, inputs, 2)
	require.NoError(t, os.Remove(filepath.Join(dir, "a.txt")))
	src := newPageSource(IO{}, []string{dir}, &readFlags{maxBytes: 1 << 20})
	gone := src.load(context.Background(), inputs[0])
	assert.Equal(t, stateFailed, gone.state)
	assert.Equal(t, "no such file or directory", gone.reason)
	require.Len(t, gone.diags, 1)
	assert.Equal(t, model.CodeUnreadable, gone.diags[0].Code)
	assert.Equal(t, model.SeverityError, gone.diags[0].Severity)
	assert.Equal(t, stateParsed, src.load(context.Background(), inputs[1]).state)
}

// TestSymlinkLoops walks folders whose links lead back up the tree: each
// real folder is walked once, every link to one already walked is skipped
// with a reason, and the walk ends.
func TestSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", "b", "page.txt"), goodPage(t), 0o644))
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "a", "b", "up")))
	require.NoError(t, os.Symlink(dir, filepath.Join(dir, "a", "root")))
	require.NoError(t, os.Symlink("b", filepath.Join(dir, "a", "c"))) // a second name for b, walked first
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", ".hidden"), goodPage(t), 0o644))

	report := filepath.Join(t.TempDir(), "report.json")
	code, _, stderr := runIn(context.Background(), "", "check", "--report", report, dir, dir)
	assert.Equal(t, ExitOK, code, stderr)
	rep := readReport(t, report)
	var got []string
	for _, f := range rep.Files {
		rel, err := filepath.Rel(dir, f.Path)
		require.NoError(t, err)
		got = append(got, rel+" "+f.State)
	}
	assert.Equal(t, []string{
		"a/b/page.txt parsed",
		"a/b/up skipped",
		"a/c skipped",
		"a/root skipped",
		". skipped", // the folder given twice
	}, got)
	assert.Contains(t, stderr, "up: warning: symbolic link to a folder already walked ("+dir+"/a) skipped [skipped]")
}

// TestHostileFolder is the check: one folder holding every kind of
// bad input at once. ingest finishes, exits 1 for the page over
// --max-bytes, pairs the good page with its CRLF, BOM and windows-1252
// twins into one record with four sources, names the binary and the large
// file on stderr, and its report accounts for every file.
func TestHostileFolder(t *testing.T) {
	dir := t.TempDir()
	good := goodPage(t)
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(good)
	require.NoError(t, err)
	files := map[string][]byte{
		"good.txt":    good,
		"crlf.txt":    bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n")),
		"bom.txt":     append([]byte("\ufeff"), good...),
		"cp1252.txt":  cp1252,
		"empty.txt":   nil,
		"binary.bin":  append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat([]byte{0, 0xff, 3}, 300)...),
		"image.png":   append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 0xff, 3}, 300)...),
		"oneline.txt": append([]byte("A long page\n"), bytes.Repeat([]byte("word "), 2<<20/5)...),
		"large.txt":   bytes.Repeat([]byte("A line of a page far too large.\n"), 17<<20/32+1),
	}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	mkfifo(t, filepath.Join(dir, "fifo"))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "loop"), 0o755))
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "loop", "parent")))

	report := filepath.Join(t.TempDir(), "report.json")
	code, stdout, stderr := runIn(context.Background(), "", "ingest", "--report", report, dir)
	assert.Equal(t, ExitInput, code, stderr)
	assert.Regexp(t, `(?m)large.txt: error: \d+ bytes: larger than --max-bytes \(16777216 bytes\) \[too-large\]$`, stderr)
	assert.Regexp(t, `(?m)binary.bin: warning: binary file skipped \[binary\]$`, stderr)
	assert.Regexp(t, `(?m)image.png: warning: a PNG image, not a page, skipped \[not-a-page\]$`, stderr)
	assert.Regexp(t, `(?m)^11 files: 5 parsed \(4 projects, 0 news, 1 page\), 5 skipped, 1 failed; 1 error, \d+ warnings$`, stderr)

	var records []model.Record
	require.NoError(t, json.Unmarshal([]byte(stdout), &records))
	require.Len(t, records, 2)
	project := records[0]
	assert.Equal(t, "GH10P0310", project.PrimaID)
	var sources []string
	for _, s := range project.Sources {
		sources = append(sources, filepath.Base(s.Path))
	}
	assert.Equal(t, []string{"bom.txt", "cp1252.txt", "crlf.txt", "good.txt"}, sources)
	assert.Empty(t, project.Conflicts, "the twins say the same")
	assert.Equal(t, model.KindPage, records[1].Kind)

	rep := readReport(t, report)
	want := map[string]string{
		"good.txt": stateParsed, "crlf.txt": stateParsed, "bom.txt": stateParsed, "cp1252.txt": stateParsed,
		"oneline.txt": stateParsed, "empty.txt": stateSkipped, "binary.bin": stateSkipped, "image.png": stateSkipped,
		"fifo": stateSkipped, "parent": stateSkipped, "large.txt": stateFailed,
	}
	for name, state := range want {
		assert.Equal(t, state, fileState(t, rep, name).State, name)
	}
	assert.Equal(t, reportTotals{Seen: 11, Parsed: 5, Skipped: 5, Failed: 1, Projects: 4, Pages: 1, Errors: 1, Warnings: rep.Totals.Warnings}, rep.Totals)
}

// failingWriter fails every write with err.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

// TestWriteErrors: a standard output that cannot be written ends the run
// with exit 1 and no panic; a closed pipe says nothing, any other error
// says what failed. The report is still written.
func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.txt")
	require.NoError(t, os.WriteFile(page, goodPage(t), 0o644))
	for _, tt := range []struct {
		err     error
		message string
	}{
		{&os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}, ""},
		{&os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}, "iomparse: cannot write output: write /dev/stdout: no space left on device\n"},
	} {
		for _, args := range [][]string{{"ingest"}, {"parse"}, {"parse", "-f", "yaml"}, {"check", "-f", "json"}} {
			t.Run(fmt.Sprint(errors.Unwrap(tt.err), args), func(t *testing.T) {
				report := filepath.Join(dir, "report.json")
				var errOut bytes.Buffer
				args := append(args, "--report", report, page, page)
				code := run(context.Background(), args, IO{In: strings.NewReader(""), Out: failingWriter{tt.err}, ErrOut: &errOut})
				assert.Equal(t, ExitInput, code)
				stderr := errOut.String()
				assert.NotContains(t, stderr, "panic")
				if tt.message == "" {
					assert.NotContains(t, stderr, "iomparse:")
				} else {
					assert.Contains(t, stderr, tt.message)
				}
				rep := readReport(t, report)
				assert.NotEmpty(t, rep.Files, "the inputs read before the failure are accounted for")
				assert.NotEmpty(t, rep.CutShort, "the report says the run was cut short")
			})
		}
	}
}

// TestInterruptedOutput: a run whose context ends (as on SIGINT) leaves an
// existing -o target untouched, no temporary file, and a non-zero exit; the
// report says it was interrupted.
func TestInterruptedOutput(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.txt")
	require.NoError(t, os.WriteFile(page, goodPage(t), 0o644))
	target := filepath.Join(dir, "out.json")
	require.NoError(t, os.WriteFile(target, []byte("previous\n"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	report := filepath.Join(dir, "report.json")
	for _, cmd := range []string{"ingest", "parse"} {
		code, _, stderr := runIn(ctx, "", cmd, "-o", target, "--report", report, page)
		assert.Equal(t, ExitInput, code)
		assert.Contains(t, stderr, "iomparse: interrupted\n")
		got, err := os.ReadFile(target)
		require.NoError(t, err)
		assert.Equal(t, "previous\n", string(got))
		assert.Empty(t, tempFiles(t, dir))
		assert.True(t, readReport(t, report).Interrupted)
	}
}

// TestReportUnwritable: a report that cannot be written is an error, and
// the records are still written.
func TestReportUnwritable(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.txt")
	require.NoError(t, os.WriteFile(page, goodPage(t), 0o644))
	code, stdout, stderr := runIn(context.Background(), "", "parse", "--report", filepath.Join(dir, "no", "report.json"), page)
	assert.Equal(t, ExitInput, code)
	assert.Contains(t, stdout, `"prima_id":"GH10P0310"`)
	assert.Contains(t, stderr, "iomparse: cannot write report "+filepath.Join(dir, "no", "report.json")+": no such file or directory\n")
}

// TestSwappedInFIFO replaces a listed file with a FIFO before it is read,
// as a hostile folder may between the walk and the read: the open does not
// block (no writer ever comes), and the input is skipped as a FIFO found
// while listing is, by ingest's loader and by pair's.
func TestSwappedInFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(path, goodPage(t), 0o644))
	inputs := slices.Collect(walkInputs(context.Background(), IO{}, []string{dir}))
	require.Len(t, inputs, 1)
	require.Equal(t, "", inputs[0].state, "listed as a file")
	require.NoError(t, os.Remove(path))
	mkfifo(t, path)
	defer func() {
		// Unblocks an open that should not have blocked, so that a failing
		// test ends.
		if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}()
	const reason = "not a regular file (FIFO)"

	pages := newPageSource(IO{}, []string{dir}, &readFlags{maxBytes: 1 << 20})
	records := newRecordSource(IO{}, []string{dir}, &readFlags{maxBytes: 1 << 20})
	done := make(chan [2]outcome, 1)
	go func() {
		var got [2]outcome
		got[0] = pages.load(context.Background(), inputs[0])
		records.lines(inputs[0], func(in input) bool {
			got[1] = records.load(context.Background(), in)
			return true
		})
		done <- got
	}()
	select {
	case got := <-done:
		for _, o := range got {
			assert.Equal(t, stateSkipped, o.state)
			assert.Equal(t, reason, o.reason)
			require.Len(t, o.diags, 1)
			assert.Equal(t, model.CodeSkipped, o.diags[0].Code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a FIFO swapped in for a listed file blocked")
	}
}

// TestTooComplexPage: a page past the parser's budget (four million
// one-letter lines: 8 MB, whose lines alone would take 160) fails as
// too-complex, with its path, and gives no record; the run goes on with
// the next page, and exits 1.
func TestTooComplexPage(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a-lines.txt"), []byte("Title\n"+strings.Repeat("a\n", 4_000_000)), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b-good.txt"), goodPage(t), 0o644))
	report := filepath.Join(dir, "report.json")
	code, stdout, stderr := runIn(context.Background(), "", "ingest", "-f", "jsonl", "--report", report, dir)
	assert.Equal(t, ExitInput, code)
	assert.Contains(t, stdout, `"prima_id":"GH10P0310"`)
	assert.Equal(t, 1, strings.Count(stdout, "\n"), "one record, the good page's")
	assert.Contains(t, stderr, filepath.Join(dir, "a-lines.txt")+": error: the page is too complex to parse")
	assert.Contains(t, stderr, "[too-complex]")
	rep := readReport(t, report)
	assert.Equal(t, 1, rep.Totals.Failed)
	assert.Equal(t, 1, rep.Totals.Parsed)
}

// stopAfter is a context that is done once its Err has been asked n
// times: a run stopped in the middle of a page at a point that does not
// depend on the machine's speed.
type stopAfter struct {
	context.Context
	n int
}

func (c *stopAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestParseStopsMidPage: the page source hands the run's context to the
// parser, which gives up in the middle of a page once it is done (as on a
// signal) instead of parsing the page to its end.
func TestParseStopsMidPage(t *testing.T) {
	src := newPageSource(IO{}, nil, &readFlags{maxBytes: 16 << 20})
	page := []byte("Title\n" + strings.Repeat("Some text about migration and the people who move.\n", 100_000))
	out := src.parse(&stopAfter{context.Background(), 3}, "big.txt", page, parser.Hints{})
	assert.Equal(t, stateFailed, out.state)
	assert.Nil(t, out.record)
	assert.Equal(t, stateParsed, src.parse(context.Background(), "big.txt", page, parser.Hints{}).state)
}

// walkInputs is the walk of paths as the reading flags give it, with no
// selection flags.
func walkInputs(ctx context.Context, stdio IO, paths []string) iter.Seq[input] {
	return walkSelection(ctx, stdio, &walk.Selection{Paths: paths})
}
