// Command mesoplan plans mesotherapy courses: every session, the preparation
// and aftercare windows around them, and the screening that comes first.
package main

import (
	"os"
	_ "time/tzdata" // zone data for machines without a system zoneinfo

	"github.com/mesoplan/mesoplan/cmd"
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], cmd.System()))
}
