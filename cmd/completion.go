package cmd

import "github.com/spf13/cobra"

// setupCompletion adds cobra's completion command now rather than when
// the root runs, so that it can be adjusted: cobra prints the command's help
// and exits 0 for an unknown shell, which hides a typo in an install script;
// here an unknown shell is a usage error (exit 2).
func setupCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			return usageErrorf("unknown shell %q: use bash, zsh, fish or powershell", args[0])
		}
	}
}
