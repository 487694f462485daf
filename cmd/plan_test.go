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
	ext := map[string]string{"table": "txt", "json": "json", "csv": "csv", "markdown": "md"}
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

// TestNewPlanCmd checks that argv becomes the right options, without
// planning anything.
func TestNewPlanCmd(t *testing.T) {
	tests := []struct {
		name string
		argv []string
		env  map[string]string
		want planOptions
	}{
		{
			name: "defaults",
			argv: []string{"mesolifting", "--start", "2027-03-16"},
			want: planOptions{Treatment: "mesolifting", Start: "2027-03-16", Time: "10:00", TimeSource: "default", TZSource: "default", Format: "table"},
		},
		{
			name: "flags",
			argv: []string{"hair", "--start", "2027-03-16", "--time", "17:30", "--tz", "Asia/Dubai", "--sessions", "6",
				"--condition", "rosacea", "--condition", "diabetes", "--strict", "--per-session", "--allow-past", "-f", "json", "-o", "plan.json"},
			want: planOptions{Treatment: "hair", Start: "2027-03-16", Time: "17:30", TimeSource: "flag --time", TZ: "Asia/Dubai", TZSource: "flag --tz",
				Sessions: 6, Conditions: []string{"rosacea", "diabetes"}, Strict: true, PerSession: true, AllowPast: true, Format: "json", Output: "plan.json", sessionsSet: true},
		},
		{
			name: "environment",
			argv: []string{"cellulite", "--start", "2027-03-16"},
			env:  map[string]string{"MESOPLAN_TZ": "America/New_York", "MESOPLAN_TIME": "08:15"},
			want: planOptions{Treatment: "cellulite", Start: "2027-03-16", Time: "08:15", TimeSource: "env MESOPLAN_TIME", TZ: "America/New_York", TZSource: "env MESOPLAN_TZ", Format: "table"},
		},
		{
			name: "flag beats environment",
			argv: []string{"cellulite", "--start", "2027-03-16", "--tz", "UTC"},
			env:  map[string]string{"MESOPLAN_TZ": "America/New_York"},
			want: planOptions{Treatment: "cellulite", Start: "2027-03-16", Time: "10:00", TimeSource: "default", TZ: "UTC", TZSource: "flag --tz", Format: "table"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, _, _ := testApp(tt.env)
			app.Now = nil
			if err := pinClock(app); err != nil {
				t.Fatal(err)
			}
			var got *planOptions
			root := buildRootCmd(&runEnv{app: app}, func(o *planOptions) error { got = o; return nil })
			root.SetArgs(append([]string{"plan"}, tt.argv...))
			if err := root.Execute(); err != nil {
				t.Fatal(err)
			}
			got.env = nil
			if fmt.Sprintf("%+v", *got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}
