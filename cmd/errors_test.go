package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// TestExitCodeAndHint checks the one place where errors become exit
// statuses and hints: the planner's errors name no flag, cmd adds them.
func TestExitCodeAndHint(t *testing.T) {
	rome, _ := time.LoadLocation("Europe/Rome")
	d := date("2027-03-16")
	tests := []struct {
		name string
		err  error
		code int
		hint string // substring of the hint; "" for none
	}{
		{"success", nil, exitOK, ""},
		{"past start", &planner.PastStartError{Start: d, Today: d.AddDays(1), Zone: "Europe/Rome"}, exitUsage, "--allow-past"},
		{"session passed", &planner.PassedSessionError{Start: time.Date(2027, 3, 16, 10, 0, 0, 0, rome)}, exitUsage, "later start date or session time"},
		{"clock gap", &planner.ClockGapError{Date: d, Clock: planner.Clock{Hour: 2, Minute: 30}, Zone: "Europe/Rome"}, exitUsage, "--time"},
		{"sessions", &planner.SessionsError{N: 9, Treatment: "hair", Min: 3, Max: 6}, exitUsage, ""},
		{"a refused date", &planner.NextDateError{Session: 2, Date: d, Reason: "the clinic is closed on Sundays", Forcible: true}, exitUsage, "--force"},
		{"a date before the last session", &planner.NextDateError{Session: 2, Date: d, Reason: "session 1 is on 2027-03-17"}, exitUsage, ""},
		{"zone", &planner.ZoneError{Name: "europe/rome"}, exitUsage, `"Europe/Rome"`},
		{"input", &planner.InputError{Msg: "unknown treatment", Hint: "run 'mesoplan treatments'"}, exitUsage, "mesoplan treatments"},
		{"usage", usageErrorf("bad flag").withHint("try this"), exitUsage, "try this"},
		{"wrapped planner error", fmt.Errorf("planning: %w", &planner.SessionsError{N: 1}), exitUsage, ""},
		{"refused", &planner.RefusedError{Reasons: []planner.Finding{{Message: "x"}}}, exitRefused, "mesoplan conditions"},
		{"refused by strict screening", &planner.RefusedError{Reasons: []planner.Finding{{Message: "x"}}, Strict: true}, exitRefused, "without --strict"},
		// A bad value in a file is an invalid file, whatever the value.
		{"zone in a config file", settingError(&planner.ZoneError{Name: "Europe/Roma"}, Source{Layer: LayerFile, Name: "c.yaml", Line: 2}), exitFailure, `"Europe/Rome"`},
		{"region in a config file", settingError(&planner.InputError{Msg: "unknown holiday region", Hint: "holidays list"}, Source{Layer: LayerFile, Name: "c.yaml", Line: 3}), exitFailure, "holidays list"},
		{"value in a saved plan", &fileError{where: "p.json", err: &planner.SessionsError{}}, exitFailure, ""},
		{"zone from a variable", settingError(&planner.ZoneError{Name: "Mars/Base"}, Source{Layer: LayerEnv, Name: "MESOPLAN_TZ"}), exitUsage, "IANA"},
		{"anything else", errors.New("disk full"), exitFailure, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.code {
				t.Errorf("exitCode = %d, want %d", got, tt.code)
			}
			if tt.err == nil {
				return
			}
			var buf bytes.Buffer
			printError(&buf, tt.err)
			out := buf.String()
			_, hint, hasHint := strings.Cut(out, "mesoplan: hint: ")
			switch {
			case tt.hint == "" && hasHint && tt.code != exitRefused:
				t.Errorf("unexpected hint %q", hint)
			case tt.hint != "" && !strings.Contains(hint, tt.hint):
				t.Errorf("hint %q, want it to contain %q", hint, tt.hint)
			}
			if !strings.HasPrefix(out, "mesoplan: error: ") {
				t.Errorf("output %q", out)
			}
		})
	}
}

// TestSettingErrorNamesTheSource checks the three ways a bad setting is
// reported.
func TestSettingErrorNamesTheSource(t *testing.T) {
	cause := errors.New(`invalid time "25:00"`)
	for src, want := range map[Source]string{
		{Layer: LayerFile, Name: "c.yaml", Line: 2}: `c.yaml:2: invalid time "25:00"`,
		{Layer: LayerPlan, Name: "p.json"}:          `p.json: invalid time "25:00"`,
		{Layer: LayerEnv, Name: "MESOPLAN_TIME"}:    `invalid time "25:00" (from env MESOPLAN_TIME)`,
		{Layer: LayerFlag, Name: "time"}:            `invalid time "25:00" (from flag --time)`,
	} {
		if got := settingError(cause, src).Error(); got != want {
			t.Errorf("%v: %q, want %q", src, got, want)
		}
	}
}

// TestLongArgumentsClipped: an argument of thousands of characters is not
// repeated in full in the error, which still ends with what is accepted.
func TestLongArgumentsClipped(t *testing.T) {
	long := strings.Repeat("x", 5000)
	for _, args := range [][]string{
		{"plan", long, "--start", "2027-03-16", "--tz", "Europe/Rome"},
		{"plan", "mesolifting", "--start", long, "--tz", "Europe/Rome"},
		{"plan", "mesolifting", "--start", "2027-03-16", "--tz", long},
		{"export", "mesolifting", "--start", "2027-03-16", "--tz", "Europe/Rome", "--remind", long},
	} {
		app, _, stderr := testApp(nil)
		if code := Main(args, app); code != exitUsage {
			t.Errorf("%s: exit %d, want %d", args[:2], code, exitUsage)
		}
		for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
			if n := len([]rune(line)); n > maxErrorLine+len("mesoplan: error: ") {
				t.Errorf("%s: a line of %d characters: %.80s…", args[:2], n, line)
			}
		}
		if !strings.Contains(stderr.String(), "xxx … xxx") {
			t.Errorf("%s: the value is not named by its ends:\n%.300s", args[:2], stderr.String())
		}
	}
	if got := clipMiddle("short", 10); got != "short" {
		t.Errorf("clipMiddle(short) = %q", got)
	}
	if got := clipMiddle(strings.Repeat("é", 20), 10); got != "éééé … ééé" {
		t.Errorf("clipMiddle(20 é, 10) = %q", got)
	}
}
