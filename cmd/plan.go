package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/holidays"
	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/planner"
)

// planOptions is everything `mesoplan plan` needs, filled from flags and
// settings before planning.
type planOptions struct {
	Treatment  string
	Start      string
	Time       string
	TimeSource string
	TZ         string
	TZSource   string
	Sessions   int
	Conditions []string
	Strict     bool
	PerSession bool
	AllowPast  bool
	Format     string
	Output     string

	Away           []string // the patient's absences, dates or ranges
	Days           string   // the weekdays the patient can come
	Busy           []string // the patient's calendars (.ics)
	Save           string   // save the plan here (--save)
	From           string   // render this saved plan (--from)
	AvoidConflicts bool     // move sessions whose windows would hold a conflicting plan

	sessionsSet bool              // --sessions was given, even as 0
	loaded      *savedPlan        // the plan read with --from
	calendar    []ical.EventState // what export wrote, for --save
	// exportChoices are export's --audience, --remind and --quiet-hours,
	// for --save.
	exportChoices map[string]string
	env           *runEnv
}

var planFormats = []string{"table", "json", "csv", "markdown"}

const planLong = `Plan a course of TREATMENT (an id or alias from 'mesoplan treatments')
starting on --start, and print it: the sessions, the preparation windows
before them, the aftercare windows after them, maintenance and warnings.

Sessions are at the session time (--time, default 10:00) local wall-clock
time, also across a daylight-saving change, on dates the clinic is open
(--open, --closed, --holidays) and the patient can come (--away, --days):

  - Session 1 goes on the first allowed date on or after --start.
  - Each later session wants the previous one's date plus its phase's
    target interval in calendar days. If that date is not allowed, it takes
    the earliest allowed date after it within the phase's maximum interval;
    else the latest allowed date before it at or above the minimum; else
    the earliest allowed date past the maximum, with a warning naming the
    interval and the cause.
  - Every session moved from its target date is reported with the reason.
    The search looks at most 366 days ahead: past that, an error.

--busy FILE.ics reads the patient's calendar: no session overlaps its
events, and an event a rule forbids inside that rule's window (a spa
weekend after a session) is reported as a conflict; --avoid-conflicts
moves sessions so that none remains.

Windows of the same rule that overlap or touch are merged into one;
--per-session keeps one window per session.

Conditions given with --condition are screened first: an absolute
contraindication refuses the plan (exit status 3, nothing on standard
output); a relative one adds a warning, or refuses the plan with --strict.

` + noticeLine

func newPlanCmd(env *runEnv, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{env: env}
	cmd := &cobra.Command{
		Use:   "plan TREATMENT --start YYYY-MM-DD",
		Short: "Plan a course: sessions, preparation and aftercare windows",
		Long:  planLong,
		Example: `  mesoplan plan mesolifting --start 2027-03-16 --tz Europe/Rome
  mesoplan plan hair --start 2027-03-16 --time 17:30 --sessions 6 --format json
  mesoplan plan cellulite --start 2027-03-16 --condition diabetes -o plan.md --format markdown`,
		Args:              planArgs,
		ValidArgsFunction: completeTreatments,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(cmd, args); err != nil {
				return err
			}
			if !cmd.Flags().Changed("format") {
				opts.Format = formatForFile(opts.Output, opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return runPlan(opts)
		},
	}
	addPlanFlags(cmd.Flags(), opts)
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "table", "output `format`: "+strings.Join(planFormats, ", ")+" (default from -o's extension, else table)")
	return cmd
}

// planArgs checks the arguments of plan and export: one TREATMENT, or
// none with --from.
func planArgs(cmd *cobra.Command, args []string) error {
	if flagChanged(cmd, "from") {
		return fromArgs(cmd, args)
	}
	if len(args) != 1 {
		return usageErrorf("%s takes one TREATMENT, got %d arguments", cmd.CommandPath(), len(args)).withHint("e.g. %s mesolifting --start 2027-03-16, or --from plan.json", cmd.CommandPath())
	}
	return nil
}

// completeTreatments completes a TREATMENT argument with the built-in
// treatment ids.
func completeTreatments(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cat, err := planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()})
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	ids := make([]string, len(cat.Treatments))
	for i, t := range cat.Treatments {
		ids[i] = t.ID + "\t" + t.Name
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// addPlanFlags adds the flags that say which course to plan, shared by
// plan and export.
func addPlanFlags(f *pflag.FlagSet, opts *planOptions) {
	f.StringVar(&opts.Start, "start", "", "date of session 1, `YYYY-MM-DD` (required)")
	f.String("time", "", "session time, `HH:MM` on a 24-hour clock (default 10:00, or time: in the config)")
	f.String("tz", "", "IANA time `zone`, e.g. Europe/Rome (default: tz: in the config, else the system zone)")
	f.IntVar(&opts.Sessions, "sessions", 0, "course length `N` within the treatment's range (default: the treatment's own)")
	f.StringArrayVar(&opts.Conditions, "condition", nil, "screen for this contraindication `id` (repeatable; see 'mesoplan conditions')")
	f.BoolVar(&opts.Strict, "strict", false, "refuse the plan on relative contraindications too")
	f.BoolVar(&opts.PerSession, "per-session", false, "keep one window per session instead of merging overlapping ones")
	f.BoolVar(&opts.AllowPast, "allow-past", false, "allow a start date before today")
	f.String("open", "", "the clinic's opening `days`, e.g. mon-fri (default mon-sat, or open_days: in the config)")
	f.StringArray("closed", nil, "a `date` or range (2027-08-09..2027-08-20) the clinic is closed (repeatable)")
	f.String("holidays", "", "close on the public holidays of this `region` (IT, GB, US, DE, DE-BY, ...; none: no holidays)")
	f.StringArrayVar(&opts.Away, "away", nil, "a `date` or range the patient is away (repeatable)")
	f.StringVar(&opts.Days, "days", "", "the only weekdays the patient can come, e.g. `tue,thu`")
	f.StringArrayVar(&opts.Busy, "busy", nil, "the patient's calendar, an .ics `file` exported from Google, Apple or Outlook: no session overlaps its events, and plans that break a rule are reported (repeatable)")
	f.BoolVar(&opts.AvoidConflicts, "avoid-conflicts", false, "move sessions so that no --busy event falls in a window that rules it out")
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output (- for standard output)")
	f.StringVar(&opts.Save, "save", "", "also save the plan with every input that made it to this `file` (JSON), for --from and reschedule")
	f.StringVar(&opts.From, "from", "", "render a plan saved with --save from this `file`, without planning it again")
}

// complete fills the options that come from arguments and settings and
// checks what the flags alone cannot.
func (o *planOptions) complete(cmd *cobra.Command, args []string) error {
	if o.From != "" {
		return nil // planArgs checked that nothing else describes the course
	}
	o.Treatment = args[0]
	o.Time, o.TimeSource = o.env.get("time").Value, o.env.get("time").Source
	o.TZ, o.TZSource = o.env.get("tz").Value, o.env.get("tz").Source
	if !cmd.Flags().Changed("start") {
		return usageErrorf("missing --start: give the date of session 1 as YYYY-MM-DD").withHint("e.g. %s %s --start 2027-03-16", cmd.CommandPath(), o.Treatment)
	}
	o.sessionsSet = cmd.Flags().Changed("sessions")
	return nil
}

// planOrLoad plans the course, or loads it with --from. It also returns the
// plan's identity: the saved one, else one derived from the patient, the
// treatment and the start date.
func (o *planOptions) planOrLoad(patient string) (*planner.Plan, string, error) {
	if o.From != "" {
		if o.loaded == nil { // export loads it first, for its saved choices
			doc, err := loadSaved(o.From)
			if err != nil {
				return nil, "", err
			}
			o.loaded = doc
		}
		return o.loaded.Plan, o.loaded.Inputs.PlanID, nil
	}
	plan, err := o.makePlan()
	if err != nil {
		return nil, "", err
	}
	start, _ := planner.ParseDate(o.Start) // makePlan has parsed it
	return plan, ical.PlanIdentity(patient, plan.Treatment.ID, start), nil
}

// saveIfAsked writes --save: the loaded plan's inputs with --from, else the
// options'.
func (o *planOptions) saveIfAsked(p *planner.Plan, planID, patient string) error {
	if o.Save == "" {
		return nil
	}
	if o.loaded != nil {
		doc := *o.loaded
		doc.Saved = o.env.app.Now().UTC().Format(time.RFC3339)
		doc.Inputs.PlanID = planID
		if patient != "" {
			doc.Inputs.Patient = patient
		}
		if o.calendar != nil {
			doc.Calendar = o.calendar
		}
		if o.exportChoices != nil {
			doc.Inputs.Export = o.exportChoices
		}
		return writeSaved(o.env.app, o.Save, &doc)
	}
	return o.save(o.Save, p, planID, patient)
}

// makePlan plans the course the options describe.
func (o *planOptions) makePlan() (*planner.Plan, error) {
	req, err := o.request()
	if err != nil {
		return nil, err
	}
	cat, err := o.env.loadCatalog()
	if err != nil {
		return nil, err
	}
	if o.sessionsSet && o.Sessions == 0 { // 0 in a Request means "the default"
		t, err := cat.Treatment(o.Treatment)
		if err != nil {
			return nil, err
		}
		return nil, usageErrorf("--sessions 0: a %s course takes %d to %d sessions", t.ID, t.Sessions.Min, t.Sessions.Max)
	}
	plan, err := planner.Make(cat, req)
	var input *planner.InputError
	if errors.As(err, &input) && input.Field == "sessions" {
		return nil, usageErrorf("--sessions %s: %s", input.Value, input.Msg)
	}
	return plan, err
}

func runPlan(opts *planOptions) error {
	render, err := planRenderer(opts.Format)
	if err != nil {
		return err
	}
	plan, planID, err := opts.planOrLoad("")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := render(&buf, plan, opts.env.clinic()); err != nil {
		return err
	}
	if err := opts.saveIfAsked(plan, planID, ""); err != nil {
		return err
	}
	return writeOutput(opts.env.app, opts.Output, buf.Bytes())
}

// formatForFile picks the output format from -o's extension (.json, .csv,
// .md), so that "-o plan.json" needs no --format; otherwise it keeps def.
func formatForFile(path, def string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json"
	case ".csv":
		return "csv"
	case ".md", ".markdown":
		return "markdown"
	}
	return def
}

// request parses the options into a planner.Request.
func (o *planOptions) request() (planner.Request, error) {
	var req planner.Request
	start, err := planner.ParseDate(o.Start)
	if err != nil {
		return req, &usageError{msg: "--start: " + err.Error(), hint: "dates are written YYYY-MM-DD"}
	}
	clock, err := planner.ParseClock(o.Time)
	if err != nil {
		err := settingError(err, o.TimeSource)
		if u, ok := err.(*usageError); ok {
			u.hint = "times are written HH:MM on a 24-hour clock, e.g. 09:30 or 17:45"
		}
		return req, err
	}
	loc, err := o.location()
	if err != nil {
		return req, err
	}
	cons, err := o.constraints(start)
	if err != nil {
		return req, err
	}
	busy, err := o.busy(start, loc)
	if err != nil {
		return req, err
	}
	return planner.Request{
		Constraints:    cons,
		Busy:           busy,
		AvoidConflicts: o.AvoidConflicts,
		Treatment:      o.Treatment,
		Start:          start,
		Time:           clock,
		Location:       loc,
		Sessions:       o.Sessions,
		Conditions:     o.Conditions,
		Strict:         o.Strict,
		PerSession:     o.PerSession,
		AllowPast:      o.AllowPast,
		Today:          o.env.app.Now(),
	}, nil
}

// constraints builds the dates a session may take: the clinic's closed
// dates and holidays, its opening days, the patient's absences and days.
func (o *planOptions) constraints(start planner.Date) ([]planner.Constraint, error) {
	var cons []planner.Constraint
	closed := o.env.get("closed")
	var closedDates planner.ClosedDates
	for _, s := range closed.List {
		r, err := planner.ParseDateRange(s)
		if err != nil {
			return nil, settingError(err, closed.Source)
		}
		closedDates = append(closedDates, r)
	}
	if len(closedDates) > 0 {
		cons = append(cons, closedDates)
	}
	if h := o.env.get("holidays"); h.Value != "" && !strings.EqualFold(h.Value, "none") {
		region, err := holidays.Lookup(h.Value)
		if err != nil {
			return nil, settingError(err, h.Source)
		}
		// Courses are at most 100 sessions; ten years covers the longest.
		cons = append(cons, holidays.Between(region, start.Year, start.Year+10))
	}
	open := o.env.get("open_days")
	days, err := planner.ParseWeekdays(open.Value)
	if err != nil {
		return nil, settingError(err, open.Source)
	}
	cons = append(cons, planner.OpenDays(days))
	var away planner.Away
	for _, s := range o.Away {
		r, err := planner.ParseDateRange(s)
		if err != nil {
			return nil, usageErrorf("--away: %v", err).withHint("give a date or a range, e.g. --away 2027-08-01..2027-08-15")
		}
		away = append(away, r)
	}
	if len(away) > 0 {
		cons = append(cons, away)
	}
	if o.Days != "" {
		days, err := planner.ParseWeekdays(o.Days)
		if err != nil {
			return nil, usageErrorf("--days: %v", err)
		}
		cons = append(cons, planner.PreferredDays(days))
	}
	return cons, nil
}

// busy reads the patient's calendars (--busy), from a month before the
// start to ten years after it: a course of at most 100 sessions ends by then.
func (o *planOptions) busy(start planner.Date, loc *time.Location) ([]planner.BusyEvent, error) {
	if o.AvoidConflicts && len(o.Busy) == 0 {
		return nil, usageErrorf("--avoid-conflicts needs the patient's calendar: give --busy FILE.ics")
	}
	from := time.Date(start.Year, start.Month, start.Day-31, 0, 0, 0, 0, loc)
	to := time.Date(start.Year+10, start.Month, start.Day, 0, 0, 0, 0, loc)
	var all []planner.BusyEvent
	for _, path := range o.Busy {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading --busy calendar: %w", err)
		}
		events, err := ical.ReadBusy(path, data, loc, from, to)
		if err != nil {
			return nil, err
		}
		all = append(all, events...)
	}
	return all, nil
}

// location loads the plan's zone from the tz setting, else the system zone.
func (o *planOptions) location() (*time.Location, error) {
	name, source := o.TZ, o.TZSource
	if name == "" {
		sys, err := o.env.app.SystemZone()
		if err != nil {
			return nil, usageErrorf("cannot tell the system time zone: %v", err).withHint("give one with --tz, e.g. --tz Europe/Rome")
		}
		name, source = sys, "the system zone"
	}
	return loadZone(name, source)
}

func loadZone(name, source string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		err := settingError(fmt.Errorf("unknown time zone %q", name), source)
		if u, ok := err.(*usageError); ok {
			u.hint = zoneHint(name)
		}
		return nil, err
	}
	return loc, nil
}

// settingError reports a bad setting with where it came from: a usage
// error (exit 2) for a flag or variable, a failure (exit 1) for a value in
// the config file, which is an invalid file like any other.
func settingError(err error, source string) error {
	if strings.HasPrefix(source, "config ") { // "config FILE:LINE"
		return fmt.Errorf("%s: %w", strings.TrimPrefix(source, "config "), err)
	}
	u := usageErrorf("%v (from %s)", err, source)
	var input *planner.InputError
	if errors.As(err, &input) {
		u.hint = input.Hint
	}
	return u
}

// writeOutput writes data to standard output, or atomically to path: a
// temporary file in the same directory, renamed into place, so that an
// error never leaves a partial file and an existing file is only replaced
// by a complete one. A new file gets the usual mode (0666 less the umask);
// a replaced file keeps its mode, so a private plan stays private.
func writeOutput(app *App, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := app.Out.Write(data)
		return err
	}
	// Write through a symbolic link to the file it names, as any tool does.
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	old, err := os.Stat(path)
	if err == nil && old.IsDir() {
		return usageErrorf("-o %s: is a directory; give a file name", path)
	}
	if err == nil && !old.Mode().IsRegular() {
		// A device or a named pipe (/dev/stdout, a FIFO) is written to,
		// never replaced.
		return writeDirect(path, data)
	}
	tmp, err := createTemp(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if old != nil {
		if err := os.Chmod(tmp.Name(), old.Mode().Perm()); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	return nil
}

func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPathError(err))
	}
	return nil
}

// createTemp creates a new file beside path with mode 0666, so that the
// umask applies as it does to any file a tool creates (os.CreateTemp would
// force 0600).
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	var err error
	for i := 0; i < 100; i++ {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d-%d.tmp", base, os.Getpid(), i))
		var f *os.File
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return f, nil
		}
		if !os.IsExist(err) {
			return nil, err
		}
	}
	return nil, err
}

// unwrapPathError drops the temporary file's name from an error, which
// would only confuse: the user named the final file.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}
