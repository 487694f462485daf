package ical

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// EventState is what an export remembers of one event, so that the next
// export of a changed plan can update calendars instead of duplicating
// them: its UID, SEQUENCE (RFC 5545 section 3.8.7.4), a hash of its
// content, and enough to cancel it.
type EventState struct {
	UID       string    `json:"uid"`
	Sequence  int       `json:"sequence"`
	Hash      string    `json:"hash"`
	Start     TimeValue `json:"start"`
	End       TimeValue `json:"end"`
	Summary   string    `json:"summary"`
	Cancelled bool      `json:"cancelled,omitempty"`
}

// TimeValue is a DTSTART or DTEND as written: its value, and its TZID or
// VALUE=DATE.
type TimeValue struct {
	Value string `json:"value"`
	TZID  string `json:"tzid,omitempty"`
	Date  bool   `json:"date,omitempty"`
}

// add puts ev in the calendar with its SEQUENCE, never below revision,
// the revision of the plan's session, window or recall it shows: with a
// previous export's state, the previous SEQUENCE when the content is
// unchanged and the next one when it changed; without one, the revision.
//
// The revision rises with every reschedule that changes the item, so
// SEQUENCE rises on a re-export even when the export before it kept no
// state (a plan saved by 'plan --save', or exported without --save); and
// as the state kept holds a SEQUENCE at least the revision then, a
// re-export with no change keeps it.
func (e *encoder) add(cal *ics.Calendar, ev *ics.VEvent, revision int) {
	st := EventState{UID: ev.Id(), Start: timeValue(ev, ics.ComponentPropertyDtStart), End: timeValue(ev, ics.ComponentPropertyDtEnd)}
	if !e.hashLater {
		st.Hash = e.w.eventHash(ev)
	} // else the SEQUENCE is the revision, and the hash is taken as the event is written
	if p := ev.GetProperty(ics.ComponentPropertySummary); p != nil {
		st.Summary = p.Value
	}
	if prev, ok := e.previous[st.UID]; ok {
		st.Sequence = prev.Sequence
		if prev.Hash != st.Hash || prev.Cancelled {
			st.Sequence++
		}
		delete(e.previous, st.UID)
	}
	st.Sequence = max(st.Sequence, revision)
	setSequence(&ev.ComponentBase, st.Sequence)
	cal.AddVEvent(ev)
	e.states = append(e.states, st)
}

// cancelRemoved writes every previously exported event that this plan no
// longer has as STATUS:CANCELLED (RFC 5545 section 3.8.1.11) with the next
// SEQUENCE, so calendars remove it instead of keeping a stale session.
func (e *encoder) cancelRemoved(cal *ics.Calendar) {
	var gone []EventState
	for _, s := range e.previous {
		gone = append(gone, s)
	}
	slices.SortFunc(gone, func(a, b EventState) int { return strings.Compare(a.UID, b.UID) })
	for _, s := range gone {
		ev := e.newEvent(s.UID)
		for _, tv := range []struct {
			prop ics.ComponentProperty
			v    TimeValue
		}{{ics.ComponentPropertyDtStart, s.Start}, {ics.ComponentPropertyDtEnd, s.End}} {
			switch {
			case tv.v.Date:
				set(&ev.ComponentBase, tv.prop, tv.v.Value, map[string][]string{string(ics.ParameterValue): {string(ics.ValueDataTypeDate)}})
			case tv.v.TZID != "":
				set(&ev.ComponentBase, tv.prop, tv.v.Value, map[string][]string{string(ics.ParameterTzid): {tv.v.TZID}})
			default:
				set(&ev.ComponentBase, tv.prop, tv.v.Value, nil)
			}
		}
		summary := s.Summary
		if !s.Cancelled {
			summary = e.tr.Sprintf(locale.Cancelled, summary)
		}
		set(&ev.ComponentBase, ics.ComponentPropertySummary, summary, nil)
		set(&ev.ComponentBase, ics.ComponentPropertyStatus, string(ics.ObjectStatusCancelled), nil)
		set(&ev.ComponentBase, ics.ComponentPropertyTransp, string(ics.TransparencyTransparent), nil)
		seq := s.Sequence
		if !s.Cancelled {
			seq++
		}
		setSequence(&ev.ComponentBase, seq)
		cal.AddVEvent(ev)
		s.Sequence, s.Summary, s.Cancelled = seq, summary, true
		e.states = append(e.states, s)
	}
}

// timeValue reads ev's DTSTART or DTEND (RFC 5545 sections 3.8.2.4 and
// 3.8.2.2) as written, so that a later export can cancel the event at the
// same time in the same form.
func timeValue(ev *ics.VEvent, prop ics.ComponentProperty) TimeValue {
	p := ev.GetProperty(prop)
	if p == nil {
		return TimeValue{}
	}
	tv := TimeValue{Value: p.Value}
	if v := p.ICalParameters[string(ics.ParameterTzid)]; len(v) == 1 {
		tv.TZID = v[0]
	}
	if v := p.ICalParameters[string(ics.ParameterValue)]; len(v) == 1 && v[0] == string(ics.ValueDataTypeDate) {
		tv.Date = true
	}
	return tv
}

// Patterns of what an export writes into EventState, so that a saved plan
// edited by hand cannot smuggle anything else into a calendar.
var (
	reStateUID  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*@` + uidDomain + `$`) // and at most 201 bytes before the @
	reStateHash = regexp.MustCompile(`^[0-9a-f]{16}$`)
	reDate      = regexp.MustCompile(`^[0-9]{8}$`)
	reDateTime  = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}Z?$`)
)

// maxSequence bounds SEQUENCE: one rise per export, far more than any
// course sees.
const maxSequence = 1_000_000

// Check reports an event state that no export wrote, naming the field at
// fault: a UID that is not one of mesoplan's, a negative or absurd
// SEQUENCE, a hash, time or zone in another form, a summary with control
// characters.
func (s EventState) Check() error {
	switch {
	case len(s.UID) > 201+1+len(uidDomain) || !reStateUID.MatchString(s.UID):
		return fmt.Errorf("uid %q: not a UID mesoplan writes (ID@%s)", s.UID, uidDomain)
	case s.Sequence < 0 || s.Sequence > maxSequence:
		return fmt.Errorf("sequence %d: want 0 to %d", s.Sequence, maxSequence)
	case !reStateHash.MatchString(s.Hash):
		return fmt.Errorf("hash %q: want 16 hexadecimal digits", s.Hash)
	case strings.ContainsFunc(s.Summary, unicode.IsControl):
		return fmt.Errorf("summary %q: control characters", s.Summary)
	}
	for _, tv := range []struct {
		field string
		v     TimeValue
	}{{"start", s.Start}, {"end", s.End}} {
		if err := tv.v.check(); err != nil {
			return fmt.Errorf("%s: %w", tv.field, err)
		}
	}
	return nil
}

func (v TimeValue) check() error {
	switch {
	case v.Date && (!reDate.MatchString(v.Value) || v.TZID != ""):
		return fmt.Errorf("date %q: want YYYYMMDD and no zone", v.Value)
	case !v.Date && !reDateTime.MatchString(v.Value):
		return fmt.Errorf("time %q: want YYYYMMDDTHHMMSS", v.Value)
	case v.TZID != "" && strings.HasSuffix(v.Value, "Z"):
		return fmt.Errorf("time %q: a UTC time has no zone (%q)", v.Value, v.TZID)
	}
	if y, _ := strconv.Atoi(v.Value[:4]); y < 1900 || y > 2200 {
		return fmt.Errorf("%q: the year %d is outside 1900 to 2200", v.Value, y)
	}
	if v.TZID != "" {
		if _, err := planner.LoadZone(v.TZID); err != nil {
			return fmt.Errorf("tzid: %w", err)
		}
	}
	return nil
}
