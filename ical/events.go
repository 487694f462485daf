package ical

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/planner"
)

// sessionEvent is the timed, opaque event (RFC 5545 sections 3.6.1 and
// 3.8.2.7) of session s, with its reminders; total is the number of course
// sessions, after which maintenance sessions are numbered.
func (e *encoder) sessionEvent(s planner.Session, total int) *ics.VEvent {
	p := e.plan
	ev := e.newEvent(e.uid("session", strconv.Itoa(s.Number)))
	e.setTimes(ev, s.Start, s.End)
	what := fmt.Sprintf("session %d of %d", s.Number, total)
	if s.Maintenance {
		what = fmt.Sprintf("maintenance session %d", s.Number-total)
	}
	ev.SetSummary(e.patientPrefix() + oneLine(p.Treatment.Title()) + " " + what)
	ev.SetDescription(cleanText(e.sessionDescription(s, what, total)))
	if loc := e.location(); loc != "" {
		ev.SetLocation(loc)
	}
	if u := e.opts.Clinic.URL; u != "" && reURL.MatchString(u) {
		ev.SetURL(u)
	}
	ev.AddCategory("Mesotherapy")
	ev.SetTimeTransparency(ics.TransparencyOpaque)
	for _, r := range e.opts.SessionReminders {
		fire := r.AddTo(s.Start, -1)
		e.addAlarm(ev, s.Start, fire, fmt.Sprintf("%s %s: %s", oneLine(p.Treatment.Title()), what, s.Start.In(e.loc).Format("Mon 2 Jan 15:04")), true)
	}
	return ev
}

// sessionDescription is the DESCRIPTION (RFC 5545 section 3.8.1.5) of
// session s: what it is, what to do before and after it, and for a
// practitioner the patient, the interval and the clinic's notes.
func (e *encoder) sessionDescription(s planner.Session, what string, total int) string {
	p := e.plan
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s (%s phase).", oneLine(p.Treatment.Name), what, s.Phase)
	if e.opts.Audience == Practitioner {
		if e.opts.Patient != "" {
			fmt.Fprintf(&b, "\nPatient: %s.", oneLine(e.opts.Patient))
		}
		if s.Number > 1 {
			fmt.Fprintf(&b, "\n%d days after session %d.", s.DaysSincePrevious, s.Number-1)
		}
	}
	if e.opts.Detail {
		for _, kind := range []planner.RuleKind{planner.Prep, planner.Aftercare} {
			first := true
			for _, w := range sessionWindows(p.Windows, kind, s.Number) {
				if first {
					if kind == planner.Prep {
						b.WriteString("\n\nBefore this session:")
					} else {
						b.WriteString("\n\nAfter this session:")
					}
					first = false
				}
				if kind == planner.Prep {
					fmt.Fprintf(&b, "\n- from %s: %s", w.Start.In(e.loc).Format(humanTime), oneLine(w.Summary))
				} else {
					fmt.Fprintf(&b, "\n- until %s: %s", w.End.In(e.loc).Format(humanTime), oneLine(w.Summary))
				}
			}
		}
	} else {
		e.groupPointers(&b, s, total)
	}
	if contact := e.opts.Clinic.contact(); contact != "" {
		fmt.Fprintf(&b, "\n\nYour clinic:\n%s", contact)
	}
	if e.opts.Audience == Practitioner && len(p.Warnings) > 0 {
		b.WriteString("\n\nClinic notes:")
		for _, f := range p.Warnings {
			fmt.Fprintf(&b, "\n- %s", oneLine(f.Message))
		}
	}
	return b.String()
}

// location is the LOCATION (RFC 5545 section 3.8.1.7) of every session:
// the clinic's name and address, either of them, or nothing.
func (e *encoder) location() string {
	c := e.opts.Clinic
	switch {
	case c.Name != "" && c.Address != "":
		return oneLine(c.Name) + ", " + oneLine(c.Address)
	case c.Address != "":
		return oneLine(c.Address)
	}
	return oneLine(c.Name)
}

// windowEvent is the event of a preparation or aftercare window:
// transparent (RFC 5545 section 3.8.2.7), all-day when it touches more than
// one local date, with an alarm at the start of a preparation window when
// PrepReminders is set.
func (e *encoder) windowEvent(w planner.Window) *ics.VEvent {
	ev := e.newEvent(e.uid(string(w.Kind), w.Rule, strconv.Itoa(w.Sessions[0])))
	firstDay := planner.DateOf(w.Start.In(e.loc))
	lastDay := planner.DateOf(w.End.In(e.loc).Add(-time.Nanosecond)) // End is exclusive
	allDay := firstDay.DaysUntil(lastDay) >= 1
	if allDay {
		// Every local date the window touches; DTEND is exclusive.
		e.setDate(ev, ics.ComponentPropertyDtStart, firstDay)
		e.setDate(ev, ics.ComponentPropertyDtEnd, lastDay.AddDays(1))
	} else {
		e.setTimes(ev, w.Start, w.End)
	}
	rel := "before"
	if w.Kind == planner.Aftercare {
		rel = "after"
	}
	ev.SetSummary(e.patientPrefix() + fmt.Sprintf("%s (%s %s)", oneLine(w.Summary), rel, planner.SessionsPhrase(w.Sessions, "–")))
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nFrom %s until %s (%s %s of your %s course).\n\n%s", oneLine(w.Summary),
		w.Start.In(e.loc).Format(humanTime), w.End.In(e.loc).Format(humanTime), rel, planner.SessionsPhrase(w.Sessions, "–"),
		oneLine(e.plan.Treatment.Name), cleanText(w.Text))
	ev.SetDescription(cleanText(b.String()))
	ev.AddCategory("Mesotherapy")
	if w.Kind == planner.Prep {
		ev.AddCategory("Preparation")
	} else {
		ev.AddCategory("Aftercare")
	}
	// Never show the patient as busy: TRANSP for standard clients, the
	// Microsoft property for Outlook.
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	ev.SetProperty(ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE")
	if w.Kind == planner.Prep && e.opts.PrepReminders {
		until := e.sessionStart(w.Sessions[len(w.Sessions)-1])
		text := fmt.Sprintf("From now: %s until your session on %s", lowerFirst(oneLine(w.Summary)), until.In(e.loc).Format("Mon 2 Jan 15:04"))
		e.addAlarm(ev, w.Start, w.Start, text, !allDay)
	}
	return ev
}

// sessionStart is the start of the session numbered n, or the zero time if
// the plan has none.
func (e *encoder) sessionStart(n int) time.Time {
	for _, s := range e.plan.Sessions {
		if s.Number == n {
			return s.Start
		}
	}
	return time.Time{}
}

// recallEvent is the all-day, transparent event of the maintenance recall,
// or nil when the plan has no dated recall.
func (e *encoder) recallEvent() *ics.VEvent {
	m := e.plan.Maintenance
	if m == nil || m.Date.IsZero() {
		return nil
	}
	d := m.Date
	ev := e.newEvent(e.uid("maintenance", string(m.Kind)))
	e.setDate(ev, ics.ComponentPropertyDtStart, d)
	e.setDate(ev, ics.ComponentPropertyDtEnd, d.AddDays(1))
	what := "maintenance recall"
	if m.Kind == planner.MaintenanceRepeat {
		what = "time to repeat the course"
	}
	ev.SetSummary(e.patientPrefix() + oneLine(e.plan.Treatment.Title()) + ": " + what)
	ev.SetDescription(cleanText(fmt.Sprintf("%s: %s.\n\n%s", oneLine(e.plan.Treatment.Name), what, m.Text)))
	ev.AddCategory("Mesotherapy")
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	ev.SetProperty(ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE")
	return ev
}

// patientPrefix starts every SUMMARY (RFC 5545 section 3.8.1.12) of a
// practitioner's calendar: the patient's name, when there is one.
func (e *encoder) patientPrefix() string {
	if e.opts.Audience == Practitioner && e.opts.Patient != "" {
		return e.opts.Patient + ": "
	}
	return ""
}

// humanTime is how a time is written in a description.
const humanTime = "Mon 2 Jan 2006 15:04"

// reURL accepts the web addresses a URL property can hold as they are: no
// spaces, controls or characters that would need escaping.
var reURL = regexp.MustCompile(`^https?://[^\s\x00-\x1f\x7f"<>\\]+$`)

// sessionWindows are the windows of kind around session n in the order a
// patient meets them: preparation by the time it starts, aftercare by the
// time it ends.
func sessionWindows(all []planner.Window, kind planner.RuleKind, n int) []planner.Window {
	var out []planner.Window
	for _, w := range all {
		if w.Kind == kind && slices.Contains(w.Sessions, n) {
			out = append(out, w)
		}
	}
	slices.SortStableFunc(out, func(a, b planner.Window) int {
		if kind == planner.Prep {
			return a.Start.Compare(b.Start)
		}
		return a.End.Compare(b.End)
	})
	return out
}
