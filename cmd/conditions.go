package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

// conditionsOptions is everything 'mesoplan conditions' needs.
type conditionsOptions struct {
	app     *App
	catalog func() (*loadedCatalog, error)
	Format  string
}

func newConditionsCmd(env *runEnv, runF func(*conditionsOptions) error) *cobra.Command {
	opts := &conditionsOptions{}
	cmd := &cobra.Command{
		Use:   "conditions",
		Short: "List the contraindications screened with --condition",
		Long: `List the contraindications in the catalog with their ids, for
'mesoplan plan --condition ID'. An absolute contraindication refuses the
plan (exit status 3); a relative one adds a warning, or refuses the plan
with --strict.`,
		Example: "  mesoplan conditions\n  mesoplan conditions --format json\n  mesoplan plan mesolifting --start 2027-03-16 --condition rosacea",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.app, opts.catalog = env.app, env.loadCatalog
			if err := checkDataFormat(opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return conditionsRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: table, json or tsv")
	return cmd
}

// conditionJSON is one condition in 'conditions --format json'.
type conditionJSON struct {
	ID        string            `json:"id"`
	Severity  planner.Severity  `json:"severity"`
	Name      string            `json:"name"`
	Text      string            `json:"text,omitempty"`
	Advice    string            `json:"advice,omitempty"`
	AppliesTo planner.AppliesTo `json:"applies_to,omitzero"`
	Sources   []string          `json:"sources,omitempty"`
}

func conditionsRun(opts *conditionsOptions) error {
	cat, err := opts.catalog()
	if err != nil {
		return err
	}
	d := dataOutput{Header: []string{"ID", "Severity", "Name", "Only for", "Advice"}}
	list := []conditionJSON{}
	for _, c := range cat.Contraindications {
		var only []string
		only = append(only, c.AppliesTo.Treatments...)
		only = append(only, c.AppliesTo.Techniques...)
		only = append(only, c.AppliesTo.Areas...)
		d.Rows = append(d.Rows, []string{c.ID, string(c.Severity), planner.OneLine(c.Name), orDash(strings.Join(only, ", ")), orDash(planner.OneLine(c.Advice))})
		list = append(list, conditionJSON{ID: c.ID, Severity: c.Severity, Name: planner.OneLine(c.Name), Text: planner.OneLine(c.Text),
			Advice: planner.OneLine(c.Advice), AppliesTo: c.AppliesTo, Sources: c.Sources})
	}
	d.JSON = struct {
		SchemaVersion int             `json:"schema_version"`
		Conditions    []conditionJSON `json:"conditions"`
	}{jsonSchemaVersion, list}
	return writeData(opts.app.Out, opts.Format, opts.app.width(), d)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
