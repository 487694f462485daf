package handout

import (
	"fmt"
	"strings"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// maxMonths bounds the month grids of one handout: three years of a
// course. A plan made by mesoplan stays far within it; a longer one (a
// saved plan edited by hand) is refused rather than printed on dozens of
// pages.
const maxMonths = 36

// month is one month grid: its weeks, Monday first, each day in its
// column and the days of other months left blank.
type month struct {
	Title string
	Weeks [][7]day
}

// day is one cell of a month grid.
type day struct {
	N     int      // the day of the month; 0 for a blank cell
	Times []string // the sessions that day, by their start
	Prep  bool     // a preparation window touches the day
	After bool     // an aftercare window touches the day
}

// Class is the cell's CSS classes: its kinds, for the patterns that mark
// them.
func (d day) Class() string {
	if d.N == 0 {
		return "blank"
	}
	classes := []string{"day"}
	if len(d.Times) > 0 {
		classes = append(classes, "session")
	}
	if d.Prep {
		classes = append(classes, "prep")
	}
	if d.After {
		classes = append(classes, "after")
	}
	return strings.Join(classes, " ")
}

// marks are the days of a course and what happens on each.
type marks map[planner.Date]*day

func (m marks) at(d planner.Date) *day {
	if m[d] == nil {
		m[d] = &day{N: d.Day}
	}
	return m[d]
}

// calendar lays out a grid for every month from the first day the course
// marks to the last, leaving out months in between with nothing to mark:
// a day is a session day, a preparation day (a preparation window
// touches it, for all or part of it, in the plan's zone), an aftercare
// day, or several of these.
func calendar(p *planner.Plan, w *words) ([]month, error) {
	loc := p.Zone.Location()
	first := planner.DateOf(p.Sessions[0].Start.In(loc))
	last := planner.DateOf(p.Sessions[len(p.Sessions)-1].Start.In(loc))
	span := func(start, end time.Time) (planner.Date, planner.Date) {
		a := planner.DateOf(start.In(loc))
		b := planner.DateOf(end.In(loc).Add(-time.Nanosecond)) // the window is half-open
		if b.Before(a) {
			b = a
		}
		return a, b
	}
	for _, win := range p.Windows {
		a, b := span(win.Start, win.End)
		if a.Before(first) {
			first = a
		}
		if last.Before(b) {
			last = b
		}
	}
	if n := (last.Year-first.Year)*12 + int(last.Month-first.Month) + 1; n > maxMonths {
		return nil, fmt.Errorf("handout: the course spans %d months, from %s to %s: a handout shows at most %d", n, first, last, maxMonths)
	}
	m := marks{}
	for _, s := range p.Sessions {
		start := s.Start.In(loc)
		d := m.at(planner.DateOf(start))
		d.Times = append(d.Times, w.format(start, w.Clock))
	}
	for _, win := range p.Windows {
		a, b := span(win.Start, win.End)
		for d := a; !b.Before(d); d = d.AddDays(1) {
			if win.Kind == planner.Prep {
				m.at(d).Prep = true
			} else {
				m.at(d).After = true
			}
		}
	}
	var out []month
	for y, mo := first.Year, first.Month; y < last.Year || (y == last.Year && mo <= last.Month); {
		if g, ok := grid(y, mo, m, w); ok {
			out = append(out, g)
		}
		if mo == time.December {
			y, mo = y+1, time.January
		} else {
			mo++
		}
	}
	return out, nil
}

// grid is the month's grid, and whether any of its days is marked.
func grid(y int, mo time.Month, m marks, w *words) (month, bool) {
	first := planner.Date{Year: y, Month: mo, Day: 1}
	g := month{Title: w.formatDate(first, w.MonthTitle)}
	col := (int(first.Weekday()) + 6) % 7 // Monday first
	var week [7]day
	marked := false
	for d := first; d.Month == mo; d = d.AddDays(1) {
		if c := m[d]; c != nil {
			week[col] = *c
			marked = true
		} else {
			week[col] = day{N: d.Day}
		}
		if col++; col == 7 {
			g.Weeks = append(g.Weeks, week)
			week, col = [7]day{}, 0
		}
	}
	if col > 0 {
		g.Weeks = append(g.Weeks, week)
	}
	return g, marked
}

// legendEntry is one line of the key under the grids: a sample cell and
// what it means.
type legendEntry struct {
	Class, Mark, Text string
	Hatch             bool // the sample has the preparation days' lines
	Dots              bool // the sample has the aftercare days' dots
}

// legend is the key to the grids' marks, the session's sample showing the
// first session's time.
func legend(p *planner.Plan, w *words) []legendEntry {
	at := w.format(p.Sessions[0].Start.In(p.Zone.Location()), w.Clock)
	return []legendEntry{
		{Class: "day session", Mark: w.SessionMark + " " + at, Text: w.LegendSess},
		{Class: "day prep", Mark: w.PrepMark, Text: w.LegendPrep, Hatch: true},
		{Class: "day after", Mark: w.AfterMark, Text: w.LegendAfter, Dots: true},
		{Class: "day prep after", Mark: w.PrepMark + " " + w.AfterMark, Text: w.LegendBoth, Hatch: true, Dots: true},
	}
}
