package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// renderMarkdown writes a plan as GitHub-flavoured Markdown: the same
// sections as the table format.
func renderMarkdown(w io.Writer, p *planner.Plan, c clinic, tr *locale.Printer, _ int) error {
	fmt.Fprintf(w, "# %s\n\n%s\n", mdEscape(p.Treatment.Name), mdEscape(headline(p, tr)))
	if line := clinicLine(c, tr); line != "" {
		fmt.Fprintf(w, "\n%s\n", mdEscape(planner.OneLine(line)))
	}
	for _, sec := range planSections(p, tr) {
		fmt.Fprintf(w, "\n## %s\n\n", sec.Title)
		if len(sec.Rows) == 0 {
			fmt.Fprintln(w, tr.Sprintf(locale.None)+".")
			continue
		}
		t := tablewriter.NewTable(w, append(tableOptions(0), tablewriter.WithRenderer(renderer.NewMarkdown()))...)
		t.Header(toAny(sec.Header)...)
		for _, r := range sec.Rows {
			cells := make([]string, len(r))
			for i, cell := range r {
				// Several lines in a cell become <br>, which GitHub renders.
				lines := strings.Split(cell, "\n")
				for j, l := range lines {
					lines[j] = mdEscape(l)
				}
				cells[i] = strings.Join(lines, "<br>")
			}
			if err := t.Append(toAny(cells)...); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if line := maintenanceLine(p, tr); line != "" {
		fmt.Fprintf(w, "\n## %s\n\n%s\n", tr.Sprintf(locale.MaintenanceHeading), mdEscape(line))
	}
	if c := p.Cost; c != nil {
		fmt.Fprintf(w, "\n## %s\n\n%s\n", tr.Sprintf(locale.CostHeading), mdEscape(costLine(c, tr)))
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintf(w, "\n## %s\n\n", tr.Sprintf(locale.WarningsHeading))
		for _, f := range rankedWarnings(p) {
			fmt.Fprintf(w, "- %s\n", mdEscape(f.Message))
		}
	}
	fmt.Fprintf(w, "\n> %s\n", mdEscape(p.Notice))
	return nil
}

// mdEscape keeps text literal in Markdown: table pipes and the characters
// that would start emphasis, code, links or HTML.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `&lt;`, ">", `&gt;`)

func mdEscape(s string) string { return mdEscaper.Replace(planner.OneLine(s)) }
