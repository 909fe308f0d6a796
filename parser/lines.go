package parser

import "github.com/iomparse/iomparse/parser/text"

// DefaultMaxLineBytes bounds one line (see text.DefaultMaxLineBytes).
const DefaultMaxLineBytes = text.DefaultMaxLineBytes

// Line is one line of a page with its source line number (see text.Line).
type Line = text.Line
