package planner

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestPlanJSONRoundTrip checks that a plan read back from its JSON form
// equals the plan Make returned, times in the plan's zone included.
func TestPlanJSONRoundTrip(t *testing.T) {
	for _, zone := range []string{"Europe/Rome", "America/New_York", "UTC"} {
		p := mustPlan(t, builtin(t), Request{Treatment: "mesolifting", Start: dateOf("2027-03-16"), Time: Clock{Hour: 10}, Location: loc(t, zone)})
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var back Plan
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		if back.Zone.String() != zone {
			t.Errorf("%s: zone %q", zone, back.Zone)
		}
		for i, s := range back.Sessions {
			if s.Start.Location().String() != zone || !s.Start.Equal(p.Sessions[i].Start) {
				t.Errorf("%s: session %d starts %v, want %v in %s", zone, s.Number, s.Start, p.Sessions[i].Start, zone)
			}
		}
		if back.Maintenance == nil || back.Maintenance.Date != p.Maintenance.Date || back.Maintenance.After != p.Maintenance.After {
			t.Errorf("%s: maintenance %+v, want %+v", zone, back.Maintenance, p.Maintenance)
		}
		again, _ := json.Marshal(&back)
		if string(again) != string(data) {
			t.Errorf("%s: the JSON differs after a round trip", zone)
		}
		if err := back.Check(); err != nil {
			t.Errorf("%s: Check: %v", zone, err)
		}
	}
}

// TestPlanCheck checks that a plan edited into one Make could not return
// is refused with the reason.
func TestPlanCheck(t *testing.T) {
	base := func() *Plan {
		return mustPlan(t, builtin(t), Request{Treatment: "mesolifting", Start: dateOf("2027-03-16"), Time: Clock{Hour: 10}, Location: loc(t, "Europe/Rome")})
	}
	tests := []struct {
		name string
		edit func(p *Plan)
		want string
	}{
		{"no zone", func(p *Plan) { p.Zone = Zone{} }, `unknown time zone ""`},
		{"no sessions", func(p *Plan) { p.Sessions = nil }, "it has no sessions"},
		{"renumbered", func(p *Plan) { p.Sessions[1].Number = 5 }, "session 2 is listed as number 5"},
		{"ends before it starts", func(p *Plan) { p.Sessions[0].End = p.Sessions[0].Start.Add(-time.Minute) }, "session 1 ends"},
		{"out of order", func(p *Plan) { p.Sessions[2].Start, p.Sessions[2].End = p.Sessions[0].Start, p.Sessions[0].End }, "session 3 (2027-03-16T10:00:00+01:00) is not after session 2"},
		{"unknown kind", func(p *Plan) { p.Windows[0].Kind = "during" }, `window 1 has kind "during"`},
		{"empty window", func(p *Plan) { p.Windows[0].End = p.Windows[0].Start }, "window 1 (nsaids) ends before it starts"},
		{"no session", func(p *Plan) { p.Windows[0].Sessions = nil }, "window 1 (nsaids) belongs to no session"},
		{"unknown session", func(p *Plan) { p.Windows[0].Sessions = []int{9} }, "belongs to session 9, which does not exist"},
		{"year 0", func(p *Plan) { p.Sessions[0].Start = p.Sessions[0].Start.AddDate(-2027, 0, 0) }, "session 1 is in the year 0: a plan lies between 1900 and 2200"},
		{"year 9999", func(p *Plan) {
			last := len(p.Sessions) - 1
			p.Sessions[last].End = p.Sessions[last].End.AddDate(7972, 0, 0)
		}, "the end of session 6 is in the year 9999"},
		{"too many sessions", func(p *Plan) {
			for len(p.Sessions) <= 100 {
				s := p.Sessions[len(p.Sessions)-1]
				s.Number++
				s.Start, s.End = s.Start.AddDate(0, 0, 1), s.End.AddDate(0, 0, 1)
				p.Sessions = append(p.Sessions, s)
			}
		}, "it has 101 sessions: a course has at most 100, maintenance included"},
		{"too many windows", func(p *Plan) {
			for len(p.Windows) <= 100*100 {
				p.Windows = append(p.Windows, p.Windows[0])
			}
		}, "it has 10001 windows: a plan has at most 10000"},
		{"a window in 1899", func(p *Plan) { p.Windows[0].Start = p.Windows[0].Start.AddDate(-128, 0, 0) }, "window 1 is in the year 1899"},
		{"maintenance in 2201", func(p *Plan) { p.Maintenance.Date.Year = 2201 }, "the maintenance date 2201-"},
		{"negative session revision", func(p *Plan) { p.Sessions[1].Revision = -1 }, "session 2 has revision -1: want 0 to 1000000"},
		{"absurd window revision", func(p *Plan) { p.Windows[0].Revision = MaxRevision + 1 }, "window 1 (nsaids) has revision 1000001"},
		{"negative maintenance revision", func(p *Plan) { p.Maintenance.Revision = -3 }, "the maintenance has revision -3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			if err := p.Check(); err != nil {
				t.Fatalf("the plan Make returned fails Check: %v", err)
			}
			tt.edit(p)
			err := p.Check()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestPlanJSONBadZone checks that an unknown zone in a saved plan is a
// ZoneError.
func TestPlanJSONBadZone(t *testing.T) {
	var p Plan
	err := json.Unmarshal([]byte(`{"timezone": "Mars/Base", "sessions": []}`), &p)
	if ze, ok := err.(*ZoneError); !ok || ze.Name != "Mars/Base" {
		t.Errorf("error %v, want a ZoneError", err)
	}
}
