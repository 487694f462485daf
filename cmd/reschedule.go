package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// rescheduleOptions is everything 'mesoplan reschedule' needs.
type rescheduleOptions struct {
	File   string
	Change planner.Change
	// Time is the new session time from the moved session on; the zero
	// Clock with TimeSet false keeps the saved one.
	Time    planner.Clock
	TimeSet bool
	InPlace bool
	Save    string
	Format  string
	Output  string
	// Detail prints the whole plan after the changes (table format);
	// without it, the sessions.
	Detail bool

	app      *App
	catalog  func() (*loadedCatalog, error)
	Settings *Settings
}

// rescheduleFlags are reschedule's flags as typed, before complete checks
// their combination and parses them.
type rescheduleFlags struct {
	session, missed, done int
	to, on, time          string
	force, drop           bool
}

const rescheduleLong = `Change a plan saved with --save and plan the rest of the course again
with the same rules, clinic calendar and patient constraints:

  --session N --to DATE [--time HH:MM]
      move session N to DATE (at HH:MM from then on); every later session
      is placed again from it. A date the clinic or patient rules out, or
      one below the phase's minimum or above its maximum interval after
      the session before, is refused unless --force (an interval forced
      this way stays in the plan as a warning).
  --missed N [--drop]
      session N did not take place, or the patient has said they cannot
      come to it: it is placed again from the next allowed date after its
      day, and the sessions after it follow; the course keeps its length
      unless --drop, which leaves the missed session out (one session
      fewer in its phase). To move a session still ahead to a chosen date,
      use --session N --to DATE.
  --done N [--on DATE]
      session N took place (on its date, or on DATE, which cannot be after
      today): it is never moved again, and later sessions follow from the
      date it was held.

It prints what changed, then the plan's sessions (--detail: the whole
plan, preparation and aftercare too; --format json, csv or markdown: the
whole plan, the changes on standard error).

A course is never restarted, a held session never moves, and an early or
late session shifts the rest rather than squeezing them below the minimum
interval. No session is placed before now: when today's session time has
passed, the first slot is tomorrow.

It prints the new plan and what changed; --save FILE writes the new plan,
-i writes it back to the plan file.

` + planner.Notice

func newRescheduleCmd(env *runEnv, runF func(*rescheduleOptions) error) *cobra.Command {
	opts := &rescheduleOptions{}
	var raw rescheduleFlags
	cmd := &cobra.Command{
		Use:   "reschedule PLAN.json (--session N --to DATE | --missed N | --done N)",
		Short: "Move, miss or record sessions of a saved plan and plan the rest again",
		Long:  rescheduleLong,
		Example: `  mesoplan reschedule anna.json --session 3 --to 2027-04-02 -i
  mesoplan reschedule anna.json --missed 4 --save anna-v2.json
  mesoplan reschedule anna.json --done 2 --on 2027-03-24 -i`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(cmd, args, raw); err != nil {
				return err
			}
			if !cmd.Flags().Changed("format") {
				opts.Format = formatForFile(opts.Output, "table")
			}
			if err := checkExtension("reschedule", strings.ToLower(opts.Format), opts.Output); err != nil {
				return err
			}
			opts.app, opts.catalog, opts.Settings = env.app, env.loadCatalog, env.settings
			if runF != nil {
				return runF(opts)
			}
			return rescheduleRun(opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&raw.session, "session", 0, "the session `N` to move (with --to)")
	f.StringVar(&raw.to, "to", "", "the new `DATE` of --session N, YYYY-MM-DD")
	f.StringVar(&raw.time, "time", "", "with --session: the new session time `HH:MM`, from the moved session on")
	f.BoolVar(&raw.force, "force", false, "with --session: book --to even on a date the clinic or patient rules out, or outside the phase's interval")
	f.IntVar(&raw.missed, "missed", 0, "session `N` did not (or will not) take place: placed again after its day")
	f.BoolVar(&raw.drop, "drop", false, "with --missed: leave the missed session out of the course")
	f.IntVar(&raw.done, "done", 0, "session `N` took place")
	f.StringVar(&raw.on, "on", "", "with --done: the `DATE` it took place, if not its planned date")
	f.BoolVarP(&opts.InPlace, "in-place", "i", false, "write the new plan back to PLAN.json")
	f.StringVar(&opts.Save, "save", "", "write the new plan to this `file`")
	f.BoolVar(&opts.Detail, "detail", false, "after the changes, print the whole plan (preparation and aftercare too), not only its sessions")
	f.StringVarP(&opts.Format, "format", "f", "", "output `format`: "+strings.Join(planFormats, ", ")+" (default: from -o's extension, else table)")
	f.StringVarP(&opts.Output, "output", "o", "", "write the plan to `FILE` instead of standard output")
	return cmd
}

// complete checks that the flags make one change, with no flag that would
// do nothing in it, and parses them.
func (o *rescheduleOptions) complete(cmd *cobra.Command, args []string, raw rescheduleFlags) error {
	o.File = args[0]
	given := cmd.Flags().Changed
	var actions []string
	for _, f := range []string{"session", "missed", "done"} {
		if given(f) {
			actions = append(actions, f)
		}
	}
	if len(actions) != 1 {
		return usageErrorf("give exactly one of --session N --to DATE, --missed N or --done N")
	}
	if given("session") != given("to") {
		return usageErrorf("--session N and --to DATE go together")
	}
	// Flags that belong to one change only.
	for flag, action := range map[string]string{"time": "session", "force": "session", "drop": "missed", "on": "done"} {
		if given(flag) && actions[0] != action {
			return usageErrorf("--%s goes with --%s, not --%s", flag, action, actions[0])
		}
	}
	if o.InPlace && o.Save != "" {
		return usageErrorf("-i and --save both say where to write: give one")
	}
	for _, f := range []string{"save", "output"} {
		if given(f) && cmd.Flags().Lookup(f).Value.String() == "" {
			return usageErrorf("--%s needs a file name", f).withHint("leave --%s out to write nothing", f)
		}
	}
	switch actions[0] {
	case "session":
		to, err := planner.ParseDate(raw.to)
		if err != nil {
			return usageErrorf("--to: %v", err)
		}
		o.Change = planner.Change{Kind: planner.ChangeMove, Session: raw.session, To: to, Force: raw.force}
		if given("time") {
			if o.Time, err = planner.ParseClock(raw.time); err != nil {
				return usageErrorf("--time: %v", err)
			}
			o.TimeSet = true
		}
	case "missed":
		o.Change = planner.Change{Kind: planner.ChangeMissed, Session: raw.missed, Drop: raw.drop}
	case "done":
		o.Change = planner.Change{Kind: planner.ChangeDone, Session: raw.done}
		if given("on") {
			on, err := planner.ParseDate(raw.on)
			if err != nil {
				return usageErrorf("--on: %v", err)
			}
			o.Change.On = on
		}
	}
	return nil
}

// flag names the flag that gave the change, as the user typed it:
// "--missed 4", "--done 2 --on 2027-03-26".
func (o *rescheduleOptions) flag() string {
	c := o.Change
	switch {
	case c.Kind == planner.ChangeMove:
		return fmt.Sprintf("--session %d", c.Session)
	case c.Kind == planner.ChangeMissed:
		return fmt.Sprintf("--missed %d", c.Session)
	case !c.On.IsZero():
		return fmt.Sprintf("--done %d --on %s", c.Session, c.On)
	}
	return fmt.Sprintf("--done %d", c.Session)
}

// explain puts the flag that made the change in front of the planner's
// errors about it, and the saved plan's name in front of its errors about
// the plan's own inputs (a treatment or condition edited into the file, or
// one a catalog no longer has): those are a bad file, not a bad flag. The
// rest (no date left for a session) are requests that cannot be met.
func (o *rescheduleOptions) explain(err error) error {
	var (
		number *planner.SessionNumberError
		held   *planner.HeldSessionError
		change *planner.ChangeError
		inputs *planner.PlanInputError
	)
	switch {
	case errors.As(err, &number):
		return usageErrorf("%s: %v", o.flag(), number)
	case errors.As(err, &held):
		return usageErrorf("%s: %v", o.flag(), held).withHint("sessions after %d can be moved", held.LastHeld)
	case errors.As(err, &change):
		hint, _ := requestHint(change.Err)
		return &usageError{msg: fmt.Sprintf("%s: %v", o.flag(), change), hint: hint}
	case errors.As(err, &inputs):
		hint, _ := requestHint(inputs.Err)
		return &fileError{where: o.File, err: inputs.Err, hint: hint}
	}
	return err
}

func rescheduleRun(o *rescheduleOptions) error {
	render, err := planRenderer(o.Format)
	if err != nil {
		return err
	}
	target := o.Save
	if o.InPlace {
		target = o.File
	}
	outputs := []namedPath{{"-o", o.Output}, {"--save", o.Save}}
	if o.InPlace {
		outputs[1] = namedPath{"-i", o.File}
	}
	if err := checkOutputs(outputs, append([]namedPath{{"PLAN.json", o.File}}, settingInputs(o.Settings)...), o.File); err != nil {
		return err
	}
	// The plan file is locked from reading to writing: two reschedules
	// of one plan at once take turns, and the second reads the first's.
	unlock := func() {}
	if target != "" {
		if unlock, err = lockFile(target); err != nil {
			return err
		}
	}
	defer unlock()
	doc, err := loadSaved(o.File)
	if err != nil {
		return err
	}
	old := doc.Plan
	in, err := o.inputs(doc)
	if err != nil {
		return err
	}
	if err := checkOutputs(outputs, busyInputs(in.Patient.Busy), ""); err != nil {
		return err
	}
	cat, err := doc.Catalog.load(o.File, o.catalog)
	if err != nil {
		return err
	}
	req, err := in.request(o.app.Now())
	if err != nil {
		return err
	}
	plan, err := planner.Reschedule(cat.Catalog, req, old, o.Change)
	if err != nil {
		return o.explain(err)
	}
	printWarnings(o.app.Err, plan)
	var buf bytes.Buffer
	changes := diffSessions(old, plan, o.Change)
	if o.Format == "table" || o.Format == "markdown" {
		writeChanges(&buf, changes)
	} else {
		writeChanges(o.app.Err, changes)
	}
	tr, err := locale.New(cat.Catalog, plan.Lang)
	if err != nil {
		return &fileError{where: o.File, err: fmt.Errorf("lang: %w", err)}
	}
	if o.Format == "table" && !o.Detail {
		render = forPeople(renderSessions)
	}
	if err := render(&buf, plan, o.Settings.Clinic, tr, o.app.width()); err != nil {
		return err
	}
	if target != "" {
		next := *doc
		next.Saved = o.app.Now().UTC().Format(time.RFC3339)
		next.Plan = plan
		next.Inputs.Sessions = plan.CourseSessions()
		next.Inputs.Time = in.Time.String()
		next.Inputs.Busy = in.Patient.Busy // with the hashes of a plan saved before they were kept
		next.Catalog = cat.Ref
		if err := writeSaved(o.app, target, &next); err != nil {
			return err
		}
	}
	if err := writeOutput(o.app, o.Output, buf.Bytes()); err != nil {
		return err
	}
	confirm(o.app, target, fmt.Sprintf("the plan, %d changed", len(changes)))
	confirm(o.app, o.Output, fmt.Sprintf("%s, %s", countOf(len(plan.Sessions), "session"), o.Format))
	return nil
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
	if o.TimeSet {
		in.Time = o.Time
	}
	return in, nil
}

// layoutDateTime is how the change list writes a session's start.
const layoutDateTime = "Mon 2006-01-02 15:04"

// change is one session whose date moved, that is now recorded as held,
// that was left out of the course, or that has a new number because one
// before it was.
type change struct {
	Number   int // the number after the change
	Was      int // the number before it, when that differs
	Old, New string
	Held     bool
	Dropped  bool
}

// diffSessions lists the sessions whose start changed, that are now held,
// or that were renumbered by a dropped session, each paired with what it
// was before: after --missed N --drop, session N+1 is compared with the
// new session N, not with the old one of that number.
func diffSessions(old, new *planner.Plan, ch planner.Change) []change {
	var out []change
	dropped := ch.Kind == planner.ChangeMissed && ch.Drop
	paired := make([]bool, len(new.Sessions))
	for i, s := range old.Sessions {
		o := s.Start.Format(layoutDateTime)
		if dropped && s.Number == ch.Session {
			out = append(out, change{Number: s.Number, Old: o, Dropped: true})
			continue
		}
		n := ch.Renumbered(s.Number)
		was := 0
		if n != s.Number {
			was = s.Number
		}
		j := n - 1
		if n == s.Number {
			j = i
		}
		if j < 0 || j >= len(new.Sessions) {
			out = append(out, change{Number: s.Number, Old: o})
			continue
		}
		paired[j] = true
		ns := new.Sessions[j]
		nw := ns.Start.Format(layoutDateTime)
		switch {
		case o != nw || was != 0:
			out = append(out, change{Number: j + 1, Was: was, Old: o, New: nw})
		case ns.Held && !s.Held:
			out = append(out, change{Number: j + 1, Old: o, New: nw, Held: true})
		}
	}
	for j, ns := range new.Sessions {
		if !paired[j] {
			out = append(out, change{Number: j + 1, New: ns.Start.Format(layoutDateTime)})
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
		name := fmt.Sprintf("session %d", c.Number)
		if c.Was != 0 {
			name = fmt.Sprintf("session %d (was %d)", c.Number, c.Was)
		}
		switch {
		case c.Dropped:
			fmt.Fprintf(w, "  %s: %s, missed and left out\n", name, c.Old)
		case c.Old == "":
			fmt.Fprintf(w, "  %s: new, %s\n", name, c.New)
		case c.New == "":
			fmt.Fprintf(w, "  %s: %s, dropped\n", name, c.Old)
		case c.Held:
			fmt.Fprintf(w, "  %s: %s, held\n", name, c.New)
		case c.Old == c.New:
			fmt.Fprintf(w, "  %s: %s, renumbered\n", name, c.New)
		default:
			fmt.Fprintf(w, "  %s: %s -> %s\n", name, c.Old, c.New)
		}
	}
	fmt.Fprintln(w)
}
