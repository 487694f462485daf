package cmd

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/planner"
)

// savedFormat names the saved-plan file format; savedVersion is the
// version this mesoplan writes and the newest it reads (docs/saved-plan.md).
const (
	savedFormat  = "mesoplan-plan"
	savedVersion = 2
)

// savedPlan is the file --save writes and --from reads: the plan with
// every input that made it, so it can be rendered, exported and
// rescheduled later without the original command line.
type savedPlan struct {
	Format  string        `json:"format"`
	Version int           `json:"version"`
	Saved   string        `json:"saved"`
	Inputs  savedInputs   `json:"inputs"`
	Catalog catalogRef    `json:"catalog"`
	Plan    *planner.Plan `json:"plan"`
	// Calendar is what the last export with --save wrote: each event's
	// UID, SEQUENCE and content hash, so that the next export of a changed
	// plan raises SEQUENCE where something changed and cancels what is gone.
	Calendar []ical.EventState `json:"calendar,omitempty"`
}

// savedInputs are the planning inputs, as given.
type savedInputs struct {
	Treatment      string     `json:"treatment"`
	Start          string     `json:"start"`
	Time           string     `json:"time"`
	Timezone       string     `json:"timezone"`
	Sessions       int        `json:"sessions,omitempty"`
	Conditions     []string   `json:"conditions,omitempty"`
	Strict         bool       `json:"strict,omitempty"`
	PerSession     bool       `json:"per_session,omitempty"`
	AllowPast      bool       `json:"allow_past,omitempty"`
	Price          int        `json:"price,omitempty"`
	Lang           string     `json:"lang,omitempty"`
	OpenDays       string     `json:"open_days"`
	Closed         []string   `json:"closed,omitempty"`
	Holidays       string     `json:"holidays"`
	Away           []string   `json:"away,omitempty"`
	Days           string     `json:"days,omitempty"`
	Busy           []busyFile `json:"busy,omitempty"`
	AvoidConflicts bool       `json:"avoid_conflicts,omitempty"`
	// PlanID is the identity every exported UID derives from; a
	// rescheduled plan keeps it, so calendars update instead of duplicate.
	PlanID string `json:"plan_id"`
	// Patient is the name given to export --patient, for later exports.
	Patient string `json:"patient,omitempty"`
	// Clinic is the clinic the plan was made or exported for, so that a
	// later export --from, where no setting gives one, names the same.
	Clinic *clinic `json:"clinic,omitempty"`
	// Export holds export --audience, --detail, --remind and --quiet-hours, so a
	// later 'export --from' makes the same calendar.
	Export *exportChoices `json:"export,omitempty"`
}

// exportChoices are the export flags a saved plan keeps, as given. The
// fields are in the order of their JSON names, as the map they replace
// was written.
type exportChoices struct {
	Audience string `json:"audience"`
	// Detail is "true" or "false" when --detail was given, else "": the
	// audience decides.
	Detail     string `json:"detail,omitempty"`
	QuietHours string `json:"quiet-hours"`
	Remind     string `json:"remind"`
}

// exportRecord is what an export adds to a saved plan: the patient's name,
// the export's choices and the state of the calendar it wrote.
type exportRecord struct {
	Patient  string
	Clinic   clinic
	Choices  *exportChoices
	Calendar []ical.EventState
}

// saveCourse writes the saved-plan file atomically: the inputs that made
// the course, or those of the file it was loaded from, with what an export
// adds.
func saveCourse(app *App, path string, c *course, rec exportRecord) error {
	doc := savedDocument(app, c, rec)
	return writeSaved(app, path, &doc)
}

// savedDocument is the saved plan of a course, stamped now.
func savedDocument(app *App, c *course, rec exportRecord) savedPlan {
	var doc savedPlan
	if c.Saved != nil {
		doc = *c.Saved
	} else {
		doc = savedPlan{Format: savedFormat, Version: savedVersion, Inputs: c.Inputs.saved(c.PlanID), Catalog: c.Catalog, Plan: c.Plan}
	}
	doc.Saved = app.Now().UTC().Format(time.RFC3339)
	doc.Inputs.PlanID = c.PlanID
	if rec.Patient != "" {
		doc.Inputs.Patient = rec.Patient
	}
	if rec.Clinic != (clinic{}) {
		cl := rec.Clinic
		doc.Inputs.Clinic = &cl
	}
	if rec.Choices != nil {
		doc.Inputs.Export = rec.Choices
	}
	if rec.Calendar != nil {
		doc.Calendar = rec.Calendar
	}
	return doc
}

func writeSaved(app *App, path string, doc *savedPlan) error {
	if path == "-" {
		return usageErrorf("--save needs a file name, not -")
	}
	data, err := marshalSaved(doc)
	if err != nil {
		return err
	}
	return writeOutput(app, path, data)
}

// marshalSaved is the file of a saved plan.
func marshalSaved(doc *savedPlan) ([]byte, error) {
	doc.Version = savedVersion // a plan read from version 1 is written in the current form
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	if len(data) >= maxPlanBytes {
		// It could not be read back: refuse it now, not at the next command.
		return nil, fmt.Errorf("the saved plan would be %d MiB, over the %d MiB a plan file may hold: its catalog files (kept in it) are too large", len(data)>>20, maxPlanBytes>>20)
	}
	return append(data, '\n'), nil
}

// wantJSON says, for a value of the wrong type in a saved plan, what was
// found and what is wanted, in words rather than Go types.
func wantJSON(e *json.UnmarshalTypeError) string {
	want := "a " + e.Type.Kind().String()
	switch e.Type.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		want = "a whole number"
	case reflect.String:
		want = "a string"
	case reflect.Bool:
		want = "true or false"
	case reflect.Slice:
		want = "a list"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		want = "an object"
	}
	return fmt.Sprintf("%s, want %s", e.Value, want)
}

// loadSaved reads and checks a saved-plan file. A file from a newer
// mesoplan, or edited into a plan that cannot be, is an error naming it.
func loadSaved(path string) (*savedPlan, error) {
	data, err := readInput(path, "plan", maxPlanBytes)
	if err != nil {
		return nil, err
	}
	var doc savedPlan
	if err := json.Unmarshal(data, &doc); err != nil {
		var syn *json.SyntaxError
		var zone *planner.ZoneError
		if errors.As(err, &zone) {
			return nil, fmt.Errorf("%s: impossible plan: %v", path, zone)
		}
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("%s: not a mesoplan plan file: invalid JSON at byte %d: %v", path, syn.Offset, err)
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) && typ.Field != "" {
			return nil, fmt.Errorf("%s: not a mesoplan plan file: %s: %s", path, typ.Field, wantJSON(typ))
		}
		return nil, fmt.Errorf("%s: not a mesoplan plan file: %v", path, err)
	}
	switch {
	case doc.Format != savedFormat:
		return nil, fmt.Errorf("%s: not a mesoplan plan file (format %q; write one with --save)", path, doc.Format)
	case doc.Version > savedVersion:
		return nil, fmt.Errorf("%s: plan format version %d is newer than this mesoplan reads (%d): update mesoplan", path, doc.Version, savedVersion)
	case doc.Version < 1:
		return nil, fmt.Errorf("%s: invalid plan format version %d", path, doc.Version)
	}
	if doc.Plan == nil {
		return nil, fmt.Errorf("%s: impossible plan: it has no sessions", path)
	}
	if err := doc.Plan.Check(); err != nil {
		return nil, fmt.Errorf("%s: impossible plan: %v", path, err)
	}
	if err := ical.CheckPlanID(doc.Inputs.PlanID); err != nil {
		return nil, fmt.Errorf("%s: inputs.plan_id: %v", path, err)
	}
	// The course length asked for, if one was: every save writes the
	// plan's own, so any other is an edit, which a later plan --from
	// would follow where reschedule goes by the sessions.
	if n, have := doc.Inputs.Sessions, doc.Plan.CourseSessions(); n != 0 && n != have {
		return nil, fmt.Errorf("%s: inputs.sessions %d: the plan has %d course sessions", path, n, have)
	}
	for i, st := range doc.Calendar {
		if err := st.Check(); err != nil {
			return nil, fmt.Errorf("%s: calendar[%d].%v", path, i, err)
		}
	}
	return &doc, nil
}

// planningFlags are the flags that describe a course to plan; with --from
// the saved plan already says all of it.
func planningFlags() []string {
	return []string{"start", "time", "tz", "sessions", "condition", "strict", "per-session", "allow-past", "price",
		"open", "closed", "holidays", "away", "days", "busy", "avoid-conflicts", "lang"}
}

// fromArgs checks a --from command line: no TREATMENT, no planning flag.
func fromArgs(cmd *cobra.Command, args []string) error {
	if cmd.Flags().Lookup("from").Value.String() == "" {
		return usageErrorf("--from needs the file of a saved plan").withHint("e.g. --from anna.json, written with --save")
	}
	if len(args) > 0 {
		return usageErrorf("--from renders a saved plan: give no TREATMENT (got %q)", args[0])
	}
	flags := planningFlags()
	if i := slices.IndexFunc(flags, func(f string) bool { return flagChanged(cmd, f) }); i >= 0 {
		return usageErrorf("--from renders a saved plan as it is: --%s cannot change it", flags[i]).withHint("to change the course, plan it again (and --save it)")
	}
	return nil
}

// clinicFor is the clinic of an export, handout or plan of course c: the
// settings' clinic, each field not set anywhere (flag, variable, config
// file) taken from the saved plan's, so that 'export --from' from another
// directory makes the same calendar as the export that saved it. A saved
// value is checked as a setting is; a bad one is an error naming the file.
func clinicFor(s *Settings, c *course, file string) (clinic, error) {
	cl := s.Clinic
	if c.Saved == nil || c.Saved.Inputs.Clinic == nil {
		return cl, nil
	}
	saved := *c.Saved.Inputs.Clinic
	unset := func(src Source) bool { return src.Layer == LayerDefault }
	bad := func(field string, err error) (clinic, error) {
		return clinic{}, &fileError{where: file, err: fmt.Errorf("inputs.clinic.%s: %w", field, err)}
	}
	if unset(s.Sources.ClinicName) && cl.Name == "" {
		cl.Name = planner.OneLine(saved.Name)
	}
	if unset(s.Sources.ClinicAddress) && cl.Address == "" {
		cl.Address = planner.OneLine(saved.Address)
	}
	if unset(s.Sources.ClinicPhone) && cl.Phone == "" && saved.Phone != "" {
		p, err := parsePhone(string(saved.Phone))
		if err != nil {
			return bad("phone", err)
		}
		cl.Phone = p
	}
	if unset(s.Sources.ClinicEmail) && cl.Email == "" && saved.Email != "" {
		e, err := parseEmail(string(saved.Email))
		if err != nil {
			return bad("email", err)
		}
		cl.Email = e
	}
	if unset(s.Sources.ClinicURL) && cl.URL == "" && saved.URL != "" {
		u, err := parseWebAddress(string(saved.URL))
		if err != nil {
			return bad("url", err)
		}
		cl.URL = u
	}
	return cl, nil
}
