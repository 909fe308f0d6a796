package model_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedUpToDate regenerates json_gen.go and merge_gen.go from the
// record's declaration and compares them with the checked-in files, so
// that a field added, renamed or retagged without "go generate
// ./model/..." fails.
func TestGeneratedUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	touchInputs(t, ".")
	dir := t.TempDir()
	files := []string{"json_gen.go", "merge_gen.go"}
	cmd := exec.Command("go", "run", "./internal/genrecord",
		"-json", filepath.Join(dir, files[0]), "-merge", filepath.Join(dir, files[1]))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genrecord: %v\n%s", err, msg)
	}
	for _, name := range files {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./model/...", name)
		}
	}
}

// touchInputs reads the files the generator reads (the package's Go files
// and its own), so that go test's cache, which sees only the files a test
// opens itself, runs the test again when one of them changes.
func touchInputs(t *testing.T, model string) {
	t.Helper()
	for _, pattern := range []string{"*.go", "internal/genrecord/*.go"} {
		files, err := filepath.Glob(filepath.Join(model, pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("no %s in %s: %v", pattern, model, err)
		}
		for _, f := range files {
			if _, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
}
