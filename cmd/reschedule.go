package cmd

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/planner"
)

// rescheduleOptions is everything `mesoplan reschedule` needs.
type rescheduleOptions struct {
	File    string
	Session int
	To      string
	Time    string
	Force   bool
	Missed  int
	Drop    bool
	Done    int
	On      string
	InPlace bool
	Save    string
	Format  string
	Output  string

	app      *App
	catalog  func() (*loadedCatalog, error)
	Settings *Settings
}

const rescheduleLong = `Change a plan saved with --save and plan the rest of the course again
with the same rules, clinic calendar and patient constraints:

  --session N --to DATE [--time HH:MM]
      move session N to DATE (at HH:MM from then on); every later session
      is placed again from it. A date the clinic or patient rules out is
      refused unless --force.
  --missed N [--drop]
      session N did not take place: it is placed again from the next
      allowed date, and the sessions after it follow; the course keeps its
      length unless --drop, which leaves the missed session out.
  --done N [--on DATE]
      session N took place (on its date, or on DATE): it is never moved
      again, and later sessions follow from the date it was held. A course
      is never restarted, and an early or late session shifts the rest
      rather than squeezing them below the minimum interval.

It prints the new plan and what changed; --save FILE writes the new plan,
-i writes it back to the plan file.

` + planner.Notice

func newRescheduleCmd(env *runEnv, runF func(*rescheduleOptions) error) *cobra.Command {
	opts := &rescheduleOptions{}
	cmd := &cobra.Command{
		Use:   "reschedule PLAN.json (--session N --to DATE | --missed N | --done N)",
		Short: "Move, miss or record sessions of a saved plan and plan the rest again",
		Long:  rescheduleLong,
		Example: `  mesoplan reschedule anna.json --session 3 --to 2027-04-02 -i
  mesoplan reschedule anna.json --missed 4 --save anna-v2.json
  mesoplan reschedule anna.json --done 2 --on 2027-03-24 -i`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			actions := 0
			for _, f := range []string{"session", "missed", "done"} {
				if cmd.Flags().Changed(f) {
					actions++
				}
			}
			if actions != 1 {
				return usageErrorf("give exactly one of --session N --to DATE, --missed N or --done N")
			}
			if cmd.Flags().Changed("session") != cmd.Flags().Changed("to") {
				return usageErrorf("--session N and --to DATE go together")
			}
			if opts.InPlace && opts.Save != "" {
				return usageErrorf("-i and --save both say where to write: give one")
			}
			if !cmd.Flags().Changed("format") {
				opts.Format = formatForFile(opts.Output, opts.Format)
			}
			opts.app, opts.catalog, opts.Settings = env.app, env.loadCatalog, env.settings
			if runF != nil {
				return runF(opts)
			}
			return rescheduleRun(opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Session, "session", 0, "the session `N` to move (with --to)")
	f.StringVar(&opts.To, "to", "", "the new `DATE` of --session N, YYYY-MM-DD")
	f.StringVar(&opts.Time, "time", "", "the new session time `HH:MM`, from the moved session on")
	f.BoolVar(&opts.Force, "force", false, "book --to even on a date the clinic or patient rules out")
	f.IntVar(&opts.Missed, "missed", 0, "session `N` did not take place")
	f.BoolVar(&opts.Drop, "drop", false, "with --missed: leave the missed session out of the course")
	f.IntVar(&opts.Done, "done", 0, "session `N` took place")
	f.StringVar(&opts.On, "on", "", "with --done: the `DATE` it took place, if not its planned date")
	f.BoolVarP(&opts.InPlace, "in-place", "i", false, "write the new plan back to PLAN.json")
	f.StringVar(&opts.Save, "save", "", "write the new plan to this `file`")
	f.StringVarP(&opts.Format, "format", "f", "table", "output `format`: "+strings.Join(planFormats, ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the plan to `FILE` instead of standard output")
	return cmd
}

// change is one session whose date moved.
type change struct {
	Number   int
	Old, New string
}

func rescheduleRun(o *rescheduleOptions) error {
	render, err := planRenderer(o.Format)
	if err != nil {
		return err
	}
	doc, err := loadSaved(o.File)
	if err != nil {
		return err
	}
	old := doc.Plan
	in, err := o.inputs(doc)
	if err != nil {
		return err
	}
	req, err := in.request(o.app.Now())
	if err != nil {
		return err
	}
	if err := o.apply(&req, old); err != nil {
		return err
	}
	cat, err := o.catalog()
	if err != nil {
		return err
	}
	plan, err := planner.Make(cat.Catalog, req)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	changes := diffSessions(old, plan)
	if o.Format == "table" || o.Format == "markdown" {
		writeChanges(&buf, changes)
	} else {
		writeChanges(o.app.Err, changes)
	}
	if err := render(&buf, plan, o.Settings.Clinic); err != nil {
		return err
	}
	target := o.Save
	if o.InPlace {
		target = o.File
	}
	if target != "" {
		next := *doc
		next.Saved = o.app.Now().UTC().Format(time.RFC3339)
		next.Plan = plan
		next.Inputs.Sessions = plan.CourseSessions()
		if o.Time != "" {
			next.Inputs.Time = in.Time.String()
		}
		if err := writeSaved(o.app, target, &next); err != nil {
			return err
		}
	}
	return writeOutput(o.app, o.Output, buf.Bytes())
}

// inputs are the inputs that made the saved plan: the clinic's calendar
// comes from the plan file, not from today's settings; --time replaces
// the session time.
func (o *rescheduleOptions) inputs(doc *savedPlan) (courseInputs, error) {
	s := o.Settings
	in, err := inputsOf(doc.Inputs, o.File, clinicCalendar{OpenDays: s.OpenDays, Closed: s.Closed, Holidays: s.Holidays})
	if err != nil {
		return in, err
	}
	if o.Time != "" {
		if in.Time, err = planner.ParseClock(o.Time); err != nil {
			return in, usageErrorf("--time: %v", err)
		}
	}
	in.AllowPast = true
	return in, nil
}

// apply turns the reschedule action into kept sessions and a next date.
func (o *rescheduleOptions) apply(req *planner.Request, old *planner.Plan) error {
	n := len(old.Sessions)
	today := planner.DateOf(req.Today.In(req.Location))
	lastHeld := 0
	for _, s := range old.Sessions {
		if s.Held {
			lastHeld = s.Number
		}
	}
	keep := func(upto int) []planner.Kept {
		var k []planner.Kept
		for _, s := range old.Sessions[:upto] {
			k = append(k, planner.Kept{Start: s.Start, Held: s.Held})
		}
		return k
	}
	check := func(flag string, v int) error {
		if v < 1 || v > n {
			return usageErrorf("--%s %d: the plan has sessions 1 to %d", flag, v, n)
		}
		if v <= lastHeld && flag != "done" {
			return usageErrorf("--%s %d: session %d was held; a held session is never moved", flag, v, v).withHint("sessions after %d can be moved", lastHeld)
		}
		return nil
	}
	req.Sessions = old.CourseSessions()
	switch {
	case o.Session != 0:
		if err := check("session", o.Session); err != nil {
			return err
		}
		to, err := planner.ParseDate(o.To)
		if err != nil {
			return usageErrorf("--to: %v", err)
		}
		req.Keep = keep(o.Session - 1)
		req.Next = &planner.Next{Date: to, Force: o.Force}
		if !o.Force {
			req.NotBefore = today
		}
	case o.Missed != 0:
		if err := check("missed", o.Missed); err != nil {
			return err
		}
		req.Keep = keep(o.Missed - 1)
		missed := planner.DateOf(old.Sessions[o.Missed-1].Start)
		req.NotBefore = laterDate(today, missed.AddDays(1))
		if o.Drop {
			req.Sessions--
		}
	case o.Done != 0:
		if err := check("done", o.Done); err != nil {
			return err
		}
		held := old.Sessions[o.Done-1].Start
		if o.On == "" || o.On == planner.DateOf(held).String() {
			// Held as planned: nothing moves, earlier changes stay.
			req.Keep = keep(n)
			req.Keep[o.Done-1].Held = true
			return nil
		}
		if lastHeld > o.Done {
			return usageErrorf("--done %d --on %s: session %d after it is already held; its date cannot move the sessions after it", o.Done, o.On, lastHeld)
		}
		req.Keep = keep(o.Done)
		if o.On != "" {
			on, err := planner.ParseDate(o.On)
			if err != nil {
				return usageErrorf("--on: %v", err)
			}
			if o.Done > 1 && !planner.DateOf(old.Sessions[o.Done-2].Start).Before(on) {
				return usageErrorf("--on %s: session %d was on %s", on, o.Done-1, planner.DateOf(old.Sessions[o.Done-2].Start))
			}
			held = time.Date(on.Year, on.Month, on.Day, held.Hour(), held.Minute(), 0, 0, held.Location())
		}
		req.Keep[o.Done-1] = planner.Kept{Start: held, Held: true}
		req.NotBefore = laterDate(today, planner.DateOf(held).AddDays(1))
	}
	return nil
}

func laterDate(a, b planner.Date) planner.Date {
	if a.Before(b) {
		return b
	}
	return a
}

// diffSessions lists the sessions whose start changed, by number.
func diffSessions(old, new *planner.Plan) []change {
	var out []change
	for i := 0; i < max(len(old.Sessions), len(new.Sessions)); i++ {
		var o, n string
		if i < len(old.Sessions) {
			o = old.Sessions[i].Start.Format(layoutDateTime)
		}
		if i < len(new.Sessions) {
			n = new.Sessions[i].Start.Format(layoutDateTime)
		}
		if o != n {
			out = append(out, change{Number: i + 1, Old: o, New: n})
		}
	}
	return out
}

func writeChanges(w io.Writer, changes []change) {
	if len(changes) == 0 {
		fmt.Fprintln(w, "Changes: none")
		return
	}
	fmt.Fprintln(w, "Changes")
	for _, c := range changes {
		switch {
		case c.Old == "":
			fmt.Fprintf(w, "  session %d: new, %s\n", c.Number, c.New)
		case c.New == "":
			fmt.Fprintf(w, "  session %d: %s, dropped\n", c.Number, c.Old)
		default:
			fmt.Fprintf(w, "  session %d: %s -> %s\n", c.Number, c.Old, c.New)
		}
	}
	fmt.Fprintln(w)
}
