package ical

import (
	"fmt"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// TestSequenceRisesWithContent: exported without the state of the export
// before (a plan saved by 'plan --save', rescheduled, exported again),
// every event whose content changed gets a higher SEQUENCE than it had,
// or a calendar that applies changes only when SEQUENCE rises (Google)
// keeps the old text: a "still in force" line that is no longer true, a
// preparation that starts on another day. Over reschedules of every kind
// and chains of two, grouped and detailed.
func TestSequenceRisesWithContent(t *testing.T) {
	cat := catalog(t)
	for _, treatment := range []string{"mesolifting", "hair", "cellulite"} {
		req := planner.Request{Treatment: treatment, Start: mustDate(t, "2027-03-16"), Time: mustClock(t, "10:00"), Location: mustLoc(t, "Europe/Rome")}
		base, err := planner.Make(cat, req)
		if err != nil {
			t.Fatal(err)
		}
		req.Today = base.Sessions[0].Start.AddDate(0, 0, -20)
		changes := func(p *planner.Plan) []planner.Change {
			var out []planner.Change
			for _, s := range p.Sessions[1:] {
				day := planner.DateOf(s.Start.In(req.Location))
				for _, d := range []int{-3, -1, 1, 2, 5} {
					out = append(out, planner.Change{Kind: planner.ChangeMove, Session: s.Number, To: day.AddDays(d)})
				}
				out = append(out, planner.Change{Kind: planner.ChangeMissed, Session: s.Number},
					planner.Change{Kind: planner.ChangeMissed, Session: s.Number, Drop: true})
			}
			return out
		}
		// a missed session is said missed on its day
		reschedule := func(p *planner.Plan, c planner.Change) (*planner.Plan, error) {
			r := req
			if c.Kind == planner.ChangeMissed {
				r.Today = p.Sessions[c.Session-1].Start.Add(3 * time.Hour)
			}
			return planner.Reschedule(cat, r, p, c)
		}
		var pairs [][2]*planner.Plan
		for _, c1 := range changes(base) {
			p1, err := reschedule(base, c1)
			if err != nil {
				continue // a date the rules refuse
			}
			pairs = append(pairs, [2]*planner.Plan{base, p1})
			for i, c2 := range changes(p1) {
				if i%7 != 0 {
					continue // a sample of second changes
				}
				if p2, err := reschedule(p1, c2); err == nil {
					pairs = append(pairs, [2]*planner.Plan{p1, p2})
				}
			}
		}
		if len(pairs) < 20 {
			t.Fatalf("%s: only %d reschedules", treatment, len(pairs))
		}
		for _, detail := range []bool{false, true} {
			for _, pair := range pairs {
				o := defaultOptions(t, pair[0], "Anna", "2027-03-16")
				o.Detail = detail
				_, before, err := EncodeUpdate(pair[0], o, nil)
				if err != nil {
					t.Fatal(err)
				}
				_, after, err := EncodeUpdate(pair[1], o, nil)
				if err != nil {
					t.Fatal(err)
				}
				old := map[string]EventState{}
				for _, s := range before {
					old[s.UID] = s
				}
				for _, s := range after {
					if o, ok := old[s.UID]; ok && o.Hash != s.Hash && s.Sequence <= o.Sequence {
						t.Errorf("%s detail=%v: %s changed with SEQUENCE %d -> %d\n%s", treatment, detail, s.UID, o.Sequence, s.Sequence, describe(pair))
					}
				}
			}
		}
	}
}

func describe(pair [2]*planner.Plan) string {
	var s string
	for i, p := range pair {
		s += fmt.Sprintf("plan %d:", i)
		for _, x := range p.Sessions {
			s += fmt.Sprintf(" %d@%s(r%d)", x.Number, x.Start.Format("01-02"), x.Revision)
		}
		s += "\n"
	}
	return s
}
