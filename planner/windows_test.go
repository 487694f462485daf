package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMergedWindowsBuiltin: with PerSession false, the weekly 7-day nsaids
// windows of mesolifting's induction touch and become one, from 7 days before
// session 1 to the start of session 4; the consolidation sessions, 15 days
// apart, keep their own.
func TestMergedWindowsBuiltin(t *testing.T) {
	cat := builtin(t)
	type span struct {
		start, end string
		sessions   []int
	}
	tests := []struct {
		perSession bool
		rule       string
		want       []span
	}{
		{false, "nsaids", []span{
			{"2027-03-09 10:00 +01:00", "2027-04-06 10:00 +02:00", []int{1, 2, 3, 4}},
			{"2027-04-14 10:00 +02:00", "2027-04-21 10:00 +02:00", []int{5}},
			{"2027-04-29 10:00 +02:00", "2027-05-06 10:00 +02:00", []int{6}},
		}},
		{true, "nsaids", []span{
			{"2027-03-09 10:00 +01:00", "2027-03-16 10:00 +01:00", []int{1}},
			{"2027-03-16 10:00 +01:00", "2027-03-23 10:00 +01:00", []int{2}},
			{"2027-03-23 10:00 +01:00", "2027-03-30 10:00 +02:00", []int{3}},
			{"2027-03-30 10:00 +02:00", "2027-04-06 10:00 +02:00", []int{4}},
			{"2027-04-14 10:00 +02:00", "2027-04-21 10:00 +02:00", []int{5}},
			{"2027-04-29 10:00 +02:00", "2027-05-06 10:00 +02:00", []int{6}},
		}},
		// 3 days before weekly sessions: never touching, never merged.
		{false, "smoking-before", []span{
			{"2027-03-13 10:00 +01:00", "2027-03-16 10:00 +01:00", []int{1}},
			{"2027-03-20 10:00 +01:00", "2027-03-23 10:00 +01:00", []int{2}},
			{"2027-03-27 10:00 +01:00", "2027-03-30 10:00 +02:00", []int{3}},
			{"2027-04-03 10:00 +02:00", "2027-04-06 10:00 +02:00", []int{4}},
			{"2027-04-18 10:00 +02:00", "2027-04-21 10:00 +02:00", []int{5}},
			{"2027-05-03 10:00 +02:00", "2027-05-06 10:00 +02:00", []int{6}},
		}},
		// 72 elapsed hours after each session ends.
		{false, "heat", []span{
			{"2027-03-16 10:30 +01:00", "2027-03-19 10:30 +01:00", []int{1}},
			{"2027-03-23 10:30 +01:00", "2027-03-26 10:30 +01:00", []int{2}},
			{"2027-03-30 10:30 +02:00", "2027-04-02 10:30 +02:00", []int{3}},
			{"2027-04-06 10:30 +02:00", "2027-04-09 10:30 +02:00", []int{4}},
			{"2027-04-21 10:30 +02:00", "2027-04-24 10:30 +02:00", []int{5}},
			{"2027-05-06 10:30 +02:00", "2027-05-09 10:30 +02:00", []int{6}},
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/per-session=%v", tt.rule, tt.perSession), func(t *testing.T) {
			req := request(t, "mesolifting", "2027-03-16")
			req.PerSession = tt.perSession
			p := mustPlan(t, cat, req)
			var got []span
			for _, w := range p.Windows {
				if w.Rule == tt.rule {
					got = append(got, span{w.Start.Format(wall), w.End.Format(wall), w.Sessions})
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%s windows:\n got %v\nwant %v", tt.rule, got, tt.want)
			}
		})
	}
	// Cellulite: ten weekly sessions, then monthly maintenance. The nsaids
	// window covers the whole weekly cycle.
	p := mustPlan(t, cat, request(t, "cellulite", "2027-03-16"))
	w := findWindow(t, p, "nsaids", 1)
	if !slices.Equal(w.Sessions, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) || !w.End.Equal(p.Sessions[9].Start) {
		t.Errorf("cellulite nsaids window = %v..%v %v", w.Start.Format(wall), w.End.Format(wall), w.Sessions)
	}
}

func TestWindowsSorted(t *testing.T) {
	cat := builtin(t)
	for _, tr := range cat.Treatments {
		for _, perSession := range []bool{false, true} {
			req := request(t, tr.ID, "2027-03-16")
			req.PerSession = perSession
			p := mustPlan(t, cat, req)
			if !slices.IsSortedFunc(p.Windows, compareWindows) {
				t.Errorf("%s (per-session %v): windows not sorted by start, kind, rule", tr.ID, perSession)
			}
			// Per session, every session has exactly one window per rule.
			if perSession {
				n := len(cat.RulesFor(&tr)) * len(p.Sessions)
				if len(p.Windows) != n {
					t.Errorf("%s per session: %d windows, want %d", tr.ID, len(p.Windows), n)
				}
			}
		}
	}
}

func compareWindows(a, b Window) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if a.Kind != b.Kind {
		if a.Kind == Prep {
			return -1
		}
		return 1
	}
	return strings.Compare(a.Rule, b.Rule)
}

func TestWindowsMerge(t *testing.T) {
	t0 := time.Date(2027, 3, 16, 10, 0, 0, 0, time.UTC)
	sess := func(offsets ...time.Duration) []Session {
		var out []Session
		for i, o := range offsets {
			out = append(out, Session{Number: i + 1, Start: t0.Add(o), End: t0.Add(o + 30*time.Minute)})
		}
		return out
	}
	day := 24 * time.Hour
	prep7d := Rule{ID: "p", Kind: Prep, Window: Span{7, Days}, Summary: "P"}
	after72h := Rule{ID: "a", Kind: Aftercare, Window: Span{72, Hours}, Summary: "A"}
	type win struct {
		start, end time.Duration // from t0
		sessions   []int
	}
	tests := []struct {
		name     string
		sessions []Session
		rule     Rule
		merge    bool
		want     []win
	}{
		{"prep touching", sess(0, 7*day), prep7d, true,
			[]win{{-7 * day, 7 * day, []int{1, 2}}}},
		{"prep overlapping", sess(0, 3*day), prep7d, true,
			[]win{{-7 * day, 3 * day, []int{1, 2}}}},
		{"prep apart", sess(0, 8*day), prep7d, true,
			[]win{{-7 * day, 0, []int{1}}, {day, 8 * day, []int{2}}}},
		{"prep a minute apart", sess(0, 7*day+time.Minute), prep7d, true,
			[]win{{-7 * day, 0, []int{1}}, {time.Minute, 7*day + time.Minute, []int{2}}}},
		{"prep touching then apart", sess(0, 7*day, 15*day), prep7d, true,
			[]win{{-7 * day, 7 * day, []int{1, 2}}, {8 * day, 15 * day, []int{3}}}},
		{"prep touching, per session", sess(0, 7*day), prep7d, false,
			[]win{{-7 * day, 0, []int{1}}, {0, 7 * day, []int{2}}}},
		// Aftercare [end, end+72h): sessions 72h apart touch.
		{"aftercare touching", sess(0, 3*day), after72h, true,
			[]win{{30 * time.Minute, 6*day + 30*time.Minute, []int{1, 2}}}},
		{"aftercare overlapping", sess(0, day, 2*day), after72h, true,
			[]win{{30 * time.Minute, 5*day + 30*time.Minute, []int{1, 2, 3}}}},
		{"aftercare apart", sess(0, 3*day+time.Hour), after72h, true,
			[]win{{30 * time.Minute, 3*day + 30*time.Minute, []int{1}}, {3*day + 90*time.Minute, 6*day + 90*time.Minute, []int{2}}}},
		{"aftercare per session", sess(0, day), after72h, false,
			[]win{{30 * time.Minute, 3*day + 30*time.Minute, []int{1}}, {day + 30*time.Minute, 4*day + 30*time.Minute, []int{2}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := windows(tt.sessions, []Rule{tt.rule}, tt.merge)
			var gotW []win
			for _, w := range got {
				gotW = append(gotW, win{w.Start.Sub(t0), w.End.Sub(t0), w.Sessions})
				if w.Rule != tt.rule.ID || w.Kind != tt.rule.Kind || w.Summary != tt.rule.Summary {
					t.Errorf("window %+v does not carry its rule", w)
				}
			}
			if fmt.Sprint(gotW) != fmt.Sprint(tt.want) {
				t.Errorf("windows:\n got %v\nwant %v", gotW, tt.want)
			}
		})
	}
	if got := windows(sess(0), nil, true); got == nil || len(got) != 0 {
		t.Errorf("no rules: %#v, want an empty non-nil list", got)
	}
}

// TestWindowsOrder: sorted by start, then prep before aftercare, then rule
// id, whatever the order of the rules.
func TestWindowsOrder(t *testing.T) {
	t0 := time.Date(2027, 3, 16, 10, 0, 0, 0, time.UTC)
	// Session 2 starts 7 days after session 1 ends, so its 7-day prep
	// windows start when session 1's aftercare does.
	s1 := Session{Number: 1, Start: t0, End: t0.Add(30 * time.Minute)}
	s2 := Session{Number: 2, Start: s1.End.AddDate(0, 0, 7)}
	s2.End = s2.Start.Add(30 * time.Minute)
	rules := []Rule{
		{ID: "z-prep", Kind: Prep, Window: Span{7, Days}},
		{ID: "a-after", Kind: Aftercare, Window: Span{7, Days}},
		{ID: "b-prep", Kind: Prep, Window: Span{7, Days}},
	}
	want := []string{
		"b-prep 1 " + t0.AddDate(0, 0, -7).Format(wall),
		"z-prep 1 " + t0.AddDate(0, 0, -7).Format(wall),
		"b-prep 2 " + s1.End.Format(wall),
		"z-prep 2 " + s1.End.Format(wall),
		"a-after 1 " + s1.End.Format(wall),
		"a-after 2 " + s2.End.Format(wall),
	}
	for _, merge := range []bool{true, false} {
		for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 0, 2}} {
			rs := []Rule{rules[order[0]], rules[order[1]], rules[order[2]]}
			var got []string
			for _, w := range windows([]Session{s1, s2}, rs, merge) {
				got = append(got, fmt.Sprintf("%s %d %s", w.Rule, w.Sessions[0], w.Start.Format(wall)))
			}
			if !slices.Equal(got, want) {
				t.Errorf("merge %v, rule order %v:\n got %q\nwant %q", merge, order, got, want)
			}
		}
	}
}
