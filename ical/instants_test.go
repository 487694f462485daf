package ical

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// dstChanges2027 are the 2027 offset changes of each test zone (local
// dates). Zones without daylight saving time are exported around the
// European dates.
var dstChanges2027 = map[string][]string{
	"Europe/Rome":      {"2027-03-28", "2027-10-31"},
	"America/New_York": {"2027-03-14", "2027-11-07"},
	"Australia/Sydney": {"2027-04-04", "2027-10-03"},
	"Asia/Dubai":       {"2027-03-28", "2027-10-31"},
	"UTC":              {"2027-03-28", "2027-10-31"},
}

var testZones = []string{"Europe/Rome", "America/New_York", "Australia/Sydney", "Asia/Dubai", "UTC"}

// checkInstants parses an export back and checks every VEVENT against the
// plan: sessions and timed windows on exactly the plan's instants, all-day
// windows on every local date the window touches (DTEND exclusive), the
// recall on the maintenance date. It also checks the physical lines.
func checkInstants(t *testing.T, p *planner.Plan, o Options, data []byte) {
	t.Helper()
	checkLines(t, data)
	cal := parse(t, data)
	zones := zonesOf(t, cal)
	byUID := eventsByUID(t, cal)
	loc := p.Zone.Location()
	isUTC := p.Zone.String() == "UTC"
	if isUTC && len(zones) != 0 {
		t.Errorf("a UTC plan has %d VTIMEZONEs, want none", len(zones))
	}
	if !isUTC && (len(zones) != 1 || zones[p.Zone.String()] == nil) {
		t.Errorf("want exactly one VTIMEZONE with TZID %s, got %d", p.Zone.String(), len(zones))
	}
	seen := map[string]bool{}

	// checkTimed checks a DATE-TIME property against the plan's instant.
	// other is the event's other end: DTSTART and DTEND are written in the
	// same form, so both are in UTC when either is a repeated wall time.
	checkTimed := func(uid, prop string, want, other time.Time) {
		t.Helper()
		v := readValue(t, zones, byUID[uid].Props.Get(prop))
		if v.isDate {
			t.Errorf("%s %s is a DATE, want a DATE-TIME", uid, prop)
			return
		}
		if !v.instant.Equal(want) {
			t.Errorf("%s %s = %s, want %s (%s)", uid, prop, v.instant.UTC().Format(time.RFC3339), want.UTC().Format(time.RFC3339), want.In(loc).Format("2006-01-02 15:04 MST"))
		}
		switch {
		case isUTC && !v.utc:
			t.Errorf("%s %s: a UTC plan must write ...Z times, got TZID=%s", uid, prop, v.tzid)
		case !isUTC && v.utc:
			// Only an event with a wall time that occurs twice (the hour
			// repeated when the clocks go back) is written in UTC.
			repeated := func(at time.Time) bool {
				l := at.In(loc)
				wall := time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
				z := zones[p.Zone.String()]
				if z == nil {
					return true
				}
				_, n, _ := z.resolve(wall)
				return n > 1
			}
			if !repeated(want) && !repeated(other) {
				t.Errorf("%s %s is written in UTC though %s and the event's other end are ordinary local times", uid, prop, want.In(loc).Format("2006-01-02 15:04 MST"))
			}
		case !isUTC && v.tzid != p.Zone.String():
			t.Errorf("%s %s has TZID=%s, want %s", uid, prop, v.tzid, p.Zone.String())
		case !isUTC && v.occurrences > 1:
			t.Errorf("%s %s names a wall time that occurs twice (clients disagree on which); want it in UTC", uid, prop)
		}
	}

	for _, s := range p.Sessions {
		uid := sessionUID(o.PlanID, s.Number)
		if byUID[uid] == nil {
			t.Errorf("no event %s for session %d", uid, s.Number)
			continue
		}
		seen[uid] = true
		checkTimed(uid, "DTSTART", s.Start, s.End)
		checkTimed(uid, "DTEND", s.End, s.Start)
	}
	if !o.Detail {
		checkGroups(t, p, o, zones, byUID, seen, checkTimed)
	}
	for _, w := range p.Windows {
		if !o.Detail {
			break
		}
		uid := windowUID(o.PlanID, w)
		ev := byUID[uid]
		if ev == nil {
			t.Errorf("no event %s for the %s window %s of sessions %v", uid, w.Kind, w.Rule, w.Sessions)
			continue
		}
		seen[uid] = true
		dates := localDates(w.Start, w.End, loc)
		if len(dates) < 2 {
			checkTimed(uid, "DTSTART", w.Start, w.End)
			checkTimed(uid, "DTEND", w.End, w.Start)
			continue
		}
		start := readValue(t, zones, ev.Props.Get("DTSTART"))
		end := readValue(t, zones, ev.Props.Get("DTEND"))
		if !start.isDate || !end.isDate {
			t.Errorf("%s spans %d local dates (%s to %s) but is not an all-day event", uid, len(dates), w.Start.In(loc), w.End.In(loc))
			continue
		}
		if want := dates[0]; start.date != want {
			t.Errorf("%s DTSTART = %s, want %s (window %s to %s)", uid, start.date, want, w.Start.In(loc), w.End.In(loc))
		}
		if want := dates[len(dates)-1].AddDays(1); end.date != want {
			t.Errorf("%s DTEND = %s, want %s, the day after the last date the window touches (window %s to %s)", uid, end.date, want, w.Start.In(loc), w.End.In(loc))
		}
		// Independently of the expected dates: every date in
		// [DTSTART, DTEND) overlaps the window, the dates just outside do
		// not.
		for d := start.date; d.Before(end.date); d = d.AddDays(1) {
			ds, de := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc), time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
			if !ds.Before(w.End) || !de.After(w.Start) {
				t.Errorf("%s covers %s, which the window %s to %s does not touch", uid, d, w.Start.In(loc), w.End.In(loc))
			}
		}
		for _, d := range []planner.Date{start.date.AddDays(-1), end.date} {
			ds, de := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc), time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
			if ds.Before(w.End) && de.After(w.Start) {
				t.Errorf("%s leaves out %s, which the window %s to %s touches", uid, d, w.Start.In(loc), w.End.In(loc))
			}
		}
	}
	if m := p.Maintenance; m != nil && !m.Date.IsZero() {
		prefix := o.PlanID + "-maintenance-"
		var recall []string
		for uid := range byUID {
			if strings.HasPrefix(uid, prefix) {
				recall = append(recall, uid)
			}
		}
		if len(recall) != 1 {
			t.Errorf("want one recall event %s...@mesoplan, got %v", prefix, recall)
		} else {
			uid := recall[0]
			seen[uid] = true
			if !strings.HasSuffix(uid, "@mesoplan") {
				t.Errorf("recall UID %s has no @mesoplan domain", uid)
			}
			start := readValue(t, zones, byUID[uid].Props.Get("DTSTART"))
			end := readValue(t, zones, byUID[uid].Props.Get("DTEND"))
			want := m.Date
			if !start.isDate || start.date != want {
				t.Errorf("recall %s DTSTART = %+v, want the DATE %s", uid, start, m.Date)
			}
			if !end.isDate || end.date != want.AddDays(1) {
				t.Errorf("recall %s DTEND = %+v, want the DATE %s (exclusive)", uid, end, want.AddDays(1))
			}
		}
	}
	for uid := range byUID {
		if !seen[uid] {
			t.Errorf("event %s is not in the plan", uid)
		}
	}
	if len(byUID) != len(seen) {
		t.Errorf("%d events, want %d", len(byUID), len(seen))
	}
}

// instantCases are plans in every test zone for every built-in treatment,
// whose sessions (start 10 days before) or prep windows (start 2 days
// after) cross each 2027 offset change of the zone.
func instantCases() []planSpec {
	var out []planSpec
	for _, zone := range testZones {
		for _, change := range dstChanges2027[zone] {
			c, _ := planner.ParseDate(change)
			for _, tr := range treatments {
				for _, off := range []int{-10, 2} {
					s := planSpec{treatment: tr, zone: zone, start: c.AddDays(off).String(), at: "10:00"}
					if tr == "mesobotox" {
						s.sessions = 2 // one session would not cross anything
					}
					out = append(out, s)
				}
			}
		}
	}
	// Sessions on the night of the change itself: around the skipped
	// hour, ending in the repeated hour (a session cannot start in it:
	// see TestEncodeRefusesSessionInRepeatedHour), starting right after
	// it; windows that start or end in those hours.
	out = append(out, repeatedHourEdgeCases()...)
	out = append(out,
		planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-28", at: "01:45"},
		planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-27", at: "03:00"},
		planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-31", at: "03:00"},
		planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-30", at: "02:30"},
		planSpec{treatment: "hair", zone: "America/New_York", start: "2027-03-14", at: "01:45"},
		planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "02:00"},
		planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-06", at: "01:00"},
		planSpec{treatment: "cellulite", zone: "Australia/Sydney", start: "2027-04-04", at: "03:00"},
		planSpec{treatment: "cellulite", zone: "Australia/Sydney", start: "2027-10-03", at: "01:45"},
		planSpec{treatment: "cellulite", zone: "Australia/Sydney", start: "2027-10-02", at: "03:00"},
		planSpec{treatment: "skin-quality", zone: "Asia/Dubai", start: "2027-12-28", at: "23:45"},
		planSpec{treatment: "analgesic", zone: "UTC", start: "2027-12-30", at: "00:00"},
		// Per-session windows instead of merged ones.
		planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-20", at: "08:00", perSession: true},
		planSpec{treatment: "body-contouring", zone: "America/New_York", start: "2027-10-20", at: "19:30", perSession: true},
		planSpec{treatment: "needle-free", zone: "Australia/Sydney", start: "2027-03-25", at: "10:00", perSession: true},
		planSpec{treatment: "mesobotox", zone: "UTC", start: "2027-03-25", at: "10:00", sessions: 2, perSession: true},
	)
	return out
}

// TestEventInstantsMatchPlan exports every case with the default options
// and checks every event against the plan.
func TestEventInstantsMatchPlan(t *testing.T) {
	for _, s := range instantCases() {
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "Zoë Quintavalle", s.start)
			checkInstants(t, p, o, encode(t, p, o))
		})
	}
}

// TestGroupedInstantsMatchPlan exports every case as a patient's grouped
// calendar and checks every event against the plan.
func TestGroupedInstantsMatchPlan(t *testing.T) {
	for _, s := range instantCases() {
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "", s.start)
			o.Detail = false
			checkInstants(t, p, o, encode(t, p, o))
		})
	}
}

// TestInstantCasesCrossDST makes sure the cases do what they claim: for
// every zone with daylight saving time, some session pair and some window
// of each treatment straddle each 2027 change.
func TestInstantCasesCrossDST(t *testing.T) {
	crossed := map[string]bool{} // zone/change/treatment/{session,window}
	for _, s := range instantCases() {
		loc := mustLoc(t, s.zone)
		p := makePlan(t, s)
		for _, change := range dstChanges2027[s.zone] {
			c := mustDate(t, change)
			noon := time.Date(c.Year, c.Month, c.Day, 12, 0, 0, 0, loc)
			_, before := noon.AddDate(0, 0, -1).Zone()
			_, after := noon.Zone()
			if before == after {
				continue
			}
			for i := 1; i < len(p.Sessions); i++ {
				if p.Sessions[i-1].Start.Before(noon) && p.Sessions[i].Start.After(noon) {
					crossed[s.zone+"/"+change+"/"+s.treatment+"/session"] = true
				}
			}
			for _, w := range p.Windows {
				if w.Start.Before(noon) && w.End.After(noon) {
					crossed[s.zone+"/"+change+"/"+s.treatment+"/window"] = true
				}
			}
		}
	}
	for _, zone := range []string{"Europe/Rome", "America/New_York", "Australia/Sydney"} {
		for _, change := range dstChanges2027[zone] {
			for _, tr := range treatments {
				for _, what := range []string{"session", "window"} {
					if !crossed[zone+"/"+change+"/"+tr+"/"+what] {
						t.Errorf("no %s of %s in %s crosses the change of %s", what, tr, zone, change)
					}
				}
			}
		}
	}
}

// repeatedHourEdgeCases are plans whose first session ends in the hour
// repeated when the clocks go back (its DTEND names the first of two
// instants with the same wall time).
func repeatedHourEdgeCases() []planSpec {
	return []planSpec{
		{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-31", at: "01:45"},
		{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "00:45"},
		{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "00:30"},
		{treatment: "cellulite", zone: "Australia/Sydney", start: "2027-04-04", at: "01:45"},
	}
}

// TestRepeatedWallTimesWrittenInUTC: a local time in the hour repeated
// when the clocks go back names two instants. RFC 5545 section 3.3.5 says
// a TZID value then means the first, but clients do not agree (with a
// local value, py-icalendar, khal and calcurse read the second in New
// York and Rome and reject a session whose end then comes before its
// start; vobject and calcurse differ in Sydney). Such a time must be
// written in UTC, so that every client puts the event on the plan's
// instant.
func TestRepeatedWallTimesWrittenInUTC(t *testing.T) {
	for _, s := range repeatedHourEdgeCases() {
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "", s.start)
			data := encode(t, p, o)
			checkInstants(t, p, o, data)
			cal := parse(t, data)
			zones := zonesOf(t, cal)
			utcEnd := false
			for _, ev := range cal.Events() {
				for _, name := range []string{"DTSTART", "DTEND"} {
					prop := ev.Props.Get(name)
					tzid := prop.Params.Get("TZID")
					if tzid == "" {
						if uid := ev.Props.Get("UID").Value; uid == sessionUID(o.PlanID, 1) && name == "DTEND" {
							utcEnd = true
						}
						continue
					}
					wall, err := time.ParseInLocation("20060102T150405", prop.Value, time.UTC)
					if err != nil {
						t.Fatal(err)
					}
					if u, n, _ := zones[tzid].resolve(wall); n > 1 {
						t.Errorf("%s %s;TZID=%s:%s names a wall time that occurs twice (clients disagree on which); want it in UTC: %s",
							ev.Props.Get("UID").Value, name, tzid, prop.Value, u.UTC().Format("20060102T150405Z"))
					}
				}
			}
			if !utcEnd {
				t.Errorf("session 1 ends in the repeated hour but its DTEND is not in UTC")
			}
		})
	}
}

// TestEncodeRefusesSessionInRepeatedHour: a session that starts in the
// hour repeated when the clocks go back cannot be written so that every
// client agrees (local time: most take the second occurrence; UTC: those
// that convert to X-WR-TIMEZONE do), so Encode refuses it with an input
// error naming the session, and writes nothing. Times just outside the
// hour are fine.
func TestEncodeRefusesSessionInRepeatedHour(t *testing.T) {
	tests := []struct {
		spec   planSpec
		refuse bool
	}{
		{planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "01:00"}, true},
		{planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "01:30"}, true},
		{planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "01:59"}, true},
		{planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "00:59"}, false},
		{planSpec{treatment: "hair", zone: "America/New_York", start: "2027-11-07", at: "02:00"}, false},
		{planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-31", at: "02:00"}, true},
		{planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-31", at: "02:30"}, true},
		{planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-31", at: "03:00"}, false},
		{planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-10-24", at: "02:30"}, true}, // session 2 on the 31st
		{planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-28", at: "01:59"}, false},
		{planSpec{treatment: "cellulite", zone: "Australia/Sydney", start: "2027-04-04", at: "02:15"}, true},
		{planSpec{treatment: "cellulite", zone: "Australia/Sydney", start: "2027-04-04", at: "03:00"}, false},
		{planSpec{treatment: "skin-quality", zone: "Asia/Dubai", start: "2027-10-31", at: "02:30"}, false},
		{planSpec{treatment: "skin-quality", zone: "UTC", start: "2027-10-31", at: "02:30"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.spec.String(), func(t *testing.T) {
			if !tt.refuse {
				p := makePlan(t, tt.spec)
				o := defaultOptions(t, p, "", tt.spec.start)
				data, err := Encode(p, o)
				if err != nil {
					t.Fatalf("Encode: %v", err)
				}
				checkInstants(t, p, o, data)
				return
			}
			// The planner refuses such a session...
			_, err := planner.Make(catalog(t), planner.Request{Treatment: tt.spec.treatment, Start: mustDate(t, tt.spec.start),
				Time: mustClock(t, tt.spec.at), Location: mustLoc(t, tt.spec.zone)})
			var re *planner.ClockRepeatError
			if !errors.As(err, &re) {
				t.Fatalf("planner.Make: error %T %v, want a *planner.ClockRepeatError", err, err)
			}
			// ... and so does the encoder, for a plan read from a file.
			safe := tt.spec
			safe.at = "10:00"
			p := makePlan(t, safe)
			for i := range p.Sessions {
				if i+1 == re.Session {
					p.Sessions[i].Start, p.Sessions[i].End = re.Start, re.Start.Add(p.Sessions[i].End.Sub(p.Sessions[i].Start))
				}
			}
			o := defaultOptions(t, p, "", tt.spec.start)
			data, err := Encode(p, o)
			if err == nil {
				t.Fatalf("Encode wrote %d bytes for a session in the repeated hour, want an error", len(data))
			}
			if data != nil {
				t.Errorf("Encode returned %d bytes with its error", len(data))
			}
			if !errors.As(err, &re) {
				t.Errorf("error %T %v, want a *planner.ClockRepeatError", err, err)
			}
			if !strings.Contains(err.Error(), "twice") || !strings.Contains(err.Error(), tt.spec.zone) {
				t.Errorf("error %q does not say the time occurs twice in %s", err, tt.spec.zone)
			}
		})
	}
}
