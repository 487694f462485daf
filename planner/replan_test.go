package planner

import (
	"testing"
	"time"
)

// TestReplan checks how a course under way is placed again: kept sessions
// stay, a next date is honoured (or refused), and new sessions never go
// before NotBefore nor squeeze below the minimum interval.
func TestReplan(t *testing.T) {
	cat := builtin(t)
	rome := loc(t, "Europe/Rome")
	base := request(t, "mesolifting", "2027-03-16")
	base.Location = rome
	orig, err := Make(cat, base)
	if err != nil {
		t.Fatal(err)
	}
	kept := func(n int) []Kept {
		var k []Kept
		for _, s := range orig.Sessions[:n] {
			k = append(k, Kept{Start: s.Start})
		}
		return k
	}
	dates := func(p *Plan) []string {
		var out []string
		for _, s := range p.Sessions {
			out = append(out, DateOf(s.Start).String())
		}
		return out
	}
	monSat, _ := ParseWeekdays("mon-sat")

	tests := []struct {
		name    string
		edit    func(r *Request)
		want    []string
		wantErr string
	}{
		{name: "nothing kept is a new plan", edit: func(r *Request) {},
			want: []string{"2027-03-16", "2027-03-23", "2027-03-30", "2027-04-06", "2027-04-21", "2027-05-06"}},
		{name: "move session 3; the rest follow from it", edit: func(r *Request) {
			r.Keep, r.Next = kept(2), &Next{Date: date(t, "2027-04-01")}
		}, want: []string{"2027-03-16", "2027-03-23", "2027-04-01", "2027-04-08", "2027-04-23", "2027-05-08"}},
		{name: "a refused next date is an error", edit: func(r *Request) {
			r.Keep, r.Next = kept(2), &Next{Date: date(t, "2027-03-28")} // a Sunday
			r.Constraints = []Constraint{OpenDays(monSat)}
		}, wantErr: "session 3 cannot go on 2027-03-28: the clinic is closed on Sundays"},
		{name: "forced", edit: func(r *Request) {
			r.Keep, r.Next = kept(2), &Next{Date: date(t, "2027-03-28"), Force: true}
			r.Constraints = []Constraint{OpenDays(monSat)}
		}, want: []string{"2027-03-16", "2027-03-23", "2027-03-28", "2027-04-05", "2027-04-20", "2027-05-05"}},
		{name: "next before the last kept one", edit: func(r *Request) {
			r.Keep, r.Next = kept(2), &Next{Date: date(t, "2027-03-20")}
		}, wantErr: "session 3 cannot go on 2027-03-20: session 2 is on 2027-03-23"},
		{name: "missed: placed again from NotBefore, past the maximum", edit: func(r *Request) {
			r.Keep, r.NotBefore = kept(2), date(t, "2027-04-10")
		}, want: []string{"2027-03-16", "2027-03-23", "2027-04-10", "2027-04-17", "2027-05-02", "2027-05-17"}},
		{name: "held late: the rest shift, not squeeze", edit: func(r *Request) {
			k := kept(2)
			k[1] = Kept{Start: time.Date(2027, 3, 27, 10, 0, 0, 0, rome), Held: true}
			r.Keep = k
		}, want: []string{"2027-03-16", "2027-03-27", "2027-04-03", "2027-04-10", "2027-04-25", "2027-05-10"}},
		{name: "too many kept", edit: func(r *Request) {
			r.Keep, r.Next = kept(6), &Next{Date: date(t, "2027-06-01")}
		}, wantErr: "the course has only 6 sessions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := base
			tt.edit(&req)
			p, err := Make(cat, req)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := dates(p); !equalStrings(got, tt.want) {
				t.Errorf("sessions on %v\n want %v", got, tt.want)
			}
			for i, k := range req.Keep {
				if s := p.Sessions[i]; !s.Start.Equal(k.Start) || s.Held != k.Held {
					t.Errorf("kept session %d = %v held=%v, want %v held=%v", i+1, s.Start, s.Held, k.Start, k.Held)
				}
			}
		})
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
