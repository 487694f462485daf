package planner

import "testing"

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"No alcohol":              "No alcohol",
		"  No\talcohol \r\n now ": "No alcohol now",
		"a\n\nb":                  "a b",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCourseSessions counts the course without its maintenance sessions.
func TestCourseSessions(t *testing.T) {
	cat := builtin(t)
	for treatment, want := range map[string]int{"mesolifting": 6, "cellulite": 10} {
		p := mustPlan(t, cat, request(t, treatment, "2027-03-16"))
		maintenance := 0
		for _, s := range p.Sessions {
			if s.Maintenance {
				maintenance++
			}
		}
		if got := p.CourseSessions(); got != want || got+maintenance != len(p.Sessions) {
			t.Errorf("%s: CourseSessions() = %d (of %d, %d maintenance), want %d", treatment, got, len(p.Sessions), maintenance, want)
		}
	}
}
