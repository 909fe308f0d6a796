// Command iomparse turns pages scraped from the web sites of the
// International Organization for Migration into structured records.
package main

import (
	"os"
	"runtime/debug"

	"github.com/iomparse/iomparse/cmd"
)

func main() {
	// A run allocates much for each page and keeps little (ingest: the
	// pairing keys, in memory the collector need not read), so the
	// collector's default pace is faster than it needs: at four times the
	// default the runs of the README's Performance section take about a
	// sixth less CPU, and their peak memory stays well under the targets
	// (parse about 37 MB, ingest of 100,000 pages about 140 MB). GOGC, when
	// set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(cmd.Main(os.Args[1:], cmd.SystemIO()))
}
