// Command iomparse turns pages scraped from the web sites of the
// International Organization for Migration into structured records.
package main

import (
	"os"

	"github.com/iomparse/iomparse/cmd"
)

func main() { os.Exit(cmd.Main(os.Args[1:], cmd.SystemIO())) }
