package planner

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// BusyEvent is a time the patient is taken, read from their own calendar.
type BusyEvent struct {
	Start, End  time.Time // [Start, End)
	AllDay      bool
	Summary     string
	Description string
	Categories  []string
	// Free is an event the calendar shows as free time (TRANSP:TRANSPARENT,
	// as Google marks all-day events): it keeps no session away, but is
	// still something the patient does, which a rule may forbid ("Spa
	// weekend" in the no-sauna window).
	Free bool
}

// when describes the event's time for messages: "Sat 2027-02-13" for an
// all-day event, "Sat 2027-02-13 09:30" otherwise.
func (b BusyEvent) when(loc *time.Location) string {
	if b.AllDay {
		return b.Start.In(loc).Format("Mon 2006-01-02")
	}
	return b.Start.In(loc).Format("Mon 2006-01-02 15:04")
}

// title is the event's title for messages: one line, cut at 60 characters.
func (b BusyEvent) title() string {
	return Clip(OneLine(b.Summary), 60)
}

func (b BusyEvent) overlaps(start, end time.Time) bool {
	return b.Start.Before(end) && start.Before(b.End)
}

// busyConstraint refuses a date whose session would overlap a busy event.
type busyConstraint struct {
	clock  Clock
	loc    *time.Location
	length time.Duration
	busy   []BusyEvent
}

func (c busyConstraint) Allows(d Date) (bool, string) {
	start, err := At(d, c.clock, c.loc)
	if err != nil {
		return true, "" // a skipped time is reported by Make itself
	}
	for _, b := range c.busy {
		if !b.Free && b.overlaps(start, start.Add(c.length)) {
			return false, fmt.Sprintf("the patient is busy: %q, %s", b.title(), b.when(c.loc))
		}
	}
	return true, ""
}

// conflictConstraint refuses a date whose session's windows would hold a
// busy event that a rule forbids (Request.AvoidConflicts).
type conflictConstraint struct {
	clock  Clock
	loc    *time.Location
	length time.Duration
	rules  []Rule
	busy   []BusyEvent
}

func (c conflictConstraint) Allows(d Date) (bool, string) {
	start, err := At(d, c.clock, c.loc)
	if err != nil {
		return true, ""
	}
	s := Session{Number: 1, Start: start, End: start.Add(c.length)}
	for _, r := range c.rules {
		if len(r.Keywords) == 0 {
			continue
		}
		w := ruleWindow(r, s)
		for _, b := range c.busy {
			if b.overlaps(w.Start, w.End) && matchesKeywords(b, r.Keywords) {
				rel := "before"
				if r.Kind == Aftercare {
					rel = "after"
				}
				return false, fmt.Sprintf("%q (%s) would fall in the %s %q window %s it", b.title(), b.when(c.loc), r.Window.Adjective(), r.Summary, rel)
			}
		}
	}
	return true, ""
}

// conflicts finds the busy events that fall in a window whose rule forbids
// them ("Spa weekend" in the no-sauna window after session 3).
func conflicts(windows []Window, rules []Rule, busy []BusyEvent, loc *time.Location) []Finding {
	byID := map[string]Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	var out []Finding
	for _, w := range windows {
		r := byID[w.Rule]
		if len(r.Keywords) == 0 {
			continue
		}
		for _, b := range busy {
			if !b.overlaps(w.Start, w.End) || !matchesKeywords(b, r.Keywords) {
				continue
			}
			rel := "before"
			if w.Kind == Aftercare {
				rel = "after"
			}
			out = append(out, Finding{
				Code:    "conflict",
				Subject: r.ID,
				Message: fmt.Sprintf("%s %q falls in the %s %q window %s %s", b.when(loc), b.title(), r.Window.Adjective(), r.Summary, rel, SessionsPhrase(w.Sessions, "-")),
			})
		}
	}
	return out
}

// matchesKeywords reports whether any keyword appears as whole words,
// ignoring case, in the event's summary, description or categories.
func matchesKeywords(b BusyEvent, keywords []string) bool {
	text := words(b.Summary + " " + b.Description + " " + strings.Join(b.Categories, " "))
	for _, k := range keywords {
		kw := words(k)
		if len(kw) == 0 {
			continue
		}
		for i := 0; i+len(kw) <= len(text); i++ {
			match := true
			for j := range kw {
				if text[i+j] != kw[j] {
					match = false
					break
				}
			}
			if match {
				return true
			}
		}
	}
	return false
}

// words splits text into lowercase words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
