package ical

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzReadBusy: whatever the file, ReadBusy returns (events, notes or an
// error) and never panics; no message is a Go runtime text. (Its speed is
// measured by the benchmarks, not asserted here.)
func FuzzReadBusy(f *testing.F) {
	seeds, err := filepath.Glob("testdata/busy/*.ics")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		f.Fatal(err)
	}
	from := time.Date(2027, 2, 14, 0, 0, 0, 0, rome)
	to := time.Date(2037, 3, 16, 0, 0, 0, 0, rome)
	f.Fuzz(func(t *testing.T, data []byte) {
		events, skipped, err := ReadBusy("f.ics", data, rome, from, to)
		msgs := []string{}
		if err != nil {
			msgs = append(msgs, err.Error())
			if len(events) > 0 || len(skipped) > 0 {
				t.Errorf("events or notes with an error")
			}
		}
		for _, s := range skipped {
			msgs = append(msgs, s.Reason)
		}
		for _, m := range msgs {
			if strings.Contains(m, "runtime error") || strings.Contains(m, "goroutine") || strings.Contains(m, "parsing time") {
				t.Errorf("raw Go error in %q", m)
			}
		}
	})
}
