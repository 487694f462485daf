package cmd

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

// sessionState is where a session stands today, in 'status --format
// json': its instants in RFC 3339 with the offset, in the plan's zone.
type sessionState struct {
	Number      int       `json:"number"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	Maintenance bool      `json:"maintenance,omitempty"`
	State       string    `json:"state"` // held, overdue, next, planned
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
			if err := checkDataFormat(opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return statusRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: table, json or tsv")
	return cmd
}

func statusRun(opts *statusOptions) error {
	doc, err := loadSaved(opts.File)
	if err != nil {
		return err
	}
	now := opts.app.Now()
	p := doc.Plan
	loc := p.Zone.Location()
	states := []sessionState{}
	counts := map[planner.SessionState]int{}
	d := dataOutput{Header: []string{"#", "When", "Status"}}
	for i, st := range p.Status(now) {
		s := p.Sessions[i]
		counts[st]++
		states = append(states, sessionState{Number: s.Number, Start: s.Start.In(loc), End: s.End.In(loc), Maintenance: s.Maintenance, State: string(st)})
		d.Rows = append(d.Rows, []string{strconv.Itoa(s.Number), s.Start.In(loc).Format(layoutDateTime), string(st)})
	}
	d.Before = fmt.Sprintf("%s: %d of %d held, %d overdue, %d to come (as of %s)", p.Treatment.Name,
		counts[planner.StateHeld], len(states), counts[planner.StateOverdue], counts[planner.StateNext]+counts[planner.StatePlanned], now.In(loc).Format(layoutDateTime))
	d.JSON = struct {
		SchemaVersion int            `json:"schema_version"`
		Treatment     string         `json:"treatment"`
		Timezone      string         `json:"timezone"`
		Now           time.Time      `json:"now"`
		Today         planner.Date   `json:"today"`
		Sessions      []sessionState `json:"sessions"`
	}{jsonSchemaVersion, p.Treatment.ID, p.Zone.String(), now.In(loc).Truncate(time.Second), planner.DateOf(now.In(loc)), states}
	return writeData(opts.app.Out, opts.Format, opts.app.width(), d)
}
