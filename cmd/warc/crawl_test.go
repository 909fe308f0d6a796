package warc

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCrawl crawls our pages with wget, as testdata/main.go does to
// write the fixtures, and reads the fresh archives: they hold what the
// fixtures hold (the tests check facts that survive a new crawl: paths,
// statuses, bodies, offsets that point at records). It is skipped when
// wget is not installed, and with -short.
func TestCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls with wget: not with -short")
	}
	for _, tool := range []string{"wget", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./cmd/warc/testdata", "-o", dir)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./cmd/warc/testdata: %v\n%s", err, out)
	}
	for _, a := range archives {
		t.Run(a.name, func(t *testing.T) {
			checkArchive(t, filepath.Join(dir, a.name), a.want)
		})
	}
	t.Run("corrupt.warc.gz", func(t *testing.T) {
		checkCorrupt(t, filepath.Join(dir, "crawl.warc.gz"), filepath.Join(dir, "corrupt.warc.gz"))
	})
}
