package cmd

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"time"

	"github.com/mesoplan/mesoplan/holidays"
	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/planner"
)

// courseInputs are the typed inputs a course is planned from: made from the
// command line and settings by plan and export, from a saved plan by
// reschedule, and saved with --save.
type courseInputs struct {
	Treatment  string
	Start      planner.Date
	Time       planner.Clock
	Zone       planner.Zone
	Sessions   int
	Conditions []string
	Strict     bool
	PerSession bool
	AllowPast  bool
	Price      int // the price of one session; 0: the catalog's
	// Lang is the language of the plan's texts: a tag of the catalog's
	// languages once matched ("" or "en": English).
	Lang   string
	Clinic clinicCalendar
	// langSource is where Lang came from, for an error; the zero Source
	// for a saved plan's.
	langSource Source
	Patient    patientCalendar
	// savedIn is the saved plan these inputs were read from, if any: a
	// value at fault is then the file's.
	savedIn string
	// stdin is what "--busy -" reads: standard input, for inputs from a
	// command line; nil for those read from a saved plan.
	stdin io.Reader
}

// clinicCalendar is when the clinic sees patients.
type clinicCalendar struct {
	OpenDays planner.Weekdays
	Closed   []planner.DateRange
	Holidays holidayRegion
}

// patientCalendar is when the patient can come.
type patientCalendar struct {
	Away           []planner.DateRange
	Days           planner.Weekdays // none set: any day
	Busy           []busyFile       // the patient's calendars (.ics files)
	AvoidConflicts bool
}

// busyFile is a patient's calendar: its absolute path and, once read, the
// SHA-256 of its content. A saved plan keeps both, so that it is
// rescheduled around the same events, from any directory, or not at all.
type busyFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	// given is the path as the user typed it, for messages; "" for one
	// read from a saved plan.
	given string
}

// stdinPath is the path of a calendar read from standard input
// ("--busy -").
const stdinPath = "-"

// namesStdin reports whether path is one of the names of standard input.
func namesStdin(path string) bool {
	switch filepath.Clean(path) {
	case "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0":
		return true
	}
	return false
}

// name is the path to show in messages: as typed, when it was.
func (b busyFile) name() string {
	if b.Path == stdinPath {
		return "standard input"
	}
	if b.given != "" {
		return b.given
	}
	return b.Path
}

// UnmarshalJSON also reads a saved plan of format version 1, which kept
// only the path as given.
func (b *busyFile) UnmarshalJSON(data []byte) error {
	var path string
	if json.Unmarshal(data, &path) == nil {
		*b = busyFile{Path: path}
		return nil
	}
	type plain busyFile
	return json.Unmarshal(data, (*plain)(b))
}

// request turns the inputs into a planner.Request, reading the patient's
// calendars; it records the hash of each one read for the first time and
// refuses one that changed since.
func (in *courseInputs) request(now time.Time) (planner.Request, error) {
	if days := in.Patient.Days; days != (planner.Weekdays{}) {
		both := false
		for d := range days {
			both = both || (days[d] && in.Clinic.OpenDays[d])
		}
		if !both {
			// Placement would search a year and blame the first closed day.
			if in.savedIn != "" {
				return planner.Request{}, &fileError{where: in.savedIn,
					err: fmt.Errorf("inputs.days %s: the clinic is open on none of them (open days: %s)", days.Spec(), in.Clinic.OpenDays.Spec())}
			}
			return planner.Request{}, &usageError{
				msg:  fmt.Sprintf("--days %s: the clinic is open on none of them (open days: %s)", days.Spec(), in.Clinic.OpenDays.Spec()),
				hint: "give the patient's days among the open days, or change --open"}
		}
	}
	loc := in.Zone.Location()
	busy, notes, err := readBusy(in.Patient.Busy, in.stdin, in.Start, loc)
	if err != nil {
		return planner.Request{}, err
	}
	return planner.Request{
		Constraints:    in.constraints(),
		Busy:           busy,
		Notes:          notes,
		AvoidConflicts: in.Patient.AvoidConflicts,
		Treatment:      in.Treatment,
		Start:          in.Start,
		Time:           in.Time,
		Location:       loc,
		Sessions:       in.Sessions,
		Conditions:     in.Conditions,
		Strict:         in.Strict,
		PerSession:     in.PerSession,
		AllowPast:      in.AllowPast,
		Price:          in.Price,
		Lang:           in.Lang,
		Today:          now,
	}, nil
}

// constraints are the dates a session may take: the clinic's closed dates
// and holidays, its opening days, the patient's absences and days.
func (in courseInputs) constraints() []planner.Constraint {
	var cons []planner.Constraint
	if len(in.Clinic.Closed) > 0 {
		cons = append(cons, planner.ClosedDates(in.Clinic.Closed))
	}
	if in.Clinic.Holidays != "" {
		// Courses are at most 100 sessions; ten years covers the longest.
		cons = append(cons, holidays.Between(string(in.Clinic.Holidays), in.Start.Year, in.Start.Year+10))
	}
	cons = append(cons, planner.OpenDays(in.Clinic.OpenDays))
	if len(in.Patient.Away) > 0 {
		cons = append(cons, planner.Away(in.Patient.Away))
	}
	if in.Patient.Days != (planner.Weekdays{}) {
		cons = append(cons, planner.PreferredDays(in.Patient.Days))
	}
	return cons
}

// readBusy reads the patient's calendars (--busy), from a month before the
// start to ten years after it: a course of at most 100 sessions ends by
// then. A file with a hash must still have that content; one without gets
// its hash. The path "-" reads stdin.
func readBusy(files []busyFile, stdin io.Reader, start planner.Date, loc *time.Location) (all []planner.BusyEvent, notes []planner.Finding, err error) {
	from := time.Date(start.Year, start.Month, start.Day-31, 0, 0, 0, 0, loc)
	to := time.Date(start.Year+10, start.Month, start.Day, 0, 0, 0, 0, loc)
	seen := map[string]bool{}
	for i, f := range files {
		key := f.Path // absolute
		if key == "" {
			key = f.name()
		}
		if seen[key] {
			continue // the same calendar twice adds nothing
		}
		seen[key] = true
		var data []byte
		if f.Path == stdinPath || (stdin == nil && namesStdin(f.Path)) {
			// A saved plan (no stdin) naming standard input is refused
			// however it spells it.
			data, err = readStdin(stdin, "--busy calendar", maxBusyBytes)
		} else {
			data, err = readInput(f.name(), "--busy calendar", maxBusyBytes)
		}
		if err != nil {
			return nil, nil, err
		}
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])
		if f.SHA256 != "" && f.SHA256 != hash {
			// Not a usage error: nothing on the command line is wrong.
			return nil, nil, &fileError{where: f.name(), err: errors.New("this --busy calendar changed since the plan was saved"),
				hint: "plan the course again with the new calendar (plan --busy ... --save), so that the plan and the calendar agree"}
		}
		files[i].SHA256 = hash
		events, skipped, err := ical.ReadBusy(f.name(), data, loc, from, to)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, events...)
		if len(all) > ical.MaxBusyOccurrences {
			return nil, nil, fmt.Errorf("the --busy calendars hold more than %d busy times in the planning window together: give fewer or shorter exports", ical.MaxBusyOccurrences)
		}
		for _, s := range skipped {
			notes = append(notes, planner.Finding{Code: "busy-skipped", Subject: s.File, Message: skippedNote(s)})
		}
	}
	return all, notes, nil
}

// skippedNote says which events of a busy calendar were skipped or read
// in part, and why; a title is cut to a line's length.
func skippedNote(s ical.Skipped) string {
	what := "skipped"
	if s.Kept {
		what = "read in part"
	}
	switch {
	case s.Events > 1 && s.Line > 0:
		return fmt.Sprintf("%s:%d: %d events (the first on this line) %s: %s", s.File, s.Line, s.Events, what, s.Reason)
	case s.Events > 1:
		return fmt.Sprintf("%s: %d more events %s: %s", s.File, s.Events, what, s.Reason)
	}
	return fmt.Sprintf("%s:%d: event %q %s: %s", s.File, s.Line, planner.Clip(planner.OneLine(s.Summary), 60), what, s.Reason)
}

// saved writes the inputs in a saved plan's text form.
func (in courseInputs) saved(planID string) savedInputs {
	days := ""
	if in.Patient.Days != (planner.Weekdays{}) {
		days = in.Patient.Days.Spec()
	}
	lang := in.Lang
	if lang == planner.English {
		lang = "" // absent for English, as the plan's own lang
	}
	return savedInputs{
		Treatment: in.Treatment, Start: in.Start.String(), Time: in.Time.String(), Timezone: in.Zone.String(),
		Sessions: in.Sessions, Conditions: in.Conditions, Strict: in.Strict, PerSession: in.PerSession, AllowPast: in.AllowPast,
		Price: in.Price, Lang: lang, OpenDays: in.Clinic.OpenDays.Spec(), Closed: rangeTexts(in.Clinic.Closed), Holidays: in.Clinic.Holidays.String(),
		Away: rangeTexts(in.Patient.Away), Days: days, Busy: in.Patient.Busy, AvoidConflicts: in.Patient.AvoidConflicts,
		PlanID: planID,
	}
}

func rangeTexts(rs []planner.DateRange) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.String())
	}
	return out
}

// inputsOf parses a saved plan's inputs; a value that does not parse is an
// error naming the file. A file without opening days or holidays (edited
// by hand) takes them from def.
func inputsOf(s savedInputs, file string, def clinicCalendar) (courseInputs, error) {
	bad := func(err error) (courseInputs, error) {
		return courseInputs{}, &fileError{where: file, err: err}
	}
	in := courseInputs{
		Treatment: s.Treatment, Sessions: s.Sessions, Conditions: s.Conditions,
		Strict: s.Strict, PerSession: s.PerSession, AllowPast: s.AllowPast, Price: s.Price, Lang: s.Lang,
		Patient: patientCalendar{Busy: slices.Clone(s.Busy), AvoidConflicts: s.AvoidConflicts},
		savedIn: file,
	}
	var err error
	if in.Start, err = planner.ParseDate(s.Start); err != nil {
		return bad(err)
	}
	if in.Time, err = planner.ParseClock(s.Time); err != nil {
		return bad(err)
	}
	if in.Zone, err = planner.LoadZone(s.Timezone); err != nil {
		return bad(err)
	}
	in.Clinic = def
	if s.OpenDays != "" {
		if in.Clinic.OpenDays, err = planner.ParseWeekdays(s.OpenDays); err != nil {
			return bad(err)
		}
	}
	if s.Holidays != "" {
		if in.Clinic.Holidays, err = parseHolidayRegion(s.Holidays); err != nil {
			return bad(err)
		}
	}
	if in.Clinic.Closed, err = parseRanges(s.Closed); err != nil {
		return bad(err)
	}
	if in.Patient.Away, err = parseRanges(s.Away); err != nil {
		return bad(err)
	}
	if s.Days != "" {
		if in.Patient.Days, err = planner.ParseWeekdays(s.Days); err != nil {
			return bad(err)
		}
	}
	return in, nil
}

func parseRanges(texts []string) ([]planner.DateRange, error) {
	var out []planner.DateRange
	for _, t := range texts {
		r, err := planner.ParseDateRange(t)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
