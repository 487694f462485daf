package planner

import (
	"strings"
	"testing"
)

func TestParseWeekdays(t *testing.T) {
	tests := []struct {
		in      string
		want    string // Weekdays.String(), or "" for an error
		wantErr string
	}{
		{in: "mon-fri", want: "mon, tue, wed, thu, fri"},
		{in: "mon-sat", want: "mon, tue, wed, thu, fri, sat"},
		{in: "tue,thu", want: "tue, thu"},
		{in: "Tuesday, THU", want: "tue, thu"},
		{in: "fri-mon", want: "mon, fri, sat, sun"}, // across the weekend
		{in: "sun", want: "sun"},
		{in: "mon-wed,sat", want: "mon, tue, wed, sat"},
		{in: "", wantErr: "invalid days"},
		{in: "mo", wantErr: "invalid days"},
		{in: "mon-fry", wantErr: `invalid days "mon-fry"`},
		{in: "monkey", wantErr: "invalid days"},
		{in: "mon,", wantErr: "invalid days"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeekdays(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseWeekdays(%q) = %v, %v; want error %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("ParseWeekdays(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseDateRange(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{in: "2027-08-09", want: "2027-08-09"},
		{in: "2027-08-09..2027-08-20", want: "2027-08-09..2027-08-20"},
		{in: " 2027-08-09 .. 2027-08-20 ", want: "2027-08-09..2027-08-20"},
		{in: "2027-08-09..2027-08-09", want: "2027-08-09"},
		{in: "2027-08-20..2027-08-09", wantErr: "ends before it starts"},
		{in: "2027-02-30..2027-03-01", wantErr: "no such day"},
		{in: "2027-08-09..", wantErr: "invalid date"},
		{in: "tomorrow", wantErr: "invalid date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseDateRange(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDateRange(%q) = %v, %v; want error %q", tt.in, r, err, tt.wantErr)
				}
				return
			}
			if err != nil || r.String() != tt.want {
				t.Fatalf("ParseDateRange(%q) = %v, %v; want %s", tt.in, r, err, tt.want)
			}
		})
	}
}

func TestConstraintsAllow(t *testing.T) {
	d := func(s string) Date { t.Helper(); return date(t, s) }
	monFri, _ := ParseWeekdays("mon-fri")
	tueThu, _ := ParseWeekdays("tue,thu")
	aug := DateRange{From: d("2027-08-09"), To: d("2027-08-20")}
	tests := []struct {
		name string
		c    Constraint
		day  string
		ok   bool
		why  string
	}{
		{"open on a weekday", OpenDays(monFri), "2027-03-16", true, ""},
		{"closed on Saturday", OpenDays(monFri), "2027-03-20", false, "the clinic is closed on Saturdays"},
		{"closed range first day", ClosedDates{aug}, "2027-08-09", false, "the clinic is closed 2027-08-09..2027-08-20"},
		{"closed range last day", ClosedDates{aug}, "2027-08-20", false, "the clinic is closed 2027-08-09..2027-08-20"},
		{"after the closed range", ClosedDates{aug}, "2027-08-21", true, ""},
		{"away", Away{aug}, "2027-08-15", false, "the patient is away 2027-08-09..2027-08-20"},
		{"preferred day", PreferredDays(tueThu), "2027-03-18", true, ""},
		{"not a preferred day", PreferredDays(tueThu), "2027-03-17", false, "the patient comes only on tue, thu"},
		{"holiday", Holidays{Region: "IT", Days: []Holiday{{d("2027-03-29"), "Pasquetta"}}}, "2027-03-29", false, "2027-03-29 is a public holiday in IT (Pasquetta)"},
		{"not a holiday", Holidays{Region: "IT", Days: []Holiday{{d("2027-03-29"), "Pasquetta"}}}, "2027-03-30", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, why := tt.c.Allows(d(tt.day))
			if ok != tt.ok || why != tt.why {
				t.Errorf("Allows(%s) = %v, %q; want %v, %q", tt.day, ok, why, tt.ok, tt.why)
			}
		})
	}
}

// TestMakeReportsMovedSessions checks that a plan reports each moved session
// with its target date and reason.
func TestMakeReportsMovedSessions(t *testing.T) {
	cat := builtin(t)
	monSat, _ := ParseWeekdays("mon-sat")
	req := request(t, "mesolifting", "2027-03-28") // a Sunday
	req.Location = loc(t, "Europe/Rome")
	req.Constraints = []Constraint{
		Holidays{Region: "IT", Days: []Holiday{{date(t, "2027-03-29"), "Pasquetta"}}},
		OpenDays(monSat),
	}
	p, err := Make(cat, req)
	if err != nil {
		t.Fatal(err)
	}
	s1 := p.Sessions[0]
	if got := DateOf(s1.Start).String(); got != "2027-03-30" {
		t.Fatalf("session 1 on %s, want 2027-03-30 (Sunday closed, Monday a holiday)", got)
	}
	if s1.Moved == nil || s1.Moved.From.String() != "2027-03-28" || s1.Moved.Reason != "the clinic is closed on Sundays" {
		t.Errorf("session 1 moved = %+v", s1.Moved)
	}
	if s1.Start.Hour() != 10 || s1.Start.Location().String() != "Europe/Rome" {
		t.Errorf("session 1 at %v", s1.Start)
	}
	if p.Sessions[1].Moved != nil {
		t.Errorf("session 2 moved = %+v, want on its target", p.Sessions[1].Moved)
	}
	found := false
	for _, w := range p.Warnings {
		if w.Code == "moved" && w.Subject == "session-1" {
			found = true
		}
	}
	if !found {
		t.Errorf("no moved warning for session 1: %+v", p.Warnings)
	}
	// Windows follow the moved session.
	for _, w := range p.Windows {
		if w.Kind == Prep && w.Rule == "nsaids" && w.Sessions[0] == 1 && !w.Start.Equal(s1.Start.AddDate(0, 0, -7)) {
			t.Errorf("nsaids window starts %v, want 7 days before %v", w.Start, s1.Start)
		}
	}
}

// TestWeekdaysSpec checks the compact form round-trips through
// ParseWeekdays and shows runs as ranges.
func TestWeekdaysSpec(t *testing.T) {
	for in, want := range map[string]string{
		"mon-sat": "mon-sat", "monday-friday": "mon-fri", "tue,thu": "tue,thu", "mon,tue": "mon,tue",
		"mon-wed,fri": "mon-wed,fri", "sun": "sun", "fri-mon": "mon,fri-sun", "mon-sun": "mon-sun",
	} {
		w, err := ParseWeekdays(in)
		if err != nil {
			t.Fatal(err)
		}
		got := w.Spec()
		if got != want {
			t.Errorf("%q: Spec() = %q, want %q", in, got, want)
		}
		if back, err := ParseWeekdays(got); err != nil || back != w {
			t.Errorf("%q: %q does not parse back to the same days (%v)", in, got, err)
		}
	}
}
