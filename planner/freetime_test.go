package planner

import (
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
			got, ok := FreeTime(cat, req)
			switch {
			case tt.want == "" && ok:
				t.Errorf("FreeTime = %s, want none", got)
			case tt.want != "" && (!ok || got.String() != tt.want):
				t.Errorf("FreeTime = %s, %v; want %s", got, ok, tt.want)
			}
		})
	}
}
