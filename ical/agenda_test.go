package ical

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesoplan/mesoplan/planner"
)

// agendaOf writes the agenda of two patients in two zones (one course
// rescheduled once, so its sessions carry a revision), keeping what keep
// accepts.
func agendaOf(t *testing.T, keep func(planner.Session) bool) ([]byte, []*planner.Plan) {
	t.Helper()
	rome := makePlan(t, planSpec{treatment: "mesolifting", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	ny := makePlan(t, planSpec{treatment: "hair", zone: "America/New_York", start: "2027-10-20", at: "17:30"})
	ny.Sessions[1].Revision = 2
	var body bytes.Buffer
	a, err := NewAgenda(&body, AgendaOptions{Name: "Clinic agenda", Notice: planner.Notice,
		Clinic: Clinic{Name: "Studio Bianchi", Email: "info@studio.example"}, Now: fixedNow, Version: testVersion})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Add(rome, "anna-1", "Anna Rossi", nil, keep); err != nil {
		t.Fatal(err)
	}
	if err := a.Add(ny, "bob-2", `Bob "B" Smith`, nil, keep); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := a.Finish(&out, &body); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), []*planner.Plan{rome, ny}
}

// TestAgenda: every session of every plan, once, at its instant, named
// with its patient, with a UID apart from the patient calendar's, the
// session's revision as SEQUENCE, no reminders, one VTIMEZONE per zone,
// and the notice once.
func TestAgenda(t *testing.T) {
	data, plans := agendaOf(t, nil)
	checkLines(t, data)
	cal := parse(t, data)
	zones := zonesOf(t, cal)
	if len(zones) != 2 || zones["Europe/Rome"] == nil || zones["America/New_York"] == nil {
		t.Errorf("VTIMEZONEs %v, want Europe/Rome and America/New_York", zones)
	}
	byUID := eventsByUID(t, cal)
	want := len(plans[0].Sessions) + len(plans[1].Sessions)
	if len(byUID) != want {
		t.Fatalf("%d events, want %d", len(byUID), want)
	}
	for i, p := range plans {
		id, patient := []string{"anna-1", "bob-2"}[i], []string{"Anna Rossi", `Bob "B" Smith`}[i]
		for _, s := range p.Sessions {
			uid := strings.Replace(sessionUID(id, s.Number), "-session-", "-agenda-session-", 1)
			ev := byUID[uid]
			if ev == nil {
				t.Errorf("no event %s", uid)
				continue
			}
			start := readValue(t, zones, ev.Props.Get("DTSTART"))
			if !start.instant.Equal(s.Start) {
				t.Errorf("%s starts %v, want %v", uid, start.instant, s.Start)
			}
			if got := textProp(t, ev, "SUMMARY"); !strings.HasPrefix(got, patient+": ") {
				t.Errorf("%s SUMMARY %q does not name %s", uid, got, patient)
			}
			if seq := ev.Props.Get("SEQUENCE").Value; seq != map[bool]string{true: "2", false: "0"}[s.Revision == 2] {
				t.Errorf("%s SEQUENCE %s, want the revision %d", uid, seq, s.Revision)
			}
			if len(ev.Children) != 0 {
				t.Errorf("%s has %d alarms, want none", uid, len(ev.Children))
			}
		}
	}
	// The notice is the calendar's description (DESCRIPTION, and
	// X-WR-CALDESC for older clients), in no event.
	head, events, _ := bytes.Cut(data, []byte("BEGIN:VEVENT"))
	if !bytes.Contains(head, []byte("DESCRIPTION:Not medical advice")) || bytes.Contains(events, []byte("Not medical advice")) {
		t.Error("the notice is not the calendar's description alone")
	}
	path := filepath.Join("testdata", "agenda", "two-zones.ics")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ical -update to create it)", err)
	}
	if !bytes.Equal(golden, data) {
		t.Errorf("%s differs from the agenda written (run go test ./ical -update if intended)", path)
	}
}

// TestAgendaKeep: only the sessions keep accepts, and a zone with none
// of them has no VTIMEZONE.
func TestAgendaKeep(t *testing.T) {
	cut := mustDate(t, "2027-06-01")
	data, plans := agendaOf(t, func(s planner.Session) bool { return planner.DateOf(s.Start).Before(cut) })
	if n, want := bytes.Count(data, []byte("BEGIN:VEVENT")), len(plans[0].Sessions); n != want {
		t.Errorf("%d events, want the %d of the spring course", n, want)
	}
	zones := zonesOf(t, parse(t, data))
	if len(zones) != 1 || zones["Europe/Rome"] == nil {
		t.Errorf("VTIMEZONEs %v, want Europe/Rome alone", zones)
	}
}
