package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// planOptions is everything 'mesoplan plan' needs: the flags, parsed, and
// the run's settings.
type planOptions struct {
	app      *App
	catalog  func() (*loadedCatalog, error)
	Settings *Settings

	Treatment      string
	Start          planner.Date
	Sessions       int
	SessionsSet    bool // --sessions was given, even as 0
	Conditions     []string
	Strict         bool
	PerSession     bool
	AllowPast      bool
	Away           []planner.DateRange // the patient's absences
	Days           planner.Weekdays    // the only weekdays the patient can come; none set: any
	Busy           []string            // the patient's calendars (.ics)
	AvoidConflicts bool                // move sessions whose windows would hold a conflicting plan
	Price          int                 // the price of one session, for the estimate; 0: the catalog's
	Format         string
	Output         string
	Save           string // save the plan here (--save)
	From           string // render this saved plan (--from)
	// Detail shows one table row per rule window (the table format) rather
	// than the short view; plan's own flag.
	Detail bool
	// Color (auto, always, never) and WeekStart (monday, sunday) are for
	// --format calendar.
	Color     string
	WeekStart string
}

// planFlags holds the flags of plan and export as typed, before complete
// parses them into planOptions.
type planFlags struct {
	start string
	away  []string
	days  string
}

var planFormats = []string{"table", "json", "csv", "markdown", "calendar"}

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

Every warning is also printed on standard error, whatever the format or
-o. --strict refuses a plan with any safety warning: a relative
contraindication, a preparation window that should already have begun, an
interval past the maximum, a conflict with a --busy event.

` + planner.Notice

func newPlanCmd(env *runEnv, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{}
	var raw planFlags
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
			if err := opts.complete(cmd, args, env, raw); err != nil {
				return err
			}
			if !cmd.Flags().Changed("format") {
				opts.Format = formatForFile(opts.Output, "table")
			}
			if err := checkExtension("plan", strings.ToLower(opts.Format), opts.Output); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(opts)
		},
	}
	addPlanFlags(cmd.Flags(), opts, &raw)
	cmd.Flags().StringVar(&opts.Color, "color", "auto", "colour the calendar view: `auto` (on a terminal, unless NO_COLOR is set), always or never")
	cmd.Flags().StringVar(&opts.WeekStart, "week-start", "monday", "first day of the week in the calendar view: `monday` or sunday")
	cmd.Flags().BoolVar(&opts.Detail, "detail", false, "show every preparation and aftercare window with its dates (table format); by default, what each session asks before and after it")
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "", "output `format`: "+strings.Join(planFormats, ", ")+" (default: from -o's extension, else table)")
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

// addPlanFlags adds the flags that say which course to plan, shared by
// plan and export. The flags that set a setting (--tz, --time, --open,
// --closed, --holidays) are marked so, and read through Settings.
func addPlanFlags(f *pflag.FlagSet, opts *planOptions, raw *planFlags) {
	f.StringVar(&raw.start, "start", "", "date of session 1, `YYYY-MM-DD` (required, unless --from)")
	f.String("time", "", "session time, `HH:MM` on a 24-hour clock (default 10:00, or time: in the config)")
	f.String("tz", "", "IANA time `zone`, e.g. Europe/Rome (default: tz: in the config, else the system zone)")
	f.IntVar(&opts.Sessions, "sessions", 0, "course length `N` within the treatment's range (default: the treatment's own)")
	f.StringArrayVar(&opts.Conditions, "condition", nil, "screen for this contraindication `id` (repeatable; see 'mesoplan conditions')")
	f.BoolVar(&opts.Strict, "strict", false, "refuse the plan on relative contraindications and any other safety warning too")
	f.BoolVar(&opts.PerSession, "per-session", false, "keep one window per session instead of merging overlapping ones")
	f.BoolVar(&opts.AllowPast, "allow-past", false, "allow a start date before today")
	f.String("open", "", "the clinic's opening `days`, e.g. mon-fri (default mon-sat, or open_days: in the config)")
	f.StringArray("closed", nil, "a `date` or range (2027-08-09..2027-08-20) the clinic is closed (repeatable)")
	f.String("holidays", "", "close on the public holidays of this `region` (IT, GB, US, DE, DE-BY, ...; none: no holidays)")
	f.StringArrayVar(&raw.away, "away", nil, "a `date` or range the patient is away (repeatable)")
	f.StringVar(&raw.days, "days", "", "the only weekdays the patient can come, e.g. `tue,thu`")
	f.StringArrayVar(&opts.Busy, "busy", nil, "the patient's calendar, an .ics `file` exported from Google, Apple or Outlook (- reads standard input): no session overlaps its events, and plans that break a rule are reported (repeatable)")
	f.BoolVar(&opts.AvoidConflicts, "avoid-conflicts", false, "move sessions so that no --busy event falls in a window that rules it out")
	f.IntVar(&opts.Price, "price", 0, "what one session costs, in `units` of the catalog's currency (EUR when it has none), for an exact cost estimate (default: the catalog's range)")
	f.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of standard output (- for standard output)")
	f.StringVar(&opts.Save, "save", "", "also save the plan with every input that made it to this `file` (JSON), for --from and reschedule")
	f.StringVar(&opts.From, "from", "", "render a plan saved with --save from this `file`, without planning it again")
	f.String("clinic-name", "", "the clinic's `name`, shown on plans and in every session (or clinic.name: in the config)")
	f.String("clinic-address", "", "the clinic's `address`")
	f.String("clinic-phone", "", "the clinic's phone `number`, for patients to call")
	f.String("clinic-email", "", "the clinic's e-mail `address`; in exports, the organizer of every event")
	f.String("clinic-url", "", "the clinic's web `address`, https://...")
	f.String("lang", "", "the `language` of the plan's texts and of what the patient reads: en or it, or one a --catalog file adds (default en, or lang: in the config)")
	for flag, key := range map[string]string{"time": "time", "tz": "tz", "open": "open_days", "closed": "closed", "holidays": "holidays", "lang": "lang",
		"clinic-name": "clinic.name", "clinic-address": "clinic.address", "clinic-phone": "clinic.phone", "clinic-email": "clinic.email", "clinic-url": "clinic.url"} {
		markSetting(f, flag, key)
	}
}

// complete fills the options that come from arguments and settings, and
// parses the flags the settings do not cover.
func (o *planOptions) complete(cmd *cobra.Command, args []string, env *runEnv, raw planFlags) error {
	o.app, o.catalog, o.Settings = env.app, env.loadCatalog, env.settings
	if o.From != "" {
		return nil // planArgs checked that nothing else describes the course
	}
	o.Treatment = args[0]
	if !cmd.Flags().Changed("start") {
		return usageErrorf("missing --start: give the date of session 1 as YYYY-MM-DD").withHint("e.g. %s %s --start 2027-03-16", cmd.CommandPath(), o.Treatment)
	}
	start, err := planner.ParseDate(raw.start)
	if err != nil {
		return &usageError{msg: "--start: " + err.Error(), hint: "dates are written YYYY-MM-DD"}
	}
	o.Start = start
	o.SessionsSet = cmd.Flags().Changed("sessions")
	for _, s := range raw.away {
		r, err := planner.ParseDateRange(s)
		if err != nil {
			return usageErrorf("--away: %v", err).withHint("give a date or a range, e.g. --away 2027-08-01..2027-08-15")
		}
		o.Away = append(o.Away, r)
	}
	if raw.days != "" {
		if o.Days, err = planner.ParseWeekdays(raw.days); err != nil {
			return usageErrorf("--days: %v", err)
		}
	}
	if o.AvoidConflicts && len(o.Busy) == 0 {
		return usageErrorf("--avoid-conflicts needs the patient's calendar: give --busy FILE.ics")
	}
	if cmd.Flags().Changed("price") && (o.Price < 1 || o.Price > 1_000_000) {
		return usageErrorf("--price %d: want the price of one session, 1 to 1000000", o.Price)
	}
	// An empty name (a variable that was not set) writes nothing, or
	// reads the current folder: said, not done.
	for _, f := range []string{"save", "output"} {
		if fl := cmd.Flags().Lookup(f); fl != nil && fl.Changed && strings.TrimSpace(fl.Value.String()) == "" {
			return usageErrorf("--%s needs a file name", f).withHint("leave --%s out to write nothing", f)
		}
	}
	var stdin []string // the --busy values that name standard input
	for _, b := range o.Busy {
		if strings.TrimSpace(b) == "" {
			return usageErrorf("--busy needs a file name (an .ics export of the patient's calendar)")
		}
		if b == stdinPath || namesStdin(b) {
			stdin = append(stdin, b)
		}
	}
	if len(stdin) > 1 {
		return usageErrorf("--busy %s: standard input is given %d times, and holds one calendar", strings.Join(stdin, " and "), len(stdin))
	}
	if len(stdin) > 0 && o.Save != "" {
		// A reschedule reads the calendars again, and checks they did
		// not change: standard input is gone by then.
		return usageErrorf("--busy %s with --save: a saved plan names its calendars by file, to read them again when the course changes", stdin[0]).
			withHint("save the calendar to a file and give its name to --busy")
	}
	if o.Save != "" {
		for _, b := range o.Busy {
			// A pipe (<(...), /dev/fd/N) or a FIFO is gone, or holds
			// something else, by the time a reschedule reads it again.
			if info, err := os.Stat(b); err == nil && !info.Mode().IsRegular() {
				return usageErrorf("--busy %s with --save: not a regular file; a saved plan names its calendars by file, to read them again when the course changes", b).
					withHint("save the calendar to a file and give its name to --busy")
			}
		}
	}
	return nil
}

// inputs are the options as the inputs of a course: the plan's zone is the
// tz setting, else the system zone.
func (o *planOptions) inputs() (courseInputs, error) {
	zone, err := planZone(o.app, o.Settings)
	if err != nil {
		return courseInputs{}, err
	}
	s := o.Settings
	return courseInputs{
		Treatment: o.Treatment, Start: o.Start, Time: s.Time, Zone: zone,
		Sessions: o.Sessions, Conditions: o.Conditions, Strict: o.Strict, PerSession: o.PerSession, AllowPast: o.AllowPast, Price: o.Price,
		Lang: string(s.Lang), langSource: s.Sources.Lang,
		Clinic:  clinicCalendar{OpenDays: s.OpenDays, Closed: s.Closed, Holidays: s.Holidays},
		Patient: patientCalendar{Away: o.Away, Days: o.Days, Busy: busyFiles(o.Busy), AvoidConflicts: o.AvoidConflicts},
		stdin:   o.app.In,
	}, nil
}

// planZone is the zone plans are made in: the tz setting, else the
// system zone.
func planZone(app *App, s *Settings) (planner.Zone, error) {
	if !s.Zone.IsZero() {
		return s.Zone, nil
	}
	sys, err := app.SystemZone()
	if err != nil {
		return planner.Zone{}, usageErrorf("cannot tell the system time zone: %v", err).withHint("give one with --tz, e.g. --tz Europe/Rome")
	}
	zone, err := planner.LoadZone(sys)
	if err != nil {
		return planner.Zone{}, settingError(err, Source{Layer: LayerSystem})
	}
	return zone, nil
}

// makeOutDir makes the directory a command writes its files into, and
// refuses a path that is a file.
func makeOutDir(dir string) error {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return &fileError{where: dir, err: errors.New("not a directory")}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("making %s: %w", dir, unwrapPathError(err))
	}
	return nil
}

// guardOutputs refuses an output that is an input (or another output)
// before anything is read or written, and locks the file --save writes for
// the rest of the run, so that two commands saving one plan at once (as
// 'export --from X --save X' does) take turns instead of losing an update.
func (o *planOptions) guardOutputs() (unlock func(), err error) {
	inputs := append([]namedPath{{"--from", o.From}}, busyInputs(busyFiles(o.Busy))...)
	inputs = append(inputs, settingInputs(o.Settings)...)
	if err := checkOutputs([]namedPath{{"-o", o.Output}, {"--save", o.Save}}, inputs, o.From); err != nil {
		return nil, err
	}
	if o.Save == "" {
		return func() {}, nil
	}
	return lockFile(o.Save)
}

// course is a plan to render or export: planned now from the options, or
// loaded with --from.
type course struct {
	Plan   *planner.Plan
	PlanID string
	// Inputs and Catalog are what made the plan, for --save.
	Inputs  courseInputs
	Catalog catalogRef
	// Saved is the file read with --from, or nil.
	Saved *savedPlan
	// FreeTime is a time of day at which the patient's calendar would
	// move no session, when it moved some; nil otherwise.
	FreeTime *planner.Clock
}

// loadCourse plans the course the options describe, or loads it with
// --from. Its identity is the saved one, else one derived from the
// patient, the treatment and the start date.
func (o *planOptions) loadCourse(patient string) (*course, error) {
	if o.From != "" {
		doc, err := loadSaved(o.From)
		if err != nil {
			return nil, err
		}
		return savedCourse(doc), nil
	}
	in, err := o.inputs()
	if err != nil {
		return nil, err
	}
	cat, err := o.catalog()
	if err != nil {
		return nil, err
	}
	plan, freeTime, err := makePlan(cat, &in, o.app.Now(), o.SessionsSet)
	if err != nil {
		return nil, err
	}
	in.Treatment = plan.Treatment.ID // an alias or another case is saved as the id
	id := ical.PlanIdentity(patient, plan.Treatment.ID, o.Start)
	if o.Save != "" {
		// A saved plan keeps its identity in the file: it need not be
		// derivable, so it is a secret no list of names can recover.
		if id, err = ical.NewPlanID(o.app.Rand); err != nil {
			return nil, err
		}
	}
	return &course{Plan: plan, PlanID: id, Inputs: in, Catalog: cat.Ref, FreeTime: freeTime}, nil
}

// printNotes writes the plan's warnings and notes to w, then, when the
// patient's calendar moved sessions, the time of day at which it would
// move none.
func (c *course) printNotes(w io.Writer) {
	printWarnings(w, c.Plan)
	if t := c.FreeTime; t != nil {
		fmt.Fprintf(w, "mesoplan: note: the patient's calendar moves sessions at %s; at --time %s it moves none\n", c.Inputs.Time, *t)
	}
}

// savedCourse is the course a saved file holds.
func savedCourse(doc *savedPlan) *course {
	return &course{Plan: doc.Plan, PlanID: doc.Inputs.PlanID, Saved: doc}
}

// makePlan plans a course; --sessions 0 and a course length out of range
// are reported as the flag. Reading the calendars records their hashes in
// in. When the patient's calendar moved sessions, it also returns a time
// of day at which it would move none, if there is one.
func makePlan(cat *loadedCatalog, in *courseInputs, now time.Time, sessionsSet bool) (*planner.Plan, *planner.Clock, error) {
	if sessionsSet && in.Sessions == 0 { // 0 in a Request means "the default"
		t, err := cat.Treatment(in.Treatment)
		if err != nil {
			return nil, nil, err
		}
		return nil, nil, usageErrorf("--sessions 0: a %s course takes %d to %d sessions", t.ID, t.Sessions.Min, t.Sessions.Max)
	}
	if in.Lang != "" {
		tag, err := locale.Match(cat.Catalog, in.Lang)
		if err != nil {
			return nil, nil, settingError(err, in.langSource)
		}
		in.Lang = tag
	}
	req, err := in.request(now)
	if err != nil {
		return nil, nil, err
	}
	plan, err := planner.Make(cat.Catalog, req)
	var sessions *planner.SessionsError
	if errors.As(err, &sessions) {
		return nil, nil, usageErrorf("--sessions %d: %v", sessions.N, sessions)
	}
	var input *planner.InputError
	if errors.As(err, &input) && len(req.Busy) > 0 {
		// The patient's calendar in the way at this time of day (a weekly
		// class on the only day they come): say which time is free.
		if free, ok := planner.FreeTime(cat.Catalog, req, -1); ok {
			hinted := *input
			hinted.Hint = fmt.Sprintf("the patient's calendar is in the way at %s: --time %s places every session", req.Time, free)
			return nil, nil, &hinted
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if planner.CalendarInTheWay(cat.Catalog, req) {
		// A time offered must not bring more conflicts than this one.
		conflicts := 0
		for _, f := range plan.Warnings {
			if f.Code == "conflict" {
				conflicts++
			}
		}
		if free, ok := planner.FreeTime(cat.Catalog, req, conflicts); ok {
			return plan, &free, nil
		}
	}
	return plan, nil, nil
}

func planRun(opts *planOptions) error {
	render, err := planRenderer(opts.Format)
	if err != nil {
		return err
	}
	if strings.EqualFold(opts.Format, "table") && !opts.Detail {
		render = forPeople(renderShort)
	}
	if strings.EqualFold(opts.Format, "calendar") {
		view, err := opts.calendarView()
		if err != nil {
			return err
		}
		render = func(w io.Writer, p *planner.Plan, _ clinic, tr *locale.Printer, width int) error {
			view.Words = tr
			return renderCalendar(w, p, width, view)
		}
	}
	unlock, err := opts.guardOutputs()
	if err != nil {
		return err
	}
	defer unlock()
	c, err := opts.loadCourse("")
	if err != nil {
		return err
	}
	c.printNotes(opts.app.Err)
	words, err := opts.patientWords(c)
	if err != nil {
		return err
	}
	cl, err := clinicFor(opts.Settings, c, opts.From)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := render(&buf, c.Plan, cl, words, opts.app.width()); err != nil {
		return err
	}
	if opts.Save != "" {
		if err := saveCourse(opts.app, opts.Save, c, exportRecord{Clinic: cl}); err != nil {
			return err
		}
	}
	if err := writeOutput(opts.app, opts.Output, buf.Bytes()); err != nil {
		return err
	}
	confirm(opts.app, opts.Save, "the plan")
	confirm(opts.app, opts.Output, fmt.Sprintf("%s, %s", countOf(len(c.Plan.Sessions), "session"), opts.Format))
	return nil
}

// calendarView reads --color and --week-start: colour always, never, or
// (auto) when standard output is a terminal and NO_COLOR is not set.
func (o *planOptions) calendarView() (calendarView, error) {
	var v calendarView
	switch c := strings.ToLower(o.Color); c {
	case "always":
		v.Color = true
	case "never":
	case "auto":
		tty := false
		if o.app.TerminalWidth != nil {
			_, tty = o.app.TerminalWidth()
		}
		noColor, set := o.app.LookupEnv("NO_COLOR")
		v.Color = tty && (!set || noColor == "")
	default:
		e := usageErrorf("--color %q: want auto, always or never", o.Color)
		if s := planner.Suggest(c, []string{"auto", "always", "never"}); s != "" {
			e.hint = fmt.Sprintf("did you mean %q?", s)
		}
		return v, e
	}
	switch s := strings.ToLower(o.WeekStart); s {
	case "monday", "mon":
	case "sunday", "sun":
		v.Sunday = true
	default:
		e := usageErrorf("--week-start %q: want monday or sunday", o.WeekStart)
		if m := planner.Suggest(s, []string{"monday", "sunday"}); m != "" {
			e.hint = fmt.Sprintf("did you mean %q?", m)
		}
		return v, e
	}
	return v, nil
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

// busyFiles are the --busy calendars by absolute path, so that a saved
// plan finds them from any directory.
func busyFiles(paths []string) []busyFile {
	var files []busyFile
	for _, p := range paths {
		if p == stdinPath {
			files = append(files, busyFile{Path: stdinPath})
			continue
		}
		files = append(files, busyFile{Path: abs(p), given: p})
	}
	return files
}

// abs is path made absolute, or path itself if that fails.
func abs(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}
