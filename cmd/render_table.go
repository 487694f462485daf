package cmd

import (
	"fmt"
	"io"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// renderTable writes a plan as text tables for people.
func renderTable(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, width int) error {
	writeHeadline(w, p, c, tr, width)
	for _, sec := range planSections(p, tr) {
		fmt.Fprintf(w, "\n%s\n", sec.Title)
		if len(sec.Rows) == 0 {
			fmt.Fprintln(w, "  "+tr.Sprintf(locale.None))
			continue
		}
		if err := writeTable(w, width, sec.Header, sec.Rows); err != nil {
			return err
		}
	}
	if line := maintenanceLine(p, tr); line != "" {
		fmt.Fprintf(w, "\n%s\n  %s\n", tr.Sprintf(locale.MaintenanceHeading), wrapText(line, width-2, "  "))
	}
	if c := p.Cost; c != nil {
		fmt.Fprintf(w, "\n%s\n  %s\n", tr.Sprintf(locale.CostHeading), wrapText(costLine(c, tr), width-2, "  "))
	}
	writeFindings(w, p, tr, width)
	fmt.Fprintf(w, "\n%s\n", wrapText(p.Notice, width, ""))
	return nil
}

// renderSessions writes the short view of a plan: its headline and its
// sessions, with the findings and the notice; the windows are left to
// --detail, the calendar and the handout.
func renderSessions(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, width int) error {
	fmt.Fprintln(w, wrapText(headline(p, tr), width, "  "))
	sessions := planSections(p, tr)[0]
	fmt.Fprintf(w, "\n%s\n", sessions.Title)
	if err := writeTable(w, width, sessions.Header, sessions.Rows); err != nil {
		return err
	}
	writeFindings(w, p, tr, width)
	fmt.Fprintf(w, "\n%s\n", wrapText(p.Notice, width, ""))
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// writeFindings writes a plan's findings under their heading, safety
// warnings ("!") before notes ("-"), or nothing when it has none.
func writeFindings(w io.Writer, p *planner.Plan, tr *locale.Printer, width int) {
	if len(p.Warnings) == 0 {
		return
	}
	fmt.Fprintln(w, "\n"+tr.Sprintf(locale.WarningsHeading))
	for _, f := range rankedWarnings(p) {
		mark := "-" // a note
		if f.Safety() {
			mark = "!"
		}
		fmt.Fprintf(w, "  %s %s\n", mark, wrapText(f.Message, width-4, "    "))
	}
}

// writeHeadline writes the lines above a plan for people: what the course
// is, and the clinic.
func writeHeadline(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, width int) {
	fmt.Fprintln(w, wrapText(headline(p, tr), width, "  "))
	if line := clinicLine(c, tr); line != "" {
		fmt.Fprintln(w, wrapText(line, width, "  "))
	}
}
