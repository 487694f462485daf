package planner

import "strings"

// OneLine folds the line breaks, tabs and runs of spaces of free text (a
// catalog's summaries, a practitioner's or patient's names) into single
// spaces, so that no value can break a table row, a CSV record or a
// calendar line's layout.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
