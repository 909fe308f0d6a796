package bufpool

import "testing"

// TestPool: Get gives an empty buffer with the room asked for, whether
// new or recycled; Put keeps no buffer over maxKept, and takes nil.
func TestPool(t *testing.T) {
	var p Pool
	for _, n := range []int{0, 10, 4096, maxKept + 1} {
		b := p.Get(n)
		if len(b) != 0 || cap(b) < n {
			t.Errorf("Get(%d): len %d, cap %d", n, len(b), cap(b))
		}
		p.Put(append(b, 'x'))
	}
	p.Put(nil)
	if b := p.Get(maxKept + 1); cap(b) < maxKept+1 || len(b) != 0 {
		t.Errorf("Get after Put: len %d, cap %d", len(b), cap(b))
	}
}
