package ical

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// referenceBytes is what golang-ical itself writes for cal, folded: the
// bytes contentWriter must reproduce.
func referenceBytes(t *testing.T, cal *ics.Calendar) string {
	t.Helper()
	var b strings.Builder
	if err := cal.SerializeTo(&b, serialConfig()); err != nil {
		t.Fatal(err)
	}
	return fold(b.String())
}

// referenceEventHash is the event hash as first defined, through
// golang-ical's serialization: saved plans hold such hashes, so the
// contentWriter's must be equal or every event of every saved plan would
// take a new SEQUENCE on its next export.
func referenceEventHash(ev *ics.VEvent) string {
	var b strings.Builder
	_ = ev.SerializeTo(&b, serialConfig())
	h := sha256.New()
	for _, line := range strings.Split(b.String(), "\r\n") {
		if strings.HasPrefix(line, "DTSTAMP") || strings.HasPrefix(line, "SEQUENCE") {
			continue
		}
		h.Write([]byte(line + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// TestContentWriterMatchesGolangICal: for every instant case, grouped and
// detailed, for patient and practitioner, in English and Italian, with
// names and a clinic full of characters to escape and lines to fold, the
// calendar written is byte for byte golang-ical's, and every event hash
// is the one golang-ical's serialization gives.
func TestContentWriterMatchesGolangICal(t *testing.T) {
	specs := instantCases()
	for _, tr := range treatments {
		specs = append(specs, planSpec{treatment: tr, zone: "Europe/Rome", start: "2027-03-16", at: "10:00", lang: "it"})
	}
	clinic := Clinic{Name: `Studio "Zoë", Dr. O'Brien; Milano: \ sede`, Address: "Via Po 1, 20100 Milano; 2º piano\nscala B", Phone: "+39 02 1234", Email: "info@studio.example", URL: "https://studio.example/a,b;c"}
	names := []string{"", "Zoë Quintavalle", `Ann "Nan" O'Neil; Jr., \ 山田 花子 ` + strings.Repeat("é", 40)}
	events := 0
	for i, s := range specs {
		p := makePlan(t, s)
		for _, detail := range []bool{false, true} {
			for _, audience := range []Audience{Patient, Practitioner} {
				o := defaultOptions(t, p, names[i%len(names)], s.start)
				o.Detail, o.Audience = detail, audience
				if i%2 == 0 {
					o.Clinic = clinic
				}
				e, err := newEncoder(p, o, nil)
				if err != nil {
					t.Fatalf("%s: %v", s, err)
				}
				cal := e.calendar()
				e.w.hashEvents = true
				e.w.calendar(cal)
				if got, want := string(e.w.buf), referenceBytes(t, cal); got != want {
					t.Fatalf("%s detail=%v %s: the bytes differ from golang-ical's\ngot:\n%s\nwant:\n%s", s, detail, audience, got, want)
				}
				if len(e.w.hashes) != len(cal.Events()) {
					t.Fatalf("%s: %d hashes taken while writing, %d events", s, len(e.w.hashes), len(cal.Events()))
				}
				for i, ev := range cal.Events() {
					if got, want := e.w.hashes[i], referenceEventHash(ev); got != want {
						t.Errorf("%s: event %s hashed while written as %s, golang-ical's serialization gives %s", s, ev.Id(), got, want)
					}
					seq := ev.GetProperty(ics.ComponentPropertySequence).Value
					ev.SetSequence(0) // as it was when hashed
					if got, want := e.w.eventHash(ev), referenceEventHash(ev); got != want {
						t.Errorf("%s: event %s hash %s, golang-ical's serialization gives %s", s, ev.Id(), got, want)
					}
					ev.SetProperty(ics.ComponentPropertySequence, seq)
					events++
				}
			}
		}
	}
	if events < 10000 {
		t.Errorf("only %d events compared", events)
	}
}

// TestContentWriterEscapes checks the escapes against RFC 5545 directly,
// whatever golang-ical does: TEXT escapes backslash, semicolon, comma and
// line breaks (section 3.3.11); lines fold at 75 octets, never inside a
// UTF-8 sequence (section 3.1).
func TestContentWriterEscapes(t *testing.T) {
	var w contentWriter
	w.property(&ics.BaseProperty{IANAToken: "SUMMARY", Value: "a\\b;c,d\ne:f"})
	if got, want := string(w.buf), "SUMMARY:a\\\\b\\;c\\,d\\ne:f\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	w.buf = nil
	w.property(&ics.BaseProperty{IANAToken: "DTSTART", Value: "20270316T100000", ICalParameters: map[string][]string{"TZID": {"Europe/Rome"}}})
	if got, want := string(w.buf), "DTSTART;TZID=Europe/Rome:20270316T100000\r\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	w.buf = nil
	w.property(&ics.BaseProperty{IANAToken: "SUMMARY", Value: strings.Repeat("é", 100)})
	for _, l := range strings.Split(strings.TrimSuffix(string(w.buf), "\r\n"), "\r\n") {
		if len(l) > 75 || !strings.HasPrefix(l, "SUMMARY:") && !strings.HasPrefix(l, " é") {
			t.Errorf("line %q: longer than 75 octets or split inside a character", l)
		}
	}
}

// TestAppendTextMatchesGolangICal: the escaping that copies runs whole
// writes what golang-ical's ToText writes, escapes first, last, side by
// side or absent.
func TestAppendTextMatchesGolangICal(t *testing.T) {
	for _, s := range []string{"", "plain", ",", "\\\\", ";a", "a\n", "a,;\\\nb", "é,é", "no aspirin, ibuprofen; 7 days\n\nthen\\"} {
		if got, want := string(appendText([]byte("X:"), s)), "X:"+ics.ToText(s); got != want {
			t.Errorf("appendText(%q) = %q, want %q", s, got, want)
		}
	}
}
