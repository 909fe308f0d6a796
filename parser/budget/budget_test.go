package budget

import (
	"context"
	"errors"
	"testing"
)

// run runs f, as a parse would, and returns why its meter stopped it.
func run(f func()) (err error) {
	defer Catch(&err)
	f()
	return nil
}

func TestMeter(t *testing.T) {
	tests := []struct {
		name string
		f    func(m *Meter)
		want error
	}{
		{"within the budget", func(m *Meter) { m.Work(100); m.Alloc(100) }, nil},
		{"over the work", func(m *Meter) { m.Work(100); m.Work(1) }, ErrTooComplex},
		{"over the memory", func(m *Meter) { m.Alloc(100); m.Alloc(1) }, ErrTooComplex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(context.Background(), 100, 100)
			if err := run(func() { tt.f(m) }); !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Errorf("stopped with %v, want %v", err, tt.want)
			}
		})
	}
	var m *Meter // nil: charges nothing
	if err := run(func() { m.Work(1 << 40); m.Alloc(1 << 40) }); err != nil {
		t.Errorf("a nil meter stopped with %v", err)
	}
	if w, mem := New(context.Background(), 10, 20).Used(); w != 0 || mem != 0 {
		t.Errorf("a new meter has used %d, %d", w, mem)
	}
}

// TestMeterContext: a meter stops once its context is done, at the first
// look at it, which comes within checkEvery units of work.
func TestMeterContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	m := New(ctx, 1<<40, 1<<40)
	if err := run(func() { m.Work(2 * checkEvery) }); err != nil {
		t.Fatalf("stopped with %v before the context was done", err)
	}
	cancel()
	steps := 0
	err := run(func() {
		for range 4 * checkEvery {
			m.Work(1)
			steps++
		}
	})
	if !errors.Is(err, context.Canceled) || steps > checkEvery {
		t.Errorf("stopped with %v after %d units, want %v within %d", err, steps, context.Canceled, checkEvery)
	}
}

// TestCatchOtherPanics: a panic that is no meter's goes on through Catch.
func TestCatchOtherPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the panic that was not a stop", r)
		}
	}()
	_ = run(func() { panic("boom") })
}
