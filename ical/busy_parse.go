package ical

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
)

// busyEvent is a VEVENT as read from the file, with the line it starts on
// the zone its calendar names for floating times (X-WR-TIMEZONE), and its
// calendar's own VTIMEZONEs.
type busyEvent struct {
	goical.Event
	line   int
	wrZone string
	own    *calZones
	props  int    // properties read
	bad    string // why it is not read, when it is too large to
}

// maxEventProps bounds the properties of one event: real ones have a few
// dozen (a long guest list, a hundred or so); a file of millions of lines
// in one event would otherwise all be held in memory.
const maxEventProps = 2000

// contentLine is one unfolded line: NAME;PARAMS:VALUE, and the line of the
// file it starts on.
type contentLine struct {
	line  int
	name  string
	param goical.Params
	value string
}

// maxBusyEvents bounds the events kept from one file: those that may fall
// in the planning window, and every recurring one. One-off events far from
// the window are passed over as they are read, so a file of years of
// appointments costs no more than its size.
const maxBusyEvents = maxBusyOccurrences

// parseBusy reads every VCALENDAR of the file (RFC 5545 section 3.1):
// lines are unfolded wherever they were folded, even inside a parameter
// (as Google folds long ATTENDEE lines); a byte-order mark and blank lines
// are passed over. A file that is not iCalendar is an error naming its
// line. Lines may end in CRLF, LF or CR. Lines are read one at a time and
// a one-off event that ends more than two days before from or starts more
// than two days after to (wider than any zone's offset) is dropped as soon
// as it is read; more than maxBusyEvents events kept is an error.
func parseBusy(name string, data []byte, from, to time.Time) ([]busyEvent, error) {
	text := bytes.TrimPrefix(data, []byte("\uFEFF"))
	p := &busyParser{name: name, first: dayOf(from.AddDate(0, 0, -2)), last: dayOf(to.AddDate(0, 0, 2))}
	var (
		cur     strings.Builder // the line being unfolded, once it is folded
		curText string          // the line, while it is not folded
		folded  bool
		curLine int
	)
	flush := func() error {
		if curLine == 0 {
			return nil
		}
		raw := curText
		if folded {
			raw = cur.String()
			cur.Reset()
		}
		if p.lines == 0 && !strings.EqualFold(strings.TrimSpace(raw), "BEGIN:VCALENDAR") {
			// Checked once unfolded: a first line may be folded too.
			return fmt.Errorf("%s:%d: not an iCalendar file: it must start with BEGIN:VCALENDAR, found %q", name, curLine, clip(raw[:min(len(raw), 400)]))
		}
		cl, ok := parseContentLine(raw)
		if !ok {
			return fmt.Errorf("%s:%d: not an iCalendar line: %q (want NAME:VALUE)", name, curLine, clip(raw))
		}
		cl.line = curLine
		curLine, folded = 0, false
		return p.line(cl)
	}
	for n := 1; len(text) > 0; n++ {
		var l []byte // one line, converted to a string only when kept: the file is never copied whole
		if i := bytes.IndexAny(text, "\r\n"); i < 0 {
			l, text = text, nil
		} else {
			crlf := text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n'
			l, text = text[:i], text[i+1:]
			if crlf {
				text = text[1:]
			}
		}
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') && curLine != 0 {
			if !folded {
				cur.WriteString(curText)
				folded = true
			}
			cur.Write(l[1:]) // a folded continuation
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		curText, curLine = string(l), n
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if p.lines == 0 {
		return nil, fmt.Errorf("%s: empty file, not an iCalendar file", name)
	}
	if len(p.stack) > 0 {
		return nil, fmt.Errorf("%s: BEGIN:%s is never closed", name, p.stack[len(p.stack)-1])
	}
	return p.events, nil
}

// busyParser builds the events from unfolded lines, one at a time.
type busyParser struct {
	name        string
	first, last time.Time // the days (UTC midnights) one-off events must touch
	lines       int       // content lines read
	events      []busyEvent
	stack       []string
	ev          *busyEvent
	cal         []int // events of the open calendar, for its X-WR-TIMEZONE
	wr          string
	own         *calZones // the open calendar's VTIMEZONEs
	vtz         *rawZone  // the open VTIMEZONE
}

func (p *busyParser) line(cl contentLine) error {
	p.lines++
	switch cl.name {
	case "BEGIN":
		comp := strings.ToUpper(strings.TrimSpace(cl.value))
		p.stack = append(p.stack, comp)
		stack := p.stack
		switch {
		case comp == "VCALENDAR" && len(stack) == 1:
			p.cal, p.wr, p.own = nil, "", &calZones{raw: map[string]*rawZone{}}
		case comp == "VTIMEZONE" && len(stack) == 2 && stack[0] == "VCALENDAR":
			p.vtz = &rawZone{}
		case (comp == "STANDARD" || comp == "DAYLIGHT") && len(stack) == 3 && stack[1] == "VTIMEZONE" && p.vtz != nil:
			if len(p.vtz.obs) == maxObservances {
				p.vtz.bad = true
				return nil
			}
			p.vtz.obs = append(p.vtz.obs, rawObservance{daylight: comp == "DAYLIGHT"})
		case comp == "VEVENT" && len(stack) == 2 && stack[0] == "VCALENDAR":
			p.ev = &busyEvent{Event: goical.Event{Component: goical.NewComponent(goical.CompEvent)}, line: cl.line}
		case len(stack) == 1:
			return fmt.Errorf("%s:%d: not an iCalendar file: BEGIN:%s outside BEGIN:VCALENDAR", p.name, cl.line, cl.value)
		}
		return nil
	case "END":
		want := strings.ToUpper(strings.TrimSpace(cl.value))
		if len(p.stack) == 0 || p.stack[len(p.stack)-1] != want {
			return fmt.Errorf("%s:%d: END:%s does not close the open component", p.name, cl.line, cl.value)
		}
		p.stack = p.stack[:len(p.stack)-1]
		switch {
		case want == "VEVENT" && p.ev != nil && len(p.stack) == 1:
			if p.mayTouchWindow(p.ev.Props) {
				if len(p.events) == maxBusyEvents {
					return fmt.Errorf("%s: more than %d events in or near the planning window: export a shorter span of the calendar, or leave out the events that repeat every minute or hour", p.name, maxBusyEvents)
				}
				p.cal = append(p.cal, len(p.events))
				p.events = append(p.events, *p.ev)
			}
			p.ev = nil
		case want == "VTIMEZONE" && p.vtz != nil && len(p.stack) == 1:
			if _, dup := p.own.raw[p.vtz.tzid]; p.vtz.tzid != "" && !dup && len(p.own.raw) < maxVTimezones {
				p.own.raw[p.vtz.tzid] = p.vtz
			}
			p.vtz = nil
		case want == "VCALENDAR" && len(p.stack) == 0:
			for _, i := range p.cal {
				p.events[i].wrZone = p.wr
				p.events[i].own = p.own
			}
		}
		return nil
	}
	if len(p.stack) == 0 {
		return fmt.Errorf("%s:%d: not an iCalendar file: %s outside BEGIN:VCALENDAR", p.name, cl.line, cl.name)
	}
	top := p.stack[len(p.stack)-1]
	switch {
	case top == "VEVENT" && p.ev != nil && len(p.stack) == 2:
		if p.ev.props++; p.ev.props > maxEventProps {
			p.ev.bad = fmt.Sprintf("more than %d properties", maxEventProps)
			return nil
		}
		p.ev.Props.Add(&goical.Prop{Name: cl.name, Params: cl.param, Value: cl.value})
	case top == "VCALENDAR" && cl.name == "X-WR-TIMEZONE":
		p.wr = strings.TrimSpace(cl.value)
	case top == "VTIMEZONE" && p.vtz != nil && len(p.stack) == 2 && cl.name == "TZID":
		p.vtz.tzid = strings.TrimSpace(cl.value)
	case (top == "STANDARD" || top == "DAYLIGHT") && p.vtz != nil && len(p.stack) == 3 && len(p.vtz.obs) > 0:
		o := &p.vtz.obs[len(p.vtz.obs)-1]
		if len(o.props) == maxObsPropLines {
			p.vtz.bad = true
			return nil
		}
		o.props = append(o.props, cl)
	}
	return nil
}

// mayTouchWindow says whether an event may fall in the planning window:
// every recurring event or instance, every event whose dates cannot be
// read here (it is read, or reported, later), and a one-off event whose
// dates, DTEND or DTSTART plus DURATION, reach into [first, last].
func (p *busyParser) mayTouchWindow(props goical.Props) bool {
	if props.Get(goical.PropRecurrenceRule) != nil || props.Get(goical.PropRecurrenceDates) != nil ||
		props.Get(goical.PropRecurrenceID) != nil {
		return true
	}
	start, ok := leadingDate(props.Get(goical.PropDateTimeStart))
	if !ok {
		return true
	}
	end := start
	if e := props.Get(goical.PropDateTimeEnd); e != nil {
		if end, ok = leadingDate(e); !ok {
			return true
		}
	} else if d := props.Get(goical.PropDuration); d != nil {
		dur, err := d.Duration()
		if err != nil || dur < 0 || dur > 100*365*24*time.Hour {
			return true
		}
		end = start.AddDate(0, 0, int(dur/(24*time.Hour))+1)
	}
	return !start.After(p.last) && !end.Before(p.first)
}

// leadingDate reads the date a DTSTART or DTEND value starts with
// (yyyymmdd), as a UTC midnight.
func leadingDate(prop *goical.Prop) (time.Time, bool) {
	if prop == nil {
		return time.Time{}, false
	}
	v := strings.TrimSpace(prop.Value)
	if len(v) < 8 {
		return time.Time{}, false
	}
	n := 0
	for _, c := range []byte(v[:8]) {
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		n = n*10 + int(c-'0')
	}
	return time.Date(n/10000, time.Month(n/100%100), n%100, 0, 0, 0, 0, time.UTC), true
}

// dayOf is t's date as a UTC midnight.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// maxParamValues bounds the parameter values of one line.
const maxParamValues = 200

// parseContentLine splits an unfolded line into its name, parameters
// (values quoted or not, several separated by commas) and value.
func parseContentLine(s string) (contentLine, bool) {
	i := 0
	for i < len(s) && (isNameByte(s[i])) {
		i++
	}
	if i == 0 || i == len(s) || (s[i] != ';' && s[i] != ':') {
		return contentLine{}, false
	}
	cl := contentLine{name: strings.ToUpper(s[:i])}
	values := 0
	for s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == i || j == len(s) || s[j] != '=' {
			return contentLine{}, false
		}
		pname := strings.ToUpper(s[i:j])
		i = j
		for {
			i++ // past '=' or ','
			var v string
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return contentLine{}, false
				}
				v, i = s[i+1:i+1+end], i+end+2
			} else {
				j := i
				for j < len(s) && s[j] != ';' && s[j] != ':' && s[j] != ',' {
					j++
				}
				v, i = s[i:j], j
			}
			if values++; values > maxParamValues {
				return contentLine{}, false // no client writes thousands
			}
			if cl.param == nil {
				cl.param = goical.Params{}
			}
			cl.param[pname] = append(cl.param[pname], v)
			if i >= len(s) {
				return contentLine{}, false
			}
			if s[i] != ',' {
				break
			}
		}
		if s[i] != ';' && s[i] != ':' {
			return contentLine{}, false
		}
	}
	cl.value = s[i+1:]
	return cl, true
}

func isNameByte(c byte) bool {
	return c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
