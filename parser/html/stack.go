package html

import "golang.org/x/net/html/atom"

// The index of a deep stack of open elements. An end tag, and a start tag
// that closes an open element of its kind (<li>, <td>, <p>…), looks down
// the stack of open elements for the element it closes or one that stops
// it: a comparison or two per element on a real page, whose stack holds a
// few dozen, but on a page of thousands of tags under hundreds of open
// elements (the stack may hold maxDepth), time in the product of the two
// (2 MB of "</b>" under 600 <span>: 0.4 s of CPU, 16 MB: several). From
// deepStack open elements on, the builder keeps an index of the stack, by
// name and by the classes the searches stop at, and each search costs a
// few lookups; the searches give what going down the stack gives
// (TestStackIndex holds the two ways to the same trees).

// deepStack is the depth of the stack from which the builder keeps its
// index: below it, looking down the stack costs less than keeping it.
const deepStack = 48

// stackIndex indexes the stack of open elements.
type stackIndex struct {
	top     map[string]int32 // the index of the topmost open element of each name
	entries []stackEntry     // one per open element, in the stack's order
}

// stackEntry is what the index knows of the open element at its index:
// the index of the next one down the stack with its name, and for each
// class of element a search stops at, the index of the innermost one at
// or below it; -1 for none.
type stackEntry struct {
	sameBelow int32
	special   int32 // classSpecial: stops the end tag of an element that is not
	scope     int32 // classScope: stops the end tag of a special element
	boundary  int32 // <table>, <template>, <html>: stop a table part's close
	pScope    int32 // classScope and <button>: stop the close of a <p>
	listStop  int32 // special but <address>, <div>, <p>, <li>, <dd>, <dt>: stop a list item's close
	heading   int32 // <h1>…<h6>
}

// newStackIndex indexes stack.
func newStackIndex(stack []*node) *stackIndex {
	x := &stackIndex{top: make(map[string]int32, len(stack)), entries: make([]stackEntry, 0, 2*len(stack))}
	for _, n := range stack {
		x.push(n)
	}
	return x
}

// push indexes n, opened on top of the stack.
func (x *stackIndex) push(n *node) {
	i := int32(len(x.entries))
	e := x.last()
	e.sameBelow = -1
	if j, ok := x.top[n.data]; ok {
		e.sameBelow = j
	}
	x.top[n.data] = i
	c := n.class
	if c.has(classSpecial) {
		e.special = i
		switch n.tag {
		case atom.Address, atom.Div, atom.P, atom.Li, atom.Dd, atom.Dt:
		default:
			e.listStop = i
		}
	}
	if c.has(classScope) {
		e.scope, e.pScope = i, i
	}
	switch n.tag {
	case atom.Table, atom.Template, atom.Html:
		e.boundary = i
	case atom.Button:
		e.pScope = i
	}
	if isHeading(n.tag) {
		e.heading = i
	}
	x.entries = append(x.entries, e)
}

// truncate forgets the elements of stack from the i-th, closed.
func (x *stackIndex) truncate(stack []*node, i int) {
	for j := len(x.entries) - 1; j >= i; j-- {
		name := stack[j].data
		if below := x.entries[j].sameBelow; below >= 0 {
			x.top[name] = below
		} else {
			delete(x.top, name)
		}
	}
	x.entries = x.entries[:i]
}

// innermost returns the index of the innermost open element named name,
// or -1.
func (x *stackIndex) innermost(name string) int {
	if i, ok := x.top[name]; ok {
		return int(i)
	}
	return -1
}

// last returns the entry of the innermost open element; on an empty
// stack, one that knows of none.
func (x *stackIndex) last() stackEntry {
	if len(x.entries) == 0 {
		return noEntry
	}
	return x.entries[len(x.entries)-1]
}

// noEntry is the entry below the outermost open element.
var noEntry = stackEntry{sameBelow: -1, special: -1, scope: -1, boundary: -1, pScope: -1, listStop: -1, heading: -1}

// endTarget returns the index of the open element that end tag t closes,
// or -1: as end looks for it down the stack.
func (x *stackIndex) endTarget(t *token) int {
	e := x.last()
	match := x.innermost(t.name)
	if isHeading(t.tag) {
		match = int(e.heading) // a heading's end tag closes any heading
	}
	var stop int32
	switch {
	case !t.class.has(classSpecial):
		stop = e.special
	case t.class.has(classTablePart):
		stop = e.boundary
	default:
		stop = e.scope
	}
	if match < int(stop) {
		return -1
	}
	return match
}

// pTarget returns the index of the <p> that closeP closes, or -1.
func (x *stackIndex) pTarget() int {
	if p := x.innermost("p"); p > int(x.last().pScope) {
		return p
	}
	return -1
}

// listItemTarget returns the index of the list item that closeListItem
// closes before a new <li> (dd false) or <dd>/<dt> (dd true), or -1.
func (x *stackIndex) listItemTarget(dd bool) int {
	li, dds := x.innermost("li"), max(x.innermost("dd"), x.innermost("dt"))
	match, other := li, dds
	if dd {
		match, other = dds, li
	}
	if match > max(int(x.last().listStop), other) {
		return match
	}
	return -1
}

// tableTarget returns the index of the outermost open element named one
// of names above the innermost table, template or html, or -1: what
// closeInTable closes.
func (x *stackIndex) tableTarget(names ...string) int {
	boundary := x.last().boundary
	outermost := -1
	for _, name := range names {
		j, ok := x.top[name]
		if !ok {
			continue
		}
		for ; j > boundary; j = x.entries[j].sameBelow {
			if outermost < 0 || int(j) < outermost {
				outermost = int(j)
			}
		}
	}
	return outermost
}
