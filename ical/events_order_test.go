package ical

import (
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// TestSessionWindowsOrder: a session's lists read in time order,
// preparation by start, aftercare by end, whatever the catalog's order.
func TestSessionWindowsOrder(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2027, 3, day, 10, 0, 0, 0, time.UTC) }
	all := []planner.Window{
		{Kind: planner.Aftercare, Rule: "heat", Start: at(16), End: at(19), Sessions: []int{1}},
		{Kind: planner.Aftercare, Rule: "makeup", Start: at(16), End: at(17), Sessions: []int{1}},
		{Kind: planner.Prep, Rule: "alcohol", Start: at(15), End: at(16), Sessions: []int{1}},
		{Kind: planner.Prep, Rule: "nsaids", Start: at(9), End: at(16), Sessions: []int{1}},
		{Kind: planner.Aftercare, Rule: "other", Start: at(23), End: at(24), Sessions: []int{2}},
	}
	for kind, want := range map[planner.RuleKind][]string{planner.Prep: {"nsaids", "alcohol"}, planner.Aftercare: {"makeup", "heat"}} {
		var got []string
		for _, w := range sessionWindows(all, kind, 1) {
			got = append(got, w.Rule)
		}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: %v, want %v", kind, got, want)
		}
	}
}
