package ical

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/planner"
)

// A grouped calendar (Options.Detail false) gives each session at most
// three events: the session, "Before session N" gathering the preparation
// that begins for it, and "After session N" gathering the aftercare that
// begins after it (see [planner.Plan.Checklists]). No local date holds more
// than one all-day event: the maintenance recall keeps its date, each
// "after" event the days from its session on (aftercare is in force at
// once and has no reminder), each "before" event the free days closest to
// its session (each of its items also has a reminder when it begins); an
// event left with no day of its own is a timed event over exactly its
// items.

// group is one "before" or "after" event of a grouped calendar.
type group struct {
	kind    planner.RuleKind
	session planner.Session
	items   []planner.Window
	// start and end are the exact extent: from the first item's start to
	// the session (before), or from the session to the last item's end
	// (after).
	start, end time.Time
	// allDay is set when the event is written as the local dates first to
	// last, inclusive.
	allDay      bool
	first, last planner.Date
}

// groups lays out the "before" and "after" events of every checklist, in
// session order, each "before" ahead of its session's "after".
func (e *encoder) groups() []*group {
	var out []*group
	for _, c := range e.plan.Checklists() {
		day := planner.DateOf(c.Session.Start.In(e.loc))
		if len(c.Before) > 0 {
			first, _ := planner.Extent(c.Before)
			g := &group{kind: planner.Prep, session: c.Session, items: c.Before, start: first, end: c.Session.Start}
			g.first, g.last = planner.DateOf(first.In(e.loc)), day.AddDays(-1)
			g.allDay = !g.last.Before(g.first)
			out = append(out, g)
		}
		if len(c.After) > 0 {
			_, last := planner.Extent(c.After)
			g := &group{kind: planner.Aftercare, session: c.Session, items: c.After, start: c.Session.End, end: last}
			g.first, g.last = planner.DateOf(c.Session.End.In(e.loc)), planner.DateOf(last.In(e.loc).Add(-time.Nanosecond))
			g.allDay = g.first.Before(g.last)
			out = append(out, g)
		}
	}
	e.claimDays(out)
	return out
}

// claimDays gives every local date to at most one all-day event: the
// recall first, then the "after" events, each from its session's day
// forwards, then the "before" events, each from the day before its
// session backwards. An event keeps the run of free days next to its session; one
// left with none becomes timed.
func (e *encoder) claimDays(groups []*group) {
	taken := map[planner.Date]bool{}
	if m := e.plan.Maintenance; m != nil && !m.Date.IsZero() {
		taken[m.Date] = true
	}
	for _, kind := range []planner.RuleKind{planner.Aftercare, planner.Prep} {
		for _, g := range groups {
			if g.kind != kind || !g.allDay {
				continue
			}
			near, far, step := g.last, g.first, -1 // before: from the session backwards
			if kind == planner.Aftercare {
				near, far, step = g.first, g.last, 1
			}
			if taken[near] {
				g.allDay = false
				continue
			}
			end := near
			for {
				taken[end] = true
				next := end.AddDays(step)
				if end == far || taken[next] {
					break
				}
				end = next
			}
			if step < 0 {
				g.first = end
			} else {
				g.last = end
			}
		}
	}
}

// groupEvent is the transparent event of a "before" or "after" group:
// every item with its exact local start or end, in the order the patient
// meets them, and for a "before" event a reminder when each item begins.
func (e *encoder) groupEvent(g *group, total int) *ics.VEvent {
	n := g.session.Number
	rel := "before"
	if g.kind == planner.Aftercare {
		rel = "after"
	}
	ev := e.newEvent(e.uid(rel, strconv.Itoa(n)))
	if g.allDay {
		e.setDate(ev, ics.ComponentPropertyDtStart, g.first)
		e.setDate(ev, ics.ComponentPropertyDtEnd, g.last.AddDays(1))
	} else {
		e.setTimes(ev, g.start, g.end)
	}
	what := e.sessionName(g.session, total)
	title := "Before " + what
	if g.kind == planner.Aftercare {
		title = "After " + what
	}
	ev.SetSummary(e.patientPrefix() + title)
	ev.SetDescription(cleanText(e.groupDescription(g, what)))
	ev.AddCategory("Mesotherapy")
	if g.kind == planner.Prep {
		ev.AddCategory("Preparation")
	} else {
		ev.AddCategory("Aftercare")
	}
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	ev.SetProperty(ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE")
	if g.kind == planner.Prep && e.opts.PrepReminders {
		e.itemAlarms(ev, g)
	}
	return ev
}

// sessionName is how a patient names session s: "Mesolifting session 2",
// or "Mesolifting maintenance session 1" after the course's total
// sessions.
func (e *encoder) sessionName(s planner.Session, total int) string {
	name := oneLine(e.plan.Treatment.Title())
	if s.Maintenance {
		return fmt.Sprintf("%s maintenance session %d", name, s.Number-total)
	}
	return fmt.Sprintf("%s session %d", name, s.Number)
}

// groupDescription lists a group's items: "From Mon 22 Mar 2027 10:30: no
// alcohol." then the reason, one item a paragraph.
func (e *encoder) groupDescription(g *group, what string) string {
	var b strings.Builder
	at := g.session.Start.In(e.loc).Format(humanTime)
	if g.kind == planner.Prep {
		fmt.Fprintf(&b, "Before your %s on %s:", what, at)
	} else {
		fmt.Fprintf(&b, "After your %s on %s:", what, at)
	}
	for _, w := range g.items {
		b.WriteString("\n\n- " + e.itemLine(w) + "\n  " + oneLine(w.Text))
	}
	return b.String()
}

// itemLine is one item of a checklist with its exact local start (a
// preparation item) or end (an aftercare item), and for an item that goes
// on across later sessions, until when.
func (e *encoder) itemLine(w planner.Window) string {
	what := lowerFirst(oneLine(w.Summary))
	if w.Kind == planner.Prep {
		from := w.Start.In(e.loc).Format(humanTime)
		if w.Continues() {
			last := w.Sessions[len(w.Sessions)-1]
			return fmt.Sprintf("From %s until session %d on %s: %s.", from, last, w.End.In(e.loc).Format(humanTime), what)
		}
		return fmt.Sprintf("From %s: %s.", from, what)
	}
	until := w.End.In(e.loc).Format(humanTime)
	if w.Continues() {
		return fmt.Sprintf("Until %s (after session %d): %s.", until, w.Sessions[len(w.Sessions)-1], what)
	}
	return fmt.Sprintf("Until %s: %s.", until, what)
}

// itemAlarms adds one reminder at the start of each item of a "before"
// group: "From now until your session on Tue 16 Mar 10:00: no alcohol".
// Items that begin at the same moment share one.
func (e *encoder) itemAlarms(ev *ics.VEvent, g *group) {
	type part struct{ until, what string }
	var fires []time.Time
	parts := map[int64][]part{}
	for _, w := range g.items {
		key := w.Start.Unix()
		if _, ok := parts[key]; !ok {
			fires = append(fires, w.Start)
		}
		until := "your session on " + w.End.In(e.loc).Format(alarmTime)
		if w.Continues() {
			until = fmt.Sprintf("session %d on %s", w.Sessions[len(w.Sessions)-1], w.End.In(e.loc).Format(alarmTime))
		}
		what := lowerFirst(oneLine(w.Summary))
		ps := parts[key]
		if i := slices.IndexFunc(ps, func(p part) bool { return p.until == until }); i >= 0 {
			ps[i].what += "; " + what
		} else {
			ps = append(ps, part{until, what})
		}
		parts[key] = ps
	}
	for _, f := range fires {
		var texts []string
		for _, p := range parts[f.Unix()] {
			texts = append(texts, fmt.Sprintf("From now until %s: %s", p.until, p.what))
		}
		e.addAlarm(ev, g.start, f, strings.Join(texts, ". "), !g.allDay)
	}
}

// alarmTime is how a time is written in a reminder.
const alarmTime = "Mon 2 Jan 15:04"

// revision is the revision of a group's event: the highest of its items'.
// Not its session's, which also rises when the session is recorded as held
// or the course changes length, neither of which the event shows; a
// session that moves moves every window around it, so their revisions
// rise.
func (g *group) revision() int {
	r := 0
	for _, w := range g.items {
		r = max(r, w.Revision)
	}
	return r
}

// groupPointers tells, in a session's description, when its preparation
// begins and its aftercare ends, and which events hold them.
func (e *encoder) groupPointers(b *strings.Builder, s planner.Session, total int) {
	what := e.sessionName(s, total)
	for _, g := range e.layout {
		if g.session.Number != s.Number {
			continue
		}
		if g.kind == planner.Prep {
			fmt.Fprintf(b, "\n\nPreparation from %s: see \"Before %s\".", g.start.In(e.loc).Format(humanTime), what)
		} else {
			fmt.Fprintf(b, "\n\nAftercare until %s: see \"After %s\".", g.end.In(e.loc).Format(humanTime), what)
		}
	}
}
