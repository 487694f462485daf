package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/planner"
)

// exportOptions is everything `mesoplan export` needs.
type exportOptions struct {
	planOptions
	Audience   string
	Remind     string
	Patient    string
	PlanID     string
	QuietHours string

	given map[string]bool // export flags set on the command line
}

const exportLong = `Export a planned course as an iCalendar (.ics) file for Google Calendar,
Apple Calendar, Outlook or Thunderbird. It takes every flag of 'mesoplan
plan' and holds:

  - one event per session, with reminders 1 day and 2 hours before
    (--remind changes them, --remind none removes every reminder);
  - one event per preparation and aftercare window, shown as free time,
    all-day when it spans two or more days, with a reminder when a
    preparation window starts;
  - the maintenance recall, when the treatment has one.

No reminder fires in the quiet hours (--quiet-hours, default 22:00-07:00):
one due after 22:00 or before 07:00 fires at 22:00 the evening before.

Every event's UID derives from the plan's identity (--plan-id, else a hash
of patient, treatment and start date), so importing a re-exported plan
updates the events instead of duplicating them. With --save, the file also
records each event's SEQUENCE: 'export --from PLAN.json --save PLAN.json'
after a reschedule raises SEQUENCE on the events that changed and writes
the ones that are gone as cancelled, so every calendar app updates. The patient's name appears
only in the calendar's name, summaries (--audience practitioner) and
descriptions, never in UIDs.

` + noticeLine

func newExportCmd(env *runEnv) *cobra.Command {
	opts := &exportOptions{planOptions: planOptions{env: env}}
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
			if err := opts.complete(cmd, args); err != nil {
				return err
			}
			opts.given = map[string]bool{}
			for _, f := range []string{"audience", "remind", "quiet-hours"} {
				opts.given[f] = cmd.Flags().Changed(f)
			}
			return runExport(opts)
		},
	}
	addPlanFlags(cmd.Flags(), &opts.planOptions)
	f := cmd.Flags()
	f.StringVar(&opts.Audience, "audience", "patient", "whom the calendar is for: `patient` or practitioner")
	f.StringVar(&opts.Remind, "remind", "", "session reminders before each session, e.g. `24h,2h` (default 24h,2h; none: no reminders at all)")
	f.StringVar(&opts.Patient, "patient", "", "the patient's `name`, for the calendar name and descriptions")
	f.StringVar(&opts.PlanID, "plan-id", "", "the plan's identity in every UID (`ID`: letters, digits, '.', '_', '-'; default: a hash of patient, treatment and start date)")
	f.StringVar(&opts.QuietHours, "quiet-hours", "22:00-07:00", "no reminder fires in this `span` (HH:MM-HH:MM, or none)")
	return cmd
}

func runExport(opts *exportOptions) error {
	if opts.From != "" {
		doc, err := loadSaved(opts.From)
		if err != nil {
			return err
		}
		opts.loaded = doc
		// The saved plan's export choices hold unless given again.
		for flag, p := range map[string]*string{"audience": &opts.Audience, "remind": &opts.Remind, "quiet-hours": &opts.QuietHours} {
			if saved := doc.Inputs.Export[flag]; saved != "" && !opts.given[flag] {
				*p = saved
			}
		}
	}
	enc, err := opts.icalOptions() // bad export flags are reported before planning
	if err != nil {
		return err
	}
	plan, planID, err := opts.planOrLoad(opts.Patient)
	if err != nil {
		return err
	}
	opts.exportChoices = map[string]string{"audience": opts.Audience, "remind": opts.Remind, "quiet-hours": opts.QuietHours}
	if enc.PlanID == "" {
		enc.PlanID = planID
	}
	if enc.Patient == "" && opts.loaded != nil {
		enc.Patient = opts.loaded.Inputs.Patient
	}
	var previous []ical.EventState
	if opts.loaded != nil {
		previous = opts.loaded.Calendar
	}
	data, states, err := ical.EncodeUpdate(plan, enc, previous)
	if err != nil {
		return err
	}
	opts.calendar = states
	if err := opts.saveIfAsked(plan, enc.PlanID, enc.Patient); err != nil {
		return err
	}
	return writeOutput(opts.env.app, opts.Output, data)
}

// icalOptions checks the export flags and turns them into ical.Options.
func (o *exportOptions) icalOptions() (ical.Options, error) {
	enc := ical.Options{
		Patient:          o.Patient,
		PlanID:           o.PlanID,
		SessionReminders: ical.DefaultSessionReminders(),
		PrepReminders:    true,
		Quiet:            ical.QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}},
		Now:              o.env.app.Now(),
		Version:          version(),
	}
	switch strings.ToLower(o.Audience) {
	case "patient":
		enc.Audience = ical.Patient
	case "practitioner":
		enc.Audience = ical.Practitioner
	default:
		e := usageErrorf("--audience %q: want patient or practitioner", o.Audience)
		if s := planner.Suggest(strings.ToLower(o.Audience), []string{"patient", "practitioner"}); s != "" {
			e.hint = fmt.Sprintf("did you mean %q?", s)
		}
		return enc, e
	}
	if o.PlanID != "" {
		if err := ical.CheckPlanID(o.PlanID); err != nil {
			return enc, usageErrorf("--plan-id: %v", err)
		}
	}
	reminders, prep, err := parseReminders(o.Remind)
	if err != nil {
		return enc, err
	}
	if reminders != nil {
		enc.SessionReminders, enc.PrepReminders = reminders, prep
	}
	if enc.Quiet, err = parseQuietHours(o.QuietHours); err != nil {
		return enc, err
	}
	c := o.env.clinic() // its e-mail address was checked with the settings
	enc.Clinic = ical.Clinic{Name: c.Name, Address: c.Address, Email: c.Email}
	return enc, nil
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
