package html

import (
	"unsafe"

	"github.com/iomparse/iomparse/parser/budget"
	"github.com/iomparse/iomparse/parser/text"
)

// memory is the memory that scanning one HTML page and building its
// tree take. A Parser keeps it from page to page: allocating it afresh for
// every page was a fifth of the HTML path, on this kind of machine where
// fresh memory with pointers costs about half a nanosecond a byte.
type memory struct {
	// nodes are the tree's nodes, in document order: the builder only
	// ever appends a node to the innermost open element, so a node comes
	// after its ancestors and its elder siblings' subtrees, and passes
	// over them need not walk the tree.
	nodes nodeArena
	stack []*node     // the open elements
	lasts []*node     // their last children
	attrs []attribute // the attributes of the tag being read
	// keys are where the attribute names of the tag being read lie in
	// the page, for the rare tag whose self-closing depends on them.
	keys     [][2]int
	attrSlab []attribute // the attributes of the tags read, in blocks
	// The renderer's lines and the chrome's, which a Page lends the
	// parser until it copies out those it keeps.
	lines, chrome []text.Line
	// names is kept from page to page; nil in the memory of a scan that
	// reads a page's head only (DeclaredCharset), where it would cost
	// more than it saves.
	names *tagNames
	// meter is charged the page's tokens and the memory of its nodes.
	meter *budget.Meter
}

// release forgets the page, so that the memory holds none of its text,
// and lets go of what a huge page made it take beyond what real pages
// need, so that one page does not pin its memory for the rest of the run.
func (m *memory) release() {
	m.nodes.release()
	clear(m.stack[:cap(m.stack)])
	clear(m.lasts[:cap(m.lasts)])
	clear(m.attrs[:cap(m.attrs)])
	clear(m.attrSlab[:cap(m.attrSlab)])
	clear(m.lines[:cap(m.lines)])
	clear(m.chrome[:cap(m.chrome)])
	m.stack, m.lasts, m.attrs, m.attrSlab = m.stack[:0], m.lasts[:0], m.attrs[:0], m.attrSlab[:0]
	m.lines, m.chrome = m.lines[:0], m.chrome[:0]
	if cap(m.lines) > maxKeptLines {
		m.lines = nil
	}
	if cap(m.chrome) > maxKeptLines {
		m.chrome = nil
	}
	if cap(m.attrSlab) > maxKeptLines {
		m.attrSlab = nil
	}
}

// maxKeptLines bounds the lines, and the attributes, that memory keeps
// from one page to the next.
const maxKeptLines = 1 << 14

// nodeArena holds the nodes of a tree in document order, in blocks that
// never move, so that pointers into them stay good however many nodes a
// page has; a page takes memory for the nodes it has. (One block sized
// for two nodes per "<", the most a page can have, cost a page of "<<<…",
// which has one node, four gigabytes of 16 MB, and the collector time
// to scan them.)
type nodeArena struct {
	blocks [][]node // each arenaBlock nodes long
	n      int      // the nodes in use: the first n of the blocks
}

// arenaBlock is the number of nodes of a block: a power of two, so that
// at finds a node with a shift and a mask.
const arenaBlock = 256

// arenaBlockBytes is the memory of a block of nodes.
const arenaBlockBytes = arenaBlock * int(unsafe.Sizeof(node{}))

// maxKeptBlocks bounds the blocks an arena keeps from page to page.
const maxKeptBlocks = 64

// alloc returns a new node, zeroed, after the others.
func (a *nodeArena) alloc() *node {
	b := a.n / arenaBlock
	if b == len(a.blocks) {
		a.blocks = append(a.blocks, make([]node, arenaBlock))
	}
	n := &a.blocks[b][a.n%arenaBlock]
	a.n++
	return n
}

// len returns the number of nodes.
func (a *nodeArena) len() int { return a.n }

// at returns the i-th node in document order.
func (a *nodeArena) at(i int) *node { return &a.blocks[i/arenaBlock][i%arenaBlock] }

// release forgets the nodes, keeping up to maxKeptBlocks blocks, cleared.
func (a *nodeArena) release() {
	used := (a.n + arenaBlock - 1) / arenaBlock
	for _, b := range a.blocks[:used] {
		clear(b)
	}
	if len(a.blocks) > maxKeptBlocks {
		clear(a.blocks[maxKeptBlocks:])
		a.blocks = a.blocks[:maxKeptBlocks]
	}
	a.n = 0
}
