package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// dstChanges are the 2027 daylight-saving changes the tests cross. All fall
// on a Sunday at 02:00 or 03:00 local time, so a 10:00 session that day is
// already on the new offset.
var dstChanges = []struct {
	zone          string
	day           string // the Sunday of the change
	before, after string // UTC offsets before and after it
	forward       bool   // the clocks go forward (the day has 23 hours)
}{
	{"Europe/Rome", "2027-03-28", "+01:00", "+02:00", true},
	{"Europe/Rome", "2027-10-31", "+02:00", "+01:00", false},
	{"America/New_York", "2027-03-14", "-05:00", "-04:00", true},
	{"America/New_York", "2027-11-07", "-04:00", "-05:00", false},
	{"Australia/Sydney", "2027-04-04", "+11:00", "+10:00", false},
	{"Australia/Sydney", "2027-10-03", "+10:00", "+11:00", true},
}

// shiftDay returns day plus n days, with package time only.
func shiftDay(t *testing.T, day string, n int) string {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	return d.AddDate(0, 0, n).Format(time.DateOnly)
}

func findWindow(t *testing.T, p *Plan, rule string, session int) Window {
	t.Helper()
	for _, w := range p.Windows {
		if w.Rule == rule && slices.Contains(w.Sessions, session) {
			return w
		}
	}
	t.Fatalf("no %s window for session %d in %+v", rule, session, p.Windows)
	return Window{}
}

func TestDSTWeeklySessionsAndWindows(t *testing.T) {
	cat := builtin(t)
	for _, c := range dstChanges {
		t.Run(c.zone+" "+c.day, func(t *testing.T) {
			// The wall clock of an instant 24h or 48h before a 10:00
			// session on the new offset, and 48h after a 10:30 end on the
			// old one.
			prepWall, afterWall := "11:00", "09:30"
			if c.forward {
				prepWall, afterWall = "09:00", "11:30"
			}
			day := func(n int) string { return shiftDay(t, c.day, n) }

			// Weekly from the Sunday before: session 2 is on the day of
			// the change.
			req := request(t, "mesolifting", day(-7))
			req.Location = loc(t, c.zone)
			req.PerSession = true
			p := mustPlan(t, cat, req)
			wantStarts := []string{
				day(-7) + " 10:00 " + c.before,
				day(0) + " 10:00 " + c.after,
				day(7) + " 10:00 " + c.after,
				day(14) + " 10:00 " + c.after,
			}
			for i, want := range wantStarts {
				s := p.Sessions[i]
				if got := s.Start.Format(wall); got != want {
					t.Errorf("session %d starts %s, want %s", i+1, got, want)
				}
				if i > 0 && s.DaysSincePrevious != 7 {
					t.Errorf("session %d: %d days since previous, want 7", i+1, s.DaysSincePrevious)
				}
			}
			wantGap := 169 * time.Hour
			if c.forward {
				wantGap = 167 * time.Hour
			}
			if got := p.Sessions[1].Start.Sub(p.Sessions[0].Start); got != wantGap {
				t.Errorf("sessions 1 and 2 are %v apart, want %v", got, wantGap)
			}

			s2 := p.Sessions[1]
			// 7 calendar days before session 2: 10:00 local, old offset.
			w := findWindow(t, p, "nsaids", 2)
			if got, want := w.Start.Format(wall), day(-7)+" 10:00 "+c.before; got != want {
				t.Errorf("nsaids window starts %s, want %s", got, want)
			}
			if !w.End.Equal(s2.Start) || w.Kind != Prep || !slices.Equal(w.Sessions, []int{2}) {
				t.Errorf("nsaids window = %+v", w)
			}
			// 24h and 48h before session 2: elapsed hours, so the wall
			// clock differs by the shift.
			for _, tc := range []struct {
				rule  string
				hours int
				day   string
			}{{"alcohol-before", 24, day(-1)}, {"skincare-before", 48, day(-2)}} {
				w := findWindow(t, p, tc.rule, 2)
				if got := s2.Start.Sub(w.Start); got != time.Duration(tc.hours)*time.Hour {
					t.Errorf("%s window lasts %v, want %dh", tc.rule, got, tc.hours)
				}
				if got, want := w.Start.Format(wall), tc.day+" "+prepWall+" "+c.before; got != want {
					t.Errorf("%s window starts %s, want %s", tc.rule, got, want)
				}
			}
			// Merged, the weekly nsaids windows are one from 7 days before
			// session 1 to session 4, across the change.
			req.PerSession = false
			p = mustPlan(t, cat, req)
			w = findWindow(t, p, "nsaids", 1)
			if got, want := w.Start.Format(wall), day(-14)+" 10:00 "+c.before; got != want {
				t.Errorf("merged nsaids window starts %s, want %s", got, want)
			}
			if got, want := w.End.Format(wall), day(14)+" 10:00 "+c.after; got != want {
				t.Errorf("merged nsaids window ends %s, want %s", got, want)
			}
			if !slices.Equal(w.Sessions, []int{1, 2, 3, 4}) {
				t.Errorf("merged nsaids window sessions = %v", w.Sessions)
			}

			// From the Saturday before: session 1 ends at 10:30 on the old
			// offset, and its 48h/72h aftercare ends after the change.
			req = request(t, "mesolifting", day(-1))
			req.Location = loc(t, c.zone)
			p = mustPlan(t, cat, req)
			s1 := p.Sessions[0]
			if got, want := s1.End.Format(wall), day(-1)+" 10:30 "+c.before; got != want {
				t.Fatalf("session 1 ends %s, want %s", got, want)
			}
			for _, tc := range []struct {
				rule  string
				hours int
				day   string
			}{{"exercise", 48, day(1)}, {"heat", 72, day(2)}} {
				w := findWindow(t, p, tc.rule, 1)
				if !w.Start.Equal(s1.End) || w.Kind != Aftercare {
					t.Errorf("%s window = %+v, want it to start at the end of session 1", tc.rule, w)
				}
				if got := w.End.Sub(w.Start); got != time.Duration(tc.hours)*time.Hour {
					t.Errorf("%s window lasts %v, want %dh", tc.rule, got, tc.hours)
				}
				if got, want := w.End.Format(wall), tc.day+" "+afterWall+" "+c.after; got != want {
					t.Errorf("%s window ends %s, want %s", tc.rule, got, want)
				}
			}
		})
	}
}

// TestDSTSessionTimes: a session time skipped by the change, or repeated
// by it, is an error naming the session, date and time.
func TestDSTSessionTimes(t *testing.T) {
	tests := []struct {
		zone, start, clock string
		want               []string // session starts; nil: an error
		skipped            string   // the skipped date and time
		repeated           string   // the start of the repeated-hour error
	}{
		{zone: "Europe/Rome", start: "2027-03-21", clock: "02:30", skipped: "2027-03-28 02:30"},
		{zone: "Europe/Rome", start: "2027-03-28", clock: "02:30", skipped: "2027-03-28 02:30"},
		{zone: "America/New_York", start: "2027-03-07", clock: "02:30", skipped: "2027-03-14 02:30"},
		{zone: "Australia/Sydney", start: "2027-09-26", clock: "02:15", skipped: "2027-10-03 02:15"},
		// A time that occurs twice is refused, as calendar apps disagree on
		// which of the two it is.
		{zone: "Europe/Rome", start: "2027-10-24", clock: "02:30", repeated: "session 2 on Sun 2027-10-31 at 02:30"},
		{zone: "America/New_York", start: "2027-10-31", clock: "01:30", repeated: "session 2 on Sun 2027-11-07 at 01:30"},
		{zone: "Australia/Sydney", start: "2027-03-28", clock: "02:30", repeated: "session 2 on Sun 2027-04-04 at 02:30"},
		{zone: "Europe/Rome", start: "2027-10-24", clock: "03:00", want: []string{
			"2027-10-24 03:00 +02:00", "2027-10-31 03:00 +01:00", "2027-11-07 03:00 +01:00"}},
	}
	cat := builtin(t)
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.zone, " ", tt.start, " ", tt.clock), func(t *testing.T) {
			req := request(t, "analgesic", tt.start)
			req.Location, req.Time = loc(t, tt.zone), clock(t, tt.clock)
			p, err := Make(cat, req)
			if tt.repeated != "" {
				re := asError[*ClockRepeatError](t, err)
				if !strings.HasPrefix(re.Error(), tt.repeated) || !strings.Contains(re.Error(), tt.zone) {
					t.Errorf("error = %q, want one starting %q", re, tt.repeated)
				}
				return
			}
			if tt.want == nil {
				ge := asError[*ClockGapError](t, err)
				if ge.Date.String()+" "+ge.Clock.String() != tt.skipped || !containsAll(ge.Error(), tt.skipped, tt.zone) {
					t.Errorf("error = %+v, want one naming %s in %s", ge, tt.skipped, tt.zone)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range tt.want {
				if got := p.Sessions[i].Start.Format(wall); got != want {
					t.Errorf("session %d starts %s, want %s", i+1, got, want)
				}
			}
		})
	}
}
