package ical

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mesoplan/mesoplan/planner"
)

// Skipped is an event of a busy calendar that could not be read, or was
// read only in part (a time zone not known, read in the plan's zone).
// Past maxSkippedNotes events of one file, the rest are counted in one
// Skipped whose Events says how many; events in time zones not known are
// one Skipped for the whole file.
type Skipped struct {
	File    string
	Line    int // where its BEGIN:VEVENT is (the first one's, for several)
	Summary string
	Reason  string
	Kept    bool // read all the same, as Reason says
	Events  int  // how many events this stands for, when more than one
}

// maxCategories bounds the categories read from one event.
const maxCategories = 100

// maxSkippedNotes bounds the events of one file reported one by one.
const maxSkippedNotes = 10

// ReadBusy reads the events that make the patient busy from an iCalendar
// file exported by their calendar app (RFC 5545): every event between from
// and to, recurring ones expanded (RRULE, RDATE, EXDATE, and instances
// moved with RECURRENCE-ID), all-day events as whole days in loc, timed
// events in their own TZID (IANA, Windows, an old Mozilla-style name, or
// else the calendar's own VTIMEZONE of that TZID),
// floating ones in the calendar's X-WR-TIMEZONE or else loc. Transparent
// (free) and cancelled events are left out. An event that cannot be read
// is skipped and returned among skipped; a file that is not iCalendar is
// an error naming its line.
func ReadBusy(name string, data []byte, loc *time.Location, from, to time.Time) (events []planner.BusyEvent, skipped []Skipped, err error) {
	evs, err := parseBusy(name, data, from, to)
	if err != nil {
		return nil, nil, err
	}
	// Instances moved or cancelled one by one replace their occurrence.
	overridden := map[string][]time.Time{}
	for _, ev := range evs {
		if rid := ev.Props.Get(goical.PropRecurrenceID); rid != nil {
			z := zones{plan: loc, floating: floatingZone(ev.wrZone, loc), own: ev.own}
			if t, _, err := z.readTime(rid); err == nil {
				uid := propText(ev.Props, goical.PropUID)
				overridden[uid] = append(overridden[uid], t)
			}
		}
	}
	b := &budget{left: maxBusyOccurrences}
	var (
		unknownZones  []string // in the order first met
		unknownEvents []Skipped
		notReadMore   int // events not read, past maxSkippedNotes
	)
	for _, ev := range evs {
		z := &zones{plan: loc, floating: floatingZone(ev.wrZone, loc), own: ev.own}
		var got []planner.BusyEvent
		var err error
		if ev.bad != "" {
			err = errors.New(ev.bad)
		} else {
			got, err = safeOccurrences(ev, z, from, to, overridden, b)
		}
		if errors.Is(err, errTooMany) {
			return nil, nil, fmt.Errorf("%s: more than %d occurrences in the planning window: export a shorter span of the calendar, or leave out the events that repeat every minute or hour", name, maxBusyOccurrences)
		}
		summary := propText(ev.Props, goical.PropSummary)
		if err != nil {
			if len(skipped) < maxSkippedNotes {
				skipped = append(skipped, Skipped{File: name, Line: ev.line, Summary: summary, Reason: err.Error()})
			} else {
				notReadMore++
			}
			continue
		}
		if len(z.unknown) > 0 {
			for _, u := range z.unknown {
				if !slices.Contains(unknownZones, u) {
					unknownZones = append(unknownZones, u)
				}
			}
			unknownEvents = append(unknownEvents, Skipped{File: name, Line: ev.line, Summary: summary, Kept: true,
				Reason: fmt.Sprintf("time zone %q is not known: read in the plan's zone %s", z.unknown[0], loc)})
		}
		events = append(events, got...)
	}
	if notReadMore > 0 {
		skipped = append(skipped, Skipped{File: name, Events: notReadMore, Reason: "not read, as the ones above"})
	}
	switch {
	case len(unknownEvents) == 1:
		skipped = append(skipped, unknownEvents[0])
	case len(unknownEvents) > 1:
		skipped = append(skipped, Skipped{File: name, Line: unknownEvents[0].Line, Kept: true, Events: len(unknownEvents),
			Reason: fmt.Sprintf("%s not known: read in the plan's zone %s", zoneList(unknownZones), loc)})
	}
	slices.SortStableFunc(events, func(a, b planner.BusyEvent) int { return a.Start.Compare(b.Start) })
	return events, skipped, nil
}

// safeOccurrences reads one event; a fault in a library on a malformed
// value skips the event rather than stopping the program.
func safeOccurrences(ev busyEvent, z *zones, from, to time.Time, overridden map[string][]time.Time, b *budget) (out []planner.BusyEvent, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, errors.New("its properties cannot be read")
		}
	}()
	return busyOccurrences(ev.Event, z, from, to, overridden, b)
}

func busyOccurrences(ev goical.Event, z *zones, from, to time.Time, overridden map[string][]time.Time, b *budget) ([]planner.BusyEvent, error) {
	free := strings.EqualFold(propText(ev.Props, goical.PropTransparency), "TRANSPARENT")
	if strings.EqualFold(propText(ev.Props, goical.PropStatus), "CANCELLED") ||
		(free && strings.HasSuffix(propText(ev.Props, goical.PropUID), "@"+uidDomain)) {
		// Cancelled, or the preparation and aftercare of a calendar
		// mesoplan wrote: what to avoid, not what the patient does.
		return nil, nil
	}
	startProp := ev.Props.Get(goical.PropDateTimeStart)
	if startProp == nil {
		return nil, fmt.Errorf("no DTSTART")
	}
	start, allDay, err := z.readTime(startProp)
	if err != nil {
		return nil, fmt.Errorf("DTSTART %q: %v", startProp.Value, err)
	}
	end := start
	switch {
	case ev.Props.Get(goical.PropDateTimeEnd) != nil:
		p := ev.Props.Get(goical.PropDateTimeEnd)
		if end, _, err = z.readTime(p); err != nil {
			return nil, fmt.Errorf("DTEND %q: %v", p.Value, err)
		}
	case ev.Props.Get(goical.PropDuration) != nil:
		p := ev.Props.Get(goical.PropDuration)
		d, err := p.Duration()
		if err != nil {
			return nil, fmt.Errorf("DURATION %q: %v", clip(p.Value), plainNumberError(err))
		}
		// A negative length, or one past a century (or so long it
		// overflowed), is no event a patient keeps: said, not dropped.
		if d < 0 || d > 100*365*24*time.Hour {
			return nil, fmt.Errorf("DURATION %q: not the length of an event", clip(p.Value))
		}
		end = start.Add(d)
	case allDay:
		end = start.AddDate(0, 0, 1)
	}
	base := planner.BusyEvent{
		AllDay:      allDay,
		Free:        free,
		Summary:     propText(ev.Props, goical.PropSummary),
		Description: propText(ev.Props, goical.PropDescription),
	}
	for _, c := range ev.Props.Values(goical.PropCategories) {
		for _, v := range strings.SplitN(c.Value, ",", maxCategories+1) {
			if len(base.Categories) == maxCategories {
				break // enough to tell what the event is
			}
			base.Categories = append(base.Categories, v)
		}
	}
	at := func(s time.Time) planner.BusyEvent {
		b := base
		b.Start = s
		if allDay { // whole days, whatever the clock change in between
			b.End = s.AddDate(0, 0, planner.DateOf(start).DaysUntil(planner.DateOf(end)))
		} else {
			b.End = s.Add(end.Sub(start))
		}
		return b
	}
	rruleProp := ev.Props.Get(goical.PropRecurrenceRule)
	rdates := ev.Props.Values(goical.PropRecurrenceDates)
	if (rruleProp == nil && len(rdates) == 0) || ev.Props.Get(goical.PropRecurrenceID) != nil {
		if e := at(start); e.End.After(from) && e.Start.Before(to) {
			if err := b.take(); err != nil {
				return nil, err
			}
			return []planner.BusyEvent{e}, nil
		}
		return nil, nil
	}
	occ := []time.Time{start}
	if rruleProp != nil {
		var err error
		occ, err = expandRule(rruleProp.Value, start, at(start).End.Sub(start), from, to, b)
		if errors.Is(err, errTooMany) {
			return nil, err
		}
		if err != nil {
			return nil, fmt.Errorf("RRULE %q: %v", clip(rruleProp.Value), plainNumberError(err))
		}
	}
	for _, p := range rdates {
		ts, err := z.splitTimes(&p)
		if err != nil {
			return nil, fmt.Errorf("RDATE %q: %v", p.Value, err)
		}
		if len(occ)+len(ts) > maxBusyOccurrences {
			return nil, errTooMany
		}
		occ = append(occ, ts...)
	}
	var exdates []time.Time
	for _, p := range ev.Props.Values(goical.PropExceptionDates) {
		ts, err := z.splitTimes(&p)
		if err != nil {
			return nil, fmt.Errorf("EXDATE %q: %v", p.Value, err)
		}
		exdates = append(exdates, ts...)
	}
	// Instants left out, by Unix nanosecond: a list of thousands of
	// EXDATEs is looked up, not scanned, for every occurrence.
	skip := map[int64]bool{}
	for _, t := range overridden[propText(ev.Props, goical.PropUID)] {
		skip[t.UnixNano()] = true
	}
	for _, t := range exdates {
		skip[t.UnixNano()] = true
	}
	slices.SortFunc(occ, time.Time.Compare)
	occ = slices.CompactFunc(occ, time.Time.Equal)
	var out []planner.BusyEvent
	for _, t := range occ {
		if skip[t.UnixNano()] {
			continue
		}
		if e := at(t); e.End.After(from) && e.Start.Before(to) {
			out = append(out, e)
		}
	}
	return out, nil
}

func propText(props goical.Props, name string) string {
	if p := props.Get(name); p != nil {
		if s, err := p.Text(); err == nil {
			return s
		}
		return p.Value
	}
	return ""
}

// plainNumberError words a parser's number error ("strconv.Atoi: parsing
// ...: value out of range") for a person.
func plainNumberError(err error) error {
	var num *strconv.NumError
	if errors.As(err, &num) {
		if errors.Is(num.Err, strconv.ErrRange) {
			return fmt.Errorf("the number %s is too large", clip(num.Num))
		}
		return fmt.Errorf("%q is not a number", clip(num.Num))
	}
	if s := err.Error(); strings.Contains(s, "strconv.") {
		if _, rest, ok := strings.Cut(s, "parsing "); ok {
			return fmt.Errorf("a number is out of range or not a number (%s)", clip(rest))
		}
	}
	return err
}

// zoneList names up to three time zones, and how many more there are.
func zoneList(zones []string) string {
	if len(zones) == 1 {
		return fmt.Sprintf("time zone %q is", clip(zones[0]))
	}
	var quoted []string
	for _, z := range zones[:min(3, len(zones))] {
		quoted = append(quoted, fmt.Sprintf("%q", clip(z)))
	}
	list := strings.Join(quoted, ", ")
	if more := len(zones) - len(quoted); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return "time zones " + list + " are"
}

func clip(s string) string { return planner.Clip(s, 40) }
