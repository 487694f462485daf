package planner

import (
	"fmt"
	"slices"
	"time"
)

// windows derives each session's rule windows: prep windows
// [start - window, start) and aftercare windows [end, end + window). With
// merge, windows of the same rule that overlap or touch become one, carrying
// every session they came from. The result is sorted by start, then kind
// (prep first), then rule, so output is deterministic.
func windows(sessions []Session, rules []Rule, merge bool) []Window {
	var out []Window
	own := make([]Window, 0, len(sessions)) // one rule's, reused
	for _, r := range rules {
		own = own[:0]
		for _, s := range sessions {
			w := ruleWindow(r, s)
			if n := len(own); merge && n > 0 && !w.Start.After(own[n-1].End) {
				last := &own[n-1]
				last.End = laterOf(last.End, w.End)
				last.Sessions = append(last.Sessions, s.Number)
				continue
			}
			own = append(own, w)
		}
		out = append(out, own...)
	}
	slices.SortStableFunc(out, func(a, b Window) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if a.Kind != b.Kind {
			if a.Kind == Prep {
				return -1
			}
			return 1
		}
		if a.Rule < b.Rule {
			return -1
		}
		if a.Rule > b.Rule {
			return 1
		}
		return 0
	})
	if out == nil {
		out = []Window{}
	}
	return out
}

// ruleWindow is rule r's window around session s: [start - window, start)
// before it, [end, end + window) after it.
func ruleWindow(r Rule, s Session) Window {
	w := Window{Kind: r.Kind, Rule: r.ID, Summary: r.Summary, Text: r.Text, Sessions: []int{s.Number}}
	if r.Kind == Prep {
		w.Start, w.End = r.Window.AddTo(s.Start, -1), s.Start
	} else {
		w.Start, w.End = s.End, r.Window.AddTo(s.End, 1)
	}
	return w
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// tooLate warns about each prep window of the first session that should
// already have begun by today.
func tooLate(first Session, rules []Rule, today time.Time) []Finding {
	var out []Finding
	if !today.Before(first.Start) {
		return nil
	}
	for _, r := range rules {
		if r.Kind != Prep {
			continue
		}
		from := r.Window.AddTo(first.Start, -1)
		if today.After(from) {
			out = append(out, Finding{
				Code:    "too-late-start",
				Subject: r.ID,
				Message: fmt.Sprintf("too late for the full %s of %q (%s) before session 1: it should have started on %s",
					r.Window.Words(), r.Summary, r.ID, from.Format("Mon 2006-01-02 15:04")),
			})
		}
	}
	return out
}
