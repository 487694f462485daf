package planner

import (
	"errors"
	"testing"
)

func TestFindingSafety(t *testing.T) {
	for code, safety := range map[string]bool{
		"contraindication": true, "too-late-start": true, "interval-exceeded": true, "conflict": true,
		"moved": false, "condition-not-applicable": false, "forced-interval": false,
	} {
		if got := (Finding{Code: code}).Safety(); got != safety {
			t.Errorf("%s: Safety() = %v, want %v", code, got, safety)
		}
	}
}

// TestStrictRefusesSafetyWarnings: under strict screening a safety
// warning refuses the plan; notes do not.
func TestStrictRefusesSafetyWarnings(t *testing.T) {
	cat := builtin(t)
	tests := []struct {
		name   string
		edit   func(r *Request)
		refuse string // the code of the refusal reason; "" for a plan
	}{
		{"too late to prepare", func(r *Request) { r.Today = instant(t, "2027-03-12 09:00 +01:00") }, "too-late-start"},
		{"past the maximum interval", func(r *Request) {
			r.Constraints = []Constraint{Away{dateRange(t, "2027-03-22..2027-04-05")}}
		}, "interval-exceeded"},
		{"a session moved within its interval is a note", func(r *Request) {
			r.Constraints = []Constraint{Away{dateRange(t, "2027-03-23..2027-03-23")}}
		}, ""},
		{"no warning", func(r *Request) {}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request(t, "mesolifting", "2027-03-16")
			tt.edit(&req)
			lenient, err := Make(cat, req)
			if err != nil {
				t.Fatalf("without strict: %v", err)
			}
			req.Strict = true
			p, err := Make(cat, req)
			if tt.refuse == "" {
				if err != nil {
					t.Fatalf("strict: %v (warnings %v)", err, findingCodes(lenient.Warnings))
				}
				if len(p.Warnings) != len(lenient.Warnings) {
					t.Errorf("strict changed the warnings: %v", findingCodes(p.Warnings))
				}
				return
			}
			var re *RefusedError
			if !errors.As(err, &re) || !re.Strict || len(re.Reasons) == 0 || re.Reasons[0].Code != tt.refuse {
				t.Fatalf("strict: error %v, want a strict refusal for %s", err, tt.refuse)
			}
		})
	}
}

func dateRange(t *testing.T, s string) DateRange {
	t.Helper()
	r, err := ParseDateRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRequestNotes: notes about the inputs end the plan's warnings and,
// being notes, never make strict screening refuse the plan.
func TestRequestNotes(t *testing.T) {
	req := request(t, "mesolifting", "2027-03-16")
	note := Finding{Code: "busy-skipped", Subject: "anna.ics", Message: "anna.ics:12: event \"Lunar\" skipped: RSCALE is not supported"}
	req.Notes = []Finding{note}
	req.Strict = true
	p, err := Make(builtin(t), req)
	if err != nil {
		t.Fatalf("Make: %v", err)
	}
	if n := len(p.Warnings); n == 0 || p.Warnings[n-1] != note {
		t.Errorf("warnings %v, want the note last", findingCodes(p.Warnings))
	}
	if note.Safety() {
		t.Error("a busy-skipped note is a safety finding")
	}
}
