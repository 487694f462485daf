package cmd

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

// sessionState is where a session stands today.
type sessionState struct {
	Number int    `json:"number"`
	Start  string `json:"start"`
	State  string `json:"state"` // held, overdue, next, planned
}

// statusOptions is everything 'mesoplan status' needs.
type statusOptions struct {
	app    *App
	File   string
	Format string
}

func newStatusCmd(env *runEnv, runF func(*statusOptions) error) *cobra.Command {
	opts := &statusOptions{}
	cmd := &cobra.Command{
		Use:   "status PLAN.json",
		Short: "Show which sessions of a saved plan are held, overdue or next",
		Long: `Show a saved plan as of today (SOURCE_DATE_EPOCH when set): each session
is held (recorded with 'mesoplan reschedule --done'), overdue (its time has
passed and it is not recorded as held), next, or planned.`,
		Example: `  mesoplan status anna.json
  mesoplan status anna.json --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.app, opts.File = env.app, args[0]
			if runF != nil {
				return runF(opts)
			}
			return statusRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: table or json")
	return cmd
}

func statusRun(opts *statusOptions) error {
	doc, err := loadSaved(opts.File)
	if err != nil {
		return err
	}
	now := opts.app.Now()
	var states []sessionState
	counts := map[planner.SessionState]int{}
	for i, st := range doc.Plan.Status(now) {
		s := doc.Plan.Sessions[i]
		counts[st]++
		states = append(states, sessionState{Number: s.Number, Start: s.Start.Format(layoutDateTime), State: string(st)})
	}
	w := opts.app.Out
	switch strings.ToLower(opts.Format) {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"today": now.In(doc.Plan.Sessions[0].Start.Location()).Format("2006-01-02"), "sessions": states})
	case "table":
	default:
		return usageErrorf("unknown format %q (accepted: table, json)", opts.Format)
	}
	fmt.Fprintf(w, "%s: %d of %d held, %d overdue, %d to come (as of %s)\n", doc.Plan.Treatment.Name,
		counts[planner.StateHeld], len(states), counts[planner.StateOverdue], counts[planner.StateNext]+counts[planner.StatePlanned], now.In(doc.Plan.Sessions[0].Start.Location()).Format("Mon 2006-01-02 15:04"))
	t := tablewriter.NewTable(w, tableOptions()...)
	t.Header("#", "When", "Status")
	for _, s := range states {
		if err := t.Append(strconv.Itoa(s.Number), s.Start, s.State); err != nil {
			return err
		}
	}
	return t.Render()
}
