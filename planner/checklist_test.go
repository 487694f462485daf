package planner

import (
	"fmt"
	"strings"
	"testing"
)

// TestChecklists checks what each session's checklist holds for the
// built-in mesolifting course (weekly sessions 1-4, then 15 days apart):
// the week without NSAIDs that runs across sessions 1 to 4 is in session
// 1's list only, each list is in the order the patient meets its items,
// and every window is in exactly one list.
func TestChecklists(t *testing.T) {
	cat := builtin(t)
	tests := []struct {
		perSession    bool
		session       int
		before, after string // rules, in order
	}{
		{false, 1, "nsaids supplements smoking-before skincare-before alcohol-before",
			"makeup alcohol-after blood-thinners-after exercise smoking-after exfoliants-after heat massage sun"},
		{false, 2, "smoking-before skincare-before alcohol-before",
			"makeup alcohol-after blood-thinners-after exercise smoking-after exfoliants-after heat massage sun"},
		{false, 5, "nsaids supplements smoking-before skincare-before alcohol-before",
			"makeup alcohol-after blood-thinners-after exercise smoking-after exfoliants-after heat massage sun"},
		{true, 2, "nsaids supplements smoking-before skincare-before alcohol-before",
			"makeup alcohol-after blood-thinners-after exercise smoking-after exfoliants-after heat massage sun"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("session %d/per-session=%v", tt.session, tt.perSession), func(t *testing.T) {
			req := request(t, "mesolifting", "2027-03-16")
			req.PerSession = tt.perSession
			p := mustPlan(t, cat, req)
			lists := p.Checklists()
			if len(lists) != len(p.Sessions) {
				t.Fatalf("%d checklists for %d sessions", len(lists), len(p.Sessions))
			}
			c := lists[tt.session-1]
			if c.Session.Number != tt.session {
				t.Fatalf("checklist %d is for session %d", tt.session, c.Session.Number)
			}
			rules := func(ws []Window) string {
				var out []string
				for _, w := range ws {
					out = append(out, w.Rule)
				}
				return strings.Join(out, " ")
			}
			if got := rules(c.Before); got != tt.before {
				t.Errorf("before:\n got %s\nwant %s", got, tt.before)
			}
			if got := rules(c.After); got != tt.after {
				t.Errorf("after:\n got %s\nwant %s", got, tt.after)
			}
			for i := 1; i < len(c.Before); i++ {
				if c.Before[i].Start.Before(c.Before[i-1].Start) {
					t.Errorf("before: %s starts before %s", c.Before[i].Rule, c.Before[i-1].Rule)
				}
			}
			for i := 1; i < len(c.After); i++ {
				if c.After[i].End.Before(c.After[i-1].End) {
					t.Errorf("after: %s ends before %s", c.After[i].Rule, c.After[i-1].Rule)
				}
			}
			count := 0
			for _, l := range lists {
				count += len(l.Before) + len(l.After)
			}
			if count != len(p.Windows) {
				t.Errorf("the checklists hold %d windows, the plan %d", count, len(p.Windows))
			}
		})
	}
}

// TestWindowContinues checks that only a merged window goes on past its
// first session.
func TestWindowContinues(t *testing.T) {
	for _, tt := range []struct {
		sessions []int
		want     bool
	}{{[]int{1}, false}, {[]int{1, 2}, true}, {[]int{3, 4, 5}, true}} {
		if got := (Window{Sessions: tt.sessions}).Continues(); got != tt.want {
			t.Errorf("Window{Sessions: %v}.Continues() = %v, want %v", tt.sessions, got, tt.want)
		}
	}
}
