package cmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkGolden compares got with testdata/golden/name, or rewrites the file
// under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./cmd -update and review the diff\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, w, g)
		}
	}
	return ""
}

var builtinTreatments = []string{"mesolifting", "hair", "body-contouring", "cellulite", "mesobotox", "needle-free", "analgesic", "skin-quality"}

// TestPlanGolden renders the default course of every built-in treatment in
// every format and compares it with its golden file.
func TestPlanGolden(t *testing.T) {
	ext := map[string]string{"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "calendar": "calendar.txt"}
	for _, tr := range builtinTreatments {
		for _, format := range planFormats {
			t.Run(tr+"/"+format, func(t *testing.T) {
				app, out, errOut := testApp(nil)
				code := Main([]string{"plan", tr, "--start", "2027-03-16", "--tz", "Europe/Rome", "--format", format}, app)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				checkGolden(t, fmt.Sprintf("plan_%s.%s", tr, ext[format]), out.Bytes())
			})
		}
	}
}

// TestPlanGoldenItalian renders two courses in Italian, in the formats
// for people and in JSON.
func TestPlanGoldenItalian(t *testing.T) {
	ext := map[string]string{"table": "txt", "json": "json", "markdown": "md"}
	for _, tr := range []string{"mesolifting", "cellulite"} {
		for format, e := range ext {
			t.Run(tr+"/"+format, func(t *testing.T) {
				app, out, errOut := testApp(nil)
				code := Main([]string{"plan", tr, "--start", "2027-03-16", "--tz", "Europe/Rome", "--lang", "it", "--price", "80", "--format", format}, app)
				if code != 0 || errOut.Len() > 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				checkGolden(t, fmt.Sprintf("plan_%s.it.%s", tr, e), out.Bytes())
			})
		}
	}
}

// TestPlanGoldenCalendar renders the calendar view, plain (what a log or
// a pipe gets) and in colour (--color always), weeks from Monday and from
// Sunday.
func TestPlanGoldenCalendar(t *testing.T) {
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"plan_mesolifting.calendar.txt", nil},
		{"plan_mesolifting.calendar-color.txt", []string{"--color", "always"}},
		{"plan_cellulite.calendar-sunday.it.txt", []string{"--week-start", "sunday", "--lang", "it"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			treatment := strings.SplitN(strings.TrimPrefix(tt.file, "plan_"), ".", 2)[0]
			app, out, errOut := testApp(nil)
			argv := append([]string{"plan", treatment, "--start", "2027-03-16", "--tz", "Europe/Rome", "--format", "calendar"}, tt.args...)
			if code := Main(argv, app); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, tt.file, out.Bytes())
		})
	}
}

// TestPlanDeterministic checks that the same request gives the same bytes
// whatever the process's local zone.
func TestPlanDeterministic(t *testing.T) {
	var first []byte
	for _, zone := range []string{"UTC", "Asia/Tokyo", "America/Los_Angeles"} {
		app, out, errOut := testApp(nil)
		app.SystemZone = func() (string, error) { return zone, nil }
		if code := Main([]string{"plan", "cellulite", "--start", "2027-03-16", "--tz", "Europe/Rome", "-f", "json"}, app); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if first == nil {
			first = out.Bytes()
		} else if !bytes.Equal(first, out.Bytes()) {
			t.Fatalf("output differs with system zone %s", zone)
		}
	}
}
