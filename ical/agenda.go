package ical

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// AgendaOptions control a clinic's agenda calendar.
type AgendaOptions struct {
	// Name is the calendar's name ("Clinic agenda").
	Name string
	// Notice is the calendar's description, written once.
	Notice string
	Clinic Clinic
	// Now stamps DTSTAMP; Version goes into PRODID.
	Now     time.Time
	Version string
	// Words writes the events' texts; nil is English.
	Words *locale.Printer
}

// Agenda writes one practitioner calendar of many patients' sessions, as
// a clinic's agenda: each session an opaque timed event named with the
// patient, with no reminders (a clinic's calendar with thousands of alarms
// would be no use). Events are written to a body as plans are added, so
// that memory does not grow with the number of patients; [Agenda.Finish]
// then writes the calendar around them, with one VTIMEZONE per zone that
// covers every session in it.
//
// A session's UID is its plan id and number under "agenda", apart from
// the UID it has in the patient's own calendar, so that a practitioner
// may import both; its SEQUENCE is the session's revision, so a
// rescheduled session updates the agenda too.
type Agenda struct {
	opts   AgendaOptions
	body   io.Writer
	zones  map[string]*agendaZone
	events int
	w      contentWriter
}

// agendaZone is the span of the sessions in one zone.
type agendaZone struct {
	loc         *time.Location
	first, last time.Time
}

// NewAgenda starts an agenda whose events go to body.
func NewAgenda(body io.Writer, o AgendaOptions) (*Agenda, error) {
	if o.Words == nil {
		var err error
		if o.Words, err = locale.English(); err != nil {
			return nil, fmt.Errorf("ical: %w", err)
		}
	}
	if o.Clinic.Email != "" && !reEmail.MatchString(o.Clinic.Email) {
		return nil, fmt.Errorf("ical: invalid clinic e-mail address %q", o.Clinic.Email)
	}
	return &Agenda{opts: o, body: body, zones: map[string]*agendaZone{}}, nil
}

// Add writes the sessions of a patient's plan that keep accepts (all when
// keep is nil), in words, the printer of the plan's language (nil: the
// agenda's), so that its events do not mix the plan's treatment names with
// another language's sentences.
func (a *Agenda) Add(p *planner.Plan, planID, patient string, words *locale.Printer, keep func(planner.Session) bool) error {
	if words == nil {
		words = a.opts.Words
	}
	o := Options{Audience: Practitioner, Patient: patient, PlanID: planID, Clinic: a.opts.Clinic,
		Now: a.opts.Now, Version: a.opts.Version, Words: words, SessionReminders: []planner.Span{}}
	e, err := newEncoder(p, o, nil)
	if err != nil {
		return err
	}
	e.agenda = true
	total := p.CourseSessions()
	for _, s := range p.Sessions {
		if keep != nil && !keep(s) {
			continue
		}
		ev := e.sessionEvent(s, total)
		set(&ev.ComponentBase, ics.ComponentPropertyUniqueId, e.uid("agenda", "session", strconv.Itoa(s.Number)), nil)
		setSequence(&ev.ComponentBase, s.Revision)
		a.w.buf = a.w.buf[:0]
		a.w.component(ev)
		if _, err := a.body.Write(a.w.buf); err != nil {
			return err
		}
		a.events++
		if e.utc {
			continue
		}
		name := e.loc.String()
		z := a.zones[name]
		if z == nil {
			z = &agendaZone{loc: e.loc, first: s.Start, last: s.End}
			a.zones[name] = z
		}
		if s.Start.Before(z.first) {
			z.first = s.Start
		}
		if s.End.After(z.last) {
			z.last = s.End
		}
	}
	return nil
}

// Events is the number of events written so far.
func (a *Agenda) Events() int { return a.events }

// Finish writes the whole calendar to w: its properties, the VTIMEZONEs,
// the events read back from body, and its end.
func (a *Agenda) Finish(w io.Writer, body io.Reader) error {
	o := a.opts
	cal := ics.NewCalendarFor("mesoplan")
	cal.CalendarProperties = nil
	cal.SetVersion("2.0")
	cal.SetProductId(fmt.Sprintf("-//mesoplan//mesoplan %s//EN", oneLine(o.Version)))
	cal.SetCalscale("GREGORIAN")
	if o.Clinic.Email != "" {
		cal.SetMethod(ics.MethodPublish)
	}
	cal.SetName(oneLine(o.Name))
	cal.SetXWRCalName(oneLine(o.Name))
	if o.Notice != "" {
		cal.SetDescription(cleanText(o.Notice))
		cal.SetXWRCalDesc(cleanText(o.Notice))
	}
	names := make([]string, 0, len(a.zones))
	for name := range a.zones {
		names = append(names, name)
	}
	slices.Sort(names)
	var cw contentWriter
	cw.text("BEGIN:VCALENDAR")
	for i := range cal.CalendarProperties {
		cw.property(&cal.CalendarProperties[i].BaseProperty)
	}
	for _, name := range names {
		z := a.zones[name]
		cw.component(vtimezone(z.loc, z.first, z.last, nil))
	}
	if _, err := w.Write(cw.buf); err != nil {
		return err
	}
	if _, err := io.Copy(w, body); err != nil {
		return err
	}
	_, err := io.WriteString(w, "END:VCALENDAR\r\n")
	return err
}
