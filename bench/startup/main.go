// Command startup links every package mesoplan does and runs nothing: the
// time it takes is the floor under any mesoplan command, the Go runtime's
// start and the packages' initialisation, which bench/batch.sh reports
// beside a single plan and export.
package main

import (
	_ "time/tzdata"

	_ "github.com/mesoplan/mesoplan/cmd"
)

func main() {}
