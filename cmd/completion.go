package cmd

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// setupCompletion adds cobra's completion command now rather than when
// the root runs, so that it can be adjusted: cobra prints the command's help
// and exits 0 for an unknown shell, which hides a typo in an install script;
// here an unknown shell is a usage error (exit 2). The shell's name is
// matched without regard to case, like every enumerated value.
func setupCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sh := range c.Commands() {
			shells = append(shells, sh.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return c.Help()
			}
			// "completion Bash": cobra matches subcommands by their exact
			// name, so a name in another case reaches here.
			if name, ok := enumValue(args[0], shells); ok {
				sh, _, err := c.Find([]string{name})
				if err == nil && sh != c {
					sh.SetArgs(args[1:])
					return sh.RunE(sh, args[1:])
				}
			}
			return usageErrorf("unknown shell %q: use %s", args[0], strings.Join(shells, ", "))
		}
	}
}

// fixedCompletion completes a flag that takes one value of a fixed list.
func fixedCompletion(values []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// listCompletion completes a flag that takes a comma-separated list of
// values (--kind project,news): the item being typed, after those already
// written, which it does not offer again. No space follows, so the next
// item can be added after a comma.
func listCompletion(values []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			prefix = toComplete[:i+1]
		}
		chosen := strings.Split(strings.ToLower(prefix), ",")
		var out []string
		for _, v := range values {
			if !slices.Contains(chosen, v) {
				out = append(out, prefix+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// noCompletion completes a flag whose value is a number or a size: with
// nothing, rather than the file names a shell offers by default.
func noCompletion(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveNoFileComp
}
