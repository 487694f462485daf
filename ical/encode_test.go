package ical

import (
	"bytes"
	"fmt"
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
					want := fmt.Sprintf("%s session %d of %d", p.Treatment.Title(), n, total)
					if n > total {
						want = fmt.Sprintf("%s maintenance session %d", p.Treatment.Title(), n-total)
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
					// The notice is the calendar's, once: not repeated in events.
					if strings.Contains(textProp(t, ev.Component, "DESCRIPTION"), planner.Notice) {
						t.Errorf("%s DESCRIPTION repeats the notice", uid)
					}
				case "prep", "aftercare", "maintenance":
					if strings.Contains(textProp(t, ev.Component, "DESCRIPTION"), planner.Notice) {
						t.Errorf("%s DESCRIPTION repeats the notice", uid)
					}
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
	// An unknown zone cannot be a planner.Zone; a plan without one can.
	noZone := *p
	noZone.Zone = planner.Zone{}
	if _, err := Encode(&noZone, o); err == nil {
		t.Errorf("Encode of a plan without a time zone: no error")
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
			// NoHashes, for a caller that saves nothing, writes the same
			// bytes and leaves the hashes out of the states.
			hashed, states, err := EncodeUpdate(p, o, nil)
			if err != nil {
				t.Fatal(err)
			}
			o4 := o
			o4.NoHashes = true
			plain, bare, err := EncodeUpdate(p, o4, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(plain, hashed) || len(bare) != len(states) {
				t.Errorf("NoHashes changes the calendar, or its %d states (want %d)", len(bare), len(states))
			}
			for i := range bare {
				if states[i].Hash == "" || bare[i].Hash != "" {
					t.Errorf("state %d: hash %q with, %q without NoHashes", i, states[i].Hash, bare[i].Hash)
				}
				bare[i].Hash = states[i].Hash
				if bare[i] != states[i] {
					t.Errorf("state %d: %+v without NoHashes, %+v with", i, bare[i], states[i])
				}
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
