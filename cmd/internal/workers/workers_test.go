package workers

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMapOrdered: results come in the order of the items whatever the
// workers' speed; an error from emit or a cancelled context stops the
// run, and no goroutine is left behind (the function returns).
func TestMapOrdered(t *testing.T) {
	items := make([]int, 500)
	for i := range items {
		items[i] = i
	}
	slow := func(i int) int {
		if i%7 == 0 {
			time.Sleep(time.Duration(i%3) * time.Millisecond)
		}
		return i * 2
	}
	for _, jobs := range []int{1, 3, 8} {
		var got []int
		err := MapOrdered(context.Background(), jobs, slices.Values(items), slow, func(v int) error {
			got = append(got, v)
			return nil
		}, crash)
		if err != nil || len(got) != len(items) {
			t.Fatalf("jobs %d: %d results, error %v", jobs, len(got), err)
		}
		for i, v := range got {
			if v != 2*i {
				t.Fatalf("jobs %d: result %d is %d, want %d", jobs, i, v, 2*i)
			}
		}
	}

	stop := errors.New("stop")
	n := 0
	err := MapOrdered(context.Background(), 4, slices.Values(items), slow, func(int) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	}, crash)
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("emit error: got %v after %d results", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = MapOrdered(ctx, 4, slices.Values(items), slow, func(int) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	}, crash)
	if !errors.Is(err, context.Canceled) || n != 5 {
		t.Errorf("cancelled: got %v after %d results", err, n)
	}
}

func TestChunks(t *testing.T) {
	var got [][]int
	for c := range Chunks(slices.Values([]int{1, 2, 3, 4, 5}), 2) {
		got = append(got, c)
	}
	if want := [][]int{{1, 2}, {3, 4}, {5}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("chunks = %v, want %v", got, want)
	}
	for range Chunks(slices.Values([]int{}), 2) {
		t.Error("chunks of nothing yields nothing")
	}
}

// crashed is the error of crash: the panic's value, and the stack of the
// goroutine that recovered it.
type crashed struct {
	v     any
	stack string
}

func (c *crashed) Error() string { return fmt.Sprint("crashed: ", c.v) }

func crash(v any) error { return &crashed{v: v, stack: string(debug.Stack())} }

// TestMapOrderedPanics: a panic in the work or in the items ends the run
// with the error crash makes of it, taken in the goroutine that panicked
// (its stack holds the function that panicked), not a crash of the
// process. What the command line makes of it is TestWorkerPanics's.
func TestMapOrderedPanics(t *testing.T) {
	values := func(yield func(int) bool) {
		for i := range 100 {
			if !yield(i) {
				return
			}
		}
	}
	emit := func(int) error { return nil }
	err := MapOrdered(context.Background(), 3, values, func(i int) int {
		if i == 42 {
			panic("work broke")
		}
		return i
	}, emit, crash)
	c, ok := errors.AsType[*crashed](err)
	if !ok || c.v != "work broke" || !strings.Contains(c.stack, "TestMapOrderedPanics.func") {
		t.Errorf("work panic: %v", err)
	}
	broken := func(yield func(int) bool) {
		yield(1)
		panic("items broke")
	}
	err = MapOrdered(context.Background(), 3, broken, func(i int) int { return i }, emit, crash)
	if c, ok := errors.AsType[*crashed](err); !ok || c.v != "items broke" || !strings.Contains(c.stack, "TestMapOrderedPanics.func") {
		t.Errorf("items panic: %v", err)
	}
}
