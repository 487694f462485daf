package planner

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestRescheduleRevisions: a reschedule raises the revision of each
// session, window and maintenance that changed, by one from its
// counterpart's, and keeps the others'. The course is mesolifting from
// Tue 2027-03-16, weekly at 10:00 in Rome, then every 15 days; every item
// of the old plan is at revision 1 (rescheduled once before), so a kept
// revision and a raised one tell apart.
func TestRescheduleRevisions(t *testing.T) {
	cat := builtin(t)
	base := request(t, "mesolifting", "2027-03-16")
	// oldPlan is the course at revision 1, with sessions held.
	oldPlan := func(held ...int) *Plan {
		p := mustPlan(t, cat, base)
		for i := range p.Sessions {
			p.Sessions[i].Revision = 1
			p.Sessions[i].Held = slices.Contains(held, i+1)
		}
		for i := range p.Windows {
			p.Windows[i].Revision = 1
		}
		p.Maintenance.Revision = 1
		return p
	}
	tests := []struct {
		name     string
		held     []int
		now      string
		change   Change
		sessions []int          // revision of each session
		windows  map[string]int // revision of some windows, by kind/rule/first session
		recall   int
	}{
		{name: "unchanged: session 3 moved to its own date", now: "2027-03-20 10:30 +01:00",
			change:   Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-03-30")},
			sessions: []int{1, 1, 1, 1, 1, 1},
			windows:  map[string]int{"prep/nsaids/1": 1, "prep/smoking-before/3": 1, "aftercare/heat/6": 1},
			recall:   1},
		{name: "moved: session 3 and the ones after it", now: "2027-03-20 10:30 +01:00",
			change:   Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-04-01")},
			sessions: []int{1, 1, 2, 2, 2, 2},
			// The no-NSAIDs stretch over sessions 1-4 splits: 1-2 keeps
			// its UID and changes, 3-4 is new.
			windows: map[string]int{"prep/nsaids/1": 2, "prep/nsaids/3": 0, "prep/smoking-before/2": 1,
				"aftercare/heat/2": 1, "prep/smoking-before/3": 2, "aftercare/heat/3": 2, "prep/nsaids/5": 2},
			recall: 2},
		{name: "missed: session 2 placed again", held: []int{1}, now: "2027-03-23 09:00 +01:00",
			change:   Change{Kind: ChangeMissed, Session: 2},
			sessions: []int{1, 2, 2, 2, 2, 2},
			windows:  map[string]int{"prep/smoking-before/1": 1, "aftercare/heat/1": 1, "prep/smoking-before/2": 2, "prep/nsaids/1": 2},
			recall:   2},
		{name: "done as planned: its event does not change", held: []int{1}, now: "2027-03-24 10:30 +01:00",
			change:   Change{Kind: ChangeDone, Session: 2},
			sessions: []int{1, 1, 1, 1, 1, 1},
			windows:  map[string]int{"prep/smoking-before/2": 1, "aftercare/heat/2": 1, "prep/nsaids/1": 1},
			recall:   1},
		{name: "done late: it and the ones after it", held: []int{1}, now: "2027-03-27 10:30 +01:00",
			change:   Change{Kind: ChangeDone, Session: 2, On: dateOf("2027-03-26")},
			sessions: []int{1, 2, 2, 2, 2, 2},
			windows:  map[string]int{"prep/smoking-before/1": 1, "aftercare/heat/2": 2},
			recall:   2},
		// Session 2 is now the old session 3, and so on; every course
		// session says "of 5" instead of "of 6"; the old session 6 is gone.
		{name: "dropped: later sessions renumbered, the course shorter", held: []int{1}, now: "2027-03-23 09:00 +01:00",
			change:   Change{Kind: ChangeMissed, Session: 2, Drop: true},
			sessions: []int{2, 2, 2, 2, 2},
			windows:  map[string]int{"prep/smoking-before/1": 1, "aftercare/heat/1": 1, "prep/smoking-before/2": 2, "aftercare/heat/5": 2},
			recall:   2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := oldPlan(tt.held...)
			req := base
			req.Today = instant(t, tt.now)
			got, err := Reschedule(cat, req, old, tt.change)
			if err != nil {
				t.Fatal(err)
			}
			var sessions []int
			for _, s := range got.Sessions {
				sessions = append(sessions, s.Revision)
			}
			if !slices.Equal(sessions, tt.sessions) {
				t.Errorf("session revisions %v, want %v (dates %v)", sessions, tt.sessions, sessionDates(got))
			}
			windows := map[string]int{}
			for _, w := range got.Windows {
				windows[fmt.Sprintf("%s/%s/%d", w.Kind, w.Rule, w.Sessions[0])] = w.Revision
			}
			for key, want := range tt.windows {
				if rev, ok := windows[key]; !ok {
					t.Errorf("no window %s", key)
				} else if rev != want {
					t.Errorf("window %s: revision %d, want %d", key, rev, want)
				}
			}
			if got.Maintenance.Revision != tt.recall {
				t.Errorf("maintenance revision %d, want %d", got.Maintenance.Revision, tt.recall)
			}
			if err := got.Check(); err != nil {
				t.Errorf("the new plan fails Check: %v", err)
			}
		})
	}
}

// TestCarryRevisions: each item is matched with its counterpart by the
// identity its calendar event has, and the revision rises by one at most
// per reschedule, never past MaxRevision.
func TestCarryRevisions(t *testing.T) {
	old := mustPlan(t, builtin(t), request(t, "mesolifting", "2027-03-16"))
	old.Sessions[0].Revision = 4
	old.Sessions[1].Revision = MaxRevision
	old.Windows[0].Revision = 7
	tests := []struct {
		name    string
		edit    func(p *Plan)
		session []int // revisions of sessions 1 and 2
		window  int   // revision of the first window
	}{
		{"nothing changed", func(p *Plan) {}, []int{4, MaxRevision}, 7},
		{"session 1 an hour later", func(p *Plan) {
			p.Sessions[0].Start, p.Sessions[0].End = p.Sessions[0].Start.Add(time.Hour), p.Sessions[0].End.Add(time.Hour)
		}, []int{5, MaxRevision}, 7},
		{"the same instants in another zone", func(p *Plan) {
			p.Sessions[0].Start, p.Sessions[0].End = p.Sessions[0].Start.UTC(), p.Sessions[0].End.UTC()
		}, []int{4, MaxRevision}, 7},
		{"session 2 held, at the bound", func(p *Plan) { p.Sessions[1].Held = true }, []int{4, MaxRevision}, 7},
		{"session 1 in another phase", func(p *Plan) { p.Sessions[0].Phase = "consolidation" }, []int{5, MaxRevision}, 7},
		{"the first window ends later", func(p *Plan) { p.Windows[0].End = p.Windows[0].End.Add(time.Hour) }, []int{4, MaxRevision}, 8},
		{"the first window covers one session less", func(p *Plan) {
			p.Windows[0].Sessions = p.Windows[0].Sessions[:len(p.Windows[0].Sessions)-1]
		}, []int{4, MaxRevision}, 8},
		{"the first window's text", func(p *Plan) { p.Windows[0].Text += "." }, []int{4, MaxRevision}, 8},
		{"the first window now starts with session 2: a new event", func(p *Plan) { p.Windows[0].Sessions = []int{2} }, []int{4, MaxRevision}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := clonePlan(old)
			for i := range next.Sessions {
				next.Sessions[i].Revision = 0
			}
			for i := range next.Windows {
				next.Windows[i].Revision = 0
			}
			tt.edit(next)
			carryRevisions(old, next)
			if got := []int{next.Sessions[0].Revision, next.Sessions[1].Revision}; !slices.Equal(got, tt.session) {
				t.Errorf("sessions 1 and 2 at revisions %v, want %v", got, tt.session)
			}
			if got := next.Windows[0].Revision; got != tt.window {
				t.Errorf("the first window at revision %d, want %d", got, tt.window)
			}
		})
	}
}

// clonePlan copies p deeply enough for a test to edit sessions and
// windows.
func clonePlan(p *Plan) *Plan {
	c := *p
	c.Sessions = slices.Clone(p.Sessions)
	c.Windows = slices.Clone(p.Windows)
	for i := range c.Windows {
		c.Windows[i].Sessions = slices.Clone(p.Windows[i].Sessions)
	}
	if p.Maintenance != nil {
		m := *p.Maintenance
		c.Maintenance = &m
	}
	return &c
}
