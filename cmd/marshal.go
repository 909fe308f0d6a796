package cmd

import "github.com/iomparse/iomparse/cmd/internal/encode"

// marshalJSON is encode.JSON under the name the spool calls it by: the
// spool is moving out of cmd at the same time as the encoders, and leaving
// its call as it was spares the two moves a conflict. It goes with its last
// caller.
func marshalJSON(v any, indent string) ([]byte, error) { return encode.JSON(v, indent) }
