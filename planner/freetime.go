package planner

import "slices"

// Earliest and latest times of day FreeTime offers: the hours a clinic
// may see patients, where the sources are silent on opening hours.
var (
	freeTimeFrom = Clock{Hour: 7}
	freeTimeTo   = Clock{Hour: 20}
)

// FreeTime looks for another time of day for req's sessions when the
// patient's calendar (req.Busy) is in the way: the half hour from 07:00
// to 20:00, nearest req.Time first (earlier first on a tie), at which
// Make places every session on the dates it gives with no calendar at
// all. It reports false when there is none, or when the calendar is not
// what is in the way (the clinic is closed, the patient away).
func FreeTime(cat *Catalog, req Request) (Clock, bool) {
	if len(req.Busy) == 0 {
		return Clock{}, false
	}
	minutes := func(c Clock) int { return c.Hour*60 + c.Minute }
	var candidates []Clock
	for m := minutes(freeTimeFrom); m <= minutes(freeTimeTo); m += 30 {
		if c := (Clock{Hour: m / 60, Minute: m % 60}); c != req.Time {
			candidates = append(candidates, c)
		}
	}
	distance := func(c Clock) int {
		d := minutes(c) - minutes(req.Time)
		return max(d, -d)
	}
	slices.SortStableFunc(candidates, func(a, b Clock) int { return distance(a) - distance(b) })
	for _, c := range candidates {
		at := req
		at.Time = c
		with, err := Make(cat, at)
		if err != nil {
			continue
		}
		at.Busy, at.AvoidConflicts = nil, false
		without, err := Make(cat, at)
		if err != nil {
			return Clock{}, false // not the calendar: nothing else is tried
		}
		if sameDates(with.Sessions, without.Sessions) {
			return c, true
		}
	}
	return Clock{}, false
}

// sameDates reports whether two plans' sessions fall on the same dates.
func sameDates(a, b []Session) bool {
	return slices.EqualFunc(a, b, func(x, y Session) bool { return DateOf(x.Start) == DateOf(y.Start) })
}
