package planner

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestFreeTime: the half hour nearest the one asked for at which the
// patient's calendar moves no session, or none when the calendar is not
// what is in the way.
func TestFreeTime(t *testing.T) {
	cat := builtin(t)
	rome := loc(t, "Europe/Rome")
	tuesdays, err := ParseWeekdays("tue")
	if err != nil {
		t.Fatal(err)
	}
	// weekly is an event every week of the year from 2027-03-16 (a
	// Tuesday), from clock from for length.
	weekly := func(summary string, from Clock, length time.Duration, allDay bool) []BusyEvent {
		var busy []BusyEvent
		for d := 0; d < 53*7; d += 7 {
			s := time.Date(2027, 3, 16+d, from.Hour, from.Minute, 0, 0, rome)
			busy = append(busy, BusyEvent{Start: s, End: s.Add(length), Summary: summary, AllDay: allDay})
		}
		return busy
	}
	pilates := weekly("Pilates", Clock{Hour: 9, Minute: 30}, time.Hour, false)
	for _, tt := range []struct {
		name   string
		time   Clock
		busy   []BusyEvent
		days   bool // the patient comes on Tuesdays only
		closed bool // the clinic is closed all year
		want   string
	}{
		// 09:30 is as near as 10:30 and earlier, but Pilates holds it
		{name: "after the class", time: Clock{Hour: 10}, busy: pilates, days: true, want: "10:30"},
		{name: "before the class", time: Clock{Hour: 9}, busy: pilates, days: true, want: "08:30"},
		// not in the way: the nearest other half hour, earlier first
		{name: "not in the way", time: Clock{Hour: 14}, busy: pilates, days: true, want: "13:30"},
		{name: "all day", time: Clock{Hour: 10}, busy: weekly("Away", Clock{}, 24*time.Hour, true), days: true},
		{name: "no calendar", time: Clock{Hour: 10}, days: true},
		{name: "clinic closed", time: Clock{Hour: 10}, busy: pilates, closed: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := request(t, "mesolifting", "2027-03-16")
			req.Location, req.Time, req.Busy = rome, tt.time, tt.busy
			if tt.days {
				req.Constraints = append(req.Constraints, PreferredDays(tuesdays))
			}
			if tt.closed {
				req.Constraints = append(req.Constraints, ClosedDates([]DateRange{{From: date(t, "2027-01-01"), To: date(t, "2029-12-31")}}))
			}
			got, ok := FreeTime(cat, req, -1)
			switch {
			case tt.want == "" && ok:
				t.Errorf("FreeTime = %s, want none", got)
			case tt.want != "" && (!ok || got.String() != tt.want):
				t.Errorf("FreeTime = %s, %v; want %s", got, ok, tt.want)
			}
		})
	}
}

// TestFreeTimePlacesEverySession: on random calendars, a time FreeTime
// offers plans every session on the dates of the plan without the
// calendar, and with no more conflicts than allowed; CalendarInTheWay
// says whether the calendar moved a session at the time asked.
func TestFreeTimePlacesEverySession(t *testing.T) {
	cat := builtin(t)
	rome := loc(t, "Europe/Rome")
	rng := rand.New(rand.NewPCG(1, 2))
	summaries := []string{"Pilates", "Dentist", "Spa weekend", "Wine tasting", "Work"}
	offered, inTheWay, notInTheWay := 0, 0, 0
	for range 150 {
		var busy []BusyEvent
		for range 1 + rng.IntN(40) {
			day := rng.IntN(120)
			from := time.Date(2027, 3, 10+day, 7+rng.IntN(12), 30*rng.IntN(2), 0, 0, rome)
			length := time.Duration(30+30*rng.IntN(6)) * time.Minute
			if rng.IntN(10) == 0 {
				from, length = time.Date(2027, 3, 10+day, 0, 0, 0, 0, rome), 48*time.Hour
			}
			busy = append(busy, BusyEvent{Start: from, End: from.Add(length), Summary: summaries[rng.IntN(len(summaries))], Free: rng.IntN(8) == 0})
		}
		req := request(t, "mesolifting", "2027-03-16")
		req.Location, req.Busy, req.AvoidConflicts = rome, busy, rng.IntN(3) == 0
		req.Time = Clock{Hour: 8 + rng.IntN(10), Minute: 30 * rng.IntN(2)}
		if plan, err := Make(cat, req); err == nil {
			without, err := Make(cat, Request{Treatment: req.Treatment, Start: req.Start, Time: req.Time, Location: rome})
			if err != nil {
				t.Fatal(err)
			}
			got, want := CalendarInTheWay(cat, req), !sameDates(plan.Sessions, without.Sessions)
			if got != want {
				t.Errorf("CalendarInTheWay = %v, but the calendar moved a session: %v (busy %v)", got, want, busy)
			}
			if want {
				inTheWay++
			} else {
				notInTheWay++
			}
		}
		maxConflicts := rng.IntN(3) - 1
		c, ok := FreeTime(cat, req, maxConflicts)
		if !ok {
			continue
		}
		offered++
		at := req
		at.Time = c
		with, err := Make(cat, at)
		if err != nil {
			t.Fatalf("FreeTime offered %s, at which Make fails: %v", c, err)
		}
		at.Busy, at.AvoidConflicts = nil, false
		without, err := Make(cat, at)
		if err != nil {
			t.Fatal(err)
		}
		if !sameDates(with.Sessions, without.Sessions) {
			t.Errorf("FreeTime offered %s, at which the calendar moves a session", c)
		}
		n := 0
		for _, f := range with.Warnings {
			if f.Code == "conflict" {
				n++
			}
		}
		if maxConflicts >= 0 && n > maxConflicts {
			t.Errorf("FreeTime offered %s with %d conflicts, want at most %d", c, n, maxConflicts)
		}
	}
	if offered == 0 || inTheWay == 0 || notInTheWay == 0 {
		t.Errorf("%d times offered, %d calendars in the way, %d not: want some of each", offered, inTheWay, notInTheWay)
	}
}

// sameDates reports whether two plans' sessions fall on the same dates.
func sameDates(a, b []Session) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if DateOf(a[i].Start) != DateOf(b[i].Start) {
			return false
		}
	}
	return true
}
