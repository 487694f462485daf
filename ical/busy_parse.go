package ical

import (
	"fmt"
	"strings"

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
}

// contentLine is one unfolded line: NAME;PARAMS:VALUE, and the line of the
// file it starts on.
type contentLine struct {
	line  int
	name  string
	param goical.Params
	value string
}

// parseBusy reads every VCALENDAR of the file (RFC 5545 section 3.1):
// lines are unfolded wherever they were folded, even inside a parameter
// (as Google folds long ATTENDEE lines); a byte-order mark and blank lines
// are passed over. A file that is not iCalendar is an error naming its
// line. Lines may end in CRLF, LF or CR.
func parseBusy(name string, data []byte) ([]busyEvent, error) {
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n") // lines ended by CR alone, as old Mac exports do
	var lines []contentLine
	var cur strings.Builder
	curLine := 0
	flush := func() error {
		if curLine == 0 {
			return nil
		}
		raw := cur.String()
		cl, ok := parseContentLine(raw)
		if !ok {
			return fmt.Errorf("%s:%d: not an iCalendar line: %q (want NAME:VALUE)", name, curLine, clip(raw))
		}
		cl.line = curLine
		lines = append(lines, cl)
		cur.Reset()
		curLine = 0
		return nil
	}
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l != "" && (l[0] == ' ' || l[0] == '\t') && curLine != 0 {
			cur.WriteString(l[1:]) // a folded continuation
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		if len(lines) == 0 && !strings.EqualFold(strings.TrimSpace(l), "BEGIN:VCALENDAR") {
			return nil, fmt.Errorf("%s:%d: not an iCalendar file: it must start with BEGIN:VCALENDAR, found %q", name, i+1, clip(l))
		}
		cur.WriteString(l)
		curLine = i + 1
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%s: empty file, not an iCalendar file", name)
	}
	var (
		events []busyEvent
		stack  []string
		ev     *busyEvent
		cal    []int // events of the open calendar, for its X-WR-TIMEZONE
		wr     string
		own    *calZones // the open calendar's VTIMEZONEs
		vtz    *rawZone  // the open VTIMEZONE
	)
	for _, cl := range lines {
		switch cl.name {
		case "BEGIN":
			comp := strings.ToUpper(strings.TrimSpace(cl.value))
			stack = append(stack, comp)
			switch {
			case comp == "VCALENDAR" && len(stack) == 1:
				cal, wr, own = nil, "", &calZones{raw: map[string]*rawZone{}}
			case comp == "VTIMEZONE" && len(stack) == 2 && stack[0] == "VCALENDAR":
				vtz = &rawZone{}
			case (comp == "STANDARD" || comp == "DAYLIGHT") && len(stack) == 3 && stack[1] == "VTIMEZONE" && vtz != nil:
				if len(vtz.obs) == maxObservances {
					vtz.bad = true
					continue
				}
				vtz.obs = append(vtz.obs, rawObservance{daylight: comp == "DAYLIGHT"})
			case comp == "VEVENT" && len(stack) == 2 && stack[0] == "VCALENDAR":
				ev = &busyEvent{Event: goical.Event{Component: goical.NewComponent(goical.CompEvent)}, line: cl.line}
			case len(stack) == 1:
				return nil, fmt.Errorf("%s:%d: not an iCalendar file: BEGIN:%s outside BEGIN:VCALENDAR", name, cl.line, cl.value)
			}
			continue
		case "END":
			want := strings.ToUpper(strings.TrimSpace(cl.value))
			if len(stack) == 0 || stack[len(stack)-1] != want {
				return nil, fmt.Errorf("%s:%d: END:%s does not close the open component", name, cl.line, cl.value)
			}
			stack = stack[:len(stack)-1]
			switch {
			case want == "VEVENT" && ev != nil && len(stack) == 1:
				cal = append(cal, len(events))
				events = append(events, *ev)
				ev = nil
			case want == "VTIMEZONE" && vtz != nil && len(stack) == 1:
				if _, dup := own.raw[vtz.tzid]; vtz.tzid != "" && !dup && len(own.raw) < maxVTimezones {
					own.raw[vtz.tzid] = vtz
				}
				vtz = nil
			case want == "VCALENDAR" && len(stack) == 0:
				for _, i := range cal {
					events[i].wrZone = wr
					events[i].own = own
				}
			}
			continue
		}
		if len(stack) == 0 {
			return nil, fmt.Errorf("%s:%d: not an iCalendar file: %s outside BEGIN:VCALENDAR", name, cl.line, cl.name)
		}
		top := stack[len(stack)-1]
		switch {
		case top == "VEVENT" && ev != nil && len(stack) == 2:
			ev.Props.Add(&goical.Prop{Name: cl.name, Params: cl.param, Value: cl.value})
		case top == "VCALENDAR" && cl.name == "X-WR-TIMEZONE":
			wr = strings.TrimSpace(cl.value)
		case top == "VTIMEZONE" && vtz != nil && len(stack) == 2 && cl.name == "TZID":
			vtz.tzid = strings.TrimSpace(cl.value)
		case (top == "STANDARD" || top == "DAYLIGHT") && vtz != nil && len(stack) == 3 && len(vtz.obs) > 0:
			o := &vtz.obs[len(vtz.obs)-1]
			if len(o.props) == maxObsPropLines {
				vtz.bad = true
				continue
			}
			o.props = append(o.props, cl)
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%s: BEGIN:%s is never closed", name, stack[len(stack)-1])
	}
	return events, nil
}

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
	cl := contentLine{name: strings.ToUpper(s[:i]), param: goical.Params{}}
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
