package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// The man pages are generated, not kept in the repository: run
// `go generate ./cmd` (they go to docs/man, which git ignores, so that
// generating leaves the tree as committed) or `iomparse man DIR`, and
// install the pages under a man1 folder of MANPATH. SOURCE_DATE_EPOCH fixes
// their date, for reproducible packages.
//go:generate go run .. man ../docs/man

// manOptions are the options of man.
type manOptions struct {
	io    IO
	quiet bool // -q: no closing line
	dir   string
	// root is the command tree to document. runMan needs cobra's tree
	// itself, which is what it documents; it is the one run function that
	// sees cobra.
	root *cobra.Command
}

func newManCmd(stdio IO, diag *diagFlags) *cobra.Command {
	opts := &manOptions{io: stdio}
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write man pages for iomparse and its commands into DIR",
		Long: `Write one man page (section 1) for iomparse and one for each of its commands
into DIR, which is created if needed. SOURCE_DATE_EPOCH, when set, fixes the
date the pages show.`,
		Example: `  iomparse man /usr/local/share/man/man1
  iomparse man ./man && MANPATH=. man ./man/iomparse-ingest.1`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("man takes one folder, not %d arguments", len(args))
			}
			return nil
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.dir, opts.root, opts.quiet = args[0], c.Root(), diag.quiet
			return runMan(opts)
		},
	}
}

// runMan writes the pages.
func runMan(opts *manOptions) error {
	dir := opts.io.path(opts.dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failedf("cannot create %s: %v", opts.dir, describeError(err))
	}
	opts.root.DisableAutoGenTag = true // no "generated on" date: the header has it
	header := &doc.GenManHeader{Section: "1", Source: "iomparse " + version(), Manual: "iomparse manual"}
	// The date the pages show: SOURCE_DATE_EPOCH's when set (cobra reads
	// it), else the time of the commit the binary was built from, so that
	// pages written from one revision are the same on every machine and
	// every day; else, without VCS information, today (cobra's default).
	if os.Getenv("SOURCE_DATE_EPOCH") == "" {
		if t, ok := buildTime(); ok {
			header.Date = &t
		}
	}
	if err := doc.GenManTree(opts.root, header, dir); err != nil {
		return failedf("cannot write man pages: %v", describeError(err))
	}
	if opts.quiet {
		return nil
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "iomparse*.1")) // the pattern is valid
	fmt.Fprintf(opts.io.ErrOut, "wrote %s to %s\n", plural(len(pages), "man page", "man pages"), opts.dir)
	return nil
}

// buildTime returns the time of the VCS revision the binary was built
// from, when the build recorded it.
func buildTime() (time.Time, bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return time.Time{}, false
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.time" {
			t, err := time.Parse(time.RFC3339, s.Value)
			return t, err == nil
		}
	}
	return time.Time{}, false
}
