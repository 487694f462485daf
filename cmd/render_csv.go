package cmd

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// csvHeader is the CSV format's header row; docs/plan-json.md describes
// the columns.
var csvHeader = []string{"type", "number", "phase", "kind", "rule", "start", "end", "days_since_previous", "sessions", "text", "moved_from", "moved_reason", "held", "booked"}

// renderCSV writes one record per session, window, maintenance line,
// warning and the notice, told apart by the type column. Times are RFC 3339
// with their offset.
func renderCSV(w io.Writer, p *planner.Plan, _ clinic, _ *locale.Printer, _ int) error {
	cw := csv.NewWriter(w)
	rows := [][]string{csvHeader}
	for _, s := range p.Sessions {
		typ := "session"
		if s.Maintenance {
			typ = "maintenance-session"
		}
		from, reason := "", ""
		if s.Moved != nil {
			from, reason = s.Moved.From.String(), planner.OneLine(s.Moved.Reason)
		}
		rows = append(rows, []string{typ, strconv.Itoa(s.Number), s.Phase, "", "", rfc3339(s.Start), rfc3339(s.End), strconv.Itoa(s.DaysSincePrevious), "", "", from, reason,
			strconv.FormatBool(s.Held), strconv.FormatBool(s.Booked)})
	}
	for _, win := range p.Windows {
		rows = append(rows, []string{"window", "", "", string(win.Kind), win.Rule, rfc3339(win.Start), rfc3339(win.End), "", joinInts(win.Sessions), planner.OneLine(win.Summary), "", "", "", ""})
	}
	if m := p.Maintenance; m != nil {
		rows = append(rows, []string{"maintenance", "", "", string(m.Kind), "", dateText(m.Date), "", "", "", planner.OneLine(m.Text), "", "", "", ""})
	}
	if c := p.Cost; c != nil {
		rows = append(rows, []string{"cost", "", "", "", "", "", "", "", strconv.Itoa(c.Sessions), c.String(), "", "", "", ""})
	}
	for _, f := range p.Warnings {
		rows = append(rows, []string{"warning", "", "", f.Code, f.Subject, "", "", "", "", planner.OneLine(f.Message), "", "", "", ""})
	}
	rows = append(rows, []string{"notice", "", "", "", "", "", "", "", "", planner.OneLine(p.Notice), "", "", "", ""})
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func rfc3339(t time.Time) string { return t.Format(time.RFC3339) }

// joinInts writes session numbers separated by spaces, easy to split.
func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, " ")
}

// dateText writes a date, or "" for none.
func dateText(d planner.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
