package cmd

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/mesoplan/mesoplan/planner"
)

// clinic is the practice a plan is made for, from the settings.
type clinic struct {
	Name    string       `json:"name,omitempty" mapstructure:"name"`
	Address string       `json:"address,omitempty" mapstructure:"address"`
	Phone   phoneNumber  `json:"phone,omitempty" mapstructure:"phone"`
	Email   emailAddress `json:"email,omitempty" mapstructure:"email"`
	URL     webAddress   `json:"url,omitempty" mapstructure:"url"`
}

// A planRenderFunc writes a plan in one output format.
type planRenderFunc func(w io.Writer, p *planner.Plan, c clinic) error

// planRenderer returns the renderer for a --format value.
func planRenderer(format string) (planRenderFunc, error) {
	switch strings.ToLower(format) {
	case "table":
		return renderTable, nil
	case "json":
		return renderJSON, nil
	case "csv":
		return renderCSV, nil
	case "markdown", "md":
		return renderMarkdown, nil
	}
	e := usageErrorf("unknown format %q (accepted: %s)", format, strings.Join(planFormats, ", "))
	if s := planner.Suggest(strings.ToLower(format), planFormats); s != "" {
		e.hint = fmt.Sprintf("did you mean %q?", s)
	}
	return nil, e
}

// Time layouts for people. Dates carry the weekday, because patients plan
// their weeks by it.
const (
	layoutDateTime = "Mon 2006-01-02 15:04"
	layoutDate     = "2006-01-02"
)

func tableOptions() []tablewriter.Option {
	return []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	}
}

// A section is one titled table of a rendered plan; the table and Markdown
// renderers share them so the two cannot drift apart. A cell may hold
// several lines.
type section struct {
	Title  string
	Header []string
	Rows   [][]string
}

func planSections(p *planner.Plan) []section {
	sessions := section{Title: "Sessions", Header: []string{"#", "Date", "Day", "Time", "Phase", "Days since previous"}}
	moved := slices.ContainsFunc(p.Sessions, func(s planner.Session) bool { return s.Moved != nil })
	if moved { // the column appears only when placement moved a session
		sessions.Header = append(sessions.Header, "Moved")
	}
	for _, s := range p.Sessions {
		days := "-"
		if s.Number > 1 {
			days = strconv.Itoa(s.DaysSincePrevious)
		}
		row := []string{
			strconv.Itoa(s.Number), s.Start.Format(layoutDate), s.Start.Format("Mon"),
			s.Start.Format("15:04"), s.Phase, days,
		}
		if moved {
			note := ""
			if s.Moved != nil {
				note = "from " + s.Moved.From.String() + ": " + planner.OneLine(s.Moved.Reason)
			}
			row = append(row, note)
		}
		sessions.Rows = append(sessions.Rows, row)
	}
	out := []section{sessions}
	for _, kind := range []planner.RuleKind{planner.Prep, planner.Aftercare} {
		sec := section{Title: "Preparation (before sessions)", Header: []string{"Rule", "From", "Until", "Sessions", "What to avoid"}}
		if kind == planner.Aftercare {
			sec.Title = "Aftercare (after sessions)"
		}
		// Rules whose windows coincide share a row: a patient reads "from
		// Tue 10:30 until Thu 10:30: no alcohol; no smoking" once.
		rowOf := map[string]int{}
		for _, w := range p.Windows {
			if w.Kind != kind {
				continue
			}
			from, until, sessions := w.Start.Format(layoutDateTime), w.End.Format(layoutDateTime), planner.SessionRange(w.Sessions, "-")
			key := from + "|" + until + "|" + sessions
			if i, ok := rowOf[key]; ok {
				sec.Rows[i][0] += "\n" + w.Rule
				sec.Rows[i][4] += "\n" + planner.OneLine(w.Summary)
				continue
			}
			rowOf[key] = len(sec.Rows)
			sec.Rows = append(sec.Rows, []string{w.Rule, from, until, sessions, planner.OneLine(w.Summary)})
		}
		out = append(out, sec)
	}
	return out
}

// headline is the one-line summary above a rendered plan.
func headline(p *planner.Plan) string {
	course := p.CourseSessions()
	maint := len(p.Sessions) - course
	h := fmt.Sprintf("%s: %s", planner.OneLine(p.Treatment.Name), plural(course, "session"))
	if maint > 0 {
		h += fmt.Sprintf(" + %d maintenance", maint)
	}
	first, last := p.Sessions[0].Start, p.Sessions[len(p.Sessions)-1].Start
	if len(p.Sessions) == 1 {
		h += ", on " + first.Format(layoutDate)
	} else {
		h += fmt.Sprintf(", %s to %s", first.Format(layoutDate), last.Format(layoutDate))
	}
	return h + fmt.Sprintf(", %d min each, times in %s", p.Treatment.SessionMinutes, p.Zone)
}

// maintenanceLine describes what follows the course, or "" for nothing.
func maintenanceLine(p *planner.Plan) string {
	return planner.OneLine(maintenanceText(p))
}

func maintenanceText(p *planner.Plan) string {
	m := p.Maintenance
	if m == nil {
		return ""
	}
	switch m.Kind {
	case planner.MaintenanceSessions:
		return fmt.Sprintf("%d maintenance sessions are planned above (phase \"maintenance\"). %s", m.Sessions, m.Text)
	case planner.MaintenanceRecall:
		return fmt.Sprintf("Recall on or after %s (%s after the last session). %s", m.Date, m.After.Words(), m.Text)
	case planner.MaintenanceRepeat:
		return fmt.Sprintf("Repeat the course from %s (%s after the last session). %s", m.Date, m.After.Words(), m.Text)
	}
	return m.Text
}

// clinicLine is the clinic and how to reach it, on one line, or "".
func clinicLine(c clinic) string {
	var parts []string
	for _, p := range []string{c.Name, c.Address, string(c.Phone), string(c.Email), string(c.URL)} {
		if p = planner.OneLine(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Clinic: " + strings.Join(parts, ", ")
}

// plural writes "1 session", "2 sessions".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
