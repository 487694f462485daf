package ical

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/planner"
)

// DefaultSessionReminders are the session alarms when none are chosen: one
// day before (time to prepare) and two hours before.
func DefaultSessionReminders() []planner.Span {
	return []planner.Span{{N: 24, Unit: planner.Hours}, {N: 2, Unit: planner.Hours}}
}

// addAlarm adds a DISPLAY alarm (RFC 5545 section 3.6.6) that fires at
// fire, moved out of the quiet hours. A timed event gets a TRIGGER (section
// 3.8.6.3) relative to its start (anchor); an all-day event, whose start is
// a floating date, gets an absolute UTC trigger.
//
// A session reminder (latest set) due in the quiet hours fires when they
// end instead, if that is still an hour before latest (the session):
// 07:00 for an 08:00 session's two-hour reminder rather than 22:00 the
// night before. Other reminders never fire after they are due: a
// restriction begins then.
func (e *encoder) addAlarm(ev *ics.VEvent, anchor, fire time.Time, text string, relative bool, latest time.Time) {
	fire = e.opts.Quiet.move(fire.In(e.loc), latest)
	a := &ics.VAlarm{ComponentBase: ics.ComponentBase{Properties: make([]ics.IANAProperty, 0, 3)}}
	ev.Components = append(ev.Components, a)
	add(&a.ComponentBase, ics.ComponentPropertyAction, string(ics.ActionDisplay), nil)
	if relative {
		add(&a.ComponentBase, ics.ComponentPropertyTrigger, triggerDuration(anchor.Sub(fire)), nil)
	} else {
		add(&a.ComponentBase, ics.ComponentPropertyTrigger, fire.UTC().Format("20060102T150405Z"), e.params.dateTime)
	}
	add(&a.ComponentBase, ics.ComponentPropertyDescription, oneLine(text), nil)
}

// triggerDuration writes "how long before the start" as an exact
// RFC 5545 DURATION (section 3.3.6) in hours, minutes and seconds: "-P1D"
// would be a nominal day, which moves across a daylight-saving change.
func triggerDuration(before time.Duration) string {
	sign := "-"
	if before < 0 {
		sign, before = "", -before
	}
	if before == 0 {
		return "PT0S"
	}
	secs := int64(before / time.Second)
	h, m, s := secs/3600, secs/60%60, secs%60
	var b strings.Builder
	b.WriteString(sign + "PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if s > 0 {
		fmt.Fprintf(&b, "%dS", s)
	}
	return b.String()
}

// QuietHours is a nightly span in which no alarm fires: an alarm due after
// Start and before End fires at Start instead (22:00 the evening before,
// for the default 22:00-07:00), or a session reminder at End when that is
// still an hour before the session. Start == End disables them.
type QuietHours struct {
	Start, End planner.Clock
}

// move is adjust, but moves an instant in the quiet hours to their end
// when that is no later than an hour before latest (a zero latest: never).
func (q QuietHours) move(t, latest time.Time) time.Time {
	before := q.adjust(t)
	if latest.IsZero() || before.Equal(t) {
		return before
	}
	// The quiet hours t falls in end on the day after the evening they
	// began (before), or on that day for a span within one day.
	day := planner.DateOf(before)
	if q.End.Hour*60+q.End.Minute <= q.Start.Hour*60+q.Start.Minute { // across midnight
		day = day.AddDays(1)
	}
	end, err := planner.At(day, q.End, t.Location())
	if err != nil || end.After(latest.Add(-time.Hour)) || end.Before(t) {
		return before
	}
	return end
}

// adjust moves an instant that falls in the quiet hours to the start of
// the quiet hours just before it (the end of the previous waking period).
func (q QuietHours) adjust(t time.Time) time.Time {
	if q.Start == q.End {
		return t
	}
	c := planner.Clock{Hour: t.Hour(), Minute: t.Minute()}
	after := func(a, b planner.Clock) bool { return a.Hour*60+a.Minute > b.Hour*60+b.Minute }
	day := planner.DateOf(t)
	var quiet bool
	if after(q.End, q.Start) { // a span within one day, e.g. 13:00-15:00
		quiet = (after(c, q.Start) || (c == q.Start && t.Second() > 0)) && after(q.End, c)
	} else { // across midnight, e.g. 22:00-07:00
		switch {
		case after(c, q.Start) || (c == q.Start && t.Second() > 0):
			quiet = true
		case after(q.End, c):
			quiet, day = true, day.AddDays(-1)
		}
	}
	if !quiet {
		return t
	}
	moved, err := planner.At(day, q.Start, t.Location())
	if err != nil { // Start skipped by a clock change that night
		return lastMinuteBefore(day, q.Start, t.Location())
	}
	return moved
}

// lastMinuteBefore returns the last whole minute on day whose wall clock
// is before c, for a c the clocks skip that day (02:30 on the night they
// spring forward from 02:00 to 03:00): 01:59, the last waking minute
// before quiet hours that begin inside the gap.
func lastMinuteBefore(day planner.Date, c planner.Clock, loc *time.Location) time.Time {
	// time.Date puts a skipped wall time after the gap; walk back to it.
	t := time.Date(day.Year, day.Month, day.Day, c.Hour, c.Minute, 0, 0, loc)
	for range 24 * 60 {
		t = t.Add(-time.Minute)
		if planner.DateOf(t) != day || t.Hour()*60+t.Minute() < c.Hour*60+c.Minute {
			return t
		}
	}
	return t
}
