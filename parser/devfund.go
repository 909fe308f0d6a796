package parser

import (
	"bytes"
	"strings"

	"github.com/iomparse/iomparse/model/ascii"
	"github.com/iomparse/iomparse/model/vocab"
)

// The Development Fund site (developmentfund.iom.int) prints a project's
// facts as bare values, with no labels, always in this order. Each slot is
// recognised by its shape or vocabulary; member states take one line each.
const (
	slotRegion = iota
	slotProjectID
	slotPrimaID
	slotBudget
	slotMemberState
	slotProjectType
	slotCoverage
	slotStatus
	slotNone
)

var slotKeys = [...]string{keyIDFRegion, keyProjectID, keyPrimaID, keyBudget, keyMemberStates, keyProjectType, keyCoverage, keyStatus}

// devfundSlot returns the slot a value line can fill, at or after the slot
// reached so far (values come in order, so "Global" after the member states
// is the coverage, not the region).
func devfundSlot(text string, from int) int {
	for slot := from; slot < slotNone; slot++ {
		if slotMatches[slot](text) {
			return slot
		}
	}
	return slotNone
}

// slotMatches tells, for each slot, whether a line's text can fill it.
var slotMatches = [slotNone]func(text string) bool{
	slotRegion:      func(t string) bool { _, ok := vocab.Regions.Lookup(t); return ok },
	slotProjectID:   isProjectID,
	slotPrimaID:     isPrimaID,
	slotBudget:      isBudget,
	slotMemberState: func(t string) bool { _, _, ok := vocab.LookupCountry(t); return ok },
	slotProjectType: func(t string) bool { _, ok := vocab.ProjectTypes.Lookup(t); return ok },
	slotCoverage:    func(t string) bool { _, ok := vocab.Coverages.Lookup(t); return ok },
	slotStatus:      func(t string) bool { _, ok := vocab.Statuses.Lookup(t); return ok },
}

// isDevFund reports whether the content at line i is a Development Fund
// project: under its menu, or, for a snapshot without the menu, the title
// given twice followed by an IDF region or a Projects ID.
func (s *scan) isDevFund(i int) bool {
	j := s.next(i + 1)
	if j >= len(s.lines) || !foldEqual(s.lines[j].Text, s.lines[i].Text) {
		return false
	}
	k := s.next(j + 1)
	if k >= len(s.lines) {
		return s.menu.site == "devfund"
	}
	slot := devfundSlot(s.lines[k].Text, slotRegion)
	return s.menu.site == "devfund" || slot == slotRegion || slot == slotProjectID
}

// readDevFund reads the doubled title and the unlabelled value block that
// starts at line i, and returns the index of the description's first line.
func (s *scan) readDevFund(i int) int {
	lines := s.lines
	s.setTitle(i)
	i = s.next(i + 1)
	if i < len(lines) && foldEqual(lines[i].Text, s.title) {
		i++
	}
	slot := slotRegion
	for i = s.next(i); i < len(lines); i = s.next(i + 1) {
		v := lines[i]
		next := devfundSlot(v.Text, slot)
		if next == slotNone {
			// A short line between two values is a value nobody has listed:
			// an unknown member state amid the list, or an unknown type
			// before the coverage.
			n := s.next(i + 1)
			if !shortValue(v.Text) || n >= len(lines) || devfundSlot(lines[n].Text, slot) == slotNone || slot < slotBudget {
				break
			}
			next = slotMemberState
			if after := devfundSlot(lines[n].Text, slot); after >= slotCoverage {
				next = slotProjectType
			}
		}
		slot = next
		s.addField(blockField{key: slotKeys[slot], value: v, hasValue: true})
	}
	if len(s.block.fields) == 0 {
		s.block.cut, s.block.cutLine = "the Development Fund page has its title but none of its values", lastLine(lines)
	} else if i >= len(lines) {
		s.block.cut, s.block.cutLine = "the page ends inside its value block; the last value may be cut off", lastLine(lines)
	}
	return i
}

// foldEqual reports whether a and b fold alike. Every page's title is
// compared with the line after it, often a long paragraph: nearly every
// two lines are told apart by their first characters, ASCII letters or
// digits that fold to themselves lower-cased; the others are folded on the
// stack, and b only as far as a's length.
func foldEqual(a, b string) bool {
	if a != "" && b != "" && ascii.IsAlnum(a[0]) && ascii.IsAlnum(b[0]) && ascii.Lower(a[0]) != ascii.Lower(b[0]) {
		return false
	}
	var bufA, bufB [128]byte
	fa := vocab.AppendFold(bufA[:0], a)
	return bytes.Equal(fa, vocab.AppendFoldPrefix(bufB[:0], b, len(fa)))
}

// shortValue reports whether text is shaped like a value, not a paragraph.
func shortValue(text string) bool {
	return len(text) <= 80 && !strings.Contains(text, ". ")
}
