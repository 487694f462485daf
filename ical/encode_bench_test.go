package ical

import (
	"testing"

	"github.com/mesoplan/mesoplan/locale"
)

// BenchmarkAppendUpdate writes one patient's calendar as a batch row
// does: the anchor workload's mesolifting course, grouped events,
// reminders, into a reused buffer.
func BenchmarkAppendUpdate(b *testing.B) {
	p := makePlan(b, planSpec{treatment: "mesolifting", start: "2027-03-16", zone: "Europe/Rome"})
	o := defaultOptions(b, p, "Patient 000001", "2027-03-16")
	o.Detail = false
	words, err := locale.New(catalog(b), "")
	if err != nil {
		b.Fatal(err)
	}
	o.Words = words
	o.Zones = &ZoneCache{}
	o.NoHashes = true // as a batch without --save
	buf := make([]byte, 0, 64<<10)
	b.ReportAllocs()
	for b.Loop() {
		out, _, err := AppendUpdate(buf[:0], p, o, nil)
		if err != nil {
			b.Fatal(err)
		}
		buf = out
	}
	b.SetBytes(int64(len(buf)))
}
