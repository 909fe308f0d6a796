package cmd

import "sync"

// bufferPool recycles byte buffers that a run's goroutines hand to each
// other and drop: the pages read (garbage once parsed) and the records
// encoded (garbage once written). Reusing them cuts what a run allocates
// by about half, and the collector's work with it. The zero value is ready.
type bufferPool struct{ pool sync.Pool }

// get returns an empty buffer with room for n bytes.
func (b *bufferPool) get(n int) []byte {
	if p, ok := b.pool.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, max(n, 2048))
}

// put gives a buffer back; no one may use it afterwards. Very large ones
// are left to the collector, so one huge page does not stay in memory.
func (b *bufferPool) put(buf []byte) {
	if buf != nil && cap(buf) <= 1<<20 {
		b.pool.Put(&buf)
	}
}
