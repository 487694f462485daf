package planner

import (
	"errors"
	"flag"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the host's zoneinfo

	"github.com/mesoplan/mesoplan/configs"
)

// update is the repository-wide -update flag (`go test ./... -update`
// rewrites golden files). The planner tests have no golden files, but every
// package must define the flag so that the command does not fail with
// "flag provided but not defined".
//
//lint:ignore U1000 declared so that 'go test ./... -update' works in every package
var update = flag.Bool("update", false, "rewrite golden files")

var (
	builtinOnce sync.Once
	builtinCat  *Catalog
	builtinErr  error
)

// builtin returns the embedded catalog, loaded once. Tests must not modify
// it.
func builtin(t testing.TB) *Catalog {
	t.Helper()
	builtinOnce.Do(func() {
		builtinCat, builtinErr = LoadCatalog(CatalogFile{Name: "catalog.yaml", Data: configs.Catalog()})
	})
	if builtinErr != nil {
		t.Fatalf("built-in catalog: %v", builtinErr)
	}
	return builtinCat
}

func loc(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return l
}

func date(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func clock(t testing.TB, s string) Clock {
	t.Helper()
	c, err := ParseClock(s)
	if err != nil {
		t.Fatalf("ParseClock(%q): %v", s, err)
	}
	return c
}

// wall is the layout the tests use to compare instants: local wall time and
// UTC offset, so a wrong offset and a wrong wall time both show.
const wall = "2006-01-02 15:04 -07:00"

// instant parses a time written in the wall layout.
func instant(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(wall, s)
	if err != nil {
		t.Fatalf("time.Parse(%q): %v", s, err)
	}
	return v
}

// request is a Europe/Rome request at 10:00 with no "today".
func request(t testing.TB, treatment, start string) Request {
	t.Helper()
	return Request{Treatment: treatment, Start: date(t, start), Time: Clock{Hour: 10}, Location: loc(t, "Europe/Rome")}
}

func mustPlan(t testing.TB, cat *Catalog, req Request) *Plan {
	t.Helper()
	p, err := Make(cat, req)
	if err != nil {
		t.Fatalf("Make(%+v): %v", req, err)
	}
	return p
}

func asInputError(t testing.TB, err error) *InputError {
	return asError[*InputError](t, err)
}

// asError returns err as the error type E, or fails the test.
func asError[E error](t testing.TB, err error) E {
	t.Helper()
	var e E
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want %T", err, err, e)
	}
	return e
}

func sessionDates(p *Plan) []string {
	out := make([]string, len(p.Sessions))
	for i, s := range p.Sessions {
		out[i] = DateOf(s.Start).String()
	}
	return out
}

func findingCodes(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code + ":" + f.Subject
	}
	return out
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func builtinCatalogBytes() []byte { return configs.Catalog() }

// spanOf and dateOf parse test literals, panicking on a typo in a test.
func spanOf(s string) Span {
	v, err := ParseSpan(s)
	if err != nil {
		panic(err)
	}
	return v
}

func dateOf(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// place runs placeAll for a new course and keeps only the dates.
func place(start Date, slots []slot, cons []Constraint) ([]Date, []Finding, error) {
	ps, findings, err := placeAll(start, slots, cons, replan{})
	if err != nil {
		return nil, nil, err
	}
	return placedDates(ps), findings, nil
}
