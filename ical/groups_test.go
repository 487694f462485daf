package ical

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mesoplan/mesoplan/locale"

	"github.com/mesoplan/mesoplan/planner"
)

// groupUID is the UID of session n's "before" or "after" event.
func groupUID(id, rel string, n int) string { return fmt.Sprintf("%s-%s-%d@mesoplan", id, rel, n) }

// checkGroups checks the "before" and "after" events of a grouped export
// against the plan, from the plan's windows alone: session N has a
// "before" event when a preparation window begins with it and an "after"
// event when an aftercare window does, and no others; each names exactly
// the windows that begin with its session, each window in one event only
// (and an item that begins before its "before" event's first day in the
// event that holds that day too);
// a timed one lasts from its first item's start to the session (before)
// or from the session to its last item's end (after); an all-day one lies
// on local dates its items touch, next to its session; and no local date
// holds two all-day events.
func checkGroups(t *testing.T, p *planner.Plan, o Options, zones map[string]*zoneRules, byUID map[string]*goical.Component,
	seen map[string]bool, checkTimed func(uid, prop string, want, other time.Time)) {
	t.Helper()
	loc := p.Zone.Location()
	allDay := map[planner.Date][]string{}
	for uid, ev := range byUID {
		if v := readValue(t, zones, ev.Props.Get("DTSTART")); v.isDate {
			end := readValue(t, zones, ev.Props.Get("DTEND"))
			for d := v.date; d.Before(end.date); d = d.AddDays(1) {
				allDay[d] = append(allDay[d], uid)
			}
		}
	}
	for d, uids := range allDay {
		if len(uids) > 1 {
			slices.Sort(uids)
			t.Errorf("%s holds %d all-day events: %v", d, len(uids), uids)
		}
	}
	said := map[int]int{} // window index -> events naming it
	for _, s := range p.Sessions {
		day := planner.DateOf(s.Start.In(loc))
		for _, kind := range []planner.RuleKind{planner.Prep, planner.Aftercare} {
			var items []int
			for i, w := range p.Windows {
				if w.Kind == kind && w.Sessions[0] == s.Number {
					items = append(items, i)
				}
			}
			rel := "before"
			if kind == planner.Aftercare {
				rel = "after"
			}
			uid := groupUID(o.PlanID, rel, s.Number)
			ev := byUID[uid]
			if len(items) == 0 {
				if ev != nil {
					t.Errorf("%s exists, but no %s window begins with session %d", uid, kind, s.Number)
				}
				continue
			}
			if ev == nil {
				t.Errorf("no event %s for the %d %s windows of session %d", uid, len(items), kind, s.Number)
				continue
			}
			seen[uid] = true
			if got := ev.Props.Get("TRANSP"); got == nil || got.Value != "TRANSPARENT" {
				t.Errorf("%s is not TRANSPARENT", uid)
			}
			desc := textProp(t, ev, "DESCRIPTION")
			first, last := p.Windows[items[0]].Start, p.Windows[items[0]].End
			for _, i := range items {
				w := p.Windows[i]
				if !strings.Contains(desc, planner.LowerFirst(oneLine(w.Summary))) {
					t.Errorf("%s does not name %s (%q)", uid, w.Rule, w.Summary)
				}
				at := w.Start
				if kind == planner.Aftercare {
					at = w.End
				}
				if !strings.Contains(desc, o.Words.Date(at.In(loc), locale.DateTime)) {
					t.Errorf("%s does not give the %s of %s, %s", uid, map[bool]string{true: "start", false: "end"}[kind == planner.Prep], w.Rule, o.Words.Date(at.In(loc), locale.DateTime))
				}
				said[i]++
				first, last = minTime(first, w.Start), maxTime(last, w.End)
			}
			start := readValue(t, zones, ev.Props.Get("DTSTART"))
			end := readValue(t, zones, ev.Props.Get("DTEND"))
			if !start.isDate {
				if kind == planner.Prep {
					checkTimed(uid, "DTSTART", first, s.Start)
					checkTimed(uid, "DTEND", s.Start, first)
				} else {
					checkTimed(uid, "DTSTART", s.End, last)
					checkTimed(uid, "DTEND", last, s.End)
				}
				continue
			}
			lo, hi := planner.DateOf(first.In(loc)), planner.DateOf(last.In(loc).Add(-time.Nanosecond))
			if kind == planner.Prep {
				// An item that begins before the event's first day is named
				// in the all-day event that holds that day, if one does.
				for _, i := range items {
					w := p.Windows[i]
					d := planner.DateOf(w.Start.In(loc))
					if !d.Before(start.date) || len(allDay[d]) == 0 {
						continue
					}
					holder := allDay[d][0]
					text := strings.Join(strings.Fields(textProp(t, byUID[holder], "DESCRIPTION")), " ")
					if !strings.Contains(text, o.Words.Date(w.Start.In(loc), locale.DateTime)) || !strings.Contains(text, planner.LowerFirst(oneLine(w.Summary))) {
						t.Errorf("%s begins on %s, before %s's first day %s, and %s, which holds that day, does not name it", w.Rule, d, uid, start.date, holder)
					}
				}
				hi = day.AddDays(-1)
				if end.date != day {
					t.Errorf("%s ends (exclusive) on %s, want the session's day %s", uid, end.date, day)
				}
			} else if endDay := planner.DateOf(s.End.In(loc)); start.date != endDay {
				t.Errorf("%s starts on %s, want the day the session ends, %s", uid, start.date, endDay)
			}
			if start.date.Before(lo) || hi.Before(end.date.AddDays(-1)) || !start.date.Before(end.date) {
				t.Errorf("%s covers %s to %s (exclusive), outside its items' dates %s to %s", uid, start.date, end.date, lo, hi)
			}
		}
	}
	for i, w := range p.Windows {
		if said[i] != 1 {
			t.Errorf("the %s window %s of sessions %v is in %d events, want 1", w.Kind, w.Rule, w.Sessions, said[i])
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// TestStillInForce: a restriction begun for an earlier session that still
// holds is named, with its end, in the sessions and "after" events it
// spans (a patient reading "no blood thinners until Thursday" after
// session 1 must not think aspirin allowed again), and nowhere else.
func TestStillInForce(t *testing.T) {
	p := makePlan(t, planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	o := defaultOptions(t, p, "", "2027-03-16")
	o.Detail = false
	byUID := eventsByUID(t, parse(t, encode(t, p, o)))
	const still = "Still in force: no aspirin, ibuprofen or other anti-inflammatory painkillers (NSAIDs), until session 4 on Tue 6 Apr 2027 10:00."
	for _, tt := range []struct {
		uid  string
		want bool
	}{
		{sessionUID(o.PlanID, 1), false}, // it begins for session 1: said in "Before session 1"
		{groupUID(o.PlanID, "after", 1), true},
		{sessionUID(o.PlanID, 2), true},
		{groupUID(o.PlanID, "before", 2), false},
		{sessionUID(o.PlanID, 3), true},
		{groupUID(o.PlanID, "after", 3), true},
		{sessionUID(o.PlanID, 4), false}, // it ends as session 4 begins
		{groupUID(o.PlanID, "after", 4), false},
		{sessionUID(o.PlanID, 5), false},
	} {
		ev := byUID[tt.uid]
		if ev == nil {
			t.Fatalf("no event %s", tt.uid)
		}
		desc := strings.Join(strings.Fields(textProp(t, ev, "DESCRIPTION")), " ")
		if got := strings.Contains(desc, still); got != tt.want {
			t.Errorf("%s: names the continuing NSAID pause = %v, want %v:\n%s", tt.uid, got, tt.want, desc)
		}
	}
}
