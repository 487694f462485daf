package ical

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/planner"
)

// goldenCases are representative exports kept in testdata/*.ics: `go test
// ./ical -update` rewrites them; `make interop` validates them with real
// client parsers.
var goldenCases = []struct {
	file string
	spec planSpec
	opts func(t *testing.T, p *planner.Plan, o *Options)
}{
	{
		// mesoplan export mesolifting --start 2027-03-16 --tz Europe/Rome
		// --detail (defaults: 10:00, patient audience, reminders 24h and 2h, prep
		// reminders, quiet hours 22:00-07:00); the course crosses the
		// change to summer time on 28 March.
		file: "mesolifting-rome-dst.ics",
		spec: planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"},
		opts: func(t *testing.T, p *planner.Plan, o *Options) {},
	},
	{
		// mesoplan export cellulite --start 2027-03-01 --sessions 8 --tz America/New_York
		// --condition obesity --audience practitioner --patient "Zoë
		// Ångström-Núñez" with a clinic name, address and e-mail: METHOD,
		// ORGANIZER with CN, Clinic notes, accented name, change to
		// daylight saving time on 14 March, maintenance sessions.
		file: "cellulite-new-york-practitioner.ics",
		spec: planSpec{treatment: "cellulite", zone: "America/New_York", start: "2027-03-01", at: "10:00", sessions: 8, conditions: []string{"obesity"}},
		opts: func(t *testing.T, p *planner.Plan, o *Options) {
			*o = defaultOptions(t, p, "Zoë Ångström-Núñez", "2027-03-01")
			o.Audience = Practitioner
			o.Clinic = Clinic{Name: "Studio Bianchi, Dr. O'Neil", Address: "350 Fifth Avenue, Suite 4100; New York, NY 10118", Email: "front-desk@studio-bianchi.example"}
		},
	},
	{
		// mesoplan export mesolifting --start 2027-03-16 --tz Europe/Rome
		// --patient "Anna Rossi" with the clinic's contacts: a patient's
		// grouped calendar, each session with one "before" and one "after"
		// event; the week without aspirin runs across sessions 1 to 4 and
		// is said once.
		file: "mesolifting-rome-patient.ics",
		spec: planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"},
		opts: func(t *testing.T, p *planner.Plan, o *Options) {
			*o = defaultOptions(t, p, "Anna Rossi", "2027-03-16")
			o.Detail = false
			o.Clinic = Clinic{Name: "Studio Bianchi", Address: "Via Roma 1, 00100 Roma", Phone: "+39 06 1234 5678", URL: "https://studio-bianchi.example/"}
		},
	},
	{
		// mesoplan export mesolifting --start 2027-03-16 --tz Europe/Rome
		// --lang it --patient "Anna Rossi" with the clinic's contacts: the
		// patient's grouped calendar in Italian.
		file: "mesolifting-rome-patient-it.ics",
		spec: planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", at: "10:00", lang: "it"},
		opts: func(t *testing.T, p *planner.Plan, o *Options) {
			*o = defaultOptions(t, p, "Anna Rossi", "2027-03-16")
			o.Detail = false
			o.Clinic = Clinic{Name: "Studio Bianchi", Address: "Via Roma 1, 00100 Roma", Phone: "+39 06 1234 5678", URL: "https://studio-bianchi.example/"}
		},
	},
	{
		// mesoplan export hair --start 2027-10-19 --tz Europe/Rome --lang it
		// --audience practitioner --patient "Giulia Conti": one event per
		// rule, in Italian, across the change back to standard time.
		file: "hair-rome-practitioner-it.ics",
		spec: planSpec{treatment: "hair", zone: "Europe/Rome", start: "2027-10-19", at: "18:30", lang: "it"},
		opts: func(t *testing.T, p *planner.Plan, o *Options) {
			*o = defaultOptions(t, p, "Giulia Conti", "2027-10-19")
			o.Audience = Practitioner
		},
	},
	{
		// mesoplan export mesobotox --start 2027-03-16 --tz UTC --remind none
		file: "mesobotox-utc-remind-none.ics",
		spec: planSpec{treatment: "mesobotox", zone: "UTC", start: "2027-03-16", at: "10:00"},
		opts: func(t *testing.T, p *planner.Plan, o *Options) {
			o.SessionReminders, o.PrepReminders, o.Detail = []planner.Span{}, false, false
		},
	},
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			p := makePlan(t, gc.spec)
			o := defaultOptions(t, p, "", gc.spec.start)
			gc.opts(t, p, &o)
			got := encode(t, p, o)
			checkInstants(t, p, o, got)
			path := filepath.Join("testdata", gc.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./ical -update to create it)", err)
			}
			if bytes.Equal(got, want) {
				return
			}
			gl, wl := strings.Split(string(got), "\r\n"), strings.Split(string(want), "\r\n")
			for i := 0; i < len(gl) || i < len(wl); i++ {
				var g, w string
				if i < len(gl) {
					g = gl[i]
				}
				if i < len(wl) {
					w = wl[i]
				}
				if g != w {
					t.Fatalf("%s differs from the export at line %d (run go test ./ical -update if the change is intended):\n got %q\nwant %q", path, i+1, g, w)
				}
			}
			t.Fatalf("%s differs from the export (line ends?)", path)
		})
	}
}

// TestGoldenFilesParse checks the files on disk themselves, as a client
// would see them.
func TestGoldenFilesParse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(goldenCases) && !*update {
		t.Fatalf("%d golden files in testdata, want %d", len(files), len(goldenCases))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, data)
		parse(t, data)
	}
}
