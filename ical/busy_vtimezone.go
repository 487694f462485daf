package ical

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A calendar's own VTIMEZONE (RFC 5545 section 3.6.5) is read when its
// TZID names no zone Go knows (neither IANA, Windows nor Mozilla-style).
//
// The zone is built as a real *time.Location: the onsets of its STANDARD
// and DAYLIGHT observances are computed year by year over a bounded span
// and written out as TZif data for time.LoadLocationFromTZData. Every
// reader of times (DTSTART, DTEND, RDATE, EXDATE, RECURRENCE-ID) and the
// recurrence expansion by rrule-go then treat it as they treat an IANA
// zone: wall-clock times keep their local hour across the zone's changes,
// with no second path for expanding in wall-clock terms and converting.
// Past the span the last offset stays in force.

// Bounds on what one VTIMEZONE may cost, so that a hostile file cannot
// stall reading: years computed, observances, onsets in all.
const (
	vtzFirstYear    = 1900 // onsets before are not computed
	vtzLastYear     = 2200 // nor after
	maxObservances  = 64
	maxVtzOnsets    = 4000
	maxVtzRDates    = 1000
	maxVTimezones   = 100 // per calendar; more are passed over
	maxZoneTypes    = 20  // offsets and names; 20 abbreviations fit TZif's 255 bytes
	maxObsPropLines = 200
)

// rawZone is a VTIMEZONE as read from the file.
type rawZone struct {
	tzid string
	obs  []rawObservance
	bad  bool // more than the bounds allow
}

// rawObservance is a STANDARD or DAYLIGHT component's properties.
type rawObservance struct {
	daylight bool
	props    []contentLine
}

// calZones are the VTIMEZONEs of one calendar, built on first use.
type calZones struct {
	raw   map[string]*rawZone
	built map[string]*time.Location // nil where the zone cannot be read
}

// lookup returns the location the calendar's own VTIMEZONE with this TZID
// describes, if it has one that can be read.
func (c *calZones) lookup(tzid string) (*time.Location, bool) {
	if c == nil {
		return nil, false
	}
	if loc, ok := c.built[tzid]; ok {
		return loc, loc != nil
	}
	var loc *time.Location
	if rz, ok := c.raw[tzid]; ok && !rz.bad {
		loc, _ = buildZone(rz)
	}
	if c.built == nil {
		c.built = map[string]*time.Location{}
	}
	c.built[tzid] = loc
	return loc, loc != nil
}

// zoneOnset is a change of offset: at instant at, the offset becomes to.
type zoneOnset struct {
	at       int64 // Unix seconds
	from, to int   // seconds east of UTC
	daylight bool
	name     string
}

// buildZone computes the onsets of every observance and makes the zone.
func buildZone(rz *rawZone) (*time.Location, error) {
	if len(rz.obs) == 0 || len(rz.obs) > maxObservances {
		return nil, errors.New("no observances, or too many")
	}
	var all []zoneOnset
	for _, o := range rz.obs {
		ons, err := observanceOnsets(o)
		if err != nil {
			return nil, err
		}
		all = append(all, ons...)
		if len(all) > maxVtzOnsets {
			return nil, errors.New("too many onsets")
		}
	}
	if len(all) == 0 {
		return nil, errors.New("no onsets")
	}
	slices.SortStableFunc(all, func(a, b zoneOnset) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	data, err := tzif(all)
	if err != nil {
		return nil, err
	}
	return time.LoadLocationFromTZData(rz.tzid, data)
}

// observanceOnsets reads one observance: DTSTART (local time in the
// TZOFFSETFROM offset), TZOFFSETFROM, TZOFFSETTO, TZNAME, and the onsets
// its RRULE and RDATEs add.
func observanceOnsets(o rawObservance) ([]zoneOnset, error) {
	var (
		start          time.Time // local wall time, read as UTC
		from, to       int
		haveFrom, have bool
		name           string
		rule           string
		rdates         []string
	)
	for _, p := range o.props {
		v := strings.TrimSpace(p.value)
		var err error
		switch p.name {
		case "DTSTART":
			start, err = time.Parse(localLayout, v)
		case "TZOFFSETFROM":
			from, err = parseOffset(v)
			haveFrom = true
		case "TZOFFSETTO":
			to, err = parseOffset(v)
			have = true
		case "TZNAME":
			if name == "" {
				name = v
			}
		case "RRULE":
			if rule != "" {
				return nil, errors.New("more than one RRULE")
			}
			rule = v
		case "RDATE":
			rdates = append(rdates, strings.Split(v, ",")...)
			if len(rdates) > maxVtzRDates {
				return nil, errors.New("too many RDATEs")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s %q: %v", p.name, v, err)
		}
	}
	if start.IsZero() || !haveFrom || !have {
		return nil, errors.New("an observance needs DTSTART, TZOFFSETFROM and TZOFFSETTO")
	}
	mk := func(local time.Time) zoneOnset {
		return zoneOnset{at: local.Unix() - int64(from), from: from, to: to, daylight: o.daylight, name: name}
	}
	out := []zoneOnset{mk(start)}
	for _, r := range rdates {
		r = strings.TrimSpace(r)
		t, err := time.Parse(localLayout, r)
		if err != nil {
			if t, err = time.Parse("20060102T150405Z", r); err != nil {
				return nil, fmt.Errorf("RDATE %q: not a date-time", r)
			}
			t = t.Add(time.Duration(from) * time.Second) // back to local
		}
		out = append(out, mk(t))
	}
	if rule != "" {
		locals, err := yearlyOnsets(rule, start, from)
		if err != nil {
			return nil, err
		}
		for _, l := range locals {
			out = append(out, mk(l))
		}
	}
	return out, nil
}

// parseOffset reads a UTC-OFFSET: +HHMM or -HHMM, optionally with seconds.
func parseOffset(v string) (int, error) {
	if (len(v) != 5 && len(v) != 7) || (v[0] != '+' && v[0] != '-') {
		return 0, errors.New("not a UTC offset (+HHMM)")
	}
	n := 0
	for i, unit := range []int{3600, 60, 1} {
		if 1+2*i >= len(v) {
			break
		}
		d, err := strconv.Atoi(v[1+2*i : 3+2*i])
		if err != nil || d < 0 || d > 59 || (i == 0 && d > 23) {
			return 0, errors.New("not a UTC offset (+HHMM)")
		}
		n += d * unit
	}
	if v[0] == '-' {
		n = -n
	}
	return n, nil
}

// yearlyOnsets expands the rules zones are written with: FREQ=YEARLY, in
// one BYMONTH (or DTSTART's month), on a BYDAY with an ordinal (2SU, -1SU),
// a BYMONTHDAY, or a weekday among BYMONTHDAYs (SU in 8..14), with an
// optional UNTIL or COUNT. Any other rule is refused: the zone is then
// not read at all rather than read wrong. The onsets after DTSTART are
// returned as local wall times, up to vtzLastYear.
func yearlyOnsets(rule string, start time.Time, from int) ([]time.Time, error) {
	var (
		freq     string
		month    = start.Month()
		weekday  = -1
		ordinal  = 0
		mdays    []int
		until    time.Time
		count    = -1
		interval = 1
	)
	for _, part := range strings.Split(rule, ";") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("RRULE %q cannot be read", rule)
		}
		var err error
		switch strings.ToUpper(k) {
		case "FREQ":
			freq = strings.ToUpper(v)
		case "BYMONTH":
			var m int
			m, err = strconv.Atoi(v)
			if err == nil && (m < 1 || m > 12) {
				err = errors.New("no such month")
			}
			month = time.Month(m)
		case "BYDAY":
			weekday, ordinal, err = parseByDay(v)
		case "BYMONTHDAY":
			for _, s := range strings.Split(v, ",") {
				d, e := strconv.Atoi(s)
				if e != nil || d == 0 || d < -31 || d > 31 {
					err = errors.New("no such day")
					break
				}
				mdays = append(mdays, d)
			}
		case "UNTIL":
			if until, err = time.Parse("20060102T150405Z", v); err == nil {
				until = until.Add(time.Duration(from) * time.Second) // as local time
			} else if until, err = time.Parse(localLayout, v); err != nil {
				until, err = time.Parse("20060102", v)
				until = until.Add(24*time.Hour - time.Second)
			}
		case "COUNT":
			count, err = strconv.Atoi(v)
			if err == nil && count < 1 {
				err = errors.New("COUNT below 1")
			}
		case "INTERVAL":
			interval, err = strconv.Atoi(v)
			if err == nil && interval != 1 {
				err = errors.New("only INTERVAL=1 is supported")
			}
		case "WKST":
		default:
			err = errors.New("not supported in a time zone")
		}
		if err != nil {
			return nil, fmt.Errorf("RRULE %q: %s: %v", rule, k, err)
		}
	}
	if freq != "YEARLY" {
		return nil, fmt.Errorf("RRULE %q: only FREQ=YEARLY is supported in a time zone", rule)
	}
	if ordinal != 0 && len(mdays) > 0 {
		return nil, fmt.Errorf("RRULE %q: BYDAY with an ordinal and BYMONTHDAY together are not supported", rule)
	}
	if weekday >= 0 && ordinal == 0 && len(mdays) == 0 {
		return nil, fmt.Errorf("RRULE %q: BYDAY without an ordinal needs BYMONTHDAY", rule)
	}
	if weekday < 0 && len(mdays) == 0 {
		mdays = []int{start.Day()}
	}
	h, mi, s := start.Clock()
	var out []time.Time
	first := max(start.Year(), vtzFirstYear)
	for y := first; y <= vtzLastYear; y++ {
		days := monthDays(y, month, weekday, ordinal, mdays)
		for _, d := range days {
			t := time.Date(y, month, d, h, mi, s, 0, time.UTC)
			if !t.After(start) {
				continue
			}
			if !until.IsZero() && t.After(until) || count == 0 {
				return out, nil
			}
			out = append(out, t)
			if count > 0 {
				count--
			}
			if len(out) > maxVtzOnsets {
				return nil, errors.New("too many onsets")
			}
		}
	}
	return out, nil
}

// parseByDay reads one weekday with an optional ordinal: SU, 1SU, -1SU.
func parseByDay(v string) (weekday, ordinal int, err error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if strings.Contains(v, ",") || len(v) < 2 {
		return 0, 0, errors.New("one weekday is supported")
	}
	wd := slices.Index([]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}, v[len(v)-2:])
	if wd < 0 {
		return 0, 0, errors.New("not a weekday")
	}
	if n := v[:len(v)-2]; n != "" {
		if ordinal, err = strconv.Atoi(strings.TrimPrefix(n, "+")); err != nil || ordinal == 0 || ordinal < -5 || ordinal > 5 {
			return 0, 0, errors.New("not an ordinal from -5 to 5")
		}
	}
	return wd, ordinal, nil
}

// monthDays are the days of the month in year y the rule picks.
func monthDays(y int, m time.Month, weekday, ordinal int, mdays []int) []int {
	mlen := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	wd1 := int(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday())
	var out []int
	for d := 1; d <= mlen; d++ {
		if len(mdays) > 0 && !containsInt(mdays, d) && !containsInt(mdays, d-mlen-1) {
			continue
		}
		if weekday >= 0 {
			if (wd1+d-1)%7 != weekday {
				continue
			}
			if ordinal > 0 && (d-1)/7+1 != ordinal || ordinal < 0 && (mlen-d)/7+1 != -ordinal {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// tzif writes sorted onsets as TZif version 2 data (RFC 8536): an empty
// 32-bit block, then the 64-bit one. Type 0, used by no transition, is the
// offset before the first onset, which Go takes for earlier times.
func tzif(ons []zoneOnset) ([]byte, error) {
	type ttype struct {
		off  int
		dst  bool
		name string
	}
	types := []ttype{{off: ons[0].from, name: offsetName(ons[0].from)}}
	var chars []byte
	nameAt := map[string]int{}
	abbr := func(s string) int {
		if i, ok := nameAt[s]; ok {
			return i
		}
		nameAt[s] = len(chars)
		chars = append(append(chars, s...), 0)
		return nameAt[s]
	}
	var times []int64
	var idx []byte
	for _, o := range ons {
		name := o.name
		if !validAbbr(name) {
			name = offsetName(o.to)
		}
		t := ttype{o.to, o.daylight, name}
		i := slices.Index(types[1:], t) + 1
		if i == 0 {
			if len(types) == maxZoneTypes {
				return nil, errors.New("too many offsets")
			}
			types = append(types, t)
			i = len(types) - 1
		}
		if n := len(times); n > 0 && times[n-1] == o.at {
			idx[n-1] = byte(i) // two onsets at once: the later one listed wins
			continue
		}
		times = append(times, o.at)
		idx = append(idx, byte(i))
	}
	var b []byte
	header := func(timecnt, typecnt, charcnt int) {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} {
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
	}
	header(0, 1, 1)
	b = append(b, 0, 0, 0, 0, 0, 0, 0) // one type, UTC, and its empty name
	ttinfo := make([]byte, 0, 6*len(types))
	for _, t := range types {
		ttinfo = binary.BigEndian.AppendUint32(ttinfo, uint32(int32(t.off)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		ttinfo = append(ttinfo, dst, byte(abbr(t.name)))
	}
	header(len(times), len(types), len(chars))
	for _, t := range times {
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	b = append(b, idx...)
	b = append(b, ttinfo...)
	b = append(b, chars...)
	return append(b, '\n', '\n'), nil
}

// validAbbr accepts a TZNAME as an abbreviation: short, letters, digits
// and signs.
func validAbbr(s string) bool {
	if len(s) < 1 || len(s) > 10 {
		return false
	}
	for _, c := range []byte(s) {
		if !isNameByte(c) && c != '+' {
			return false
		}
	}
	return true
}

// offsetName names an offset as tzdata does when there is no abbreviation.
func offsetName(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	s := fmt.Sprintf("%c%02d", sign, off/3600)
	if m := off % 3600 / 60; m != 0 || off%60 != 0 {
		s += fmt.Sprintf("%02d", m)
	}
	if off%60 != 0 {
		s += fmt.Sprintf("%02d", off%60)
	}
	return s
}
