package cmd

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/mesoplan/mesoplan/handout"
	"github.com/mesoplan/mesoplan/planner"
)

// runArgv runs argv on a fresh command tree whose run functions are
// replaced by set, with the environment env, and returns the error.
func runArgv(t *testing.T, env map[string]string, argv []string, set func(*runners)) error {
	t.Helper()
	app, _, _ := testApp(env)
	if err := pinClock(app); err != nil {
		t.Fatal(err)
	}
	var run runners
	set(&run)
	root := buildRootCmd(app, run)
	root.SetArgs(argv)
	return root.Execute()
}

func date(s string) planner.Date {
	d, err := planner.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func dateRange(s string) planner.DateRange {
	r, err := planner.ParseDateRange(s)
	if err != nil {
		panic(err)
	}
	return r
}

func weekdays(s string) planner.Weekdays {
	w, err := planner.ParseWeekdays(s)
	if err != nil {
		panic(err)
	}
	return w
}

// TestNewPlanCmd checks that argv becomes the right options, without
// planning anything.
func TestNewPlanCmd(t *testing.T) {
	tests := []struct {
		name string
		argv []string
		want planOptions
	}{
		{
			name: "defaults",
			argv: []string{"mesolifting", "--start", "2027-03-16"},
			want: planOptions{Treatment: "mesolifting", Start: date("2027-03-16"), Format: "table"},
		},
		{
			name: "flags",
			argv: []string{"hair", "--start", "2027-03-16", "--sessions", "6",
				"--condition", "rosacea", "--condition", "diabetes", "--strict", "--per-session", "--allow-past", "-f", "json", "-o", "plan.json"},
			want: planOptions{Treatment: "hair", Start: date("2027-03-16"),
				Sessions: 6, SessionsSet: true, Conditions: []string{"rosacea", "diabetes"}, Strict: true, PerSession: true, AllowPast: true, Format: "json", Output: "plan.json"},
		},
		{
			name: "format from the output file",
			argv: []string{"hair", "--start", "2027-03-16", "-o", "plan.md"},
			want: planOptions{Treatment: "hair", Start: date("2027-03-16"), Format: "markdown", Output: "plan.md"},
		},
		{
			name: "the calendar view",
			argv: []string{"hair", "--start", "2027-03-16", "-f", "calendar", "--color", "never", "--week-start", "sunday", "--detail"},
			want: planOptions{Treatment: "hair", Start: date("2027-03-16"), Format: "calendar", Color: "never", WeekStart: "sunday", Detail: true},
		},
		{
			name: "--sessions 0 is given",
			argv: []string{"hair", "--start", "2027-03-16", "--sessions", "0"},
			want: planOptions{Treatment: "hair", Start: date("2027-03-16"), SessionsSet: true, Format: "table"},
		},
		{
			name: "the patient's calendar",
			argv: []string{"cellulite", "--start", "2027-03-16", "--away", "2027-04-01..2027-04-10", "--away", "2027-05-02", "--days", "tue,thu",
				"--busy", "a.ics", "--avoid-conflicts", "--save", "p.json"},
			want: planOptions{Treatment: "cellulite", Start: date("2027-03-16"), Format: "table", Save: "p.json",
				Away: []planner.DateRange{dateRange("2027-04-01..2027-04-10"), dateRange("2027-05-02")}, Days: weekdays("tue,thu"),
				Busy: []string{"a.ics"}, AvoidConflicts: true},
		},
		{
			name: "a saved plan",
			argv: []string{"--from", "p.json", "-f", "csv"},
			want: planOptions{From: "p.json", Format: "csv"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *planOptions
			err := runArgv(t, nil, append([]string{"plan"}, tt.argv...), func(r *runners) {
				r.plan = func(o *planOptions) error { got = o; return nil }
			})
			if err != nil {
				t.Fatal(err)
			}
			if got.Settings == nil || got.app == nil || got.catalog == nil {
				t.Fatal("options miss the settings, the app or the catalog")
			}
			got.app, got.catalog, got.Settings = nil, nil, nil
			if got.Color == "auto" && got.WeekStart == "monday" { // the calendar view's defaults
				got.Color, got.WeekStart = "", ""
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestNewPlanCmdErrors checks the usage errors found before planning.
func TestNewPlanCmdErrors(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"hair"}, "missing --start: give the date of session 1 as YYYY-MM-DD"},
		{[]string{"hair", "--start", "2027-02-30"}, `--start: invalid date "2027-02-30": no such day in the calendar`},
		{[]string{"hair", "--start", "2027-03-16", "--away", "soon"}, `--away: invalid date "soon": want YYYY-MM-DD, e.g. 2027-01-12`},
		{[]string{"hair", "--start", "2027-03-16", "--days", "someday"}, "--days: invalid days"},
		{[]string{"hair", "--start", "2027-03-16", "--avoid-conflicts"}, "--avoid-conflicts needs the patient's calendar: give --busy FILE.ics"},
		{[]string{"--from", "p.json", "--start", "2027-03-16"}, "--from renders a saved plan as it is: --start cannot change it"},
		{[]string{"hair", "--start", "2027-03-16", "--tz", "Europe/Roma"}, `unknown time zone "Europe/Roma" (from flag --tz)`},
		{[]string{"hair", "--start", "2027-03-16", "--closed", "2027-13-01"}, `invalid date "2027-13-01": no such day in the calendar (from flag --closed)`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			called := false
			err := runArgv(t, nil, append([]string{"plan"}, tt.argv...), func(r *runners) {
				r.plan = func(*planOptions) error { called = true; return nil }
			})
			if err == nil || called {
				t.Fatalf("no error (run called: %v)", called)
			}
			if got := err.Error(); len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
				t.Errorf("error %q, want it to start with %q", got, tt.want)
			}
			if exitCode(err) != exitUsage {
				t.Errorf("exit code %d, want %d", exitCode(err), exitUsage)
			}
		})
	}
}

// TestNewExportCmd checks export's own flags and which were given.
func TestNewExportCmd(t *testing.T) {
	tests := []struct {
		name string
		argv []string
		want exportOptions
	}{
		{
			name: "defaults",
			argv: []string{"hair", "--start", "2027-03-16"},
			want: exportOptions{planOptions: planOptions{Treatment: "hair", Start: date("2027-03-16")},
				Choices: exportChoices{Audience: "patient", QuietHours: "22:00-07:00"}},
		},
		{
			name: "every export flag",
			argv: []string{"hair", "--start", "2027-03-16", "--audience", "practitioner", "--remind", "24h,1h", "--quiet-hours", "none",
				"--patient", "Anna Rossi", "--plan-id", "anna-1", "-o", "anna.ics"},
			want: exportOptions{planOptions: planOptions{Treatment: "hair", Start: date("2027-03-16"), Output: "anna.ics"},
				Choices: exportChoices{Audience: "practitioner", Remind: "24h,1h", QuietHours: "none"},
				Patient: "Anna Rossi", PlanID: "anna-1", Given: exportGiven{Audience: true, Remind: true, QuietHours: true}},
		},
		{
			name: "one event per rule",
			argv: []string{"hair", "--start", "2027-03-16", "--detail"},
			want: exportOptions{planOptions: planOptions{Treatment: "hair", Start: date("2027-03-16")},
				Choices: exportChoices{Audience: "patient", Detail: "true", QuietHours: "22:00-07:00"}, Given: exportGiven{Detail: true}},
		},
		{
			name: "a practitioner's grouped calendar",
			argv: []string{"hair", "--start", "2027-03-16", "--audience", "practitioner", "--detail=false"},
			want: exportOptions{planOptions: planOptions{Treatment: "hair", Start: date("2027-03-16")},
				Choices: exportChoices{Audience: "practitioner", Detail: "false", QuietHours: "22:00-07:00"}, Given: exportGiven{Audience: true, Detail: true}},
		},
		{
			name: "a saved plan, one choice given again",
			argv: []string{"--from", "p.json", "--remind", "none", "--save", "p.json"},
			want: exportOptions{planOptions: planOptions{From: "p.json", Save: "p.json"},
				Choices: exportChoices{Audience: "patient", Remind: "none", QuietHours: "22:00-07:00"}, Given: exportGiven{Remind: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *exportOptions
			err := runArgv(t, nil, append([]string{"export"}, tt.argv...), func(r *runners) {
				r.export = func(o *exportOptions) error { got = o; return nil }
			})
			if err != nil {
				t.Fatal(err)
			}
			got.app, got.catalog, got.Settings = nil, nil, nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestNewHandoutCmd checks handout's own flags, and that a bad --paper is
// a usage error before anything runs.
func TestNewHandoutCmd(t *testing.T) {
	tests := []struct {
		name    string
		argv    []string
		want    handoutOptions
		wantErr string
	}{
		{
			name: "defaults",
			argv: []string{"mesolifting", "--start", "2027-03-16"},
			want: handoutOptions{planOptions: planOptions{Treatment: "mesolifting", Start: date("2027-03-16")}, Paper: handout.A4},
		},
		{
			name: "every handout flag",
			argv: []string{"cellulite", "--start", "2027-03-16", "--sessions", "12", "--condition", "diabetes", "--price", "80",
				"--patient", "Anna Rossi", "--paper", "Letter", "-o", "anna.html", "--save", "anna.json"},
			want: handoutOptions{planOptions: planOptions{Treatment: "cellulite", Start: date("2027-03-16"), Sessions: 12, SessionsSet: true,
				Conditions: []string{"diabetes"}, Price: 80, Output: "anna.html", Save: "anna.json"},
				Patient: "Anna Rossi", Paper: handout.Letter},
		},
		{
			name: "a saved plan",
			argv: []string{"--from", "anna.json", "--paper", "a4", "-o", "-"},
			want: handoutOptions{planOptions: planOptions{From: "anna.json", Output: "-"}, Paper: handout.A4},
		},
		{name: "a misspelt paper", argv: []string{"mesolifting", "--start", "2027-03-16", "--paper", "leter"}, wantErr: `--paper "leter": want a4 or letter`},
		{name: "an unknown paper", argv: []string{"mesolifting", "--start", "2027-03-16", "--paper", "tabloid"}, wantErr: `--paper "tabloid": want a4 or letter`},
		{name: "a plan flag with --from", argv: []string{"--from", "anna.json", "--start", "2027-03-16"}, wantErr: "--from renders a saved plan as it is: --start cannot change it"},
		{name: "no start", argv: []string{"mesolifting"}, wantErr: "missing --start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *handoutOptions
			err := runArgv(t, nil, append([]string{"handout"}, tt.argv...), func(r *runners) {
				r.handout = func(o *handoutOptions) error { got = o; return nil }
			})
			if tt.wantErr != "" {
				if err == nil || got != nil || exitCode(err) != exitUsage || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error %v (exit %d), want a usage error %q", err, exitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Settings == nil || got.app == nil || got.catalog == nil {
				t.Fatal("options miss the settings, the app or the catalog")
			}
			got.app, got.catalog, got.Settings = nil, nil, nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestParsePaper checks the hint a mistyped --paper gets.
func TestParsePaper(t *testing.T) {
	for in, hint := range map[string]string{"leter": `did you mean "letter"?`, "A5": `did you mean "a4"?`, "tabloid": ""} {
		_, err := parsePaper(in)
		var u *usageError
		if !errors.As(err, &u) || u.hint != hint {
			t.Errorf("--paper %q: error %#v, want hint %q", in, err, hint)
		}
	}
}

// TestExportChoicesOver checks that saved export choices hold unless
// given again.
func TestExportChoicesOver(t *testing.T) {
	flags := exportChoices{Audience: "patient", Remind: "", QuietHours: "22:00-07:00"}
	saved := &exportChoices{Audience: "practitioner", Remind: "48h", QuietHours: ""}
	tests := []struct {
		name  string
		saved *exportChoices
		given exportGiven
		want  exportChoices
	}{
		{"nothing saved", nil, exportGiven{}, flags},
		{"saved choices hold", saved, exportGiven{}, exportChoices{Audience: "practitioner", Remind: "48h", QuietHours: "22:00-07:00"}},
		{"a given flag wins", saved, exportGiven{Audience: true}, exportChoices{Audience: "patient", Remind: "48h", QuietHours: "22:00-07:00"}},
		{"a saved detail holds", &exportChoices{Audience: "patient", Detail: "true"}, exportGiven{}, exportChoices{Audience: "patient", Detail: "true", QuietHours: "22:00-07:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := flags.over(tt.saved, tt.given); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestNewRescheduleCmd checks reschedule's options and its usage errors.
func TestNewRescheduleCmd(t *testing.T) {
	tests := []struct {
		name    string
		argv    []string
		want    rescheduleOptions
		wantErr string
	}{
		{name: "move", argv: []string{"p.json", "--session", "3", "--to", "2027-04-02", "--time", "09:00", "--force", "-i"},
			want: rescheduleOptions{File: "p.json", Change: planner.Change{Kind: planner.ChangeMove, Session: 3, To: date("2027-04-02"), Force: true},
				Time: planner.Clock{Hour: 9}, TimeSet: true, InPlace: true, Format: "table"}},
		{name: "missed", argv: []string{"p.json", "--missed", "4", "--drop", "--save", "q.json", "-o", "q.csv"},
			want: rescheduleOptions{File: "p.json", Change: planner.Change{Kind: planner.ChangeMissed, Session: 4, Drop: true}, Save: "q.json", Output: "q.csv", Format: "csv"}},
		{name: "done", argv: []string{"p.json", "--done", "2", "--on", "2027-03-24", "-f", "json"},
			want: rescheduleOptions{File: "p.json", Change: planner.Change{Kind: planner.ChangeDone, Session: 2, On: date("2027-03-24")}, Format: "json"}},
		{name: "session 0 is a session number", argv: []string{"p.json", "--missed", "0"},
			want: rescheduleOptions{File: "p.json", Change: planner.Change{Kind: planner.ChangeMissed}, Format: "table"}},
		{name: "no action", argv: []string{"p.json"}, wantErr: "give exactly one of --session N --to DATE, --missed N or --done N"},
		{name: "two actions", argv: []string{"p.json", "--missed", "1", "--done", "2"}, wantErr: "give exactly one of"},
		{name: "session without to", argv: []string{"p.json", "--session", "2"}, wantErr: "--session N and --to DATE go together"},
		{name: "two outputs", argv: []string{"p.json", "--done", "1", "-i", "--save", "x.json"}, wantErr: "-i and --save both say where to write: give one"},
		{name: "drop without missed", argv: []string{"p.json", "--done", "1", "--drop"}, wantErr: "--drop goes with --missed, not --done"},
		{name: "on without done", argv: []string{"p.json", "--missed", "1", "--on", "2027-03-24"}, wantErr: "--on goes with --done, not --missed"},
		{name: "force with missed", argv: []string{"p.json", "--missed", "1", "--force"}, wantErr: "--force goes with --session, not --missed"},
		{name: "time with done", argv: []string{"p.json", "--done", "1", "--time", "09:00"}, wantErr: "--time goes with --session, not --done"},
		{name: "empty save", argv: []string{"p.json", "--done", "1", "--save", ""}, wantErr: "--save needs a file name"},
		{name: "empty output", argv: []string{"p.json", "--done", "1", "-o", ""}, wantErr: "--output needs a file name"},
		{name: "bad to", argv: []string{"p.json", "--session", "2", "--to", "2027-02-30"}, wantErr: `--to: invalid date "2027-02-30"`},
		{name: "bad on", argv: []string{"p.json", "--done", "2", "--on", "yesterday"}, wantErr: `--on: invalid date "yesterday"`},
		{name: "bad time", argv: []string{"p.json", "--session", "2", "--to", "2027-04-02", "--time", "25:00"}, wantErr: `--time: invalid time "25:00"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *rescheduleOptions
			err := runArgv(t, nil, append([]string{"reschedule"}, tt.argv...), func(r *runners) {
				r.reschedule = func(o *rescheduleOptions) error { got = o; return nil }
			})
			if tt.wantErr != "" {
				if err == nil || got != nil || exitCode(err) != exitUsage || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error %v (exit %d), want a usage error %q", err, exitCode(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.app, got.catalog, got.Settings = nil, nil, nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestSmallCommandsOptions checks the options of the commands that take a
// file, an id or a year.
func TestSmallCommandsOptions(t *testing.T) {
	t.Run("status", func(t *testing.T) {
		var got *statusOptions
		if err := runArgv(t, nil, []string{"status", "p.json", "-f", "json"}, func(r *runners) {
			r.status = func(o *statusOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got.File != "p.json" || got.Format != "json" || got.app == nil {
			t.Errorf("got %+v", *got)
		}
	})
	t.Run("treatments", func(t *testing.T) {
		for _, tt := range []struct {
			argv []string
			id   string
		}{{[]string{"treatments"}, ""}, {[]string{"treatments", "show", "fat"}, "fat"}, {[]string{"treatments", "show", ""}, ""}} {
			var got *treatmentsOptions
			if err := runArgv(t, nil, tt.argv, func(r *runners) {
				r.treatments = func(o *treatmentsOptions) error { got = o; return nil }
			}); err != nil {
				t.Fatal(err)
			}
			if got.ID != tt.id || got.Show != (len(tt.argv) > 1) || got.catalog == nil {
				t.Errorf("%v: got %+v", tt.argv, *got)
			}
		}
	})
	t.Run("conditions", func(t *testing.T) {
		var got *conditionsOptions
		if err := runArgv(t, nil, []string{"conditions"}, func(r *runners) {
			r.conditions = func(o *conditionsOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got == nil || got.catalog == nil {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("holidays", func(t *testing.T) {
		var got *holidaysOptions
		if err := runArgv(t, nil, []string{"holidays", "de-by", "--year", "2028"}, func(r *runners) {
			r.holidays = func(o *holidaysOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got.Region != "de-by" || got.Year != 2028 || !got.YearSet {
			t.Errorf("got %+v", *got)
		}
	})
	t.Run("version", func(t *testing.T) {
		var got *versionOptions
		if err := runArgv(t, nil, []string{"version", "-f", "json"}, func(r *runners) {
			r.version = func(o *versionOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got.Format != "json" || got.app == nil {
			t.Errorf("got %+v", *got)
		}
	})
	t.Run("batch", func(t *testing.T) {
		var got *batchOptions
		if err := runArgv(t, nil, []string{"batch", "p.csv", "--out-dir", "out", "--save", "--delimiter", ";", "--fail-fast", "--ignore-unknown", "-f", "json"}, func(r *runners) {
			r.batch = func(o *batchOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got.File != "p.csv" || got.OutDir != "out" || !got.Save || got.Delimiter != ";" || !got.FailFast || !got.IgnoreUnknown || got.Format != "json" {
			t.Errorf("got %+v", *got)
		}
	})
	t.Run("samples", func(t *testing.T) {
		var got *samplesOptions
		if err := runArgv(t, nil, []string{"samples", "--out-dir", "out", "--start", "2027-03-15"}, func(r *runners) {
			r.samples = func(o *samplesOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got.OutDir != "out" || got.Start != date("2027-03-15") || got.Settings == nil {
			t.Errorf("got %+v", *got)
		}
	})
	t.Run("config", func(t *testing.T) {
		var got *configOptions
		if err := runArgv(t, map[string]string{"MESOPLAN_TIME": "08:15"}, []string{"config"}, func(r *runners) {
			r.config = func(o *configOptions) error { got = o; return nil }
		}); err != nil {
			t.Fatal(err)
		}
		if got.Settings.Time != (planner.Clock{Hour: 8, Minute: 15}) {
			t.Errorf("got time %v", got.Settings.Time)
		}
	})
}

// TestResolveSettings checks precedence, each value's source and the
// typed values, layer by layer.
func TestResolveSettings(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/config.yaml"
	if err := os.WriteFile(file, []byte("tz: Europe/Rome\ntime: \"09:30\"\nclinic:\n  name: Studio\nclosed: [2027-12-24]\nholidays: it\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		env   map[string]string
		argv  []string
		check func(t *testing.T, s *Settings)
	}{
		{"defaults", map[string]string{}, nil, func(t *testing.T, s *Settings) {
			want := Sources{}
			if s.Sources != want || !s.Zone.IsZero() || s.Time != (planner.Clock{Hour: 10}) || s.OpenDays != weekdays("mon-sat") || s.Holidays != "" || s.ConfigFile != "" {
				t.Errorf("got %+v", *s)
			}
		}},
		{"the file", map[string]string{"MESOPLAN_CONFIG": file}, nil, func(t *testing.T, s *Settings) {
			if s.Zone.String() != "Europe/Rome" || s.Sources.Zone != (Source{Layer: LayerFile, Name: file, Line: 1}) {
				t.Errorf("zone %v from %v", s.Zone, s.Sources.Zone)
			}
			if s.Clinic.Name != "Studio" || s.Sources.ClinicName.Line != 4 || s.Sources.ClinicAddress.Layer != LayerDefault {
				t.Errorf("clinic %+v from %+v", s.Clinic, s.Sources)
			}
			if !reflect.DeepEqual(s.Closed, []planner.DateRange{dateRange("2027-12-24")}) || s.Holidays != "IT" {
				t.Errorf("closed %v, holidays %q", s.Closed, s.Holidays)
			}
		}},
		{"the environment beats the file", map[string]string{"MESOPLAN_CONFIG": file, "MESOPLAN_TZ": "Asia/Tokyo", "MESOPLAN_CLINIC_NAME": "Verdi", "MESOPLAN_TIME": ""}, nil, func(t *testing.T, s *Settings) {
			if s.Zone.String() != "Asia/Tokyo" || s.Sources.Zone.String() != "env MESOPLAN_TZ" || s.Clinic.Name != "Verdi" {
				t.Errorf("got %v from %v, clinic %q", s.Zone, s.Sources.Zone, s.Clinic.Name)
			}
			if s.Time != (planner.Clock{Hour: 9, Minute: 30}) || s.Sources.Time.Layer != LayerFile { // an empty variable is unset
				t.Errorf("time %v from %v", s.Time, s.Sources.Time)
			}
		}},
		{"a flag beats the environment", map[string]string{"MESOPLAN_CONFIG": file, "MESOPLAN_TZ": "Asia/Tokyo"}, []string{"--tz", "UTC", "--time", "7:05", "--closed", "2028-01-01..2028-01-02"}, func(t *testing.T, s *Settings) {
			if s.Zone.String() != "UTC" || s.Sources.Zone.String() != "flag --tz" || s.Time != (planner.Clock{Hour: 7, Minute: 5}) {
				t.Errorf("zone %v from %v, time %v", s.Zone, s.Sources.Zone, s.Time)
			}
			if !reflect.DeepEqual(s.Closed, []planner.DateRange{dateRange("2028-01-01..2028-01-02")}) || s.Sources.Closed.String() != "flag --closed" {
				t.Errorf("closed %v from %v", s.Closed, s.Sources.Closed)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *planOptions
			argv := append([]string{"plan", "hair", "--start", "2027-03-16"}, tt.argv...)
			if err := runArgv(t, tt.env, argv, func(r *runners) {
				r.plan = func(o *planOptions) error { got = o; return nil }
			}); err != nil {
				t.Fatal(err)
			}
			tt.check(t, got.Settings)
		})
	}
}

// TestSourceString checks how each layer is named in 'mesoplan config'
// and in errors.
func TestSourceString(t *testing.T) {
	for src, want := range map[Source]string{
		{}:                                     "default",
		{Layer: LayerFlag, Name: "tz"}:         "flag --tz",
		{Layer: LayerEnv, Name: "MESOPLAN_TZ"}: "env MESOPLAN_TZ",
		{Layer: LayerFile, Name: "c.yaml", Line: 3}: "config c.yaml:3",
		{Layer: LayerPlan, Name: "p.json"}:          "plan file p.json",
	} {
		if got := src.String(); got != want {
			t.Errorf("%+v: got %q, want %q", src, got, want)
		}
	}
}

// TestSkipDefaultConfig: the default config file is skipped when absent or
// out of reach (a folder on the way cannot be searched), never when it is
// there: a file that cannot be read is reported.
func TestSkipDefaultConfig(t *testing.T) {
	for _, tt := range []struct {
		err               error
		skip, unreachable bool
	}{
		{nil, false, false},
		{&fs.PathError{Op: "stat", Path: "home/.config/mesoplan/config.yaml", Err: syscall.ENOENT}, true, false},
		{&fs.PathError{Op: "stat", Path: "other-home/.config/mesoplan/config.yaml", Err: syscall.EACCES}, true, true},
		{&fs.PathError{Op: "stat", Path: "xdg/mesoplan/config.yaml", Err: syscall.ENOTDIR}, false, false}, // a file saved as xdg/mesoplan: said
		{&fs.PathError{Op: "stat", Path: "home/.config/mesoplan/config.yaml", Err: syscall.EIO}, false, false},
	} {
		if skip, unreachable := skipDefaultConfig(tt.err); skip != tt.skip || unreachable != tt.unreachable {
			t.Errorf("%v: skip %v, unreachable %v; want %v, %v", tt.err, skip, unreachable, tt.skip, tt.unreachable)
		}
	}
	if os.Geteuid() == 0 {
		return // root searches any folder: the rest needs another user
	}
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".config", "mesoplan"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(home, ".config"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(home, ".config"), 0o700)
	app, _, stderr := testApp(map[string]string{"HOME": home})
	if code := Main([]string{"plan", "mesolifting", "--start", "2027-03-16", "--tz", "UTC", "-q"}, app); code != 0 || !strings.Contains(stderr.String(), "cannot be reached") {
		t.Errorf("exit %d, %s", code, stderr)
	}
}
