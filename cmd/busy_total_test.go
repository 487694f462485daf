package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// TestReadBusyTotal: the bound on busy times holds for the patient's
// calendars together, not per file (twenty files of 99,000 each took
// 900 MB), and a calendar given twice is read once.
func TestReadBusyTotal(t *testing.T) {
	dir := t.TempDir()
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:m@x\r\nDTSTAMP:20270101T000000Z\r\n" +
		"DTSTART:20270401T000000Z\r\nDURATION:PT1M\r\nRRULE:FREQ=MINUTELY;INTERVAL=5;COUNT=60000\r\nSUMMARY:Gym\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	a, b := filepath.Join(dir, "a.ics"), filepath.Join(dir, "b.ics")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte(cal), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start := planner.Date{Year: 2027, Month: time.March, Day: 16}
	events, _, err := readBusy([]busyFile{{Path: a, given: a}, {Path: a, given: filepath.Join(dir, ".", "a.ics")}}, nil, start, time.UTC)
	if err != nil || len(events) != 60000 {
		t.Errorf("one calendar given twice: %d events, %v; want it read once", len(events), err)
	}
	_, _, err = readBusy([]busyFile{{Path: a, given: a}, {Path: b, given: b}}, nil, start, time.UTC)
	if err == nil || !strings.Contains(err.Error(), "more than 100000 busy times in the planning window together") {
		t.Errorf("two calendars of 60,000: error = %v, want the bound on both", err)
	}
}
