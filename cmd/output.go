package cmd

import (
	"os"

	"github.com/iomparse/iomparse/cmd/internal/outfile"
)

// checkOutputs refuses, as a usage error, a command line whose outputs
// would destroy what it reads or each other: -o and --report naming the
// same file, or either naming one of the inputs given (compared by the
// file itself, so another name or a link to an input counts). A file
// inside an input folder is not looked for: the walk would have to be done
// first. Character devices (/dev/null, a terminal) may be shared.
func checkOutputs(stdio IO, inputs []string, output, report string) error {
	named := []struct{ flag, path string }{{"-o", output}, {"--report", report}}
	var targets [2]*outfile.Target
	for i, o := range named {
		if o.path == "" {
			continue
		}
		t, err := outfile.Resolve(stdio.path(o.path))
		if err != nil {
			continue // reported when the output is opened
		}
		targets[i] = &t
	}
	if targets[0] != nil && targets[1] != nil && outfile.Same(targets[0], targets[1]) {
		return usageErrorf("-o and --report name the same file (%s): each needs its own", output)
	}
	for i, t := range targets {
		if t == nil || t.FD >= 0 || t.Info == nil || !outfile.Clashes(t.Info) {
			continue
		}
		for _, in := range inputs {
			if in == "-" {
				continue
			}
			if info, err := os.Stat(stdio.path(in)); err == nil && os.SameFile(info, t.Info) {
				return usageErrorf("%s %s is the input %s: writing it would destroy what is read", named[i].flag, named[i].path, in)
			}
		}
	}
	return nil
}
