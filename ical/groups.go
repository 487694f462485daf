package ical

import (
	"bytes"
	"slices"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/locale"
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
	// early are the items of the next session's "before" event that
	// begin on days this "after" event holds, and next that event: a
	// patient looking at those days sees them here too.
	early []planner.Window
	next  *group
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
	e.nameEarlyItems(out)
	return out
}

// nameEarlyItems gives each "after" event the items of the next "before"
// event that begin before that event's first day of its own: when sessions
// are more than a preparation apart, the day to stop aspirin can fall on
// days the "after" event of the session before holds, and a calendar that
// drops reminders (Google, on import) would show it nowhere on that day.
func (e *encoder) nameEarlyItems(groups []*group) {
	var after *group // the last "after" event before the one looked at
	for _, g := range groups {
		if g.kind == planner.Aftercare {
			after = g
			continue
		}
		if after == nil || !g.allDay {
			continue // a timed event starts with its first item
		}
		for _, w := range g.items {
			if planner.DateOf(w.Start.In(e.loc)).Before(g.first) {
				after.early = append(after.early, w)
				after.next = g
			}
		}
	}
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
	title := e.tr.Sprintf(locale.BeforeTitle, what)
	if g.kind == planner.Aftercare {
		title = e.tr.Sprintf(locale.AfterTitle, what)
	}
	set(&ev.ComponentBase, ics.ComponentPropertySummary, e.patientPrefix()+title, nil)
	set(&ev.ComponentBase, ics.ComponentPropertyDescription, cleanText(e.groupDescription(g, what)), nil)
	add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Mesotherapy), nil)
	if g.kind == planner.Prep {
		add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Preparation), nil)
	} else {
		add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Aftercare), nil)
	}
	set(&ev.ComponentBase, ics.ComponentPropertyTransp, string(ics.TransparencyTransparent), nil)
	set(&ev.ComponentBase, ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE", nil)
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
		return e.tr.Sprintf(locale.MaintenanceTitle, name, s.Number-total)
	}
	return e.tr.Sprintf(locale.SessionName, name, s.Number)
}

// groupDescription lists a group's items: "From Mon 22 Mar 2027 10:30: no
// alcohol." then the reason, one item a paragraph.
func (e *encoder) groupDescription(g *group, what string) string {
	b := &e.text
	b.Reset()
	key := locale.BeforeYour
	if g.kind == planner.Aftercare {
		key = locale.AfterYour
	}
	e.say(b, key, locale.S(what), locale.S(e.when(g.session.Start)))
	for _, w := range g.items {
		b.WriteString("\n\n- ")
		e.itemLine(b, w)
		b.WriteString("\n  ")
		b.WriteString(oneLine(w.Text))
	}
	if g.kind == planner.Aftercare {
		e.stillInForce(b, g.session.Number+1, g.session.End)
	}
	if len(g.early) > 0 {
		next := e.sessionName(g.next.session, e.plan.CourseSessions())
		b.WriteString("\n\n")
		e.say(b, locale.PreparationBegins, locale.S(next), locale.S(e.tr.Sprintf(locale.BeforeTitle, next)))
		for _, w := range g.early {
			b.WriteString("\n- ")
			e.itemLine(b, w)
		}
	}
	return b.String()
}

// say writes message key to the text being written, in the calendar's
// language.
func (e *encoder) say(b *bytes.Buffer, key string, args ...locale.Arg) {
	b.Write(e.tr.Append(b.AvailableBuffer(), key, args...))
}

// itemLine writes one item of a checklist with its exact local start (a
// preparation item) or end (an aftercare item), and for an item that goes
// on across later sessions, until when.
func (e *encoder) itemLine(b *bytes.Buffer, w planner.Window) {
	what := locale.S(e.what(w.Summary))
	last := locale.N(w.Sessions[len(w.Sessions)-1])
	switch {
	case w.Kind == planner.Prep && w.Continues():
		e.say(b, locale.FromUntilSession, locale.S(e.when(w.Start)), last, locale.S(e.when(w.End)), what)
	case w.Kind == planner.Prep:
		e.say(b, locale.FromTime, locale.S(e.when(w.Start)), what)
	case w.Continues():
		e.say(b, locale.UntilAfterSession, locale.S(e.when(w.End)), last, what)
	default:
		e.say(b, locale.UntilTime, locale.S(e.when(w.End)), what)
	}
}

// itemAlarms adds one reminder at the start of each item of a "before"
// group: "From now until your session on Tue 16 Mar 10:00: no alcohol".
// Items that begin at the same moment share one.
func (e *encoder) itemAlarms(ev *ics.VEvent, g *group) {
	type part struct{ until, what string }
	type fire struct {
		at    time.Time
		parts []part
	}
	var fires []fire // in the order of the items
	for _, w := range g.items {
		until := e.tr.Sprintf(locale.UntilYourSession, e.dayTime(w.End))
		if w.Continues() {
			until = e.tr.Sprintf(locale.UntilSessionN, w.Sessions[len(w.Sessions)-1], e.dayTime(w.End))
		}
		what := e.what(w.Summary)
		i := slices.IndexFunc(fires, func(f fire) bool { return f.at.Unix() == w.Start.Unix() })
		if i < 0 {
			fires = append(fires, fire{at: w.Start})
			i = len(fires) - 1
		}
		ps := fires[i].parts
		if j := slices.IndexFunc(ps, func(p part) bool { return p.until == until }); j >= 0 {
			ps[j].what += "; " + what
		} else {
			ps = append(ps, part{until, what})
		}
		fires[i].parts = ps
	}
	for _, f := range fires {
		text := e.scratch[:0]
		for k, p := range f.parts {
			if k > 0 {
				text = append(text, ". "...)
			}
			text = e.tr.Append(text, locale.FromNowUntil, locale.S(p.until), locale.S(p.what))
		}
		e.scratch = text
		e.addAlarm(ev, g.start, f.at, string(text), !g.allDay, time.Time{})
	}
}

// revision is the revision of a group's event: the highest of its items'
// and, for an "after" event, of the restrictions still in force it names.
// Not its session's, which also rises when the session is recorded as held
// or the course changes length, neither of which the event shows; a
// session that moves moves every window around it, so their revisions
// rise.
func (e *encoder) groupRevision(g *group) int {
	n, r := g.session.Number, 0
	if g.kind == planner.Aftercare {
		r = max(e.stillRevision(n+1, g.session.End), e.nearRevision(n+1))
	}
	for _, w := range g.items {
		r = max(r, w.Revision)
	}
	for _, w := range g.early {
		r = max(r, w.Revision)
	}
	return r
}

// stillWindows are the restrictions begun for a session before n that
// still hold at instant at: said in full once, in the event of the session
// they began for, and named again where a patient might think them over
// (the session, the aftercare after it). Never an event's own items.
func (e *encoder) stillWindows(n int, at time.Time) []planner.Window {
	if e.spanning == nil {
		// Found once: a calendar asks four times a session, and few
		// windows go on across sessions.
		e.spanning = make([]planner.Window, 0, 4)
		for _, w := range e.plan.Windows {
			if w.Continues() {
				e.spanning = append(e.spanning, w)
			}
		}
	}
	var out []planner.Window
	for _, w := range e.spanning {
		if w.Sessions[0] < n && w.Start.Before(at) && w.End.After(at) {
			out = append(out, w)
		}
	}
	return out
}

// stillInForce names the stillWindows, one line each, with their end.
func (e *encoder) stillInForce(b *bytes.Buffer, n int, at time.Time) {
	for _, w := range e.stillWindows(n, at) {
		what := locale.S(e.what(w.Summary))
		b.WriteString("\n\n")
		if w.Kind == planner.Prep {
			e.say(b, locale.StillUntilSession, what, locale.N(w.Sessions[len(w.Sessions)-1]), locale.S(e.when(w.End)))
		} else {
			e.say(b, locale.StillUntil, what, locale.S(e.when(w.End)))
		}
	}
}

// nearRevision is the highest revision of the windows begun for a
// session before n that reach at least the session before it: those an
// event at session n could name as still in force. One that stops holding
// there (a merged stretch that splits) leaves such a line untrue with no
// window still in force to raise its SEQUENCE; the window it was part of
// changed, so its revision rose, and it is one of these.
func (e *encoder) nearRevision(n int) int {
	r := 0
	for _, w := range e.plan.Windows {
		if len(w.Sessions) > 0 && w.Sessions[0] < n && w.Sessions[len(w.Sessions)-1] >= n-1 {
			r = max(r, w.Revision)
		}
	}
	return r
}

// stillRevision is the highest revision of the stillWindows: an event that
// names them changes when they do.
func (e *encoder) stillRevision(n int, at time.Time) int {
	r := 0
	for _, w := range e.stillWindows(n, at) {
		r = max(r, w.Revision)
	}
	return r
}

// groupPointers tells, in a session's description, when its preparation
// begins and its aftercare ends, and which events hold them, and what
// begun before still holds.
func (e *encoder) groupPointers(b *bytes.Buffer, s planner.Session, total int) {
	e.stillInForce(b, s.Number, s.Start)
	what := e.sessionName(s, total)
	for _, g := range e.layout {
		if g.session.Number != s.Number {
			continue
		}
		b.WriteString("\n\n")
		if g.kind == planner.Prep {
			e.say(b, locale.PreparationPointer, locale.S(e.when(g.start)), locale.S(e.tr.Sprintf(locale.BeforeTitle, what)))
		} else {
			e.say(b, locale.AftercarePointer, locale.S(e.when(g.end)), locale.S(e.tr.Sprintf(locale.AfterTitle, what)))
		}
	}
}
