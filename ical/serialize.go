package ical

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"slices"
	"strings"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// contentWriter writes golang-ical components as RFC 5545 content lines
// (section 3.1): CRLF line ends, lines folded at 75 octets without
// splitting a UTF-8 sequence. Its bytes are those of golang-ical's
// SerializeTo followed by [fold] (a test holds the two together), but it
// writes into one growing buffer and one reused line, where golang-ical
// builds a string per property and the calendar again around them: a batch
// of thousands of calendars spent most of its time there.
type contentWriter struct {
	buf  []byte // what is written
	line []byte // one content line, unfolded
	keys []string
	// hash, when set, takes the lines of a component instead of buf, as
	// eventHash reads them; hasher is kept from one event to the next.
	hash, hasher hash.Hash
	// hashEvents also hashes each VEVENT as it is written (into tee),
	// appending its hash to hashes: a first export knows its SEQUENCE
	// values without the hashes, and need not write each event twice.
	hashEvents bool
	tee        hash.Hash
	hashes     []string
}

// calendar writes a whole VCALENDAR.
func (w *contentWriter) calendar(cal *ics.Calendar) {
	w.text("BEGIN:VCALENDAR")
	for i := range cal.CalendarProperties {
		w.property(&cal.CalendarProperties[i].BaseProperty)
	}
	for _, c := range cal.Components {
		w.component(c)
	}
	w.text("END:VCALENDAR")
}

// component writes one component and the components within it.
func (w *contentWriter) component(c ics.Component) {
	var kind string
	switch c := c.(type) {
	case *ics.VEvent:
		kind = string(ics.ComponentVEvent)
	case *ics.VAlarm:
		kind = string(ics.ComponentVAlarm)
	case *ics.VTimezone:
		kind = string(ics.ComponentVTimezone)
	case *ics.Standard:
		kind = string(ics.ComponentStandard)
	case *ics.Daylight:
		kind = string(ics.ComponentDaylight)
	case *ics.GeneralComponent:
		kind = c.Token
	default: // no other kind is written; golang-ical knows how
		var b strings.Builder
		_ = c.SerializeTo(&b, serialConfig())
		for _, l := range strings.SplitAfter(b.String(), "\r\n") {
			if l = strings.TrimSuffix(l, "\r\n"); l != "" {
				w.text(l)
			}
		}
		return
	}
	event := w.hashEvents && w.hash == nil && w.tee == nil && kind == string(ics.ComponentVEvent)
	if event {
		if w.hasher == nil {
			w.hasher = sha256.New()
		}
		w.hasher.Reset()
		w.tee = w.hasher
	}
	w.text("BEGIN:" + kind)
	props := c.UnknownPropertiesIANAProperties()
	for i := range props {
		w.property(&props[i].BaseProperty)
	}
	for _, sub := range c.SubComponents() {
		w.component(sub)
	}
	w.text("END:" + kind)
	if event {
		w.tee.Write(newline)
		w.tee = nil
		var sum [sha256.Size]byte
		w.hashes = append(w.hashes, hex.EncodeToString(w.hasher.Sum(sum[:0]))[:16])
	}
}

// property writes one property as golang-ical does: its parameters in
// name order, escaped, and a TEXT value escaped (RFC 5545 section
// 3.3.11).
func (w *contentWriter) property(p *ics.BaseProperty) {
	l := append(w.line[:0], p.IANAToken...)
	keys := w.keys[:0]
	for k := range p.ICalParameters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		l = append(l, ';')
		l = append(l, k...)
		l = append(l, '=')
		for i, v := range p.ICalParameters[k] {
			if i > 0 {
				l = append(l, ',')
			}
			if ics.Parameter(k).IsQuoted() {
				l = appendQuoted(l, v)
			} else {
				l = appendParamEscaped(l, v)
			}
		}
	}
	l = append(l, ':')
	if p.GetValueType() == ics.ValueDataTypeText {
		l = appendText(l, p.Value)
	} else {
		l = append(l, p.Value...)
	}
	w.line, w.keys = l, keys
	w.emit(l)
}

// text writes a line that needs no escaping.
func (w *contentWriter) text(s string) {
	w.line = append(w.line[:0], s...)
	w.emit(w.line)
}

// emit ends a content line: into the hash, or folded into buf.
func (w *contentWriter) emit(l []byte) {
	if h := w.hash; h != nil || w.tee != nil {
		if h == nil {
			h = w.tee
		}
		if !hasPrefix(l, "DTSTAMP") && !hasPrefix(l, "SEQUENCE") {
			h.Write(l)
			h.Write(newline)
		}
		if w.hash != nil {
			return
		}
	}
	limit := maxLineOctets
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.buf = append(w.buf, l[:cut]...)
		w.buf = append(w.buf, "\r\n "...)
		l = l[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	w.buf = append(w.buf, l...)
	w.buf = append(w.buf, "\r\n"...)
}

var newline = []byte{'\n'}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

// eventHash fingerprints an event's content, leaving out DTSTAMP and
// SEQUENCE, which change without the event changing: the SHA-256 of its
// unfolded content lines, each ended by LF, and of an empty last line;
// the first 16 hexadecimal digits.
func (w *contentWriter) eventHash(ev *ics.VEvent) string {
	if w.hasher == nil {
		w.hasher = sha256.New()
	}
	w.hasher.Reset()
	w.hash = w.hasher
	w.component(ev)
	w.hash.Write(newline)
	w.hash = nil
	var sum [sha256.Size]byte
	return hex.EncodeToString(w.hasher.Sum(sum[:0]))[:16]
}

// appendText escapes a TEXT value as golang-ical's ToText does. The runs
// between escapes are copied whole: descriptions are most of a calendar's
// bytes, and few of them need escaping.
func appendText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case ';':
			esc = `\;`
		case ',':
			esc = `\,`
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// appendParamEscaped escapes a parameter value as golang-ical does.
func appendParamEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ',', '"', ';', ':', '\\', '\'':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendQuoted writes a quoted parameter value as golang-ical does.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
