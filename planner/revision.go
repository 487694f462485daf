package planner

import "slices"

// MaxRevision bounds a revision: one rise per reschedule, far more than
// any course sees. A saved plan with a larger one is refused.
const MaxRevision = 1_000_000

// carryRevisions gives every session, window and the maintenance of next,
// the plan that replaces old, the revision of its counterpart in old,
// raised by one when it changed. A calendar export writes each revision
// as the least SEQUENCE of the item's event, so that a re-import updates
// the event even when the previous export's state was not kept.
//
// Counterparts are what an export gives the same UID: the session with
// the same number (after a dropped session, session N is the old session
// N+1, a change for the event of session N), the window of the same kind
// and rule that starts with the same session, the maintenance. An item
// with no counterpart is new to the calendar and keeps revision 0.
func carryRevisions(old, next *Plan) {
	courseChanged := old.CourseSessions() != next.CourseSessions()
	oldSessions := map[int]Session{}
	for _, s := range old.Sessions {
		oldSessions[s.Number] = s
	}
	for i, s := range next.Sessions {
		if o, ok := oldSessions[s.Number]; ok {
			next.Sessions[i].Revision = revised(o.Revision, sessionChanged(o, s, courseChanged))
		}
	}
	oldWindows := map[windowKey]Window{}
	for _, w := range old.Windows {
		if _, dup := oldWindows[keyOf(w)]; !dup {
			oldWindows[keyOf(w)] = w
		}
	}
	for i, w := range next.Windows {
		if o, ok := oldWindows[keyOf(w)]; ok {
			next.Windows[i].Revision = revised(o.Revision, windowChanged(o, w))
		}
	}
	if o, m := old.Maintenance, next.Maintenance; o != nil && m != nil {
		m.Revision = revised(o.Revision, o.Kind != m.Kind || o.Text != m.Text || o.Sessions != m.Sessions || o.After != m.After || o.Date != m.Date)
	}
}

// sessionChanged reports whether what the plan says of session s differs
// from old, the session with its number before: its instants, whether it
// was held, its phase or kind, the days since the one before it, or, for
// a course session ("session 2 of 6"), the length of the course.
func sessionChanged(old, s Session, courseChanged bool) bool {
	// Held is left out: recording a session as held does not change its
	// event, and SEQUENCE rises only when an event changes.
	return !old.Start.Equal(s.Start) || !old.End.Equal(s.End) ||
		old.Phase != s.Phase || old.Maintenance != s.Maintenance || old.DaysSincePrevious != s.DaysSincePrevious ||
		(courseChanged && !s.Maintenance)
}

// windowChanged reports whether window w differs from old, its
// counterpart before: its instants, the sessions it covers, its words.
func windowChanged(old, w Window) bool {
	return !old.Start.Equal(w.Start) || !old.End.Equal(w.End) || !slices.Equal(old.Sessions, w.Sessions) ||
		old.Summary != w.Summary || old.Text != w.Text
}

// windowKey identifies a window across reschedules, as its event's UID
// does: its kind, its rule and the first session it belongs to.
type windowKey struct {
	kind  RuleKind
	rule  string
	first int
}

func keyOf(w Window) windowKey {
	k := windowKey{kind: w.Kind, rule: w.Rule}
	if len(w.Sessions) > 0 {
		k.first = w.Sessions[0]
	}
	return k
}

// revised is revision r, raised by one when changed, up to MaxRevision.
func revised(r int, changed bool) int {
	if changed {
		r++
	}
	return min(r, MaxRevision)
}
