package cmd

import (
	"context"
	"strings"
	"testing"

	"github.com/iomparse/iomparse/cmd/internal/workers"
)

// TestWorkerPanics: a panic in the work or in the items of the worker pool
// ends the run with an error holding its cause (exit code 1), not a crash
// of the process with the runtime's exit code 2.
func TestWorkerPanics(t *testing.T) {
	values := func(yield func(int) bool) {
		for i := range 100 {
			if !yield(i) {
				return
			}
		}
	}
	emit := func(int) error { return nil }
	err := workers.MapOrdered(context.Background(), 3, values, func(i int) int {
		if i == 42 {
			panic("work broke")
		}
		return i
	}, emit, internalError)
	code, msg := exitStatus(err)
	if code != ExitInput || !strings.Contains(msg, "internal error (please report it): work broke") {
		t.Errorf("work panic: exit %d %q", code, msg)
	}
	broken := func(yield func(int) bool) {
		yield(1)
		panic("items broke")
	}
	err = workers.MapOrdered(context.Background(), 3, broken, func(i int) int { return i }, emit, internalError)
	if code, msg := exitStatus(err); code != ExitInput || !strings.Contains(msg, "items broke") {
		t.Errorf("items panic: exit %d %q", code, msg)
	}
}
