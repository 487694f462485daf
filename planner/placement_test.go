package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// closed is a fake Constraint: it refuses the listed dates, giving reason.
type closed struct {
	dates  map[Date]bool
	reason string
	calls  int
}

func (c *closed) Allows(d Date) (bool, string) {
	c.calls++
	if c.dates[d] {
		return false, c.reason
	}
	return true, ""
}

// closedOn refuses every date from first to last inclusive, and each single
// date in more.
func closedOn(t *testing.T, reason, first, last string, more ...string) *closed {
	t.Helper()
	c := &closed{dates: map[Date]bool{}, reason: reason}
	if first != "" {
		for d := date(t, first); !date(t, last).Before(d); d = d.AddDays(1) {
			c.dates[d] = true
		}
	}
	for _, m := range more {
		c.dates[date(t, m)] = true
	}
	return c
}

// everything refuses every date.
type everything struct{ calls int }

func (e *everything) Allows(Date) (bool, string) {
	e.calls++
	return false, "the clinic is closed for good"
}

// only allows just the given dates.
type only map[Date]bool

func (o only) Allows(d Date) (bool, string) { return o[d], "not an open day" }

func weeklySlots(n int, iv Interval) []slot {
	out := make([]slot, n)
	for i := range out {
		out[i] = slot{phase: "p", interval: iv}
	}
	return out
}

func TestPlace(t *testing.T) {
	weekly := Interval{Min: 7, Target: 7, Max: 10}
	flexible := Interval{Min: 5, Target: 7, Max: 10}
	tests := []struct {
		name     string
		slots    []slot
		cons     func(t *testing.T) []Constraint
		want     []string
		findings []string // "code:subject:substring of message"
	}{
		{
			name:  "no constraints",
			slots: weeklySlots(3, weekly),
			cons:  func(*testing.T) []Constraint { return nil },
			want:  []string{"2027-03-16", "2027-03-23", "2027-03-30"},
		},
		{
			name:  "target allowed",
			slots: weeklySlots(3, weekly),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "holiday", "2027-03-17", "2027-03-22")}
			},
			want: []string{"2027-03-16", "2027-03-23", "2027-03-30"},
		},
		{
			name:  "target refused: the earliest later date within the maximum",
			slots: weeklySlots(3, weekly),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "the clinic is closed", "2027-03-23", "2027-03-24")}
			},
			want:     []string{"2027-03-16", "2027-03-25", "2027-04-01"},
			findings: []string{"moved:session-2:session 2: moved from 2027-03-23 to 2027-03-25 (9 days after session 1) because the clinic is closed"},
		},
		{
			name:  "later refused up to the maximum: the latest earlier date at or above the minimum",
			slots: weeklySlots(2, flexible),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "the patient is away", "2027-03-23", "2027-03-26", "2027-03-21")}
			},
			want:     []string{"2027-03-16", "2027-03-22"},
			findings: []string{"moved:session-2:session 2: moved from 2027-03-23 to 2027-03-22 (6 days after session 1) because the patient is away"},
		},
		{
			name:  "earlier at the minimum",
			slots: weeklySlots(2, flexible),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "the patient is away", "2027-03-22", "2027-03-26")}
			},
			want:     []string{"2027-03-16", "2027-03-21"},
			findings: []string{"moved:session-2:(5 days after session 1)"},
		},
		{
			name:  "nothing within min..max: the earliest date past the maximum",
			slots: weeklySlots(2, flexible),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "the clinic is closed for Easter", "2027-03-21", "2027-03-28")}
			},
			want:     []string{"2027-03-16", "2027-03-29"},
			findings: []string{"interval-exceeded:session-2:session 2: 13 days after session 1, above the 10-day maximum, because the clinic is closed for Easter"},
		},
		{
			name:  "min equals target: no earlier date is tried",
			slots: weeklySlots(2, weekly),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "closed", "2027-03-23", "2027-03-26")}
			},
			want:     []string{"2027-03-16", "2027-03-27"},
			findings: []string{"interval-exceeded:session-2:11 days after session 1, above the 10-day maximum, because closed"},
		},
		{
			name:  "session 1 refused: the first allowed date on or after the start",
			slots: weeklySlots(2, weekly),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "the clinic is closed on Tuesdays and Wednesdays", "2027-03-16", "2027-03-17")}
			},
			want:     []string{"2027-03-18", "2027-03-25"},
			findings: []string{"moved:session-1:session 1: moved from 2027-03-16 to 2027-03-18 because the clinic is closed on Tuesdays and Wednesdays"},
		},
		{
			name:  "the first refusing constraint gives the reason",
			slots: weeklySlots(2, weekly),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{
					closedOn(t, "first", "", "", "2027-03-23"),
					closedOn(t, "second", "2027-03-23", "2027-03-24"),
				}
			},
			want:     []string{"2027-03-16", "2027-03-25"},
			findings: []string{"moved:session-2:because first"},
		},
		{
			name:  "several moves are all reported, and later sessions follow the moved ones",
			slots: weeklySlots(3, weekly),
			cons: func(t *testing.T) []Constraint {
				return []Constraint{closedOn(t, "closed", "", "", "2027-03-16", "2027-03-24", "2027-03-25")}
			},
			want: []string{"2027-03-17", "2027-03-26", "2027-04-02"},
			findings: []string{
				"moved:session-1:from 2027-03-16 to 2027-03-17",
				"moved:session-2:from 2027-03-24 to 2027-03-26 (9 days after session 1)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dates, findings, err := place(date(t, "2027-03-16"), tt.slots, tt.cons(t))
			if err != nil {
				t.Fatalf("place: %v", err)
			}
			var got []string
			for _, d := range dates {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("dates = %v, want %v", got, tt.want)
			}
			if len(findings) != len(tt.findings) {
				t.Fatalf("findings = %+v, want %d", findings, len(tt.findings))
			}
			for i, f := range findings {
				want := strings.SplitN(tt.findings[i], ":", 3)
				if f.Code != want[0] || f.Subject != want[1] || !strings.Contains(f.Message, want[2]) {
					t.Errorf("finding %d = %+v, want %s", i, f, tt.findings[i])
				}
			}
		})
	}
}

// TestPlaceNoDate: constraints that leave no date free end in an
// *InputError after a bounded search, never a hang.
func TestPlaceNoDate(t *testing.T) {
	start := Date{2027, time.March, 16}
	tests := []struct {
		name    string
		cons    []Constraint
		session string
		from    string
	}{
		{"nothing allowed", []Constraint{&everything{}}, "session 1", "2027-03-16"},
		{"only the first date allowed", []Constraint{only{start: true}}, "session 2", "2027-03-27"},
		{"next date beyond the horizon", []Constraint{only{start: true, start.AddDays(11 + searchHorizon): true}}, "session 2", "2027-03-27"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, _, err := place(start, weeklySlots(4, Interval{Min: 7, Target: 7, Max: 10}), tt.cons)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("place did not return within 10s")
			}
			ie := asInputError(t, err)
			if ie.Value != tt.from || !containsAll(ie.Msg, "no date allowed for "+tt.session, "366 days", tt.from) || ie.Hint == "" {
				t.Errorf("error = %+v", ie)
			}
		})
	}
	// Within the horizon is still found.
	dates, findings, err := place(start, weeklySlots(2, Interval{Min: 7, Target: 7, Max: 10}),
		[]Constraint{only{start: true, start.AddDays(11 + searchHorizon - 1): true}})
	if err != nil || len(dates) != 2 || dates[1] != start.AddDays(11+searchHorizon-1) || len(findings) != 1 || findings[0].Code != "interval-exceeded" {
		t.Errorf("place = %v, %+v, %v", dates, findings, err)
	}
	// The search is bounded: one look per day of the horizon.
	e := &everything{}
	_, _, _ = place(start, weeklySlots(1, Interval{Min: 7, Target: 7, Max: 10}), []Constraint{e})
	if e.calls != searchHorizon {
		t.Errorf("%d calls to Allows, want %d", e.calls, searchHorizon)
	}
}

// TestMakeWithConstraints: Make reports moves among the plan's warnings and
// refuses, as an *InputError, a course no date can hold.
func TestMakeWithConstraints(t *testing.T) {
	cat := builtin(t)
	req := request(t, "mesolifting", "2027-03-16")
	req.Constraints = []Constraint{closedOn(t, "Easter Monday", "", "", "2027-03-29", "2027-03-30")}
	p := mustPlan(t, cat, req)
	want := []string{"2027-03-16", "2027-03-23", "2027-03-31", "2027-04-07", "2027-04-22", "2027-05-07"}
	if got := sessionDates(p); !slices.Equal(got, want) {
		t.Errorf("sessions = %v, want %v", got, want)
	}
	if got := findingCodes(p.Warnings); !slices.Equal(got, []string{"moved:session-3"}) {
		t.Errorf("warnings = %v", got)
	}
	if p.Sessions[2].DaysSincePrevious != 8 || p.Sessions[3].DaysSincePrevious != 7 {
		t.Errorf("days since previous = %d, %d", p.Sessions[2].DaysSincePrevious, p.Sessions[3].DaysSincePrevious)
	}
	if p.Maintenance.Date.String() != "2027-11-07" {
		t.Errorf("recall = %s, want 2027-11-07", p.Maintenance.Date)
	}
	// Contraindication warnings come first, then moves.
	req.Conditions = []string{"diabetes"}
	p = mustPlan(t, cat, req)
	if got := findingCodes(p.Warnings); !slices.Equal(got, []string{"contraindication:diabetes", "moved:session-3"}) {
		t.Errorf("warnings = %v", got)
	}
	req.Constraints = []Constraint{&everything{}}
	_, err := Make(cat, req)
	if ie := asInputError(t, err); !strings.Contains(ie.Msg, "session 1") {
		t.Errorf("error = %+v", ie)
	}
}

// placed formats a placement for comparison: its date, its target date,
// and the reason it moved ("" when it did not).
func placed(p placement) string {
	return fmt.Sprintf("%s target %s %q", p.date, p.target, p.reason)
}

// formatFinding formats a finding as "code:subject:message"; "" for none.
func formatFinding(f *Finding) string {
	if f == nil {
		return ""
	}
	return f.Code + ":" + f.Subject + ":" + f.Message
}

func TestAllowedBy(t *testing.T) {
	cons := []Constraint{
		closedOn(t, "first", "", "", "2027-03-20"),
		closedOn(t, "second", "2027-03-20", "2027-03-21"),
	}
	tests := []struct {
		name      string
		notBefore string // "" for none
		day       string
		wantOK    bool
		wantWhy   string
	}{
		{"no limit, not refused", "", "2027-03-19", true, ""},
		{"the first refusing constraint gives the reason", "", "2027-03-20", false, "first"},
		{"a later constraint refuses", "", "2027-03-21", false, "second"},
		{"before notBefore, whatever the constraints", "2027-03-22", "2027-03-20", false, "that day has passed"},
		{"notBefore itself is allowed", "2027-03-22", "2027-03-22", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var notBefore Date
			if tt.notBefore != "" {
				notBefore = date(t, tt.notBefore)
			}
			ok, why := allowedBy(cons, notBefore)(date(t, tt.day))
			if ok != tt.wantOK || why != tt.wantWhy {
				t.Errorf("allowed(%s) = %v, %q; want %v, %q", tt.day, ok, why, tt.wantOK, tt.wantWhy)
			}
		})
	}
}

// TestPlaceSession: each session is placed by the strategy for its place in
// the course, and only that one.
func TestPlaceSession(t *testing.T) {
	start := date(t, "2027-03-16")
	weekly := slot{phase: "p", interval: Interval{Min: 7, Target: 7, Max: 10}}
	// Refuses the start, a kept date and a date chosen with --to, so that
	// any of them surviving shows which strategy ran.
	cons := closedOn(t, "closed", "", "", "2027-03-16", "2027-03-18", "2027-03-24")
	allowed := allowedBy([]Constraint{cons}, Date{})
	tests := []struct {
		name   string
		i      int
		placed []string
		r      replan
		want   string
	}{
		{"a kept session stays, though refused now", 1, []string{"2027-03-10"},
			replan{keep: []Date{date(t, "2027-03-10"), date(t, "2027-03-18")}},
			`2027-03-18 target 2027-03-18 ""`},
		{"the session after the kept ones goes on the chosen date", 1, []string{"2027-03-10"},
			replan{keep: []Date{date(t, "2027-03-10")}, next: &Next{Date: date(t, "2027-03-24"), Force: true}},
			`2027-03-24 target 2027-03-24 ""`},
		{"a chosen date for session 1 beats the start", 0, nil,
			replan{next: &Next{Date: date(t, "2027-03-18"), Force: true}},
			`2027-03-18 target 2027-03-18 ""`},
		{"session 1 from the start", 0, nil, replan{},
			`2027-03-17 target 2027-03-16 "closed"`},
		{"a later session from the one before it", 2, []string{"2027-03-10", "2027-03-17"}, replan{},
			`2027-03-25 target 2027-03-24 "closed"`},
		{"after the chosen date, the interval from it", 2, []string{"2027-03-10", "2027-03-20"},
			replan{keep: []Date{date(t, "2027-03-10")}, next: &Next{Date: date(t, "2027-03-20")}},
			`2027-03-27 target 2027-03-27 ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before []placement
			for _, d := range tt.placed {
				before = append(before, placement{date: date(t, d), target: date(t, d)})
			}
			p, _, err := placeSession(tt.i, weekly, before, start, tt.r, allowed)
			if err != nil {
				t.Fatal(err)
			}
			if got := placed(p); got != tt.want {
				t.Errorf("placed %s, want %s", got, tt.want)
			}
		})
	}
}

func TestPlaceNext(t *testing.T) {
	keep := []Date{date(t, "2027-03-16"), date(t, "2027-03-23")}
	weekly := Interval{Min: 5, Target: 7, Max: 10}
	allowed := allowedBy([]Constraint{closedOn(t, "the clinic is closed", "", "", "2027-03-28")}, date(t, "2027-03-25"))
	tests := []struct {
		name    string
		keep    []Date
		next    Next
		want    string
		finding string
		wantErr string // the NextDateError's message
	}{
		{"an allowed date", keep, Next{Date: date(t, "2027-04-01")}, `2027-04-01 target 2027-04-01 ""`, "", ""},
		{"a refused date", keep, Next{Date: date(t, "2027-03-28")}, "", "",
			"session 3 cannot go on 2027-03-28: the clinic is closed"},
		{"a refused date, forced", keep, Next{Date: date(t, "2027-03-28"), Force: true}, `2027-03-28 target 2027-03-28 ""`, "", ""},
		{"a date that has passed", keep, Next{Date: date(t, "2027-03-24")}, "", "",
			"session 3 cannot go on 2027-03-24: that day has passed"},
		{"the day of the last kept session, forced", keep, Next{Date: date(t, "2027-03-23"), Force: true}, "", "",
			"session 3 cannot go on 2027-03-23: session 2 is on 2027-03-23"},
		{"nothing kept: session 1 has no session before it", nil, Next{Date: date(t, "2027-03-10"), Force: true},
			`2027-03-10 target 2027-03-10 ""`, "", ""},
		{"the maximum itself", keep, Next{Date: date(t, "2027-04-02")}, `2027-04-02 target 2027-04-02 ""`, "", ""},
		{"above the maximum", keep, Next{Date: date(t, "2027-04-03")}, "", "",
			"session 3 cannot go on 2027-04-03: 11 days after session 2 is above the 10-day maximum (interval 5 to 10 days)"},
		{"above the maximum, forced", keep, Next{Date: date(t, "2027-04-03"), Force: true}, `2027-04-03 target 2027-04-03 ""`,
			"forced-interval:session-3:session 3: 11 days after session 2, above the 10-day maximum, booked by force", ""},
		{"below the minimum, forced", []Date{date(t, "2027-03-16"), date(t, "2027-03-21")}, Next{Date: date(t, "2027-03-25"), Force: true},
			`2027-03-25 target 2027-03-25 ""`, "forced-interval:session-3:session 3: 4 days after session 2, below the 5-day minimum, booked by force", ""},
		{"below the minimum", []Date{date(t, "2027-03-16"), date(t, "2027-03-21")}, Next{Date: date(t, "2027-03-25")}, "", "",
			"session 3 cannot go on 2027-03-25: 4 days after session 2 is below the 5-day minimum (interval 5 to 10 days)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f, err := placeNext(tt.next, tt.keep, weekly, allowed)
			if tt.wantErr != "" {
				ne := asError[*NextDateError](t, err)
				if ne.Date != tt.next.Date || ne.Error() != tt.wantErr {
					t.Errorf("error = %+v, want date %s, message %q", ne, tt.next.Date, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := placed(p); got != tt.want {
				t.Errorf("placed %s, want %s", got, tt.want)
			}
			if got := formatFinding(f); got != tt.finding {
				t.Errorf("finding %q, want %q", got, tt.finding)
			}
		})
	}
	// A refusal by the constraints or the interval can be forced, the
	// order of sessions cannot, and the error says which.
	for d, forcible := range map[string]bool{"2027-03-28": true, "2027-04-03": true} {
		_, _, err := placeNext(Next{Date: date(t, d)}, keep, weekly, allowed)
		if ne := asError[*NextDateError](t, err); ne.Forcible != forcible {
			t.Errorf("%s: Forcible = %v", d, ne.Forcible)
		}
	}
	_, _, err := placeNext(Next{Date: date(t, "2027-03-23"), Force: true}, keep, weekly, allowed)
	if ne := asError[*NextDateError](t, err); ne.Forcible {
		t.Errorf("a date on the last kept session is Forcible: %+v", ne)
	}
}

func TestPlaceFirst(t *testing.T) {
	start := date(t, "2027-03-16")
	tests := []struct {
		name    string
		cons    Constraint
		want    string
		finding string
		wantErr string // the InputError's Msg
	}{
		{"the start is allowed", closedOn(t, "closed", "2027-03-17", "2027-03-20"),
			`2027-03-16 target 2027-03-16 ""`, "", ""},
		{"the start is refused", closedOn(t, "closed on Tuesdays", "2027-03-16", "2027-03-17"),
			`2027-03-18 target 2027-03-16 "closed on Tuesdays"`,
			"moved:session-1:session 1: moved from 2027-03-16 to 2027-03-18 because closed on Tuesdays", ""},
		{"nothing is allowed", &everything{}, "", "",
			"no date allowed for session 1 within 366 days of 2027-03-16 (the clinic is closed for good)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f, err := placeFirst(start, allowedBy([]Constraint{tt.cons}, Date{}))
			if tt.wantErr != "" {
				if ie := asInputError(t, err); ie.Msg != tt.wantErr || ie.Value != "2027-03-16" {
					t.Errorf("error = %+v, want %q", ie, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := placed(p); got != tt.want {
				t.Errorf("placed %s, want %s", got, tt.want)
			}
			if got := formatFinding(f); got != tt.finding {
				t.Errorf("finding %q, want %q", got, tt.finding)
			}
		})
	}
}

// TestPlaceLater: session 2 after session 1 on 2027-03-16, wanting 7 days
// and accepting 5 to 10: target 2027-03-23, range 2027-03-21..2027-03-26.
func TestPlaceLater(t *testing.T) {
	prev := date(t, "2027-03-16")
	iv := Interval{Min: 5, Target: 7, Max: 10}
	tests := []struct {
		name    string
		cons    []Constraint
		want    string
		finding string
		wantErr string // the InputError's Msg
	}{
		{"the target is allowed",
			[]Constraint{closedOn(t, "away", "2027-03-17", "2027-03-22")},
			`2027-03-23 target 2027-03-23 ""`, "", ""},
		{"the next day",
			[]Constraint{closedOn(t, "away", "2027-03-23", "2027-03-23")},
			`2027-03-24 target 2027-03-23 "away"`,
			"moved:session-2:session 2: moved from 2027-03-23 to 2027-03-24 (8 days after session 1) because away", ""},
		{"later at the maximum beats a nearer earlier date",
			[]Constraint{closedOn(t, "away", "2027-03-23", "2027-03-25")},
			`2027-03-26 target 2027-03-23 "away"`,
			"moved:session-2:session 2: moved from 2027-03-23 to 2027-03-26 (10 days after session 1) because away", ""},
		{"nothing later: the latest earlier date",
			[]Constraint{closedOn(t, "away", "2027-03-23", "2027-03-26")},
			`2027-03-22 target 2027-03-23 "away"`,
			"moved:session-2:session 2: moved from 2027-03-23 to 2027-03-22 (6 days after session 1) because away", ""},
		{"earlier down to the minimum",
			[]Constraint{closedOn(t, "away", "2027-03-22", "2027-03-26")},
			`2027-03-21 target 2027-03-23 "away"`,
			"moved:session-2:session 2: moved from 2027-03-23 to 2027-03-21 (5 days after session 1) because away", ""},
		{"nothing within the interval: past the maximum",
			[]Constraint{closedOn(t, "away", "2027-03-21", "2027-03-27")},
			`2027-03-28 target 2027-03-23 "away"`,
			"interval-exceeded:session-2:session 2: 12 days after session 1, above the 10-day maximum, because away", ""},
		{"the reason is why the target was refused",
			[]Constraint{closedOn(t, "a holiday", "", "", "2027-03-23"), closedOn(t, "away", "2027-03-21", "2027-03-26")},
			`2027-03-27 target 2027-03-23 "a holiday"`,
			"interval-exceeded:session-2:session 2: 11 days after session 1, above the 10-day maximum, because a holiday", ""},
		{"nothing at all",
			[]Constraint{&everything{}}, "", "",
			"no date allowed for session 2 within 366 days of 2027-03-27 (the clinic is closed for good)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f, err := placeLater(2, prev, iv, allowedBy(tt.cons, Date{}))
			if tt.wantErr != "" {
				if ie := asInputError(t, err); ie.Msg != tt.wantErr || ie.Value != "2027-03-27" {
					t.Errorf("error = %+v, want %q", ie, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := placed(p); got != tt.want {
				t.Errorf("placed %s, want %s", got, tt.want)
			}
			if got := formatFinding(f); got != tt.finding {
				t.Errorf("finding %q, want %q", got, tt.finding)
			}
		})
	}
}
