package ical

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// Audience says whom a calendar is for.
type Audience string

// The audiences: a patient's calendar has what the patient needs; a
// practitioner's adds the patient's name to summaries and the clinic's
// notes (phase, intervals, warnings).
const (
	Patient      Audience = "patient"
	Practitioner Audience = "practitioner"
)

// Clinic is the practice that holds the sessions.
type Clinic struct {
	Name    string
	Address string
	Phone   string
	// Email makes the clinic the ORGANIZER of every event, which RFC 5546
	// requires for METHOD:PUBLISH; without it no METHOD is written.
	Email string
	// URL is the clinic's web address, the URL of every session (RFC 5545
	// section 3.8.4.6).
	URL string
}

// contact is how to reach the clinic, one item a line, or "".
func (c Clinic) contact(tr *locale.Printer) string {
	var lines, place []string
	for _, v := range []string{c.Name, c.Address} {
		if v = oneLine(v); v != "" {
			place = append(place, v)
		}
	}
	if len(place) > 0 {
		lines = append(lines, strings.Join(place, ", "))
	}
	for _, item := range []struct{ label, value string }{{locale.Phone, c.Phone}, {locale.Email, c.Email}, {locale.Web, c.URL}} {
		if v := oneLine(item.value); v != "" {
			lines = append(lines, tr.Sprintf(item.label, v))
		}
	}
	return strings.Join(lines, "\n")
}

// Options control an export.
type Options struct {
	Audience Audience
	Patient  string // the patient's name; only in SUMMARY, DESCRIPTION and the calendar name
	// PlanID is the plan's identity, from which every UID derives; see
	// [PlanIdentity] and [CheckPlanID].
	PlanID string
	Clinic Clinic
	// SessionReminders fire this long before each session, most important
	// first (Outlook keeps only the first alarm of an event).
	SessionReminders []planner.Span
	// PrepReminders adds an alarm at the start of each preparation window
	// (with Detail), or of each item of a "before" event.
	PrepReminders bool
	// Detail writes one event per preparation and aftercare window, as a
	// practitioner reviews a plan; without it, each session has at most a
	// "before" and an "after" event gathering them, as a patient lives
	// with it.
	Detail bool
	Quiet  QuietHours
	// Now stamps DTSTAMP (RFC 5545 section 3.8.7.2).
	Now time.Time
	// Version of mesoplan, for PRODID.
	Version string
	// Words writes the calendar's texts in the patient's language; nil is
	// English. The plan's own texts are in the language it was made in.
	Words *locale.Printer
	// Zones, shared by the exports of a batch, keeps what each VTIMEZONE
	// needs from one calendar to the next; nil works it out each time.
	Zones *ZoneCache
	// NoHashes is for a caller that keeps no state of this export (nothing
	// saved): the events are not hashed as they are written, and each
	// EventState's Hash is left empty. The calendar is the same.
	NoHashes bool
}

// reEmail accepts a plain addr-spec, enough for a mailto: URI: no spaces,
// controls or characters that would end the property.
var reEmail = regexp.MustCompile(`^[^\s\x00-\x1f\x7f@<>()",;:\\]+@[^\s\x00-\x1f\x7f@<>()",;:\\]+$`)

// Encode writes the plan as an iCalendar object with CRLF line ends and
// lines folded at 75 octets.
func Encode(p *planner.Plan, o Options) ([]byte, error) {
	data, _, err := EncodeUpdate(p, o, nil)
	return data, err
}

// EncodeUpdate is Encode for a plan that was exported before, as
// described by previous: every event keeps its UID; one whose content
// changed gets the next SEQUENCE; one that no longer exists is written as
// STATUS:CANCELLED with the next SEQUENCE, so that re-importing the file
// updates the patient's calendar. It returns the state to keep for the
// next export. With or without previous, no event's SEQUENCE is below
// the revision of its session, window or maintenance in p.
func EncodeUpdate(p *planner.Plan, o Options, previous []EventState) ([]byte, []EventState, error) {
	data, states, err := AppendUpdate(make([]byte, 0, 32<<10), p, o, previous)
	if err != nil {
		return nil, nil, err
	}
	return data, states, nil
}

// AppendUpdate is EncodeUpdate appending to dst, so that a caller writing
// many calendars (a batch) reuses one buffer.
func AppendUpdate(dst []byte, p *planner.Plan, o Options, previous []EventState) ([]byte, []EventState, error) {
	e, err := newEncoder(p, o, previous)
	if err != nil {
		return dst, nil, err
	}
	cal := e.calendar()
	e.w.buf = dst
	e.w.hashEvents = e.hashLater && !o.NoHashes
	e.w.calendar(cal)
	if e.w.hashEvents {
		if len(e.w.hashes) != len(e.states) {
			return dst, nil, fmt.Errorf("ical: %d events written for %d states", len(e.w.hashes), len(e.states))
		}
		for i := range e.states {
			e.states[i].Hash = e.w.hashes[i]
		}
	}
	return e.w.buf, e.states, nil
}

// newEncoder checks a plan and the options of its export.
func newEncoder(p *planner.Plan, o Options, previous []EventState) (*encoder, error) {
	if len(p.Sessions) == 0 {
		return nil, errors.New("ical: the plan has no sessions")
	}
	if err := CheckPlanID(o.PlanID); err != nil {
		return nil, fmt.Errorf("ical: %w", err)
	}
	if o.Clinic.Email != "" && !reEmail.MatchString(o.Clinic.Email) {
		return nil, fmt.Errorf("ical: invalid clinic e-mail address %q", o.Clinic.Email)
	}
	// A name of blanks or control characters is no name.
	o.Patient = oneLine(o.Patient)
	if p.Zone.IsZero() {
		return nil, errors.New("ical: the plan has no time zone")
	}
	loc := p.Zone.Location()
	tr := o.Words
	if tr == nil {
		var err error
		if tr, err = locale.English(); err != nil {
			return nil, fmt.Errorf("ical: %w", err)
		}
	}
	e := &encoder{plan: p, opts: o, tr: tr, loc: loc, utc: loc == time.UTC || p.Zone.String() == "UTC", previous: map[string]EventState{},
		params: newParams(loc.String(), paramSafe(o.Clinic.Name)), stamp: o.Now.UTC().Format("20060102T150405Z")}
	for _, s := range previous {
		e.previous[s.UID] = s
	}
	e.hashLater = len(previous) == 0
	if !e.utc {
		for _, s := range p.Sessions {
			// The planner refuses such a session; a plan read from a
			// file is checked again here.
			if local := s.Start.In(loc); planner.RepeatedWallTime(local) {
				return nil, &planner.ClockRepeatError{Session: s.Number, Start: local}
			}
		}
	}
	return e, nil
}

// serialConfig writes CRLF and leaves folding to fold: golang-ical folds
// at word boundaries, which may exceed the limit or split escapes.
func serialConfig() *ics.SerializationConfiguration {
	return &ics.SerializationConfiguration{MaxLength: 1 << 30, PropertyMaxLength: 1 << 30, NewLine: "\r\n"}
}

// encoder is one export: the plan, its options and zone, and the state of
// the previous export that SEQUENCE values continue from.
type encoder struct {
	plan     *planner.Plan
	opts     Options
	tr       *locale.Printer // the calendar's language
	loc      *time.Location
	utc      bool
	previous map[string]EventState // by UID, from the last export
	states   []EventState          // this export's, in order
	layout   []*group              // the grouped events, without Detail
	spanning []planner.Window      // the plan's windows that go on across sessions, once found
	w        contentWriter         // writes the calendar, and hashes events
	agenda   bool                  // sessions for a clinic's agenda: no preparation or aftercare lines
	dates    map[dateKey]string    // instants written, by layout
	whats    map[string]string     // rules' summaries inside sentences
	params   params                // parameter maps shared by the properties
	stamp    string                // DTSTAMP
	text     bytes.Buffer          // a description being written, reused from one to the next
	scratch  []byte                // a shorter text being written, reused likewise
	// hashLater: with no previous export, every SEQUENCE is its revision
	// and the events' hashes are taken as the calendar is written.
	hashLater bool
}

// calendar builds the iCalendar object (RFC 5545 section 3.4): the calendar
// properties (sections 3.7.1 to 3.7.4; NAME and DESCRIPTION from RFC 7986
// section 5, and the X-WR- properties older clients read instead), a
// VTIMEZONE (section 3.6.5) unless the plan is in UTC, then the events of
// the sessions, of the windows (each on its own with Detail, else grouped
// per session) and of the recall, and last those of a previous export that
// are now cancelled.
func (e *encoder) calendar() *ics.Calendar {
	p, o := e.plan, e.opts
	cal := ics.NewCalendarFor("mesoplan")
	cal.CalendarProperties = nil // NewCalendarFor's defaults are replaced in a fixed order
	cal.SetVersion("2.0")
	cal.SetProductId(fmt.Sprintf("-//mesoplan//mesoplan %s//EN", oneLine(o.Version)))
	cal.SetCalscale("GREGORIAN")
	if o.Clinic.Email != "" {
		cal.SetMethod(ics.MethodPublish)
	}
	name := e.tr.Sprintf(locale.CalendarName, oneLine(p.Treatment.Name))
	if o.Patient != "" {
		name = e.tr.Sprintf(locale.CalendarNameFor, oneLine(p.Treatment.Name), oneLine(o.Patient))
	}
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(p.Zone.String())
	cal.SetDescription(cleanText(p.Notice))
	cal.SetXWRCalDesc(cleanText(p.Notice))

	if !e.utc {
		first, last := e.span()
		cal.AddVTimezone(vtimezone(e.loc, first, last, o.Zones))
	}
	if !o.Detail {
		e.layout = e.groups()
	}
	total := p.CourseSessions()
	for _, s := range p.Sessions {
		revision := s.Revision
		if !o.Detail {
			revision = max(revision, e.stillRevision(s.Number, s.Start), e.nearRevision(s.Number))
		}
		e.add(cal, e.sessionEvent(s, total), revision)
	}
	if o.Detail {
		for _, w := range p.Windows {
			e.add(cal, e.windowEvent(w), w.Revision)
		}
	} else {
		for _, g := range e.layout {
			e.add(cal, e.groupEvent(g, total), e.groupRevision(g))
		}
	}
	if ev := e.recallEvent(); ev != nil {
		e.add(cal, ev, p.Maintenance.Revision)
	}
	e.cancelRemoved(cal)
	return cal
}

// span returns the first and last instant the calendar describes.
func (e *encoder) span() (time.Time, time.Time) {
	first, last := e.plan.Sessions[0].Start, e.plan.Sessions[len(e.plan.Sessions)-1].End
	for _, w := range e.plan.Windows {
		if w.Start.Before(first) {
			first = w.Start
		}
		if w.End.After(last) {
			last = w.End
		}
	}
	if m := e.plan.Maintenance; m != nil && !m.Date.IsZero() {
		d := m.Date
		if t := time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, e.loc); t.After(last) {
			last = t
		}
	}
	return first, last
}

// uid is the UID (RFC 5545 section 3.8.4.7) of an event: the plan id and
// parts that name the event within the plan, so that it stays the same
// from one export to the next.
func (e *encoder) uid(parts ...string) string {
	return e.opts.PlanID + "-" + strings.Join(parts, "-") + "@" + uidDomain
}

// newEvent starts an event with the properties every event has, in a fixed
// order.
func (e *encoder) newEvent(uid string) *ics.VEvent {
	ev := &ics.VEvent{ComponentBase: ics.ComponentBase{Properties: make([]ics.IANAProperty, 0, 16)}}
	add(&ev.ComponentBase, ics.ComponentPropertyUniqueId, uid, nil)
	add(&ev.ComponentBase, ics.ComponentPropertyDtstamp, e.stamp, nil)
	setSequence(&ev.ComponentBase, 0) // set by add once the content is known
	if c := e.opts.Clinic; c.Email != "" {
		add(&ev.ComponentBase, ics.ComponentPropertyOrganizer, "mailto:"+c.Email, e.params.organizer)
	}
	return ev
}

// setTimes writes DTSTART and DTEND as DATE-TIMEs: the wall-clock time
// with the plan's TZID (never a UTC value under a TZID), or UTC for a UTC
// plan and for a wall-clock time that occurs twice when the clocks go
// back. RFC 5545 section 3.3.5 resolves such a local time to its first
// occurrence, but most clients (ical.js, libical, Python icalendar) take
// the second, so neither occurrence can be written as local time safely.
// (Sessions never get here: Encode refuses them; a window edge can.)
func (e *encoder) setTimes(ev *ics.VEvent, start, end time.Time) {
	// Both in the same form: a UTC end beside a local start is valid, but
	// simple checkers compare the two strings.
	utc := e.utc || planner.RepeatedWallTime(start.In(e.loc)) || planner.RepeatedWallTime(end.In(e.loc))
	for _, p := range []struct {
		prop ics.ComponentProperty
		t    time.Time
	}{{ics.ComponentPropertyDtStart, start}, {ics.ComponentPropertyDtEnd, end}} {
		if utc {
			set(&ev.ComponentBase, p.prop, p.t.UTC().Format("20060102T150405Z"), nil)
		} else {
			set(&ev.ComponentBase, p.prop, p.t.In(e.loc).Format(localLayout), e.params.tzid)
		}
	}
}

// setDate writes prop (DTSTART or DTEND) as a DATE (RFC 5545 section
// 3.3.4), the form of an all-day event.
func (e *encoder) setDate(ev *ics.VEvent, prop ics.ComponentProperty, d planner.Date) {
	set(&ev.ComponentBase, prop, fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day), e.params.date)
}
