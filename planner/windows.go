package planner

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// windows derives each session's rule windows: prep windows
// [start - window, start) and aftercare windows [end, end + window). With
// merge, windows of the same rule that overlap or touch become one, carrying
// every session they came from. The result is sorted by start, then kind
// (prep first), then rule, so output is deterministic.
func windows(sessions []Session, rules []Rule, merge bool) []Window {
	// Every allocation sized once: a batch plans thousands of courses, and
	// growing these slices window by window was a sixth of its bytes.
	n := len(rules) * len(sessions)
	all := make([]Window, 0, n)
	keys := make([]windowOrder, 0, n)
	numbers := make([]int, n) // each window's first session, one array for all
	ranks := ruleRanks(rules)
	for ri, r := range rules {
		own := len(all) // this rule's windows start here
		for _, s := range sessions {
			w := ruleWindow(r, s)
			if k := len(all); merge && k > own && !w.Start.After(all[k-1].End) {
				last := &all[k-1]
				last.End = laterOf(last.End, w.End)
				last.Sessions = append(last.Sessions, s.Number) // copies out of numbers
				continue
			}
			i := len(all)
			numbers[i] = s.Number
			w.Sessions = numbers[i : i+1 : i+1]
			all = append(all, w)
			key := windowOrder{sec: w.Start.Unix(), nsec: int32(w.Start.Nanosecond()), rank: uint32(ranks[ri]), index: int32(i)}
			if r.Kind != Prep {
				key.rank |= 1 << 31 // preparation first
			}
			keys = append(keys, key)
		}
	}
	// Sorted by keys of integers, not by comparing the windows (144
	// bytes each) by instant and rule id: that was a quarter of
	// planning a course. The index makes the order total, as a stable
	// sort's.
	slices.SortFunc(keys, func(a, b windowOrder) int {
		if c := cmp.Compare(a.sec, b.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.nsec, b.nsec); c != 0 {
			return c
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(a.index, b.index)
	})
	out := make([]Window, len(all))
	for k, key := range keys {
		out[k] = all[key.index]
	}
	return out
}

// windowOrder orders a window: by start (seconds, then nanoseconds: one
// int64 of nanoseconds would not hold every year a refused plan may
// reach), then kind and rule id (rank), then place.
type windowOrder struct {
	sec   int64
	nsec  int32
	rank  uint32 // the kind in the top bit, then the rule's rank by id
	index int32
}

// ruleRanks gives each rule its place among the rules sorted by id; rules
// with the same id share one.
func ruleRanks(rules []Rule) []int {
	order := make([]int, len(rules))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(rules[i].ID, rules[j].ID) })
	ranks := make([]int, len(rules))
	for k, i := range order {
		if k > 0 && rules[i].ID == rules[order[k-1]].ID {
			ranks[i] = ranks[order[k-1]]
		} else {
			ranks[i] = k
		}
	}
	return ranks
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
