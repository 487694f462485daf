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

// place gives every slot a date. Session 1 goes on the first allowed date on
// or after start. Each later session wants the previous date plus its
// target interval; when that date is not allowed it takes, in this order,
// the earliest allowed date after it within the maximum interval, the
// latest allowed date before it at or above the minimum, or the earliest
// allowed date past the maximum (with a warning). Every session moved from
// its target date is reported.
func place(start Date, slots []slot, cons []Constraint) ([]Date, []Finding, error) {
	ps, findings, err := placeAll(start, slots, cons, replan{})
	if err != nil {
		return nil, nil, err
	}
	dates := make([]Date, len(ps))
	for i, p := range ps {
		dates[i] = p.date
	}
	return dates, findings, nil
}

// placement is where a session went, where it wanted to go, and why it
// did not go there.
type placement struct {
	date, target Date
	reason       string
}

// replan says how a course under way is placed again: the kept sessions'
// dates, the date chosen for the next one, and the first day new sessions
// may take.
type replan struct {
	keep      []Date
	next      *Next
	notBefore Date
}

// placeAll is place with each session's target date and the reason it
// moved, for a new course or (with r) one under way.
func placeAll(start Date, slots []slot, cons []Constraint, r replan) ([]placement, []Finding, error) {
	allowed := func(d Date) (bool, string) {
		if !r.notBefore.IsZero() && d.Before(r.notBefore) {
			return false, "that day has passed"
		}
		for _, c := range cons {
			if ok, why := c.Allows(d); !ok {
				return false, why
			}
		}
		return true, ""
	}
	var (
		dates = make([]Date, 0, len(slots))
		out   = make([]placement, 0, len(slots))
		moves []Finding
	)
	for i, s := range slots {
		if i < len(r.keep) {
			dates = append(dates, r.keep[i])
			out = append(out, placement{r.keep[i], r.keep[i], ""})
			continue
		}
		if i == len(r.keep) && r.next != nil {
			d := r.next.Date
			if ok, why := allowed(d); !ok && !r.next.Force {
				return nil, nil, &InputError{Field: "to", Value: d.String(),
					Msg:  fmt.Sprintf("session %d cannot go on %s: %s", i+1, d, why),
					Hint: "choose another date, or --force to book it anyway"}
			}
			if i > 0 && !r.keep[i-1].Before(d) {
				return nil, nil, &InputError{Field: "to", Value: d.String(),
					Msg: fmt.Sprintf("session %d cannot go on %s: session %d is on %s", i+1, d, i, r.keep[i-1])}
			}
			dates = append(dates, d)
			out = append(out, placement{d, d, ""})
			continue
		}
		if i == 0 {
			d, why, ok := firstAllowed(start, searchHorizon, allowed)
			if !ok {
				return nil, nil, noDateError(1, start, why)
			}
			if d != start {
				moves = append(moves, Finding{Code: "moved", Subject: "session-1",
					Message: fmt.Sprintf("session 1: moved from %s to %s because %s", start, d, why)})
			}
			dates = append(dates, d)
			out = append(out, placement{d, start, why})
			continue
		}
		prev := dates[i-1]
		target := prev.AddDays(s.interval.Target)
		ok, why := allowed(target)
		if ok {
			dates = append(dates, target)
			out = append(out, placement{target, target, ""})
			continue
		}
		n := i + 1
		d, found := Date{}, false
		// Later, within the maximum.
		for gap := s.interval.Target + 1; gap <= s.interval.Max && !found; gap++ {
			if ok, _ := allowed(prev.AddDays(gap)); ok {
				d, found = prev.AddDays(gap), true
			}
		}
		// Earlier, down to the minimum.
		for gap := s.interval.Target - 1; gap >= s.interval.Min && !found; gap-- {
			if ok, _ := allowed(prev.AddDays(gap)); ok {
				d, found = prev.AddDays(gap), true
			}
		}
		if found {
			moves = append(moves, Finding{Code: "moved", Subject: fmt.Sprintf("session-%d", n),
				Message: fmt.Sprintf("session %d: moved from %s to %s (%d days after session %d) because %s", n, target, d, prev.DaysUntil(d), n-1, why)})
			dates = append(dates, d)
			out = append(out, placement{d, target, why})
			continue
		}
		// Past the maximum.
		late := prev.AddDays(s.interval.Max + 1)
		d, _, ok = firstAllowed(late, searchHorizon, allowed)
		if !ok {
			return nil, nil, noDateError(n, late, why)
		}
		moves = append(moves, Finding{Code: "interval-exceeded", Subject: fmt.Sprintf("session-%d", n),
			Message: fmt.Sprintf("session %d: %d days after session %d, above the %d-day maximum, because %s", n, prev.DaysUntil(d), n-1, s.interval.Max, why)})
		dates = append(dates, d)
		out = append(out, placement{d, target, why})
	}
	return out, moves, nil
}

// firstAllowed returns the first allowed date on or after d within limit
// days, and why d itself was refused.
func firstAllowed(d Date, limit int, allowed func(Date) (bool, string)) (Date, string, bool) {
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

func noDateError(n int, from Date, why string) error {
	return &InputError{
		Value: from.String(),
		Msg:   fmt.Sprintf("no date allowed for session %d within %d days of %s (%s)", n, searchHorizon, from, why),
		Hint:  "relax the constraints (open days, closed dates, absences)",
	}
}
