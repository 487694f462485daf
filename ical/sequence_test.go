package ical

import (
	"strings"
	"testing"
	"time"
)

// TestEncodeUpdateSequences: a re-export keeps UIDs, raises SEQUENCE only
// on changed events, cancels removed ones and is stable when re-run.
func TestEncodeUpdateSequences(t *testing.T) {
	p := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-16", at: "10:00"})
	o := defaultOptions(t, p, "", "2027-03-16")
	_, first, err := EncodeUpdate(p, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range first {
		if s.Sequence != 0 || s.Cancelled || s.Hash == "" {
			t.Fatalf("first export state %+v", s)
		}
	}
	// Unchanged plan, later DTSTAMP: same sequences.
	o2 := o
	o2.Now = o.Now.Add(24 * time.Hour)
	_, same, err := EncodeUpdate(p, o2, first)
	if err != nil {
		t.Fatal(err)
	}
	for i := range same {
		if same[i].Sequence != 0 || same[i].Hash != first[i].Hash {
			t.Errorf("unchanged %s: sequence %d, hash %s -> %s", same[i].UID, same[i].Sequence, first[i].Hash, same[i].Hash)
		}
	}
	// Move the session by a day: the session and its windows change; drop
	// the recall: it is cancelled.
	moved := makePlan(t, planSpec{treatment: "mesobotox", zone: "Europe/Rome", start: "2027-03-17", at: "10:00"})
	moved.Maintenance = nil
	data, next, err := EncodeUpdate(moved, o2, first)
	if err != nil {
		t.Fatal(err)
	}
	byUID := map[string]EventState{}
	for _, s := range next {
		byUID[s.UID] = s
	}
	for _, s := range first {
		n, ok := byUID[s.UID]
		switch {
		case !ok:
			t.Errorf("UID %s disappeared", s.UID)
		case strings.Contains(s.UID, "-maintenance-"):
			if !n.Cancelled || n.Sequence != 1 {
				t.Errorf("recall %+v, want cancelled with SEQUENCE 1", n)
			}
		case n.Sequence != 1:
			t.Errorf("%s: SEQUENCE %d, want 1 (its dates changed)", s.UID, n.Sequence)
		}
	}
	if !strings.Contains(string(data), "STATUS:CANCELLED\r\n") {
		t.Error("no cancelled event in the file")
	}
	// Re-exporting the changed plan keeps every SEQUENCE, cancelled ones too.
	_, again, err := EncodeUpdate(moved, o2, next)
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if again[i].UID != next[i].UID || again[i].Sequence != next[i].Sequence || again[i].Cancelled != next[i].Cancelled {
			t.Errorf("re-export changed %+v -> %+v", next[i], again[i])
		}
	}
}
