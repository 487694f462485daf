package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mesoplan/mesoplan/planner"
)

// ---- 6. alarms ----

// alarmsOf returns each event's alarm fire instants and descriptions, by
// UID.
func alarmsOf(t *testing.T, data []byte) (fires map[string][]time.Time, texts map[string][]string, absolute map[string][]bool) {
	t.Helper()
	cal := parse(t, data)
	zones := zonesOf(t, cal)
	fires, texts, absolute = map[string][]time.Time{}, map[string][]string{}, map[string][]bool{}
	for _, ev := range cal.Events() {
		uid := ev.Props.Get("UID").Value
		fires[uid] = fireTimes(t, zones, ev.Component)
		for _, a := range ev.Children {
			d, _ := a.Props.Get("DESCRIPTION").Text()
			texts[uid] = append(texts[uid], d)
			absolute[uid] = append(absolute[uid], a.Props.Get("TRIGGER").Params.Get("VALUE") == "DATE-TIME")
		}
	}
	return fires, texts, absolute
}

func fmtTimes(ts []time.Time, loc *time.Location) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.In(loc).Format("2006-01-02 15:04:05 MST"))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func sameTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// TestDefaultAlarms: 24h then 2h before every session, one at the start of
// every prep window (absolute UTC for all-day windows), none on aftercare
// windows and the recall; sessions at 10:00 keep every alarm out of the
// quiet hours.
func TestDefaultAlarms(t *testing.T) {
	for _, zone := range testZones {
		for _, tr := range treatments {
			change := mustDate(t, dstChanges2027[zone][0])
			s := planSpec{treatment: tr, zone: zone, start: change.AddDays(-10).String(), at: "10:00"}
			if tr == "mesobotox" {
				s.sessions = 2
			}
			t.Run(s.String(), func(t *testing.T) {
				p := makePlan(t, s)
				o := defaultOptions(t, p, "", s.start)
				loc := mustLoc(t, zone)
				data := encode(t, p, o)
				fires, texts, absolute := alarmsOf(t, data)
				for _, sess := range p.Sessions {
					uid := sessionUID(o.PlanID, sess.Number)
					want := []time.Time{sess.Start.Add(-24 * time.Hour), sess.Start.Add(-2 * time.Hour)}
					if !sameTimes(fires[uid], want) {
						t.Errorf("%s alarms fire at %s, want %s (24h first)", uid, fmtTimes(fires[uid], loc), fmtTimes(want, loc))
					}
					for i, abs := range absolute[uid] {
						if abs {
							t.Errorf("%s alarm %d has an absolute trigger, want one relative to DTSTART", uid, i)
						}
					}
					for _, txt := range texts[uid] {
						if want := sess.Start.In(loc).Format("Mon 2 Jan 15:04"); !strings.Contains(txt, want) {
							t.Errorf("%s alarm text %q does not say when (%s)", uid, txt, want)
						}
					}
				}
				for _, w := range p.Windows {
					uid := windowUID(o.PlanID, w)
					if w.Kind != planner.Prep {
						if len(fires[uid]) != 0 {
							t.Errorf("aftercare %s has alarms %s", uid, fmtTimes(fires[uid], loc))
						}
						continue
					}
					if want := []time.Time{w.Start}; !sameTimes(fires[uid], want) {
						t.Errorf("prep %s alarms fire at %s, want %s", uid, fmtTimes(fires[uid], loc), fmtTimes(want, loc))
					}
					if allDay := len(localDates(w.Start, w.End, loc)) >= 2; len(absolute[uid]) == 1 && absolute[uid][0] != allDay {
						t.Errorf("prep %s: absolute trigger = %v, want %v (all-day: %v)", uid, absolute[uid][0], allDay, allDay)
					}
					if len(texts[uid]) == 1 && !strings.HasPrefix(texts[uid][0], "From now: ") {
						t.Errorf("prep %s alarm text %q", uid, texts[uid][0])
					}
				}
				for uid, f := range fires {
					if kindOf(o.PlanID, uid) == "maintenance" && len(f) != 0 {
						t.Errorf("the recall %s has alarms", uid)
					}
				}
			})
		}
	}
}

func TestNoAlarms(t *testing.T) {
	for _, tr := range treatments {
		s := planSpec{treatment: tr, zone: "Europe/Rome", start: "2027-03-20", at: "08:00"}
		p := makePlan(t, s)
		o := defaultOptions(t, p, "", s.start)
		o.SessionReminders, o.PrepReminders = []planner.Span{}, false
		data := encode(t, p, o)
		if bytes.Contains(data, []byte("VALARM")) || bytes.Contains(data, []byte("TRIGGER")) {
			t.Errorf("%s: --remind none export has alarms", tr)
		}
		o.SessionReminders = nil
		if bytes.Contains(encode(t, p, o), []byte("VALARM")) {
			t.Errorf("%s: nil SessionReminders and no prep reminders: export has alarms", tr)
		}
	}
}

// TestCustomReminders: reminders in days are calendar days (same wall
// time across a DST change), in hours elapsed time; the trigger is exact.
func TestCustomReminders(t *testing.T) {
	s := planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-23", at: "10:00"}
	p := makePlan(t, s)
	o := defaultOptions(t, p, "", s.start)
	o.SessionReminders = []planner.Span{{N: 2, Unit: planner.Days}, {N: 1, Unit: planner.Hours}, {N: 1, Unit: planner.Weeks}}
	o.PrepReminders = false
	loc := mustLoc(t, "Europe/Rome")
	fires, _, _ := alarmsOf(t, encode(t, p, o))
	for _, sess := range p.Sessions {
		uid := sessionUID(o.PlanID, sess.Number)
		want := []time.Time{sess.Start.AddDate(0, 0, -2), sess.Start.Add(-time.Hour), sess.Start.AddDate(0, 0, -7)}
		if !sameTimes(fires[uid], want) {
			t.Errorf("%s alarms at %s, want %s", uid, fmtTimes(fires[uid], loc), fmtTimes(want, loc))
		}
	}
	for _, w := range p.Windows {
		if n := len(fires[windowUID(o.PlanID, w)]); n != 0 {
			t.Errorf("window %s has %d alarms with PrepReminders off", w.Rule, n)
		}
	}
}

// TestQuietHours exports one session with given reminders and quiet hours
// and checks the local fire times of its alarms, computed from the parsed
// TRIGGER and DTSTART.
func TestQuietHours(t *testing.T) {
	night := QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}}
	midday := QuietHours{Start: planner.Clock{Hour: 13}, End: planner.Clock{Hour: 15}}
	h := func(n int) planner.Span { return planner.Span{N: n, Unit: planner.Hours} }
	tests := []struct {
		name      string
		zone      string
		start, at string
		reminders []planner.Span
		quiet     QuietHours
		want      []string // local fire times, "2006-01-02 15:04"
	}{
		{"08:00 session: 2h reminder at 06:00 moves to 07:00, when the quiet hours end", "Europe/Rome", "2027-03-16", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-03-15 08:00", "2027-03-16 07:00"}},
		{"07:30 session: 07:00 would be under an hour before it, so 22:00 the evening before", "Europe/Rome", "2027-03-16", "07:30", []planner.Span{h(2)}, night, []string{"2027-03-15 22:00"}},
		{"alarm exactly at 22:00 stays", "Europe/Rome", "2027-03-16", "23:00", []planner.Span{h(1)}, night, []string{"2027-03-16 22:00"}},
		{"alarm at 21:00 stays", "Europe/Rome", "2027-03-16", "23:00", []planner.Span{h(2)}, night, []string{"2027-03-16 21:00"}},
		{"alarm at 22:30 moves to 22:00 the same evening", "Europe/Rome", "2027-03-16", "23:30", []planner.Span{h(1)}, night, []string{"2027-03-16 22:00"}},
		{"alarm at 07:00 stays", "Europe/Rome", "2027-03-16", "09:00", []planner.Span{h(2)}, night, []string{"2027-03-16 07:00"}},
		{"alarm at 03:00 moves to 22:00 the evening before", "Europe/Rome", "2027-03-16", "05:00", []planner.Span{h(2)}, night, []string{"2027-03-15 22:00"}},
		{"alarm at 00:00 moves to 22:00 the evening before", "America/New_York", "2027-03-16", "02:00", []planner.Span{h(2)}, night, []string{"2027-03-15 22:00"}},
		{"alarm at 06:30 moves to 07:00", "Asia/Dubai", "2027-03-16", "08:30", []planner.Span{h(2)}, night, []string{"2027-03-16 07:00"}},
		{"quiet hours disabled: 06:00 stays", "Europe/Rome", "2027-03-16", "08:00", []planner.Span{h(24), h(2)}, QuietHours{}, []string{"2027-03-15 08:00", "2027-03-16 06:00"}},
		{"quiet hours disabled at 22:00-22:00", "Europe/Rome", "2027-03-16", "05:00", []planner.Span{h(2)}, QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 22}}, []string{"2027-03-16 03:00"}},
		{"midday quiet: 14:00 moves to 15:00, an hour before the session", "Europe/Rome", "2027-03-16", "16:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 15:00"}},
		{"midday quiet: 15:00 stays", "Europe/Rome", "2027-03-16", "17:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 15:00"}},
		{"midday quiet: 13:00 stays", "Europe/Rome", "2027-03-16", "15:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 13:00"}},
		{"midday quiet: 03:00 stays", "Europe/Rome", "2027-03-16", "05:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 03:00"}},
		{"midday quiet: 14:30 moves to 13:00", "Europe/Rome", "2027-03-16", "15:30", []planner.Span{h(1)}, midday, []string{"2027-03-16 13:00"}},
		// Across a daylight-saving change: the 24-hour reminder is 23
		// (spring) or 25 (autumn) wall hours before; the quiet hours end at
		// 07:00 local all the same.
		{"spring forward Rome", "Europe/Rome", "2027-03-28", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-03-27 07:00", "2027-03-28 07:00"}},
		{"fall back Rome", "Europe/Rome", "2027-10-31", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-10-30 09:00", "2027-10-31 07:00"}},
		{"spring forward New York", "America/New_York", "2027-03-14", "08:00", []planner.Span{h(2)}, night, []string{"2027-03-14 07:00"}},
		{"fall back New York", "America/New_York", "2027-11-07", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-11-06 09:00", "2027-11-07 07:00"}},
		{"fall back Sydney", "Australia/Sydney", "2027-04-04", "08:00", []planner.Span{h(2)}, night, []string{"2027-04-04 07:00"}},
		{"spring forward Rome, 07:30: the evening before", "Europe/Rome", "2027-03-28", "07:30", []planner.Span{h(2)}, night, []string{"2027-03-27 22:00"}},
		{"UTC", "UTC", "2027-03-16", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-03-15 08:00", "2027-03-16 07:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := planSpec{treatment: "mesobotox", zone: tt.zone, start: tt.start, at: tt.at}
			p := makePlan(t, s)
			o := defaultOptions(t, p, "", tt.start)
			o.SessionReminders, o.PrepReminders, o.Quiet = tt.reminders, false, tt.quiet
			loc := mustLoc(t, tt.zone)
			fires, _, _ := alarmsOf(t, encode(t, p, o))
			got := fires[sessionUID(o.PlanID, 1)]
			var want []time.Time
			for _, w := range tt.want {
				x, err := time.ParseInLocation("2006-01-02 15:04", w, loc)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, x)
			}
			if !sameTimes(got, want) {
				t.Errorf("alarms fire at %s, want %s", fmtTimes(got, loc), fmtTimes(want, loc))
			}
		})
	}
}

// TestQuietHoursPrepAlarm: a prep window that starts in the quiet hours
// gets its (absolute) alarm at 22:00 the evening before; one that starts
// in waking hours keeps it.
func TestQuietHoursPrepAlarm(t *testing.T) {
	s := planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-30", at: "05:00"}
	p := makePlan(t, s)
	o := defaultOptions(t, p, "", s.start)
	o.SessionReminders = []planner.Span{}
	loc := mustLoc(t, "Europe/Rome")
	fires, _, absolute := alarmsOf(t, encode(t, p, o))
	n := 0
	for _, w := range p.Windows {
		if w.Kind != planner.Prep {
			continue
		}
		n++
		uid := windowUID(o.PlanID, w)
		l := w.Start.In(loc)
		want := w.Start
		if l.Hour() >= 22 || l.Hour() < 7 {
			d := planner.DateOf(l)
			if l.Hour() < 7 {
				d = d.AddDays(-1)
			}
			want = time.Date(d.Year, d.Month, d.Day, 22, 0, 0, 0, loc)
		}
		if !sameTimes(fires[uid], []time.Time{want}) {
			t.Errorf("prep %s starting %s: alarm at %s, want %s", w.Rule, l, fmtTimes(fires[uid], loc), fmtTimes([]time.Time{want}, loc))
		}
		if len(absolute[uid]) != 1 || !absolute[uid][0] {
			t.Errorf("prep %s (all-day) alarm is not absolute", w.Rule)
		}
	}
	if n == 0 {
		t.Fatal("no prep windows")
	}
}

// TestQuietHoursAdjust checks the adjustment directly, to the second.
func TestQuietHoursAdjust(t *testing.T) {
	rome := mustLoc(t, "Europe/Rome")
	night := QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}}
	midday := QuietHours{Start: planner.Clock{Hour: 13}, End: planner.Clock{Hour: 15}}
	tests := []struct {
		q        QuietHours
		in, want string // "2006-01-02 15:04:05" in Rome
	}{
		{night, "2027-03-16 21:59:59", "2027-03-16 21:59:59"},
		{night, "2027-03-16 22:00:00", "2027-03-16 22:00:00"},
		{night, "2027-03-16 22:00:01", "2027-03-16 22:00:00"},
		{night, "2027-03-16 23:59:59", "2027-03-16 22:00:00"},
		{night, "2027-03-17 00:00:00", "2027-03-16 22:00:00"},
		{night, "2027-03-17 03:00:00", "2027-03-16 22:00:00"},
		{night, "2027-03-17 06:59:59", "2027-03-16 22:00:00"},
		{night, "2027-03-17 07:00:00", "2027-03-17 07:00:00"},
		{night, "2027-03-17 12:00:00", "2027-03-17 12:00:00"},
		{night, "2027-03-01 03:00:00", "2027-02-28 22:00:00"}, // month boundary
		{night, "2027-01-01 03:00:00", "2026-12-31 22:00:00"}, // year boundary
		{night, "2027-03-28 04:00:00", "2027-03-27 22:00:00"}, // after the spring change
		{night, "2027-10-31 02:30:00", "2027-10-30 22:00:00"}, // in the repeated hour
		// Quiet hours that start at 02:30, skipped on 2027-03-28 when the
		// clocks go from 02:00 to 03:00: a reminder due at 04:00 fires at
		// 01:59, the last waking minute, not an hour earlier at 03:00, which
		// is still inside them.
		{QuietHours{Start: planner.Clock{Hour: 2, Minute: 30}, End: planner.Clock{Hour: 7}}, "2027-03-28 04:00:00", "2027-03-28 01:59:00"},
		{QuietHours{Start: planner.Clock{Hour: 2, Minute: 30}, End: planner.Clock{Hour: 7}}, "2027-03-28 06:59:00", "2027-03-28 01:59:00"},
		{QuietHours{Start: planner.Clock{Hour: 2, Minute: 30}, End: planner.Clock{Hour: 7}}, "2027-03-29 04:00:00", "2027-03-29 02:30:00"},
		{midday, "2027-03-16 12:59:59", "2027-03-16 12:59:59"},
		{midday, "2027-03-16 13:00:00", "2027-03-16 13:00:00"},
		{midday, "2027-03-16 13:00:01", "2027-03-16 13:00:00"},
		{midday, "2027-03-16 14:59:59", "2027-03-16 13:00:00"},
		{midday, "2027-03-16 15:00:00", "2027-03-16 15:00:00"},
		{midday, "2027-03-16 23:00:00", "2027-03-16 23:00:00"},
		{QuietHours{}, "2027-03-16 03:00:00", "2027-03-16 03:00:00"},
		{QuietHours{Start: planner.Clock{Hour: 7}, End: planner.Clock{Hour: 7}}, "2027-03-16 03:00:00", "2027-03-16 03:00:00"},
	}
	for _, tt := range tests {
		in, err := time.ParseInLocation("2006-01-02 15:04:05", tt.in, rome)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := time.ParseInLocation("2006-01-02 15:04:05", tt.want, rome)
		if got := tt.q.adjust(in); !got.Equal(want) {
			t.Errorf("%v-%v adjust(%s) = %s, want %s", tt.q.Start, tt.q.End, tt.in, got.In(rome).Format("2006-01-02 15:04:05 MST"), tt.want)
		}
	}
}

func TestTriggerDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{24 * time.Hour, "-PT24H"},
		{2 * time.Hour, "-PT2H"},
		{9 * time.Hour, "-PT9H"},
		{90 * time.Minute, "-PT1H30M"},
		{time.Hour + time.Second, "-PT1H1S"},
		{45 * time.Second, "-PT45S"},
		{0, "PT0S"},
		{-time.Hour, "PT1H"},
		{200 * time.Hour, "-PT200H"},
	}
	for _, tt := range tests {
		if got := triggerDuration(tt.d); got != tt.want {
			t.Errorf("triggerDuration(%s) = %q, want %q", tt.d, got, tt.want)
		}
		p := goical.NewProp("TRIGGER")
		p.Value = tt.want
		if back, err := p.Duration(); err != nil || back != -tt.d {
			t.Errorf("go-ical reads %q as %s, %v; want %s", tt.want, back, err, -tt.d)
		}
	}
}
