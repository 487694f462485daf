package ical

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/mesoplan/mesoplan/configs"
	"github.com/mesoplan/mesoplan/planner"
)

// kindOf classifies an event by its UID: "session", "prep", "aftercare"
// or "maintenance".
func kindOf(planID, uid string) string {
	rest := strings.TrimPrefix(uid, planID+"-")
	kind, _, _ := strings.Cut(rest, "-")
	return kind
}

// ---- 5. calendar and event properties ----

func TestCalendarProperties(t *testing.T) {
	tests := []struct {
		name     string
		spec     planSpec
		patient  string
		clinic   Clinic
		audience Audience
	}{
		{"rome patient no email", planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16"}, "Anna Rossi", Clinic{Name: "Studio Bianchi", Address: "Via Roma 1, Milano"}, Patient},
		{"rome patient email", planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16"}, "Anna Rossi", Clinic{Name: "Studio Bianchi", Address: "Via Roma 1", Email: "front-desk@example.org"}, Patient},
		{"new york practitioner email", planSpec{treatment: "cellulite", zone: "America/New_York", start: "2027-03-01"}, "Zoë Núñez", Clinic{Name: "Skin & Co", Email: "desk@skin.example"}, Practitioner},
		{"sydney no clinic", planSpec{treatment: "hair", zone: "Australia/Sydney", start: "2027-03-20"}, "", Clinic{}, Patient},
		{"dubai email only", planSpec{treatment: "mesobotox", zone: "Asia/Dubai", start: "2027-03-20"}, "Layla", Clinic{Email: "info@example.ae"}, Practitioner},
		{"utc", planSpec{treatment: "analgesic", zone: "UTC", start: "2027-03-20"}, "Sam", Clinic{Address: "1 Main St"}, Patient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := makePlan(t, tt.spec)
			o := defaultOptions(t, p, tt.patient, tt.spec.start)
			o.Clinic, o.Audience = tt.clinic, tt.audience
			data := encode(t, p, o)
			cal := parse(t, data)
			one := func(c *goical.Component, name string) string {
				t.Helper()
				ps := c.Props.Values(name)
				if len(ps) != 1 {
					t.Errorf("%s has %d %s, want 1", c.Name, len(ps), name)
					return ""
				}
				return ps[0].Value
			}
			if v := one(cal.Component, "VERSION"); v != "2.0" {
				t.Errorf("VERSION = %q", v)
			}
			if v := one(cal.Component, "PRODID"); !strings.Contains(v, "mesoplan") || !strings.Contains(v, testVersion) || !strings.HasPrefix(v, "-//") {
				t.Errorf("PRODID = %q, want a -//...// id naming mesoplan and %s", v, testVersion)
			}
			if v := one(cal.Component, "CALSCALE"); v != "GREGORIAN" {
				t.Errorf("CALSCALE = %q", v)
			}
			wantName := p.Treatment.Name + " course"
			if tt.patient != "" {
				wantName += " — " + tt.patient
			}
			if v := textProp(t, cal.Component, "NAME"); v != wantName {
				t.Errorf("NAME = %q, want %q", v, wantName)
			}
			if v := textProp(t, cal.Component, "X-WR-CALNAME"); v != wantName {
				t.Errorf("X-WR-CALNAME = %q, want %q", v, wantName)
			}
			if v := one(cal.Component, "X-WR-TIMEZONE"); v != tt.spec.zone {
				t.Errorf("X-WR-TIMEZONE = %q, want %q", v, tt.spec.zone)
			}
			methods := cal.Props.Values("METHOD")
			if tt.clinic.Email != "" {
				if len(methods) != 1 || methods[0].Value != "PUBLISH" {
					t.Errorf("with a clinic e-mail: METHOD = %v, want PUBLISH", methods)
				}
			} else if len(methods) != 0 {
				t.Errorf("without a clinic e-mail: METHOD = %v, want none (RFC 5546 needs an ORGANIZER)", methods)
			}
			total := 0
			for _, s := range p.Sessions {
				if !s.Maintenance {
					total++
				}
			}
			for _, ev := range cal.Events() {
				uid := one(ev.Component, "UID")
				for _, prop := range []string{"DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"} {
					one(ev.Component, prop)
				}
				if len(ev.Props.Values("DURATION")) != 0 {
					t.Errorf("%s has DURATION beside DTEND", uid)
				}
				if v := one(ev.Component, "DTSTAMP"); v != "20270101T000000Z" {
					t.Errorf("%s DTSTAMP = %q, want Options.Now in UTC", uid, v)
				}
				orgs := ev.Props.Values("ORGANIZER")
				if tt.clinic.Email != "" {
					if len(orgs) != 1 || orgs[0].Value != "mailto:"+tt.clinic.Email {
						t.Errorf("%s ORGANIZER = %v, want mailto:%s", uid, orgs, tt.clinic.Email)
					} else if cn := orgs[0].Params.Get("CN"); tt.clinic.Name != "" && cn != tt.clinic.Name {
						t.Errorf("%s ORGANIZER CN = %q, want %q", uid, cn, tt.clinic.Name)
					}
				} else if len(orgs) != 0 {
					t.Errorf("%s has an ORGANIZER without a clinic e-mail", uid)
				}
				transp := one(ev.Component, "TRANSP")
				busy := ev.Props.Values("X-MICROSOFT-CDO-BUSYSTATUS")
				switch kind := kindOf(o.PlanID, uid); kind {
				case "session":
					if transp != "OPAQUE" {
						t.Errorf("%s TRANSP = %q, want OPAQUE", uid, transp)
					}
					if len(busy) != 0 {
						t.Errorf("%s (a session) has X-MICROSOFT-CDO-BUSYSTATUS", uid)
					}
					var n int
					fmt.Sscanf(strings.TrimPrefix(uid, o.PlanID+"-session-"), "%d", &n)
					summary := textProp(t, ev.Component, "SUMMARY")
					want := fmt.Sprintf("Mesotherapy (%s) — session %d of %d", p.Treatment.ID, n, total)
					if n > total {
						want = fmt.Sprintf("Mesotherapy (%s) — maintenance session %d", p.Treatment.ID, n-total)
					}
					if tt.audience == Practitioner && tt.patient != "" {
						want = tt.patient + ": " + want
					}
					if summary != want {
						t.Errorf("%s SUMMARY = %q, want %q", uid, summary, want)
					}
					if loc := ev.Props.Values("LOCATION"); (tt.clinic.Name != "" || tt.clinic.Address != "") != (len(loc) == 1) {
						t.Errorf("%s LOCATION = %v with clinic %+v", uid, loc, tt.clinic)
					}
					if !strings.Contains(textProp(t, ev.Component, "DESCRIPTION"), planner.Notice) {
						t.Errorf("%s DESCRIPTION lacks the notice", uid)
					}
				case "prep", "aftercare", "maintenance":
					if transp != "TRANSPARENT" {
						t.Errorf("%s TRANSP = %q, want TRANSPARENT", uid, transp)
					}
					if len(busy) != 1 || busy[0].Value != "FREE" {
						t.Errorf("%s X-MICROSOFT-CDO-BUSYSTATUS = %v, want FREE", uid, busy)
					}
				default:
					t.Errorf("event %s of unknown kind %q", uid, kind)
				}
			}
		})
	}
}

// ---- UIDs and plan identity ----

func TestUIDs(t *testing.T) {
	for _, s := range []planSpec{
		{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16"},
		{treatment: "cellulite", zone: "America/New_York", start: "2027-03-01"},
		{treatment: "hair", zone: "Australia/Sydney", start: "2027-09-20", perSession: true},
		{treatment: "mesobotox", zone: "UTC", start: "2027-03-16", sessions: 2},
	} {
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "Zoë Quintavalle", s.start)
			uidsOf := func(data []byte) []string {
				var out []string
				for _, ev := range parse(t, data).Events() {
					out = append(out, ev.Props.Get("UID").Value)
				}
				return out
			}
			first := uidsOf(encode(t, p, o))
			again := uidsOf(encode(t, p, o))
			if strings.Join(first, " ") != strings.Join(again, " ") {
				t.Errorf("UIDs differ between two encodes:\n%v\n%v", first, again)
			}
			valid := regexp.MustCompile(`^[A-Za-z0-9._-]+@mesoplan$`)
			seen := map[string]bool{}
			for _, uid := range first {
				if seen[uid] {
					t.Errorf("duplicate UID %s", uid)
				}
				seen[uid] = true
				if !strings.HasPrefix(uid, o.PlanID+"-") || !valid.MatchString(uid) {
					t.Errorf("UID %q is not <plan id>-...@mesoplan", uid)
				}
				if low := strings.ToLower(uid); strings.Contains(low, "quintavalle") || strings.Contains(low, "zoë") {
					t.Errorf("UID %q carries the patient's name", uid)
				}
			}
			for _, sess := range p.Sessions {
				if !seen[sessionUID(o.PlanID, sess.Number)] {
					t.Errorf("no UID %s", sessionUID(o.PlanID, sess.Number))
				}
			}
			for _, w := range p.Windows {
				if !seen[windowUID(o.PlanID, w)] {
					t.Errorf("no UID %s", windowUID(o.PlanID, w))
				}
			}
			// Another plan id gives the same UIDs under the other id.
			o2 := o
			o2.PlanID = "clinic-2027.anna_01"
			other := uidsOf(encode(t, p, o2))
			if len(other) != len(first) {
				t.Fatalf("%d UIDs with another plan id, want %d", len(other), len(first))
			}
			for i := range first {
				if want := o2.PlanID + strings.TrimPrefix(first[i], o.PlanID); other[i] != want {
					t.Errorf("with plan id %s: UID %q, want %q", o2.PlanID, other[i], want)
				}
			}
			// Other options do not change UIDs.
			o3 := o
			o3.Audience, o3.Patient, o3.Now, o3.SessionReminders = Practitioner, "Someone Else", fixedNow.Add(time.Hour), nil
			o3.Clinic = Clinic{Name: "X", Email: "x@example.org"}
			if got := uidsOf(encode(t, p, o3)); strings.Join(got, " ") != strings.Join(first, " ") {
				t.Errorf("UIDs depend on options other than PlanID:\n%v\n%v", got, first)
			}
		})
	}
}

func TestPlanIdentity(t *testing.T) {
	d := func(s string) planner.Date { return mustDate(t, s) }
	base := PlanIdentity("Anna Rossi", "mesolifting", d("2027-03-16"))
	if again := PlanIdentity("Anna Rossi", "mesolifting", d("2027-03-16")); again != base {
		t.Errorf("PlanIdentity is not deterministic: %s, %s", base, again)
	}
	if err := CheckPlanID(base); err != nil {
		t.Errorf("PlanIdentity gives an id CheckPlanID rejects: %v", err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(base) {
		t.Errorf("PlanIdentity = %q, want 16 hex digits", base)
	}
	if strings.Contains(strings.ToLower(base), "anna") || strings.Contains(strings.ToLower(base), "rossi") {
		t.Errorf("PlanIdentity %q carries the name", base)
	}
	if got := PlanIdentity("  Anna Rossi \t", "mesolifting", d("2027-03-16")); got != base {
		t.Errorf("surrounding white space changes the identity: %s vs %s", got, base)
	}
	others := map[string]string{
		"patient":           PlanIdentity("Anna Bianchi", "mesolifting", d("2027-03-16")),
		"no patient":        PlanIdentity("", "mesolifting", d("2027-03-16")),
		"treatment":         PlanIdentity("Anna Rossi", "hair", d("2027-03-16")),
		"start":             PlanIdentity("Anna Rossi", "mesolifting", d("2027-03-17")),
		"start year":        PlanIdentity("Anna Rossi", "mesolifting", d("2028-03-16")),
		"field boundary":    PlanIdentity("Anna Rossimesolifting", "", d("2027-03-16")),
		"case of the name":  PlanIdentity("anna rossi", "mesolifting", d("2027-03-16")),
		"name in treatment": PlanIdentity("", "Anna Rossi\x00mesolifting", d("2027-03-16")),
	}
	seen := map[string]string{base: "base"}
	for what, id := range others {
		if prev, dup := seen[id]; dup {
			t.Errorf("a different %s gives the same identity as %s: %s", what, prev, id)
		}
		seen[id] = what
	}
}

func TestCheckPlanID(t *testing.T) {
	ok := []string{"a", "A", "0", "plan-1", "clinic-2027.anna_01", "a.b.c", "x_", "9-", strings.Repeat("a", 64), "fd31f4686e5874ee"}
	bad := []string{"", "-a", ".a", "_a", strings.Repeat("a", 65), "a b", "a@b", "a/b", "a:b", "a;b", "a,b", "é", "a\n", "a\r\nATTENDEE:x", " a", "a\x00", "plan+1", "ａ"}
	for _, id := range ok {
		if err := CheckPlanID(id); err != nil {
			t.Errorf("CheckPlanID(%q) = %v, want nil", id, err)
		}
	}
	for _, id := range bad {
		if err := CheckPlanID(id); err == nil {
			t.Errorf("CheckPlanID(%q) = nil, want an error", id)
		}
	}
}

func TestEncodeRejectsBadInput(t *testing.T) {
	s := planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16"}
	p := makePlan(t, s)
	o := defaultOptions(t, p, "", s.start)
	for _, id := range []string{"", "bad id", "a\r\nX:1"} {
		bad := o
		bad.PlanID = id
		if data, err := Encode(p, bad); err == nil {
			t.Errorf("Encode with plan id %q: no error, wrote %d bytes", id, len(data))
		}
	}
	empty := *p
	empty.Sessions = nil
	if _, err := Encode(&empty, o); err == nil {
		t.Errorf("Encode of a plan without sessions: no error")
	}
	badZone := *p
	badZone.Timezone = "Mars/Olympus_Mons"
	if _, err := Encode(&badZone, o); err == nil {
		t.Errorf("Encode of a plan in an unknown zone: no error")
	}
}

// TestPatientNameOnlyWhereAllowed: the patient's name appears only in
// SUMMARY, DESCRIPTION, NAME and X-WR-CALNAME (raw unfolded lines).
func TestPatientNameOnlyWhereAllowed(t *testing.T) {
	allowed := map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "NAME": true, "X-WR-CALNAME": true}
	names := []string{"Zoë Quintavalle", "Ångström, Núñez; O'Brien", "Rossi"}
	for _, name := range names {
		for _, audience := range []Audience{Patient, Practitioner} {
			for _, zone := range testZones {
				t.Run(fmt.Sprintf("%s/%s/%s", name, audience, zone), func(t *testing.T) {
					s := planSpec{treatment: "mesolifting", zone: zone, start: "2027-03-16", conditions: []string{"diabetes"}}
					p := makePlan(t, s)
					o := defaultOptions(t, p, name, s.start)
					o.Audience = audience
					o.Clinic = Clinic{Name: "Studio", Address: "Via Roma 1", Email: "desk@example.org"}
					data := encode(t, p, o)
					// Look for every word of the name, raw and TEXT-escaped.
					var needles []string
					for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
						needles = append(needles, strings.ToLower(w))
					}
					found := map[string]bool{}
					for _, l := range contentLines(data) {
						low := strings.ToLower(l)
						for _, n := range needles {
							if strings.Contains(low, n) {
								found[propName(l)] = true
								if !allowed[propName(l)] {
									t.Errorf("the name (%q) appears in %q", n, l)
								}
							}
						}
					}
					if !found["NAME"] || !found["X-WR-CALNAME"] {
						t.Errorf("the name is not in the calendar's name")
					}
					if audience == Practitioner && (!found["SUMMARY"] || !found["DESCRIPTION"]) {
						t.Errorf("practitioner export: the name is not in SUMMARY and DESCRIPTION")
					}
				})
			}
		}
	}
}

// ---- 6. alarms ----

// alarmsOf returns each event's alarm fire instants and descriptions, by
// UID.
func alarmsOf(t *testing.T, data []byte) (fires map[string][]time.Time, texts map[string][]string, absolute map[string][]bool) {
	t.Helper()
	cal := parse(t, data)
	zones := zonesOf(t, cal)
	fires, texts, absolute = map[string][]time.Time{}, map[string][]string{}, map[string][]bool{}
	for _, ev := range cal.Events() {
		uid := ev.Props.Get("UID").Value
		fires[uid] = fireTimes(t, zones, ev.Component)
		for _, a := range ev.Children {
			d, _ := a.Props.Get("DESCRIPTION").Text()
			texts[uid] = append(texts[uid], d)
			absolute[uid] = append(absolute[uid], a.Props.Get("TRIGGER").Params.Get("VALUE") == "DATE-TIME")
		}
	}
	return fires, texts, absolute
}

func fmtTimes(ts []time.Time, loc *time.Location) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.In(loc).Format("2006-01-02 15:04:05 MST"))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func sameTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// TestDefaultAlarms: 24h then 2h before every session, one at the start of
// every prep window (absolute UTC for all-day windows), none on aftercare
// windows and the recall; sessions at 10:00 keep every alarm out of the
// quiet hours.
func TestDefaultAlarms(t *testing.T) {
	for _, zone := range testZones {
		for _, tr := range treatments {
			change := mustDate(t, dstChanges2027[zone][0])
			s := planSpec{treatment: tr, zone: zone, start: change.AddDays(-10).String(), at: "10:00"}
			if tr == "mesobotox" {
				s.sessions = 2
			}
			t.Run(s.String(), func(t *testing.T) {
				p := makePlan(t, s)
				o := defaultOptions(t, p, "", s.start)
				loc := mustLoc(t, zone)
				data := encode(t, p, o)
				fires, texts, absolute := alarmsOf(t, data)
				for _, sess := range p.Sessions {
					uid := sessionUID(o.PlanID, sess.Number)
					want := []time.Time{sess.Start.Add(-24 * time.Hour), sess.Start.Add(-2 * time.Hour)}
					if !sameTimes(fires[uid], want) {
						t.Errorf("%s alarms fire at %s, want %s (24h first)", uid, fmtTimes(fires[uid], loc), fmtTimes(want, loc))
					}
					for i, abs := range absolute[uid] {
						if abs {
							t.Errorf("%s alarm %d has an absolute trigger, want one relative to DTSTART", uid, i)
						}
					}
					for _, txt := range texts[uid] {
						if want := sess.Start.In(loc).Format("Mon 2 Jan 15:04"); !strings.Contains(txt, want) {
							t.Errorf("%s alarm text %q does not say when (%s)", uid, txt, want)
						}
					}
				}
				for _, w := range p.Windows {
					uid := windowUID(o.PlanID, w)
					if w.Kind != planner.Prep {
						if len(fires[uid]) != 0 {
							t.Errorf("aftercare %s has alarms %s", uid, fmtTimes(fires[uid], loc))
						}
						continue
					}
					if want := []time.Time{w.Start}; !sameTimes(fires[uid], want) {
						t.Errorf("prep %s alarms fire at %s, want %s", uid, fmtTimes(fires[uid], loc), fmtTimes(want, loc))
					}
					if allDay := len(localDates(w.Start, w.End, loc)) >= 2; len(absolute[uid]) == 1 && absolute[uid][0] != allDay {
						t.Errorf("prep %s: absolute trigger = %v, want %v (all-day: %v)", uid, absolute[uid][0], allDay, allDay)
					}
					if len(texts[uid]) == 1 && !strings.HasPrefix(texts[uid][0], "From now: ") {
						t.Errorf("prep %s alarm text %q", uid, texts[uid][0])
					}
				}
				for uid, f := range fires {
					if kindOf(o.PlanID, uid) == "maintenance" && len(f) != 0 {
						t.Errorf("the recall %s has alarms", uid)
					}
				}
			})
		}
	}
}

func TestNoAlarms(t *testing.T) {
	for _, tr := range treatments {
		s := planSpec{treatment: tr, zone: "Europe/Rome", start: "2027-03-20", at: "08:00"}
		p := makePlan(t, s)
		o := defaultOptions(t, p, "", s.start)
		o.SessionReminders, o.PrepReminders = []planner.Span{}, false
		data := encode(t, p, o)
		if bytes.Contains(data, []byte("VALARM")) || bytes.Contains(data, []byte("TRIGGER")) {
			t.Errorf("%s: --remind none export has alarms", tr)
		}
		o.SessionReminders = nil
		if bytes.Contains(encode(t, p, o), []byte("VALARM")) {
			t.Errorf("%s: nil SessionReminders and no prep reminders: export has alarms", tr)
		}
	}
}

// TestCustomReminders: reminders in days are calendar days (same wall
// time across a DST change), in hours elapsed time; the trigger is exact.
func TestCustomReminders(t *testing.T) {
	s := planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-23", at: "10:00"}
	p := makePlan(t, s)
	o := defaultOptions(t, p, "", s.start)
	o.SessionReminders = []planner.Span{{N: 2, Unit: planner.Days}, {N: 1, Unit: planner.Hours}, {N: 1, Unit: planner.Weeks}}
	o.PrepReminders = false
	loc := mustLoc(t, "Europe/Rome")
	fires, _, _ := alarmsOf(t, encode(t, p, o))
	for _, sess := range p.Sessions {
		uid := sessionUID(o.PlanID, sess.Number)
		want := []time.Time{sess.Start.AddDate(0, 0, -2), sess.Start.Add(-time.Hour), sess.Start.AddDate(0, 0, -7)}
		if !sameTimes(fires[uid], want) {
			t.Errorf("%s alarms at %s, want %s", uid, fmtTimes(fires[uid], loc), fmtTimes(want, loc))
		}
	}
	for _, w := range p.Windows {
		if n := len(fires[windowUID(o.PlanID, w)]); n != 0 {
			t.Errorf("window %s has %d alarms with PrepReminders off", w.Rule, n)
		}
	}
}

// TestQuietHours exports one session with given reminders and quiet hours
// and checks the local fire times of its alarms, computed from the parsed
// TRIGGER and DTSTART.
func TestQuietHours(t *testing.T) {
	night := QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}}
	midday := QuietHours{Start: planner.Clock{Hour: 13}, End: planner.Clock{Hour: 15}}
	h := func(n int) planner.Span { return planner.Span{N: n, Unit: planner.Hours} }
	tests := []struct {
		name      string
		zone      string
		start, at string
		reminders []planner.Span
		quiet     QuietHours
		want      []string // local fire times, "2006-01-02 15:04"
	}{
		{"08:00 session: 2h reminder at 06:00 moves to 22:00 the evening before", "Europe/Rome", "2027-03-16", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-03-15 08:00", "2027-03-15 22:00"}},
		{"alarm exactly at 22:00 stays", "Europe/Rome", "2027-03-16", "23:00", []planner.Span{h(1)}, night, []string{"2027-03-16 22:00"}},
		{"alarm at 21:00 stays", "Europe/Rome", "2027-03-16", "23:00", []planner.Span{h(2)}, night, []string{"2027-03-16 21:00"}},
		{"alarm at 22:30 moves to 22:00 the same evening", "Europe/Rome", "2027-03-16", "23:30", []planner.Span{h(1)}, night, []string{"2027-03-16 22:00"}},
		{"alarm at 07:00 stays", "Europe/Rome", "2027-03-16", "09:00", []planner.Span{h(2)}, night, []string{"2027-03-16 07:00"}},
		{"alarm at 03:00 moves to 22:00 the evening before", "Europe/Rome", "2027-03-16", "05:00", []planner.Span{h(2)}, night, []string{"2027-03-15 22:00"}},
		{"alarm at 00:00 moves to 22:00 the evening before", "America/New_York", "2027-03-16", "02:00", []planner.Span{h(2)}, night, []string{"2027-03-15 22:00"}},
		{"alarm at 06:30 moves", "Asia/Dubai", "2027-03-16", "08:30", []planner.Span{h(2)}, night, []string{"2027-03-15 22:00"}},
		{"quiet hours disabled: 06:00 stays", "Europe/Rome", "2027-03-16", "08:00", []planner.Span{h(24), h(2)}, QuietHours{}, []string{"2027-03-15 08:00", "2027-03-16 06:00"}},
		{"quiet hours disabled at 22:00-22:00", "Europe/Rome", "2027-03-16", "05:00", []planner.Span{h(2)}, QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 22}}, []string{"2027-03-16 03:00"}},
		{"midday quiet: 14:00 moves to 13:00", "Europe/Rome", "2027-03-16", "16:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 13:00"}},
		{"midday quiet: 15:00 stays", "Europe/Rome", "2027-03-16", "17:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 15:00"}},
		{"midday quiet: 13:00 stays", "Europe/Rome", "2027-03-16", "15:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 13:00"}},
		{"midday quiet: 03:00 stays", "Europe/Rome", "2027-03-16", "05:00", []planner.Span{h(2)}, midday, []string{"2027-03-16 03:00"}},
		{"midday quiet: 14:30 moves to 13:00", "Europe/Rome", "2027-03-16", "15:30", []planner.Span{h(1)}, midday, []string{"2027-03-16 13:00"}},
		// Across a daylight-saving change: 22:00 the evening before is 9
		// (spring) or 11 (autumn) hours before an 08:00 session.
		{"spring forward Rome", "Europe/Rome", "2027-03-28", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-03-27 07:00", "2027-03-27 22:00"}},
		{"fall back Rome", "Europe/Rome", "2027-10-31", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-10-30 09:00", "2027-10-30 22:00"}},
		{"spring forward New York", "America/New_York", "2027-03-14", "08:00", []planner.Span{h(2)}, night, []string{"2027-03-13 22:00"}},
		{"fall back New York", "America/New_York", "2027-11-07", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-11-06 09:00", "2027-11-06 22:00"}},
		{"fall back Sydney", "Australia/Sydney", "2027-04-04", "08:00", []planner.Span{h(2)}, night, []string{"2027-04-03 22:00"}},
		{"UTC", "UTC", "2027-03-16", "08:00", []planner.Span{h(24), h(2)}, night, []string{"2027-03-15 08:00", "2027-03-15 22:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := planSpec{treatment: "mesobotox", zone: tt.zone, start: tt.start, at: tt.at}
			p := makePlan(t, s)
			o := defaultOptions(t, p, "", tt.start)
			o.SessionReminders, o.PrepReminders, o.Quiet = tt.reminders, false, tt.quiet
			loc := mustLoc(t, tt.zone)
			fires, _, _ := alarmsOf(t, encode(t, p, o))
			got := fires[sessionUID(o.PlanID, 1)]
			var want []time.Time
			for _, w := range tt.want {
				x, err := time.ParseInLocation("2006-01-02 15:04", w, loc)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, x)
			}
			if !sameTimes(got, want) {
				t.Errorf("alarms fire at %s, want %s", fmtTimes(got, loc), fmtTimes(want, loc))
			}
		})
	}
}

// TestQuietHoursPrepAlarm: a prep window that starts in the quiet hours
// gets its (absolute) alarm at 22:00 the evening before; one that starts
// in waking hours keeps it.
func TestQuietHoursPrepAlarm(t *testing.T) {
	s := planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-30", at: "05:00"}
	p := makePlan(t, s)
	o := defaultOptions(t, p, "", s.start)
	o.SessionReminders = []planner.Span{}
	loc := mustLoc(t, "Europe/Rome")
	fires, _, absolute := alarmsOf(t, encode(t, p, o))
	n := 0
	for _, w := range p.Windows {
		if w.Kind != planner.Prep {
			continue
		}
		n++
		uid := windowUID(o.PlanID, w)
		l := w.Start.In(loc)
		want := w.Start
		if l.Hour() >= 22 || l.Hour() < 7 {
			d := planner.DateOf(l)
			if l.Hour() < 7 {
				d = d.AddDays(-1)
			}
			want = time.Date(d.Year, d.Month, d.Day, 22, 0, 0, 0, loc)
		}
		if !sameTimes(fires[uid], []time.Time{want}) {
			t.Errorf("prep %s starting %s: alarm at %s, want %s", w.Rule, l, fmtTimes(fires[uid], loc), fmtTimes([]time.Time{want}, loc))
		}
		if len(absolute[uid]) != 1 || !absolute[uid][0] {
			t.Errorf("prep %s (all-day) alarm is not absolute", w.Rule)
		}
	}
	if n == 0 {
		t.Fatal("no prep windows")
	}
}

// TestQuietHoursAdjust checks the adjustment directly, to the second.
func TestQuietHoursAdjust(t *testing.T) {
	rome := mustLoc(t, "Europe/Rome")
	night := QuietHours{Start: planner.Clock{Hour: 22}, End: planner.Clock{Hour: 7}}
	midday := QuietHours{Start: planner.Clock{Hour: 13}, End: planner.Clock{Hour: 15}}
	tests := []struct {
		q        QuietHours
		in, want string // "2006-01-02 15:04:05" in Rome
	}{
		{night, "2027-03-16 21:59:59", "2027-03-16 21:59:59"},
		{night, "2027-03-16 22:00:00", "2027-03-16 22:00:00"},
		{night, "2027-03-16 22:00:01", "2027-03-16 22:00:00"},
		{night, "2027-03-16 23:59:59", "2027-03-16 22:00:00"},
		{night, "2027-03-17 00:00:00", "2027-03-16 22:00:00"},
		{night, "2027-03-17 03:00:00", "2027-03-16 22:00:00"},
		{night, "2027-03-17 06:59:59", "2027-03-16 22:00:00"},
		{night, "2027-03-17 07:00:00", "2027-03-17 07:00:00"},
		{night, "2027-03-17 12:00:00", "2027-03-17 12:00:00"},
		{night, "2027-03-01 03:00:00", "2027-02-28 22:00:00"}, // month boundary
		{night, "2027-01-01 03:00:00", "2026-12-31 22:00:00"}, // year boundary
		{night, "2027-03-28 04:00:00", "2027-03-27 22:00:00"}, // after the spring change
		{night, "2027-10-31 02:30:00", "2027-10-30 22:00:00"}, // in the repeated hour
		{midday, "2027-03-16 12:59:59", "2027-03-16 12:59:59"},
		{midday, "2027-03-16 13:00:00", "2027-03-16 13:00:00"},
		{midday, "2027-03-16 13:00:01", "2027-03-16 13:00:00"},
		{midday, "2027-03-16 14:59:59", "2027-03-16 13:00:00"},
		{midday, "2027-03-16 15:00:00", "2027-03-16 15:00:00"},
		{midday, "2027-03-16 23:00:00", "2027-03-16 23:00:00"},
		{QuietHours{}, "2027-03-16 03:00:00", "2027-03-16 03:00:00"},
		{QuietHours{Start: planner.Clock{Hour: 7}, End: planner.Clock{Hour: 7}}, "2027-03-16 03:00:00", "2027-03-16 03:00:00"},
	}
	for _, tt := range tests {
		in, err := time.ParseInLocation("2006-01-02 15:04:05", tt.in, rome)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := time.ParseInLocation("2006-01-02 15:04:05", tt.want, rome)
		if got := tt.q.adjust(in); !got.Equal(want) {
			t.Errorf("%v-%v adjust(%s) = %s, want %s", tt.q.Start, tt.q.End, tt.in, got.In(rome).Format("2006-01-02 15:04:05 MST"), tt.want)
		}
	}
}

func TestTriggerDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{24 * time.Hour, "-PT24H"},
		{2 * time.Hour, "-PT2H"},
		{9 * time.Hour, "-PT9H"},
		{90 * time.Minute, "-PT1H30M"},
		{time.Hour + time.Second, "-PT1H1S"},
		{45 * time.Second, "-PT45S"},
		{0, "PT0S"},
		{-time.Hour, "PT1H"},
		{200 * time.Hour, "-PT200H"},
	}
	for _, tt := range tests {
		if got := triggerDuration(tt.d); got != tt.want {
			t.Errorf("triggerDuration(%s) = %q, want %q", tt.d, got, tt.want)
		}
		p := goical.NewProp("TRIGGER")
		p.Value = tt.want
		if back, err := p.Duration(); err != nil || back != -tt.d {
			t.Errorf("go-ical reads %q as %s, %v; want %s", tt.want, back, err, -tt.d)
		}
	}
}

// ---- 7. determinism ----

func TestDeterministic(t *testing.T) {
	for _, s := range []planSpec{
		{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16"},
		{treatment: "cellulite", zone: "America/New_York", start: "2027-10-20", at: "08:00"},
		{treatment: "body-contouring", zone: "Australia/Sydney", start: "2027-09-01", perSession: true},
		{treatment: "mesobotox", zone: "UTC", start: "2027-03-16"},
	} {
		t.Run(s.String(), func(t *testing.T) {
			p := makePlan(t, s)
			o := defaultOptions(t, p, "Zoë Quintavalle", s.start)
			o.Clinic = Clinic{Name: "Studio, Bianchi", Address: "Via Roma 1", Email: "desk@example.org"}
			o.Audience = Practitioner
			a, b := encode(t, p, o), encode(t, p, o)
			if !bytes.Equal(a, b) {
				t.Fatalf("two encodes with the same options differ")
			}
			o2 := o
			o2.Now = fixedNow.Add(1234567 * time.Second)
			c := encode(t, p, o2)
			la, lc := contentLines(a), contentLines(c)
			if len(la) != len(lc) {
				t.Fatalf("another Now changes the number of lines: %d vs %d", len(la), len(lc))
			}
			diff := 0
			for i := range la {
				if la[i] == lc[i] {
					continue
				}
				diff++
				if propName(la[i]) != "DTSTAMP" || propName(lc[i]) != "DTSTAMP" {
					t.Errorf("another Now changes a line other than DTSTAMP:\n%q\n%q", la[i], lc[i])
				}
				if want := "DTSTAMP:" + o2.Now.UTC().Format("20060102T150405Z"); lc[i] != want {
					t.Errorf("DTSTAMP line %q, want %q", lc[i], want)
				}
			}
			if events := len(parse(t, a).Events()); diff != events {
				t.Errorf("%d DTSTAMP lines changed, want one per event (%d)", diff, events)
			}
			// A Now in another zone stamps the same instant in UTC.
			o3 := o
			o3.Now = fixedNow.In(mustLoc(t, "Australia/Sydney"))
			if !bytes.Equal(encode(t, p, o3), a) {
				t.Errorf("the zone of Options.Now changes the output")
			}
		})
	}
}

// ---- 8. audience ----

func TestAudience(t *testing.T) {
	const name = "Zoë Quintavalle"
	for _, s := range []planSpec{
		{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", conditions: []string{"diabetes", "eczema"}},
		{treatment: "cellulite", zone: "America/New_York", start: "2027-03-01", conditions: []string{"obesity"}},
	} {
		p := makePlan(t, s)
		if len(p.Warnings) == 0 {
			t.Fatalf("%v: the plan has no warnings", s)
		}
		for _, audience := range []Audience{Patient, Practitioner} {
			t.Run(fmt.Sprintf("%s/%s", s.treatment, audience), func(t *testing.T) {
				o := defaultOptions(t, p, name, s.start)
				o.Audience = audience
				cal := parse(t, encode(t, p, o))
				for _, ev := range cal.Events() {
					uid := ev.Props.Get("UID").Value
					summary := textProp(t, ev.Component, "SUMMARY")
					desc := textProp(t, ev.Component, "DESCRIPTION")
					isSession := kindOf(o.PlanID, uid) == "session"
					if audience == Practitioner {
						if !strings.HasPrefix(summary, name+": ") {
							t.Errorf("%s SUMMARY %q lacks the patient's name", uid, summary)
						}
						if isSession {
							if !strings.Contains(desc, "\n\nClinic notes:") {
								t.Errorf("%s DESCRIPTION lacks Clinic notes:\n%s", uid, desc)
							}
							for _, w := range p.Warnings {
								if !strings.Contains(desc, "\n- "+w.Message) {
									t.Errorf("%s DESCRIPTION lacks the warning %q", uid, w.Message)
								}
							}
							if !strings.Contains(desc, "Patient: "+name+".") {
								t.Errorf("%s DESCRIPTION lacks the patient's name", uid)
							}
						}
						continue
					}
					if strings.Contains(summary, name) || strings.Contains(desc, name) {
						t.Errorf("patient export: %s carries the name in SUMMARY or DESCRIPTION", uid)
					}
					if strings.Contains(desc, "Clinic notes") {
						t.Errorf("patient export: %s has Clinic notes", uid)
					}
					for _, w := range p.Warnings {
						if strings.Contains(desc, w.Message) {
							t.Errorf("patient export: %s carries the warning %q", uid, w.Message)
						}
					}
				}
			})
		}
	}
}

// ---- bugs found while testing ----

// TestPrepAlarmTextNonASCIISummary: the prep alarm text lowercases the
// first letter of the rule's summary ("From now: no alcohol until ...").
// A practitioner's catalog (--catalog) may have summaries in another
// language; a first letter outside ASCII must be lowercased whole, not cut
// in the middle of its UTF-8 encoding.
func TestPrepAlarmTextNonASCIISummary(t *testing.T) {
	tests := []struct{ summary, want string }{
		{"No alcohol", "no alcohol"},
		{"NSAIDs are off", "NSAIDs are off"},
		{"Évitez l'aspirine", "évitez l'aspirine"},
		{"Ölbäder meiden", "ölbäder meiden"},
		{"Ни алкоголя", "ни алкоголя"},
		{"ÉPILATION interdite", "ÉPILATION interdite"},
		{"لا كحول", "لا كحول"},
		{"😀 smile", "😀 smile"},
	}
	for _, tt := range tests {
		t.Run(tt.summary, func(t *testing.T) {
			override := fmt.Sprintf("rules:\n  - id: nsaids\n    kind: prep\n    window: 7d\n    summary: %q\n    text: \"Stop them.\"\n    applies_to:\n      techniques: [injection]\n", tt.summary)
			cat, err := planner.LoadCatalog(
				planner.CatalogFile{Name: "catalog.yaml", Data: configs.Catalog()},
				planner.CatalogFile{Name: "mine.yaml", Data: []byte(override)},
			)
			if err != nil {
				t.Fatalf("catalog: %v", err)
			}
			loc := mustLoc(t, "Europe/Rome")
			p, err := planner.Make(cat, planner.Request{Treatment: "mesobotox", Start: mustDate(t, "2027-03-16"), Time: mustClock(t, "10:00"), Location: loc})
			if err != nil {
				t.Fatal(err)
			}
			o := defaultOptions(t, p, "", "2027-03-16")
			data := encode(t, p, o)
			checkLines(t, data)
			var w *planner.Window
			for i := range p.Windows {
				if p.Windows[i].Rule == "nsaids" {
					w = &p.Windows[i]
				}
			}
			if w == nil {
				t.Fatal("no nsaids window")
			}
			_, texts, _ := alarmsOf(t, data)
			got := texts[windowUID(o.PlanID, *w)]
			want := "From now: " + tt.want + " until your session on Tue 16 Mar 10:00"
			if len(got) != 1 || got[0] != want {
				t.Errorf("prep alarm text = %q, want [%q]", got, want)
			}
		})
	}
}

// TestBlankPatientName: a patient name that is only white space or control
// characters is no name: no dangling " — " in the calendar's name, no
// empty "Patient: ." line, no ": " prefix on summaries.
func TestBlankPatientName(t *testing.T) {
	s := planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16"}
	p := makePlan(t, s)
	for _, blank := range []string{" ", "\t\r\n", "\x00", " \x1b "} {
		t.Run(fmt.Sprintf("%q", blank), func(t *testing.T) {
			o := defaultOptions(t, p, blank, s.start)
			o.Audience = Practitioner
			cal := parse(t, encode(t, p, o))
			if got, want := textProp(t, cal.Component, "NAME"), p.Treatment.Name+" course"; got != want {
				t.Errorf("NAME = %q, want %q", got, want)
			}
			var badSummary, badDesc []string
			for _, ev := range cal.Events() {
				uid := ev.Props.Get("UID").Value
				if summary := textProp(t, ev.Component, "SUMMARY"); strings.HasPrefix(summary, ":") || strings.HasPrefix(summary, " ") {
					badSummary = append(badSummary, fmt.Sprintf("%s: %q", uid, summary))
				}
				if desc := textProp(t, ev.Component, "DESCRIPTION"); strings.Contains(desc, "Patient: .") {
					badDesc = append(badDesc, uid)
				}
			}
			if len(badSummary) > 0 {
				t.Errorf("%d SUMMARYs start with an empty name, e.g. %s", len(badSummary), badSummary[0])
			}
			if len(badDesc) > 0 {
				t.Errorf("%d DESCRIPTIONs have an empty \"Patient: .\" line, e.g. %s", len(badDesc), badDesc[0])
			}
		})
	}
}

// TestClinicEmailCannotInject: Options.Clinic.Email goes into ORGANIZER;
// a CR or LF in it must not start a new property (Encode should refuse
// it, or leave it out). The command checks the address before calling
// Encode, but the package promises that nothing typed in can start a new
// property.
func TestClinicEmailCannotInject(t *testing.T) {
	s := planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16"}
	p := makePlan(t, s)
	for _, email := range []string{
		"desk@example.org\r\nATTENDEE:mailto:evil@example.org",
		"desk@example.org\nATTENDEE:mailto:evil@example.org",
		"desk@example.org\rATTENDEE:mailto:evil@example.org",
	} {
		t.Run(fmt.Sprintf("%q", email), func(t *testing.T) {
			o := defaultOptions(t, p, "", s.start)
			o.Clinic = Clinic{Name: "Studio", Email: email}
			data, err := Encode(p, o)
			if err != nil {
				return // refusing the address is fine
			}
			if bytes.ContainsAny(bytes.ReplaceAll(data, []byte("\r\n"), nil), "\r\n") {
				t.Errorf("a bare CR or LF reached the output")
			}
			for _, l := range contentLines(data) {
				if propName(l) == "ATTENDEE" {
					t.Errorf("injected property %q", l)
					break
				}
			}
		})
	}
}

// TestEncodeUpdateSequences: a re-export keeps UIDs, raises SEQUENCE only
// on changed events, cancels removed ones and is stable when re-run.
func TestEncodeUpdateSequences(t *testing.T) {
	p := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	o := defaultOptions(t, p, "", "2027-03-16")
	_, first, err := EncodeUpdate(p, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range first {
		if s.Sequence != 0 || s.Cancelled || s.Hash == "" {
			t.Fatalf("first export state %+v", s)
		}
	}
	// Unchanged plan, later DTSTAMP: same sequences.
	o2 := o
	o2.Now = o.Now.Add(24 * time.Hour)
	_, same, err := EncodeUpdate(p, o2, first)
	if err != nil {
		t.Fatal(err)
	}
	for i := range same {
		if same[i].Sequence != 0 || same[i].Hash != first[i].Hash {
			t.Errorf("unchanged %s: sequence %d, hash %s -> %s", same[i].UID, same[i].Sequence, first[i].Hash, same[i].Hash)
		}
	}
	// Move the session by a day: the session and its windows change; drop
	// the recall: it is cancelled.
	moved := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-17", at: "10:00"})
	moved.Maintenance = nil
	data, next, err := EncodeUpdate(moved, o2, first)
	if err != nil {
		t.Fatal(err)
	}
	byUID := map[string]EventState{}
	for _, s := range next {
		byUID[s.UID] = s
	}
	for _, s := range first {
		n, ok := byUID[s.UID]
		switch {
		case !ok:
			t.Errorf("UID %s disappeared", s.UID)
		case strings.Contains(s.UID, "-maintenance-"):
			if !n.Cancelled || n.Sequence != 1 {
				t.Errorf("recall %+v, want cancelled with SEQUENCE 1", n)
			}
		case n.Sequence != 1:
			t.Errorf("%s: SEQUENCE %d, want 1 (its dates changed)", s.UID, n.Sequence)
		}
	}
	if !strings.Contains(string(data), "STATUS:CANCELLED\r\n") {
		t.Error("no cancelled event in the file")
	}
	// Re-exporting the changed plan keeps every SEQUENCE, cancelled ones too.
	_, again, err := EncodeUpdate(moved, o2, next)
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if again[i].UID != next[i].UID || again[i].Sequence != next[i].Sequence || again[i].Cancelled != next[i].Cancelled {
			t.Errorf("re-export changed %+v -> %+v", next[i], again[i])
		}
	}
}
