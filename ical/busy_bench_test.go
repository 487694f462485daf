package ical

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// hostileCalendar is about 300 KB: 2,000 events repeating every minute
// since 2012.
func hostileCalendar() []byte {
	var events []string
	for i := range 2000 {
		events = append(events, vevent(fmt.Sprintf("UID:ping-%d@example.org", i), "SUMMARY:Ping with a summary that makes the file larger",
			fmt.Sprintf("DTSTART:2012%02d%02dT%02d%02d00Z", i%12+1, i%28+1, i%24, i%60), "DURATION:PT1M", "RRULE:FREQ=MINUTELY"))
	}
	return busyCal(events...)
}

// realisticCalendar is a few years of a patient's calendar: weekly and
// monthly classes, birthdays, one-off appointments, all-day trips.
func realisticCalendar() []byte {
	var events []string
	for i := range 40 {
		events = append(events, vevent(fmt.Sprintf("UID:weekly-%d@example.org", i), fmt.Sprintf("SUMMARY:Class %d", i),
			fmt.Sprintf("DTSTART;TZID=Europe/Rome:20%02d%02d%02dT%02d0000", 15+i%10, i%12+1, i%28+1, 8+i%10), "DURATION:PT1H",
			"RRULE:FREQ=WEEKLY;BYDAY="+[]string{"MO", "TU,TH", "WE", "FR", "SA"}[i%5], "EXDATE;TZID=Europe/Rome:20270105T090000"))
		events = append(events, vevent(fmt.Sprintf("UID:yearly-%d@example.org", i), fmt.Sprintf("SUMMARY:Birthday %d", i),
			fmt.Sprintf("DTSTART;VALUE=DATE:19%02d%02d%02d", 50+i, i%12+1, i%28+1), "RRULE:FREQ=YEARLY"))
		events = append(events, vevent(fmt.Sprintf("UID:monthly-%d@example.org", i), fmt.Sprintf("SUMMARY:Book club %d", i),
			"DTSTART;TZID=Europe/Rome:20200114T190000", "DTEND;TZID=Europe/Rome:20200114T210000", fmt.Sprintf("RRULE:FREQ=MONTHLY;BYDAY=%dTU", i%4+1)))
	}
	for i := range 500 {
		events = append(events, vevent(fmt.Sprintf("UID:once-%d@example.org", i), fmt.Sprintf("SUMMARY:Appointment %d", i),
			fmt.Sprintf("DTSTART:20%02d%02d%02dT%02d3000Z", 24+i%6, i%12+1, i%28+1, 7+i%10), fmt.Sprintf("DTEND:20%02d%02d%02dT%02d3000Z", 24+i%6, i%12+1, i%28+1, 8+i%10)))
	}
	for i := range 30 {
		events = append(events, vevent(fmt.Sprintf("UID:trip-%d@example.org", i), "SUMMARY:Trip",
			fmt.Sprintf("DTSTART;VALUE=DATE:20%02d%02d01", 26+i%4, i%12+1), fmt.Sprintf("DTEND;VALUE=DATE:20%02d%02d05", 26+i%4, i%12+1)))
	}
	return busyCal(events...)
}

func benchmarkReadBusy(b *testing.B, data []byte, wantErr string) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2027, 2, 14, 0, 0, 0, 0, rome)
	to := time.Date(2037, 3, 16, 0, 0, 0, 0, rome)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, _, err := ReadBusy("bench.ics", data, rome, from, to)
		if (err == nil) != (wantErr == "") || (err != nil && !strings.Contains(err.Error(), wantErr)) {
			b.Fatalf("error = %v, want %q", err, wantErr)
		}
	}
}

// BenchmarkReadBusyHostile: every-minute rules are refused at the bound,
// not expanded for seconds.
func BenchmarkReadBusyHostile(b *testing.B) {
	benchmarkReadBusy(b, hostileCalendar(), "more than 100000 occurrences")
}

func BenchmarkReadBusyRealistic(b *testing.B) {
	benchmarkReadBusy(b, realisticCalendar(), "")
}

// manyOneOffsCalendar is about 20 MB: 200,000 one-off appointments spread
// over forty years, a tenth of them in the planning window.
func manyOneOffsCalendar() []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mesoplan//bench//EN\r\n")
	for i := range 200_000 {
		day := fmt.Sprintf("%04d%02d%02d", 1998+i%40, i%12+1, i%28+1)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:once-%d@example.org\r\nDTSTAMP:20200101T000000Z\r\nDTSTART:%sT090000Z\r\nDTEND:%sT100000Z\r\nSUMMARY:Appointment %d with a summary of some length\r\nEND:VEVENT\r\n", i, day, day, i)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// BenchmarkReadBusyManyOneOffs: one-off events far from the planning
// window are dropped as they are read; the ones in it count against the
// bound like occurrences of a rule.
func BenchmarkReadBusyManyOneOffs(b *testing.B) {
	benchmarkReadBusy(b, manyOneOffsCalendar(), "")
}
