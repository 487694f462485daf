package cmd

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mesoplan/mesoplan/handout"
	"github.com/mesoplan/mesoplan/ical"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// samplesOptions is everything 'mesoplan samples' needs.
type samplesOptions struct {
	OutDir string
	Start  planner.Date // zero: the first Monday two weeks from today

	app      *App
	catalog  func() (*loadedCatalog, error)
	Settings *Settings
}

func newSamplesCmd(env *runEnv, runF func(*samplesOptions) error) *cobra.Command {
	opts := &samplesOptions{}
	var start string
	cmd := &cobra.Command{
		Use:   "samples --out-dir DIR",
		Short: "Write a sample course of every treatment in every output format",
		Long: `Write into DIR a sample course of every treatment in the catalog (built-in
and --catalog files), in every output format: the plan as a table (.txt),
Markdown (.md), JSON (.json) and CSV (.csv), the patient's calendar (.ics)
and the handout (.html), with index.md linking them all. The course starts
on --start, by default the first Monday two weeks from today; with SOURCE_DATE_EPOCH
set, the files are the same bytes on every run, for a CI pipeline to
publish or compare. Settings (--tz, --time, --lang, the clinic ...) apply
as to plan and export.`,
		Example: `  SOURCE_DATE_EPOCH=1798761600 mesoplan samples --out-dir samples --tz Europe/Rome
  mesoplan samples --out-dir site/samples --catalog my-protocols.yaml --lang it`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.app, opts.catalog, opts.Settings = env.app, env.loadCatalog, env.settings
			if strings.TrimSpace(opts.OutDir) == "" {
				return usageErrorf("--out-dir is required").withHint("e.g. --out-dir samples")
			}
			if start != "" {
				d, err := planner.ParseDate(start)
				if err != nil {
					return usageErrorf("--start: %v", err).withHint("dates are written YYYY-MM-DD")
				}
				opts.Start = d
			}
			if runF != nil {
				return runF(opts)
			}
			return samplesRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.OutDir, "out-dir", "", "write the samples into this `directory` (made if missing)")
	f.StringVar(&start, "start", "", "date of every sample's session 1, `YYYY-MM-DD` (default: the first Monday two weeks from today)")
	f.String("tz", "", "IANA time `zone` of the samples (default: tz: in the config, else the system zone)")
	f.String("time", "", "session time, `HH:MM`")
	f.String("lang", "", "the `language` of the samples")
	for flag, key := range map[string]string{"tz": "tz", "time": "time", "lang": "lang"} {
		markSetting(f, flag, key)
	}
	return cmd
}

func samplesRun(o *samplesOptions) error {
	if err := makeOutDir(o.OutDir); err != nil {
		return err
	}
	cat, err := o.catalog()
	if err != nil {
		return err
	}
	s := o.Settings
	zone, err := planZone(o.app, s)
	if err != nil {
		return err
	}
	now := o.app.Now()
	start := o.Start
	if start.IsZero() {
		// Two weeks ahead: every preparation window, a week at the most
		// in the built-in catalog, is still to come.
		start = planner.DateOf(now.In(zone.Location())).AddDays(14)
		for start.Weekday() != time.Monday {
			start = start.AddDays(1)
		}
	}
	index := []string{"# mesoplan samples", "", fmt.Sprintf("Every treatment of the catalog, starting on %s, times in %s.", start, zone), ""}
	files := 0
	for _, t := range cat.Treatments {
		in := courseInputs{Treatment: t.ID, Start: start, Time: s.Time, Zone: zone, Lang: string(s.Lang), langSource: s.Sources.Lang,
			Clinic: clinicCalendar{OpenDays: s.OpenDays, Closed: s.Closed, Holidays: s.Holidays}}
		p, _, err := makePlan(cat, &in, now, false)
		if err != nil {
			return fmt.Errorf("sample %s: %w", t.ID, err)
		}
		words, err := locale.New(cat.Catalog, p.Lang)
		if err != nil {
			return err
		}
		outputs, err := sampleOutputs(p, s.Clinic, words, o.app, start)
		if err != nil {
			return fmt.Errorf("sample %s: %w", t.ID, err)
		}
		var links []string
		for _, out := range outputs {
			name := t.ID + out.ext
			if err := writeOutput(o.app, filepath.Join(o.OutDir, name), out.data); err != nil {
				return err
			}
			links = append(links, fmt.Sprintf("[%s](%s)", out.ext[1:], name))
			files++
		}
		index = append(index, fmt.Sprintf("- **%s** (`%s`): %s", mdEscape(p.Treatment.Name), t.ID, strings.Join(links, ", ")))
	}
	index = append(index, "", "> "+mdEscape(planner.Notice), "")
	if err := writeOutput(o.app, filepath.Join(o.OutDir, "index.md"), []byte(strings.Join(index, "\n"))); err != nil {
		return err
	}
	confirm(o.app, o.OutDir, fmt.Sprintf("%d sample files and index.md", files))
	return nil
}

// sampleOutput is one file of a sample: its extension and its bytes.
type sampleOutput struct {
	ext  string
	data []byte
}

// sampleOutputs renders a sample course in every format.
func sampleOutputs(p *planner.Plan, cl clinic, words *locale.Printer, app *App, start planner.Date) ([]sampleOutput, error) {
	var out []sampleOutput
	for _, f := range []struct {
		ext    string
		render planRenderFunc
	}{{".txt", renderShort}, {".md", renderMarkdown}, {".json", renderJSON}, {".csv", renderCSV}} {
		var b bytes.Buffer
		if err := f.render(&b, p, cl, words, 80); err != nil {
			return nil, err
		}
		out = append(out, sampleOutput{f.ext, b.Bytes()})
	}
	ics, err := ical.Encode(p, patientCalendarOptions(app, ical.PlanIdentity("", p.Treatment.ID, start), "", cl, words))
	if err != nil {
		return nil, err
	}
	html, err := handout.Render(p, handout.Options{Words: words, Clinic: handout.Clinic{Name: cl.Name, Address: cl.Address, Phone: string(cl.Phone), Email: string(cl.Email), URL: string(cl.URL)}, Now: app.Now()})
	if err != nil {
		return nil, err
	}
	return append(out, sampleOutput{".ics", ics}, sampleOutput{".html", html}), nil
}
