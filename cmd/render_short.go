package cmd

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// renderShort writes the short view of a plan, the default of 'plan' for
// people: the sessions, then what every session asks before and after it,
// rule by rule grouped by how long ahead or after, the restrictions that
// run on across sessions without a break, and the maintenance, cost,
// findings and notice. --detail writes every window with its dates.
func renderShort(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, width int) error {
	writeHeadline(w, p, c, tr, width)
	sessions := planSections(p, tr)[0]
	fmt.Fprintf(w, "\n%s\n", sessions.Title)
	if err := writeTable(w, width, sessions.Header, sessions.Rows); err != nil {
		return err
	}
	if len(p.Windows) > 0 {
		fmt.Fprintf(w, "\n%s\n", tr.Sprintf(locale.ChecklistsHeading))
		labels := map[planner.RuleKind]string{planner.Prep: tr.Sprintf(locale.Before), planner.Aftercare: tr.Sprintf(locale.After)}
		groups := map[planner.RuleKind][]spanGroup{planner.Prep: spanGroups(p, planner.Prep), planner.Aftercare: spanGroups(p, planner.Aftercare)}
		labelW, spanW := 0, 0
		for kind, gs := range groups {
			labelW = max(labelW, runewidth.StringWidth(labels[kind]))
			for _, g := range gs {
				spanW = max(spanW, runewidth.StringWidth(g.span(tr)))
			}
		}
		indent := strings.Repeat(" ", 2+labelW+1+spanW+1)
		for _, kind := range []planner.RuleKind{planner.Prep, planner.Aftercare} {
			for i, g := range groups[kind] {
				label := ""
				if i == 0 {
					label = labels[kind]
				}
				lead := "  " + padRight(label, labelW) + " " + padRight(g.span(tr), spanW) + " "
				text := wrapText(strings.Join(g.what, "; "), width-len(indent), "")
				fmt.Fprintln(w, lead+strings.ReplaceAll(text, "\n", "\n"+indent))
			}
		}
		for _, m := range mergedRuns(p) {
			fmt.Fprintln(w, "  "+wrapText(tr.Sprintf(locale.ShortWithoutBreak, strings.Join(m.what, "; "),
				tr.Date(m.from, locale.TableDateTime), tr.Date(m.to, locale.TableDateTime), m.sessions), width-2, "    "))
		}
		fmt.Fprintln(w, "  "+wrapText(tr.Sprintf(locale.ShortExactDates), width-2, "  "))
	}
	if line := maintenanceLine(p, tr); line != "" {
		fmt.Fprintf(w, "\n%s\n  %s\n", tr.Sprintf(locale.MaintenanceHeading), wrapText(line, width-2, "  "))
	}
	if cost := p.Cost; cost != nil {
		fmt.Fprintf(w, "\n%s\n  %s\n", tr.Sprintf(locale.CostHeading), wrapText(costLine(cost, tr), width-2, "  "))
	}
	writeFindings(w, p, tr, width)
	fmt.Fprintf(w, "\n%s\n", wrapText(p.Notice, width, ""))
	return nil
}

// spanGroup is the rules of one kind that last as long before or after a
// session.
type spanGroup struct {
	hours int
	what  []string
}

// span writes how long: "24 h", "48 h", "7 days".
func (g spanGroup) span(tr *locale.Printer) string {
	if g.hours >= 48 && g.hours%24 == 0 {
		return tr.Span(planner.Span{N: g.hours / 24, Unit: planner.Days})
	}
	return tr.Span(planner.Span{N: g.hours, Unit: planner.Hours})
}

// spanGroups groups the plan's rules of kind by how long they last before
// or after each session, longest first before, shortest first after: the
// order a patient meets them. A rule's span is read from its window around
// its first session, rounded to the hour (a day across a clock change is
// 23 or 25 hours).
func spanGroups(p *planner.Plan, kind planner.RuleKind) []spanGroup {
	byHours := map[int][]string{}
	seen := map[string]bool{}
	for _, w := range p.Windows {
		if w.Kind != kind || seen[w.Rule] {
			continue
		}
		seen[w.Rule] = true
		var d time.Duration
		if kind == planner.Prep {
			d = sessionAt(p, w.Sessions[0]).Start.Sub(w.Start)
		} else {
			d = w.End.Sub(sessionAt(p, w.Sessions[len(w.Sessions)-1]).End)
		}
		hours := int(d.Round(time.Hour) / time.Hour)
		if hours >= 24 && (hours+1)%24 <= 2 { // a whole number of days across a clock change
			hours = (hours + 1) / 24 * 24
		}
		byHours[hours] = append(byHours[hours], planner.LowerFirst(planner.OneLine(w.Summary)))
	}
	var out []spanGroup
	for h, what := range byHours {
		out = append(out, spanGroup{hours: h, what: what})
	}
	slices.SortFunc(out, func(a, b spanGroup) int {
		if kind == planner.Prep {
			return b.hours - a.hours
		}
		return a.hours - b.hours
	})
	return out
}

// mergedRun is a stretch without a break: windows that several sessions
// share, grouped when they share their dates.
type mergedRun struct {
	what     []string
	from, to time.Time
	sessions string
}

// mergedRuns lists the plan's stretches without a break, in time order.
func mergedRuns(p *planner.Plan) []mergedRun {
	var out []mergedRun
	for _, w := range p.Windows {
		if !w.Continues() {
			continue
		}
		what := planner.LowerFirst(planner.OneLine(w.Summary))
		if i := slices.IndexFunc(out, func(m mergedRun) bool { return m.from.Equal(w.Start) && m.to.Equal(w.End) }); i >= 0 {
			out[i].what = append(out[i].what, what)
			continue
		}
		out = append(out, mergedRun{what: []string{what}, from: w.Start, to: w.End, sessions: planner.SessionRange(w.Sessions, "-")})
	}
	return out
}

// padRight pads s with spaces to width display cells.
func padRight(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-runewidth.StringWidth(s)))
}

// sessionAt is the session numbered n.
func sessionAt(p *planner.Plan, n int) planner.Session {
	for _, s := range p.Sessions {
		if s.Number == n {
			return s
		}
	}
	return p.Sessions[0]
}
