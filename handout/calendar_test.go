package handout

import (
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// dayOf finds the cell of a date in the grids.
func dayOf(t *testing.T, months []month, title string, n int) day {
	t.Helper()
	for _, m := range months {
		if m.Title != title {
			continue
		}
		for _, week := range m.Weeks {
			for _, d := range week {
				if d.N == n {
					return d
				}
			}
		}
	}
	t.Fatalf("no day %d in %q", n, title)
	return day{}
}

// TestCalendar checks the months shown and each day's marks on the
// mesolifting course in Rome: the aspirin week starts at 10:00 on 9
// March, session 1 is on Tuesday 16 March, the last aftercare ends on
// Sunday 9 May.
func TestCalendar(t *testing.T) {
	p := makePlan(t, "mesolifting", "Europe/Rome", "2027-03-16")
	months, err := calendar(p, english)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, m := range months {
		titles = append(titles, m.Title)
	}
	if got := strings.Join(titles, ", "); got != "March 2027, April 2027, May 2027" {
		t.Errorf("months %s", got)
	}
	march := months[0]
	if first := march.Weeks[0]; first[0].N != 1 || first[6].N != 7 {
		t.Errorf("1 March 2027 is a Monday: first week %v", first)
	}
	if may := months[2]; may.Weeks[0][4].N != 0 || may.Weeks[0][5].N != 1 {
		t.Errorf("1 May 2027 is a Saturday: first week %v", may.Weeks[0])
	}
	for _, tt := range []struct {
		month string
		n     int
		class string
	}{
		{"March 2027", 8, "day"},
		{"March 2027", 9, "day prep"},
		{"March 2027", 16, "day session prep after"},
		{"March 2027", 17, "day prep after"},
		{"April 2027", 10, "day"},
		{"May 2027", 9, "day after"},
		{"May 2027", 10, "day"},
	} {
		if got := dayOf(t, months, tt.month, tt.n).Class(); got != tt.class {
			t.Errorf("%d %s: class %q, want %q", tt.n, tt.month, got, tt.class)
		}
	}
	if got := dayOf(t, months, "March 2027", 16).Times; len(got) != 1 || got[0] != "10:00" {
		t.Errorf("16 March: times %q", got)
	}
}

// TestCalendarEdges checks a window that ends at midnight, a month with
// nothing to mark, and the bound on the months shown.
func TestCalendarEdges(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Rome")
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	p := &planner.Plan{
		Zone: planner.ZoneOf(loc),
		Sessions: []planner.Session{
			{Number: 1, Start: at("2027-01-15 09:00"), End: at("2027-01-15 09:30")},
			{Number: 2, Start: at("2027-03-15 09:00"), End: at("2027-03-15 09:30")},
		},
		Windows: []planner.Window{
			{Kind: planner.Aftercare, Rule: "x", Start: at("2027-01-15 09:30"), End: at("2027-01-17 00:00"), Sessions: []int{1}},
		},
	}
	months, err := calendar(p, english)
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 2 || months[0].Title != "January 2027" || months[1].Title != "March 2027" {
		t.Fatalf("months %v: want January and March, February has nothing", months)
	}
	if got := dayOf(t, months, "January 2027", 16).Class(); got != "day after" {
		t.Errorf("16 January: %q, want an aftercare day", got)
	}
	if got := dayOf(t, months, "January 2027", 17).Class(); got != "day" {
		t.Errorf("17 January: %q, the window ended at midnight", got)
	}
	p.Windows[0].End = at("2030-01-17 00:00")
	if _, err := calendar(p, english); err == nil || !strings.Contains(err.Error(), "spans 37 months") {
		t.Errorf("a course of 37 months: error %v", err)
	}
	if _, err := Render(p, Options{}); err == nil {
		t.Error("Render: no error for a course of 37 months")
	}
}

// TestFormat checks the date layouts and the counts.
func TestFormat(t *testing.T) {
	at := time.Date(2027, 3, 7, 9, 5, 0, 0, time.UTC)
	for layout, want := range map[string]string{
		english.DateTime:   "Sun 7 Mar 2027 09:05",
		english.SessionAt:  "Sun 7 Mar 2027, 09:05",
		english.MonthTitle: "March 2027",
		english.Clock:      "09:05",
	} {
		if got := english.format(at, layout); got != want {
			t.Errorf("format(%q) = %q, want %q", layout, got, want)
		}
	}
	if got := english.span(planner.Span{N: 1, Unit: planner.Months}); got != "1 month" {
		t.Errorf("span: %q", got)
	}
	if got := english.span(planner.Span{N: 72, Unit: planner.Hours}); got != "72 hours" {
		t.Errorf("span: %q", got)
	}
}
