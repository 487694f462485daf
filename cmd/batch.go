package cmd

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// batchOptions is everything 'mesoplan batch' needs.
type batchOptions struct {
	File          string // the CSV file, or "-" for standard input
	OutDir        string
	Save          bool // also write DIR/<id>.json saved plans
	IgnoreUnknown bool
	Delimiter     string // "", "," or ";": "" detects it
	FailFast      bool
	Format        string // the summary: table or json

	app      *App
	catalog  func() (*loadedCatalog, error)
	Settings *Settings
	printers map[string]*locale.Printer // by language, made once
}

// batchColumns are the columns a batch file may have; id, treatment and
// start are required.
var batchColumns = []string{"id", "treatment", "start", "name", "time", "timezone", "sessions", "conditions", "away", "days", "plan_id", "lang"}

func newBatchCmd(env *runEnv, runF func(*batchOptions) error) *cobra.Command {
	opts := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch FILE.csv|- --out-dir DIR",
		Short: "Plan and export a course for every row of a CSV file",
		Long: `Plan, screen and export a course for every patient of a CSV file (or - for
standard input): DIR/<id>.ics, and with --save DIR/<id>.json, through the
same code as plan and export. The file has a header row; columns are
matched by name in any case and order: id, treatment and start (required),
name, time, timezone, sessions, conditions (separated by ;), away and days
(as --away and --days, several separated by ;), plan_id, lang. Settings and
flags (--tz, --time, --lang, the clinic ...) are the defaults a row's
columns override. UTF-8 with or without BOM, quoted fields, CRLF or LF,
comma or semicolon delimited (detected, or --delimiter).

A bad row (an unknown treatment, a bad date, a refused plan, an id that is
no file name) is reported with its line and id and written nowhere; the
others go on (--fail-fast stops at the first). A summary follows; the exit
status is 1 when a row failed.`,
		Example: `  mesoplan batch patients.csv --out-dir calendars --tz Europe/Rome
  mesoplan batch - --out-dir out --save --format json < patients.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.app, opts.catalog, opts.Settings = args[0], env.app, env.loadCatalog, env.settings
			if strings.TrimSpace(opts.OutDir) == "" {
				return usageErrorf("--out-dir is required").withHint("e.g. --out-dir calendars")
			}
			if d := opts.Delimiter; d != "" && d != "," && d != ";" {
				return usageErrorf("--delimiter %q: want , or ;", d)
			}
			if f := strings.ToLower(opts.Format); f != "table" && f != "json" {
				return formatError(opts.Format, []string{"table", "json"})
			}
			if runF != nil {
				return runF(opts)
			}
			return batchRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.OutDir, "out-dir", "", "write each patient's files into this `directory` (made if missing)")
	f.BoolVar(&opts.Save, "save", false, "also write each patient's saved plan, DIR/<id>.json")
	f.BoolVar(&opts.IgnoreUnknown, "ignore-unknown", false, "ignore columns mesoplan does not know instead of refusing the file")
	f.StringVar(&opts.Delimiter, "delimiter", "", "the field `separator`: , or ; (default: detected from the header)")
	f.BoolVar(&opts.FailFast, "fail-fast", false, "stop at the first row that fails")
	f.StringVarP(&opts.Format, "format", "f", "table", "the summary's `format`: table or json")
	f.String("tz", "", "IANA time `zone` of rows without a timezone column")
	f.String("time", "", "session time, `HH:MM`, of rows without a time column")
	f.String("lang", "", "the `language` of rows without a lang column")
	for flag, key := range map[string]string{"tz": "tz", "time": "time", "lang": "lang"} {
		markSetting(f, flag, key)
	}
	return cmd
}

// batchRow is one failed row in the summary.
type batchRow struct {
	Line   int    `json:"line"`
	ID     string `json:"id"`
	Status string `json:"status"` // refused or failed
	Reason string `json:"reason"`
}

// batchSummary is what a batch did, printed at its end.
type batchSummary struct {
	SchemaVersion int        `json:"schema_version"`
	Rows          int        `json:"rows"`
	Written       int        `json:"written"`
	Refused       int        `json:"refused"`
	Failed        int        `json:"failed"`
	Problems      []batchRow `json:"problems"`
}

func batchRun(o *batchOptions) error {
	var in io.Reader = o.app.In
	if o.File != "-" {
		f, err := os.Open(o.File)
		if err != nil {
			return fmt.Errorf("reading batch file: %w", err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return fmt.Errorf("reading batch file: %s is a directory", o.File)
		}
		in = f
	}
	r, cols, err := batchReader(in, o.File, o.Delimiter, o.IgnoreUnknown)
	if err != nil {
		return err
	}
	if err := makeOutDir(o.OutDir); err != nil {
		return err
	}
	cat, err := o.catalog()
	if err != nil {
		return err
	}
	sum := batchSummary{SchemaVersion: jsonSchemaVersion, Problems: []batchRow{}}
	seen := map[string]int{} // lowercased id -> line
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) && perr.Err != csv.ErrFieldCount {
				return &fileError{where: fmt.Sprintf("%s:%d", o.File, perr.Line), err: perr.Err}
			}
			if record == nil {
				return &fileError{where: o.File, err: err}
			}
		}
		if !utf8.ValidString(strings.Join(record, "")) {
			return &fileError{where: fmt.Sprintf("%s:%d", o.File, line), err: errors.New("not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in a spreadsheet)")}
		}
		sum.Rows++
		row := map[string]string{}
		for name, i := range cols {
			if i < len(record) {
				row[name] = strings.TrimSpace(record[i])
			}
		}
		status, reason := "failed", ""
		switch {
		case len(record) != len(r.header):
			reason = fmt.Sprintf("%d fields, the header has %d", len(record), len(r.header))
		default:
			status, reason = o.batchRow(cat, row, line, seen)
		}
		if status == "written" {
			sum.Written++
			continue
		}
		if status == "refused" {
			sum.Refused++
		} else {
			sum.Failed++
		}
		sum.Problems = append(sum.Problems, batchRow{Line: line, ID: row["id"], Status: status, Reason: reason})
		fmt.Fprintf(o.app.Err, "mesoplan: %s:%d: %s (id %q): %s\n", o.File, line, status, clip(row["id"]), clip(planner.OneLine(reason)))
		if o.FailFast {
			break
		}
	}
	if sum.Rows == 0 {
		return &fileError{where: o.File, err: errors.New("no rows after the header")}
	}
	d := dataOutput{JSON: sum, Header: []string{"Rows", "Written", "Refused", "Failed"},
		Rows: [][]string{{strconv.Itoa(sum.Rows), strconv.Itoa(sum.Written), strconv.Itoa(sum.Refused), strconv.Itoa(sum.Failed)}}}
	if err := writeData(o.app.Out, o.Format, o.app.width(), d); err != nil {
		return err
	}
	if sum.Refused+sum.Failed > 0 {
		return fmt.Errorf("%d of %d rows were not written", sum.Refused+sum.Failed, sum.Rows)
	}
	return nil
}

// batchRow plans and writes one row; it returns written, refused or
// failed, and why.
func (o *batchOptions) batchRow(cat *loadedCatalog, row map[string]string, line int, seen map[string]int) (string, string) {
	id := row["id"]
	for name, v := range row {
		if len(v) > maxBatchField {
			return "failed", fmt.Sprintf("column %s holds %d bytes, more than %d", name, len(v), maxBatchField)
		}
	}
	if err := checkBatchID(id); err != nil {
		return "failed", err.Error()
	}
	key := strings.ToLower(id)
	if first, ok := seen[key]; ok {
		return "failed", fmt.Sprintf("id %q is already used on line %d (ids must differ in more than case)", id, first)
	}
	seen[key] = line
	in, err := o.rowInputs(row)
	if err != nil {
		return "failed", err.Error()
	}
	p, err := makePlan(cat, &in, o.app.Now(), false)
	var refused *planner.RefusedError
	if errors.As(err, &refused) {
		return "refused", err.Error()
	}
	if err != nil {
		return "failed", err.Error()
	}
	words, err := o.words(cat, p.Lang)
	if err != nil {
		return "failed", err.Error()
	}
	planID := row["plan_id"]
	if planID == "" {
		planID = ical.PlanIdentity(row["name"], p.Treatment.ID, in.Start)
	}
	cl := o.Settings.Clinic
	data, states, err := ical.EncodeUpdate(p, patientCalendarOptions(o.app, planID, row["name"], cl, words), nil)
	if err != nil {
		return "failed", err.Error()
	}
	if o.Save {
		in.Treatment = p.Treatment.ID
		c := &course{Plan: p, PlanID: planID, Inputs: in, Catalog: cat.Ref}
		choices := exportChoices{Audience: "patient", QuietHours: "22:00-07:00"}
		if err := saveCourse(o.app, filepath.Join(o.OutDir, id+".json"), c, exportRecord{Patient: row["name"], Clinic: cl, Choices: &choices, Calendar: states}); err != nil {
			return "failed", err.Error()
		}
	}
	if err := writeOutput(o.app, filepath.Join(o.OutDir, id+".ics"), data); err != nil {
		return "failed", err.Error()
	}
	return "written", ""
}

// words returns the printer of a language, made once per batch (with the
// warning for what it does not translate, once).
func (o *batchOptions) words(cat *loadedCatalog, lang string) (*locale.Printer, error) {
	if p, ok := o.printers[lang]; ok {
		return p, nil
	}
	p, err := locale.New(cat.Catalog, lang)
	if err != nil {
		return nil, err
	}
	printMissingWords(o.app.Err, cat.Catalog, lang)
	if o.printers == nil {
		o.printers = map[string]*locale.Printer{}
	}
	o.printers[lang] = p
	return p, nil
}

// rowInputs reads a row's course, its columns over the settings.
func (o *batchOptions) rowInputs(row map[string]string) (courseInputs, error) {
	s := o.Settings
	in := courseInputs{Treatment: row["treatment"], Time: s.Time, Zone: s.Zone, Lang: string(s.Lang),
		Clinic: clinicCalendar{OpenDays: s.OpenDays, Closed: s.Closed, Holidays: s.Holidays}}
	var err error
	if in.Treatment == "" {
		return in, errors.New("no treatment")
	}
	if in.Start, err = planner.ParseDate(row["start"]); err != nil {
		return in, fmt.Errorf("start: %w", err)
	}
	if v := row["time"]; v != "" {
		if in.Time, err = planner.ParseClock(v); err != nil {
			return in, fmt.Errorf("time: %w", err)
		}
	}
	if v := row["timezone"]; v != "" {
		if in.Zone, err = planner.LoadZone(v); err != nil {
			return in, fmt.Errorf("timezone: %w", err)
		}
	}
	if in.Zone.IsZero() {
		if in.Zone, err = planZone(o.app, o.Settings); err != nil {
			return in, err
		}
	}
	if v := row["sessions"]; v != "" {
		if in.Sessions, err = strconv.Atoi(v); err != nil || in.Sessions < 1 {
			return in, fmt.Errorf("sessions %q: want a whole number from 1", v)
		}
	}
	for _, c := range strings.Split(row["conditions"], ";") {
		if c = strings.TrimSpace(c); c != "" {
			in.Conditions = append(in.Conditions, c)
		}
	}
	for _, a := range strings.Split(row["away"], ";") {
		if a = strings.TrimSpace(a); a != "" {
			r, err := planner.ParseDateRange(a)
			if err != nil {
				return in, fmt.Errorf("away: %w", err)
			}
			in.Patient.Away = append(in.Patient.Away, r)
		}
	}
	if v := row["days"]; v != "" {
		if in.Patient.Days, err = planner.ParseWeekdays(strings.ReplaceAll(v, ";", ",")); err != nil {
			return in, fmt.Errorf("days: %w", err)
		}
	}
	if v := row["lang"]; v != "" {
		in.Lang = v
	}
	return in, nil
}

// reBatchID is a file name on every system: letters, digits, '.', '_' and
// '-', starting with a letter or digit.
var reBatchID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// checkBatchID refuses an id that cannot name DIR/<id>.ics safely: a path
// separator or "..", a control character, a name Windows reserves.
func checkBatchID(id string) error {
	if !reBatchID.MatchString(id) || strings.Contains(id, "..") {
		return fmt.Errorf("id %q: want letters, digits, '.', '_' or '-' (at most 100, no '..'), to name the patient's files", id)
	}
	base := strings.ToUpper(strings.SplitN(id, ".", 2)[0])
	reserved := []string{"CON", "PRN", "AUX", "NUL"}
	for i := 1; i <= 9; i++ {
		reserved = append(reserved, fmt.Sprintf("COM%d", i), fmt.Sprintf("LPT%d", i))
	}
	if slices.Contains(reserved, base) {
		return fmt.Errorf("id %q: a name Windows reserves for a device", id)
	}
	return nil
}

// Bounds of a batch file: a line (a patient's row) and a field are far
// longer than any real one, and short enough that /dev/zero or a file
// without line breaks is refused at once instead of filling memory.
const (
	maxBatchLine  = 64 << 10
	maxBatchField = 1000
)

// lineLimit fails a read once a line passes max bytes.
type lineLimit struct {
	r    io.Reader
	max  int
	line int // bytes since the last line break
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			l.line = 0
		} else if l.line++; l.line > l.max {
			return 0, fmt.Errorf("a line longer than %d KiB: not a batch file of patients", l.max>>10)
		}
	}
	return n, err
}

// clip shortens a value for a message: its first 60 characters.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// csvRows reads the rows of a batch file after its header.
type csvRows struct {
	*csv.Reader
	header []string
}

// batchReader reads the header of a batch file: it strips a BOM, detects
// the delimiter from the header line when none is given, and maps each
// known column to its index; an unknown column is an error unless ignored,
// a missing required one always.
func batchReader(in io.Reader, name, delim string, ignoreUnknown bool) (*csvRows, map[string]int, error) {
	br := bufio.NewReaderSize(&lineLimit{r: in, max: maxBatchLine}, 64<<10)
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		_, _ = br.Discard(3)
	}
	if delim == "" {
		head, _ := br.Peek(br.Buffered())
		if len(head) == 0 {
			head, _ = br.Peek(4096)
		}
		first := string(head)
		if i := strings.IndexAny(first, "\r\n"); i >= 0 {
			first = first[:i]
		}
		delim = ","
		if strings.Count(first, ";") > strings.Count(first, ",") {
			delim = ";"
		}
	}
	r := csv.NewReader(br)
	r.Comma = rune(delim[0])
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, &fileError{where: name, err: errors.New("empty: want a header row (id,treatment,start,...) and a row per patient")}
	}
	if err != nil {
		return nil, nil, &fileError{where: name, err: err}
	}
	cols := map[string]int{}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		switch {
		case slices.Contains(batchColumns, key):
			if _, dup := cols[key]; dup {
				return nil, nil, &fileError{where: name + ":1", err: fmt.Errorf("column %q twice", key)}
			}
			cols[key] = i
		case !ignoreUnknown:
			msg := fmt.Errorf("unknown column %q (known: %s; --ignore-unknown to skip it)", clip(h), strings.Join(batchColumns, ", "))
			if s := planner.Suggest(key, batchColumns); s != "" {
				msg = fmt.Errorf("unknown column %q: did you mean %q? (--ignore-unknown to skip it)", clip(h), s)
			}
			return nil, nil, &fileError{where: name + ":1", err: msg}
		}
	}
	for _, req := range []string{"id", "treatment", "start"} {
		if _, ok := cols[req]; !ok {
			return nil, nil, &fileError{where: name + ":1", err: fmt.Errorf("no %q column: want at least id, treatment and start", req)}
		}
	}
	return &csvRows{Reader: r, header: header}, cols, nil
}
