package planner

import (
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
