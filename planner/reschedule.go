package planner

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ChangeKind says what happened to a session of a course under way.
type ChangeKind int

// The changes a course under way can take.
const (
	// ChangeMove puts a session on another date; the later sessions follow
	// from it.
	ChangeMove ChangeKind = iota + 1
	// ChangeMissed says a session did not take place: it is placed again
	// from the first allowed slot after it and after now (or dropped).
	ChangeMissed
	// ChangeDone records a session as held, on its date or another.
	ChangeDone
)

// Change is one change to a course under way.
type Change struct {
	Kind    ChangeKind
	Session int // the session's number, 1 to the plan's count
	// To is the new date of a moved session.
	To Date
	// On is the date a done session was held; the zero Date means as
	// planned.
	On Date
	// Force books a moved session on a date the constraints refuse or
	// outside its phase's interval, with a warning for the interval.
	Force bool
	// Drop leaves a missed session out of the course instead of placing it
	// again.
	Drop bool
}

// SessionNumberError reports a session number the plan does not have.
type SessionNumberError struct {
	N, Count int
}

func (e *SessionNumberError) Error() string {
	return fmt.Sprintf("the plan has sessions 1 to %d", e.Count)
}

// HeldSessionError reports a change to a session recorded as held: held
// sessions never move. LastHeld is the last held session.
type HeldSessionError struct {
	N, LastHeld int
}

func (e *HeldSessionError) Error() string {
	return fmt.Sprintf("session %d was held; a held session is never moved", e.N)
}

// Reschedule applies ch to old, the plan req made, and plans the rest of
// the course again by the usual placement rule. req is the request that
// made old, with Today set to now.
//
// Held sessions never move and the course is never restarted: the sessions
// before the change keep their instants, and the ones after it follow from
// the changed one, shifted rather than squeezed below their interval. No
// session is placed at an instant before now. A move outside the phase's
// interval, or onto a date the constraints refuse, needs Force; a forced
// interval leaves a warning in the plan.
//
// Each session, window and maintenance of the new plan carries the
// revision of its counterpart in old, raised by one if it changed, so that
// an export can raise its SEQUENCE; see carryRevisions.
func Reschedule(cat *Catalog, req Request, old *Plan, ch Change) (*Plan, error) {
	if req.Location == nil {
		return nil, &InputError{Msg: "no time zone given"}
	}
	n := len(old.Sessions)
	if ch.Session < 1 || ch.Session > n {
		return nil, &SessionNumberError{N: ch.Session, Count: n}
	}
	lastHeld := lastHeldSession(old)
	if ch.Kind != ChangeDone && ch.Session <= lastHeld {
		return nil, &HeldSessionError{N: ch.Session, LastHeld: lastHeld}
	}
	req.Sessions = old.CourseSessions()
	req.Shape = ShapeOf(old)
	if err := cat.checkInputs(req); err != nil {
		return nil, &PlanInputError{Err: err}
	}
	req.AllowPast = true
	earliest := firstBookable(req)
	switch ch.Kind {
	case ChangeMove:
		if !earliest.IsZero() && ch.To.Before(earliest) {
			return nil, &NextDateError{Session: ch.Session, Date: ch.To, Reason: "that is before now"}
		}
		req.Keep = keptSessions(old, ch.Session-1)
		req.Next = &Next{Date: ch.To, Force: ch.Force}
		req.NotBefore = earliest
	case ChangeMissed:
		req.Keep = keptSessions(old, ch.Session-1)
		missed := DateOf(old.Sessions[ch.Session-1].Start.In(req.Location))
		how := "was missed on"
		if !req.Today.IsZero() && DateOf(req.Today.In(req.Location)).Before(missed) {
			// A day still to come: the patient called it off. Said so,
			// where a mistyped session number would otherwise move the
			// course without a word.
			how = "was called off for"
			req.Notes = append(slices.Clip(req.Notes), Finding{Code: "called-off", Subject: fmt.Sprintf("session-%d", ch.Session),
				Message: fmt.Sprintf("session %d, on %s, is a day still to come: taken as called off", ch.Session, old.Sessions[ch.Session-1].Start.In(req.Location).Format("Mon 2006-01-02"))})
		}
		req.NotBefore = laterDate(earliest, missed.AddDays(1))
		if req.NotBefore == missed.AddDays(1) {
			req.NotBeforeReason = fmt.Sprintf("session %d %s %s", ch.Session, how, missed)
		}
		if ch.Drop {
			req.Shape = dropSession(req.Shape, ch.Session)
			req.Sessions = 0
			for _, r := range req.Shape {
				if !r.Maintenance {
					req.Sessions += r.Sessions
				}
			}
			if req.Sessions == 0 {
				// Zero sessions would mean the treatment's default length:
				// the drop would be ignored without a word.
				return nil, &ChangeError{Err: &InputError{Value: strconv.Itoa(ch.Session),
					Msg: fmt.Sprintf("session %d is the only session of the course: dropping it leaves none", ch.Session)}}
			}
		}
	case ChangeDone:
		if err := recordDone(&req, old, ch, lastHeld, earliest); err != nil {
			return nil, &ChangeError{Err: err}
		}
	default:
		return nil, &InputError{Msg: fmt.Sprintf("unknown change %d", ch.Kind)}
	}
	req.Booked = bookedAfter(old, ch, len(req.Keep)+btoi(req.Next != nil))
	p, err := Make(cat, req)
	var years *YearsError
	if errors.As(err, &years) {
		// The saved plan lay within the years: the change took it out.
		return nil, &ChangeError{Err: err}
	}
	if err != nil {
		return nil, err
	}
	carryRevisions(old, p)
	p.Warnings = append(p.Warnings, carryBooked(old, p, ch)...)
	p.Warnings = append(carriedFindings(old, p, len(req.Keep)), p.Warnings...)
	return p, nil
}

// carriedFindings are the findings of old that still hold for the kept
// sessions, the first kept of old's sessions: why each was moved, and
// that the preparation for session 1 began too late. Planning again from
// the first changed session does not find them again, and a reschedule
// must not make a practitioner think them gone.
func carriedFindings(old, p *Plan, kept int) []Finding {
	var out []Finding
	for _, f := range old.Warnings {
		switch {
		case f.Code == "too-late-start" && kept > 0:
		case f.Code == "moved" && sessionSubject(f.Subject) >= 1 && sessionSubject(f.Subject) <= kept:
		default:
			continue
		}
		if !slices.Contains(p.Warnings, f) {
			out = append(out, f)
		}
	}
	return out
}

// sessionSubject is N of a finding's subject "session-N", or 0.
func sessionSubject(subject string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(subject, "session-"))
	if err != nil || !strings.HasPrefix(subject, "session-") {
		return 0
	}
	return n
}

// bookedAfter are the dates of old's sessions booked by hand that are
// placed again (after the first placed ones), by their number in the new
// plan: one less after a dropped session. A missed session's own date is
// among them, and refused there as before the first day allowed.
func bookedAfter(old *Plan, ch Change, placed int) map[int]Date {
	booked := map[int]Date{}
	for _, s := range old.Sessions {
		n := ch.Renumbered(s.Number)
		if s.Booked && !s.Held && n > placed {
			booked[n] = DateOf(s.Start)
		}
	}
	return booked
}

// Renumbered is the number session n of the plan before the change has
// after it: one less past a session dropped. The dropped session itself
// keeps its number, though it is no longer in the plan.
func (ch Change) Renumbered(n int) int {
	if ch.Kind == ChangeMissed && ch.Drop && n > ch.Session {
		return n - 1
	}
	return n
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// carryBooked warns of each session after the changed one that had been
// booked by hand and is elsewhere now (placement keeps a booked date that
// still fits): a date agreed with the patient has changed, and the patient
// must be told.
func carryBooked(old, p *Plan, ch Change) []Finding {
	var out []Finding
	for _, s := range old.Sessions[min(ch.Session, len(old.Sessions)):] {
		n := ch.Renumbered(s.Number)
		if !s.Booked || n > len(p.Sessions) {
			continue
		}
		now := p.Sessions[n-1].Start
		if now.Equal(s.Start) {
			continue
		}
		renumbered := ""
		if n != s.Number {
			renumbered = fmt.Sprintf(" (now session %d)", n)
		}
		out = append(out, Finding{Code: "booked-moved", Subject: fmt.Sprintf("session-%d", n),
			Message: fmt.Sprintf("session %d%s had been booked by hand for %s, which no longer fits after the change to session %d; it is now on %s: tell the patient",
				s.Number, renumbered, s.Start.Format("Mon 2006-01-02"), ch.Session, now.In(s.Start.Location()).Format("Mon 2006-01-02"))})
	}
	return out
}

// dropSession returns shape with session n (1-based) taken out of its
// own run; a run left empty is removed.
func dropSession(shape []PhaseRun, n int) []PhaseRun {
	out := slices.Clone(shape)
	for i := range out {
		if n <= out[i].Sessions {
			out[i].Sessions--
			if out[i].Sessions == 0 {
				out = slices.Delete(out, i, i+1)
			}
			return out
		}
		n -= out[i].Sessions
	}
	return out
}

// recordDone sets req for a session held as planned (nothing moves) or on
// another date (the sessions after it follow from that date).
func recordDone(req *Request, old *Plan, ch Change, lastHeld int, earliest Date) error {
	planned := old.Sessions[ch.Session-1].Start
	heldOn := ch.On
	if heldOn.IsZero() {
		heldOn = DateOf(planned)
	}
	if !req.Today.IsZero() {
		if today := DateOf(req.Today.In(req.Location)); today.Before(heldOn) {
			return &InputError{Value: heldOn.String(), Msg: fmt.Sprintf("%s is after today (%s): a session cannot have been held then", heldOn, today)}
		}
	}
	if heldOn == DateOf(planned) {
		req.Keep = keptSessions(old, len(old.Sessions))
		req.Keep[ch.Session-1].Held = true
		return nil
	}
	if lastHeld > ch.Session {
		return &InputError{Value: ch.On.String(),
			Msg: fmt.Sprintf("session %d after it is already held; its date cannot move the sessions after it", lastHeld)}
	}
	if ch.Session > 1 {
		if prev := DateOf(old.Sessions[ch.Session-2].Start); !prev.Before(ch.On) {
			return &InputError{Value: ch.On.String(), Msg: fmt.Sprintf("session %d was on %s", ch.Session-1, prev)}
		}
	}
	held := time.Date(ch.On.Year, ch.On.Month, ch.On.Day, planned.Hour(), planned.Minute(), 0, 0, planned.Location())
	req.Keep = keptSessions(old, ch.Session)
	req.Keep[ch.Session-1] = Kept{Start: held, Held: true}
	req.NotBefore = laterDate(earliest, ch.On.AddDays(1))
	if req.NotBefore == ch.On.AddDays(1) {
		req.NotBeforeReason = fmt.Sprintf("session %d was held on %s", ch.Session, ch.On)
	}
	return nil
}

// firstBookable is the first date a session at the request's time can
// still take: today while that time is ahead, else tomorrow. It is the
// zero Date when the request has no "today".
func firstBookable(req Request) Date {
	if req.Today.IsZero() {
		return Date{}
	}
	now := req.Today.In(req.Location)
	today := DateOf(now)
	if at, err := At(today, req.Time, req.Location); err != nil || !at.After(now) {
		return today.AddDays(1)
	}
	return today
}

// keptSessions are the first n sessions of p, which stay where they are.
func keptSessions(p *Plan, n int) []Kept {
	kept := make([]Kept, n)
	for i, s := range p.Sessions[:n] {
		kept[i] = Kept{Start: s.Start, Held: s.Held, Booked: s.Booked, Moved: s.Moved}
	}
	return kept
}

func lastHeldSession(p *Plan) int {
	last := 0
	for _, s := range p.Sessions {
		if s.Held {
			last = s.Number
		}
	}
	return last
}

func laterDate(a, b Date) Date {
	if a.Before(b) {
		return b
	}
	return a
}

// SessionState says where a session stands at an instant.
type SessionState string

// The states of a session.
const (
	// StateHeld: recorded as having taken place.
	StateHeld SessionState = "held"
	// StateOverdue: its time has passed and it is not recorded as held.
	StateOverdue SessionState = "overdue"
	// StateNext: the first session still to come.
	StateNext SessionState = "next"
	// StatePlanned: a later session still to come.
	StatePlanned SessionState = "planned"
)

// Status says where each session of p stands at now, in session order.
func (p *Plan) Status(now time.Time) []SessionState {
	states := make([]SessionState, len(p.Sessions))
	next := false
	for i, s := range p.Sessions {
		switch {
		case s.Held:
			states[i] = StateHeld
		case s.Start.Before(now):
			states[i] = StateOverdue
		case !next:
			states[i], next = StateNext, true
		default:
			states[i] = StatePlanned
		}
	}
	return states
}
