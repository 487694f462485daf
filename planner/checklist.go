package planner

import (
	"slices"
	"time"
)

// Checklist is what a patient follows around one session: the preparation
// that begins for it and the aftercare that begins after it. A window that
// spans several sessions (a merged one, such as a week without aspirin
// before each of several weekly sessions) is in the checklist of its first
// session only, so that it is said once.
type Checklist struct {
	Session Session
	// Before are the preparation windows whose first session is this one,
	// in the order they begin.
	Before []Window
	// After are the aftercare windows whose first session is this one, in
	// the order they end.
	After []Window
}

// Checklists returns one checklist per session, in session order.
func (p *Plan) Checklists() []Checklist {
	out := make([]Checklist, 0, len(p.Sessions))
	// One array for every session's windows, each checklist a part of it:
	// a batch makes thousands of these.
	var before, after int
	for _, w := range p.Windows {
		if w.Kind == Prep {
			before++
		} else {
			after++
		}
	}
	befores, afters := make([]Window, 0, before), make([]Window, 0, after)
	for _, s := range p.Sessions {
		c := Checklist{Session: s}
		b0, a0 := len(befores), len(afters)
		for _, w := range p.Windows {
			if len(w.Sessions) == 0 || w.Sessions[0] != s.Number {
				continue
			}
			if w.Kind == Prep {
				befores = append(befores, w)
			} else {
				afters = append(afters, w)
			}
		}
		if len(befores) > b0 {
			c.Before = befores[b0:len(befores):len(befores)]
		}
		if len(afters) > a0 {
			c.After = afters[a0:len(afters):len(afters)]
		}
		slices.SortStableFunc(c.Before, func(a, b Window) int { return a.Start.Compare(b.Start) })
		slices.SortStableFunc(c.After, func(a, b Window) int { return a.End.Compare(b.End) })
		out = append(out, c)
	}
	return out
}

// Continues reports whether w goes on past its first session: a merged
// window of several sessions.
func (w Window) Continues() bool {
	return len(w.Sessions) > 1
}

// Extent returns the earliest start and the latest end of windows, which
// must not be empty.
func Extent(windows []Window) (time.Time, time.Time) {
	first, last := windows[0].Start, windows[0].End
	for _, w := range windows[1:] {
		if w.Start.Before(first) {
			first = w.Start
		}
		if w.End.After(last) {
			last = w.End
		}
	}
	return first, last
}
