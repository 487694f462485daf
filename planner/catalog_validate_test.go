package planner

import (
	"math"
	"strings"
	"testing"
)

// TestValidateMessages covers the validation messages TestLoadCatalogErrors
// does not, each as the whole error: one line per problem, at its line.
func TestValidateMessages(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"invalid rule id", edit(5, "  - id: R1"), []string{
			`x.yaml:5: invalid rule id "R1": use lowercase letters, digits and '-'`,
			`x.yaml:26: treatment "t1": unknown rule "r1": did you mean "R1"?`,
		}},
		{"missing summary", edit(8), []string{`x.yaml:5: rule "r1": summary is missing`}},
		{"unknown area in applies_to", edit(9, "    sources: [s1]", "    applies_to: {areas: [face, neck]}"),
			[]string{`x.yaml:10: unknown area "neck" (known: face, scalp, body)`}},
		{"unknown technique in applies_to", edit(13, "    severity: absolute", "    applies_to: {techniques: [laser]}"),
			[]string{`x.yaml:14: unknown technique "laser" (known: injection, needle-free)`}},
		{"missing contraindication name", edit(12), []string{`x.yaml:11: contraindication "c1": name is missing`}},
		{"no areas", edit(18), []string{`x.yaml:15: treatment "t1": areas is missing (one or more of face, scalp, body)`}},
		{"phase without a name", editRange(23, 24, "      - sessions: 3"),
			[]string{`x.yaml:23: treatment "t1": phase 1 has no name`}},
		{"maintenance interval", edit(26, "    maintenance:", "      kind: sessions", "      sessions: 2",
			"      interval_days: {min: 30, target: 28, max: 35}", "    rules: [r1]"),
			[]string{`x.yaml:29: treatment "t1": interval out of order: want min <= target <= max, got min 30, target 28, max 35 days`}},
		// A count out of range does not hide a problem with the interval.
		{"maintenance count and interval", edit(26, "    maintenance:", "      kind: sessions", "      sessions: 0", "    rules: [r1]"), []string{
			`x.yaml:28: treatment "t1": maintenance of kind sessions needs 1 to 100 sessions, got 0`,
			`x.yaml:26: treatment "t1": interval must be positive (min 0, target 0, max 0 days)`,
		}},
		{"misspelt rule", edit(26, "    rules: [r2]"), []string{`x.yaml:26: treatment "t1": unknown rule "r2": did you mean "r1"?`}},
		{"no technique", edit(19), []string{`x.yaml:15: treatment "t1": technique is missing (one of injection, needle-free)`}},
		{"interval target missing", edit(25, "        interval_days: {min: 7, max: 10}"),
			[]string{`x.yaml:25: treatment "t1": phases[0].interval_days.target is missing or 0 (days between sessions, e.g. {min: 7, target: 7, max: 10})`}},
		// "1m" meant as a month, and a recall minutes or hours after the
		// course, are refused rather than planned in silence.
		{"window in minutes", edit(7, "    window: 1m"),
			[]string{`x.yaml:7: rule "r1": window 1m is 1 minute: a window is hours (h), days (d), weeks (w) or months (mo); for a month write 1mo`}},
		{"recall in minutes", edit(26, "    maintenance: {kind: recall, after: 4m}", "    rules: [r1]"),
			[]string{`x.yaml:26: treatment "t1": maintenance after 4m is 4 minutes: want days (d), weeks (w) or months (mo); for months write 4mo`}},
		// Ids are all taken before aliases are checked, so an alias cannot
		// take the id of a treatment further down either.
		{"alias is the id of a later treatment", edit(17, "    aliases: [tee, t2]") + secondTreatment,
			[]string{`x.yaml:17: treatment "t1": alias "t2" is already the name of treatment "t2"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(tt.doc)})
			want := strings.Join(tt.want, "\n")
			if err == nil || err.Error() != want {
				t.Errorf("error:\n%v\nwant:\n%s", err, want)
			}
		})
	}
}

// TestValidateOrder: problems come rules first, then contraindications,
// then treatment ids, then the rest of each treatment, whatever their order
// in the file.
func TestValidateOrder(t *testing.T) {
	doc := `treatments:
  - id: t1
    areas: [face]
    technique: injection
    session_minutes: 30
    sessions: {min: 1, max: 6}
    phases:
      - {name: p, sessions: 3, interval_days: {min: 7, target: 7, max: 10}}
  - id: T2
    name: Two
    areas: [body]
    technique: injection
    session_minutes: 30
    sessions: {min: 1, max: 1}
    phases:
      - {name: q, sessions: 1, interval_days: {min: 7, target: 7, max: 10}}
rules:
  - id: r1
    kind: during
    window: 7d
    summary: Rule one
contraindications:
  - id: c1
    name: Condition one
    severity: mild
`
	want := strings.Join([]string{
		`x.yaml:19: rule "r1": kind "during" is not prep or aftercare`,
		`x.yaml:25: contraindication "c1": severity "mild" is not absolute or relative`,
		`x.yaml:9: invalid treatment id "T2": use lowercase letters, digits and '-'`,
		`x.yaml:2: treatment "t1": name is missing`,
	}, "\n")
	_, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(doc)})
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}

// newValidator returns a validator for an empty catalog. Entries checked
// with it have no origin, so their problems are reported at "catalog".
func newValidator() *validator {
	return &validator{c: &Catalog{Sources: map[string]string{}}, names: map[string]string{}}
}

// TestValidatePhasesTotal: the total validatePhases returns is what the
// session range and the course cap are checked against, so it must not
// overflow into a small number on absurd counts.
func TestValidatePhasesTotal(t *testing.T) {
	weekly := Interval{Min: 7, Target: 7, Max: 10}
	tests := []struct {
		name     string
		sessions []int
		want     int
		errs     int
	}{
		{"one phase", []int{3}, 3, 0},
		{"two phases", []int{2, 4}, 6, 0},
		{"an empty phase counts for nothing", []int{0, 3}, 3, 1},
		{"a negative count counts for nothing", []int{-5, 3}, 3, 1},
		{"a phase past the cap counts as just past it", []int{1000}, maxCourseSessions + 1, 0},
		{"counts that would overflow", []int{math.MaxInt, math.MaxInt, 3}, 2*(maxCourseSessions+1) + 3, 0},
		{"no phases", nil, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Treatment{ID: "t"}
			for _, n := range tt.sessions {
				tr.Phases = append(tr.Phases, Phase{Name: "p", Sessions: n, Interval: weekly})
			}
			v := newValidator()
			if got := v.validatePhases(tr); got != tt.want {
				t.Errorf("total = %d, want %d", got, tt.want)
			}
			if len(v.errs) != tt.errs {
				t.Errorf("errors = %q, want %d", v.errs, tt.errs)
			}
		})
	}
}

// TestValidateMaintenanceCount: validateMaintenance returns the sessions
// maintenance adds to a course, for the course cap.
func TestValidateMaintenanceCount(t *testing.T) {
	monthly := Interval{Min: 28, Target: 30, Max: 35}
	tests := []struct {
		name string
		m    *Maintenance
		want int
		err  string // the one error expected, or ""
	}{
		{"none", nil, 0, ""},
		{"sessions", &Maintenance{Kind: MaintenanceSessions, Sessions: 3, Interval: monthly}, 3, ""},
		{"the most sessions", &Maintenance{Kind: MaintenanceSessions, Sessions: maxCourseSessions, Interval: monthly}, maxCourseSessions, ""},
		{"too many sessions count for nothing", &Maintenance{Kind: MaintenanceSessions, Sessions: math.MaxInt, Interval: monthly}, 0,
			`catalog: treatment "t": maintenance of kind sessions needs 1 to 100 sessions, got 9223372036854775807`},
		{"no sessions", &Maintenance{Kind: MaintenanceSessions, Interval: monthly}, 0,
			`catalog: treatment "t": maintenance of kind sessions needs 1 to 100 sessions, got 0`},
		{"a recall adds no session", &Maintenance{Kind: MaintenanceRecall, After: Span{6, Months}}, 0, ""},
		{"a repeat without after", &Maintenance{Kind: MaintenanceRepeat}, 0,
			`catalog: treatment "t": maintenance of kind repeat needs after (e.g. 6mo)`},
		{"an unknown kind", &Maintenance{Kind: "forever", Sessions: 3}, 0,
			`catalog: treatment "t": maintenance kind "forever" is not sessions, recall or repeat`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newValidator()
			if got := v.validateMaintenance(&Treatment{ID: "t", Maintenance: tt.m}); got != tt.want {
				t.Errorf("sessions = %d, want %d", got, tt.want)
			}
			if got := strings.Join(v.errs, "\n"); got != tt.err {
				t.Errorf("errors = %q, want %q", got, tt.err)
			}
		})
	}
}

// TestCheckCourseCap: the longest course --sessions can ask for (the larger
// of the default course and the range's maximum), plus maintenance, is at
// most 100 sessions.
func TestCheckCourseCap(t *testing.T) {
	tests := []struct {
		total, max, maintenance int
		refused                 bool
	}{
		{3, 6, 0, false},
		{3, 6, 94, false},
		{3, 6, 95, true},
		{1, 100, 0, false},
		{1, 100, 1, true},
		{100, 1, 0, false}, // the default course above the range: the range check reports it
		{101, 1, 0, true},
		{3, math.MaxInt, 1, true}, // an absurd maximum plus maintenance must not overflow
	}
	for _, tt := range tests {
		v := newValidator()
		v.checkCourseCap(&Treatment{ID: "t", Sessions: Range{Min: 1, Max: tt.max}}, tt.total, tt.maintenance)
		if refused := len(v.errs) > 0; refused != tt.refused {
			t.Errorf("total %d, max %d, maintenance %d: refused = %v, want %v (%q)", tt.total, tt.max, tt.maintenance, refused, tt.refused, v.errs)
		}
	}
}

// TestValidateSourceControl: a source's title is printed by 'treatments
// show', so a control character in it is refused like one in any text.
func TestValidateSourceControl(t *testing.T) {
	doc := strings.Replace(baseCatalog, "s1: Source one", "s1: \"Evil\\e]0;T\\a title\"", 1)
	_, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(doc)})
	if err == nil || err.Error() != `sources: "s1" holds the control character U+001B` {
		t.Errorf("error = %v", err)
	}
}
