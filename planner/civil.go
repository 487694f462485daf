package planner

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date with no time zone: the date a practitioner types.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date written as YYYY-MM-DD and rejects dates that do not
// exist, such as 2027-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD, e.g. 2027-01-12", s)
	}
	y, err1 := atoiDigits(s[0:4])
	m, err2 := atoiDigits(s[5:7])
	d, err3 := atoiDigits(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD, e.g. 2027-01-12", s)
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, fmt.Errorf("invalid date %q: no such day in the calendar", s)
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, nil
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses a date written as YYYY-MM-DD; see [ParseDate].
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// AddDays returns the date n calendar days after d (before it when n < 0).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// DaysUntil returns the number of calendar days from d to e.
func (d Date) DaysUntil(e Date) int {
	return e.dayNumber() - d.dayNumber()
}

// dayNumber counts days since 1970-01-01 in the proleptic Gregorian
// calendar, in integers: time.Duration would overflow across 292 years.
// (The algorithm is Howard Hinnant's days_from_civil.)
func (d Date) dayNumber() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool { return d.DaysUntil(e) > 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Clock is a wall-clock time of day, to the minute.
type Clock struct {
	Hour, Minute int
}

// ParseClock parses a time of day written as HH:MM (24-hour clock).
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return Clock{}, fmt.Errorf("invalid time %q: want HH:MM on a 24-hour clock, e.g. 09:30", s)
	}
	hh, err1 := atoiDigits(h)
	mm, err2 := atoiDigits(m)
	if err1 != nil || err2 != nil || hh > 23 || mm > 59 {
		return Clock{}, fmt.Errorf("invalid time %q: want HH:MM on a 24-hour clock, 00:00 to 23:59", s)
	}
	return Clock{Hour: hh, Minute: mm}, nil
}

// String formats the clock as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// At returns the instant at which the wall clock in loc shows clock c on date
// d. A wall-clock time that does not exist on that date (skipped by a
// daylight-saving change) is an error; one that occurs twice (repeated when
// the clocks go back) resolves to the earlier instant, which Make refuses
// for a session (see [ClockRepeatError]) but quiet hours may use.
func At(d Date, c Clock, loc *time.Location) (time.Time, error) {
	t := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, loc)
	if DateOf(t) != d || t.Hour() != c.Hour || t.Minute() != c.Minute {
		return time.Time{}, &ClockGapError{Date: d, Clock: c, Zone: loc.String()}
	}
	// time.Date does not say which of two repeated instants it picks; take
	// the earlier one ourselves.
	for _, back := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		e := t.Add(-back)
		if DateOf(e) == d && e.Hour() == c.Hour && e.Minute() == c.Minute {
			return e, nil
		}
	}
	return t, nil
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// atoiDigits converts a string of ASCII digits only (no sign, no spaces).
func atoiDigits(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("empty number")
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not a number: %q", s)
		}
	}
	return strconv.Atoi(s)
}

// RepeatedWallTime reports whether the wall-clock time of t also names
// another instant in t's zone: the hour repeated when the clocks go back.
//
// The instants d = 30 minutes, an hour and two hours either side are
// compared by their offsets: t + d shows t's wall clock exactly when its
// offset is d less than t's (no formatting: a calendar asks for every
// event).
func RepeatedWallTime(t time.Time) bool {
	_, off := t.Zone()
	for _, d := range [...]time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		secs := int(d / time.Second)
		if _, o := t.Add(d).Zone(); o-off == -secs {
			return true
		}
		if _, o := t.Add(-d).Zone(); o-off == secs {
			return true
		}
	}
	return false
}
