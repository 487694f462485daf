package ical

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

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

// TestEventHash: the hash follows the event's content, but not DTSTAMP or
// SEQUENCE, which change on every re-export without the event changing;
// if they counted, every re-export would raise every SEQUENCE.
func TestEventHash(t *testing.T) {
	event := func(change func(ev *ics.VEvent)) *ics.VEvent {
		ev := ics.NewEvent("p1-session-1@mesoplan")
		ev.SetProperty(ics.ComponentPropertyDtstamp, "20270101T000000Z")
		ev.SetSequence(0)
		ev.SetProperty(ics.ComponentPropertyDtStart, "20270316T100000", ics.WithTZID("Europe/Rome"))
		ev.SetProperty(ics.ComponentPropertyDtEnd, "20270316T110000", ics.WithTZID("Europe/Rome"))
		ev.SetSummary("Mesotherapy (mesobotox) — session 1 of 1")
		ev.SetDescription("Before this session:\nSEQUENCE:1")
		a := ev.AddAlarm()
		a.SetAction(ics.ActionDisplay)
		a.SetTrigger("-PT2H")
		if change != nil {
			change(ev)
		}
		return ev
	}
	base := referenceEventHash(event(nil))
	if again := referenceEventHash(event(nil)); again != base {
		t.Fatalf("the same event hashes to %s and %s", base, again)
	}
	tests := []struct {
		name   string
		change func(ev *ics.VEvent)
		same   bool
	}{
		{"DTSTAMP", func(ev *ics.VEvent) { ev.SetProperty(ics.ComponentPropertyDtstamp, "20280615T120000Z") }, true},
		{"SEQUENCE", func(ev *ics.VEvent) { ev.SetSequence(7) }, true},
		{"SUMMARY", func(ev *ics.VEvent) { ev.SetSummary("Mesotherapy (mesobotox) — session 1 of 2") }, false},
		{"DTSTART", func(ev *ics.VEvent) {
			ev.SetProperty(ics.ComponentPropertyDtStart, "20270317T100000", ics.WithTZID("Europe/Rome"))
		}, false},
		{"TZID only", func(ev *ics.VEvent) {
			ev.SetProperty(ics.ComponentPropertyDtStart, "20270316T100000", ics.WithTZID("Europe/Paris"))
		}, false},
		{"STATUS", func(ev *ics.VEvent) { ev.SetStatus(ics.ObjectStatusCancelled) }, false},
		{"alarm", func(ev *ics.VEvent) { ev.Alarms()[0].SetTrigger("-PT1H") }, false},
		// Text that looks like SEQUENCE inside a value is content.
		{"SEQUENCE in DESCRIPTION", func(ev *ics.VEvent) { ev.SetDescription("Before this session:\nSEQUENCE:2") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := referenceEventHash(event(tt.change))
			if same := got == base; same != tt.same {
				t.Errorf("changing %s: hash %s, base %s; want same = %v", tt.name, got, base, tt.same)
			}
		})
	}
}

// TestTimeValue: timeValue keeps DTSTART as written, and the event that
// cancelRemoved writes from it has the same DTSTART line, so a calendar
// finds the cancelled instance where it put the original.
func TestTimeValue(t *testing.T) {
	tests := []struct {
		name   string
		params []ics.PropertyParameter
		value  string
		want   TimeValue
	}{
		{"local with TZID", []ics.PropertyParameter{ics.WithTZID("Europe/Rome")}, "20270316T100000", TimeValue{Value: "20270316T100000", TZID: "Europe/Rome"}},
		{"UTC", nil, "20270316T090000Z", TimeValue{Value: "20270316T090000Z"}},
		{"DATE", []ics.PropertyParameter{ics.WithValue(string(ics.ValueDataTypeDate))}, "20270316", TimeValue{Value: "20270316", Date: true}},
		{"absent", nil, "", TimeValue{}},
	}
	// dtstart is the DTSTART line of the only event in cal.
	dtstart := func(cal *ics.Calendar) string {
		var b strings.Builder
		if err := cal.SerializeTo(&b, serialConfig()); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(b.String(), "\r\n") {
			if strings.HasPrefix(l, "DTSTART") {
				return l
			}
		}
		return ""
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := ics.NewEvent("p1-session-1@mesoplan")
			if tt.value != "" {
				ev.SetProperty(ics.ComponentPropertyDtStart, tt.value, tt.params...)
			}
			got := timeValue(ev, ics.ComponentPropertyDtStart)
			if got != tt.want {
				t.Errorf("timeValue = %+v, want %+v", got, tt.want)
			}
			if tt.value == "" {
				return
			}
			original := ics.NewCalendar()
			original.AddVEvent(ev)
			tr, err := locale.New(&planner.Catalog{}, planner.English)
			if err != nil {
				t.Fatal(err)
			}
			e := &encoder{tr: tr, previous: map[string]EventState{ev.Id(): {UID: ev.Id(), Start: got}}}
			cancelled := ics.NewCalendar()
			e.cancelRemoved(cancelled)
			if got, want := dtstart(cancelled), dtstart(original); got != want {
				t.Errorf("cancelled event has %q, the original %q", got, want)
			}
		})
	}
}

// TestEventStateCheck: what a hand-edited saved plan could put in a
// calendar is refused, naming the field.
func TestEventStateCheck(t *testing.T) {
	good := EventState{UID: "rt.anna-session-1@mesoplan", Sequence: 2, Hash: "0123456789abcdef",
		Start: TimeValue{Value: "20270316T100000", TZID: "Europe/Rome"}, End: TimeValue{Value: "20270316T103000Z"}, Summary: "Mesolifting — session 1"}
	if err := good.Check(); err != nil {
		t.Fatalf("a state an export writes: %v", err)
	}
	long := good
	long.UID = strings.Repeat("a", 201) + "@mesoplan"
	if err := long.Check(); err != nil {
		t.Fatalf("the longest UID: %v", err)
	}
	day := good
	day.Start, day.End = TimeValue{Value: "20270316", Date: true}, TimeValue{Value: "20270317", Date: true}
	if err := day.Check(); err != nil {
		t.Fatalf("an all-day state: %v", err)
	}
	tests := []struct {
		edit func(s *EventState)
		want string
	}{
		{func(s *EventState) { s.UID = "x\r\nATTACH:evil@mesoplan" }, "uid "},
		{func(s *EventState) { s.UID = "someone-else@example.org" }, "uid "},
		{func(s *EventState) { s.UID = strings.Repeat("a", 202) + "@mesoplan" }, "uid "},
		{func(s *EventState) { s.Sequence = -5 }, "sequence -5"},
		{func(s *EventState) { s.Sequence = maxSequence + 1 }, "sequence "},
		{func(s *EventState) { s.Hash = "zz" }, "hash "},
		{func(s *EventState) { s.Summary = "a\rb" }, "summary "},
		{func(s *EventState) { s.Start.Value = "00000316T100000" }, "start: \"00000316T100000\": the year 0 is outside 1900 to 2200"},
		{func(s *EventState) { s.Start.Value = "-0001-01-01" }, "start: time "},
		{func(s *EventState) { s.End.Value = "20270316T103000Z"; s.End.TZID = "Europe/Rome" }, "end: time "},
		{func(s *EventState) { s.Start.TZID = "Mars/Base" }, "start: tzid: "},
		{func(s *EventState) { s.Start = TimeValue{Value: "2027-03-16", Date: true} }, "start: date "},
	}
	for _, tt := range tests {
		s := good
		tt.edit(&s)
		if err := s.Check(); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want one starting %q", s, err, tt.want)
		}
	}
}

// TestSequenceRevision: no event's SEQUENCE is below the revision of the
// session, window or recall it shows, with or without a previous export's
// state; with one, an unchanged event keeps its SEQUENCE and a changed one
// takes the next, unless the revision is higher still.
func TestSequenceRevision(t *testing.T) {
	fresh := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	revised := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	revised.Sessions[0].Revision = 2
	revised.Windows[0].Revision = 1
	revised.Maintenance.Revision = 3
	o := defaultOptions(t, revised, "", "2027-03-16")
	session := sessionUID(o.PlanID, 1)
	window := windowUID(o.PlanID, revised.Windows[0])
	recall := o.PlanID + "-maintenance-repeat@mesoplan"

	// Without a previous state, SEQUENCE is the revision, in the file as
	// in the state returned.
	data, first, err := EncodeUpdate(revised, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{session: 2, window: 1, recall: 3}
	events := eventsByUID(t, parse(t, data))
	for _, s := range first {
		if s.Sequence != want[s.UID] {
			t.Errorf("no previous state: %s has SEQUENCE %d, want %d", s.UID, s.Sequence, want[s.UID])
		}
		if p := events[s.UID].Props.Get("SEQUENCE"); p == nil || p.Value != strconv.Itoa(s.Sequence) {
			t.Errorf("%s: the file has SEQUENCE %v, the state %d", s.UID, p, s.Sequence)
		}
	}
	if len(first) != len(revised.Windows)+2 {
		t.Fatalf("%d events, want the session, %d windows and the recall", len(first), len(revised.Windows))
	}

	// The state of an export of the same plan before it was rescheduled:
	// the same content, every SEQUENCE 0.
	_, stale, err := EncodeUpdate(fresh, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		previous []EventState
		edit     func(s *EventState) // applied to the session's previous state
		want     int                 // the session's SEQUENCE
	}{
		{"re-export with the state it wrote: no rise", first, nil, 2},
		{"state from before the reschedule: the revision", stale, nil, 2},
		{"state ahead of the revision, unchanged: kept", stale, func(s *EventState) { s.Sequence = 5 }, 5},
		{"state ahead of the revision, changed: the next", stale, func(s *EventState) { s.Sequence = 5; s.Hash = "0123456789abcdef" }, 6},
		{"changed, but the revision is higher than the next", stale, func(s *EventState) { s.Hash = "0123456789abcdef" }, 2},
		{"cancelled before, back now", stale, func(s *EventState) { s.Sequence, s.Cancelled = 4, true }, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			previous := slices.Clone(tt.previous)
			for i := range previous {
				if previous[i].UID == session && tt.edit != nil {
					tt.edit(&previous[i])
				}
			}
			_, got, err := EncodeUpdate(revised, o, previous)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range got {
				switch s.UID {
				case session:
					if s.Sequence != tt.want {
						t.Errorf("session: SEQUENCE %d, want %d", s.Sequence, tt.want)
					}
				case window, recall:
					if s.Sequence != want[s.UID] {
						t.Errorf("%s: SEQUENCE %d, want its revision %d", s.UID, s.Sequence, want[s.UID])
					}
				default:
					if s.Sequence != 0 {
						t.Errorf("%s: SEQUENCE %d, want 0", s.UID, s.Sequence)
					}
				}
				if s.Cancelled {
					t.Errorf("%s cancelled", s.UID)
				}
			}
			// Exported again with the state just written: nothing rises.
			_, again, err := EncodeUpdate(revised, o, got)
			if err != nil {
				t.Fatal(err)
			}
			for i := range again {
				if again[i] != got[i] {
					t.Errorf("re-export changed %+v -> %+v", got[i], again[i])
				}
			}
		})
	}
}
