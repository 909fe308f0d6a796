package cmd

import (
	"context"
	"iter"

	"github.com/iomparse/iomparse/cmd/internal/walk"
	"github.com/iomparse/iomparse/model"
)

// walkSelection is the walk of the paths the reading flags select
// (walk.Selection) as inputs, named as model.EscapePath writes them (a
// name that is not plain text keeps its own to be opened by, in
// input.file). Relative paths are taken from stdio.Dir, and a
// --files-from list of "-" is read from stdio.In.
func walkSelection(ctx context.Context, stdio IO, sel *walk.Selection) iter.Seq[input] {
	return func(yield func(input) bool) {
		for e := range sel.Walk(ctx, stdio.Dir, stdio.In) {
			in := input{path: e.Path, stdin: e.Stdin, reason: e.Reason}
			switch e.State {
			case walk.Skipped:
				in.state = stateSkipped
			case walk.Failed:
				in.state = stateFailed
			}
			if p := model.EscapePath(in.path); p != in.path {
				in.file, in.path = in.path, p
			}
			if !yield(in) {
				return
			}
		}
	}
}

// countInputs walks the paths to count their inputs, for the progress bar:
// -1 when they cannot be counted before reading them, since the list of
// --files-from is standard input or an archive holds many.
func countInputs(ctx context.Context, stdio IO, sel *walk.Selection) int {
	if sel.FilesFrom == "-" {
		return -1
	}
	n := 0
	for in := range walkSelection(ctx, stdio, sel) {
		if isArchive(in) {
			return -1
		}
		n++
	}
	return n
}

// describeError shortens an OS error to its cause (walk.Cause): the path
// is printed beside it already.
func describeError(err error) string { return walk.Cause(err) }
