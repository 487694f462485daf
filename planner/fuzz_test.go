package planner

import (
	"github.com/mesoplan/mesoplan/configs"

	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// seeds returns the seed inputs of a fuzz target: the bytes of every file in
// testdata/fuzz-seeds/<target>/, one seed per file. An empty or missing
// directory fails the target, so that a renamed directory cannot silently
// leave it without seeds.
func seeds(f *testing.F, target string) [][]byte {
	f.Helper()
	pattern := filepath.Join("testdata", "fuzz-seeds", target, "*")
	paths, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	if len(paths) == 0 {
		f.Fatalf("no seed files match %s", pattern)
	}
	out := make([][]byte, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

func FuzzParseDate(f *testing.F) {
	for _, s := range seeds(f, "FuzzParseDate") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != (Date{}) {
				t.Errorf("ParseDate(%q) failed but returned %+v", s, d)
			}
			return
		}
		if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > daysIn(d.Month, d.Year) {
			t.Fatalf("ParseDate(%q) = %+v, not a calendar date", s, d)
		}
		if d.String() != s {
			t.Errorf("ParseDate(%q).String() = %q", s, d.String())
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Errorf("round trip: ParseDate(%q) = %+v, %v; want %+v", d.String(), back, err, d)
		}
		for _, n := range []int{-400, -1, 0, 1, 7, 366} {
			e := d.AddDays(n)
			if got := d.DaysUntil(e); got != n {
				t.Errorf("%s.DaysUntil(%s.AddDays(%d)) = %d", d, d, n, got)
			}
			if e.AddDays(-n) != d {
				t.Errorf("%s.AddDays(%d).AddDays(%d) != %s", d, n, -n, d)
			}
		}
		_ = d.Weekday()
	})
}

func FuzzParseClock(f *testing.F) {
	for _, s := range seeds(f, "FuzzParseClock") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		if err != nil {
			return
		}
		if c.Hour < 0 || c.Hour > 23 || c.Minute < 0 || c.Minute > 59 {
			t.Fatalf("ParseClock(%q) = %+v, not a time of day", s, c)
		}
		back, err := ParseClock(c.String())
		if err != nil || back != c {
			t.Errorf("round trip: ParseClock(%q) = %+v, %v; want %+v", c.String(), back, err, c)
		}
		if _, err := At(Date{2027, time.March, 16}, c, time.UTC); err != nil {
			t.Errorf("At(UTC, %s): %v", c, err)
		}
	})
}

func FuzzParseSpan(f *testing.F) {
	for _, s := range seeds(f, "FuzzParseSpan") {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ParseSpan(s)
		if err != nil {
			if !sp.IsZero() {
				t.Errorf("ParseSpan(%q) failed but returned %+v", s, sp)
			}
			return
		}
		if sp.N <= 0 || sp.N > maxSpan[sp.Unit] || unitSuffix[sp.Unit] == "" {
			t.Fatalf("ParseSpan(%q) = %+v, out of bounds", s, sp)
		}
		back, err := ParseSpan(sp.String())
		if err != nil || back != sp {
			t.Errorf("round trip: ParseSpan(%q) = %+v, %v; want %+v", sp.String(), back, err, sp)
		}
		if sp.Words() == "" {
			t.Errorf("%+v.Words() is empty", sp)
		}
		t0 := time.Date(2027, time.March, 31, 10, 0, 0, 0, time.UTC)
		later, earlier := sp.AddTo(t0, 1), sp.AddTo(t0, -1)
		if !later.After(t0) || !earlier.Before(t0) {
			t.Errorf("%s.AddTo: %v and %v around %v", sp, earlier, later, t0)
		}
		if sp.Unit != Months && !sp.AddTo(later, -1).Equal(t0) {
			t.Errorf("%s forward and back is not the identity in UTC", sp)
		}
	})
}

// FuzzLoadCatalog: LoadCatalog never panics, and every catalog it accepts
// can be planned, treatment by treatment, without a panic or a hang.
func FuzzLoadCatalog(f *testing.F) {
	for _, s := range seeds(f, "FuzzLoadCatalog") {
		f.Add(s)
	}
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		f.Fatal(err)
	}
	builtin := CatalogFile{Name: "catalog.yaml", Data: configs.Catalog()}
	f.Fuzz(func(t *testing.T, data []byte) {
		// As a practitioner's file is used: merged over the built-in one.
		cat, err := LoadCatalog(builtin, CatalogFile{Name: "fuzz.yaml", Data: data})
		if err != nil {
			if err.Error() == "" {
				t.Error("empty error message")
			}
			return
		}
		var conditions []string
		for _, c := range cat.Contraindications {
			conditions = append(conditions, c.ID)
		}
		for i := range cat.Treatments {
			tr := &cat.Treatments[i]
			// Guard against huge loops: validation promises at most 100
			// sessions, maintenance included, for any --sessions. Check
			// that before Make, with sums that cannot overflow.
			maint := 0
			if tr.Maintenance != nil && tr.Maintenance.Kind == MaintenanceSessions {
				maint = tr.Maintenance.Sessions
			}
			course := 0
			for _, p := range tr.Phases {
				course = min(course+min(max(p.Sessions, 0), 1000), 1000)
			}
			if course+min(maint, 1000) > maxCourseSessions || min(tr.Sessions.Max, 1000)+min(maint, 1000) > maxCourseSessions || maint < 0 {
				t.Fatalf("catalog accepted with treatment %q: %d course sessions (max %d) + %d maintenance, above the %d-session cap",
					tr.ID, course, tr.Sessions.Max, maint, maxCourseSessions)
			}
			for _, n := range []int{0, tr.Sessions.Min, tr.Sessions.Max} {
				req := Request{
					Treatment: tr.ID, Start: Date{2027, time.March, 16}, Time: Clock{10, 0}, Location: rome,
					Sessions: n, Today: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
				}
				p, err := Make(cat, req)
				if err != nil {
					continue
				}
				checkPlan(t, tr, n, maint, p)
				// Screening every condition and planning per session must
				// not panic either.
				req.Conditions, req.PerSession = conditions, true
				_, _ = Make(cat, req)
			}
		}
	})
}

// checkPlan checks the invariants of a plan made without constraints.
func checkPlan(t *testing.T, tr *Treatment, n, maint int, p *Plan) {
	t.Helper()
	want := n
	if n == 0 {
		want = tr.DefaultSessions()
	}
	if len(p.Sessions) != want+maint {
		t.Fatalf("%s --sessions %d: %d sessions, want %d + %d maintenance", tr.ID, n, len(p.Sessions), want, maint)
	}
	for i, s := range p.Sessions {
		if s.Number != i+1 || s.End.Sub(s.Start) != time.Duration(tr.SessionMinutes)*time.Minute {
			t.Errorf("%s: bad session %+v", tr.ID, s)
		}
		if i > 0 && (s.DaysSincePrevious < 1 || !s.Start.After(p.Sessions[i-1].Start)) {
			t.Errorf("%s: session %d not after session %d", tr.ID, i+1, i)
		}
	}
	if !slices.IsSortedFunc(p.Windows, compareWindows) {
		t.Errorf("%s: windows not sorted", tr.ID)
	}
	for _, w := range p.Windows {
		if !w.Start.Before(w.End) || len(w.Sessions) == 0 {
			t.Errorf("%s: bad window %+v", tr.ID, w)
		}
	}
	if (tr.Maintenance == nil) != (p.Maintenance == nil) {
		t.Errorf("%s: maintenance %+v for %+v", tr.ID, p.Maintenance, tr.Maintenance)
	}
}

// TestCatalogFuzzSeeds: the seeds named valid-* are catalogs that load and
// plan, so the fuzzer starts from inputs that reach Make.
func TestCatalogFuzzSeeds(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "fuzz-seeds", "FuzzLoadCatalog", "valid-*"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no valid-* seeds: %v", err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cat, err := LoadCatalog(CatalogFile{Name: filepath.Base(p), Data: data})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, tr := range cat.Treatments {
			if _, err := Make(cat, request(t, tr.ID, "2027-03-16")); err != nil {
				t.Errorf("%s: %s: %v", p, tr.ID, err)
			}
		}
	}
}
