package planner

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// UnmarshalJSON reads a plan from its JSON form (docs/plan-json.md), as a
// saved plan holds it, with every time in the plan's zone as [Make]
// returns them. It does not check the plan; see [Plan.Check].
func (p *Plan) UnmarshalJSON(b []byte) error {
	type plain Plan // without this method
	var v plain
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Plan(v)
	if !p.Zone.IsZero() {
		loc := p.Zone.Location()
		for i, s := range p.Sessions {
			p.Sessions[i].Start, p.Sessions[i].End = s.Start.In(loc), s.End.In(loc)
		}
		for i, w := range p.Windows {
			p.Windows[i].Start, p.Windows[i].End = w.Start.In(loc), w.End.In(loc)
		}
	}
	if p.Windows == nil {
		p.Windows = []Window{}
	}
	if p.Warnings == nil {
		p.Warnings = []Finding{}
	}
	return nil
}

// maxPlanWindows bounds the windows of a plan read from a file: a course
// of 100 sessions with a hundred rules, none merged.
const maxPlanWindows = 100 * 100

// Saved plans lie between these years: a file edited outside them is
// refused rather than written into calendars that cannot show it.
const (
	firstSavedYear = 1900
	lastSavedYear  = 2200
)

// Check reports a plan that Make could not have returned, such as a saved
// plan edited by hand: no zone, no sessions, sessions out of number or
// time order, an end before a start, a window of an unknown kind or
// session, a time outside the years 1900 to 2200, a revision below 0 or
// above MaxRevision, more sessions or windows than a plan can have.
func (p *Plan) Check() error {
	if p.Zone.IsZero() {
		return &ZoneError{Name: ""}
	}
	if len(p.Sessions) == 0 {
		return errors.New("it has no sessions")
	}
	// Make never returns more: a file edited to hold tens of thousands
	// would take minutes to export (each event looks at the others).
	if len(p.Sessions) > maxCourseSessions {
		return fmt.Errorf("it has %d sessions: a course has at most %d, maintenance included", len(p.Sessions), maxCourseSessions)
	}
	if len(p.Windows) > maxPlanWindows {
		return fmt.Errorf("it has %d windows: a plan has at most %d", len(p.Windows), maxPlanWindows)
	}
	if strings.TrimSpace(p.Treatment.ID) == "" || strings.TrimSpace(p.Treatment.Name) == "" {
		return errors.New("it names no treatment (treatment.id and treatment.name)")
	}
	if c := p.Cost; c != nil {
		for _, r := range []Range{c.PerSession, c.Total} {
			if r.Min < 0 || r.Min > r.Max {
				return fmt.Errorf("its cost range %d-%d is not 0 <= min <= max", r.Min, r.Max)
			}
		}
		if c.Sessions != len(p.Sessions) {
			return fmt.Errorf("its cost counts %d sessions, the plan has %d", c.Sessions, len(p.Sessions))
		}
	}
	inRange := func(what string, t time.Time) error {
		if y := t.Year(); y < firstSavedYear || y > lastSavedYear {
			return fmt.Errorf("%s is in the year %d: a plan lies between %d and %d", what, y, firstSavedYear, lastSavedYear)
		}
		return nil
	}
	for i, s := range p.Sessions {
		if err := inRange(fmt.Sprintf("session %d", i+1), s.Start); err != nil {
			return err
		}
		if err := inRange(fmt.Sprintf("the end of session %d", i+1), s.End); err != nil {
			return err
		}
		switch {
		case s.Revision < 0 || s.Revision > MaxRevision:
			return fmt.Errorf("session %d has revision %d: want 0 to %d", i+1, s.Revision, MaxRevision)
		case s.Number != i+1:
			return fmt.Errorf("session %d is listed as number %d", i+1, s.Number)
		case !s.End.After(s.Start):
			return fmt.Errorf("session %d ends (%s) before it starts (%s)", s.Number, s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
		case i > 0 && !s.Start.After(p.Sessions[i-1].Start):
			return fmt.Errorf("session %d (%s) is not after session %d", s.Number, s.Start.Format(time.RFC3339), s.Number-1)
		}
	}
	for i, w := range p.Windows {
		if err := inRange(fmt.Sprintf("window %d", i+1), w.Start); err != nil {
			return err
		}
		if err := inRange(fmt.Sprintf("the end of window %d", i+1), w.End); err != nil {
			return err
		}
		if w.Kind != Prep && w.Kind != Aftercare {
			return fmt.Errorf("window %d has kind %q, not prep or aftercare", i+1, w.Kind)
		}
		if !w.End.After(w.Start) {
			return fmt.Errorf("window %d (%s) ends before it starts", i+1, w.Rule)
		}
		if w.Revision < 0 || w.Revision > MaxRevision {
			return fmt.Errorf("window %d (%s) has revision %d: want 0 to %d", i+1, w.Rule, w.Revision, MaxRevision)
		}
		if len(w.Sessions) == 0 {
			return fmt.Errorf("window %d (%s) belongs to no session", i+1, w.Rule)
		}
		for _, n := range w.Sessions {
			if n < 1 || n > len(p.Sessions) {
				return fmt.Errorf("window %d (%s) belongs to session %d, which does not exist", i+1, w.Rule, n)
			}
		}
	}
	if m := p.Maintenance; m != nil && !m.Date.IsZero() && (m.Date.Year < firstSavedYear || m.Date.Year > lastSavedYear) {
		return fmt.Errorf("the maintenance date %s is outside the years %d to %d", m.Date, firstSavedYear, lastSavedYear)
	}
	if m := p.Maintenance; m != nil && (m.Revision < 0 || m.Revision > MaxRevision) {
		return fmt.Errorf("the maintenance has revision %d: want 0 to %d", m.Revision, MaxRevision)
	}
	return nil
}
