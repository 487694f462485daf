// Package holidays names the public holidays of a country or region, for
// the clinic's calendar. The dates come from github.com/rickar/cal/v2, a
// maintained library of holiday rules (Easter-based, nth-weekday and
// observed-on-Monday rules included), rather than from tables of our own
// that would go stale.
package holidays

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickar/cal/v2"

	"github.com/mesoplan/mesoplan/planner"
)

// Regions lists the region codes known, sorted: "AT", "DE", "DE-BY", …
func Regions() []string {
	table := regionTable()
	codes := make([]string, 0, len(table))
	for code := range table {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return codes
}

// Lookup resolves a region code, ignoring case ("it", "de-by"). An unknown
// code is an error naming the known ones, with a suggestion for a near miss.
func Lookup(code string) (string, error) {
	key := strings.ToUpper(strings.TrimSpace(code))
	if _, ok := regionTable()[key]; ok {
		return key, nil
	}
	var countries []string
	for _, r := range Regions() {
		if !strings.Contains(r, "-") {
			countries = append(countries, r)
		}
	}
	e := &planner.InputError{Value: code,
		Msg:  fmt.Sprintf("unknown holiday region %q (countries: %s; regions such as DE-BY)", code, strings.Join(countries, ", ")),
		Hint: "run 'mesoplan holidays list' for every region, or use none for no public holidays"}
	if s := planner.Suggest(strings.ToLower(key), lowerAll(Regions())); s != "" {
		e.Hint = fmt.Sprintf("did you mean %q? %s", strings.ToUpper(s), e.Hint)
	}
	return "", e
}

// InYear returns the region's public holidays in year, by date. A holiday
// that falls on a weekend and is observed on a weekday appears on both.
func InYear(region string, year int) []planner.Holiday {
	var out []planner.Holiday
	for _, h := range regionTable()[region] {
		if h.Type != cal.ObservancePublic && h.Type != cal.ObservanceBank {
			continue
		}
		actual, observed := h.Calc(year)
		for _, t := range []struct {
			at   planner.Date
			name string
		}{{planner.DateOf(actual), h.Name}, {planner.DateOf(observed), h.Name + " (observed)"}} {
			if t.at.Year != year || slices.ContainsFunc(out, func(x planner.Holiday) bool { return x.Date == t.at }) {
				continue
			}
			out = append(out, planner.Holiday{Date: t.at, Name: t.name})
		}
	}
	slices.SortFunc(out, func(a, b planner.Holiday) int { return a.Date.DaysUntil(b.Date) * -1 })
	return out
}

// Between returns the region's holidays from one year to another, as a
// constraint for placement.
func Between(region string, fromYear, toYear int) planner.Holidays {
	h := planner.Holidays{Region: region}
	for y := fromYear; y <= toYear; y++ {
		h.Days = append(h.Days, InYear(region, y)...)
	}
	return h
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}
