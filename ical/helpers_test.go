package ical

import (
	"bytes"
	"flag"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests must not depend on the host's zoneinfo
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// update is the repository-wide -update flag: `go test ./ical -update`
// rewrites the golden .ics files in testdata/.
var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow is the DTSTAMP of every test export: SOURCE_DATE_EPOCH
// 1798761600, the Makefile's sample epoch (2027-01-01T00:00:00Z).
var fixedNow = time.Unix(1798761600, 0).UTC()

// testVersion is the mesoplan version the tests put in PRODID.
const testVersion = "1.2.3-test"

// treatments are the ids of every built-in treatment.
var treatments = []string{"mesolifting", "hair", "body-contouring", "cellulite", "mesobotox", "needle-free", "analgesic", "skin-quality"}

var (
	catOnce sync.Once
	catVal  *planner.Catalog
	catErr  error
)

// catalog returns the embedded catalog, loaded once. Tests must not modify
// it.
func catalog(t testing.TB) *planner.Catalog {
	t.Helper()
	catOnce.Do(func() {
		catVal, catErr = planner.LoadCatalog(planner.CatalogFile{Name: "catalog.yaml", Data: configs.Catalog()})
	})
	if catErr != nil {
		t.Fatalf("built-in catalog: %v", catErr)
	}
	return catVal
}

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return l
}

func mustDate(t testing.TB, s string) planner.Date {
	t.Helper()
	d, err := planner.ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func mustClock(t testing.TB, s string) planner.Clock {
	t.Helper()
	c, err := planner.ParseClock(s)
	if err != nil {
		t.Fatalf("ParseClock(%q): %v", s, err)
	}
	return c
}

// planSpec describes a plan to build with planner.Make.
type planSpec struct {
	treatment  string
	zone       string
	start      string // YYYY-MM-DD
	at         string // HH:MM
	sessions   int
	perSession bool
	conditions []string
	lang       string // a built-in language; "" is English
}

func (s planSpec) String() string {
	str := fmt.Sprintf("%s/%s/%s@%s", s.treatment, s.zone, s.start, s.at)
	if s.sessions != 0 {
		str += fmt.Sprintf("/n=%d", s.sessions)
	}
	if s.perSession {
		str += "/per-session"
	}
	if s.lang != "" {
		str += "/" + s.lang
	}
	return str
}

func makePlan(t testing.TB, s planSpec) *planner.Plan {
	t.Helper()
	at := s.at
	if at == "" {
		at = "10:00"
	}
	p, err := planner.Make(catalog(t), planner.Request{
		Treatment:  s.treatment,
		Start:      mustDate(t, s.start),
		Time:       mustClock(t, at),
		Location:   mustLoc(t, s.zone),
		Sessions:   s.sessions,
		PerSession: s.perSession,
		Conditions: s.conditions,
		Lang:       s.lang,
	})
	if err != nil {
		t.Fatalf("planner.Make(%v): %v", s, err)
	}
	return p
}

// defaultOptions are the options `mesoplan export` uses by default: patient
// audience, reminders 24h and 2h before each session and at the start of
// each prep window, quiet hours 22:00-07:00.
func defaultOptions(t testing.TB, p *planner.Plan, patient, start string) Options {
	t.Helper()
	words, err := locale.New(catalog(t), p.Lang)
	if err != nil {
		t.Fatal(err)
	}
	return Options{
		Words:            words,
		Audience:         Patient,
		Patient:          patient,
		PlanID:           PlanIdentity(patient, p.Treatment.ID, mustDate(t, start)),
		SessionReminders: DefaultSessionReminders(),
		PrepReminders:    true,
		Detail:           true,
		Quiet:            QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}},
		Now:              fixedNow,
		Version:          testVersion,
	}
}

func encode(t testing.TB, p *planner.Plan, o Options) []byte {
	t.Helper()
	data, err := Encode(p, o)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return data
}

// parse reads an export back with the independent parser.
func parse(t testing.TB, data []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the export: %v\n%s", err, data)
	}
	return cal
}

// unfold undoes RFC 5545 line folding: a CRLF followed by one space or tab
// is removed.
func unfold(s string) string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.ReplaceAll(s, "\r\n\t", "")
}

// contentLines returns the unfolded content lines of an export.
func contentLines(data []byte) []string {
	s := strings.TrimSuffix(unfold(string(data)), "\r\n")
	return strings.Split(s, "\r\n")
}

// propName returns the property name of an unfolded content line.
func propName(line string) string {
	if i := strings.IndexAny(line, ";:"); i >= 0 {
		return strings.ToUpper(line[:i])
	}
	return line
}

// checkLines checks the physical form of an export: every line ends with
// CRLF, there is no other CR or LF, no line exceeds 75 octets without its
// CRLF, and every physical line is valid UTF-8 on its own (folding never
// splits a character).
func checkLines(t testing.TB, data []byte) {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Errorf("the export does not end with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > maxLineOctets {
			t.Errorf("line %d is %d octets long (max 75): %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8 on its own: %q", i+1, l)
		}
		if l == "" {
			t.Errorf("line %d is empty", i+1)
		}
		if i == 0 && l != "BEGIN:VCALENDAR" {
			t.Errorf("first line = %q, want BEGIN:VCALENDAR", l)
		}
	}
	if last := lines[len(lines)-1]; last != "END:VCALENDAR" {
		t.Errorf("last line = %q, want END:VCALENDAR", last)
	}
}

// ---- VTIMEZONE resolution, independent of Go's zone database ----

// onset is one observance onset of a VTIMEZONE.
type onset struct {
	at       time.Time // the instant the observance starts
	wall     time.Time // its DTSTART, a wall-clock time carried in UTC
	from, to int       // TZOFFSETFROM, TZOFFSETTO in seconds east of UTC
	name     string    // TZNAME
	daylight bool      // DAYLIGHT rather than STANDARD
}

// zoneRules is a VTIMEZONE read back from a file.
type zoneRules struct {
	tzid   string
	onsets []onset // sorted by at
	// observances is the number of STANDARD and DAYLIGHT sub-components.
	observances int
}

// parseUTCOffset reads an RFC 5545 UTC-OFFSET (section 3.3.14).
func parseUTCOffset(s string) (int, error) {
	if (len(s) != 5 && len(s) != 7) || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("malformed UTC offset %q", s)
	}
	n := 0
	for i, unit := range []int{3600, 60, 1} {
		if 1+2*i >= len(s) {
			break
		}
		v, err := strconv.Atoi(s[1+2*i : 3+2*i])
		if err != nil || v < 0 || (i > 0 && v > 59) {
			return 0, fmt.Errorf("malformed UTC offset %q", s)
		}
		n += v * unit
	}
	if s[0] == '-' {
		if n == 0 {
			return 0, fmt.Errorf("UTC offset %q: -0000 is not allowed", s)
		}
		n = -n
	}
	return n, nil
}

// zonesOf reads every VTIMEZONE of a calendar. Observances may be single
// onsets or carry an RRULE (expanded up to 2100) and RDATEs.
func zonesOf(t testing.TB, cal *goical.Calendar) map[string]*zoneRules {
	t.Helper()
	zones := map[string]*zoneRules{}
	for _, c := range cal.Children {
		if c.Name != goical.CompTimezone {
			continue
		}
		id := c.Props.Get(goical.PropTimezoneID)
		if id == nil || id.Value == "" {
			t.Fatalf("VTIMEZONE without TZID")
		}
		if zones[id.Value] != nil {
			t.Errorf("two VTIMEZONEs with TZID %s", id.Value)
		}
		z := &zoneRules{tzid: id.Value}
		for _, o := range c.Children {
			if o.Name != "STANDARD" && o.Name != "DAYLIGHT" {
				t.Errorf("VTIMEZONE %s has a %s sub-component", z.tzid, o.Name)
				continue
			}
			z.observances++
			get := func(name string) string {
				ps := o.Props.Values(name)
				if len(ps) != 1 {
					t.Fatalf("VTIMEZONE %s %s has %d %s properties, want 1", z.tzid, o.Name, len(ps), name)
				}
				return ps[0].Value
			}
			dtstart := o.Props.Get(goical.PropDateTimeStart)
			if dtstart == nil || len(dtstart.Params) != 0 {
				t.Fatalf("VTIMEZONE %s %s: DTSTART missing or with parameters", z.tzid, o.Name)
			}
			wall, err := time.ParseInLocation("20060102T150405", get(goical.PropDateTimeStart), time.UTC)
			if err != nil {
				t.Fatalf("VTIMEZONE %s %s DTSTART must be a local DATE-TIME: %v", z.tzid, o.Name, err)
			}
			from, err := parseUTCOffset(get("TZOFFSETFROM"))
			if err != nil {
				t.Fatalf("VTIMEZONE %s: %v", z.tzid, err)
			}
			to, err := parseUTCOffset(get("TZOFFSETTO"))
			if err != nil {
				t.Fatalf("VTIMEZONE %s: %v", z.tzid, err)
			}
			name := ""
			if p := o.Props.Get("TZNAME"); p != nil {
				name = p.Value
			}
			walls := []time.Time{wall}
			if o.Props.Get(goical.PropRecurrenceRule) != nil {
				set, err := o.RecurrenceSet(time.UTC)
				if err != nil {
					t.Fatalf("VTIMEZONE %s RRULE: %v", z.tzid, err)
				}
				walls = set.Between(wall, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), true)
			}
			for _, rd := range o.Props.Values(goical.PropRecurrenceDates) {
				for _, v := range strings.Split(rd.Value, ",") {
					w, err := time.ParseInLocation("20060102T150405", v, time.UTC)
					if err != nil {
						t.Fatalf("VTIMEZONE %s RDATE %q: %v", z.tzid, v, err)
					}
					walls = append(walls, w)
				}
			}
			for _, w := range walls {
				// DTSTART is the onset's wall-clock time in the offset in
				// force before it (RFC 5545 section 3.6.5).
				z.onsets = append(z.onsets, onset{at: w.Add(-time.Duration(from) * time.Second), wall: w, from: from, to: to, name: name, daylight: o.Name == "DAYLIGHT"})
			}
		}
		if z.observances == 0 {
			t.Errorf("VTIMEZONE %s has no STANDARD or DAYLIGHT sub-component", z.tzid)
		}
		sort.SliceStable(z.onsets, func(i, j int) bool { return z.onsets[i].at.Before(z.onsets[j].at) })
		zones[z.tzid] = z
	}
	return zones
}

// offsetAt returns the UTC offset the VTIMEZONE gives at instant u.
func (z *zoneRules) offsetAt(u time.Time) int {
	off := z.onsets[0].from
	for _, o := range z.onsets {
		if o.at.After(u) {
			break
		}
		off = o.to
	}
	return off
}

// resolve turns a wall-clock time in the zone into an instant: the earliest
// instant whose local time is wall (RFC 5545 section 3.3.5 takes the first
// of a repeated time). It also returns how many instants have that local
// time (0: skipped, 2: repeated).
func (z *zoneRules) resolve(wall time.Time) (time.Time, int, error) {
	offsets := map[int]bool{}
	for _, o := range z.onsets {
		offsets[o.from], offsets[o.to] = true, true
	}
	var hits []time.Time
	for off := range offsets {
		u := wall.Add(-time.Duration(off) * time.Second)
		if z.offsetAt(u) == off {
			hits = append(hits, u)
		}
	}
	if len(hits) == 0 {
		return time.Time{}, 0, fmt.Errorf("%s does not exist in %s", wall.Format("2006-01-02 15:04:05"), z.tzid)
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].Before(hits[j]) })
	return hits[0], len(hits), nil
}

// value is a DTSTART, DTEND or absolute TRIGGER read back from a file.
type value struct {
	date    planner.Date // for a DATE
	isDate  bool
	instant time.Time // for a DATE-TIME
	utc     bool      // written as UTC ("...Z")
	tzid    string
	// occurrences is how many instants a TZID value's wall time names in
	// its VTIMEZONE (2 in the hour repeated when the clocks go back).
	occurrences int
}

// readValue resolves a DATE or DATE-TIME property through the file's
// VTIMEZONEs (never Go's zone database), and cross-checks a TZID value
// that names a single instant with time.LoadLocation.
func readValue(t testing.TB, zones map[string]*zoneRules, prop *goical.Prop) value {
	t.Helper()
	if prop == nil {
		t.Fatalf("missing date property")
	}
	if prop.Params.Get(goical.ParamValue) == "DATE" || len(prop.Value) == 8 {
		if prop.Params.Get(goical.ParamValue) != "DATE" {
			t.Errorf("%s:%s is a DATE without VALUE=DATE", prop.Name, prop.Value)
		}
		if prop.Params.Get(goical.ParamTimezoneID) != "" {
			t.Errorf("%s:%s is a DATE with a TZID", prop.Name, prop.Value)
		}
		d, err := time.Parse("20060102", prop.Value)
		if err != nil {
			t.Fatalf("%s: bad DATE %q: %v", prop.Name, prop.Value, err)
		}
		return value{isDate: true, date: planner.DateOf(d)}
	}
	if vt := prop.Params.Get(goical.ParamValue); vt != "" && vt != "DATE-TIME" {
		t.Fatalf("%s has VALUE=%s", prop.Name, vt)
	}
	tzid := prop.Params.Get(goical.ParamTimezoneID)
	if strings.HasSuffix(prop.Value, "Z") {
		if tzid != "" {
			t.Errorf("%s;TZID=%s:%s: a UTC value under a TZID", prop.Name, tzid, prop.Value)
		}
		u, err := time.Parse("20060102T150405Z", prop.Value)
		if err != nil {
			t.Fatalf("%s: bad UTC DATE-TIME %q: %v", prop.Name, prop.Value, err)
		}
		return value{instant: u, utc: true}
	}
	if tzid == "" {
		t.Fatalf("%s:%s is a floating time (no TZID, no Z)", prop.Name, prop.Value)
	}
	z := zones[tzid]
	if z == nil {
		t.Fatalf("%s has TZID=%s but the file has no such VTIMEZONE", prop.Name, tzid)
	}
	wall, err := time.ParseInLocation("20060102T150405", prop.Value, time.UTC)
	if err != nil {
		t.Fatalf("%s: bad DATE-TIME %q: %v", prop.Name, prop.Value, err)
	}
	u, n, err := z.resolve(wall)
	if err != nil {
		t.Fatalf("%s;TZID=%s:%s: %v", prop.Name, tzid, prop.Value, err)
	}
	if n == 1 { // cross-check with Go's zone database (ambiguous times aside)
		g, err := prop.DateTime(nil)
		if err != nil {
			t.Errorf("go-ical cannot read %s;TZID=%s:%s: %v", prop.Name, tzid, prop.Value, err)
		} else if !g.Equal(u) {
			t.Errorf("%s;TZID=%s:%s: the VTIMEZONE gives %s, Go's zone data %s", prop.Name, tzid, prop.Value, u.UTC(), g.UTC())
		}
	}
	return value{instant: u, tzid: tzid, occurrences: n}
}

// fireTimes returns the instants at which the alarms of ev fire, in order:
// an absolute TRIGGER as written, a relative one added to DTSTART (or DTEND
// with RELATED=END), which must then be a DATE-TIME.
func fireTimes(t testing.TB, zones map[string]*zoneRules, ev *goical.Component) []time.Time {
	t.Helper()
	var out []time.Time
	for _, a := range ev.Children {
		if a.Name != goical.CompAlarm {
			t.Errorf("unexpected %s inside %s", a.Name, ev.Name)
			continue
		}
		if act := a.Props.Get(goical.PropAction); act == nil || act.Value != "DISPLAY" {
			t.Errorf("VALARM without ACTION:DISPLAY")
		}
		if d := a.Props.Get(goical.PropDescription); d == nil || d.Value == "" {
			t.Errorf("DISPLAY VALARM without DESCRIPTION")
		}
		trig := a.Props.Values(goical.PropTrigger)
		if len(trig) != 1 {
			t.Fatalf("VALARM with %d TRIGGERs", len(trig))
		}
		tr := trig[0]
		if tr.Params.Get(goical.ParamValue) == "DATE-TIME" {
			if !strings.HasSuffix(tr.Value, "Z") {
				t.Errorf("absolute TRIGGER %q is not in UTC (RFC 5545 section 3.8.6.3 requires it)", tr.Value)
			}
			out = append(out, readValue(t, zones, &tr).instant)
			continue
		}
		d, err := tr.Duration()
		if err != nil {
			t.Fatalf("TRIGGER %q: %v", tr.Value, err)
		}
		if strings.ContainsAny(tr.Value, "DW") {
			t.Errorf("TRIGGER %q uses nominal days or weeks, which move across a DST change", tr.Value)
		}
		anchorProp := goical.PropDateTimeStart
		if tr.Params.Get("RELATED") == "END" {
			anchorProp = goical.PropDateTimeEnd
		}
		anchor := readValue(t, zones, ev.Props.Get(anchorProp))
		if anchor.isDate {
			t.Errorf("relative TRIGGER %q on an all-day event fires at a floating time", tr.Value)
			continue
		}
		out = append(out, anchor.instant.Add(d))
	}
	return out
}

// eventsByUID indexes the VEVENTs of a calendar by UID, failing on
// duplicates.
func eventsByUID(t testing.TB, cal *goical.Calendar) map[string]*goical.Component {
	t.Helper()
	out := map[string]*goical.Component{}
	for _, ev := range cal.Events() {
		uid := ev.Props.Get(goical.PropUID)
		if uid == nil || uid.Value == "" {
			t.Fatalf("VEVENT without UID")
		}
		if out[uid.Value] != nil {
			t.Errorf("duplicate UID %s", uid.Value)
		}
		out[uid.Value] = ev.Component
	}
	return out
}

func textProp(t testing.TB, c *goical.Component, name string) string {
	t.Helper()
	ps := c.Props.Values(name)
	if len(ps) != 1 {
		t.Fatalf("%s has %d %s properties, want 1", c.Name, len(ps), name)
	}
	s, err := ps[0].Text()
	if err != nil {
		t.Fatalf("%s %s: %v", c.Name, name, err)
	}
	return s
}

// sessionUID, windowUID are the UIDs the requirements give.
func sessionUID(id string, n int) string { return fmt.Sprintf("%s-session-%d@mesoplan", id, n) }

func windowUID(id string, w planner.Window) string {
	return fmt.Sprintf("%s-%s-%s-%d@mesoplan", id, w.Kind, w.Rule, w.Sessions[0])
}

// localDates lists every local date in loc that the half-open interval
// [start, end) touches.
func localDates(start, end time.Time, loc *time.Location) []planner.Date {
	var out []planner.Date
	for d := planner.DateOf(start.In(loc)); ; d = d.AddDays(1) {
		dayStart := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
		if !dayStart.Before(end) && len(out) > 0 {
			break
		}
		dayEnd := time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc)
		if dayEnd.After(start) && dayStart.Before(end) {
			out = append(out, d)
		}
	}
	return out
}

// allocBound runs f and fails the test when it allocated more than max
// bytes: a bound on the work a hostile input can cause that, unlike a
// wall-clock limit, does not depend on the machine or its load (time is
// measured by the benchmarks, make bench).
func allocBound(t testing.TB, max uint64, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	if used := after.TotalAlloc - before.TotalAlloc; used > max {
		t.Errorf("allocated %d bytes, want at most %d", used, max)
	}
}
