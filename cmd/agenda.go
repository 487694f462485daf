package cmd

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// agendaFormats are what 'mesoplan agenda' writes.
var agendaFormats = []string{"table", "json", "csv", "tsv", "ics"}

// agendaOptions is everything 'mesoplan agenda' needs.
type agendaOptions struct {
	app      *App
	settings *Settings
	catalog  func() (*loadedCatalog, error)
	printers map[string]*locale.Printer // by language
	Paths    []string                   // saved plans, or folders of them
	From, To string                     // dates, inclusive; "" is the default
	Overdue  bool
	Format   string
	Output   string
}

func newAgendaCmd(env *runEnv, runF func(*agendaOptions) error) *cobra.Command {
	opts := &agendaOptions{}
	cmd := &cobra.Command{
		Use:   "agenda PLAN.json...|DIR...",
		Short: "List the sessions of many saved plans, by day: held, overdue or next",
		Long: `List the sessions of many saved plans (files, or folders whose *.json files
are read, such as 'batch --save' writes) from --from to --to, both
included (default: the next 7 days from today in the clinic's time zone),
by day and time, with the patient, the treatment, the session and its
status: held (recorded with 'reschedule --done'), overdue (its time has
passed and it is not recorded as held), next, or planned. --overdue lists
only the overdue sessions, up to today unless --from or --to say
otherwise: who needs a call.

As a table, JSON, CSV, TSV, or one practitioner calendar (--format ics).
A file that is no saved plan is reported and skipped; the exit status is
then 1.`,
		Example: `  mesoplan agenda calendars/
  mesoplan agenda calendars/ --from 2027-03-15 --to 2027-03-21 --format csv -o week.csv
  mesoplan agenda calendars/ --overdue
  mesoplan agenda anna.json bob.json --format ics -o clinic.ics`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.app, opts.settings, opts.Paths, opts.catalog = env.app, env.settings, args, env.loadCatalog
			if !slices.Contains(agendaFormats, strings.ToLower(opts.Format)) {
				return formatError(opts.Format, agendaFormats)
			}
			opts.Format = strings.ToLower(opts.Format)
			if err := checkAgendaOutput(opts.Format, opts.Output); err != nil {
				return err
			}
			if err := checkAgendaInputs(opts.Output, opts.Paths); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return agendaRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.From, "from", "", "the first `date` (YYYY-MM-DD; default today)")
	f.StringVar(&opts.To, "to", "", "the last `date` (YYYY-MM-DD; default 6 days after --from)")
	f.BoolVar(&opts.Overdue, "overdue", false, "only the overdue sessions (up to today unless --from or --to are given)")
	f.StringVarP(&opts.Format, "format", "f", "table", "output `format`: table, json, csv, tsv or ics")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this `file` instead of standard output")
	f.String("tz", "", "the clinic's IANA time `zone`, whose today is the default --from")
	markSetting(f, "tz", "tz")
	return cmd
}

// checkAgendaOutput refuses -o with an extension naming another format.
func checkAgendaOutput(format, path string) error {
	ext := strings.ToLower(filepath.Ext(path))
	want := map[string]string{".ics": "ics", ".ical": "ics", ".json": "json", ".csv": "csv", ".tsv": "tsv"}[ext]
	if path == "" || path == "-" || want == "" || want == format {
		return nil
	}
	return usageErrorf("-o %s: a %s file, but --format is %s", path, ext, format).withHint("use --format %s", want)
}

// checkAgendaInputs refuses an output that is one of the plans read, or a
// .json file in a folder read, which the next agenda would take for a plan.
func checkAgendaInputs(output string, paths []string) error {
	if output == "" || output == "-" {
		return nil
	}
	var inputs []namedPath
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			if strings.EqualFold(filepath.Ext(output), ".json") && sameFile(filepath.Dir(output), p) {
				return usageErrorf("-o %s: a .json file in %s, whose every .json file agenda reads as a plan: write it elsewhere", output, p)
			}
			continue
		}
		inputs = append(inputs, namedPath{"plan", p})
	}
	return checkOutputs([]namedPath{{"-o", output}}, inputs, "")
}

// agendaEntry is one session in the agenda.
type agendaEntry struct {
	Date        planner.Date `json:"date"`
	Start       time.Time    `json:"start"`
	End         time.Time    `json:"end"`
	Timezone    string       `json:"timezone"`
	Patient     string       `json:"patient"`
	PlanID      string       `json:"plan_id"`
	File        string       `json:"file"`
	Treatment   string       `json:"treatment"`
	Name        string       `json:"treatment_name"`
	Title       string       `json:"-"` // the name without its explanation
	Session     int          `json:"session"`
	Of          int          `json:"course_sessions"`
	Maintenance bool         `json:"maintenance,omitempty"`
	Status      string       `json:"status"`
}

// agendaProblem is a file that could not be read.
type agendaProblem struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func agendaRun(o *agendaOptions) error {
	zone, err := planZone(o.app, o.settings)
	if err != nil {
		return err
	}
	now := o.app.Now()
	today := planner.DateOf(now.In(zone.Location()))
	from, to := today, today.AddDays(6)
	if o.Overdue {
		from, to = planner.Date{Year: 1, Month: 1, Day: 1}, today
	}
	if o.From != "" {
		if from, err = planner.ParseDate(o.From); err != nil {
			return usageErrorf("--from: %v", err)
		}
		if o.To == "" && !o.Overdue {
			to = from.AddDays(6)
		}
	}
	if o.To != "" {
		if to, err = planner.ParseDate(o.To); err != nil {
			return usageErrorf("--to: %v", err)
		}
	}
	if to.Before(from) {
		return usageErrorf("--to %s is before --from %s", to, from)
	}
	files, err := agendaFiles(o.Paths)
	if err != nil {
		return err
	}
	keep := func(p *planner.Plan, s planner.Session, state planner.SessionState) bool {
		d := planner.DateOf(s.Start.In(p.Zone.Location()))
		return !d.Before(from) && !to.Before(d) && (!o.Overdue || state == planner.StateOverdue)
	}
	var entries []agendaEntry
	var problems []agendaProblem
	var body bytes.Buffer
	var agenda *ical.Agenda
	if o.Format == "ics" {
		if agenda, err = ical.NewAgenda(&body, ical.AgendaOptions{Name: "Clinic agenda", Notice: planner.Notice,
			Clinic: icalClinic(o.settings.Clinic), Now: now, Version: version()}); err != nil {
			return err
		}
	}
	patients := map[string]bool{}
	planFiles := map[string]string{} // plan id -> the file it was read from
	for _, file := range files {
		doc, err := loadSaved(file)
		if err == nil && doc.Plan == nil {
			err = errors.New("no plan")
		}
		if err != nil {
			problems = append(problems, agendaProblem{File: file, Error: planner.OneLine(err.Error())})
			fmt.Fprintf(o.app.Err, "mesoplan: %s\n", planner.OneLine(err.Error()))
			continue
		}
		p := doc.Plan
		if id := doc.Inputs.PlanID; id != "" {
			if first, ok := planFiles[id]; ok {
				err := fmt.Errorf("%s: plan id %s is also %s's: the same plan saved twice? It is listed once", file, id, first)
				problems = append(problems, agendaProblem{File: file, Error: err.Error()})
				fmt.Fprintf(o.app.Err, "mesoplan: %s\n", err)
				continue
			}
			planFiles[id] = file
		}
		states := p.Status(now)
		loc := p.Zone.Location()
		total := p.CourseSessions()
		n := len(entries)
		stateOf := map[int]planner.SessionState{} // by session number
		for i, s := range p.Sessions {
			stateOf[s.Number] = states[i]
			if !keep(p, s, states[i]) {
				continue
			}
			entries = append(entries, agendaEntry{Date: planner.DateOf(s.Start.In(loc)), Start: s.Start.In(loc), End: s.End.In(loc),
				Timezone: p.Zone.String(), Patient: doc.Inputs.Patient, PlanID: doc.Inputs.PlanID, File: file,
				Treatment: p.Treatment.ID, Name: p.Treatment.Name, Title: p.Treatment.Title(), Session: s.Number, Of: total, Maintenance: s.Maintenance, Status: string(states[i])})
		}
		if len(entries) > n {
			patients[file] = true
		}
		if agenda != nil && len(entries) > n {
			planID := doc.Inputs.PlanID
			if planID == "" {
				planID = ical.PlanIdentity(doc.Inputs.Patient, p.Treatment.ID, planner.DateOf(p.Sessions[0].Start.In(loc)))
			}
			kept := func(s planner.Session) bool { return keep(p, s, stateOf[s.Number]) }
			if err := agenda.Add(p, planID, doc.Inputs.Patient, o.words(p.Lang), kept); err != nil {
				problems = append(problems, agendaProblem{File: file, Error: err.Error()})
				fmt.Fprintf(o.app.Err, "mesoplan: %s: %s\n", file, planner.OneLine(err.Error()))
			}
		}
	}
	slices.SortStableFunc(entries, func(a, b agendaEntry) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := strings.Compare(a.Patient, b.Patient); c != 0 {
			return c
		}
		return a.Session - b.Session
	})
	if o.Format == "ics" && agenda.Events() == 0 {
		// A calendar must hold a component (RFC 5545 section 3.6): an
		// empty one is refused by strict clients.
		return fmt.Errorf("no sessions from %s to %s: no calendar written", from, to)
	}
	write := func(w io.Writer) error {
		switch o.Format {
		case "ics":
			return agenda.Finish(w, &body)
		case "csv":
			return writeAgendaCSV(w, entries)
		}
		return writeData(w, o.Format, o.app.width(), agendaData(entries, problems, from, to, now, zone, len(patients), o.Overdue))
	}
	if err := writeStream(o.app, o.Output, write); err != nil {
		return err
	}
	confirm(o.app, o.Output, fmt.Sprintf("%s of %s", countOf(len(entries), "session"), countOf(len(patients), "patient")))
	if len(problems) > 0 {
		return fmt.Errorf("%d of %d files could not be read", len(problems), len(files))
	}
	return nil
}

// agendaFiles lists the saved plans named: files as given, and the *.json
// files of a folder in name order.
func agendaFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", p, unwrapPathError(err))
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		found, err := filepath.Glob(filepath.Join(p, "*.json"))
		if err != nil {
			return nil, err
		}
		// Only files: a FIFO named *.json would wait for a writer.
		found = slices.DeleteFunc(found, func(f string) bool {
			fi, err := os.Stat(f)
			return err == nil && !fi.Mode().IsRegular()
		})
		if len(found) == 0 {
			return nil, &fileError{where: p, err: errors.New("no saved plans (*.json) in this folder")}
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	return uniqueFiles(files), nil
}

// agendaData is the agenda as a table, JSON or TSV.
func agendaData(entries []agendaEntry, problems []agendaProblem, from, to planner.Date, now time.Time, zone planner.Zone, patients int, overdue bool) dataOutput {
	d := dataOutput{Header: []string{"Date", "Time", "Patient", "Treatment", "Session", "Status"}, Rows: [][]string{}}
	zones := map[string]bool{}
	for _, e := range entries {
		zones[e.Timezone] = true
	}
	last := planner.Date{}
	for _, e := range entries {
		day := ""
		if e.Date != last {
			day = e.Start.Format("Mon 2006-01-02")
			last = e.Date
		}
		at := e.Start.Format("15:04")
		if len(zones) > 1 || e.Timezone != zone.String() {
			abbr, _ := e.Start.Zone()
			at += " " + abbr
		}
		session := fmt.Sprintf("%d of %d", e.Session, e.Of)
		if e.Maintenance {
			session = fmt.Sprintf("maintenance %d", e.Session-e.Of)
		}
		patient := planner.OneLine(e.Patient)
		if patient == "" {
			patient = filepath.Base(e.File)
		}
		d.Rows = append(d.Rows, []string{day, at, patient, e.Title, session, e.Status})
	}
	what := "Sessions"
	if overdue {
		what = "Overdue sessions"
	}
	span := fmt.Sprintf("%s to %s", from, to)
	if from.Year == 1 {
		span = "up to " + to.String()
	}
	d.Before = fmt.Sprintf("%s %s: %s of %s (as of %s)", what, span, countOf(len(entries), "session"), countOf(patients, "patient"), now.In(zone.Location()).Format(layoutDateTime))
	type jsonFrom struct {
		SchemaVersion int             `json:"schema_version"`
		From          *planner.Date   `json:"from,omitempty"`
		To            planner.Date    `json:"to"`
		Now           time.Time       `json:"now"`
		Timezone      string          `json:"timezone"`
		Overdue       bool            `json:"overdue,omitempty"`
		Sessions      []agendaEntry   `json:"sessions"`
		Problems      []agendaProblem `json:"problems"`
	}
	j := jsonFrom{SchemaVersion: jsonSchemaVersion, To: to, Now: now.In(zone.Location()).Truncate(time.Second), Timezone: zone.String(),
		Overdue: overdue, Sessions: entries, Problems: problems}
	if j.Sessions == nil {
		j.Sessions = []agendaEntry{}
	}
	if j.Problems == nil {
		j.Problems = []agendaProblem{}
	}
	if from.Year != 1 {
		j.From = &from
	}
	d.JSON = j
	return d
}

// writeAgendaCSV writes the agenda as CSV (RFC 4180), a session a row.
func writeAgendaCSV(w io.Writer, entries []agendaEntry) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"date", "start", "end", "timezone", "patient", "plan_id", "file", "treatment", "treatment_name", "session", "course_sessions", "maintenance", "status"})
	for _, e := range entries {
		_ = cw.Write([]string{e.Date.String(), e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339), e.Timezone, csvSafe(e.Patient), e.PlanID, csvSafe(e.File),
			e.Treatment, csvSafe(e.Name), strconv.Itoa(e.Session), strconv.Itoa(e.Of), strconv.FormatBool(e.Maintenance), e.Status})
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading a name as a formula (CSV
// injection): a value starting with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets hide.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// uniqueFiles drops a file named again (by another path to it, or
// through a folder also named): a plan is read once.
func uniqueFiles(files []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		if key := canonicalPath(f); !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out
}

// words is the printer of a plan's language for its calendar events,
// from the catalog the settings name; nil (English) when that catalog does
// not have the language.
func (o *agendaOptions) words(lang string) *locale.Printer {
	if p, ok := o.printers[lang]; ok {
		return p
	}
	var p *locale.Printer
	if cat, err := o.catalog(); err == nil {
		if tag, err := locale.Match(cat.Catalog, lang); err == nil {
			p, _ = locale.New(cat.Catalog, tag)
		}
	}
	if o.printers == nil {
		o.printers = map[string]*locale.Printer{}
	}
	o.printers[lang] = p
	return p
}
