package cmd

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

// treatmentsOptions is everything 'mesoplan treatments' and 'treatments
// show' need; ID is the treatment to show.
type treatmentsOptions struct {
	app     *App
	catalog func() (*loadedCatalog, error)
	Show    bool   // 'treatments show ID' rather than the list
	ID      string // the treatment to show
	Format  string
}

func newTreatmentsCmd(env *runEnv, runF func(*treatmentsOptions) error) *cobra.Command {
	run := func(opts *treatmentsOptions) error {
		if runF != nil {
			return runF(opts)
		}
		return treatmentsRun(opts)
	}
	var format, showFormat string
	cmd := &cobra.Command{
		Use:   "treatments",
		Short: "List the treatments in the catalog",
		Long: `List every treatment in the catalog (built-in, plus any --catalog files):
id, name, areas, course length and the interval of each phase.
'mesoplan treatments show ID' prints one treatment in full.`,
		Example: `  mesoplan treatments
  mesoplan treatments show mesolifting
  mesoplan treatments --catalog my-protocols.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkDataFormat(format); err != nil {
				return err
			}
			return run(&treatmentsOptions{app: env.app, catalog: env.loadCatalog, Format: format})
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output `format`: table, json or tsv")
	show := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one treatment: phases, rules, contraindications, sources",
		Example: "  mesoplan treatments show cellulite\n  mesoplan treatments show fat   # aliases work too\n  mesoplan treatments show hair --format json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f := strings.ToLower(showFormat); f != "text" && f != "json" {
				return formatError(showFormat, []string{"text", "json"})
			}
			return run(&treatmentsOptions{app: env.app, catalog: env.loadCatalog, Show: true, ID: args[0], Format: showFormat})
		},
	}
	show.Flags().StringVarP(&showFormat, "format", "f", "text", "output `format`: text or json")
	cmd.AddCommand(show)
	return cmd
}

// treatmentsRun lists the treatments, or shows the one named by ID.
func treatmentsRun(opts *treatmentsOptions) error {
	cat, err := opts.catalog()
	if err != nil {
		return err
	}
	if !opts.Show {
		return renderTreatments(opts.app.Out, cat.Catalog, opts.Format, opts.app.width())
	}
	t, err := cat.Treatment(opts.ID)
	if err != nil {
		return err
	}
	if strings.EqualFold(opts.Format, "json") {
		return writeData(opts.app.Out, "json", 0, dataOutput{JSON: struct {
			SchemaVersion int           `json:"schema_version"`
			Treatment     treatmentJSON `json:"treatment"`
		}{jsonSchemaVersion, treatmentOf(cat.Catalog, t)}})
	}
	return renderTreatment(opts.app.Out, cat.Catalog, t, opts.app.width())
}

// treatmentJSON is a treatment in 'treatments --format json' and, with
// its rules and contraindications, in 'treatments show --format json'.
type treatmentJSON struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Aliases         []string         `json:"aliases"`
	Areas           []string         `json:"areas"`
	Technique       string           `json:"technique"`
	SessionMinutes  int              `json:"session_minutes"`
	DefaultSessions int              `json:"default_sessions"`
	Sessions        planner.Range    `json:"sessions"`
	Phases          []phaseJSON      `json:"phases"`
	Maintenance     *maintenanceJSON `json:"maintenance,omitempty"`
	Price           *planner.Price   `json:"price_per_session,omitempty"`
	Rules           []ruleJSON       `json:"rules,omitempty"`
	Conditions      []string         `json:"conditions,omitempty"`
	Sources         []string         `json:"sources,omitempty"`
}

type phaseJSON struct {
	Name     string           `json:"name"`
	Sessions int              `json:"sessions"`
	Interval planner.Interval `json:"interval_days"`
}

type maintenanceJSON struct {
	Kind     planner.MaintenanceKind `json:"kind"`
	Sessions int                     `json:"sessions,omitempty"`
	Interval *planner.Interval       `json:"interval_days,omitempty"`
	After    string                  `json:"after,omitempty"`
	Text     string                  `json:"text,omitempty"`
}

type ruleJSON struct {
	ID      string           `json:"id"`
	Kind    planner.RuleKind `json:"kind"`
	Window  string           `json:"window"`
	Summary string           `json:"summary"`
}

// treatmentOf is t as JSON; with cat, its rules and contraindications too.
func treatmentOf(cat *planner.Catalog, t *planner.Treatment) treatmentJSON {
	j := treatmentJSON{ID: t.ID, Name: planner.OneLine(t.Name), Aliases: orEmpty(t.Aliases), Areas: orEmpty(t.Areas), Technique: t.Technique,
		SessionMinutes: t.SessionMinutes, DefaultSessions: t.DefaultSessions(), Sessions: t.Sessions, Price: t.SessionPrice(), Sources: t.Sources}
	for _, p := range t.Phases {
		j.Phases = append(j.Phases, phaseJSON{Name: p.Name, Sessions: p.Sessions, Interval: p.Interval})
	}
	if m := t.Maintenance; m != nil {
		mj := &maintenanceJSON{Kind: m.Kind, Sessions: m.Sessions, Text: planner.OneLine(m.Text)}
		if m.Kind == planner.MaintenanceSessions {
			iv := m.Interval
			mj.Interval = &iv
		}
		if !m.After.IsZero() {
			mj.After = m.After.String()
		}
		j.Maintenance = mj
	}
	if cat != nil {
		for _, r := range cat.RulesFor(t) {
			j.Rules = append(j.Rules, ruleJSON{ID: r.ID, Kind: r.Kind, Window: r.Window.String(), Summary: planner.OneLine(r.Summary)})
		}
		for _, c := range cat.ContraindicationsFor(t) {
			j.Conditions = append(j.Conditions, c.ID)
		}
	}
	return j
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func renderTreatments(w io.Writer, cat *planner.Catalog, format string, width int) error {
	d := dataOutput{Header: []string{"ID", "Name", "Areas", "Sessions", "Intervals (days)"}}
	list := []treatmentJSON{}
	for _, tr := range cat.Treatments {
		sessions := fmt.Sprintf("%d (%d-%d)", tr.DefaultSessions(), tr.Sessions.Min, tr.Sessions.Max)
		d.Rows = append(d.Rows, []string{tr.ID, planner.OneLine(tr.Name), strings.Join(tr.Areas, ", "), sessions, strings.ReplaceAll(phaseSummary(tr.Phases), "; ", "\n")})
		list = append(list, treatmentOf(nil, &tr))
	}
	d.JSON = struct {
		SchemaVersion int             `json:"schema_version"`
		Treatments    []treatmentJSON `json:"treatments"`
	}{jsonSchemaVersion, list}
	return writeData(w, format, width, d)
}

// phaseSummary writes "induction 4 x 7 (7-10); consolidation 2 x 15 (15-30)".
func phaseSummary(phases []planner.Phase) string {
	parts := make([]string, len(phases))
	for i, p := range phases {
		parts[i] = fmt.Sprintf("%s %d x %s", p.Name, p.Sessions, intervalText(p.Interval))
	}
	return strings.Join(parts, "; ")
}

func intervalText(iv planner.Interval) string {
	if iv.Min == iv.Max {
		return strconv.Itoa(iv.Target)
	}
	return fmt.Sprintf("%d (%d-%d)", iv.Target, iv.Min, iv.Max)
}

func renderTreatment(w io.Writer, cat *planner.Catalog, t *planner.Treatment, width int) error {
	fmt.Fprintln(w, wrapText(t.ID+": "+planner.OneLine(t.Name), width, "  "))
	if t.Description != "" {
		fmt.Fprintln(w, wrapText(t.Description, width, ""))
	}
	fmt.Fprintln(w)
	field := func(label, value string) {
		fmt.Fprintf(w, "%-12s%s\n", label, wrapText(value, width-12, strings.Repeat(" ", 12)))
	}
	field("Aliases:", orNone(strings.Join(t.Aliases, ", ")))
	field("Areas:", strings.Join(t.Areas, ", "))
	field("Technique:", t.Technique)
	field("Session:", fmt.Sprintf("%d min", t.SessionMinutes))
	field("Course:", fmt.Sprintf("%s by default, %d to %d allowed (--sessions)", sessionCount(t.DefaultSessions()), t.Sessions.Min, t.Sessions.Max))
	if p := t.SessionPrice(); p != nil {
		field("Price:", fmt.Sprintf("%d-%d %s a session", p.Min, p.Max, p.Currency))
	}
	if m := t.Maintenance; m != nil {
		switch m.Kind {
		case planner.MaintenanceSessions:
			field("Afterwards:", fmt.Sprintf("%d maintenance sessions, every %s days. %s", m.Sessions, intervalText(m.Interval), planner.OneLine(m.Text)))
		default:
			field("Afterwards:", fmt.Sprintf("%s after %s. %s", m.Kind, m.After.Words(), planner.OneLine(m.Text)))
		}
	}

	fmt.Fprintln(w, "\nPhases")
	var rows [][]string
	for _, p := range t.Phases {
		rows = append(rows, []string{p.Name, strconv.Itoa(p.Sessions), strconv.Itoa(p.Interval.Min), strconv.Itoa(p.Interval.Target), strconv.Itoa(p.Interval.Max)})
	}
	if err := writeTable(w, width, []string{"Phase", "Sessions", "Min days", "Target days", "Max days"}, rows); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nRules")
	rows = nil
	for _, r := range cat.RulesFor(t) {
		rows = append(rows, []string{r.ID, string(r.Kind), r.Window.Words(), planner.OneLine(r.Summary), sourceList(r.Sources)})
	}
	if err := writeTable(w, width, []string{"Rule", "Kind", "Window", "What to avoid", "Sources"}, rows); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nContraindications")
	rows = nil
	for _, c := range cat.ContraindicationsFor(t) {
		rows = append(rows, []string{c.ID, string(c.Severity), planner.OneLine(c.Name), sourceList(c.Sources)})
	}
	if err := writeTable(w, width, []string{"Condition", "Severity", "Name", "Sources"}, rows); err != nil {
		return err
	}

	// Every source cited above: the treatment's, its rules' and its
	// contraindications'.
	cited := slices.Clone(t.Sources)
	for _, r := range cat.RulesFor(t) {
		cited = append(cited, r.Sources...)
	}
	for _, c := range cat.ContraindicationsFor(t) {
		cited = append(cited, c.Sources...)
	}
	slices.Sort(cited)
	cited = slices.Compact(cited)
	fmt.Fprintln(w, "\nSources")
	for _, id := range cited {
		fmt.Fprintf(w, "  %s  %s\n", id, wrapText(cat.Sources[id], width-7, "       "))
	}
	if len(cited) == 0 {
		fmt.Fprintln(w, "  none: practitioner defaults")
	}
	fmt.Fprintf(w, "\n%s\n", wrapText(planner.Notice, width, ""))
	return nil
}

func sourceList(ids []string) string {
	if len(ids) == 0 {
		return "default"
	}
	return strings.Join(ids, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// sessionCount writes "1 session", "6 sessions".
func sessionCount(n int) string {
	if n == 1 {
		return "1 session"
	}
	return fmt.Sprintf("%d sessions", n)
}
