package handout

import (
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests must not depend on the host's zoneinfo

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// update is the repository-wide -update flag: `go test ./handout -update`
// rewrites the golden pages in testdata/.
var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow is SOURCE_DATE_EPOCH 1798761600, the Makefile's sample epoch
// (2027-01-01T00:00:00Z).
var fixedNow = time.Unix(1798761600, 0).UTC()

var (
	catOnce sync.Once
	catVal  *planner.Catalog
	catErr  error
)

// catalog returns the built-in catalog, loaded once. Tests must not modify
// it.
func catalog(t testing.TB) *planner.Catalog {
	t.Helper()
	catOnce.Do(func() {
		catVal, catErr = planner.LoadCatalog(planner.CatalogFile{Name: configs.CatalogName, Data: configs.Catalog()})
	})
	if catErr != nil {
		t.Fatalf("built-in catalog: %v", catErr)
	}
	return catVal
}

// makePlan plans treatment from start at 10:00 in zone.
func makePlan(t testing.TB, treatment, zone, start string) *planner.Plan {
	t.Helper()
	return makePlanIn(t, treatment, zone, start, "")
}

// makePlanIn is makePlan in the built-in language lang ("" for English).
func makePlanIn(t testing.TB, treatment, zone, start, lang string) *planner.Plan {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	d, err := planner.ParseDate(start)
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.Make(catalog(t), planner.Request{Treatment: treatment, Start: d, Time: planner.Clock{Hour: 10}, Location: loc, Lang: lang})
	if err != nil {
		t.Fatalf("planner.Make(%s): %v", treatment, err)
	}
	return p
}

func render(t testing.TB, p *planner.Plan, o Options) string {
	t.Helper()
	data, err := Render(p, o)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return string(data)
}

// fullClinic is a clinic with every contact.
var fullClinic = Clinic{Name: "Studio Bianchi", Address: "Via Roma 1, 00100 Roma", Phone: "+39 06 1234 5678", Email: "desk@studio-bianchi.example", URL: "https://studio-bianchi.example/"}

// goldenCases are representative handouts kept in testdata/: `go test
// ./handout -update` rewrites them; review the diff, and look at them in
// a browser.
var goldenCases = []struct {
	file                   string
	treatment, zone, start string
	lang                   string
	opts                   Options
}{
	{
		// mesoplan handout mesolifting --start 2027-03-16 --tz Europe/Rome
		// --patient "Anna Rossi" with the clinic's contacts: the course
		// crosses the change to summer time, the week without aspirin runs
		// across sessions 1 to 4, a recall, a cost range.
		file: "mesolifting-rome.html", treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16",
		opts: Options{Patient: "Anna Rossi", Clinic: fullClinic, Now: fixedNow},
	},
	{
		// mesoplan handout cellulite --start 2027-03-16 --tz
		// America/New_York --paper letter: fifteen sessions, five of them
		// maintenance, from before the change to daylight saving time
		// into the autumn.
		file: "cellulite-new-york-letter.html", treatment: "cellulite", zone: "America/New_York", start: "2027-03-16",
		opts: Options{Patient: "Zoë Ångström-Núñez", Clinic: Clinic{Name: "Studio Bianchi, Dr. O'Neil", Phone: "+1 212 555 0100"}, Paper: Letter, Now: fixedNow},
	},
	{
		// mesoplan handout mesolifting --start 2027-03-16 --tz Europe/Rome
		// --lang it --patient "Anna Rossi" with the clinic's contacts: the
		// first handout, in Italian.
		file: "mesolifting-rome-it.html", treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", lang: "it",
		opts: Options{Patient: "Anna Rossi", Clinic: fullClinic, Now: fixedNow},
	},
	{
		// mesoplan handout mesobotox --start 2027-03-16 --tz UTC: one
		// session, no clinic, no price, no patient, no date made.
		file: "mesobotox-utc.html", treatment: "mesobotox", zone: "UTC", start: "2027-03-16",
	},
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			o := gc.opts
			if gc.lang != "" {
				tr, err := locale.New(catalog(t), gc.lang)
				if err != nil {
					t.Fatal(err)
				}
				o.Words = tr
			}
			got := render(t, makePlanIn(t, gc.treatment, gc.zone, gc.start, gc.lang), o)
			path := filepath.Join("testdata", gc.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./handout -update to create it)", err)
			}
			if got == string(want) {
				return
			}
			gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
			for i := range max(len(gl), len(wl)) {
				var g, w string
				if i < len(gl) {
					g = gl[i]
				}
				if i < len(wl) {
					w = wl[i]
				}
				if g != w {
					t.Fatalf("%s differs at line %d (run go test ./handout -update if the change is intended):\n got %q\nwant %q", path, i+1, g, w)
				}
			}
		})
	}
}

// treatments are the ids of every built-in treatment.
var treatments = []string{"mesolifting", "hair", "body-contouring", "cellulite", "mesobotox", "needle-free", "analgesic", "skin-quality"}

// every renders every built-in treatment in a zone with and one without
// daylight saving time, with a full clinic.
func every(t *testing.T, f func(t *testing.T, p *planner.Plan, out string)) {
	for _, id := range treatments {
		for _, zone := range []string{"Europe/Rome", "UTC"} {
			t.Run(id+"/"+zone, func(t *testing.T) {
				p := makePlan(t, id, zone, "2027-03-16")
				f(t, p, render(t, p, Options{Patient: "Anna Rossi", Clinic: fullClinic, Now: fixedNow}))
			})
		}
	}
}

// TestSelfContained checks that a handout loads nothing and runs nothing:
// no script, no element or style that fetches a resource.
func TestSelfContained(t *testing.T) {
	loads := regexp.MustCompile(`(?i)<script|<link|<img|<iframe|<object|<embed|<audio|<video|<source|<base|\ssrcset=|\ssrc=|@import|url\(|@font-face|\son[a-z]+=`)
	every(t, func(t *testing.T, _ *planner.Plan, out string) {
		if m := loads.FindString(out); m != "" {
			t.Errorf("the handout loads or runs something: %q", m)
		}
		for _, want := range []string{"<!DOCTYPE html>\n", `<html lang="en">`, `<meta charset="utf-8">`, "<title>", "@page { size: A4; margin: 14mm; }"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in the handout", want)
			}
		}
		// The one link is the clinic's web address, as a plain link.
		if got := regexp.MustCompile(`<a [^>]*>`).FindAllString(out, -1); !slices.Equal(got, []string{`<a href="https://studio-bianchi.example/">`}) {
			t.Errorf("links %q, want only the clinic's", got)
		}
	})
}

// TestEscaping checks that names and catalog text are text, never markup.
func TestEscaping(t *testing.T) {
	p := makePlan(t, "mesolifting", "Europe/Rome", "2027-03-16")
	p.Treatment.Name = "<i>Meso</i>lifting (x)"
	p.Sessions[0].Phase = "<u>induction</u>"
	p.Windows[0].Summary = "No <b>aspirin</b>"
	p.Windows[0].Text = "Stop <b>aspirin</b> & co."
	p.Maintenance.Text = "<em>Come back</em>"
	p.Cost.Currency = "<s>EUR</s>"
	out := render(t, p, Options{
		Patient: "<script>alert(1)</script>",
		Clinic:  Clinic{Name: `Studio "<b>"`, Address: "<br>", Phone: "<kbd>", Email: "a@b.example<hr>", URL: "javascript:alert(1)"},
		Now:     fixedNow,
	})
	for _, tag := range []string{"<script", "<b>", "<i>", "<u>", "<em>", "<s>", "<br>", "<kbd>", "<hr>", "javascript:alert(1)\""} {
		if strings.Contains(out, tag) {
			t.Errorf("%q in the handout: not escaped", tag)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "no &lt;b&gt;aspirin&lt;/b&gt;", "Stop &lt;b&gt;aspirin&lt;/b&gt; &amp; co.", "&lt;em&gt;Come back&lt;/em&gt;",
		"&lt;i&gt;Meso&lt;/i&gt;lifting course plan", "Web: javascript:alert(1)</span>"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the handout", want)
		}
	}
	if strings.Contains(out, "<a ") {
		t.Error("a web address that is not http or https is a link")
	}
}

// TestSessions checks that every session is in the table and has its
// checklist, with its number, date and time in the plan's zone.
func TestSessions(t *testing.T) {
	every(t, func(t *testing.T, p *planner.Plan, out string) {
		loc := p.Zone.Location()
		for _, s := range p.Sessions {
			start := s.Start.In(loc)
			date := english.format(start, english.Date)
			row := regexp.MustCompile(`<tr( class="maint")?><td class="num">` + strconv.Itoa(s.Number) + `</td><td>` + regexp.QuoteMeta(date) + `</td><td>` + start.Format("15:04") + `–`)
			if !row.MatchString(out) {
				t.Errorf("session %d on %s is not in the table", s.Number, date)
			}
			head := "<h3>Session " + strconv.Itoa(s.Number) + " — " + date + ", " + start.Format("15:04")
			if strings.Count(out, head) != 1 {
				t.Errorf("%q is not in the handout once", head)
			}
		}
	})
}

// TestEveryWindowOnce checks that every window of the plan is an item of
// exactly one checklist, worded with its exact local start or end.
func TestEveryWindowOnce(t *testing.T) {
	what := regexp.MustCompile(`<span class="what">([^<]*)</span>`)
	every(t, func(t *testing.T, p *planner.Plan, out string) {
		var got []string
		for _, m := range what.FindAllStringSubmatch(out, -1) {
			got = append(got, html.UnescapeString(m[1]))
		}
		var want []string
		for _, w := range p.Windows {
			want = append(want, itemLine(w, english, p.Zone.Location()))
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("checklist items\n got %q\nwant %q", got, want)
		}
	})
}

// TestNotice checks that the notice is said once, at the end.
func TestNotice(t *testing.T) {
	every(t, func(t *testing.T, p *planner.Plan, out string) {
		if n := strings.Count(out, planner.Notice); n != 1 {
			t.Errorf("the notice is in the handout %d times, want once", n)
		}
		if i := strings.Index(out, planner.Notice); i < strings.LastIndex(out, `<div class="block`) {
			t.Error("the notice is not after the checklists")
		}
	})
}

// TestItemWording checks the items against the patient calendar's wording.
func TestItemWording(t *testing.T) {
	out := render(t, makePlan(t, "mesolifting", "Europe/Rome", "2027-03-16"), Options{})
	for _, want := range []string{
		"From Mon 15 Mar 2027 10:00: no alcohol.",
		"From Tue 9 Mar 2027 10:00 until session 4 on Tue 6 Apr 2027 10:00: no aspirin, ibuprofen or other anti-inflammatory painkillers (NSAIDs).",
		"Until Fri 19 Mar 2027 10:30: no sauna, hot tubs, baths or swimming.",
		"<h3>Session 1 — Tue 16 Mar 2027, 10:00</h3>",
		"Maintenance recall: on or after Sat 6 Nov 2027 (6 months after the last session).",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the handout", want)
		}
	}
}

// TestCost checks that the estimate is shown when the plan has one, and
// nothing about a cost when it has none.
func TestCost(t *testing.T) {
	p := makePlan(t, "mesolifting", "Europe/Rome", "2027-03-16")
	if out := render(t, p, Options{}); !strings.Contains(out, "<p class=\"cost\">6 sessions × 50-100 EUR: 300-600 EUR</p>") {
		t.Error("no cost estimate in the handout")
	}
	p.Cost = &planner.Cost{Currency: "EUR", Sessions: 6, PerSession: planner.Range{Min: 80, Max: 80}, Total: planner.Range{Min: 480, Max: 480}}
	if out := render(t, p, Options{}); !strings.Contains(out, "6 sessions × 80 EUR: 480 EUR") {
		t.Error("no exact cost in the handout")
	}
	p.Cost = nil
	for _, p := range []*planner.Plan{p, makePlan(t, "mesobotox", "UTC", "2027-03-16")} {
		out := render(t, p, Options{})
		for _, no := range []string{english.CostHeading, english.CostNote, "EUR", `class="cost"`} {
			if strings.Contains(out, no) {
				t.Errorf("%q in a handout without a cost", no)
			}
		}
	}
}

// TestPaper checks the page size and that an unknown paper is refused.
func TestPaper(t *testing.T) {
	p := makePlan(t, "mesobotox", "UTC", "2027-03-16")
	for paper, want := range map[Paper]string{"": "size: A4;", A4: "size: A4;", Letter: "size: letter;"} {
		if out := render(t, p, Options{Paper: paper}); !strings.Contains(out, "@page { "+want) {
			t.Errorf("paper %q: no %q", paper, want)
		}
	}
	if _, err := Render(p, Options{Paper: "a3"}); err == nil || !strings.Contains(err.Error(), `unknown paper "a3"`) {
		t.Errorf("paper a3: error %v", err)
	}
	if _, err := Render(&planner.Plan{}, Options{}); err == nil {
		t.Error("a plan without sessions: no error")
	}
}

// TestDeterministic checks that the same plan and options give the same
// bytes.
func TestDeterministic(t *testing.T) {
	p := makePlan(t, "cellulite", "America/New_York", "2027-03-16")
	o := Options{Patient: "Anna", Clinic: fullClinic, Now: fixedNow}
	a, b := render(t, p, o), render(t, p, o)
	if a != b {
		t.Error("two renders differ")
	}
	if !strings.Contains(a, "Made on Thu 31 Dec 2026.") {
		t.Error("no date made in the plan's zone (the epoch is 31 December there)")
	}
}
