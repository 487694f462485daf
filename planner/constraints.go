package planner

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// DateRange is an inclusive range of dates, written "2027-08-09..2027-08-20"
// or, for one day, "2027-08-09".
type DateRange struct {
	From, To Date
}

// ParseDateRange parses a date or a range of dates; a range whose end comes
// before its start is an error.
func ParseDateRange(s string) (DateRange, error) {
	from, to, isRange := strings.Cut(strings.TrimSpace(s), "..")
	f, err := ParseDate(strings.TrimSpace(from))
	if err != nil {
		return DateRange{}, err
	}
	if !isRange {
		return DateRange{From: f, To: f}, nil
	}
	t, err := ParseDate(strings.TrimSpace(to))
	if err != nil {
		return DateRange{}, err
	}
	if t.Before(f) {
		return DateRange{}, fmt.Errorf("invalid range %q: it ends before it starts", s)
	}
	return DateRange{From: f, To: t}, nil
}

// Contains reports whether d lies in the range.
func (r DateRange) Contains(d Date) bool { return !d.Before(r.From) && !r.To.Before(d) }

// String formats the range as it is parsed.
func (r DateRange) String() string {
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + ".." + r.To.String()
}

var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Weekdays is a set of days of the week.
type Weekdays [7]bool

// ParseWeekdays parses a set of weekdays written as names and ranges of
// three-letter names (or full names): "mon-fri", "tue,thu", "mon-wed,sat".
func ParseWeekdays(s string) (Weekdays, error) {
	var w Weekdays
	bad := func() (Weekdays, error) {
		return Weekdays{}, fmt.Errorf("invalid days %q: want day names or ranges such as mon-fri or tue,thu (days: %s)", s, strings.Join(weekdayNames[1:], ", ")+", sun")
	}
	day := func(name string) (int, bool) {
		name = strings.ToLower(strings.TrimSpace(name))
		if len(name) < 3 {
			return 0, false
		}
		for i, d := range weekdayNames {
			if strings.HasPrefix(name, d) && strings.HasPrefix(strings.ToLower(time.Weekday(i).String()), name) {
				return i, true
			}
		}
		return 0, false
	}
	if strings.TrimSpace(s) == "" {
		return bad()
	}
	for _, part := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, ok := day(from)
		if !ok {
			return bad()
		}
		b := a
		if isRange {
			if b, ok = day(to); !ok {
				return bad()
			}
		}
		for i := a; ; i = (i + 1) % 7 { // mon-fri, or fri-mon across the weekend
			w[i] = true
			if i == b {
				break
			}
		}
	}
	return w, nil
}

// String lists the days, Monday first: "mon, tue, wed".
func (w Weekdays) String() string {
	var names []string
	for _, i := range []int{1, 2, 3, 4, 5, 6, 0} {
		if w[i] {
			names = append(names, weekdayNames[i])
		}
	}
	return strings.Join(names, ", ")
}

// Spec writes the days as ParseWeekdays reads them, Monday first, runs of
// three or more days as ranges: "mon-sat", "tue,thu", "mon-wed,fri".
func (w Weekdays) Spec() string {
	order := []int{1, 2, 3, 4, 5, 6, 0}
	var parts []string
	for i := 0; i < len(order); {
		if !w[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && w[order[j+1]] {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, weekdayNames[order[i]]+"-"+weekdayNames[order[j]])
		case j > i:
			parts = append(parts, weekdayNames[order[i]], weekdayNames[order[j]])
		default:
			parts = append(parts, weekdayNames[order[i]])
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// OpenDays is the clinic's week: a session may only fall on these days.
type OpenDays Weekdays

// Allows implements [Constraint].
func (o OpenDays) Allows(d Date) (bool, string) {
	if o[d.Weekday()] {
		return true, ""
	}
	return false, fmt.Sprintf("the clinic is closed on %ss", d.Weekday())
}

// ClosedDates are dates or ranges on which the clinic is closed.
type ClosedDates []DateRange

// Allows implements [Constraint].
func (c ClosedDates) Allows(d Date) (bool, string) { return outside(c, d, "the clinic is closed ") }

// Away are the patient's absences.
type Away []DateRange

// Allows implements [Constraint].
func (a Away) Allows(d Date) (bool, string) { return outside(a, d, "the patient is away ") }

// outside allows d when no range holds it; else it names the range.
func outside(ranges []DateRange, d Date, why string) (bool, string) {
	for _, r := range ranges {
		if r.Contains(d) {
			return false, why + r.String()
		}
	}
	return true, ""
}

// PreferredDays are the weekdays the patient can come.
type PreferredDays Weekdays

// Allows implements [Constraint].
func (p PreferredDays) Allows(d Date) (bool, string) {
	if p[d.Weekday()] {
		return true, ""
	}
	return false, "the patient comes only on " + Weekdays(p).String()
}

// Holiday is a named date, such as a public holiday.
type Holiday struct {
	Date Date
	Name string
}

// Holidays are dates on which the clinic is closed for a holiday; Region
// names them in messages ("IT", "DE-BY").
type Holidays struct {
	Region string
	Days   []Holiday
}

// Allows implements [Constraint].
func (h Holidays) Allows(d Date) (bool, string) {
	if i := slices.IndexFunc(h.Days, func(x Holiday) bool { return x.Date == d }); i >= 0 {
		return false, fmt.Sprintf("%s is a public holiday in %s (%s)", d, h.Region, h.Days[i].Name)
	}
	return true, ""
}
