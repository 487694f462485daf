package planner

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDropKeepsPhases: a session dropped from a phase shortens that
// phase, not the end of the course, and a later reschedule keeps the
// shape.
func TestDropKeepsPhases(t *testing.T) {
	cat := builtin(t)
	base := request(t, "mesolifting", "2027-03-16")
	old := mustPlan(t, cat, base)
	phases := func(p *Plan) string {
		var out []string
		for _, r := range ShapeOf(p) {
			out = append(out, fmt.Sprintf("%s×%d", r.Phase, r.Sessions))
		}
		return strings.Join(out, " ")
	}
	if got := phases(old); got != "induction×4 consolidation×2" {
		t.Fatalf("old plan: %s", got)
	}
	req := base
	req.Today = time.Date(2027, 3, 30, 9, 0, 0, 0, loc(t, "Europe/Rome"))
	dropped, err := Reschedule(cat, req, old, Change{Kind: ChangeMissed, Session: 3, Drop: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := phases(dropped); got != "induction×3 consolidation×2" {
		t.Errorf("after dropping session 3: %s", got)
	}
	req.Today = time.Date(2027, 4, 2, 9, 0, 0, 0, loc(t, "Europe/Rome"))
	moved, err := Reschedule(cat, req, dropped, Change{Kind: ChangeMove, Session: 4, To: date(t, "2027-04-16")})
	if err != nil {
		t.Fatal(err)
	}
	if got := phases(moved); got != "induction×3 consolidation×2" {
		t.Errorf("after a later move: %s", got)
	}
	// A maintenance session dropped leaves the course whole.
	cel := mustPlan(t, cat, request(t, "cellulite", "2027-03-16"))
	last := len(cel.Sessions)
	req = request(t, "cellulite", "2027-03-16")
	req.Today = cel.Sessions[last-1].Start.Add(-time.Hour)
	less, err := Reschedule(cat, req, cel, Change{Kind: ChangeMissed, Session: last, Drop: true})
	if err != nil {
		t.Fatal(err)
	}
	if less.CourseSessions() != cel.CourseSessions() || less.Maintenance.Sessions != cel.Maintenance.Sessions-1 {
		t.Errorf("dropping a maintenance session: course %d (was %d), maintenance %d (was %d)",
			less.CourseSessions(), cel.CourseSessions(), less.Maintenance.Sessions, cel.Maintenance.Sessions)
	}
}

// TestReschedule covers every branch of Reschedule on a mesolifting
// course from Tue 2027-03-16, weekly at 10:00 in Rome (7 to 10 days
// between induction sessions), then every 15 days.
func TestReschedule(t *testing.T) {
	cat := builtin(t)
	rome := loc(t, "Europe/Rome")
	at := func(s string) time.Time { return instant(t, s) }
	base := request(t, "mesolifting", "2027-03-16")
	old := mustPlan(t, cat, base)
	withHeld := func(n ...int) *Plan {
		p := *old
		p.Sessions = slices.Clone(old.Sessions)
		for _, i := range n {
			p.Sessions[i-1].Held = true
		}
		return &p
	}
	tests := []struct {
		name     string
		old      *Plan
		now      string // in the wall layout
		change   Change
		want     []string // session dates after the change
		held     []int
		warning  string // a warning code the plan must have
		wantErr  any    // a pointer to the error type wanted
		errMatch string // a substring of the error
	}{
		{name: "move: the later sessions follow", now: "2027-03-20 10:30 +01:00",
			change: Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-04-01")},
			want:   []string{"2027-03-16", "2027-03-23", "2027-04-01", "2027-04-08", "2027-04-23", "2027-05-08"}},
		{name: "move below the minimum is refused", now: "2027-03-20 10:30 +01:00",
			change:  Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-03-25")},
			wantErr: new(*NextDateError), errMatch: "2 days after session 2 is below the 7-day minimum (interval 7 to 10 days)"},
		{name: "move above the maximum is refused", now: "2027-03-20 10:30 +01:00",
			change:  Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-04-23")},
			wantErr: new(*NextDateError), errMatch: "31 days after session 2 is above the 10-day maximum"},
		{name: "a forced move keeps a warning", now: "2027-03-20 10:30 +01:00",
			change:  Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-03-25"), Force: true},
			want:    []string{"2027-03-16", "2027-03-23", "2027-03-25", "2027-04-01", "2027-04-16", "2027-05-01"},
			warning: "forced-interval"},
		{name: "move before now is refused, even forced", now: "2027-03-30 10:30 +02:00",
			change:  Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-03-30"), Force: true},
			wantErr: new(*NextDateError), errMatch: "session 3 cannot go on 2027-03-30: that is before now"},
		{name: "move to today while the time is ahead", now: "2027-04-07 08:00 +02:00",
			change: Change{Kind: ChangeMove, Session: 4, To: dateOf("2027-04-07")},
			want:   []string{"2027-03-16", "2027-03-23", "2027-03-30", "2027-04-07", "2027-04-22", "2027-05-07"}},
		{name: "session 0", now: "2027-03-20 10:30 +01:00", change: Change{Kind: ChangeMissed, Session: 0},
			wantErr: new(*SessionNumberError), errMatch: "the plan has sessions 1 to 6"},
		{name: "session 7", now: "2027-03-20 10:30 +01:00", change: Change{Kind: ChangeDone, Session: 7},
			wantErr: new(*SessionNumberError), errMatch: "the plan has sessions 1 to 6"},
		{name: "a held session never moves", old: withHeld(1, 2), now: "2027-03-24 10:30 +01:00",
			change:  Change{Kind: ChangeMove, Session: 2, To: dateOf("2027-03-26")},
			wantErr: new(*HeldSessionError), errMatch: "session 2 was held"},
		{name: "nor is it missed", old: withHeld(1), now: "2027-03-24 10:30 +01:00",
			change:  Change{Kind: ChangeMissed, Session: 1},
			wantErr: new(*HeldSessionError), errMatch: "session 1 was held"},
		{name: "missed: placed again after it", old: withHeld(1), now: "2027-03-23 09:00 +01:00",
			change: Change{Kind: ChangeMissed, Session: 2},
			want:   []string{"2027-03-16", "2027-03-24", "2027-03-31", "2027-04-07", "2027-04-22", "2027-05-07"}, held: []int{1}},
		{name: "missed: never before now", old: withHeld(1), now: "2027-03-25 14:00 +01:00",
			change: Change{Kind: ChangeMissed, Session: 2},
			want:   []string{"2027-03-16", "2027-03-26", "2027-04-02", "2027-04-09", "2027-04-24", "2027-05-09"}, held: []int{1}},
		{name: "missed: today while the time is ahead", old: withHeld(1), now: "2027-03-25 08:00 +01:00",
			change: Change{Kind: ChangeMissed, Session: 2},
			want:   []string{"2027-03-16", "2027-03-25", "2027-04-01", "2027-04-08", "2027-04-23", "2027-05-08"}, held: []int{1}},
		// The dropped session leaves its own phase: three weekly
		// induction sessions, then the two of consolidation 15 days apart.
		{name: "missed and dropped", old: withHeld(1), now: "2027-03-23 09:00 +01:00",
			change: Change{Kind: ChangeMissed, Session: 2, Drop: true},
			want:   []string{"2027-03-16", "2027-03-24", "2027-03-31", "2027-04-15", "2027-04-30"}, held: []int{1}},
		{name: "missing session 1", now: "2027-03-16 12:00 +01:00",
			change: Change{Kind: ChangeMissed, Session: 1},
			want:   []string{"2027-03-17", "2027-03-24", "2027-03-31", "2027-04-07", "2027-04-22", "2027-05-07"}},
		{name: "done as planned: nothing moves", old: withHeld(1), now: "2027-03-24 10:30 +01:00",
			change: Change{Kind: ChangeDone, Session: 2},
			want:   []string{"2027-03-16", "2027-03-23", "2027-03-30", "2027-04-06", "2027-04-21", "2027-05-06"}, held: []int{1, 2}},
		{name: "done late: the rest shift", old: withHeld(1), now: "2027-03-27 10:30 +01:00",
			change: Change{Kind: ChangeDone, Session: 2, On: dateOf("2027-03-26")},
			want:   []string{"2027-03-16", "2027-03-26", "2027-04-02", "2027-04-09", "2027-04-24", "2027-05-09"}, held: []int{1, 2}},
		{name: "done late, the next slot today has passed", old: withHeld(1), now: "2027-04-02 14:00 +02:00",
			change: Change{Kind: ChangeDone, Session: 2, On: dateOf("2027-03-26")},
			want:   []string{"2027-03-16", "2027-03-26", "2027-04-03", "2027-04-10", "2027-04-25", "2027-05-10"}, held: []int{1, 2}},
		{name: "done as planned, on a day to come", now: "2027-03-20 10:30 +01:00",
			change:  Change{Kind: ChangeDone, Session: 2},
			wantErr: new(*InputError), errMatch: "2027-03-23 is after today (2027-03-20)"},
		{name: "done on a day to come", now: "2027-03-20 10:30 +01:00",
			change:  Change{Kind: ChangeDone, Session: 2, On: dateOf("2027-03-21")},
			wantErr: new(*InputError), errMatch: "2027-03-21 is after today (2027-03-20)"},
		{name: "done before the session before it", now: "2027-03-30 10:30 +02:00",
			change:  Change{Kind: ChangeDone, Session: 2, On: dateOf("2027-03-16")},
			wantErr: new(*InputError), errMatch: "session 1 was on 2027-03-16"},
		{name: "done on another date before a held one", old: withHeld(1, 2, 3), now: "2027-04-01 10:30 +02:00",
			change:  Change{Kind: ChangeDone, Session: 2, On: dateOf("2027-03-24")},
			wantErr: new(*InputError), errMatch: "session 3 after it is already held"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.old
			if p == nil {
				p = old
			}
			req := base
			req.Today = at(tt.now)
			got, err := Reschedule(cat, req, p, tt.change)
			if tt.wantErr != nil {
				if err == nil || !errors.As(err, tt.wantErr) || !strings.Contains(err.Error(), tt.errMatch) {
					t.Fatalf("error = %v (%T), want %T containing %q", err, err, tt.wantErr, tt.errMatch)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if dates := sessionDates(got); !slices.Equal(dates, tt.want) {
				t.Errorf("sessions\n got %v\nwant %v", dates, tt.want)
			}
			var held []int
			for _, s := range got.Sessions {
				if s.Held {
					held = append(held, s.Number)
				}
				// What the change places again is never before now.
				if tt.change.Kind != ChangeDone && s.Number >= tt.change.Session && s.Start.Before(req.Today) {
					t.Errorf("session %d at %v, before now %v", s.Number, s.Start, req.Today)
				}
				if s.Start.Location().String() != rome.String() {
					t.Errorf("session %d is in %v", s.Number, s.Start.Location())
				}
			}
			if !slices.Equal(held, tt.held) {
				t.Errorf("held %v, want %v", held, tt.held)
			}
			if tt.warning != "" && !slices.ContainsFunc(findingCodes(got.Warnings), func(c string) bool { return strings.HasPrefix(c, tt.warning+":") }) {
				t.Errorf("warnings %v, want a %s", findingCodes(got.Warnings), tt.warning)
			}
		})
	}
}

// TestStatus classifies sessions at an instant.
func TestStatus(t *testing.T) {
	p := mustPlan(t, builtin(t), request(t, "mesolifting", "2027-03-16"))
	p.Sessions[0].Held = true
	tests := []struct {
		now  string
		want []SessionState
	}{
		{"2027-03-01 09:00 +01:00", []SessionState{StateHeld, StateNext, StatePlanned, StatePlanned, StatePlanned, StatePlanned}},
		{"2027-03-23 10:00 +01:00", []SessionState{StateHeld, StateNext, StatePlanned, StatePlanned, StatePlanned, StatePlanned}},
		{"2027-03-23 10:01 +01:00", []SessionState{StateHeld, StateOverdue, StateNext, StatePlanned, StatePlanned, StatePlanned}},
		{"2027-06-01 09:00 +02:00", []SessionState{StateHeld, StateOverdue, StateOverdue, StateOverdue, StateOverdue, StateOverdue}},
	}
	for _, tt := range tests {
		if got := p.Status(instant(t, tt.now)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.now, got, tt.want)
		}
	}
}

// TestRescheduleReason: a session placed after a missed one says why, and
// not "that day has passed" for a day still to come.
func TestRescheduleReason(t *testing.T) {
	cat := builtin(t)
	req := request(t, "mesolifting", "2027-03-16")
	old := mustPlan(t, cat, req)
	req.Today = instant(t, "2027-04-06 12:00 +02:00")
	p, err := Reschedule(cat, req, old, Change{Kind: ChangeMissed, Session: 4})
	if err != nil {
		t.Fatal(err)
	}
	moved := p.Sessions[3].Moved
	if moved == nil || moved.Reason != "session 4 was missed on 2027-04-06" {
		t.Errorf("session 4 moved %+v, want the reason that it was missed", moved)
	}
}

// TestRescheduleKeepsBookedInSight: a session moved by hand is marked
// booked and stays booked while it is kept; a later change of an earlier
// session leaves it on its date while that date still fits (allowed, and
// within its interval from the session before), and else moves it with a
// warning naming both dates.
func TestRescheduleKeepsBookedInSight(t *testing.T) {
	cat := builtin(t)
	req := request(t, "mesolifting", "2027-03-16")
	old := mustPlan(t, cat, req)
	req.Today = instant(t, "2027-03-20 10:30 +01:00")
	booked, err := Reschedule(cat, req, old, Change{Kind: ChangeMove, Session: 4, To: dateOf("2027-04-08")})
	if err != nil {
		t.Fatal(err)
	}
	var flags []bool
	for _, s := range booked.Sessions {
		flags = append(flags, s.Booked)
	}
	if !slices.Equal(flags, []bool{false, false, false, true, false, false}) {
		t.Fatalf("booked = %v, want session 4 alone", flags)
	}
	// session 5 moved: session 4, before it, is kept and stays booked
	later, err := Reschedule(cat, req, booked, Change{Kind: ChangeMove, Session: 5, To: dateOf("2027-04-26")})
	if err != nil {
		t.Fatal(err)
	}
	if !later.Sessions[3].Booked || !later.Sessions[4].Booked || hasCode(later.Warnings, "booked-moved") {
		t.Errorf("sessions 4 and 5 should be booked, without a warning: %+v %v", later.Sessions[3:5], later.Warnings)
	}
	tests := []struct {
		name   string
		change Change
		want   string
	}{
		{"an earlier move that leaves it too close", Change{Kind: ChangeMove, Session: 3, To: dateOf("2027-04-02")},
			"session 4 had been booked by hand for Thu 2027-04-08, which no longer fits after the change to session 3; it is now on Fri 2027-04-09: tell the patient"},
		{"an earlier session dropped", Change{Kind: ChangeMissed, Session: 2, Drop: true},
			"session 4 (now session 3) had been booked by hand for Thu 2027-04-08, which no longer fits after the change to session 2; it is now on Wed 2027-03-31: tell the patient"},
	}
	// changes after which the booked date still fits keep it, booked
	for _, ch := range []Change{
		{Kind: ChangeMove, Session: 3, To: dateOf("2027-04-01")},
		{Kind: ChangeMove, Session: 3, To: dateOf("2027-03-31")},
		{Kind: ChangeMissed, Session: 2},
	} {
		req := req
		if ch.Kind == ChangeMissed {
			req.Today = instant(t, "2027-03-23 12:00 +01:00")
		}
		p, err := Reschedule(cat, req, booked, ch)
		if err != nil {
			t.Fatal(err)
		}
		if hasCode(p.Warnings, "booked-moved") || !p.Sessions[3].Booked || !p.Sessions[3].Start.Equal(booked.Sessions[3].Start) {
			t.Errorf("%+v: session 4 %+v, warnings %v: want it on its booked date", ch, p.Sessions[3], p.Warnings)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := req
			if tt.change.Kind == ChangeMissed {
				req.Today = instant(t, "2027-03-23 12:00 +01:00")
			}
			p, err := Reschedule(cat, req, booked, tt.change)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range p.Warnings {
				if w.Code == "booked-moved" {
					got = append(got, w.Message)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("warnings = %q, want %q", got, tt.want)
			}
		})
	}
}

func hasCode(fs []Finding, code string) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Code == code })
}

// TestRescheduleKeepsFindings: a later reschedule keeps why the sessions
// before the change were moved, and that the preparation for session 1
// began too late: planning again from the change does not find them, and
// they still hold.
func TestRescheduleKeepsFindings(t *testing.T) {
	cat := builtin(t)
	req := request(t, "mesolifting", "2027-03-16")
	req.Constraints = []Constraint{closedOn(t, "Easter Monday", "", "", "2027-03-29", "2027-03-30")}
	req.Today = instant(t, "2027-03-12 09:00 +01:00") // four days before session 1: a week without NSAIDs is too late
	old := mustPlan(t, cat, req)
	if got := findingCodes(old.Warnings); !slices.Contains(got, "moved:session-3") || !slices.Contains(got, "too-late-start:nsaids") {
		t.Fatalf("warnings = %v", got)
	}
	p, err := Reschedule(cat, req, old, Change{Kind: ChangeMove, Session: 5, To: dateOf("2027-04-23")})
	if err != nil {
		t.Fatal(err)
	}
	got := findingCodes(p.Warnings)
	for _, want := range []string{"moved:session-3", "too-late-start:nsaids"} {
		if !slices.Contains(got, want) {
			t.Errorf("after the reschedule, warnings = %v, want %s still", got, want)
		}
	}
	if m := p.Sessions[2].Moved; m == nil || m.Reason != old.Sessions[2].Moved.Reason {
		t.Errorf("session 3 moved = %+v, want the reason it had", m)
	}
	// a change from session 3 on finds its own moves again, once
	p, err = Reschedule(cat, req, old, Change{Kind: ChangeMove, Session: 2, To: dateOf("2027-03-24")})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range p.Warnings {
		if f.Code == "moved" {
			n++
		}
	}
	if got := findingCodes(p.Warnings); n > 1 || slices.Contains(got, "moved:session-3") && p.Sessions[2].Moved == nil {
		t.Errorf("warnings = %v", got)
	}
}

// TestRescheduleErrorKinds: Reschedule says whose fault an error is: the
// saved plan's inputs (PlanInputError), the change (ChangeError), or
// neither, a request that cannot be met (as Make says it).
func TestRescheduleErrorKinds(t *testing.T) {
	cat := builtin(t)
	base := request(t, "mesolifting", "2027-03-16")
	old := mustPlan(t, cat, base)
	one := mustPlan(t, cat, request(t, "mesobotox", "2027-03-16"))
	// A saved plan edited to hold a maintenance session its treatment has
	// not.
	noMaintenance := mustPlan(t, cat, request(t, "analgesic", "2027-03-16"))
	last := &noMaintenance.Sessions[len(noMaintenance.Sessions)-1]
	last.Maintenance, last.Phase = true, "maintenance"
	rome := loc(t, "Europe/Rome")
	today := time.Date(2027, 3, 1, 9, 0, 0, 0, rome)
	edit := func(f func(*Request)) Request {
		r := base
		r.Today = today
		f(&r)
		return r
	}
	var (
		inputs *PlanInputError
		change *ChangeError
		noDate *NextDateError
	)
	for _, tt := range []struct {
		name string
		req  Request
		old  *Plan
		ch   Change
		want any
		msg  string
	}{
		{"treatment edited", edit(func(r *Request) { r.Treatment = "mesolifitng" }), old, Change{Kind: ChangeMissed, Session: 2}, &inputs, `unknown treatment "mesolifitng"`},
		{"condition edited", edit(func(r *Request) { r.Conditions = []string{"pregnant-ish"} }), old, Change{Kind: ChangeMissed, Session: 2}, &inputs, `unknown condition "pregnant-ish"`},
		{"language edited", edit(func(r *Request) { r.Lang = "xx" }), old, Change{Kind: ChangeMissed, Session: 2}, &inputs, `unknown language "xx"`},
		{"start edited out of the years", edit(func(r *Request) { r.Start = date(t, "1800-01-01") }), old, Change{Kind: ChangeMissed, Session: 2}, &inputs, "too far in the past"},
		{"maintenance the treatment has not", edit(func(r *Request) { r.Treatment = "analgesic" }), noMaintenance, Change{Kind: ChangeMissed, Session: 1}, &inputs, `has no phase "maintenance"`},
		{"held after today", edit(func(*Request) {}), old, Change{Kind: ChangeDone, Session: 2}, &change, "is after today"},
		{"only session dropped", edit(func(r *Request) { r.Treatment = "mesobotox" }), one, Change{Kind: ChangeMissed, Session: 1, Drop: true}, &change, "dropping it leaves none"},
		{"moved before now", edit(func(*Request) {}), old, Change{Kind: ChangeMove, Session: 3, To: date(t, "2027-02-01")}, &noDate, "before now"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Reschedule(cat, tt.req, tt.old, tt.ch)
			if err == nil || !errors.As(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v (%T), want a %T saying %q", err, err, tt.want, tt.msg)
			}
			if errors.As(err, &inputs) && errors.As(err, &change) {
				t.Errorf("%v is both the file's fault and the change's", err)
			}
		})
	}
}
