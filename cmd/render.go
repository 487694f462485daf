package cmd

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/mesoplan/mesoplan/locale"
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
// Tables and Markdown are for people, in the plan's language (tr); JSON
// and CSV are for programs and keep English names.
type planRenderFunc func(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, width int) error

// planRenderer returns the renderer for a --format value.
func planRenderer(format string) (planRenderFunc, error) {
	switch strings.ToLower(format) {
	case "table":
		return forPeople(renderTable), nil
	case "json":
		return renderJSON, nil
	case "csv":
		return renderCSV, nil
	case "markdown", "md":
		return forPeople(renderMarkdown), nil
	case "calendar":
		return forPeople(func(w io.Writer, p *planner.Plan, _ clinic, tr *locale.Printer, width int) error {
			return renderCalendar(w, p, width, calendarView{Words: tr})
		}), nil
	}
	return nil, formatError(format, planFormats)
}

// forPeople writes a format people read through a controlFilter.
func forPeople(render planRenderFunc) planRenderFunc {
	return func(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, width int) error {
		return render(&controlFilter{w: w}, p, c, tr, width)
	}
}

// formatError is the usage error of a --format value outside accepted,
// with the nearest one as a hint.
func formatError(format string, accepted []string) error {
	e := usageErrorf("unknown format %q (accepted: %s)", format, strings.Join(accepted, ", "))
	if s := planner.Suggest(strings.ToLower(format), accepted); s != "" {
		e.hint = fmt.Sprintf("did you mean %q?", s)
	}
	return e
}

// layoutDate writes a date for tables: ISO 8601, the same in every
// language.
const layoutDate = "2006-01-02"

// tableOptions are the options of every table for people: left-aligned
// headers as written, and at most width display cells wide, long text
// wrapped inside its cell (0: no limit, no wrapping).
func tableOptions(width int) []tablewriter.Option {
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	}
	if width > 0 {
		opts = append(opts, tablewriter.WithMaxWidth(width), tablewriter.WithRowAutoWrap(tw.WrapNormal), tablewriter.WithHeaderAutoWrap(tw.WrapNormal))
	}
	return opts
}

// A section is one titled table of a rendered plan; the table and Markdown
// renderers share them so the two cannot drift apart. A cell may hold
// several lines.
type section struct {
	Title  string
	Header []string
	Rows   [][]string
}

func planSections(p *planner.Plan, tr *locale.Printer) []section {
	sessions := section{Title: tr.Sprintf(locale.TableSessions), Header: []string{"#", tr.Sprintf(locale.ColDate), tr.Sprintf(locale.ColDay),
		tr.Sprintf(locale.ColTime), tr.Sprintf(locale.ColPhase), tr.Sprintf(locale.ColDaysSince)}}
	moved := slices.ContainsFunc(p.Sessions, func(s planner.Session) bool { return s.Moved != nil })
	if moved { // the column appears only when placement moved a session
		sessions.Header = append(sessions.Header, tr.Sprintf(locale.ColMoved))
	}
	for _, s := range p.Sessions {
		days := "-"
		if s.Number > 1 {
			days = strconv.Itoa(s.DaysSincePrevious)
		}
		row := []string{
			strconv.Itoa(s.Number), s.Start.Format(layoutDate), tr.Date(s.Start, locale.Weekday),
			s.Start.Format("15:04"), tr.Phase(s.Phase), days,
		}
		if moved {
			note := ""
			if s.Moved != nil {
				note = tr.Sprintf(locale.MovedFrom, s.Moved.From.String(), planner.OneLine(s.Moved.Reason))
			}
			row = append(row, note)
		}
		sessions.Rows = append(sessions.Rows, row)
	}
	out := []section{sessions}
	for _, kind := range []planner.RuleKind{planner.Prep, planner.Aftercare} {
		sec := section{Title: tr.Sprintf(locale.TablePreparation), Header: []string{tr.Sprintf(locale.ColFrom), tr.Sprintf(locale.ColUntil),
			tr.Sprintf(locale.ColSessions), tr.Sprintf(locale.ColWhat)}}
		if kind == planner.Aftercare {
			sec.Title = tr.Sprintf(locale.TableAftercare)
		}
		// Rules whose windows coincide share a row: a patient reads "from
		// Tue 10:30 until Thu 10:30: no alcohol; no smoking" once.
		rowOf := map[string]int{}
		for _, w := range p.Windows {
			if w.Kind != kind {
				continue
			}
			from, until, sessions := tr.Date(w.Start, locale.TableDateTime), tr.Date(w.End, locale.TableDateTime), planner.SessionRange(w.Sessions, "-")
			key := from + "|" + until + "|" + sessions
			if i, ok := rowOf[key]; ok {
				sec.Rows[i][3] += "; " + planner.LowerFirst(planner.OneLine(w.Summary))
				continue
			}
			rowOf[key] = len(sec.Rows)
			sec.Rows = append(sec.Rows, []string{from, until, sessions, planner.OneLine(w.Summary)})
		}
		out = append(out, sec)
	}
	return out
}

// headline is the one-line summary above a rendered plan.
func headline(p *planner.Plan, tr *locale.Printer) string {
	course := p.CourseSessions()
	maint := len(p.Sessions) - course
	h := planner.OneLine(p.Treatment.Name) + ": " + tr.Sprintf(locale.Sessions, course)
	if maint > 0 {
		h += tr.Sprintf(locale.PlusMaintenance, maint)
	}
	first, last := p.Sessions[0].Start, p.Sessions[len(p.Sessions)-1].Start
	if len(p.Sessions) == 1 {
		h += tr.Sprintf(locale.OnDate, first.Format(layoutDate))
	} else {
		h += tr.Sprintf(locale.DateToDate, first.Format(layoutDate), last.Format(layoutDate))
	}
	return h + tr.Sprintf(locale.MinutesEach, p.Treatment.SessionMinutes, p.Zone.String())
}

// maintenanceLine describes what follows the course, or "" for nothing.
func maintenanceLine(p *planner.Plan, tr *locale.Printer) string {
	return planner.OneLine(maintenanceText(p, tr))
}

func maintenanceText(p *planner.Plan, tr *locale.Printer) string {
	m := p.Maintenance
	if m == nil {
		return ""
	}
	switch m.Kind {
	case planner.MaintenanceSessions:
		return tr.Sprintf(locale.MaintenancePlanned, m.Sessions) + " " + m.Text
	case planner.MaintenanceRecall:
		return tr.Sprintf(locale.RecallOn, m.Date.String(), tr.Span(m.After)) + " " + m.Text
	case planner.MaintenanceRepeat:
		return tr.Sprintf(locale.RepeatFrom, m.Date.String(), tr.Span(m.After)) + " " + m.Text
	}
	return m.Text
}

// costLine is the cost estimate for people: "6 sessions × 50-100 EUR:
// 300-600 EUR", or with one price "6 sessions × 80 EUR: 480 EUR".
func costLine(c *planner.Cost, tr *locale.Printer) string {
	amount := func(r planner.Range) string {
		if r.Min == r.Max {
			return tr.Sprintf(locale.Amount, r.Min, c.Currency)
		}
		return tr.Sprintf(locale.AmountRange, r.Min, r.Max, c.Currency)
	}
	return tr.Sprintf(locale.CostLine, tr.Sprintf(locale.Sessions, c.Sessions), amount(c.PerSession), amount(c.Total))
}

// clinicLine is the clinic and how to reach it, on one line, or "".
func clinicLine(c clinic, tr *locale.Printer) string {
	var parts []string
	for _, p := range []string{c.Name, c.Address, string(c.Phone), string(c.Email), string(c.URL)} {
		if p = planner.OneLine(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return tr.Sprintf(locale.ClinicLine, strings.Join(parts, ", "))
}
