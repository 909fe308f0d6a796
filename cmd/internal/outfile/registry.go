package outfile

import (
	"errors"
	"os"
	"sync"
)

// Registry knows the temporary files that exist, so that a run can be
// ended at once, from another goroutine, whatever its own goroutine is
// doing (a second signal): Abandon removes them and forbids new ones.
// Every temporary file is created and renamed into place under its lock,
// so the end comes either before a rename (the file is removed) or after
// it (the file is in place), never during it. Its methods do nothing
// special on a nil Registry: files are then created and renamed directly.
type Registry struct {
	mu        sync.Mutex
	temps     map[string]struct{}
	abandoned bool
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{temps: map[string]struct{}{}} }

// ErrAbandoned refuses a temporary file, or its rename, to a run that was
// abandoned.
var ErrAbandoned = errors.New("interrupted")

// create creates a temporary file with open, and remembers its name until
// it is renamed or removed.
func (g *Registry) create(name string, open func(string) (*os.File, error)) (*os.File, error) {
	if g == nil {
		return open(name)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.abandoned {
		return nil, ErrAbandoned
	}
	f, err := open(name)
	if err == nil {
		g.temps[name] = struct{}{}
	}
	return f, err
}

// rename moves the temporary file tmp to target.
func (g *Registry) rename(tmp, target string) error {
	if g == nil {
		return os.Rename(tmp, target)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.abandoned {
		return ErrAbandoned
	}
	err := os.Rename(tmp, target)
	if err == nil {
		delete(g.temps, tmp)
	}
	return err
}

// remove removes the temporary file tmp, best effort: nothing more can be
// done when it fails.
func (g *Registry) remove(tmp string) {
	if g == nil {
		os.Remove(tmp)
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	os.Remove(tmp)
	delete(g.temps, tmp)
}

// Abandon removes every temporary file, and makes every later attempt to
// create or rename one fail with ErrAbandoned.
func (g *Registry) Abandon() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.abandoned = true
	for tmp := range g.temps {
		os.Remove(tmp) // best effort, as in remove
	}
	clear(g.temps)
}
