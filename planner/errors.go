package planner

import (
	"fmt"
	"strings"
	"time"
)

// InputError reports a request the planner cannot honour because a value in
// it is wrong: an unknown treatment, a session count out of range, a time
// skipped by daylight saving. The command line reports it as a usage error.
type InputError struct {
	Value string // the offending value, as given
	Msg   string // one line naming the value and what is accepted
	Hint  string // optional: what to do instead, e.g. a suggestion
}

func (e *InputError) Error() string { return e.Msg }

// ChangeError reports a change to a saved plan that cannot be made as
// given: a session recorded as held on a day after today or before the
// session before it, or a session moved so far that the course would leave
// the years a plan may hold. The fault is in the change, not in the plan's
// inputs.
type ChangeError struct {
	Err error // an [*InputError] or a [*YearsError]
}

func (e *ChangeError) Error() string { return e.Err.Error() }

// Unwrap returns the error that says what is wrong.
func (e *ChangeError) Unwrap() error { return e.Err }

// PlanInputError reports a value among the inputs of a plan being
// changed that cannot be planned with: a treatment, condition or language
// the catalog does not have, the phase of a session its treatment has not,
// a start outside the years a plan may hold. The plan's inputs come from a saved
// plan, so the fault is in that file (edited, or made with another
// catalog), not in the change.
type PlanInputError struct {
	Err error // an [*InputError]
}

func (e *PlanInputError) Error() string { return e.Err.Error() }

// Unwrap returns the error that says what is wrong.
func (e *PlanInputError) Unwrap() error { return e.Err }

// YearsError reports a course that would run past the last year a plan
// may hold (a long course, or a session moved far by force).
type YearsError struct {
	Year int // the year the course would reach
}

func (e *YearsError) Error() string {
	return fmt.Sprintf("the course would run into the year %d: a plan lies between %d and %d", e.Year, firstSavedYear, lastSavedYear)
}

// RefusedError reports a plan refused by screening: the patient has an
// absolute contraindication, or a relative one under strict screening.
type RefusedError struct {
	Reasons []Finding
	// Strict is set when some reasons are relative contraindications,
	// refused only because screening was strict.
	Strict bool
}

func (e *RefusedError) Error() string {
	parts := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		parts[i] = r.Message
	}
	return "plan refused: " + strings.Join(parts, "; ")
}

// The errors below report a request the planner cannot honour, each with
// the values at fault. They name no flag or option: the caller knows how
// the value was given and what to suggest.

// PastStartError reports a start date before today in the plan's zone.
type PastStartError struct {
	Start, Today Date
	Zone         string
}

func (e *PastStartError) Error() string {
	return fmt.Sprintf("start date %s is in the past (today is %s in %s)", e.Start, e.Today, e.Zone)
}

// PassedSessionError reports a first session whose time has already
// passed: it is today, but earlier than now.
type PassedSessionError struct {
	Start time.Time
}

func (e *PassedSessionError) Error() string {
	return fmt.Sprintf("session 1 on %s has already passed", e.Start.Format("Mon 2006-01-02 15:04 MST"))
}

// ClockGapError reports a session time that does not exist on a date: the
// clocks skip it for daylight saving time.
type ClockGapError struct {
	Date  Date
	Clock Clock
	Zone  string
}

func (e *ClockGapError) Error() string {
	return fmt.Sprintf("%s %s does not exist in %s: the clocks skip it for daylight saving time", e.Date, e.Clock, e.Zone)
}

// SessionsError reports a course length the treatment does not allow.
type SessionsError struct {
	N         int
	Treatment string
	Min, Max  int
}

func (e *SessionsError) Error() string {
	return fmt.Sprintf("%d sessions is out of range: a %s course takes %d to %d sessions", e.N, e.Treatment, e.Min, e.Max)
}

// NextDateError reports a date chosen for a session (a reschedule) that it
// cannot take. Forcible says the date is only refused by a constraint (the
// clinic is closed, the patient away), which the caller may override.
type NextDateError struct {
	Session  int
	Date     Date
	Reason   string
	Forcible bool
}

func (e *NextDateError) Error() string {
	return fmt.Sprintf("session %d cannot go on %s: %s", e.Session, e.Date, e.Reason)
}

// ClockRepeatError reports a session at a wall-clock time that occurs
// twice, in the hour repeated when the clocks go back: written as local
// time most calendar apps take the second occurrence, written as UTC those
// that convert to the calendar's zone do, so no form means one instant to
// every app. The planner refuses it rather than let plan and export differ.
type ClockRepeatError struct {
	Session int
	Start   time.Time // the first of the two instants
}

func (e *ClockRepeatError) Error() string {
	return fmt.Sprintf("session %d on %s at %s falls in the hour that occurs twice when the clocks go back in %s; calendar apps disagree on which of the two it is",
		e.Session, e.Start.Format("Mon 2006-01-02"), e.Start.Format("15:04"), e.Start.Location())
}
