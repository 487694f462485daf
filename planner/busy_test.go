package planner

import (
	"strings"
	"testing"
	"time"
)

func TestMatchesKeywords(t *testing.T) {
	tests := []struct {
		summary, description string
		categories           []string
		keywords             []string
		want                 bool
	}{
		{summary: "Spa weekend", keywords: []string{"spa"}, want: true},
		{summary: "SPA Weekend", keywords: []string{"Spa"}, want: true},
		{summary: "Spanish lesson", keywords: []string{"spa"}, want: false}, // whole words only
		{summary: "Relax", description: "Booked the hot tub!", keywords: []string{"hot tub"}, want: true},
		{summary: "hot water tub", keywords: []string{"hot tub"}, want: false},
		{summary: "Trip", categories: []string{"Beach"}, keywords: []string{"beach"}, want: true},
		{summary: "Marathon-training", keywords: []string{"marathon"}, want: true},
		{summary: "Wine tasting in Chianti", keywords: []string{"wine tasting"}, want: true},
		{summary: "Dentist", keywords: []string{"gym", "run"}, want: false},
		{summary: "anything", keywords: []string{" "}, want: false},
	}
	for _, tt := range tests {
		b := BusyEvent{Summary: tt.summary, Description: tt.description, Categories: tt.categories}
		if got := matchesKeywords(b, tt.keywords); got != tt.want {
			t.Errorf("matchesKeywords(%q %q %v, %q) = %v, want %v", tt.summary, tt.description, tt.categories, tt.keywords, got, tt.want)
		}
	}
}

// TestBusyAndConflicts plans a weekly course against a patient's calendar:
// a weekly class on the session day moves the session, and a spa weekend
// inside the no-sauna window is a conflict, which --avoid-conflicts avoids.
func TestBusyAndConflicts(t *testing.T) {
	cat := builtin(t)
	rome := loc(t, "Europe/Rome")
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, rome)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var busy []BusyEvent
	for d := 0; d < 8*7; d += 7 { // Tuesdays 09:30-10:30 from 2027-03-16
		s := at("2027-03-16 09:30").AddDate(0, 0, d)
		busy = append(busy, BusyEvent{Start: s, End: s.Add(time.Hour), Summary: "Pilates"})
	}
	spa := BusyEvent{Start: at("2027-03-19 00:00"), End: at("2027-03-21 00:00"), AllDay: true, Summary: "Spa weekend"}
	busy = append(busy, spa)

	req := request(t, "mesolifting", "2027-03-16")
	req.Location = rome
	req.Busy = busy
	p, err := Make(cat, req)
	if err != nil {
		t.Fatal(err)
	}
	if got := DateOf(p.Sessions[0].Start).String(); got != "2027-03-17" {
		t.Errorf("session 1 on %s, want 2027-03-17 (Tuesday 10:00 overlaps Pilates)", got)
	}
	if m := p.Sessions[0].Moved; m == nil || !strings.Contains(m.Reason, `the patient is busy: "Pilates", Tue 2027-03-16 09:30`) {
		t.Errorf("session 1 moved = %+v", m)
	}
	var conflict string
	for _, f := range p.Warnings {
		if f.Code == "conflict" && f.Subject == "heat" {
			conflict = f.Message
		}
	}
	want := `Fri 2027-03-19 "Spa weekend" falls in the 72-hour "No sauna, hot tubs, baths or swimming" window after session 1`
	if conflict != want {
		t.Errorf("heat conflict = %q, want %q\nwarnings: %+v", conflict, want, p.Warnings)
	}

	req.AvoidConflicts = true
	p, err = Make(cat, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Warnings {
		if f.Code == "conflict" {
			t.Errorf("with AvoidConflicts, conflict remains: %s", f.Message)
		}
	}
	for _, s := range p.Sessions {
		for _, b := range busy {
			if b.overlaps(s.Start, s.End) {
				t.Errorf("session %d at %v overlaps %q", s.Number, s.Start, b.Summary)
			}
		}
	}
	// Session 1 must leave the spa weekend out of its 72 hours.
	if end := p.Sessions[0].End.Add(72 * time.Hour); !end.Before(spa.End) && p.Sessions[0].Start.Before(spa.End) {
		t.Errorf("session 1 at %v still puts the spa in its window", p.Sessions[0].Start)
	}
}

func TestBusyConstraintSkipsGapTimes(t *testing.T) {
	c := busyConstraint{clock: Clock{2, 30}, loc: loc(t, "Europe/Rome"), length: 30 * time.Minute}
	if ok, _ := c.Allows(Date{2027, time.March, 28}); !ok {
		t.Error("a skipped wall time must be left to Make's own error")
	}
}
