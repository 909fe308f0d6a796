package cmd

import (
	"context"
	"errors"
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
		err := mapOrdered(context.Background(), jobs, slices.Values(items), slow, func(v int) error {
			got = append(got, v)
			return nil
		})
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
	err := mapOrdered(context.Background(), 4, slices.Values(items), slow, func(int) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("emit error: got %v after %d results", err, n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = mapOrdered(ctx, 4, slices.Values(items), slow, func(int) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 5 {
		t.Errorf("cancelled: got %v after %d results", err, n)
	}
}

func TestChunks(t *testing.T) {
	var got [][]int
	for c := range chunks(slices.Values([]int{1, 2, 3, 4, 5}), 2) {
		got = append(got, c)
	}
	if want := [][]int{{1, 2}, {3, 4}, {5}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("chunks = %v, want %v", got, want)
	}
	for range chunks(slices.Values([]int{}), 2) {
		t.Error("chunks of nothing yields nothing")
	}
}

// TestMapOrderedPanics: a panic in the work or in the items ends the run
// with an error holding its cause (exit code 1), not a crash of the
// process with the runtime's exit code 2.
func TestMapOrderedPanics(t *testing.T) {
	values := func(yield func(int) bool) {
		for i := range 100 {
			if !yield(i) {
				return
			}
		}
	}
	emit := func(int) error { return nil }
	err := mapOrdered(context.Background(), 3, values, func(i int) int {
		if i == 42 {
			panic("work broke")
		}
		return i
	}, emit)
	code, msg := exitStatus(err)
	if code != ExitInput || !strings.Contains(msg, "internal error (please report it): work broke") {
		t.Errorf("work panic: exit %d %q", code, msg)
	}
	broken := func(yield func(int) bool) {
		yield(1)
		panic("items broke")
	}
	err = mapOrdered(context.Background(), 3, broken, func(i int) int { return i }, emit)
	if code, msg := exitStatus(err); code != ExitInput || !strings.Contains(msg, "items broke") {
		t.Errorf("items panic: exit %d %q", code, msg)
	}
}
