package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/holidays"
	"github.com/mesoplan/mesoplan/planner"
)

// holidaysOptions is everything 'mesoplan holidays' needs.
type holidaysOptions struct {
	app     *App
	Region  string // a region code, or list
	Year    int
	YearSet bool // --year was given; else this year
	Format  string
}

func newHolidaysCmd(env *runEnv, runF func(*holidaysOptions) error) *cobra.Command {
	opts := &holidaysOptions{}
	cmd := &cobra.Command{
		Use:   "holidays REGION [--year YYYY]",
		Short: "List the public holidays of a country or region",
		Long: `List the public holidays of a country (IT, GB, US, DE, FR, ES, ...) or a
region (DE-BY, CH-ZH, AU-NSW, ...) in a year: the days a clinic using
--holidays REGION is closed. 'mesoplan holidays list' shows every region.`,
		Example: `  mesoplan holidays IT --year 2027
  mesoplan holidays de-by
  mesoplan holidays list`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.app, opts.Region, opts.YearSet = env.app, args[0], cmd.Flags().Changed("year")
			if err := checkDataFormat(opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return holidaysRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Year, "year", 0, "the `year` (default: this year)")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: table, json or tsv")
	return cmd
}

func holidaysRun(opts *holidaysOptions) error {
	w := opts.app.Out
	if opts.Region == "list" {
		regions := holidays.Regions()
		if strings.EqualFold(opts.Format, "json") {
			return writeData(w, "json", 0, dataOutput{JSON: struct {
				SchemaVersion int      `json:"schema_version"`
				Regions       []string `json:"regions"`
			}{jsonSchemaVersion, regions}})
		}
		for _, r := range regions {
			if _, err := w.Write([]byte(r + "\n")); err != nil {
				return err
			}
		}
		return nil
	}
	region, err := holidays.Lookup(opts.Region)
	if err != nil {
		return err
	}
	year := opts.Year
	if !opts.YearSet {
		year = opts.app.Now().Year()
	}
	if year < 1900 || year > 9000 {
		return usageErrorf("--year %d: want a year from 1900 to 9000", year)
	}
	type holidayJSON struct {
		Date planner.Date `json:"date"`
		Name string       `json:"name"`
	}
	d := dataOutput{Header: []string{"Date", "Day", "Holiday"}}
	list := []holidayJSON{}
	for _, h := range holidays.InYear(region, year) {
		d.Rows = append(d.Rows, []string{h.Date.String(), h.Date.Weekday().String()[:3], h.Name})
		list = append(list, holidayJSON{h.Date, h.Name})
	}
	d.JSON = struct {
		SchemaVersion int           `json:"schema_version"`
		Region        string        `json:"region"`
		Year          int           `json:"year"`
		Holidays      []holidayJSON `json:"holidays"`
	}{jsonSchemaVersion, strings.ToUpper(opts.Region), year, list}
	return writeData(w, opts.Format, opts.app.width(), d)
}
