package ical

import (
	"regexp"
	"strings"
	"testing"
)

// reEnglish matches the English words of mesoplan's own messages; the
// catalog's Italian texts have none of them.
var reEnglish = regexp.MustCompile(`\b(session|sessions|Before|After|From|Until|until|course|Your clinic|Phone|Clinic notes|maintenance|Cancelled|before|after|see)\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Mar|May|Jun|Jul|Aug|Sep|Oct|Dec)\b`)

// rePhase matches the phase of a session in a practitioner's description.
var rePhase = regexp.MustCompile(`\(fase: [^)]*\)`)

// TestItalianExportHasNoEnglish exports every built-in treatment in
// Italian, grouped and one event per rule, for the patient and the
// practitioner, and checks that every text a person reads (summaries,
// descriptions, alarms, the calendar's name and description) is Italian:
// no message outside the translatable ones, no English word of mesoplan's
// messages or dates.
func TestItalianExportHasNoEnglish(t *testing.T) {
	for _, tr := range treatments {
		for _, detail := range []bool{false, true} {
			for _, audience := range []Audience{Patient, Practitioner} {
				spec := planSpec{treatment: tr, zone: "Europe/Rome", start: "2027-03-16", at: "10:00", lang: "it"}
				p := makePlan(t, spec)
				o := defaultOptions(t, p, "Giulia Conti", spec.start)
				o.Detail, o.Audience = detail, audience
				o.Clinic = Clinic{Name: "Studio Bianchi", Address: "Via Roma 1", Phone: "+39 06 1234", Email: "studio@bianchi.example", URL: "https://bianchi.example/"}
				data := encode(t, p, o)
				if u := o.Words.Unknown(); len(u) > 0 {
					t.Fatalf("%s: messages outside locale.Keys: %q", spec, u)
				}
				for _, line := range strings.Split(unfold(string(data)), "\r\n") {
					name := propName(line)
					if name != "SUMMARY" && name != "DESCRIPTION" && name != "NAME" && name != "X-WR-CALNAME" && name != "X-WR-CALDESC" && name != "LOCATION" {
						continue
					}
					text := line[strings.Index(line, ":")+1:]
					// The practitioner's notes are planner findings, in English
					// for the clinic; the patient never sees them.
					if i := strings.Index(text, "Note per lo studio:"); i >= 0 {
						text = text[:i]
					}
					// So are the catalog's phase names (induction, maintenance).
					text = rePhase.ReplaceAllString(text, "")
					if m := reEnglish.FindString(text); m != "" {
						t.Errorf("%s detail=%v %s: English %q in %s", spec, detail, audience, m, line)
					}
				}
				for _, f := range p.Warnings {
					if f.Code == "translation-missing" {
						t.Errorf("%s: %s", spec, f.Message)
					}
				}
			}
		}
	}
}

// TestItalianGroupedInstants checks the grouped Italian calendars as the
// English ones: the language changes no instant.
func TestItalianGroupedInstants(t *testing.T) {
	for _, tr := range treatments {
		spec := planSpec{treatment: tr, zone: "Europe/Rome", start: "2027-03-16", at: "10:00", lang: "it"}
		p := makePlan(t, spec)
		if p.Lang != "it" {
			t.Fatalf("plan language %q, want it", p.Lang)
		}
		o := defaultOptions(t, p, "", spec.start)
		o.Detail = false
		data := encode(t, p, o)
		checkInstants(t, p, o, data)
		en := makePlan(t, planSpec{treatment: tr, zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
		if len(en.Windows) != len(p.Windows) || !en.Sessions[0].Start.Equal(p.Sessions[0].Start) {
			t.Errorf("%s: the Italian plan differs from the English one in more than words", tr)
		}
	}
}
