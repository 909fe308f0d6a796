// Package bufpool recycles the byte buffers that a run's goroutines hand
// to each other and drop: the pages read (garbage once parsed), the records
// encoded (garbage once written), the records read back from the spool
// (garbage once decoded). Reusing them cuts what a run allocates by about
// half, and the collector's work with it.
package bufpool

import "sync"

// Pool is a pool of byte buffers. The zero value is ready.
type Pool struct{ pool sync.Pool }

// Get returns an empty buffer with room for n bytes.
func (b *Pool) Get(n int) []byte {
	if p, ok := b.pool.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, max(n, 2048))
}

// Put gives a buffer back; no one may use it afterwards. Very large ones
// are left to the collector, so one huge page does not stay in memory.
func (b *Pool) Put(buf []byte) {
	if buf != nil && cap(buf) <= maxKept {
		b.pool.Put(&buf)
	}
}

// maxKept is the largest buffer Put keeps.
const maxKept = 1 << 20
