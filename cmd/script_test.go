package cmd

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and the expected output in test scripts")

// TestScripts runs the txtar scripts in testdata/script. The command
// `iomparse` runs the real root command in-process, with its streams
// injected: its stdout and stderr feed the scripts' stdout/stderr checks.
// It works in the script's folder ($WORK), given as IO.Dir: no command
// changes the process's working directory, so scripts run in parallel. An
// argument -stdin=FILE before the command's own arguments feeds FILE to its
// standard input. `! iomparse` expects a failure, and `status N` checks the
// exit code of the last iomparse. $SEEDS is ../shared/seeds when that
// folder exists (scripts needing it start with [!seeds] skip), $TESTDATA the
// repository's testdata.
func TestScripts(t *testing.T) {
	testdata, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Abs("../../shared/seeds")
	_, seedsErr := os.Stat(seeds)
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", testdata)
			env.Setenv("SEEDS", seeds)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "seeds" {
				return seedsErr == nil, nil
			}
			return false, nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"iomparse": runScriptCommand,
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: status CODE")
				}
				if got := ts.Getenv("STATUS"); (got == args[0]) == neg {
					ts.Fatalf("exit code %s, want %s%s", got, map[bool]string{true: "not "}[neg], args[0])
				}
			},
		},
	})
}

func runScriptCommand(ts *testscript.TestScript, neg bool, args []string) {
	stdin := strings.NewReader("")
	if len(args) > 0 && strings.HasPrefix(args[0], "-stdin=") {
		stdin = strings.NewReader(ts.ReadFile(strings.TrimPrefix(args[0], "-stdin=")))
		args = args[1:]
	}
	code := run(context.Background(), args, IO{In: stdin, Out: ts.Stdout(), ErrOut: ts.Stderr(), Dir: ts.Getenv("WORK")})
	ts.Setenv("STATUS", strconv.Itoa(code))
	if (code != 0) != neg {
		ts.Fatalf("iomparse exited with code %d", code)
	}
}
