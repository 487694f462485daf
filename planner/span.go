package planner

import (
	"fmt"
	"strings"
	"time"
)

// Unit is the unit of a [Span]. Calendar units (days, weeks, months) are
// counted on the plan's wall calendar; hours are elapsed time.
type Unit int

// The units a [Span] may have.
const (
	Hours Unit = iota + 1
	Days
	Weeks
	Months
	Minutes
)

var unitSuffix = map[Unit]string{Minutes: "m", Hours: "h", Days: "d", Weeks: "w", Months: "mo"}

var unitWord = map[Unit]string{Minutes: "minute", Hours: "hour", Days: "day", Weeks: "week", Months: "month"}

// Span is a length of time with its unit kept: "7d" and "168h" are different
// spans, because 7 calendar days across a daylight-saving change are 167 or
// 169 hours.
type Span struct {
	N    int
	Unit Unit
}

// maxSpan bounds every span, so that no input can make date arithmetic
// overflow or a window cover centuries: ten years in any unit.
var maxSpan = map[Unit]int{Minutes: 10 * 366 * 24 * 60, Hours: 10 * 366 * 24, Days: 10 * 366, Weeks: 10 * 53, Months: 120}

// ParseSpan parses a span written as a positive whole number and a unit:
// "30m" (minutes), "24h" (hours), "7d" (days), "2w" (weeks) or "6mo"
// (months).
func ParseSpan(s string) (Span, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	num, suffix := t[:i], t[i:]
	var unit Unit
	for u, suf := range unitSuffix {
		if suffix == suf {
			unit = u
		}
	}
	if num == "" || unit == 0 || len(num) > 7 {
		return Span{}, fmt.Errorf("invalid duration %q: want a whole number and a unit m, h, d, w or mo, e.g. 30m, 48h, 7d, 2w, 6mo", s)
	}
	n, _ := atoiDigits(num)
	if n <= 0 {
		return Span{}, fmt.Errorf("invalid duration %q: must be greater than zero", s)
	}
	if n > maxSpan[unit] {
		return Span{}, fmt.Errorf("invalid duration %q: longer than ten years", s)
	}
	return Span{N: n, Unit: unit}, nil
}

// String formats the span as it is parsed, e.g. "7d".
func (s Span) String() string { return fmt.Sprintf("%d%s", s.N, unitSuffix[s.Unit]) }

// Words formats the span for people, e.g. "7 days" or "24 hours".
func (s Span) Words() string {
	w := unitWord[s.Unit]
	if s.N != 1 {
		w += "s"
	}
	return fmt.Sprintf("%d %s", s.N, w)
}

// Adjective formats the span before a noun: "72-hour", "7-day".
func (s Span) Adjective() string { return fmt.Sprintf("%d-%s", s.N, unitWord[s.Unit]) }

// IsZero reports whether s is the zero Span.
func (s Span) IsZero() bool { return s == Span{} }

// AddTo returns t moved forward by the span (backward when sign < 0).
// Calendar units keep the wall-clock time in t's location.
func (s Span) AddTo(t time.Time, sign int) time.Time {
	n := s.N * sign
	switch s.Unit {
	case Minutes:
		return t.Add(time.Duration(n) * time.Minute)
	case Hours:
		return t.Add(time.Duration(n) * time.Hour)
	case Days:
		return t.AddDate(0, 0, n)
	case Weeks:
		return t.AddDate(0, 0, 7*n)
	case Months:
		// Clamp to the target month's last day: one month before 31 March
		// is 28 February, not 3 March as AddDate would normalise it.
		y, m, d := t.Date()
		if last := daysIn(m+time.Month(n), y); d > last {
			d = last
		}
		return time.Date(y, m+time.Month(n), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	}
	return t
}

// MarshalText encodes the span as in [ParseSpan].
func (s Span) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a span written as in [ParseSpan].
func (s *Span) UnmarshalText(b []byte) error {
	v, err := ParseSpan(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
