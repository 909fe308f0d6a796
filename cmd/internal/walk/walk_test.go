package walk

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iomparse/iomparse/cmd/pathsel"
)

// TestWalk: the entries of a selection, in order: paths as given, folders
// in lexical order without hidden entries, --include and --exclude inside
// folders only, the list of --files-from after the command line's paths,
// and every path that cannot be read as a failed entry. Paths are relative
// to the folder given.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"top.txt", "f/b.txt", "f/a.html", "f/.hidden.txt", "f/.git/c.txt", "f/sub/d.txt", "list.txt"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("Title\n"), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "list.txt"), []byte("top.txt\n\nf/sub\n-\n"), 0o644))
	found := func(p string) Entry { return Entry{Path: p} }
	tests := []struct {
		name  string
		sel   Selection
		stdin string
		want  []Entry
	}{
		{name: "paths as given", sel: Selection{Paths: []string{"top.txt", "f", "-"}}, want: []Entry{
			found("top.txt"), found(filepath.Join("f", "a.html")), found(filepath.Join("f", "b.txt")),
			found(filepath.Join("f", "sub", "d.txt")), {Path: StdinPath, Stdin: true},
		}},
		{name: "missing", sel: Selection{Paths: []string{"gone.txt", "top.txt"}}, want: []Entry{
			{Path: "gone.txt", State: Failed, Reason: "no such file or directory"}, found("top.txt"),
		}},
		{name: "include in folders only", sel: Selection{Paths: []string{"f", "top.txt"}, Patterns: pathsel.Patterns{Include: []string{"*.html"}}}, want: []Entry{
			found(filepath.Join("f", "a.html")), found("top.txt"),
		}},
		{name: "exclude a folder", sel: Selection{Paths: []string{"f"}, Patterns: pathsel.Patterns{Exclude: []string{"sub"}}}, want: []Entry{
			found(filepath.Join("f", "a.html")), found(filepath.Join("f", "b.txt")),
		}},
		{name: "files-from after the paths", sel: Selection{Paths: []string{"f/b.txt"}, FilesFrom: "list.txt"}, want: []Entry{
			found("f/b.txt"), found("top.txt"), found(filepath.Join("f", "sub", "d.txt")), {Path: StdinPath, Stdin: true},
		}},
		{name: "files-from on standard input", sel: Selection{FilesFrom: "-"}, stdin: "top.txt\n-\n", want: []Entry{
			found("top.txt"), {Path: StdinPath + ":2", State: Failed, Reason: "- names standard input, which is the list of --files-from"},
		}},
		{name: "files-from NUL", sel: Selection{FilesFrom: "-", Null: true}, stdin: "top.txt\x00f/sub\x00", want: []Entry{
			found("top.txt"), found(filepath.Join("f", "sub", "d.txt")),
		}},
		{name: "files-from missing", sel: Selection{Paths: []string{"top.txt"}, FilesFrom: "nolist.txt"}, want: []Entry{
			found("top.txt"), {Path: "nolist.txt", State: Failed, Reason: "no such file or directory"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Entry
			for e := range tt.sel.Walk(context.Background(), dir, strings.NewReader(tt.stdin)) {
				got = append(got, e)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestWalkStops: the walk ends when its consumer stops or its context
// ends, with no entry after.
func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), nil, 0o644))
	}
	sel := &Selection{Paths: []string{dir, dir}}
	n := 0
	for range sel.Walk(context.Background(), "", nil) {
		if n++; n == 2 {
			break
		}
	}
	assert.Equal(t, 2, n)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for e := range sel.Walk(ctx, "", nil) {
		t.Errorf("walked %s after the context ended", e.Path)
	}
}

// TestSymlinkLoop: each real folder is walked once; a link to one walked
// already is skipped, naming the path it was walked as.
func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", "b", "p.txt"), nil, 0o644))
	if err := os.Symlink("..", filepath.Join(dir, "a", "b", "up")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var got []Entry
	for e := range (&Selection{Paths: []string{"a"}}).Walk(context.Background(), dir, nil) {
		got = append(got, e)
	}
	assert.Equal(t, []Entry{
		{Path: filepath.Join("a", "b", "p.txt")},
		{Path: filepath.Join("a", "b", "up"), State: Skipped, Reason: "symbolic link to a folder already walked (a)"},
	}, got)
}

// TestOpen: Open reads a regular file and knows its size; anything else is
// a NotRegularError, and a missing file an error naming its cause.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.txt")
	require.NoError(t, os.WriteFile(path, []byte("Title\nBody\n"), 0o644))
	f, err := Open(path)
	require.NoError(t, err)
	assert.Equal(t, int64(11), f.Size())
	data, err := io.ReadAll(f)
	require.NoError(t, err)
	assert.Equal(t, "Title\nBody\n", string(data))
	require.NoError(t, f.Close())

	_, err = Open(dir)
	nr, ok := errors.AsType[*NotRegularError](err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "not a regular file (folder)", nr.Error())

	_, err = Open(filepath.Join(dir, "gone.txt"))
	require.Error(t, err)
	assert.Equal(t, "no such file or directory", Cause(err))
}

// TestValidate: --null says how the list of --files-from ends, so it
// needs one; bad patterns are refused.
func TestValidate(t *testing.T) {
	assert.NoError(t, (&Selection{FilesFrom: "-", Null: true}).Validate())
	assert.EqualError(t, (&Selection{Null: true}).Validate(), "--null needs --files-from: it says how that list's paths end")
	assert.Error(t, (&Selection{Patterns: pathsel.Patterns{Include: []string{"["}}}).Validate())
}

// TestJoin: relative paths go under the folder, unless there is none;
// absolute and empty paths stay as they are; nothing is cleaned.
func TestJoin(t *testing.T) {
	abs, err := filepath.Abs("x")
	require.NoError(t, err)
	sep := string(filepath.Separator)
	for _, tt := range []struct{ dir, p, want string }{
		{"", "a/b", "a/b"},
		{"d", "a", "d" + sep + "a"},
		{"d", "link/..", "d" + sep + "link/.."},
		{"d", "", ""},
		{"d", abs, abs},
	} {
		assert.Equal(t, tt.want, Join(tt.dir, tt.p), "Join(%q, %q)", tt.dir, tt.p)
	}
}
