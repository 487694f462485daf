package cmd

import (
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

// conditionsOptions is everything 'mesoplan conditions' needs.
type conditionsOptions struct {
	app     *App
	catalog func() (*loadedCatalog, error)
}

func newConditionsCmd(env *runEnv, runF func(*conditionsOptions) error) *cobra.Command {
	return &cobra.Command{
		Use:   "conditions",
		Short: "List the contraindications screened with --condition",
		Long: `List the contraindications in the catalog with their ids, for
'mesoplan plan --condition ID'. An absolute contraindication refuses the
plan (exit status 3); a relative one adds a warning, or refuses the plan
with --strict.`,
		Example: "  mesoplan conditions\n  mesoplan plan mesolifting --start 2027-03-16 --condition rosacea",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := &conditionsOptions{app: env.app, catalog: env.loadCatalog}
			if runF != nil {
				return runF(opts)
			}
			return conditionsRun(opts)
		},
	}
}

func conditionsRun(opts *conditionsOptions) error {
	cat, err := opts.catalog()
	if err != nil {
		return err
	}
	t := tablewriter.NewTable(opts.app.Out, tableOptions()...)
	t.Header("ID", "Severity", "Name", "Only for", "Advice")
	for _, c := range cat.Contraindications {
		var only []string
		only = append(only, c.AppliesTo.Treatments...)
		only = append(only, c.AppliesTo.Techniques...)
		only = append(only, c.AppliesTo.Areas...)
		if err := t.Append(c.ID, string(c.Severity), planner.OneLine(c.Name), orDash(strings.Join(only, ", ")), orDash(planner.OneLine(c.Advice))); err != nil {
			return err
		}
	}
	return t.Render()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
