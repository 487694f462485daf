package ical

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// romeLike is Europe/Rome's rules under a name Go does not know.
const romeLike = "BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\n" +
	"BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n" +
	"BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n" +
	"END:VTIMEZONE\r\n"

func busyCalZones(zones string, events ...string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + zones + strings.Join(events, "") + "END:VCALENDAR\r\n")
}

// TestReadBusyOwnZone: a TZID Go does not know is read through the file's
// own VTIMEZONE, giving the instants the IANA zone with the same rules
// gives, in winter, in summer and across both of 2027's changes.
func TestReadBusyOwnZone(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		lines []string // with TZID=%s
	}{
		{"winter", []string{"DTSTART;TZID=%s:20270115T090000", "DTEND;TZID=%s:20270115T100000"}},
		{"summer", []string{"DTSTART;TZID=%s:20270715T090000", "DTEND;TZID=%s:20270715T100000"}},
		{"across March change", []string{"DTSTART;TZID=%s:20270327T230000", "DTEND;TZID=%s:20270328T040000"}},
		{"across October change", []string{"DTSTART;TZID=%s:20271030T230000", "DTEND;TZID=%s:20271031T040000"}},
		{"in the hour skipped", []string{"DTSTART;TZID=%s:20270328T023000", "DURATION:PT1H"}},
		{"in the hour repeated", []string{"DTSTART;TZID=%s:20271031T023000", "DURATION:PT1H"}},
		{"weekly across both", []string{"DTSTART;TZID=%s:20270301T180000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;UNTIL=20271201T000000Z",
			"EXDATE;TZID=%s:20270405T180000", "RDATE;TZID=%s:20270402T070000"}},
		{"daily since 2012", []string{"DTSTART;TZID=%s:20120105T083000", "DURATION:PT1H", "RRULE:FREQ=DAILY"}},
		{"moved instance", []string{"DTSTART;TZID=%s:20270601T120000", "DURATION:PT1H", "RRULE:FREQ=MONTHLY;COUNT=3"}},
	}
	read := func(tzid string, lines []string, extra ...string) ([]string, []Skipped) {
		t.Helper()
		ls := []string{"UID:z@x", "SUMMARY:Z"}
		for _, l := range lines {
			ls = append(ls, strings.ReplaceAll(l, "%s", tzid))
		}
		evs := []string{vevent(ls...)}
		for _, e := range extra {
			evs = append(evs, strings.ReplaceAll(e, "%s", tzid))
		}
		events, skipped, err := ReadBusy("z.ics", busyCalZones(romeLike, evs...), time.UTC, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range events {
			got = append(got, e.Start.UTC().Format(time.RFC3339)+" "+e.End.UTC().Format(time.RFC3339))
		}
		return got, skipped
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var extra []string
			if tt.name == "moved instance" {
				extra = append(extra, vevent("UID:z@x", "SUMMARY:Z", "RECURRENCE-ID;TZID=%s:20270701T120000",
					"DTSTART;TZID=%s:20270702T120000", "DURATION:PT1H"))
			}
			want, _ := read("Europe/Rome", tt.lines, extra...)
			got, skipped := read("Custom Zone", tt.lines, extra...)
			if len(skipped) != 0 {
				t.Errorf("skipped: %+v", skipped)
			}
			if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("own zone:\n%s\nEurope/Rome:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	// Spot check against the zone itself.
	got, _ := read("Custom Zone", tests[1].lines)
	if want := time.Date(2027, 7, 15, 9, 0, 0, 0, rome).UTC().Format(time.RFC3339); !strings.HasPrefix(got[0], want) {
		t.Errorf("summer = %s, want %s", got[0], want)
	}
}

// TestReadBusyOwnZoneForms: zones without daylight saving, zones given by
// RDATE, and zones that cannot be understood, which keep the plan's zone
// with a note.
func TestReadBusyOwnZoneForms(t *testing.T) {
	plan := time.FixedZone("plan", 3*3600)
	from := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
	obs := func(kind, dtstart, fromOff, toOff string, extra ...string) string {
		return "BEGIN:" + kind + "\r\nDTSTART:" + dtstart + "\r\nTZOFFSETFROM:" + fromOff + "\r\nTZOFFSETTO:" + toOff + "\r\n" +
			strings.Join(append(extra, ""), "\r\n") + "END:" + kind + "\r\n"
	}
	zone := func(tzid string, obs ...string) string {
		return "BEGIN:VTIMEZONE\r\nTZID:" + tzid + "\r\n" + strings.Join(obs, "") + "END:VTIMEZONE\r\n"
	}
	us := func(std, dst string) string {
		return zone("W. Europe Standard Time 2",
			obs("STANDARD", "16010101T020000", "-0400", "-0500", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY="+std),
			obs("DAYLIGHT", "16010101T020000", "-0500", "-0400", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY="+dst))
	}
	tests := []struct {
		name    string
		zone    string
		dtstart string
		want    string // the start, UTC
		note    bool   // read in the plan's zone, with a note
	}{
		{"no daylight saving", zone("W. Europe Standard Time 2", obs("STANDARD", "19700101T000000", "+0530", "+0530", "TZNAME:IST")),
			"20270701T090000", "2027-07-01T03:30:00Z", false},
		{"Outlook-style, summer", us("1SU", "2SU"), "20270701T090000", "2027-07-01T13:00:00Z", false},
		{"Outlook-style, winter", us("1SU", "2SU"), "20270101T090000", "2027-01-01T14:00:00Z", false},
		{"Outlook-style, day before the change", us("1SU", "2SU"), "20270313T090000", "2027-03-13T14:00:00Z", false},
		{"Outlook-style, day of the change", us("1SU", "2SU"), "20270314T090000", "2027-03-14T13:00:00Z", false},
		{"weekday among month days", zone("W. Europe Standard Time 2",
			obs("STANDARD", "20071104T020000", "-0400", "-0500", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=SU;BYMONTHDAY=1,2,3,4,5,6,7"),
			obs("DAYLIGHT", "20070311T020000", "-0500", "-0400", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=SU;BYMONTHDAY=8,9,10,11,12,13,14")),
			"20270314T090000", "2027-03-14T13:00:00Z", false},
		{"by RDATE", zone("W. Europe Standard Time 2",
			obs("STANDARD", "20261025T030000", "+0200", "+0100", "RDATE:20271031T030000"),
			obs("DAYLIGHT", "20270328T020000", "+0100", "+0200")),
			"20270701T090000", "2027-07-01T07:00:00Z", false},
		{"daylight rule ended by UNTIL", zone("W. Europe Standard Time 2",
			obs("STANDARD", "19701025T030000", "+0200", "+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20201025T010000Z"),
			obs("DAYLIGHT", "19700329T020000", "+0100", "+0200", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20200329T010000Z"),
			obs("STANDARD", "20201025T030000", "+0200", "+0100")),
			"20270701T090000", "2027-07-01T08:00:00Z", false},
		{"unsupported RRULE", us("1SU;BYHOUR=2", "2SU"), "20270701T090000", "2027-07-01T06:00:00Z", true},
		{"monthly RRULE", zone("W. Europe Standard Time 2",
			obs("STANDARD", "19700101T000000", "+0100", "+0200", "RRULE:FREQ=MONTHLY")),
			"20270701T090000", "2027-07-01T06:00:00Z", true},
		{"no TZOFFSETTO", zone("W. Europe Standard Time 2", "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nEND:STANDARD\r\n"),
			"20270701T090000", "2027-07-01T06:00:00Z", true},
		{"bad offset", zone("W. Europe Standard Time 2", obs("STANDARD", "19700101T000000", "+0100", "one")),
			"20270701T090000", "2027-07-01T06:00:00Z", true},
		{"no observance", zone("W. Europe Standard Time 2"), "20270701T090000", "2027-07-01T06:00:00Z", true},
		{"another TZID", zone("Other", obs("STANDARD", "19700101T000000", "+0100", "+0100")),
			"20270701T090000", "2027-07-01T06:00:00Z", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := busyCalZones(tt.zone, vevent("UID:f@x", "SUMMARY:F", "DTSTART;TZID=W. Europe Standard Time 2:"+tt.dtstart, "DURATION:PT1H"))
			var events []planner.BusyEvent
			var skipped []Skipped
			var err error
			allocBound(t, 1<<20, func() { events, skipped, err = ReadBusy("f.ics", data, plan, from, to) })
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != 1 {
				t.Fatalf("%d events, want 1", len(events))
			}
			if got := events[0].Start.UTC().Format(time.RFC3339); got != tt.want {
				t.Errorf("start = %s, want %s", got, tt.want)
			}
			noted := len(skipped) == 1 && skipped[0].Kept &&
				skipped[0].Reason == `time zone "W. Europe Standard Time 2" is not known: read in the plan's zone plan`
			if noted != tt.note {
				t.Errorf("skipped = %+v, want a note: %v", skipped, tt.note)
			}
		})
	}
}

// TestOwnZoneBounded: a VTIMEZONE with rules that would give onsets every
// year for centuries, many times over, is read within a bound on the
// memory it takes (time is for the benchmarks, make bench).
func TestOwnZoneBounded(t *testing.T) {
	var obs strings.Builder
	for i := range 64 {
		day := []string{"1SU", "2SU", "3SU", "4SU", "-1SU", "1MO", "2MO", "-1MO"}[i%8]
		obs.WriteString("BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n" +
			"RRULE:FREQ=YEARLY;BYMONTH=" + string(rune('1'+i%9)) + ";BYDAY=" + day + "\r\nEND:DAYLIGHT\r\n")
	}
	var zones, evs strings.Builder
	for i := range 150 {
		id := "Z" + strings.Repeat("x", i)
		zones.WriteString("BEGIN:VTIMEZONE\r\nTZID:" + id + "\r\n" + obs.String() + "END:VTIMEZONE\r\n")
		evs.WriteString(vevent("UID:b@x", "DTSTART;TZID="+id+":20270101T090000", "DURATION:PT1H"))
	}
	var err error
	allocBound(t, 400<<20, func() {
		_, _, err = ReadBusy("b.ics", busyCalZones(zones.String(), evs.String()), time.UTC,
			time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReadBusyOwnZonesSeed: the fuzz seed with its own zones is read in
// full, an Outlook-style zone keeping 09:00 local across its change.
func TestReadBusyOwnZonesSeed(t *testing.T) {
	data, err := os.ReadFile("testdata/busy/ownzones.ics")
	if err != nil {
		t.Fatal(err)
	}
	events, skipped, err := ReadBusy("ownzones.ics", data, time.UTC,
		time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 22, 0, 0, 0, 0, time.UTC))
	if err != nil || len(skipped) != 0 {
		t.Fatalf("err %v, skipped %+v", err, skipped)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Summary+" "+e.Start.UTC().Format("01-02T15:04Z"))
	}
	want := "Stand-up 03-01T14:00Z Stand-up 03-03T14:00Z Stand-up 03-05T14:00Z Stand-up 03-08T14:00Z Stand-up 03-10T14:00Z Stand-up 03-12T14:00Z " +
		"Stand-up 03-17T13:00Z Stand-up 03-19T13:00Z Review 03-20T09:00Z"
	if strings.Join(got, " ") != want {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
}
