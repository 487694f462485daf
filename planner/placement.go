package planner

import "fmt"

// Constraint says whether a session may be held on a date and, if not, why
// (e.g. "the clinic is closed on Sundays"). Clinic days, closed dates,
// holidays and the patient's absences each implement it; placement never
// knows which one said no.
type Constraint interface {
	Allows(d Date) (ok bool, reason string)
}

// searchHorizon bounds the search for an allowed date, so that constraints
// that leave no day free end in an error, never a hang.
const searchHorizon = 366

// slot is one session to place: the phase it belongs to and the interval
// that must precede it.
type slot struct {
	phase       string
	maintenance bool
	interval    Interval
}

// slotsFor lists the sessions of a course in order: each phase's sessions,
// then maintenance sessions when the maintenance is of kind sessions.
func slotsFor(phases []Phase, m *Maintenance) []slot {
	var out []slot
	for _, p := range phases {
		for range p.Sessions {
			out = append(out, slot{phase: p.Name, interval: p.Interval})
		}
	}
	if m != nil && m.Kind == MaintenanceSessions {
		for range m.Sessions {
			out = append(out, slot{phase: "maintenance", maintenance: true, interval: m.Interval})
		}
	}
	return out
}

// placement is where a session went, where it wanted to go, and why it
// did not go there.
type placement struct {
	date, target Date
	reason       string
	booked       bool // on a date booked by hand earlier
}

// replan says how a course under way is placed again: the kept sessions'
// dates, the date chosen for the next one, and the first day new sessions
// may take.
type replan struct {
	keep      []Date
	next      *Next
	notBefore Date
	// notBeforeWhy says why a date before notBefore is refused; "" for
	// "that day has passed".
	notBeforeWhy string
	// booked are the dates booked by hand for later sessions, by number.
	booked map[int]Date
}

// allowFunc says whether a session may go on d and, if not, why.
type allowFunc func(d Date) (ok bool, reason string)

// allowedBy is the allowFunc of a placement: no date before notBefore
// (when set), and no date any constraint refuses. The first refusal gives
// the reason.
func allowedBy(cons []Constraint, notBefore Date) allowFunc {
	return allowedAfter(cons, notBefore, "")
}

// allowedAfter is allowedBy with the reason a date before notBefore is
// refused ("" for "that day has passed").
func allowedAfter(cons []Constraint, notBefore Date, why string) allowFunc {
	if why == "" {
		why = "that day has passed"
	}
	return func(d Date) (bool, string) {
		if !notBefore.IsZero() && d.Before(notBefore) {
			return false, why
		}
		for _, c := range cons {
			if ok, why := c.Allows(d); !ok {
				return false, why
			}
		}
		return true, ""
	}
}

// placeAll gives every slot a date. Session 1 goes on the first allowed
// date on or after start. Each later session wants the previous date plus
// its target interval; when that date is not allowed it takes, in this
// order, the earliest allowed date after it within the maximum interval,
// the latest allowed date before it at or above the minimum, or the
// earliest allowed date past the maximum (with a warning). Every session
// moved from its target date is reported, with its target and the reason.
// For a course under way (r), kept sessions stay where they are and the
// next one goes on the date chosen for it.
func placeAll(start Date, slots []slot, cons []Constraint, r replan) ([]placement, []Finding, error) {
	allowed := allowedAfter(cons, r.notBefore, r.notBeforeWhy)
	out := make([]placement, 0, len(slots))
	var moves []Finding
	for i, s := range slots {
		p, move, err := placeSession(i, s, out, start, r, allowed)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, p)
		if move != nil {
			moves = append(moves, *move)
		}
	}
	return out, moves, nil
}

// placeSession places session i+1 (slot s) after the sessions placed so
// far, by the strategy for its place in the course, and returns the
// finding to report if it moved.
func placeSession(i int, s slot, placed []placement, start Date, r replan, allowed allowFunc) (placement, *Finding, error) {
	switch {
	case i < len(r.keep):
		return placeKept(r.keep[i]), nil, nil
	case i == len(r.keep) && r.next != nil:
		return placeNext(*r.next, r.keep, s.interval, allowed)
	case i == 0:
		return placeFirst(start, allowed)
	default:
		if d, ok := r.booked[i+1]; ok {
			prev := placed[i-1].date
			gap := prev.DaysUntil(d)
			if ok, _ := allowed(d); ok && gap >= s.interval.Min && gap <= s.interval.Max {
				return placement{date: d, target: d, booked: true}, nil, nil
			}
		}
		return placeLater(i+1, placed[i-1].date, s.interval, allowed)
	}
}

// placeKept leaves a kept session on its date, whatever the constraints
// say now: it has been held or booked already.
func placeKept(d Date) placement {
	return placement{date: d, target: d}
}

// placeNext places the session after the kept ones on the date chosen for
// it (a rescheduled session). A date that is not allowed, or outside the
// session's interval after the last kept one, is an error unless the
// choice is forced; a forced interval gives a finding. A date on or before
// the last kept session is an error even then, as sessions keep their
// order.
func placeNext(next Next, keep []Date, iv Interval, allowed allowFunc) (placement, *Finding, error) {
	n, d := len(keep)+1, next.Date
	if ok, why := allowed(d); !ok && !next.Force {
		return placement{}, nil, &NextDateError{Session: n, Date: d, Reason: why, Forcible: true}
	}
	last := len(keep) - 1
	if last < 0 {
		return placement{date: d, target: d}, nil, nil
	}
	prev := keep[last]
	if !prev.Before(d) {
		return placement{}, nil, &NextDateError{Session: n, Date: d, Reason: fmt.Sprintf("session %d is on %s", n-1, prev)}
	}
	gap := prev.DaysUntil(d)
	if gap >= iv.Min && gap <= iv.Max {
		return placement{date: d, target: d}, nil, nil
	}
	limit := fmt.Sprintf("below the %d-day minimum", iv.Min)
	if gap > iv.Max {
		limit = fmt.Sprintf("above the %d-day maximum", iv.Max)
	}
	if !next.Force {
		return placement{}, nil, &NextDateError{Session: n, Date: d, Forcible: true,
			Reason: fmt.Sprintf("%d days after session %d is %s (interval %d to %d days)", gap, n-1, limit, iv.Min, iv.Max)}
	}
	finding := &Finding{Code: "forced-interval", Subject: fmt.Sprintf("session-%d", n),
		Message: fmt.Sprintf("session %d: %d days after session %d, %s, booked by force", n, gap, n-1, limit)}
	return placement{date: d, target: d}, finding, nil
}

// placeFirst places session 1 on the first allowed date on or after start,
// with a "moved" finding when that is not start itself.
func placeFirst(start Date, allowed allowFunc) (placement, *Finding, error) {
	d, why, ok := firstAllowed(start, searchHorizon, allowed)
	if !ok {
		return placement{}, nil, noDateError(1, start, why)
	}
	p := placement{date: d, target: start, reason: why}
	if d == start {
		return p, nil, nil
	}
	moved := &Finding{Code: "moved", Subject: "session-1",
		Message: fmt.Sprintf("session 1: moved from %s to %s because %s", start, d, why)}
	return p, moved, nil
}

// placeLater places session n, n > 1, after the previous session on prev:
// on the target interval if allowed; else on an allowed date within the
// interval (see withinInterval), with a "moved" finding; else past the
// maximum (see placePastMaximum).
func placeLater(n int, prev Date, iv Interval, allowed allowFunc) (placement, *Finding, error) {
	target := prev.AddDays(iv.Target)
	ok, why := allowed(target)
	if ok {
		return placement{date: target, target: target}, nil, nil
	}
	d, ok := withinInterval(prev, iv, allowed)
	if !ok {
		return placePastMaximum(n, prev, iv, why, allowed)
	}
	moved := &Finding{Code: "moved", Subject: fmt.Sprintf("session-%d", n),
		Message: fmt.Sprintf("session %d: moved from %s to %s (%d days after session %d) because %s", n, target, d, prev.DaysUntil(d), n-1, why)}
	return placement{date: d, target: target, reason: why}, moved, nil
}

// withinInterval returns, counting from prev, the earliest allowed date
// after the target interval up to the maximum, else the latest allowed
// date before it down to the minimum.
func withinInterval(prev Date, iv Interval, allowed allowFunc) (Date, bool) {
	for gap := iv.Target + 1; gap <= iv.Max; gap++ {
		if ok, _ := allowed(prev.AddDays(gap)); ok {
			return prev.AddDays(gap), true
		}
	}
	for gap := iv.Target - 1; gap >= iv.Min; gap-- {
		if ok, _ := allowed(prev.AddDays(gap)); ok {
			return prev.AddDays(gap), true
		}
	}
	return Date{}, false
}

// placePastMaximum places session n on the first allowed date past the
// maximum interval from prev, with an "interval-exceeded" finding; why is
// the reason its target date was refused.
func placePastMaximum(n int, prev Date, iv Interval, why string, allowed allowFunc) (placement, *Finding, error) {
	late := prev.AddDays(iv.Max + 1)
	d, _, ok := firstAllowed(late, searchHorizon, allowed)
	if !ok {
		return placement{}, nil, noDateError(n, late, why)
	}
	exceeded := &Finding{Code: "interval-exceeded", Subject: fmt.Sprintf("session-%d", n),
		Message: fmt.Sprintf("session %d: %d days after session %d, above the %d-day maximum, because %s", n, prev.DaysUntil(d), n-1, iv.Max, why)}
	return placement{date: d, target: prev.AddDays(iv.Target), reason: why}, exceeded, nil
}

// firstAllowed returns the first allowed date on or after d within limit
// days, and why d itself was refused.
func firstAllowed(d Date, limit int, allowed allowFunc) (Date, string, bool) {
	firstWhy := ""
	for i := 0; i < limit; i++ {
		c := d.AddDays(i)
		ok, why := allowed(c)
		if ok {
			return c, firstWhy, true
		}
		if i == 0 {
			firstWhy = why
		}
	}
	return Date{}, firstWhy, false
}

// noDateError reports that no date from "from" on, within the search
// horizon, may hold session n; why is the reason "from" was refused.
func noDateError(n int, from Date, why string) error {
	return &InputError{
		Value: from.String(),
		Msg:   fmt.Sprintf("no date allowed for session %d within %d days of %s (%s)", n, searchHorizon, from, why),
		Hint:  "relax the constraints (open days, closed dates, absences)",
	}
}
