package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// TestReadBusySavedStdin: a saved plan (no standard input to give) whose
// calendar is standard input, by any of its names, is refused rather than
// read from whatever the later command's input holds; "-" from a command
// line is read from its standard input.
func TestReadBusySavedStdin(t *testing.T) {
	start := planner.Date{Year: 2027, Month: time.March, Day: 16}
	for _, path := range []string{"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "/dev//stdin"} {
		_, _, err := readBusy([]busyFile{{Path: path}}, nil, start, time.UTC)
		if err == nil || !strings.Contains(err.Error(), "names standard input, which only a command line gives") {
			t.Errorf("saved %q: error = %v, want it refused", path, err)
		}
	}
	cal := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:m@x\r\nDTSTAMP:20270101T000000Z\r\n" +
		"DTSTART:20270401T090000Z\r\nDURATION:PT1H\r\nSUMMARY:Gym\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	events, _, err := readBusy([]busyFile{{Path: "-"}}, strings.NewReader(cal), start, time.UTC)
	if err != nil || len(events) != 1 {
		t.Errorf("--busy - from a command line: %d events, %v; want 1", len(events), err)
	}
}

// dirReader reads as standard input redirected from a folder does.
type dirReader struct{}

func (dirReader) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: "/dev/stdin", Err: syscall.EISDIR}
}

// TestReadStdinNamesNoPath: a read error of standard input names it as
// such, not by a path the user never typed.
func TestReadStdinNamesNoPath(t *testing.T) {
	_, err := readStdin(dirReader{}, "--busy calendar", maxBusyBytes)
	if err == nil || err.Error() != "reading --busy calendar from standard input: is a directory" {
		t.Errorf("error = %v", err)
	}
}
