package cmd

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// exportOptions is everything 'mesoplan export' needs.
type exportOptions struct {
	planOptions
	Choices exportChoices
	Patient string
	PlanID  string
	// Given says which of the choices were set on the command line: with
	// --from, the saved plan's choices hold for the others.
	Given exportGiven
}

// exportGiven says which export choices the command line set.
type exportGiven struct {
	Audience, Detail, Remind, QuietHours bool
}

const exportLong = `Export a planned course as an iCalendar (.ics) file for Google Calendar,
Apple Calendar, Outlook or Thunderbird. It takes every flag of 'mesoplan
plan' and holds:

  - one event per session, with reminders 1 day and 2 hours before
    (--remind changes them, --remind none removes every reminder);
  - for the patient (the default audience), per session at most two more
    events, shown as free time: "Before ... session N" gathers every
    preparation item with the exact time it starts, with a reminder when
    each starts, and "After ... session N" every aftercare item with the
    time it ends; a restriction that runs across several sessions is said
    once, and no day holds more than one all-day event;
  - with --detail (the default for --audience practitioner), one event per
    preparation and aftercare rule instead, all-day when it spans two or
    more days, with a reminder when a preparation window starts;
  - the maintenance recall, when the treatment has one.

No reminder fires in the quiet hours (--quiet-hours, default 22:00-07:00):
a session reminder due then fires at 07:00 when that is still an hour
before the session, any other at 22:00 the evening before.

Every event's UID derives from the plan's identity, so importing a
re-exported plan updates the events instead of duplicating them. With
--save the identity is random and kept in the file, revealing nothing;
without it, it is --plan-id or a hash of patient, treatment and start date
(the same bytes every time, but recognisable by anyone who can guess
those). After 'mesoplan reschedule', 'export --from PLAN.json' raises
SEQUENCE on the events that changed, so every calendar app updates; with
--save the file also records each event's SEQUENCE, so that 'export --from
PLAN.json --save PLAN.json' also writes the events that are gone as
cancelled. The patient's name appears only in the
calendar's name, summaries (--audience practitioner) and descriptions,
never in UIDs.

` + planner.Notice

func newExportCmd(env *runEnv, runF func(*exportOptions) error) *cobra.Command {
	opts := &exportOptions{}
	var raw planFlags
	var detail bool
	cmd := &cobra.Command{
		Use:   "export TREATMENT --start YYYY-MM-DD",
		Short: "Export a course as an .ics calendar",
		Long:  exportLong,
		Example: `  mesoplan export mesolifting --start 2027-03-16 --tz Europe/Rome -o course.ics
  mesoplan export hair --start 2027-03-16 --patient "Anna Rossi" --remind 24h,1h -o anna.ics
  mesoplan export cellulite --start 2027-03-16 --audience practitioner --quiet-hours none > clinic.ics`,
		Args:              planArgs,
		ValidArgsFunction: completeTreatments,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.complete(cmd, args, env, raw); err != nil {
				return err
			}
			f := cmd.Flags()
			opts.Given = exportGiven{Audience: f.Changed("audience"), Detail: f.Changed("detail"), Remind: f.Changed("remind"), QuietHours: f.Changed("quiet-hours")}
			if opts.Given.Detail {
				opts.Choices.Detail = strconv.FormatBool(detail)
			}
			if err := checkExtension("export", "", opts.Output); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	addPlanFlags(cmd.Flags(), &opts.planOptions, &raw)
	f := cmd.Flags()
	f.StringVar(&opts.Choices.Audience, "audience", "patient", "whom the calendar is for: `patient` or practitioner")
	f.BoolVar(&detail, "detail", false, "one event per preparation and aftercare rule (default for --audience practitioner); without it each session has one \"before\" and one \"after\" event. Kept with a saved plan: --detail=false turns it off")
	f.StringVar(&opts.Choices.Remind, "remind", "", "session reminders before each session, e.g. `24h,2h` (default 24h,2h; none: no reminders at all)")
	f.StringVar(&opts.Patient, "patient", "", "the patient's `name`, for the calendar name and descriptions")
	f.StringVar(&opts.PlanID, "plan-id", "", "the plan's identity in every UID (`ID`: letters, digits, '.', '_', '-'; default: random with --save, else a hash of patient, treatment and start date)")
	f.StringVar(&opts.Choices.QuietHours, "quiet-hours", "22:00-07:00", "no reminder fires in this `span` (HH:MM-HH:MM, or none)")
	return cmd
}

func exportRun(opts *exportOptions) error {
	unlock, err := opts.guardOutputs()
	if err != nil {
		return err
	}
	defer unlock()
	var saved *savedPlan
	if opts.From != "" {
		doc, err := loadSaved(opts.From)
		if err != nil {
			return err
		}
		saved = doc
		opts.Choices = opts.Choices.over(doc.Inputs.Export, opts.Given)
	}
	enc, err := opts.icalOptions() // bad export flags are reported before planning
	if err != nil {
		return err
	}
	cl := opts.Settings.Clinic
	var c *course
	if saved != nil {
		c = savedCourse(saved)
		if cl, err = clinicFor(opts.Settings, c, opts.From); err != nil {
			return err
		}
		enc.Clinic = icalClinic(cl)
	} else if c, err = opts.loadCourse(opts.Patient); err != nil {
		return err
	}
	c.printNotes(opts.app.Err)
	if enc.PlanID == "" {
		enc.PlanID = c.PlanID
	}
	c.PlanID = enc.PlanID
	var previous []ical.EventState
	if saved != nil {
		previous = saved.Calendar
		if enc.Patient == "" {
			enc.Patient = saved.Inputs.Patient
		}
	}
	if enc.Words, err = opts.patientWords(c); err != nil {
		return err
	}
	enc.NoHashes = opts.Save == "" // the states are kept only in a saved plan
	data, states, err := ical.EncodeUpdate(c.Plan, enc, previous)
	var repeat *planner.ClockRepeatError
	if errors.As(err, &repeat) && saved != nil {
		// Only an edited file holds such a session: the planner refuses it.
		return &fileError{where: opts.From, err: fmt.Errorf("impossible plan: %w", err)}
	}
	if err != nil {
		return err
	}
	if opts.Save != "" {
		choices := opts.Choices
		if err := saveCourse(opts.app, opts.Save, c, exportRecord{Patient: enc.Patient, Clinic: cl, Choices: &choices, Calendar: states}); err != nil {
			return err
		}
	}
	if err := writeOutput(opts.app, opts.Output, data); err != nil {
		return err
	}
	confirm(opts.app, opts.Save, "the plan, with the calendar's state")
	confirm(opts.app, opts.Output, calendarSummary(c.Plan, states))
	return nil
}

// over returns the choices given on the command line over the saved ones:
// a saved choice holds unless given again.
func (c exportChoices) over(saved *exportChoices, given exportGiven) exportChoices {
	if saved == nil {
		return c
	}
	pick := func(flag, savedValue string, isGiven bool) string {
		if savedValue != "" && !isGiven {
			return savedValue
		}
		return flag
	}
	return exportChoices{
		Audience:   pick(c.Audience, saved.Audience, given.Audience),
		Detail:     pick(c.Detail, saved.Detail, given.Detail),
		QuietHours: pick(c.QuietHours, saved.QuietHours, given.QuietHours),
		Remind:     pick(c.Remind, saved.Remind, given.Remind),
	}
}

// icalOptions checks the export flags and turns them into ical.Options.
func (o *exportOptions) icalOptions() (ical.Options, error) {
	enc := ical.Options{
		Patient:          o.Patient,
		PlanID:           o.PlanID,
		SessionReminders: ical.DefaultSessionReminders(),
		PrepReminders:    true,
		Now:              o.app.Now(),
		Version:          version(),
	}
	switch strings.ToLower(o.Choices.Audience) {
	case "patient":
		enc.Audience = ical.Patient
	case "practitioner":
		enc.Audience = ical.Practitioner
		enc.Detail = true
	default:
		e := usageErrorf("--audience %q: want patient or practitioner", o.Choices.Audience)
		if s := planner.Suggest(strings.ToLower(o.Choices.Audience), []string{"patient", "practitioner"}); s != "" {
			e.hint = fmt.Sprintf("did you mean %q?", s)
		}
		return enc, e
	}
	switch o.Choices.Detail {
	case "":
	case "true":
		enc.Detail = true
	case "false":
		enc.Detail = false
	default: // only a saved plan can hold another value
		return enc, &fileError{where: o.From, err: fmt.Errorf("inputs.export.detail %q: want \"true\" or \"false\"", o.Choices.Detail)}
	}
	if o.PlanID != "" {
		if err := ical.CheckPlanID(o.PlanID); err != nil {
			return enc, usageErrorf("--plan-id: %v", err)
		}
	}
	reminders, prep, err := parseReminders(o.Choices.Remind)
	if err != nil {
		return enc, err
	}
	if reminders != nil {
		enc.SessionReminders, enc.PrepReminders = reminders, prep
	}
	if enc.Quiet, err = parseQuietHours(o.Choices.QuietHours); err != nil {
		return enc, err
	}
	enc.Clinic = icalClinic(o.Settings.Clinic) // its e-mail address was checked with the settings
	return enc, nil
}

// patientCalendarOptions are the options of a patient's calendar with export's
// defaults: grouped events, reminders 24 h and 2 h before each session and
// as each preparation item begins, quiet hours 22:00 to 07:00.
func patientCalendarOptions(app *App, planID, patient string, cl clinic, words *locale.Printer) ical.Options {
	return ical.Options{Audience: ical.Patient, Patient: patient, PlanID: planID, Clinic: icalClinic(cl),
		SessionReminders: ical.DefaultSessionReminders(), PrepReminders: true,
		Quiet: ical.QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}},
		Now:   app.Now(), Version: version(), Words: words}
}

// icalClinic is the clinic as the calendar names it.
func icalClinic(c clinic) ical.Clinic {
	return ical.Clinic{Name: c.Name, Address: c.Address, Phone: string(c.Phone), Email: string(c.Email), URL: string(c.URL)}
}

// parseReminders reads --remind: "" keeps the defaults (nil), "none" turns
// every reminder off, else a comma-separated list of spans before each
// session.
func parseReminders(s string) (session []planner.Span, prep bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return nil, true, nil
	case "none", "off":
		return []planner.Span{}, false, nil
	}
	for _, part := range strings.Split(s, ",") {
		sp, err := planner.ParseSpan(strings.TrimSpace(part))
		if err != nil {
			return nil, false, usageErrorf("--remind %q: %v", s, err).withHint("e.g. --remind 24h,2h, or --remind none")
		}
		session = append(session, sp)
	}
	return session, true, nil
}

// parseQuietHours reads --quiet-hours: "HH:MM-HH:MM" or "none".
func parseQuietHours(s string) (ical.QuietHours, error) {
	if strings.EqualFold(strings.TrimSpace(s), "none") {
		return ical.QuietHours{}, nil
	}
	from, to, ok := strings.Cut(s, "-")
	start, err1 := planner.ParseClock(strings.TrimSpace(from))
	end, err2 := planner.ParseClock(strings.TrimSpace(to))
	if !ok || err1 != nil || err2 != nil || start == end {
		return ical.QuietHours{}, usageErrorf("--quiet-hours %q: want HH:MM-HH:MM with two different times, e.g. 22:00-07:00, or none", s)
	}
	return ical.QuietHours{Start: start, End: end}, nil
}

// calendarSummary says what an exported calendar holds: "6 sessions, 19
// events", and how many of them are cancelled events of an earlier export.
func calendarSummary(p *planner.Plan, states []ical.EventState) string {
	cancelled := 0
	for _, s := range states {
		if s.Cancelled {
			cancelled++
		}
	}
	out := fmt.Sprintf("%s, %d events", countOf(len(p.Sessions), "session"), len(states)-cancelled)
	if cancelled > 0 {
		out += fmt.Sprintf(", %d cancelled", cancelled)
	}
	return out
}
