package planner

import (
	"slices"
	"time"
)

// Earliest and latest times of day FreeTime offers: the hours a clinic
// may see patients, where the sources are silent on opening hours.
var (
	freeTimeFrom = Clock{Hour: 7}
	freeTimeTo   = Clock{Hour: 20}
)

// freeTimeConflictChecks bounds how many times FreeTime counts a
// candidate's conflicts, each a pass over the whole calendar.
const freeTimeConflictChecks = 3

// FreeTime looks for another time of day for req's sessions when the
// patient's calendar (req.Busy) is in the way: the half hour from 07:00
// to 20:00, nearest req.Time first (earlier first on a tie), at which no
// session of the course planned without the calendar overlaps a busy
// event (nor, with req.AvoidConflicts, puts one in a window its rule
// forbids), so that the calendar moves no session. A time at which more
// than maxConflicts of its events fall in windows their rules forbid is
// passed over (maxConflicts < 0: any number; with req.Strict: none). It
// reports false when there is none, or when the course cannot be planned
// at req.Time even without the calendar: then the calendar is not what
// is in the way.
//
// Each candidate is planned without the calendar, which is cheap, and its
// dates checked against the calendar: a calendar of many thousand events
// is never planned with once per candidate.
func FreeTime(cat *Catalog, req Request, maxConflicts int) (Clock, bool) {
	check, ok := newCalendarCheck(cat, req)
	if !ok {
		return Clock{}, false
	}
	if without, _ := check.holds(req); without == nil {
		return Clock{}, false
	}
	if req.Strict {
		maxConflicts = 0
	}
	checks := 0
	for _, c := range freeTimeCandidates(req.Time) {
		at := req
		at.Time = c
		without, held := check.holds(at)
		if without == nil || held {
			continue
		}
		if maxConflicts >= 0 {
			checks++
			if len(conflicts(without.Windows, check.rules, req.Busy, req.Location)) > maxConflicts {
				if checks == freeTimeConflictChecks {
					return Clock{}, false
				}
				continue
			}
		}
		return c, true
	}
	return Clock{}, false
}

// CalendarInTheWay reports whether the patient's calendar (req.Busy)
// moves a session of req: whether, planned without it, a session would
// overlap one of its busy events (or, with req.AvoidConflicts, put one in
// a window its rule forbids).
func CalendarInTheWay(cat *Catalog, req Request) bool {
	check, ok := newCalendarCheck(cat, req)
	if !ok {
		return false
	}
	without, held := check.holds(req)
	return without != nil && held
}

// calendarCheck is what FreeTime and CalendarInTheWay need of a request's
// treatment to check its dates against the patient's calendar.
type calendarCheck struct {
	cat    *Catalog
	rules  []Rule
	length time.Duration
}

// newCalendarCheck reports false when req gives no calendar or names no
// treatment of cat.
func newCalendarCheck(cat *Catalog, req Request) (calendarCheck, bool) {
	if len(req.Busy) == 0 {
		return calendarCheck{}, false
	}
	t, err := cat.Treatment(req.Treatment)
	if err != nil {
		return calendarCheck{}, false
	}
	return calendarCheck{cat: cat, rules: cat.RulesFor(t), length: time.Duration(t.SessionMinutes) * time.Minute}, true
}

// holds plans req without the patient's calendar (nil when it cannot be
// planned so) and reports whether the calendar refuses one of its dates:
// placement, which takes the first date every constraint allows, would
// then choose another. When it refuses none, planning with the calendar
// gives the same dates.
func (c calendarCheck) holds(req Request) (without *Plan, held bool) {
	free := req
	free.Busy, free.AvoidConflicts = nil, false
	without, err := Make(c.cat, free)
	if err != nil {
		return nil, false
	}
	cons := calendarConstraints(req, c.rules, c.length)
	for _, s := range without.Sessions {
		d := DateOf(s.Start.In(req.Location))
		for _, con := range cons {
			if ok, _ := con.Allows(d); !ok {
				return without, true
			}
		}
	}
	return without, false
}

// freeTimeCandidates are the half hours FreeTime tries, but asked, nearest
// to it first.
func freeTimeCandidates(asked Clock) []Clock {
	minutes := func(c Clock) int { return c.Hour*60 + c.Minute }
	var out []Clock
	for m := minutes(freeTimeFrom); m <= minutes(freeTimeTo); m += 30 {
		if c := (Clock{Hour: m / 60, Minute: m % 60}); c != asked {
			out = append(out, c)
		}
	}
	distance := func(c Clock) int {
		d := minutes(c) - minutes(asked)
		return max(d, -d)
	}
	slices.SortStableFunc(out, func(a, b Clock) int { return distance(a) - distance(b) })
	return out
}
