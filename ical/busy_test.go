package ical

import (
	"strings"
	"testing"
	"time"
)

func busyCal(events ...string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n")
}

func vevent(lines ...string) string {
	return "BEGIN:VEVENT\r\nDTSTAMP:20270101T000000Z\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VEVENT\r\n"
}

func TestReadBusy(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, rome)
	to := time.Date(2027, 5, 1, 0, 0, 0, 0, rome)
	data := busyCal(
		// A weekly class across the DST change: 18:00 local every Tuesday,
		// one week cancelled with EXDATE, one moved with RECURRENCE-ID.
		vevent("UID:yoga@x", "SUMMARY:Yoga", "DTSTART;TZID=Europe/Rome:20270302T180000", "DTEND;TZID=Europe/Rome:20270302T190000",
			"RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6", "EXDATE;TZID=Europe/Rome:20270316T180000"),
		vevent("UID:yoga@x", "SUMMARY:Yoga (moved)", "RECURRENCE-ID;TZID=Europe/Rome:20270323T180000",
			"DTSTART;TZID=Europe/Rome:20270324T180000", "DTEND;TZID=Europe/Rome:20270324T190000"),
		// An all-day trip, exclusive end.
		vevent("UID:trip@x", "SUMMARY:Beach trip", "CATEGORIES:Holiday,Beach", "DTSTART;VALUE=DATE:20270401", "DTEND;VALUE=DATE:20270404"),
		// A meeting in New York time, and one in UTC.
		vevent("UID:ny@x", "SUMMARY:Call", "DTSTART;TZID=America/New_York:20270310T090000", "DURATION:PT30M"),
		vevent("UID:utc@x", "SUMMARY:Flight", "DTSTART:20270312T060000Z", "DTEND:20270312T080000Z"),
		// Outlook's Windows zone name: read in the plan's zone.
		vevent("UID:win@x", "SUMMARY:Outlook", "DTSTART;TZID=W. Europe Standard Time:20270311T090000", "DTEND;TZID=W. Europe Standard Time:20270311T100000"),
		// Left out: free time, cancelled, and outside the span.
		vevent("UID:free@x", "SUMMARY:Free", "TRANSP:TRANSPARENT", "DTSTART:20270315T090000Z", "DTEND:20270315T100000Z"),
		vevent("UID:cancel@x", "SUMMARY:Cancelled", "STATUS:CANCELLED", "DTSTART:20270315T090000Z", "DTEND:20270315T100000Z"),
		vevent("UID:old@x", "SUMMARY:Old", "DTSTART:20260315T090000Z", "DTEND:20260315T100000Z"),
	)
	events, err := ReadBusy("me.ics", data, rome, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		line := e.Summary + " " + e.Start.UTC().Format("2006-01-02T15:04Z") + " " + e.End.UTC().Format("2006-01-02T15:04Z")
		if e.AllDay {
			line += " all-day " + strings.Join(e.Categories, "+")
		}
		got = append(got, line)
	}
	want := []string{
		"Yoga 2027-03-02T17:00Z 2027-03-02T18:00Z",
		"Yoga 2027-03-09T17:00Z 2027-03-09T18:00Z",
		"Call 2027-03-10T14:00Z 2027-03-10T14:30Z",
		"Outlook 2027-03-11T08:00Z 2027-03-11T09:00Z",
		"Flight 2027-03-12T06:00Z 2027-03-12T08:00Z",
		"Yoga (moved) 2027-03-24T17:00Z 2027-03-24T18:00Z",
		"Yoga 2027-03-30T16:00Z 2027-03-30T17:00Z", // after the change: still 18:00 local
		"Beach trip 2027-03-31T22:00Z 2027-04-03T22:00Z all-day Holiday+Beach",
		"Yoga 2027-04-06T16:00Z 2027-04-06T17:00Z",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadBusyBounded: an endless rule at a fine frequency is read up to a
// bound, not forever.
func TestReadBusyBounded(t *testing.T) {
	data := busyCal(vevent("UID:m@x", "SUMMARY:Ping", "DTSTART:20270101T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY"))
	events, err := ReadBusy("m.ics", data, time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != maxOccurrences {
		t.Errorf("%d occurrences, want the bound %d", len(events), maxOccurrences)
	}
}

func TestReadBusyErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"not ics", "Subject: hello\nDear patient\n", `x.ics:1: not an iCalendar file: it must start with BEGIN:VCALENDAR, found "Subject: hello"`},
		{"bad line", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not a property\r\nEND:VCALENDAR\r\n", `x.ics:3: not an iCalendar line: "this is not a property"`},
		{"wrong end", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "x.ics:3: END:VTODO does not close the open component"},
		{"unclosed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "x.ics: BEGIN:VEVENT is never closed"},
		{"empty", "", "x.ics: empty file"},
		{"bad rrule", string(busyCal(vevent("UID:r@x", "SUMMARY:R", "DTSTART:20270101T000000Z", "RRULE:FREQ=SOMETIMES"))), `x.ics: event "R": RRULE "FREQ=SOMETIMES"`},
		{"bad date", string(busyCal(vevent("UID:d@x", "SUMMARY:D", "DTSTART:2027-01-01"))), `x.ics: event "D": DTSTART "2027-01-01"`},
		{"no dtstart", string(busyCal(vevent("UID:n@x", "SUMMARY:N"))), `x.ics: event "N": no DTSTART`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadBusy("x.ics", []byte(tt.data), time.UTC, time.Time{}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

// TestReadBusyOwnExport reads mesoplan's own export: its windows are
// transparent, so only the sessions make the patient busy.
func TestReadBusyOwnExport(t *testing.T) {
	p := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	data := encode(t, p, defaultOptions(t, p, "", "2027-03-16"))
	events, err := ReadBusy("own.ics", data, time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(p.Sessions) || !events[0].Start.Equal(p.Sessions[0].Start) {
		t.Errorf("busy events = %+v, want the %d sessions", events, len(p.Sessions))
	}
}
