package ical

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/mesoplan/mesoplan/planner"
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
		// Free time: kept, marked free (it keeps no session away, but a
		// rule may forbid what it is).
		vevent("UID:free@x", "SUMMARY:Free", "TRANSP:TRANSPARENT", "DTSTART:20270315T090000Z", "DTEND:20270315T100000Z"),
		// Left out: cancelled, and outside the span.
		vevent("UID:cancel@x", "SUMMARY:Cancelled", "STATUS:CANCELLED", "DTSTART:20270315T090000Z", "DTEND:20270315T100000Z"),
		vevent("UID:old@x", "SUMMARY:Old", "DTSTART:20260315T090000Z", "DTEND:20260315T100000Z"),
	)
	events, _, err := ReadBusy("me.ics", data, rome, from, to)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		line := e.Summary + " " + e.Start.UTC().Format("2006-01-02T15:04Z") + " " + e.End.UTC().Format("2006-01-02T15:04Z")
		if e.AllDay {
			line += " all-day " + strings.Join(e.Categories, "+")
		}
		if e.Free {
			line += " free"
		}
		got = append(got, line)
	}
	want := []string{
		"Yoga 2027-03-02T17:00Z 2027-03-02T18:00Z",
		"Yoga 2027-03-09T17:00Z 2027-03-09T18:00Z",
		"Call 2027-03-10T14:00Z 2027-03-10T14:30Z",
		"Outlook 2027-03-11T08:00Z 2027-03-11T09:00Z",
		"Flight 2027-03-12T06:00Z 2027-03-12T08:00Z",
		"Free 2027-03-15T09:00Z 2027-03-15T10:00Z free",
		"Yoga (moved) 2027-03-24T17:00Z 2027-03-24T18:00Z",
		"Yoga 2027-03-30T16:00Z 2027-03-30T17:00Z", // after the change: still 18:00 local
		"Beach trip 2027-03-31T22:00Z 2027-04-03T22:00Z all-day Holiday+Beach",
		"Yoga 2027-04-06T16:00Z 2027-04-06T17:00Z",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadBusyBounded: an endless rule at a fine frequency is refused
// once the file passes the bound, naming the file, rather than read for
// seconds or cut silently.
func TestReadBusyBounded(t *testing.T) {
	data := busyCal(vevent("UID:m@x", "SUMMARY:Ping", "DTSTART:20270101T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY"))
	_, _, err := ReadBusy("m.ics", data, time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.HasPrefix(err.Error(), "m.ics: more than 100000 occurrences in the planning window") {
		t.Errorf("error = %v, want the bound naming the file", err)
	}
}

// TestReadBusyWindow: expansion starts at the planning window, not at
// DTSTART: old rules still count years later, and rules whose defaults
// come from DTSTART keep them.
func TestReadBusyWindow(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, rome)
	to := time.Date(2027, 4, 1, 0, 0, 0, 0, rome)
	tests := []struct {
		name  string
		lines []string
		want  int    // occurrences in March 2027
		first string // the first one, UTC
	}{
		{"daily since 2012", []string{"DTSTART;TZID=Europe/Rome:20120105T080000", "DURATION:PT1H", "RRULE:FREQ=DAILY"}, 31, "2027-03-01T07:00Z"},
		{"every 3 days since 2012", []string{"DTSTART;TZID=Europe/Rome:20120105T080000", "DURATION:PT1H", "RRULE:FREQ=DAILY;INTERVAL=3"}, 10, "2027-03-02T07:00Z"},
		{"weekly since 2010", []string{"DTSTART;TZID=Europe/Rome:20100105T183000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY"}, 5, "2027-03-02T17:30Z"},
		{"fortnightly since 2010", []string{"DTSTART;TZID=Europe/Rome:20100105T183000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;INTERVAL=2"}, 2, "2027-03-09T17:30Z"},
		{"monthly on the 31st", []string{"DTSTART;TZID=Europe/Rome:20120131T090000", "DURATION:PT1H", "RRULE:FREQ=MONTHLY"}, 1, "2027-03-31T07:00Z"},
		{"yearly birthday", []string{"DTSTART;VALUE=DATE:19800315", "RRULE:FREQ=YEARLY"}, 1, "2027-03-14T23:00Z"},
		{"last friday", []string{"DTSTART;TZID=Europe/Rome:20150130T170000", "DURATION:PT1H", "RRULE:FREQ=MONTHLY;BYDAY=-1FR"}, 1, "2027-03-26T16:00Z"},
		{"hourly since 2012", []string{"DTSTART:20120101T003000Z", "DURATION:PT10M", "RRULE:FREQ=HOURLY;INTERVAL=5"}, 148, "2027-03-01T03:30Z"},
		{"long event begun before", []string{"DTSTART;VALUE=DATE:20120225", "DTEND;VALUE=DATE:20120310", "RRULE:FREQ=YEARLY"}, 1, "2027-02-24T23:00Z"},
		{"count spent", []string{"DTSTART:20120101T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=10"}, 0, ""},
		{"until past", []string{"DTSTART:20120101T090000Z", "DURATION:PT1H", "RRULE:FREQ=MINUTELY;UNTIL=20130101T000000Z"}, 0, ""},
		{"never: 30 February", []string{"DTSTART:20120101T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"}, 0, ""},
		{"never: odd minutes", []string{"DTSTART:20120101T090000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY;INTERVAL=2;BYMINUTE=1"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := append([]string{"UID:w@x", "SUMMARY:W"}, tt.lines...)
			var events []planner.BusyEvent
			var err error
			allocBound(t, 4<<20, func() { events, _, err = ReadBusy("w.ics", busyCal(vevent(lines...)), rome, from, to) })
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != tt.want {
				t.Fatalf("%d occurrences, want %d: %v", len(events), tt.want, events)
			}
			if len(events) > 0 {
				if got := events[0].Start.UTC().Format("2006-01-02T15:04Z"); got != tt.first {
					t.Errorf("first = %s, want %s", got, tt.first)
				}
			}
		})
	}
}

// TestExpandRuleMatchesFull: starting expansion near the window gives the
// occurrences a walk from DTSTART gives.
func TestExpandRuleMatchesFull(t *testing.T) {
	rome, _ := time.LoadLocation("Europe/Rome")
	start := time.Date(2019, 1, 31, 9, 15, 0, 0, rome)
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, rome)
	to := time.Date(2028, 3, 1, 0, 0, 0, 0, rome)
	rules := []string{
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=7", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH", "FREQ=WEEKLY;WKST=SU;INTERVAL=2",
		"FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=5", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		"FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYWEEKNO=10;BYDAY=WE",
		"FREQ=HOURLY;INTERVAL=7", "FREQ=HOURLY;INTERVAL=5;BYHOUR=9,14", "FREQ=MINUTELY;INTERVAL=997;BYHOUR=10",
		"FREQ=DAILY;UNTIL=20270601T000000Z",
	}
	for _, r := range rules {
		opt, err := rrule.StrToROptionInLocation(r, rome)
		if err != nil {
			t.Fatal(err)
		}
		opt.Dtstart = start
		full, _ := rrule.NewRRule(*opt)
		want := full.Between(from.Add(-time.Hour), to, true)
		if len(want) > 0 && !want[0].Add(time.Hour).After(from) {
			want = want[1:]
		}
		got, err := expandRule(r, start, time.Hour, from, to, &budget{left: maxBusyOccurrences})
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		if !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("%s: %d occurrences, want %d\n got %v\nwant %v", r, len(got), len(want), head(got), head(want))
		}
	}
}

func head(ts []time.Time) []time.Time { return ts[:min(len(ts), 3)] }

func TestReadBusyErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"not ics", "Subject: hello\nDear patient\n", `x.ics:1: not an iCalendar file: it must start with BEGIN:VCALENDAR, found "Subject: hello"`},
		{"bad line", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis is not a property\r\nEND:VCALENDAR\r\n", `x.ics:3: not an iCalendar line: "this is not a property"`},
		{"wrong end", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "x.ics:3: END:VTODO does not close the open component"},
		{"unclosed", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "x.ics: BEGIN:VEVENT is never closed"},
		{"empty", "", "x.ics: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadBusy("x.ics", []byte(tt.data), time.UTC, time.Time{}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

// TestReadBusyOwnExport reads mesoplan's own export: its windows are
// transparent and its own, what to avoid rather than what the patient
// does, so only the sessions are read.
func TestReadBusyOwnExport(t *testing.T) {
	p := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	data := encode(t, p, defaultOptions(t, p, "", "2027-03-16"))
	events, _, err := ReadBusy("own.ics", data, time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != len(p.Sessions) || !events[0].Start.Equal(p.Sessions[0].Start) {
		t.Errorf("busy events = %+v, want the %d sessions", events, len(p.Sessions))
	}
}

// TestReadBusySkipped: an event that cannot be read is skipped and
// reported with its line, the others are read.
func TestReadBusySkipped(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"bad rrule", "RRULE:FREQ=SOMETIMES", `RRULE "FREQ=SOMETIMES": `},
		{"rscale", "RRULE:RSCALE=HEBREW;FREQ=YEARLY", `RRULE "RSCALE=HEBREW;FREQ=YEARLY": `},
		{"30 february", "RDATE:20270230T090000Z", `RDATE "20270230T090000Z": "20270230T090000Z" is not a real date or time`},
		{"bad exdate", "RRULE:FREQ=DAILY;COUNT=2\r\nEXDATE:tomorrow", `EXDATE "tomorrow": "tomorrow" is not a date`},
		{"interval out of range", "RRULE:FREQ=DAILY;INTERVAL=99999999999999999999", `RRULE "FREQ=DAILY;INTERVAL=99999999999999999999": the number 99999999999999999999 is too large`},
		// one time a year, but picked from every minute of it: too costly
		// to expand, and not the file's "more than 100000" occurrences
		{"bysetpos over a huge period", "RRULE:FREQ=YEARLY;BYHOUR=" + numbers(24) + ";BYMINUTE=" + numbers(60) + ";BYSETPOS=1",
			"RRULE \"FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,1…\": BYSETPOS picks from up to 527040 times in each yearly period, more than the 100000 supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := busyCal(
				vevent("UID:ok@x", "SUMMARY:Fine", "DTSTART:20270105T090000Z", "DURATION:PT1H"),
				vevent("UID:bad@x", "SUMMARY:Bad", "DTSTART:20270106T090000Z", "DURATION:PT1H", tt.line))
			events, skipped, err := ReadBusy("x.ics", data, time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != 1 || events[0].Summary != "Fine" {
				t.Errorf("events = %v, want the readable one", events)
			}
			if len(skipped) != 1 || skipped[0].Line != 11 || skipped[0].Summary != "Bad" || !strings.HasPrefix(skipped[0].Reason, tt.want) || skipped[0].Kept {
				t.Errorf("skipped = %+v, want line 11 %q", skipped, tt.want)
			}
		})
	}
	// a length no event has is said, not dropped in silence
	for _, d := range []string{"P1000000W", "-P1D"} {
		data := busyCal(vevent("UID:l@x", "SUMMARY:L", "DTSTART:20270106T090000Z", "DURATION:"+d))
		_, skipped, err := ReadBusy("x.ics", data, time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || len(skipped) != 1 || skipped[0].Reason != fmt.Sprintf("DURATION %q: not the length of an event", d) {
			t.Errorf("DURATION:%s: skipped = %+v, %v", d, skipped, err)
		}
	}
	// no DTSTART, a bad DTSTART
	data := busyCal(vevent("UID:n@x", "SUMMARY:N"), vevent("UID:d@x", "SUMMARY:D", "DTSTART:2027-01-01"))
	_, skipped, err := ReadBusy("x.ics", data, time.UTC, time.Time{}, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(skipped) != 2 || skipped[0].Reason != "no DTSTART" || !strings.HasPrefix(skipped[1].Reason, `DTSTART "2027-01-01": `) {
		t.Errorf("skipped = %+v, %v", skipped, err)
	}
}

// TestReadBusyFormats: what real exports do.
func TestReadBusyFormats(t *testing.T) {
	rome, _ := time.LoadLocation("Europe/Rome")
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, rome)
	to := time.Date(2027, 4, 1, 0, 0, 0, 0, rome)
	one := func(lines ...string) string {
		return vevent(append([]string{"UID:f@x", "SUMMARY:F", "DURATION:PT1H"}, lines...)...)
	}
	tests := []struct {
		name string
		data string
		want []string // starts, UTC
		note string   // a skipped or kept event's reason
	}{
		{"folded inside a parameter", string(busyCal(vevent("UID:g@x", "SUMMARY:G", "DTSTART:20270302T090000Z", "DURATION:PT1H",
			"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-\r\n ACTION;CN=\"Someone, Long\";X-NUM-GUESTS=0:mailto:s@example.org",
			"DESCRIPTION:long text fol\r\n\tded with a tab"))), []string{"2027-03-02T09:00Z"}, ""},
		{"byte-order mark and blank lines", "\uFEFF\r\n\r\n" + string(busyCal(one("DTSTART:20270302T090000Z"))), []string{"2027-03-02T09:00Z"}, ""},
		{"two calendars", string(busyCal(one("DTSTART:20270302T090000Z"))) + string(busyCal(one("DTSTART:20270303T090000Z"))), []string{"2027-03-02T09:00Z", "2027-03-03T09:00Z"}, ""},
		{"rdate without rrule", string(busyCal(one("DTSTART:20270302T090000Z", "RDATE:20270310T090000Z,20270317T090000Z", "RDATE;VALUE=PERIOD:20270320T100000Z/20270320T110000Z", "EXDATE:20270310T090000Z"))),
			[]string{"2027-03-02T09:00Z", "2027-03-17T09:00Z", "2027-03-20T10:00Z"}, ""},
		{"rdate dates", string(busyCal(vevent("UID:d@x", "SUMMARY:D", "DTSTART;VALUE=DATE:20270302", "RDATE;VALUE=DATE:20270305"))), []string{"2027-03-01T23:00Z", "2027-03-04T23:00Z"}, ""},
		{"floating in X-WR-TIMEZONE", strings.Replace(string(busyCal(one("DTSTART:20270302T090000"))), "VERSION:2.0", "VERSION:2.0\r\nX-WR-TIMEZONE:America/New_York", 1), []string{"2027-03-02T14:00Z"}, ""},
		{"floating in the plan's zone", string(busyCal(one("DTSTART:20270302T090000"))), []string{"2027-03-02T08:00Z"}, ""},
		{"windows id", string(busyCal(one("DTSTART;TZID=Pacific Standard Time:20270302T090000"))), []string{"2027-03-02T17:00Z"}, ""},
		{"windows display name", string(busyCal(one("DTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20270302T090000"))), []string{"2027-03-02T14:00Z"}, ""},
		{"mozilla prefix", string(busyCal(one("DTSTART;TZID=/mozilla.org/20070129_1/Asia/Tokyo:20270302T090000"))), []string{"2027-03-02T00:00Z"}, ""},
		{"libical prefix", string(busyCal(one("DTSTART;TZID=/freeassociation.sourceforge.net/Tzfile/Asia/Tokyo:20270302T090000"))), []string{"2027-03-02T00:00Z"}, ""},
		{"unknown zone", string(busyCal(one("DTSTART;TZID=Mars Standard Time:20270302T090000"))), []string{"2027-03-02T08:00Z"}, `time zone "Mars Standard Time" is not known: read in the plan's zone Europe/Rome`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, skipped, err := ReadBusy("f.ics", []byte(tt.data), rome, from, to)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range events {
				got = append(got, e.Start.UTC().Format("2006-01-02T15:04Z"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("starts = %v, want %v", got, tt.want)
			}
			var notes []string
			for _, s := range skipped {
				notes = append(notes, s.Reason)
			}
			if strings.Join(notes, "; ") != tt.note {
				t.Errorf("notes = %q, want %q", notes, tt.note)
			}
		})
	}
}

// TestWindowsZonesLoad: every zone of the CLDR table is known to Go.
func TestWindowsZonesLoad(t *testing.T) {
	for _, z := range windowsZones {
		if _, err := time.LoadLocation(z.iana); err != nil {
			t.Errorf("%s: %v", z.windows, err)
		}
	}
}

// TestReadBusyLongPast: an event that repeated heavily years before the
// planning window costs nothing against the file's bound: ignored when it
// ended before the window, skipped with a note when it cannot be walked.
func TestReadBusyLongPast(t *testing.T) {
	rome := mustLoc(t, "Europe/Rome")
	from, to := time.Date(2027, 1, 1, 0, 0, 0, 0, rome), time.Date(2037, 1, 1, 0, 0, 0, 0, rome)
	read := func(rule string) (events []planner.BusyEvent, skipped []Skipped, err error) {
		data := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\n" + rule +
			"\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		return ReadBusy("f.ics", []byte(data), rome, from, to)
	}
	events, skipped, err := read("DTSTART:20200101T090000Z\r\nRRULE:FREQ=SECONDLY;COUNT=200000")
	if err != nil || len(events) != 0 || len(skipped) != 0 {
		t.Errorf("200,000 occurrences in 2020: %d events, %v, %v; want none, no note, no error", len(events), skipped, err)
	}
	events, skipped, err = read("DTSTART:19000101T090000Z\r\nRRULE:FREQ=SECONDLY;COUNT=99999999")
	if err != nil || len(events) != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "before the planning window") {
		t.Errorf("99,999,999 occurrences from 1900: %d events, %v, %v; want one note", len(events), skipped, err)
	}
}

// TestReadBusyLineEnds: CRLF, LF and CR alone all end lines.
func TestReadBusyLineEnds(t *testing.T) {
	rome := mustLoc(t, "Europe/Rome")
	crlf := string(busyCal("BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270316T090000Z\r\nDTEND:20270316T100000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"))
	for name, text := range map[string]string{"CRLF": crlf, "LF": strings.ReplaceAll(crlf, "\r\n", "\n"), "CR": strings.ReplaceAll(crlf, "\r\n", "\r")} {
		events, _, err := ReadBusy("f.ics", []byte(text), rome, time.Date(2027, 1, 1, 0, 0, 0, 0, rome), time.Date(2028, 1, 1, 0, 0, 0, 0, rome))
		if err != nil || len(events) != 1 {
			t.Errorf("%s: %d events, %v; want the dentist", name, len(events), err)
		}
	}
}

// TestReadBusyOneOffsNearWindow: one-off events far from the window are
// dropped as they are read, but one that began long before and lasts into
// it, or a day away in another zone, is still read.
func TestReadBusyOneOffsNearWindow(t *testing.T) {
	rome := mustLoc(t, "Europe/Rome")
	from := time.Date(2027, 3, 1, 0, 0, 0, 0, rome)
	to := time.Date(2027, 4, 1, 0, 0, 0, 0, rome)
	data := busyCal(
		vevent("UID:far-before@x", "SUMMARY:Far before", "DTSTART:20200105T090000Z", "DTEND:20200105T100000Z"),
		vevent("UID:far-after@x", "SUMMARY:Far after", "DTSTART:20300105T090000Z", "DTEND:20300105T100000Z"),
		vevent("UID:long@x", "SUMMARY:Sabbatical", "DTSTART;VALUE=DATE:20261001", "DTEND;VALUE=DATE:20270305"),
		vevent("UID:long-duration@x", "SUMMARY:Long stay", "DTSTART;VALUE=DATE:20261001", "DURATION:P160D"),
		vevent("UID:edge@x", "SUMMARY:Tokyo evening", "DTSTART;TZID=Pacific/Kiritimati:20270401T003000", "DURATION:PT1H"),
		vevent("UID:edge2@x", "SUMMARY:Honolulu night", "DTSTART;TZID=Pacific/Honolulu:20270228T140000", "DURATION:PT1H"),
	)
	events, skipped, err := ReadBusy("x.ics", data, rome, from, to)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("%v %+v", err, skipped)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Summary)
	}
	want := []string{"Long stay", "Sabbatical", "Tokyo evening", "Honolulu night"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("events = %q, want %q", got, want)
	}
}

// TestReadBusyManyEvents: one-off events count against the bound like the
// occurrences of a rule, and more events kept than the bound is an error
// naming the file; events far from the window cost nothing.
func TestReadBusyManyEvents(t *testing.T) {
	gen := func(n int, day func(i int) string) []byte {
		var b strings.Builder
		b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
		for i := range n {
			fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%d@x\r\nDTSTART:%sT090000Z\r\nDURATION:PT1M\r\nEND:VEVENT\r\n", i, day(i))
		}
		b.WriteString("END:VCALENDAR\r\n")
		return []byte(b.String())
	}
	from := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC)
	inWindow := func(i int) string { return fmt.Sprintf("%04d%02d%02d", 2027+i%10, i%12+1, i%28+1) }
	_, _, err := ReadBusy("many.ics", gen(maxBusyOccurrences+1, inWindow), time.UTC, from, to)
	if err == nil || !strings.HasPrefix(err.Error(), "many.ics: more than 100000 events in or near the planning window") {
		t.Errorf("error = %v, want the bound naming the file", err)
	}
	// 60,000 one-off events and a rule of 50,000 occurrences
	mixed := gen(60_000, inWindow)
	mixed = append(mixed[:len(mixed)-len("END:VCALENDAR\r\n")], busyCal(vevent("UID:r@x", "DTSTART:20270101T000000Z", "DURATION:PT1M", "RRULE:FREQ=HOURLY;COUNT=50000"))[len("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"):]...)
	_, _, err = ReadBusy("mixed.ics", mixed, time.UTC, from, to)
	if err == nil || !strings.HasPrefix(err.Error(), "mixed.ics: more than 100000 occurrences in the planning window") {
		t.Errorf("error = %v, want the occurrence bound", err)
	}
	farAway := func(i int) string { return fmt.Sprintf("%04d%02d%02d", 1900+i%100, i%12+1, i%28+1) }
	events, _, err := ReadBusy("old.ics", gen(maxBusyOccurrences+1, farAway), time.UTC, from, to)
	if err != nil || len(events) != 0 {
		t.Errorf("%d events, %v: want none and no error", len(events), err)
	}
}

// TestReadBusyNotesBounded: a file of thousands of bad events or events
// in unknown zones gives a few notes, not one per event.
func TestReadBusyNotesBounded(t *testing.T) {
	var evs []string
	for i := range 500 {
		evs = append(evs, vevent(fmt.Sprintf("UID:z%d@x", i), "SUMMARY:Z", fmt.Sprintf("DTSTART;TZID=Zone %d:20270302T090000", i), "DURATION:PT1H"))
		evs = append(evs, vevent(fmt.Sprintf("UID:b%d@x", i), "SUMMARY:Bad", "DTSTART:20270302T090000Z", "RRULE:FREQ=SOMETIMES"))
	}
	events, skipped, err := ReadBusy("x.ics", busyCal(evs...), time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 500 {
		t.Errorf("%d events, want the 500 read in the plan's zone", len(events))
	}
	if len(skipped) != maxSkippedNotes+2 {
		t.Fatalf("%d notes, want %d: %+v", len(skipped), maxSkippedNotes+2, skipped)
	}
	more, zones := skipped[maxSkippedNotes], skipped[maxSkippedNotes+1]
	if more.Events != 490 || more.Kept {
		t.Errorf("the note of the rest = %+v, want 490 events not read", more)
	}
	if zones.Events != 500 || !zones.Kept || zones.Line != 4 || zones.Reason != `time zones "Zone 0", "Zone 1", "Zone 2" and 497 more are not known: read in the plan's zone UTC` {
		t.Errorf("the zones note = %+v", zones)
	}
}

// TestReadBusyHostileShapes: small files shaped to cost gigabytes or
// minutes are refused or skipped within a bound of bytes: a yearly rule of
// every second (31 million a year, built by the rule library a year at a
// time), an event of thousands of lines, a line of thousands of
// parameters; and a long EXDATE list is looked up, not scanned.
func TestReadBusyHostileShapes(t *testing.T) {
	from := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC)
	list := func(a, b int) string {
		var s []string
		for i := a; i <= b; i++ {
			s = append(s, fmt.Sprint(i))
		}
		return strings.Join(s, ",")
	}
	everySecond := busyCal(vevent("UID:y@x", "SUMMARY:Y", "DTSTART:20270101T000000Z", "DURATION:PT1S",
		fmt.Sprintf("RRULE:FREQ=YEARLY;BYMONTH=%s;BYMONTHDAY=%s;BYHOUR=%s;BYMINUTE=%s;BYSECOND=%s", list(1, 12), list(1, 31), list(0, 23), list(0, 59), list(0, 59))))
	var err error
	allocBound(t, 8<<20, func() { _, _, err = ReadBusy("y.ics", everySecond, time.UTC, from, to) })
	if err == nil || !strings.Contains(err.Error(), "more than 100000 occurrences") {
		t.Errorf("every second of the year: error = %v, want the bound", err)
	}

	lines := []string{"UID:p@x", "SUMMARY:Many lines", "DTSTART:20270301T090000Z", "DURATION:PT1H"}
	for range maxEventProps + 10 {
		lines = append(lines, "X-PAD:1")
	}
	data := busyCal(vevent(lines...), vevent("UID:ok@x", "SUMMARY:Fine", "DTSTART:20270302T090000Z", "DURATION:PT1H"))
	events, skipped, err := ReadBusy("p.ics", data, time.UTC, from, to)
	if err != nil || len(events) != 1 || len(skipped) != 1 || skipped[0].Reason != "more than 2000 properties" {
		t.Errorf("an event of %d lines: %v, %+v, %v", maxEventProps+10, events, skipped, err)
	}

	params := "DTSTART" + strings.Repeat(";X=1", maxParamValues+1) + ":20270301T090000Z"
	if _, _, err := ReadBusy("q.ics", busyCal(vevent("UID:q@x", params, "DURATION:PT1H")), time.UTC, from, to); err == nil || !strings.Contains(err.Error(), "not an iCalendar line") {
		t.Errorf("a line of %d parameters: error = %v", maxParamValues+1, err)
	}

	var ex []string
	for i := range 20_000 {
		ex = append(ex, from.Add(time.Duration(i)*time.Hour).Format("20060102T150405Z"))
	}
	data = busyCal(vevent("UID:h@x", "SUMMARY:Hourly", "DTSTART:20270101T000000Z", "DURATION:PT10M", "RRULE:FREQ=HOURLY;COUNT=20010", "EXDATE:"+strings.Join(ex, ",")))
	events, _, err = ReadBusy("h.ics", data, time.UTC, from, to)
	if err != nil || len(events) != 10 {
		t.Errorf("20,010 hours less 20,000 EXDATEs: %d events, %v; want 10", len(events), err)
	}
}

// numbers is "0,1,...,n-1", a BY list of every value.
func numbers(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strconv.Itoa(i)
	}
	return strings.Join(parts, ",")
}

// TestReadBusyFoldedFirstLine: a first line folded like any other (every
// character, or with a tab) is read once unfolded, as calendar apps read
// it; a file that is no calendar is still named as such.
func TestReadBusyFoldedFirstLine(t *testing.T) {
	body := string(busyCal(vevent("UID:a@x", "SUMMARY:Gym", "DTSTART:20270315T090000Z", "DTEND:20270315T100000Z")))
	rest := strings.TrimPrefix(body, "BEGIN:VCALENDAR\r\n")
	from, to := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, first := range []string{"BEGIN:VCAL\r\n\tENDAR\r\n", "B\r\n E\r\n G\r\n I\r\n N\r\n :VCALENDAR\r\n"} {
		events, _, err := ReadBusy("f.ics", []byte(first+rest), time.UTC, from, to)
		if err != nil || len(events) != 1 {
			t.Errorf("first line %q: %d events, %v", first, len(events), err)
		}
	}
	if _, _, err := ReadBusy("f.ics", []byte("BEGIN:VCARD\r\n\tX\r\n"), time.UTC, from, to); err == nil || !strings.Contains(err.Error(), "f.ics:1: not an iCalendar file") {
		t.Errorf("a vCard: %v", err)
	}
}
