package planner

import (
	"strings"
	"unicode"
)

// OneLine folds the line breaks, tabs and runs of spaces of free text (a
// catalog's summaries, a practitioner's or patient's names) into single
// spaces, so that no value can break a table row, a CSV record or a
// calendar line's layout.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// LowerFirst lowercases the first letter of a summary for use
// mid-sentence ("no alcohol" for "No alcohol"), keeping acronyms such as
// "NSAIDs" as they are.
func LowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
