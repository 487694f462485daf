package ical

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// sessionEvent is the timed, opaque event (RFC 5545 sections 3.6.1 and
// 3.8.2.7) of session s, with its reminders; total is the number of course
// sessions, after which maintenance sessions are numbered.
func (e *encoder) sessionEvent(s planner.Session, total int) *ics.VEvent {
	p := e.plan
	ev := e.newEvent(e.uid("session", strconv.Itoa(s.Number)))
	e.setTimes(ev, s.Start, s.End)
	title := e.tr.Sprintf(locale.SessionTitle, oneLine(p.Treatment.Title()), s.Number, total)
	if s.Maintenance {
		title = e.tr.Sprintf(locale.MaintenanceTitle, oneLine(p.Treatment.Title()), s.Number-total)
	}
	set(&ev.ComponentBase, ics.ComponentPropertySummary, e.patientPrefix()+title, nil)
	set(&ev.ComponentBase, ics.ComponentPropertyDescription, cleanText(e.sessionDescription(s, total)), nil)
	if loc := e.location(); loc != "" {
		set(&ev.ComponentBase, ics.ComponentPropertyLocation, loc, nil)
	}
	if u := e.opts.Clinic.URL; u != "" && reURL.MatchString(u) {
		set(&ev.ComponentBase, ics.ComponentPropertyUrl, u, nil)
	}
	add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Mesotherapy), nil)
	set(&ev.ComponentBase, ics.ComponentPropertyTransp, string(ics.TransparencyOpaque), nil)
	for _, r := range e.opts.SessionReminders {
		fire := r.AddTo(s.Start, -1)
		e.addAlarm(ev, s.Start, fire, e.tr.Sprintf(locale.SessionReminder, title, e.dayTime(s.Start)), true, s.Start)
	}
	return ev
}

// sessionDescription is the DESCRIPTION (RFC 5545 section 3.8.1.5) of
// session s: what it is, what to do before and after it (or, grouped,
// where to find it), and for a practitioner the patient, the phase, the
// interval and the clinic's notes.
func (e *encoder) sessionDescription(s planner.Session, total int) string {
	p := e.plan
	b := &e.text
	b.Reset()
	name := oneLine(p.Treatment.Name)
	switch {
	case e.opts.Audience == Practitioner && s.Maintenance:
		e.say(b, locale.MaintenanceInPhase, locale.S(name), locale.N(s.Number-total), locale.S(e.tr.Phase(s.Phase)))
	case e.opts.Audience == Practitioner:
		e.say(b, locale.SessionWithPhase, locale.S(name), locale.N(s.Number), locale.N(total), locale.S(e.tr.Phase(s.Phase)))
	case s.Maintenance:
		e.say(b, locale.MaintenanceLine, locale.S(name), locale.N(s.Number-total))
	default:
		e.say(b, locale.SessionLine, locale.S(name), locale.N(s.Number), locale.N(total))
	}
	if e.opts.Audience == Practitioner {
		if e.opts.Patient != "" {
			b.WriteString("\n" + e.tr.Sprintf(locale.PatientLine, oneLine(e.opts.Patient)))
		}
		if s.Number > 1 {
			b.WriteString("\n" + e.tr.Sprintf(locale.DaysAfter, s.DaysSincePrevious, s.Number-1))
		}
	}
	switch {
	case e.agenda: // the patient's own calendar has these
	case e.opts.Detail:
		for _, kind := range []planner.RuleKind{planner.Prep, planner.Aftercare} {
			first := true
			for _, w := range sessionWindows(p.Windows, kind, s.Number) {
				if first {
					if kind == planner.Prep {
						b.WriteString("\n\n" + e.tr.Sprintf(locale.BeforeThisSession))
					} else {
						b.WriteString("\n\n" + e.tr.Sprintf(locale.AfterThisSession))
					}
					first = false
				}
				if kind == planner.Prep {
					b.WriteString("\n" + e.tr.Sprintf(locale.FromItem, e.when(w.Start), oneLine(w.Summary)))
				} else {
					b.WriteString("\n" + e.tr.Sprintf(locale.UntilItem, e.when(w.End), oneLine(w.Summary)))
				}
			}
		}
	default:
		e.groupPointers(b, s, total)
	}
	if contact := e.opts.Clinic.contact(e.tr); contact != "" {
		b.WriteString("\n\n")
		b.WriteString(e.tr.Sprintf(locale.YourClinic))
		b.WriteString("\n")
		b.WriteString(contact)
	}
	if e.opts.Audience == Practitioner && len(p.Warnings) > 0 {
		b.WriteString("\n\n" + e.tr.Sprintf(locale.ClinicNotes))
		for _, f := range p.Warnings {
			fmt.Fprintf(b, "\n- %s", oneLine(f.Message))
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
	rel, title := e.tr.Sprintf(locale.Before), locale.WindowBefore
	if w.Kind == planner.Aftercare {
		rel, title = e.tr.Sprintf(locale.After), locale.WindowAfter
	}
	sessions := e.sessionsPhrase(w.Sessions)
	set(&ev.ComponentBase, ics.ComponentPropertySummary, e.patientPrefix()+e.tr.Sprintf(title, oneLine(w.Summary), sessions), nil)
	set(&ev.ComponentBase, ics.ComponentPropertyDescription, cleanText(oneLine(w.Summary)+"\n\n"+
		e.tr.Sprintf(locale.WindowSpan, e.when(w.Start), e.when(w.End), rel, sessions, oneLine(e.plan.Treatment.Name))+
		"\n\n"+cleanText(w.Text)), nil)
	add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Mesotherapy), nil)
	if w.Kind == planner.Prep {
		add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Preparation), nil)
	} else {
		add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Aftercare), nil)
	}
	// Never show the patient as busy: TRANSP for standard clients, the
	// Microsoft property for Outlook.
	set(&ev.ComponentBase, ics.ComponentPropertyTransp, string(ics.TransparencyTransparent), nil)
	set(&ev.ComponentBase, ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE", nil)
	if w.Kind == planner.Prep && e.opts.PrepReminders {
		until := e.sessionStart(w.Sessions[len(w.Sessions)-1])
		text := e.tr.Sprintf(locale.FromNowWindow, e.what(w.Summary), e.dayTime(until))
		e.addAlarm(ev, w.Start, w.Start, text, !allDay, time.Time{})
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
	title, line := locale.RecallTitle, locale.RecallLine
	if m.Kind == planner.MaintenanceRepeat {
		title, line = locale.RepeatTitle, locale.RepeatLine
	}
	set(&ev.ComponentBase, ics.ComponentPropertySummary, e.patientPrefix()+e.tr.Sprintf(title, oneLine(e.plan.Treatment.Title())), nil)
	desc := e.tr.Sprintf(line, oneLine(e.plan.Treatment.Name)) + "\n\n" + m.Text
	if contact := e.opts.Clinic.contact(e.tr); contact != "" {
		desc += "\n\n" + e.tr.Sprintf(locale.YourClinic) + "\n" + contact
	}
	set(&ev.ComponentBase, ics.ComponentPropertyDescription, cleanText(desc), nil)
	add(&ev.ComponentBase, ics.ComponentPropertyCategories, e.tr.Sprintf(locale.Mesotherapy), nil)
	set(&ev.ComponentBase, ics.ComponentPropertyTransp, string(ics.TransparencyTransparent), nil)
	set(&ev.ComponentBase, ics.ComponentProperty("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE", nil)
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

// when writes an instant as a description does, in the plan's zone and
// the calendar's language: "Tue 16 Mar 2027 10:00".
func (e *encoder) when(t time.Time) string { return e.date(t, locale.DateTime) }

// dayTime writes an instant as a reminder does: "Tue 16 Mar 10:00".
func (e *encoder) dayTime(t time.Time) string { return e.date(t, locale.DayTime) }

// date writes an instant in the plan's zone with a layout of the
// calendar's language, once per instant and layout: a calendar names the
// same few instants (a session's start, a window's end) many times.
func (e *encoder) date(t time.Time, layout string) string {
	key := dateKey{t.Unix(), layout}
	if s, ok := e.dates[key]; ok {
		return s
	}
	s := e.tr.Date(t.In(e.loc), layout)
	if e.dates == nil {
		e.dates = make(map[dateKey]string, 64)
	}
	e.dates[key] = s
	return s
}

// what is a rule's summary as it goes inside a sentence, "no alcohol" for
// "No alcohol": once per summary, which a calendar names many times.
func (e *encoder) what(summary string) string {
	if s, ok := e.whats[summary]; ok {
		return s
	}
	s := planner.LowerFirst(oneLine(summary))
	if e.whats == nil {
		e.whats = make(map[string]string, 16)
	}
	e.whats[summary] = s
	return s
}

// dateKey is an instant (to the second, as written) and a layout.
type dateKey struct {
	unix   int64
	layout string
}

// sessionsPhrase names sessions: "session 3", or "sessions 1–4" for a
// window that several share (always consecutive).
func (e *encoder) sessionsPhrase(ns []int) string {
	if len(ns) == 1 {
		return e.tr.Sprintf(locale.SessionN, ns[0])
	}
	return e.tr.Sprintf(locale.SessionsNtoM, ns[0], ns[len(ns)-1])
}

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
