package ical

import (
	"fmt"
	"sync"
	"time"

	ics "github.com/arran4/golang-ical"
)

// localLayout is a DATE-TIME in local (wall-clock) form, RFC 5545 section
// 3.3.5, form #2 when it carries a TZID.
const localLayout = "20060102T150405"

// transition is a change of UTC offset in a zone.
type transition struct {
	at         time.Time // the instant of the change
	fromOffset int       // seconds east of UTC before it
	toOffset   int       // ... and after it
	name       string    // abbreviation in force after it, e.g. "CEST"
	dst        bool      // whether daylight saving time is in force after it
}

// transitions lists the offset changes of loc between from and to, found by
// probing Go's zone data day by day and bisecting each change to the second.
func transitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	_, prev := from.In(loc).Zone()
	for t := from; t.Before(to); {
		next := t.Add(24 * time.Hour)
		if _, off := next.In(loc).Zone(); off != prev {
			lo, hi := t, next // the change lies in (lo, hi]
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, o := mid.In(loc).Zone(); o == prev {
					lo = mid
				} else {
					hi = mid
				}
			}
			name, off := hi.In(loc).Zone()
			out = append(out, transition{at: hi, fromOffset: prev, toOffset: off, name: name, dst: hi.In(loc).IsDST()})
			prev = off
		}
		t = next
	}
	return out
}

// vtimezone builds the VTIMEZONE of loc for events between from and to
// (RFC 5545 section 3.6.5): one observance for the offset in force at from,
// then one per offset change up to to, each with its exact DTSTART. A zone
// without changes in that span gets a single STANDARD observance.
// golang-ical's own AddTimezone writes an empty VTIMEZONE, which parsers
// read as UTC or reject.
func vtimezone(loc *time.Location, from, to time.Time, cache *ZoneCache) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	// Start a year early so the first observance's DTSTART precedes every
	// event, whatever a client assumes about earlier times.
	begin := time.Date(from.In(loc).Year()-1, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := to.AddDate(1, 0, 0)
	name, off := begin.In(loc).Zone()
	tz.Components = append(tz.Components, observance(begin.In(loc).IsDST(), begin.Add(time.Duration(off)*time.Second), off, off, name))
	for _, tr := range cache.transitions(loc, begin, end) {
		// DTSTART of an observance is the wall-clock time of the change in
		// the offset in force before it (TZOFFSETFROM).
		local := tr.at.Add(time.Duration(tr.fromOffset) * time.Second)
		tz.Components = append(tz.Components, observance(tr.dst, local, tr.fromOffset, tr.toOffset, tr.name))
	}
	return tz
}

// observance is a STANDARD or DAYLIGHT sub-component; local is a wall-clock
// time carried in a UTC time.Time.
func observance(dst bool, local time.Time, from, to int, name string) ics.Component {
	base := ics.ComponentBase{}
	base.AddProperty(ics.ComponentPropertyDtStart, local.UTC().Format(localLayout))
	base.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(from))
	base.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(to))
	base.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	if dst {
		return &ics.Daylight{ComponentBase: base}
	}
	return &ics.Standard{ComponentBase: base}
}

// utcOffset formats seconds east of UTC as RFC 5545's UTC-OFFSET, "+0100"
// (section 3.3.14), with seconds only when there are any.
func utcOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	h, m, s := secs/3600, secs/60%60, secs%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// ZoneCache keeps the offset changes of each zone found for one export,
// for the next: a batch writes thousands of calendars in a few zones, and
// finding the changes day by day was a twentieth of each. Safe for
// concurrent use; the zero value is ready, and a nil *ZoneCache finds them
// every time.
type ZoneCache struct {
	mu    sync.Mutex
	known map[zoneYear]*zoneChanges
}

// zoneYear names the changes of a zone found from the first instant of a
// year (UTC).
type zoneYear struct {
	zone  string
	begin int64
}

// zoneChanges are the changes found from begin, day by day, up to until:
// those of [transitions] from begin to any end at or before until.
type zoneChanges struct {
	until time.Time
	found []transition
}

// transitions is the package's transitions(loc, begin, end), from the
// cache when it has them. The probe steps a day at a time from begin, so
// the changes it finds up to end are those a longer probe from the same
// begin finds up to the last step before end, plus a day.
func (c *ZoneCache) transitions(loc *time.Location, begin, end time.Time) []transition {
	if c == nil {
		return transitions(loc, begin, end)
	}
	steps := (end.Sub(begin) + 24*time.Hour - 1) / (24 * time.Hour) // the loop's steps
	limit := begin.Add(steps * 24 * time.Hour)                      // the last probe's end
	key := zoneYear{loc.String(), begin.Unix()}
	c.mu.Lock()
	z := c.known[key]
	c.mu.Unlock()
	if z == nil || z.until.Before(limit) {
		// Far enough for any course, so that it is found once.
		until := begin.Add(max(steps, 12*366) * 24 * time.Hour)
		z = &zoneChanges{until: until, found: transitions(loc, begin, until)}
		c.mu.Lock()
		if c.known == nil {
			c.known = map[zoneYear]*zoneChanges{}
		}
		c.known[key] = z
		c.mu.Unlock()
	}
	n := 0
	for n < len(z.found) && !z.found[n].at.After(limit) {
		n++
	}
	return z.found[:n:n]
}
