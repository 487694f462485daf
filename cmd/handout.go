package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/handout"
	"github.com/mesoplan/mesoplan/planner"
)

// handoutOptions is everything 'mesoplan handout' needs.
type handoutOptions struct {
	planOptions
	Patient string
	Paper   handout.Paper
}

const handoutLong = `Write a planned course as a printable handout for the patient: one HTML
page that holds everything it shows, with no script and nothing loaded from
elsewhere, so it opens and prints the same in any browser, offline too.
It takes every flag of 'mesoplan plan' (or --from a saved plan) and holds:

  - the treatment and the patient's name (--patient), and the clinic's
    name, address, phone, e-mail and web address from the settings;
  - the course at a glance: every session's date and time, maintenance
    sessions marked, what follows the course, and the cost at the clinic's
    price when --price gives it (the catalog's range, from public
    articles, is not the clinic's and is left out);
  - a calendar for each month of the course, each day marked as a session
    day (a bold box and the time), a preparation day (P and diagonal lines)
    or an aftercare day (A and dots), readable in black and
    white;
  - for each session, a checklist of what to do before it, each item with
    the exact time it starts, and after it, each with the exact time it
    ends, worded as in the patient's calendar from 'mesoplan export';
  - the notice below, once, at the end.

To print it, open the file in a browser and choose Print (Ctrl+P, or
Cmd+P on a Mac). The page is laid out for the paper --paper names (a4,
the default, or letter), and fits the other too: choose the same paper in
the print dialog, with margins left at their default and headers and
footers turned off. Each month and each session's checklist stays on one
page.

` + planner.Notice

func newHandoutCmd(env *runEnv, runF func(*handoutOptions) error) *cobra.Command {
	opts := &handoutOptions{}
	var raw planFlags
	var paper string
	cmd := &cobra.Command{
		Use:   "handout TREATMENT --start YYYY-MM-DD",
		Short: "Write a printable HTML course plan for the patient",
		Long:  handoutLong,
		Example: `  mesoplan handout mesolifting --start 2027-03-16 --tz Europe/Rome --patient "Anna Rossi" -o anna.html
  mesoplan handout cellulite --start 2027-03-16 --paper letter > course.html
  mesoplan handout --from anna.json -o anna.html`,
		Args:              planArgs,
		ValidArgsFunction: completeTreatments,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(cmd, args, env, raw); err != nil {
				return err
			}
			p, err := parsePaper(paper)
			if err != nil {
				return err
			}
			opts.Paper = p
			if err := checkExtension("handout", "", opts.Output); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return handoutRun(opts)
		},
	}
	addPlanFlags(cmd.Flags(), &opts.planOptions, &raw)
	f := cmd.Flags()
	f.StringVar(&opts.Patient, "patient", "", "the patient's `name`, under the heading (default with --from: the saved one)")
	f.StringVar(&paper, "paper", string(handout.A4), "the `paper` to print on: a4 or letter")
	return cmd
}

// parsePaper reads --paper: a4 or letter, in any case.
func parsePaper(s string) (handout.Paper, error) {
	names := make([]string, len(handout.Papers))
	for i, p := range handout.Papers {
		names[i] = string(p)
		if strings.EqualFold(strings.TrimSpace(s), names[i]) {
			return p, nil
		}
	}
	e := usageErrorf("--paper %q: want %s", s, strings.Join(names, " or "))
	if sug := planner.Suggest(strings.ToLower(strings.TrimSpace(s)), names); sug != "" {
		e.hint = fmt.Sprintf("did you mean %q?", sug)
	}
	return "", e
}

func handoutRun(opts *handoutOptions) error {
	unlock, err := opts.guardOutputs()
	if err != nil {
		return err
	}
	defer unlock()
	c, err := opts.loadCourse(opts.Patient)
	if err != nil {
		return err
	}
	c.printNotes(opts.app.Err)
	patient := opts.Patient
	if patient == "" && c.Saved != nil {
		patient = c.Saved.Inputs.Patient
	}
	words, err := opts.patientWords(c)
	if err != nil {
		return err
	}
	cl, err := clinicFor(opts.Settings, c, opts.From)
	if err != nil {
		return err
	}
	plan := c.Plan
	if c.Inputs.Price == 0 && plan.Cost != nil {
		// The catalog's range comes from public articles, not from this
		// clinic: a patient would read it as a quote.
		bare := *plan
		bare.Cost = nil
		plan = &bare
	}
	data, err := handout.Render(plan, handout.Options{
		Words:   words,
		Patient: patient,
		Clinic:  handout.Clinic{Name: cl.Name, Address: cl.Address, Phone: string(cl.Phone), Email: string(cl.Email), URL: string(cl.URL)},
		Paper:   opts.Paper,
		Now:     opts.app.Now(),
	})
	if err != nil {
		return err
	}
	if opts.Save != "" {
		if err := saveCourse(opts.app, opts.Save, c, exportRecord{Patient: opts.Patient, Clinic: cl}); err != nil {
			return err
		}
	}
	if err := writeOutput(opts.app, opts.Output, data); err != nil {
		return err
	}
	confirm(opts.app, opts.Save, "the plan")
	confirm(opts.app, opts.Output, fmt.Sprintf("a handout of %s, %s paper", countOf(len(c.Plan.Sessions), "session"), strings.ToUpper(string(opts.Paper[:1]))+string(opts.Paper[1:])))
	return nil
}
