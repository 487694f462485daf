package ical

import (
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// checkObservances checks every observance of a VTIMEZONE read back from
// a file against Go's zone data: the instant DTSTART-in-TZOFFSETFROM is
// exactly when the offset changes from TZOFFSETFROM to TZOFFSETTO, TZNAME
// is the abbreviation in force then, and DAYLIGHT marks daylight saving
// time. The first observance (TZOFFSETFROM == TZOFFSETTO) gives the offset
// in force at its DTSTART. Every offset change between the first onset and
// until must be an observance.
func checkObservances(t *testing.T, z *zoneRules, loc *time.Location, until time.Time) {
	t.Helper()
	if len(z.onsets) == 0 {
		t.Fatalf("VTIMEZONE %s has no observance", z.tzid)
	}
	for i, o := range z.onsets {
		name, off := o.at.In(loc).Zone()
		if off != o.to {
			t.Errorf("%s observance %d (DTSTART %s): TZOFFSETTO %s, Go's offset at %s is %s", z.tzid, i, o.wall.Format("20060102T150405"), utcOffset(o.to), o.at, utcOffset(off))
		}
		if name != o.name {
			t.Errorf("%s observance %d (DTSTART %s): TZNAME %q, Go says %q", z.tzid, i, o.wall.Format("20060102T150405"), o.name, name)
		}
		if dst := o.at.In(loc).IsDST(); dst != o.daylight {
			t.Errorf("%s observance %d (DTSTART %s): DAYLIGHT=%v, Go's IsDST=%v", z.tzid, i, o.wall.Format("20060102T150405"), o.daylight, dst)
		}
		if i == 0 {
			if o.from != o.to {
				t.Errorf("%s first observance: TZOFFSETFROM %s != TZOFFSETTO %s", z.tzid, utcOffset(o.from), utcOffset(o.to))
			}
			continue
		}
		if o.from == o.to {
			t.Errorf("%s observance %d (DTSTART %s) changes nothing (%s to %s)", z.tzid, i, o.wall.Format("20060102T150405"), utcOffset(o.from), utcOffset(o.to))
		}
		if _, before := o.at.Add(-time.Second).In(loc).Zone(); before != o.from {
			t.Errorf("%s observance %d (DTSTART %s): TZOFFSETFROM %s, but Go's offset a second before %s is %s", z.tzid, i, o.wall.Format("20060102T150405"), utcOffset(o.from), o.at, utcOffset(before))
		}
		if prev := z.onsets[i-1]; prev.to != o.from {
			t.Errorf("%s observance %d: TZOFFSETFROM %s, but the previous observance went to %s", z.tzid, i, utcOffset(o.from), utcOffset(prev.to))
		}
	}
	// Completeness: probe Go's zone every hour; every change must be an
	// onset in the file.
	at := map[time.Time]bool{}
	for _, o := range z.onsets {
		at[o.at] = true
	}
	prevT := z.onsets[0].at
	_, prevOff := prevT.In(loc).Zone()
	for u := prevT.Add(time.Hour); !u.After(until); u = u.Add(time.Hour) {
		if _, off := u.In(loc).Zone(); off != prevOff {
			found := false
			for o := range at {
				if o.After(prevT) && !o.After(u) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: Go's offset changes from %s to %s between %s and %s, but the VTIMEZONE has no observance there", z.tzid, utcOffset(prevOff), utcOffset(off), prevT, u)
			}
			prevOff = off
		}
		prevT = u
	}
}

// fullYearSpec is a plan that spans both 2027 changes of every zone
// (January to late November): body-contouring with the longest course,
// weekly then every 15 days.
func fullYearSpec(zone string) planSpec {
	return planSpec{treatment: "body-contouring", zone: zone, start: "2027-01-04", at: "10:00", sessions: 25}
}

// TestVTimezoneMatchesGoZoneData checks the VTIMEZONE of each zone
// against Go's zone data and against the 2027 changes known from the IANA
// rules.
func TestVTimezoneMatchesGoZoneData(t *testing.T) {
	type change struct {
		at       string // the instant of the change, UTC
		from, to string
		daylight bool
	}
	tests := []struct {
		zone    string
		changes []change // 2027's changes, each of which must be an observance
	}{
		{"Europe/Rome", []change{{"2027-03-28T01:00:00Z", "+0100", "+0200", true}, {"2027-10-31T01:00:00Z", "+0200", "+0100", false}}},
		{"America/New_York", []change{{"2027-03-14T07:00:00Z", "-0500", "-0400", true}, {"2027-11-07T06:00:00Z", "-0400", "-0500", false}}},
		{"Australia/Sydney", []change{{"2027-04-03T16:00:00Z", "+1100", "+1000", false}, {"2027-10-02T16:00:00Z", "+1000", "+1100", true}}},
		{"Asia/Dubai", nil},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			s := fullYearSpec(tt.zone)
			p := makePlan(t, s)
			if first, last := p.Sessions[0].Start, p.Sessions[len(p.Sessions)-1].Start; first.Year() != 2027 || last.Before(time.Date(2027, 11, 10, 0, 0, 0, 0, time.UTC)) {
				t.Fatalf("the plan spans %s to %s, which misses some 2027 change", first, last)
			}
			o := defaultOptions(t, p, "", s.start)
			data := encode(t, p, o)
			cal := parse(t, data)
			zones := zonesOf(t, cal)
			z := zones[tt.zone]
			if z == nil || len(zones) != 1 {
				t.Fatalf("want one VTIMEZONE %s, got %v", tt.zone, zones)
			}
			loc := mustLoc(t, tt.zone)
			// The calendar's last instant: the recall date's end.
			until := time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)
			if m := p.Maintenance; m != nil && !m.Date.IsZero() {
				d := m.Date
				until = time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
			}
			checkObservances(t, z, loc, until)
			// The first observance precedes every event.
			earliest := p.Sessions[0].Start
			for _, w := range p.Windows {
				if w.Start.Before(earliest) {
					earliest = w.Start
				}
			}
			if day := time.Date(earliest.In(loc).Year(), earliest.In(loc).Month(), earliest.In(loc).Day(), 0, 0, 0, 0, loc); z.onsets[0].at.After(day) {
				t.Errorf("the first observance starts at %s, after the first event's day %s", z.onsets[0].at, day)
			}
			for _, c := range tt.changes {
				want, _ := time.Parse(time.RFC3339, c.at)
				found := false
				for _, o := range z.onsets {
					if o.at.Equal(want) {
						found = true
						if utcOffset(o.from) != c.from || utcOffset(o.to) != c.to || o.daylight != c.daylight {
							t.Errorf("change at %s: %s to %s daylight=%v, want %s to %s daylight=%v", c.at, utcOffset(o.from), utcOffset(o.to), o.daylight, c.from, c.to, c.daylight)
						}
					}
				}
				if !found {
					t.Errorf("no observance starts at %s (%s to %s)", c.at, c.from, c.to)
				}
			}
			if tt.changes == nil { // no DST: a single STANDARD
				if z.observances != 1 || len(z.onsets) != 1 {
					t.Fatalf("a zone without DST has %d observances, want a single STANDARD", z.observances)
				}
				if o := z.onsets[0]; o.daylight || o.from != o.to || utcOffset(o.to) != "+0400" {
					t.Errorf("Asia/Dubai observance: daylight=%v %s to %s, want STANDARD +0400 to +0400", o.daylight, utcOffset(o.from), utcOffset(o.to))
				}
			}
		})
	}
}

// TestVTimezoneAllZonesAllCases checks the VTIMEZONE of every export of
// the instants matrix against Go's zone data.
func TestVTimezoneAllZonesAllCases(t *testing.T) {
	for _, s := range instantCases() {
		if s.zone == "UTC" {
			continue
		}
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "", s.start)
			zones := zonesOf(t, parse(t, encode(t, p, o)))
			z := zones[s.zone]
			if z == nil {
				t.Fatalf("no VTIMEZONE %s", s.zone)
			}
			last := p.Sessions[len(p.Sessions)-1].End
			for _, w := range p.Windows {
				if w.End.After(last) {
					last = w.End
				}
			}
			checkObservances(t, z, mustLoc(t, s.zone), last.Add(48*time.Hour))
		})
	}
}

// TestUTCPlanHasNoVTimezone: a UTC plan has no VTIMEZONE, no TZID anywhere,
// and every DATE-TIME is written in UTC ("...Z").
func TestUTCPlanHasNoVTimezone(t *testing.T) {
	for _, tr := range treatments {
		t.Run(tr, func(t *testing.T) {
			s := planSpec{treatment: tr, zone: "UTC", start: "2027-03-20", at: "09:30"}
			p := makePlan(t, s)
			o := defaultOptions(t, p, "", s.start)
			o.Clinic = Clinic{Name: "Clinic", Email: "front-desk@example.org"}
			data := encode(t, p, o)
			if strings.Contains(string(data), "VTIMEZONE") || strings.Contains(string(data), "TZID") {
				t.Errorf("a UTC plan's export mentions VTIMEZONE or TZID")
			}
			for _, l := range contentLines(data) {
				switch propName(l) {
				case "DTSTART", "DTEND", "DTSTAMP", "TRIGGER":
					_, v, _ := strings.Cut(l, ":")
					if strings.Contains(l, "VALUE=DATE;") || strings.Contains(l, "VALUE=DATE:") || strings.HasPrefix(v, "-") || strings.HasPrefix(v, "P") {
						continue // a DATE or a relative trigger
					}
					if !strings.HasSuffix(v, "Z") {
						t.Errorf("%q: want a UTC time ...Z", l)
					}
				}
			}
			cal := parse(t, data)
			if x := cal.Props.Get("X-WR-TIMEZONE"); x == nil || x.Value != "UTC" {
				t.Errorf("X-WR-TIMEZONE = %v, want UTC", x)
			}
			checkInstants(t, p, o, data)
		})
	}
}

func TestUTCOffset(t *testing.T) {
	tests := []struct {
		secs int
		want string
	}{
		{0, "+0000"},
		{3600, "+0100"},
		{7200, "+0200"},
		{-18000, "-0500"},
		{-14400, "-0400"},
		{36000, "+1000"},
		{39600, "+1100"},
		{14400, "+0400"},
		{19800, "+0530"},   // Asia/Kolkata
		{-12600, "-0330"},  // America/St_Johns
		{-9000, "-0230"},   // America/St_Johns, daylight saving
		{45900, "+1245"},   // Pacific/Chatham
		{50400, "+1400"},   // Pacific/Kiritimati
		{-43200, "-1200"},  // Etc/GMT+12
		{-2670, "-004430"}, // Africa/Monrovia until 1972
		{-2668, "-004428"}, // Africa/Monrovia LMT
		{3661, "+010101"},
		{-1, "-000001"},
		{59, "+000059"},
		{1172, "+001932"}, // Europe/Amsterdam until 1937
	}
	for _, tt := range tests {
		if got := utcOffset(tt.secs); got != tt.want {
			t.Errorf("utcOffset(%d) = %q, want %q", tt.secs, got, tt.want)
		}
		// And the parser of the tests reads it back.
		if back, err := parseUTCOffset(tt.want); err != nil || back != tt.secs {
			t.Errorf("parseUTCOffset(%q) = %d, %v; want %d", tt.want, back, err, tt.secs)
		}
	}
}

// TestVTimezoneOffsetWithSeconds: Africa/Monrovia was at -0:44:30 until
// 7 January 1972; the VTIMEZONE carries the seconds and the exact change.
func TestVTimezoneOffsetWithSeconds(t *testing.T) {
	loc := mustLoc(t, "Africa/Monrovia")
	from := time.Date(1971, 12, 1, 12, 0, 0, 0, time.UTC)
	to := time.Date(1972, 2, 1, 12, 0, 0, 0, time.UTC)
	cal := ics.NewCalendarFor("test")
	cal.CalendarProperties = nil
	cal.SetVersion("2.0")
	cal.SetProductId("-//test//EN")
	cal.AddVTimezone(vtimezone(loc, from, to, nil))
	var b strings.Builder
	if err := cal.SerializeTo(&b, &ics.SerializationConfiguration{MaxLength: 1 << 30, PropertyMaxLength: 1 << 30, NewLine: "\r\n"}); err != nil {
		t.Fatal(err)
	}
	data := []byte(fold(b.String()))
	if !strings.Contains(string(data), "TZOFFSETFROM:-004430\r\n") {
		t.Errorf("no TZOFFSETFROM:-004430 in\n%s", data)
	}
	zones := zonesOf(t, parse(t, data))
	z := zones["Africa/Monrovia"]
	if z == nil {
		t.Fatalf("no VTIMEZONE Africa/Monrovia in\n%s", data)
	}
	checkObservances(t, z, loc, to)
	found := false
	for _, o := range z.onsets {
		if o.from == -2670 && o.to == 0 {
			found = true
			if _, off := o.at.Add(-time.Second).In(loc).Zone(); off != -2670 {
				t.Errorf("the change to GMT is at %s, but Go's offset just before is %d", o.at, off)
			}
		}
	}
	if !found {
		t.Errorf("no observance from -004430 to +0000 in\n%s", data)
	}
}

// TestTransitionsToTheSecond checks the transition finder against the
// known 2027 changes directly.
func TestTransitionsToTheSecond(t *testing.T) {
	tests := []struct {
		zone string
		want []string // instants of the changes in 2027, UTC
	}{
		{"Europe/Rome", []string{"2027-03-28T01:00:00Z", "2027-10-31T01:00:00Z"}},
		{"America/New_York", []string{"2027-03-14T07:00:00Z", "2027-11-07T06:00:00Z"}},
		{"Australia/Sydney", []string{"2027-04-03T16:00:00Z", "2027-10-02T16:00:00Z"}},
		{"Asia/Dubai", nil},
		{"UTC", nil},
	}
	for _, tt := range tests {
		loc := mustLoc(t, tt.zone)
		got := transitions(loc, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d transitions in 2027, want %d: %+v", tt.zone, len(got), len(tt.want), got)
			continue
		}
		for i, w := range tt.want {
			if g := got[i].at.UTC().Format(time.RFC3339); g != w {
				t.Errorf("%s transition %d at %s, want %s", tt.zone, i, g, w)
			}
		}
	}
}

// TestVTimezoneSpansMultipleYears: a course from November to the next
// spring gets the changes of both years.
func TestVTimezoneSpansMultipleYears(t *testing.T) {
	s := planSpec{treatment: "hair", zone: "Europe/Rome", start: "2027-10-20", at: "10:00", sessions: 15}
	p := makePlan(t, s)
	last := p.Sessions[len(p.Sessions)-1].End
	if last.Year() != 2028 || last.Month() < time.April {
		t.Fatalf("the course ends %s, want after the March 2028 change", last)
	}
	zones := zonesOf(t, parse(t, encode(t, p, defaultOptions(t, p, "", s.start))))
	z := zones["Europe/Rome"]
	checkObservances(t, z, mustLoc(t, "Europe/Rome"), last)
	for _, want := range []string{"2027-10-31T01:00:00Z", "2028-03-26T01:00:00Z"} {
		w, _ := time.Parse(time.RFC3339, want)
		ok := false
		for _, o := range z.onsets {
			ok = ok || o.at.Equal(w)
		}
		if !ok {
			t.Errorf("no observance at %s", want)
		}
	}
}

// TestZoneCacheMatchesTransitions: the changes a ZoneCache gives are those
// transitions finds, for every zone, first year and end, whichever export
// asked first.
func TestZoneCacheMatchesTransitions(t *testing.T) {
	var cache ZoneCache
	ends := []int{1, 2, 30, 179, 180, 365, 366, 400, 800, 1500, 5000}
	for _, zone := range append(testZones, "Pacific/Chatham", "Asia/Kolkata", "America/St_Johns") {
		loc := mustLoc(t, zone)
		for _, year := range []int{2026, 2027, 2030} {
			begin := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
			for _, days := range ends {
				for _, extra := range []time.Duration{0, time.Second, 5 * time.Hour, 23*time.Hour + 59*time.Minute} {
					end := begin.Add(time.Duration(days)*24*time.Hour + extra)
					got, want := cache.transitions(loc, begin, end), transitions(loc, begin, end)
					if len(got) != len(want) {
						t.Fatalf("%s from %d to %s: %d changes, want %d", zone, year, end, len(got), len(want))
					}
					for i := range got {
						if got[i] != want[i] {
							t.Fatalf("%s from %d to %s: change %d is %+v, want %+v", zone, year, end, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
	var none *ZoneCache
	loc := mustLoc(t, "Europe/Rome")
	begin := time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC)
	if got := none.transitions(loc, begin, begin.AddDate(2, 0, 0)); len(got) != 4 {
		t.Errorf("a nil cache found %d changes in two years of Rome, want 4", len(got))
	}
}
