package ical

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	goical "github.com/emersion/go-ical"
)

// zones reads the times of one event: TZIDs, floating times, and the
// zones it names that are not known.
type zones struct {
	plan     *time.Location // the plan's zone: all-day dates, unknown zones
	floating *time.Location // times with neither TZID nor Z
	unknown  []string       // TZIDs not known, read in plan
	own      *calZones      // the calendar's VTIMEZONEs, for TZIDs Go does not know
}

// floatingZone is the calendar's X-WR-TIMEZONE if it names a zone, else
// the plan's.
func floatingZone(wr string, plan *time.Location) *time.Location {
	if z, ok := lookupZone(wr); ok {
		return z
	}
	return plan
}

// readTime reads a DATE, a DATE-TIME or (for RDATE) a PERIOD's start: a
// date is midnight in the plan's zone; a date-time is in its TZID, in UTC,
// or floating.
func (z *zones) readTime(p *goical.Prop) (time.Time, bool, error) {
	v := strings.TrimSpace(p.Value)
	if i := strings.IndexByte(v, '/'); i >= 0 && strings.EqualFold(p.Params.Get(goical.ParamValue), "PERIOD") {
		v = v[:i]
	}
	if len(v) == 8 || strings.EqualFold(p.Params.Get(goical.ParamValue), "DATE") {
		t, err := time.ParseInLocation("20060102", v, z.plan)
		return t, true, dateError(err, v)
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse("20060102T150405Z", v)
		return t, false, dateError(err, v)
	}
	loc := z.floating
	if tzid := p.Params.Get(goical.PropTimezoneID); tzid != "" {
		if l, ok := lookupZone(tzid); ok {
			loc = l
		} else if l, ok := z.own.lookup(strings.TrimSpace(tzid)); ok {
			loc = l
		} else {
			loc = z.plan
			if !contains(z.unknown, tzid) {
				z.unknown = append(z.unknown, tzid)
			}
		}
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	return t, false, dateError(err, v)
}

// dateError says what is wrong with a date without Go's layout strings.
func dateError(err error, v string) error {
	if err == nil {
		return nil
	}
	var pe *time.ParseError
	if errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
		return fmt.Errorf("%q is not a real date or time", v)
	}
	return fmt.Errorf("%q is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS, Z for UTC)", v)
}

// splitTimes reads a comma-separated EXDATE or RDATE value.
func (z *zones) splitTimes(p *goical.Prop) ([]time.Time, error) {
	var out []time.Time
	for _, v := range strings.Split(p.Value, ",") {
		q := *p
		q.Value = v
		t, _, err := z.readTime(&q)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

var zoneCache sync.Map // TZID → *time.Location, or nil if not known

// lookupZone finds the IANA zone a TZID means: an IANA name; a Windows
// zone by id or display name (CLDR's windowsZones); or an IANA name after
// a prefix, as old Mozilla and libical exports write them
// ("/mozilla.org/20070129_1/Europe/Rome",
// "/freeassociation.sourceforge.net/Tzfile/Europe/Rome").
func lookupZone(tzid string) (*time.Location, bool) {
	tzid = strings.TrimSpace(tzid)
	if tzid == "" || len(tzid) > 200 {
		return nil, false
	}
	if l, ok := zoneCache.Load(tzid); ok {
		loc, _ := l.(*time.Location)
		return loc, loc != nil
	}
	loc := findZone(tzid)
	zoneCache.Store(tzid, loc)
	return loc, loc != nil
}

func findZone(tzid string) *time.Location {
	if w, ok := windowsZone(tzid); ok {
		tzid = w
	}
	name := strings.Trim(tzid, "/")
	for name != "" {
		if strings.Contains(name, "/") || isZoneName(name) {
			if loc, err := time.LoadLocation(name); err == nil && name != "Local" {
				return loc
			}
		}
		_, rest, ok := strings.Cut(name, "/")
		if !ok {
			break
		}
		name = rest
	}
	return nil
}

// isZoneName accepts the single-word IANA names worth trying (UTC, GMT,
// EST...), not arbitrary words.
func isZoneName(s string) bool {
	return s == strings.ToUpper(s) && len(s) <= 7
}

var windowsByName = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, z := range windowsZones {
		m[strings.ToLower(z.windows)] = z.iana
		m[strings.ToLower(displayPlace(z.display))] = z.iana
	}
	return m
})

// windowsZone maps a Windows zone id or display name to its IANA zone.
func windowsZone(tzid string) (string, bool) {
	m := windowsByName()
	if z, ok := m[strings.ToLower(tzid)]; ok {
		return z, true
	}
	if strings.HasPrefix(tzid, "(") {
		z, ok := m[strings.ToLower(displayPlace(tzid))]
		return z, ok
	}
	return "", false
}

// displayPlace drops the offset from a display name: "(UTC-05:00) Eastern
// Time (US & Canada)" and "(GMT-05:00) Eastern Time (US & Canada)" are
// both "Eastern Time (US & Canada)".
func displayPlace(s string) string {
	if strings.HasPrefix(s, "(") {
		if _, rest, ok := strings.Cut(s, ") "); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
