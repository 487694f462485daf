package cmd

import (
	"fmt"
	"io"

	"github.com/olekukonko/tablewriter"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// renderTable writes a plan as text tables for people.
func renderTable(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer) error {
	fmt.Fprintln(w, headline(p, tr))
	if line := clinicLine(c, tr); line != "" {
		fmt.Fprintln(w, planner.OneLine(line))
	}
	for _, sec := range planSections(p, tr) {
		fmt.Fprintf(w, "\n%s\n", sec.Title)
		if len(sec.Rows) == 0 {
			fmt.Fprintln(w, "  "+tr.Sprintf(locale.None))
			continue
		}
		t := tablewriter.NewTable(w, tableOptions()...)
		t.Header(toAny(sec.Header)...)
		for _, r := range sec.Rows {
			if err := t.Append(toAny(r)...); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if line := maintenanceLine(p, tr); line != "" {
		fmt.Fprintf(w, "\n%s\n  %s\n", tr.Sprintf(locale.MaintenanceHeading), line)
	}
	if c := p.Cost; c != nil {
		fmt.Fprintf(w, "\n%s\n  %s\n", tr.Sprintf(locale.CostHeading), costLine(c, tr))
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintln(w, "\n"+tr.Sprintf(locale.WarningsHeading))
		for _, f := range p.Warnings {
			fmt.Fprintf(w, "  ! %s\n", planner.OneLine(f.Message))
		}
	}
	fmt.Fprintf(w, "\n%s\n", p.Notice)
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
