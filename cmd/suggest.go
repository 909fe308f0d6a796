package cmd

import (
	"github.com/spf13/cobra"

	"github.com/iomparse/iomparse/cmd/internal/flagvalue"
)

// flagError is the root's flag error function: every flag error is a
// usage error, an unknown flag answered with the closest flag the command
// has (flagvalue.Suggest).
func flagError(c *cobra.Command, err error) error {
	return usageErrorf("%s", flagvalue.Suggest(err, c.Flags(), c.InheritedFlags()))
}
