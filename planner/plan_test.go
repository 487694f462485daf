package planner

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

type wantSession struct {
	start string // wall layout, Europe/Rome
	phase string
	days  int // days since the previous session
}

// TestBuiltinDefaultCourses plans every built-in treatment's default course
// from Tuesday 16 March 2027 at 10:00 in Europe/Rome. The course crosses the
// spring change (28 March), so offsets move from +01:00 to +02:00 while the
// wall time stays at 10:00; cellulite's monthly maintenance reaches October.
func TestBuiltinDefaultCourses(t *testing.T) {
	const ind, cons = "induction", "consolidation"
	tests := []struct {
		id       string
		name     string
		sessions []wantSession
		maint    int              // number of trailing sessions that are maintenance
		want     *MaintenancePlan // nil: none
	}{
		{
			id: "mesolifting", name: "Mesolifting (facial rejuvenation)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", ind, 0},
				{"2027-03-23 10:00 +01:00", ind, 7},
				{"2027-03-30 10:00 +02:00", ind, 7},
				{"2027-04-06 10:00 +02:00", ind, 7},
				{"2027-04-21 10:00 +02:00", cons, 15},
				{"2027-05-06 10:00 +02:00", cons, 15},
			},
			want: &MaintenancePlan{Kind: MaintenanceRecall, After: spanOf("6mo"), Date: dateOf("2027-11-06"),
				Text: "A maintenance session once or twice a year helps keep the result."},
		},
		{
			id: "hair", name: "Hair mesotherapy (hair loss)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", ind, 0},
				{"2027-03-23 10:00 +01:00", ind, 7},
				{"2027-03-30 10:00 +02:00", ind, 7},
				{"2027-04-06 10:00 +02:00", ind, 7},
				{"2027-04-21 10:00 +02:00", cons, 15},
				{"2027-05-06 10:00 +02:00", cons, 15},
				{"2027-05-21 10:00 +02:00", cons, 15},
				{"2027-06-05 10:00 +02:00", cons, 15},
			},
			want: &MaintenancePlan{Kind: MaintenanceRecall, After: spanOf("6mo"), Date: dateOf("2027-12-05"),
				Text: "Regular maintenance sessions keep hair growth going."},
		},
		{
			id: "body-contouring", name: "Body mesotherapy (localized fat)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", ind, 0},
				{"2027-03-23 10:00 +01:00", ind, 7},
				{"2027-03-30 10:00 +02:00", ind, 7},
				{"2027-04-06 10:00 +02:00", ind, 7},
				{"2027-04-13 10:00 +02:00", ind, 7},
				{"2027-04-20 10:00 +02:00", ind, 7},
				{"2027-05-05 10:00 +02:00", cons, 15},
				{"2027-05-20 10:00 +02:00", cons, 15},
				{"2027-06-04 10:00 +02:00", cons, 15},
				{"2027-06-19 10:00 +02:00", cons, 15},
			},
			want: &MaintenancePlan{Kind: MaintenanceRecall, After: spanOf("6mo"), Date: dateOf("2027-12-19"),
				Text: "A maintenance session once or twice a year, with a healthy diet and exercise, helps keep the result."},
		},
		{
			id: "cellulite", name: "Cellulite reduction",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", "cycle", 0},
				{"2027-03-23 10:00 +01:00", "cycle", 7},
				{"2027-03-30 10:00 +02:00", "cycle", 7},
				{"2027-04-06 10:00 +02:00", "cycle", 7},
				{"2027-04-13 10:00 +02:00", "cycle", 7},
				{"2027-04-20 10:00 +02:00", "cycle", 7},
				{"2027-04-27 10:00 +02:00", "cycle", 7},
				{"2027-05-04 10:00 +02:00", "cycle", 7},
				{"2027-05-11 10:00 +02:00", "cycle", 7},
				{"2027-05-18 10:00 +02:00", "cycle", 7},
				{"2027-06-17 10:00 +02:00", "maintenance", 30},
				{"2027-07-17 10:00 +02:00", "maintenance", 30},
				{"2027-08-16 10:00 +02:00", "maintenance", 30},
				{"2027-09-15 10:00 +02:00", "maintenance", 30},
				{"2027-10-15 10:00 +02:00", "maintenance", 30},
			},
			maint: 5,
			want: &MaintenancePlan{Kind: MaintenanceSessions, Sessions: 5,
				Text: "One session a month prolongs the result; after about six months, repeat the cycle."},
		},
		{
			id: "mesobotox", name: "Mesobotox (microbotox)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", "treatment", 0},
			},
			want: &MaintenancePlan{Kind: MaintenanceRepeat, After: spanOf("4mo"), Date: dateOf("2027-07-16"),
				Text: "Repeat the treatment when the effect wears off, as the practitioner decides."},
		},
		{
			id: "needle-free", name: "Needle-free mesotherapy (electroporation)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", ind, 0},
				{"2027-03-23 10:00 +01:00", ind, 7},
				{"2027-03-30 10:00 +02:00", ind, 7},
				{"2027-04-06 10:00 +02:00", ind, 7},
				{"2027-04-21 10:00 +02:00", cons, 15},
				{"2027-05-06 10:00 +02:00", cons, 15},
			},
			want: &MaintenancePlan{Kind: MaintenanceRecall, After: spanOf("6mo"), Date: dateOf("2027-11-06"),
				Text: "A maintenance session once or twice a year helps keep the result."},
		},
		{
			id: "analgesic", name: "Analgesic mesotherapy (pain relief)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", "treatment", 0},
				{"2027-03-23 10:00 +01:00", "treatment", 7},
				{"2027-03-30 10:00 +02:00", "treatment", 7},
				{"2027-04-06 10:00 +02:00", "treatment", 7},
				{"2027-04-13 10:00 +02:00", "treatment", 7},
			},
		},
		{
			id: "skin-quality", name: "Skin quality (acne, pigmentation, stretch marks)",
			sessions: []wantSession{
				{"2027-03-16 10:00 +01:00", ind, 0},
				{"2027-03-23 10:00 +01:00", ind, 7},
				{"2027-03-30 10:00 +02:00", ind, 7},
				{"2027-04-06 10:00 +02:00", ind, 7},
				{"2027-04-21 10:00 +02:00", cons, 15},
				{"2027-05-06 10:00 +02:00", cons, 15},
			},
			want: &MaintenancePlan{Kind: MaintenanceRecall, After: spanOf("6mo"), Date: dateOf("2027-11-06"),
				Text: "A maintenance session once or twice a year helps keep the result."},
		},
	}
	cat := builtin(t)
	if len(tests) != len(cat.Treatments) {
		t.Errorf("table covers %d treatments, the built-in catalog has %d", len(tests), len(cat.Treatments))
	}
	for _, tt := range tests {
		for _, today := range []time.Time{{}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)} {
			t.Run(tt.id+"/today="+today.Format(time.DateOnly), func(t *testing.T) {
				req := request(t, tt.id, "2027-03-16")
				req.Today = today
				p := mustPlan(t, cat, req)
				tr, _ := cat.Treatment(tt.id)
				if p.Treatment != (TreatmentRef{ID: tt.id, Name: tt.name, SessionMinutes: 30}) {
					t.Errorf("Treatment = %+v", p.Treatment)
				}
				if p.Zone.String() != "Europe/Rome" || p.Notice != Notice {
					t.Errorf("Zone = %q, Notice = %q", p.Zone, p.Notice)
				}
				if p.Warnings == nil || len(p.Warnings) != 0 {
					t.Errorf("Warnings = %#v, want an empty non-nil list", p.Warnings)
				}
				if got, want := len(p.Sessions), tr.DefaultSessions()+tt.maint; got != len(tt.sessions) || got != want {
					t.Fatalf("%d sessions, want %d (table) and %d (default + maintenance)", got, len(tt.sessions), want)
				}
				for i, s := range p.Sessions {
					w := tt.sessions[i]
					if s.Number != i+1 || s.Phase != w.phase || s.DaysSincePrevious != w.days || s.Maintenance != (i >= len(tt.sessions)-tt.maint) {
						t.Errorf("session %d = {number %d, phase %q, days %d, maintenance %v}, want {%d, %q, %d, %v}",
							i+1, s.Number, s.Phase, s.DaysSincePrevious, s.Maintenance, i+1, w.phase, w.days, i >= len(tt.sessions)-tt.maint)
					}
					if got := s.Start.Format(wall); got != w.start {
						t.Errorf("session %d starts %s, want %s", i+1, got, w.start)
					}
					if s.Start.Location().String() != "Europe/Rome" {
						t.Errorf("session %d is in %v", i+1, s.Start.Location())
					}
					if d := s.End.Sub(s.Start); d != 30*time.Minute {
						t.Errorf("session %d lasts %v, want 30m", i+1, d)
					}
				}
				switch {
				case tt.want == nil && p.Maintenance != nil:
					t.Errorf("Maintenance = %+v, want none", p.Maintenance)
				case tt.want != nil && (p.Maintenance == nil || *p.Maintenance != *tt.want):
					t.Errorf("Maintenance = %+v, want %+v", p.Maintenance, tt.want)
				}
				// Every window belongs to a rule of the treatment and to
				// existing sessions.
				rules := map[string]bool{}
				for _, r := range cat.RulesFor(tr) {
					rules[r.ID] = true
				}
				seen := map[string]bool{}
				for _, w := range p.Windows {
					if !rules[w.Rule] {
						t.Errorf("window for rule %q, which does not apply", w.Rule)
					}
					seen[w.Rule] = true
					if !w.Start.Before(w.End) || len(w.Sessions) == 0 {
						t.Errorf("bad window %+v", w)
					}
				}
				if len(seen) != len(rules) {
					t.Errorf("windows cover rules %v, want %v", seen, rules)
				}
			})
		}
	}
}

func TestBuiltinRulesAndConditions(t *testing.T) {
	cat := builtin(t)
	all := []string{"nsaids", "supplements", "alcohol-before", "skincare-before", "smoking-before",
		"exercise", "heat", "sun", "alcohol-after", "smoking-after", "makeup", "exfoliants-after", "massage", "blood-thinners-after"}
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(s string) bool { return slices.Contains(drop, s) })
	}
	noFace := without("makeup")
	needleFree := without("nsaids", "supplements", "alcohol-before", "blood-thinners-after")
	rules := map[string][]string{
		"mesolifting": all, "hair": noFace, "body-contouring": noFace, "cellulite": noFace,
		"mesobotox": all, "needle-free": needleFree, "analgesic": noFace, "skin-quality": all,
	}
	for id, want := range rules {
		tr, err := cat.Treatment(id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range cat.RulesFor(tr) {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("RulesFor(%s) = %v, want %v", id, got, want)
		}
		var cis []string
		for _, c := range cat.ContraindicationsFor(tr) {
			cis = append(cis, c.ID)
		}
		if got, want := slices.Contains(cis, "obesity"), id == "body-contouring" || id == "cellulite"; got != want {
			t.Errorf("%s screens obesity: %v, want %v", id, got, want)
		}
		if got, want := slices.Contains(cis, "lidocaine-allergy"), id != "needle-free"; got != want {
			t.Errorf("%s screens lidocaine-allergy: %v, want %v", id, got, want)
		}
	}
}

func TestScreening(t *testing.T) {
	tests := []struct {
		name       string
		treatment  string
		conditions []string
		strict     bool
		refused    []string // subjects of the refusal reasons, in order
		// strictRefusal: a relative contraindication refused by strict screening
		strictRefusal bool
		warnings      []string // subjects of contraindication warnings
		inputErr      string   // substring of the InputError's Hint
		msgs          []string // substrings of the error or of the warnings
		// subjects of condition-not-applicable notes
		notApplicable []string
	}{
		{name: "none", treatment: "mesolifting"},
		{name: "absolute", treatment: "mesolifting", conditions: []string{"pregnancy"}, refused: []string{"pregnancy"},
			msgs: []string{"plan refused: Pregnancy (pregnancy): absolute contraindication"}},
		{name: "every absolute reason", treatment: "mesolifting", conditions: []string{"pregnancy", "diabetes", "cancer", "allergy"},
			refused: []string{"pregnancy", "cancer", "allergy"},
			msgs:    []string{"Pregnancy (pregnancy)", "Cancer (oncological disease) (cancer)", "Known allergy to the components (allergy)"}},
		{name: "relative warns", treatment: "mesolifting", conditions: []string{"diabetes", "eczema"}, warnings: []string{"diabetes", "eczema"},
			msgs: []string{"Uncontrolled diabetes (diabetes): relative contraindication; the practitioner must confirm the course. Proceed only with the approval of the patient's doctor",
				"Eczema (eczema): relative contraindication; the practitioner must confirm the course. Acceptable in remission"}},
		{name: "relative strict", treatment: "mesolifting", conditions: []string{"diabetes", "eczema"}, strict: true, refused: []string{"diabetes", "eczema"}, strictRefusal: true,
			msgs: []string{"Uncontrolled diabetes (diabetes): relative contraindication, refused by strict screening"}},
		{name: "strict without conditions", treatment: "mesolifting", strict: true},
		{name: "case and space", treatment: "mesolifting", conditions: []string{" Pregnancy "}, refused: []string{"pregnancy"}},
		{name: "duplicates once", treatment: "mesolifting", conditions: []string{"diabetes", "Diabetes", "diabetes"}, warnings: []string{"diabetes"}},
		{name: "duplicate absolute once", treatment: "mesolifting", conditions: []string{"cancer", "CANCER"}, refused: []string{"cancer"}},
		{name: "not applicable", treatment: "mesolifting", conditions: []string{"obesity"}, notApplicable: []string{"obesity"}},
		{name: "not applicable strict", treatment: "mesolifting", conditions: []string{"obesity"}, strict: true, notApplicable: []string{"obesity"}},
		{name: "applicable", treatment: "body-contouring", conditions: []string{"obesity"}, warnings: []string{"obesity"}},
		{name: "applicable strict", treatment: "cellulite", conditions: []string{"obesity"}, strict: true, refused: []string{"obesity"}, strictRefusal: true},
		{name: "technique restriction", treatment: "needle-free", conditions: []string{"lidocaine-allergy"}, strict: true, notApplicable: []string{"lidocaine-allergy"}},
		{name: "near miss", treatment: "mesolifting", conditions: []string{"pregnacy"}, inputErr: `did you mean "pregnancy"?`,
			msgs: []string{`unknown condition "pregnacy"`}},
		{name: "near miss 2", treatment: "mesolifting", conditions: []string{"diabetis"}, inputErr: `did you mean "diabetes"?`},
		{name: "far miss", treatment: "mesolifting", conditions: []string{"broken-leg-xyz"}, inputErr: "run 'mesoplan conditions' for the list"},
		{name: "unknown after a known one", treatment: "mesolifting", conditions: []string{"diabetes", "pregnacy"}, inputErr: `did you mean "pregnancy"?`},
	}
	cat := builtin(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request(t, tt.treatment, "2027-03-16")
			req.Conditions, req.Strict = tt.conditions, tt.strict
			p, err := Make(cat, req)
			switch {
			case tt.inputErr != "":
				ie := asInputError(t, err)
				if !strings.Contains(ie.Hint, tt.inputErr) {
					t.Errorf("Hint = %q, want %q", ie.Hint, tt.inputErr)
				}
				if strings.Contains(tt.inputErr, "run") && strings.Contains(ie.Hint, "did you mean") {
					t.Errorf("Hint = %q suggests a far miss", ie.Hint)
				}
				for _, m := range tt.msgs {
					if !strings.Contains(ie.Msg, m) {
						t.Errorf("Msg = %q, want %q", ie.Msg, m)
					}
				}
			case tt.refused != nil:
				var re *RefusedError
				if !errors.As(err, &re) {
					t.Fatalf("error = %v (%T), want *RefusedError", err, err)
				}
				// Strict says a relative contraindication was refused.
				if re.Strict != tt.strictRefusal {
					t.Errorf("Strict = %v, want %v", re.Strict, tt.strictRefusal)
				}
				var subjects []string
				for _, r := range re.Reasons {
					subjects = append(subjects, r.Subject)
					if r.Code != "contraindication" {
						t.Errorf("reason code = %q", r.Code)
					}
				}
				if !slices.Equal(subjects, tt.refused) {
					t.Errorf("refused for %v, want %v", subjects, tt.refused)
				}
				for _, m := range tt.msgs {
					if !strings.Contains(re.Error(), m) {
						t.Errorf("Error() = %q, want %q", re.Error(), m)
					}
				}
			default:
				if err != nil {
					t.Fatalf("Make: %v", err)
				}
				var subjects, messages, notApplicable []string
				for _, w := range p.Warnings {
					switch w.Code {
					case "contraindication":
						subjects = append(subjects, w.Subject)
						messages = append(messages, w.Message)
					case "condition-not-applicable":
						notApplicable = append(notApplicable, w.Subject)
					default:
						t.Errorf("unexpected warning %+v", w)
					}
				}
				if !slices.Equal(notApplicable, tt.notApplicable) {
					t.Errorf("not-applicable notes for %v, want %v", notApplicable, tt.notApplicable)
				}
				if !slices.Equal(subjects, tt.warnings) {
					t.Errorf("warnings for %v, want %v", subjects, tt.warnings)
				}
				for _, m := range tt.msgs {
					if !slices.Contains(messages, m) {
						t.Errorf("warnings %q lack %q", messages, m)
					}
				}
				if len(p.Sessions) == 0 {
					t.Error("no sessions")
				}
			}
		})
	}
}

func TestSessionsOverride(t *testing.T) {
	tests := []struct {
		treatment string
		n         int
		phases    []string // phase of each session; nil: an InputError
		days      []int
		recall    string
	}{
		{treatment: "mesolifting", n: 0, phases: []string{"induction", "induction", "induction", "induction", "consolidation", "consolidation"},
			days: []int{0, 7, 7, 7, 15, 15}, recall: "2027-11-06"},
		{treatment: "mesolifting", n: 6, phases: []string{"induction", "induction", "induction", "induction", "consolidation", "consolidation"},
			days: []int{0, 7, 7, 7, 15, 15}, recall: "2027-11-06"},
		{treatment: "mesolifting", n: 5, phases: []string{"induction", "induction", "induction", "induction", "consolidation"},
			days: []int{0, 7, 7, 7, 15}, recall: "2027-10-21"},
		// The consolidation phase is emptied and dropped.
		{treatment: "mesolifting", n: 4, phases: []string{"induction", "induction", "induction", "induction"},
			days: []int{0, 7, 7, 7}, recall: "2027-10-06"},
		{treatment: "mesolifting", n: 3, phases: []string{"induction", "induction", "induction"},
			days: []int{0, 7, 7}, recall: "2027-09-30"},
		{treatment: "mesolifting", n: 2},
		{treatment: "mesolifting", n: 7},
		{treatment: "mesolifting", n: -1},
		// Longer courses extend the last phase.
		{treatment: "hair", n: 10, phases: []string{"induction", "induction", "induction", "induction",
			"consolidation", "consolidation", "consolidation", "consolidation", "consolidation", "consolidation"},
			days: []int{0, 7, 7, 7, 15, 15, 15, 15, 15, 15}, recall: "2028-01-05"},
		{treatment: "hair", n: 15, phases: append(slices.Repeat([]string{"induction"}, 4), slices.Repeat([]string{"consolidation"}, 11)...),
			days: append([]int{0, 7, 7, 7}, slices.Repeat([]int{15}, 11)...)},
		{treatment: "hair", n: 16},
		{treatment: "analgesic", n: 7, phases: slices.Repeat([]string{"treatment"}, 7), days: []int{0, 7, 7, 7, 7, 7, 7}},
		{treatment: "analgesic", n: 3, phases: slices.Repeat([]string{"treatment"}, 3), days: []int{0, 7, 7}},
		{treatment: "mesobotox", n: 2, phases: []string{"treatment", "treatment"}, days: []int{0, 14}, recall: "2027-07-30"},
		// Maintenance sessions come on top of the course length.
		{treatment: "cellulite", n: 8, phases: append(slices.Repeat([]string{"cycle"}, 8), slices.Repeat([]string{"maintenance"}, 5)...),
			days: append([]int{0, 7, 7, 7, 7, 7, 7, 7}, 30, 30, 30, 30, 30)},
		{treatment: "cellulite", n: 7},
		{treatment: "body-contouring", n: 9},
		{treatment: "body-contouring", n: 25, phases: append(slices.Repeat([]string{"induction"}, 6), slices.Repeat([]string{"consolidation"}, 19)...),
			days: append([]int{0, 7, 7, 7, 7, 7}, slices.Repeat([]int{15}, 19)...)},
	}
	cat := builtin(t)
	for _, tt := range tests {
		t.Run(tt.treatment+"/"+itoa(tt.n), func(t *testing.T) {
			req := request(t, tt.treatment, "2027-03-16")
			req.Sessions = tt.n
			p, err := Make(cat, req)
			if tt.phases == nil {
				se := asError[*SessionsError](t, err)
				tr, _ := cat.Treatment(tt.treatment)
				if *se != (SessionsError{N: tt.n, Treatment: tt.treatment, Min: tr.Sessions.Min, Max: tr.Sessions.Max}) ||
					!containsAll(se.Error(), itoa(tt.n)+" sessions is out of range", tt.treatment, itoa(tr.Sessions.Min)+" to "+itoa(tr.Sessions.Max)) {
					t.Errorf("error = %+v", se)
				}
				return
			}
			if err != nil {
				t.Fatalf("Make: %v", err)
			}
			var phases []string
			var days []int
			for _, s := range p.Sessions {
				phases = append(phases, s.Phase)
				days = append(days, s.DaysSincePrevious)
				if s.Start.Format("15:04") != "10:00" {
					t.Errorf("session %d at %s", s.Number, s.Start.Format(wall))
				}
			}
			if !slices.Equal(phases, tt.phases) || !slices.Equal(days, tt.days) {
				t.Errorf("phases %v days %v, want %v %v", phases, days, tt.phases, tt.days)
			}
			if tt.recall != "" && (p.Maintenance == nil || p.Maintenance.Date.String() != tt.recall) {
				t.Errorf("maintenance = %+v, want date %s", p.Maintenance, tt.recall)
			}
		})
	}
	// The override must not change the catalog.
	if tr, _ := cat.Treatment("mesolifting"); tr.DefaultSessions() != 6 || tr.Phases[1].Sessions != 2 {
		t.Errorf("the catalog was modified: %+v", tr.Phases)
	}
	if tr, _ := cat.Treatment("hair"); tr.Phases[1].Sessions != 4 {
		t.Errorf("the catalog was modified: %+v", tr.Phases)
	}
}

// TestMaintenanceDateMonthEnd: a recall or repeat some months after a
// session on the 31st lands on the last day of the shorter month.
func TestMaintenanceDateMonthEnd(t *testing.T) {
	cat := builtin(t)
	tests := []struct{ treatment, start, last, want string }{
		{"mesolifting", "2027-07-11", "2027-08-31", "2028-02-29"}, // 6mo, leap year
		{"mesolifting", "2028-07-11", "2028-08-31", "2029-02-28"},
		{"mesobotox", "2027-10-31", "2027-10-31", "2028-02-29"}, // 4mo
		{"mesobotox", "2027-05-31", "2027-05-31", "2027-09-30"},
	}
	for _, tt := range tests {
		p := mustPlan(t, cat, request(t, tt.treatment, tt.start))
		if got := DateOf(p.Sessions[len(p.Sessions)-1].Start).String(); got != tt.last {
			t.Fatalf("%s from %s: last session %s, want %s", tt.treatment, tt.start, got, tt.last)
		}
		if p.Maintenance == nil || p.Maintenance.Date.String() != tt.want {
			t.Errorf("%s from %s: maintenance = %+v, want date %s", tt.treatment, tt.start, p.Maintenance, tt.want)
		}
	}
}

func TestTooLateStart(t *testing.T) {
	rome := loc(t, "Europe/Rome")
	at := func(s string) time.Time { return instant(t, s) }
	tests := []struct {
		name      string
		treatment string
		today     time.Time
		want      []string   // Subjects of too-late-start findings
		msgs      [][]string // each: substrings of the finding whose Subject is the first
	}{
		{name: "well ahead", treatment: "mesolifting", today: at("2027-03-01 09:00 +01:00")},
		{name: "7d window opens exactly now", treatment: "mesolifting", today: at("2027-03-09 10:00 +01:00")},
		{name: "inside the 7d windows", treatment: "mesolifting", today: at("2027-03-09 10:01 +01:00"), want: []string{"nsaids", "supplements"}},
		{name: "four days before", treatment: "mesolifting", today: at("2027-03-12 09:00 +01:00"), want: []string{"nsaids", "supplements"},
			msgs: [][]string{
				{"nsaids", "7 days", "No aspirin, ibuprofen or other anti-inflammatory painkillers (NSAIDs)", "session 1", "2027-03-09 10:00"},
				{"supplements", "7 days", "No fish oil, vitamin E or ginkgo", "session 1", "2027-03-09 10:00"},
			}},
		{name: "same instant in UTC", treatment: "mesolifting", today: at("2027-03-12 08:00 +00:00"), want: []string{"nsaids", "supplements"}},
		{name: "the morning of session 1", treatment: "mesolifting", today: at("2027-03-16 08:00 +01:00"),
			want: []string{"nsaids", "supplements", "alcohol-before", "skincare-before", "smoking-before"},
			msgs: [][]string{
				{"nsaids", "7 days", "2027-03-09 10:00"},
				{"alcohol-before", "24 hours", "2027-03-15 10:00"},
				{"skincare-before", "48 hours", "2027-03-14 10:00"},
				{"smoking-before", "3 days", "2027-03-13 10:00"},
			}},
		{name: "session 1 under way", treatment: "mesolifting", today: at("2027-03-16 10:00 +01:00")},
		{name: "needle-free has no 7d prep", treatment: "needle-free", today: at("2027-03-12 09:00 +01:00")},
		{name: "needle-free the day before", treatment: "needle-free", today: at("2027-03-15 09:00 +01:00"), want: []string{"skincare-before", "smoking-before"}},
	}
	cat := builtin(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request(t, tt.treatment, "2027-03-16")
			req.Today = tt.today
			p := mustPlan(t, cat, req)
			var got, msgs []string
			for _, w := range p.Warnings {
				if w.Code != "too-late-start" {
					t.Errorf("unexpected warning %+v", w)
					continue
				}
				got = append(got, w.Subject)
				msgs = append(msgs, w.Message)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("too-late-start for %v, want %v", got, tt.want)
			}
			for _, m := range tt.msgs {
				i := slices.Index(got, m[0])
				if i < 0 || !containsAll(msgs[i], m...) {
					t.Errorf("messages %q: want one for %s naming %q", msgs, m[0], m[1:])
				}
			}
		})
	}
	// The date named is in the plan's zone even when today is given in
	// another one.
	req := request(t, "mesolifting", "2027-03-16")
	req.Location = loc(t, "America/New_York")
	req.Today = time.Date(2027, 3, 12, 0, 0, 0, 0, rome)
	p := mustPlan(t, cat, req)
	if len(p.Warnings) != 2 || !strings.Contains(p.Warnings[0].Message, "2027-03-09 10:00") {
		t.Errorf("warnings = %+v", p.Warnings)
	}
}

func TestPastStart(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name      string
		zone      string
		start     string
		today     time.Time
		allowPast bool
		wantErr   string // substring of the error; "" means a plan
		passed    bool   // a PassedSessionError, not a PastStartError
	}{
		{name: "no today", zone: "Europe/Rome", start: "1990-01-02"},
		{name: "start today", zone: "Europe/Rome", start: "2027-03-16", today: utc("2027-03-16T09:00:00Z")},
		{name: "yesterday", zone: "Europe/Rome", start: "2027-03-16", today: utc("2027-03-17T08:00:00Z"),
			wantErr: "start date 2027-03-16 is in the past (today is 2027-03-17 in Europe/Rome)"},
		{name: "yesterday allowed", zone: "Europe/Rome", start: "2027-03-16", today: utc("2027-03-17T08:00:00Z"), allowPast: true},
		{name: "long ago allowed", zone: "Europe/Rome", start: "2020-02-29", today: utc("2027-03-17T08:00:00Z"), allowPast: true},
		// 23:30 UTC on the 16th is already the 17th in Rome.
		{name: "past in the plan zone", zone: "Europe/Rome", start: "2027-03-16", today: utc("2027-03-16T23:30:00Z"),
			wantErr: "today is 2027-03-17 in Europe/Rome"},
		// 23:30 UTC on the 15th is the 16th in Rome: today, not past.
		{name: "today in the plan zone", zone: "Europe/Rome", start: "2027-03-16", today: utc("2027-03-15T23:30:00Z")},
		// 13:00 UTC on the 16th is 09:00 on the 16th in New York: the 10:00
		// session is still to come.
		{name: "New York", zone: "America/New_York", start: "2027-03-16", today: utc("2027-03-16T13:00:00Z")},
		// Today, but after the session time: session 1 has passed.
		{name: "session 1 passed today", zone: "Europe/Rome", start: "2027-03-16", today: utc("2027-03-16T09:30:00Z"),
			wantErr: "session 1 on Tue 2027-03-16 10:00 CET has already passed", passed: true},
		{name: "New York past", zone: "America/New_York", start: "2027-03-14", today: utc("2027-03-16T03:00:00Z"),
			wantErr: "today is 2027-03-15 in America/New_York"},
	}
	cat := builtin(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request(t, "mesolifting", tt.start)
			req.Location = loc(t, tt.zone)
			req.Today, req.AllowPast = tt.today, tt.allowPast
			p, err := Make(cat, req)
			if tt.wantErr != "" {
				if tt.passed {
					pe := asError[*PassedSessionError](t, err)
					if !pe.Start.Equal(instant(t, tt.start+" 10:00 +01:00")) {
						t.Errorf("error = %+v, want session 1 at 10:00 on %s", pe, tt.start)
					}
				} else if pe := asError[*PastStartError](t, err); pe.Start.String() != tt.start || pe.Zone != tt.zone {
					t.Errorf("error = %+v, want start %s in %s", pe, tt.start, tt.zone)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Make: %v", err)
			}
			if got := DateOf(p.Sessions[0].Start).String(); got != tt.start {
				t.Errorf("session 1 on %s, want %s", got, tt.start)
			}
			// A course that has begun gets no too-late warnings for session 1.
			if tt.allowPast && len(p.Warnings) != 0 {
				t.Errorf("warnings = %+v", p.Warnings)
			}
		})
	}
}

func TestMakeInputErrors(t *testing.T) {
	cat := builtin(t)
	req := request(t, "mesolifting", "2027-03-16")
	req.Location = nil
	if _, err := Make(cat, req); asInputError(t, err).Msg != "no time zone given" {
		t.Errorf("nil location: %v", err)
	}
	req = request(t, "mesolift", "2027-03-16")
	if ie := asInputError(t, func() error { _, err := Make(cat, req); return err }()); !strings.Contains(ie.Hint, "mesolifting") {
		t.Errorf("unknown treatment hint = %q", ie.Hint)
	}
}

// TestTreatmentTitle: calendar titles name the treatment as a patient does.
func TestTreatmentTitle(t *testing.T) {
	for name, want := range map[string]string{
		"Mesolifting (facial rejuvenation)": "Mesolifting",
		"Cellulite reduction":               "Cellulite reduction",
		"Skin quality (acne, pigmentation)": "Skin quality",
		"  Lip\nhydration  ":                "Lip hydration",
		"(only a remark)":                   "(only a remark)",
		"":                                  "lips",
	} {
		if got := (TreatmentRef{ID: "lips", Name: name}).Title(); got != want {
			t.Errorf("%q: Title() = %q, want %q", name, got, want)
		}
	}
}

// TestMakeWithinSavedYears: Make returns only plans a saved plan can hold,
// between 1900 and 2200: a start outside, or a course running past 2200,
// is an input error, never a plan that could be printed but not read back.
func TestMakeWithinSavedYears(t *testing.T) {
	cat := builtin(t)
	for _, tt := range []struct{ start, want string }{
		{"1899-12-31", "start date 1899-12-31 is too far in the past: a plan lies between 1900 and 2200"},
		{"2201-01-01", "start date 2201-01-01 is too far in the future: a plan lies between 1900 and 2200"},
		{"2200-11-01", "the course would run into the year 2201: a plan lies between 1900 and 2200"},
	} {
		req := request(t, "mesolifting", tt.start)
		req.AllowPast = true
		_, err := Make(cat, req)
		var input *InputError
		var years *YearsError
		if !(errors.As(err, &input) || errors.As(err, &years)) || err.Error() != tt.want {
			t.Errorf("start %s: error = %v, want %q", tt.start, err, tt.want)
		}
	}
	if _, err := Make(cat, request(t, "mesolifting", "2199-03-16")); err != nil {
		t.Errorf("a course within 2199: %v", err)
	}
}
