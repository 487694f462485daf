package ical

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// maxBusyOccurrences bounds the occurrences one calendar file may expand
// to, so that rules such as FREQ=MINUTELY can neither stall planning nor
// exhaust memory. A real calendar has a few thousand in ten years.
const maxBusyOccurrences = 100_000

// MaxBusyOccurrences is the bound on a patient's busy times, one file's or
// all of them together.
const MaxBusyOccurrences = maxBusyOccurrences

// maxBeforeWindow bounds the occurrences of one rule walked before the
// planning window (a rule with COUNT is walked from DTSTART): an event
// that repeats millions of times years ago is skipped with a note, not
// expanded for minutes, and never counts against the file's bound.
const maxBeforeWindow = 1_000_000

// errTooMany is returned once a file's occurrences pass the bound.
var errTooMany = errors.New("too many occurrences")

// budget counts the occurrences read from one file.
type budget struct{ left int }

func (b *budget) take() error {
	if b.left <= 0 {
		return errTooMany
	}
	b.left--
	return nil
}

// expandRule returns the starts of the rule's occurrences that overlap
// [from, to), for an event of length dur starting at start (DTSTART).
// Expansion does not walk from DTSTART: unless the rule has a COUNT, it
// starts one period of the rule before the window, with every default the
// rule takes from DTSTART (its day, weekday, hour, minute, second) made
// explicit, so that a daily rule from 2012 costs the same as one from last
// week.
func expandRule(value string, start time.Time, dur time.Duration, from, to time.Time, b *budget) ([]time.Time, error) {
	opt, err := rrule.StrToROptionInLocation(value, start.Location())
	if err != nil {
		return nil, err
	}
	if err := checkRule(opt); err != nil {
		return nil, err
	}
	if n := perPeriod(opt); n > maxBusyOccurrences {
		// rrule-go builds a whole period's occurrences before the first:
		// a yearly rule of every second is 31 million of them, gigabytes,
		// for a file the bound refuses anyway. With BYSETPOS the rule
		// keeps only a few of them: the file is not too busy, this rule
		// is only too costly to expand, and is skipped with a note.
		if len(opt.Bysetpos) > 0 {
			return nil, fmt.Errorf("BYSETPOS picks from up to %d times in each %s period, more than the %d supported", n, strings.ToLower(opt.Freq.String()), maxBusyOccurrences)
		}
		return nil, errTooMany
	}
	start = start.Truncate(time.Second)
	opt.Dtstart = start
	lower := from.Add(-dur)
	if !mayOccur(opt, start, lower, to) {
		return nil, nil
	}
	if opt.Count == 0 {
		fixDefaults(opt, start)
		opt.Dtstart = shiftedStart(opt, start, lower.Add(-48*time.Hour))
	}
	rule, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, err
	}
	var out []time.Time
	before := 0
	next := rule.Iterator()
	for {
		t, ok := next()
		if !ok || !t.Before(to) {
			return out, nil
		}
		if t.Before(lower) { // before the window: walked, not counted
			if before++; before > maxBeforeWindow {
				return nil, fmt.Errorf("it repeats more than %d times before the planning window", maxBeforeWindow)
			}
			continue
		}
		if err := b.take(); err != nil {
			return nil, err
		}
		if t.Before(start) { // before the real DTSTART: not an occurrence
			continue
		}
		if t.Add(dur).After(from) || (dur == 0 && !t.Before(from)) {
			out = append(out, t)
		}
	}
}

// perPeriod is the most occurrences one period of the rule can hold: its
// times of day (BYHOUR x BYMINUTE x BYSECOND) on each day of a period at a
// daily or coarser frequency.
func perPeriod(opt *rrule.ROption) int {
	if opt.Freq > rrule.DAILY {
		return 1 // hourly and finer: the bound counts them one by one
	}
	n := max(1, len(opt.Byhour)) * max(1, len(opt.Byminute)) * max(1, len(opt.Bysecond))
	switch opt.Freq {
	case rrule.YEARLY:
		return n * 366
	case rrule.MONTHLY:
		return n * 31
	case rrule.WEEKLY:
		return n * 7
	}
	return n
}

// checkRule refuses the rules whose expansion by rrule-go could run for
// minutes or forever without yielding: BYSETPOS at a daily or finer
// frequency, and times of day the interval never reaches.
func checkRule(opt *rrule.ROption) error {
	if opt.Interval <= 0 {
		opt.Interval = 1
	}
	if opt.Interval > 10_000 {
		return fmt.Errorf("INTERVAL=%d is too large", opt.Interval)
	}
	if len(opt.Bysetpos) > 0 && opt.Freq >= rrule.DAILY {
		return fmt.Errorf("BYSETPOS with FREQ=%v is not supported", opt.Freq)
	}
	if len(opt.Byweekno) > 0 && opt.Freq != rrule.YEARLY {
		return fmt.Errorf("BYWEEKNO is only allowed with FREQ=YEARLY")
	}
	return nil
}

// mayOccur reports whether some day in [lower, to) passes the rule's
// day filters (BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY with its ordinal in
// the month or year) and, below a daily frequency, whether its interval
// reaches a time of day its BYHOUR, BYMINUTE and BYSECOND allow: a rule
// that cannot occur would otherwise be searched until the year 9999.
func mayOccur(opt *rrule.ROption, start, lower, to time.Time) bool {
	if opt.Freq >= rrule.HOURLY && !reachable(opt, start) {
		return false
	}
	if !opt.Until.IsZero() && opt.Until.Before(lower) {
		return false
	}
	if len(opt.Bymonth)+len(opt.Bymonthday)+len(opt.Byyearday)+len(opt.Byweekday) == 0 {
		return true
	}
	if lower.Before(start) {
		lower = start
	}
	loc := start.Location()
	y, m, d := lower.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = to.In(loc).Date()
	last := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	for ; !day.After(last); day = day.AddDate(0, 0, 1) {
		if dayMatches(opt, day) {
			return true
		}
	}
	return false
}

func dayMatches(opt *rrule.ROption, day time.Time) bool {
	if len(opt.Bymonth) > 0 && !containsInt(opt.Bymonth, int(day.Month())) {
		return false
	}
	mlen := time.Date(day.Year(), day.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if len(opt.Bymonthday) > 0 && !containsInt(opt.Bymonthday, day.Day()) && !containsInt(opt.Bymonthday, day.Day()-mlen-1) {
		return false
	}
	ylen := time.Date(day.Year(), 12, 31, 0, 0, 0, 0, time.UTC).YearDay()
	if len(opt.Byyearday) > 0 && !containsInt(opt.Byyearday, day.YearDay()) && !containsInt(opt.Byyearday, day.YearDay()-ylen-1) {
		return false
	}
	if len(opt.Byweekday) == 0 {
		return true
	}
	inMonth := opt.Freq == rrule.MONTHLY || (opt.Freq == rrule.YEARLY && len(opt.Bymonth) > 0)
	for _, w := range opt.Byweekday {
		if w.Day() != (int(day.Weekday())+6)%7 {
			continue
		}
		n := w.N()
		if n == 0 || opt.Freq > rrule.MONTHLY {
			return true
		}
		pos, size := day.YearDay(), ylen
		if inMonth {
			pos, size = day.Day(), mlen
		}
		if (n > 0 && (pos-1)/7+1 == n) || (n < 0 && (size-pos)/7+1 == -n) {
			return true
		}
	}
	return false
}

// reachable reports whether an hourly, minutely or secondly rule reaches
// a time of day that its BYHOUR, BYMINUTE and BYSECOND allow: rrule-go
// loops forever looking for one otherwise.
func reachable(opt *rrule.ROption, start time.Time) bool {
	unit, day := 3600, 86400
	switch opt.Freq {
	case rrule.MINUTELY:
		unit = 60
	case rrule.SECONDLY:
		unit = 1
	}
	h, m, s := start.Clock()
	step := gcd(opt.Interval*unit, day)
	at := (h*3600 + m*60 + s) % step
	for t := at; t < day; t += step {
		if (len(opt.Byhour) == 0 || containsInt(opt.Byhour, t/3600)) &&
			(opt.Freq < rrule.MINUTELY || len(opt.Byminute) == 0 || containsInt(opt.Byminute, t/60%60)) &&
			(opt.Freq < rrule.SECONDLY || len(opt.Bysecond) == 0 || containsInt(opt.Bysecond, t%60)) {
			return true
		}
	}
	return false
}

// fixDefaults writes out the values rrule-go would take from DTSTART, so
// that the rule keeps them when expansion starts later.
func fixDefaults(opt *rrule.ROption, start time.Time) {
	if len(opt.Byweekno) == 0 && len(opt.Byyearday) == 0 && len(opt.Bymonthday) == 0 &&
		len(opt.Byweekday) == 0 && len(opt.Byeaster) == 0 {
		switch opt.Freq {
		case rrule.YEARLY:
			if len(opt.Bymonth) == 0 {
				opt.Bymonth = []int{int(start.Month())}
			}
			opt.Bymonthday = []int{start.Day()}
		case rrule.MONTHLY:
			opt.Bymonthday = []int{start.Day()}
		case rrule.WEEKLY:
			opt.Byweekday = []rrule.Weekday{[]rrule.Weekday{rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU}[(int(start.Weekday())+6)%7]}
		}
	}
	if len(opt.Byhour) == 0 && opt.Freq < rrule.HOURLY {
		opt.Byhour = []int{start.Hour()}
	}
	if len(opt.Byminute) == 0 && opt.Freq < rrule.MINUTELY {
		opt.Byminute = []int{start.Minute()}
	}
	if len(opt.Bysecond) == 0 && opt.Freq < rrule.SECONDLY {
		opt.Bysecond = []int{start.Second()}
	}
}

// shiftedStart is the start of the rule's period, on its interval's grid
// from DTSTART, at least one interval before lower (or DTSTART itself).
func shiftedStart(opt *rrule.ROption, start, lower time.Time) time.Time {
	if !lower.After(start) {
		return start
	}
	n := opt.Interval
	steps := func(k int) int { // whole intervals, one left as margin
		if k = k/n - 1; k < 0 {
			return 0
		}
		return k * n
	}
	loc := start.Location()
	lower = lower.In(loc)
	y, mo, d := start.Date()
	h, mi, s := start.Clock()
	span := lower.Sub(start)
	switch opt.Freq {
	case rrule.YEARLY:
		return time.Date(y+steps(lower.Year()-y), 1, 1, 0, 0, 0, 0, loc)
	case rrule.MONTHLY:
		k := steps((lower.Year()-y)*12 + int(lower.Month()) - int(mo))
		return time.Date(y, mo+time.Month(k), 1, 0, 0, 0, 0, loc)
	case rrule.WEEKLY:
		return time.Date(y, mo, d+7*steps(int(span/(7*24*time.Hour))), 0, 0, 0, 0, loc)
	case rrule.DAILY:
		return time.Date(y, mo, d+steps(int(span/(24*time.Hour))), 0, 0, 0, 0, loc)
	case rrule.HOURLY:
		return time.Date(y, mo, d, h+steps(int(span/time.Hour)), 0, 0, 0, loc)
	case rrule.MINUTELY:
		return time.Date(y, mo, d, h, mi+steps(int(span/time.Minute)), 0, 0, loc)
	default:
		return time.Date(y, mo, d, h, mi, s+steps(int(span/time.Second)), 0, loc)
	}
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
