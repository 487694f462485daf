package ical

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mesoplan/mesoplan/planner"
)

// ReadBusy reads the events that make the patient busy from an iCalendar
// file exported by their calendar app (RFC 5545): every event between from
// and to, recurring ones expanded (RRULE, RDATE, EXDATE, and instances
// moved with RECURRENCE-ID), all-day events as whole days in loc, timed
// events in their own TZID. Transparent (free) and cancelled events are
// left out. A file that is not iCalendar is an error naming its line.
func ReadBusy(name string, data []byte, loc *time.Location, from, to time.Time) (events []planner.BusyEvent, err error) {
	if err := checkContentLines(name, data); err != nil {
		return nil, err
	}
	defer func() { // the decoder panics on some malformed parameters
		if r := recover(); r != nil {
			events, err = nil, fmt.Errorf("%s: not a readable iCalendar file: %v", name, r)
		}
	}()
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable iCalendar file: %v", name, strings.TrimPrefix(err.Error(), "ical: "))
	}
	// Instances moved or cancelled one by one replace their occurrence.
	overridden := map[string][]time.Time{}
	for _, ev := range cal.Events() {
		if rid := ev.Props.Get(goical.PropRecurrenceID); rid != nil {
			if t, _, err := readTime(rid, loc); err == nil {
				uid := propText(ev.Props, goical.PropUID)
				overridden[uid] = append(overridden[uid], t)
			}
		}
	}
	b := &budget{left: maxBusyOccurrences}
	for _, ev := range cal.Events() {
		got, err := busyOccurrences(ev, loc, from, to, overridden, b)
		if errors.Is(err, errTooMany) {
			return nil, fmt.Errorf("%s: more than %d occurrences in the planning window: export a shorter span of the calendar, or leave out the events that repeat every minute or hour", name, maxBusyOccurrences)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: event %q: %v", name, propText(ev.Props, goical.PropSummary), err)
		}
		events = append(events, got...)
	}
	slices.SortStableFunc(events, func(a, b planner.BusyEvent) int { return a.Start.Compare(b.Start) })
	return events, nil
}

func busyOccurrences(ev goical.Event, loc *time.Location, from, to time.Time, overridden map[string][]time.Time, b *budget) ([]planner.BusyEvent, error) {
	if strings.EqualFold(propText(ev.Props, goical.PropStatus), "CANCELLED") ||
		strings.EqualFold(propText(ev.Props, goical.PropTransparency), "TRANSPARENT") {
		return nil, nil
	}
	startProp := ev.Props.Get(goical.PropDateTimeStart)
	if startProp == nil {
		return nil, fmt.Errorf("no DTSTART")
	}
	start, allDay, err := readTime(startProp, loc)
	if err != nil {
		return nil, fmt.Errorf("DTSTART %q: %v", startProp.Value, err)
	}
	end := start
	switch {
	case ev.Props.Get(goical.PropDateTimeEnd) != nil:
		p := ev.Props.Get(goical.PropDateTimeEnd)
		if end, _, err = readTime(p, loc); err != nil {
			return nil, fmt.Errorf("DTEND %q: %v", p.Value, err)
		}
	case ev.Props.Get(goical.PropDuration) != nil:
		d, err := ev.Props.Get(goical.PropDuration).Duration()
		if err != nil {
			return nil, fmt.Errorf("DURATION: %v", err)
		}
		end = start.Add(d)
	case allDay:
		end = start.AddDate(0, 0, 1)
	}
	base := planner.BusyEvent{
		AllDay:      allDay,
		Summary:     propText(ev.Props, goical.PropSummary),
		Description: propText(ev.Props, goical.PropDescription),
	}
	for _, c := range ev.Props.Values(goical.PropCategories) {
		base.Categories = append(base.Categories, strings.Split(c.Value, ",")...)
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
	if rruleProp == nil || ev.Props.Get(goical.PropRecurrenceID) != nil {
		if b := at(start); b.End.After(from) && b.Start.Before(to) {
			return []planner.BusyEvent{b}, nil
		}
		return nil, nil
	}
	occ, err := expandRule(rruleProp.Value, start, at(start).End.Sub(start), from, to, b)
	if errors.Is(err, errTooMany) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("RRULE %q: %v", rruleProp.Value, err)
	}
	for _, p := range ev.Props.Values(goical.PropRecurrenceDates) {
		occ = append(occ, splitTimes(&p, loc)...)
	}
	var exdates []time.Time
	for _, p := range ev.Props.Values(goical.PropExceptionDates) {
		exdates = append(exdates, splitTimes(&p, loc)...)
	}
	skip := overridden[propText(ev.Props, goical.PropUID)]
	slices.SortFunc(occ, time.Time.Compare)
	occ = slices.CompactFunc(occ, time.Time.Equal)
	var out []planner.BusyEvent
	for _, t := range occ {
		if slices.ContainsFunc(skip, t.Equal) || slices.ContainsFunc(exdates, t.Equal) {
			continue
		}
		if e := at(t); e.End.After(from) && e.Start.Before(to) {
			out = append(out, e)
		}
	}
	return out, nil
}

// readTime reads a DATE or DATE-TIME: a date is midnight in loc; a
// date-time is in its TZID, UTC, or (floating, or a TZID Go does not know,
// such as Outlook's Windows zone names) in loc.
func readTime(p *goical.Prop, loc *time.Location) (time.Time, bool, error) {
	v := strings.TrimSpace(p.Value)
	if p.ValueType() == goical.ValueDate || len(v) == 8 {
		t, err := time.ParseInLocation("20060102", v, loc)
		return t, true, err
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		return t, false, err
	}
	zone := loc
	if tzid := p.Params.Get(goical.PropTimezoneID); tzid != "" {
		if z, err := time.LoadLocation(strings.Trim(tzid, "/")); err == nil {
			zone = z
		}
	}
	t, err := time.ParseInLocation("20060102T150405", v, zone)
	return t, false, err
}

// splitTimes reads a comma-separated EXDATE or RDATE value.
func splitTimes(p *goical.Prop, loc *time.Location) []time.Time {
	var out []time.Time
	for _, v := range strings.Split(p.Value, ",") {
		q := *p
		q.Value = v
		if t, _, err := readTime(&q, loc); err == nil {
			out = append(out, t)
		}
	}
	return out
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

var reContentName = regexp.MustCompile(`^[A-Za-z0-9-]+[;:]`)

// checkContentLines checks the file's shape line by line before decoding,
// so that a mistake is reported with its line: a file that does not start
// with BEGIN:VCALENDAR, a line that is not NAME[;PARAMS]:VALUE, an END
// that closes the wrong component.
func checkContentLines(name string, data []byte) error {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	var stack []string
	first := true
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if line == "" || line[0] == ' ' || line[0] == '\t' {
			continue // blank, or a folded continuation
		}
		if first {
			first = false
			if !strings.EqualFold(strings.TrimSpace(line), "BEGIN:VCALENDAR") {
				return fmt.Errorf("%s:%d: not an iCalendar file: it must start with BEGIN:VCALENDAR, found %q", name, n, clip(line))
			}
		}
		if !reContentName.MatchString(line) || !strings.Contains(line, ":") {
			return fmt.Errorf("%s:%d: not an iCalendar line: %q (want NAME:VALUE)", name, n, clip(line))
		}
		key, value, _ := strings.Cut(line, ":")
		switch strings.ToUpper(key) {
		case "BEGIN":
			stack = append(stack, strings.ToUpper(strings.TrimSpace(value)))
		case "END":
			want := strings.ToUpper(strings.TrimSpace(value))
			if len(stack) == 0 || stack[len(stack)-1] != want {
				return fmt.Errorf("%s:%d: END:%s does not close the open component", name, n, value)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if first {
		return fmt.Errorf("%s: empty file, not an iCalendar file", name)
	}
	if len(stack) > 0 {
		return fmt.Errorf("%s: BEGIN:%s is never closed", name, stack[len(stack)-1])
	}
	return nil
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
