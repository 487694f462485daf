package cmd

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// calendarView says how 'plan --format calendar' draws its months.
type calendarView struct {
	Color  bool // ANSI colours as well as the marks
	Sunday bool // weeks start on Sunday rather than Monday
	Words  *locale.Printer
}

// Marks of a day, readable without colour (in a CI log, printed): each
// has its own character, and a colour on a terminal.
const (
	markSession = "#" // a session
	markPrep    = "<" // a preparation rule applies for all or part of the day
	markAfter   = ">" // an aftercare rule does
	markBoth    = "=" // both
)

// ANSI colours of the marks (SGR codes).
var markColors = map[string]string{markSession: "1;7", markPrep: "33", markAfter: "36", markBoth: "35"}

// renderCalendar writes a plan as month grids, like cal(1), for every
// month from the first preparation day to the last aftercare day, each day
// marked as a session day, a preparation day, an aftercare day or both,
// with a legend.
func renderCalendar(w io.Writer, p *planner.Plan, width int, v calendarView) error {
	tr := v.Words
	loc := p.Zone.Location()
	marks := map[planner.Date]string{}
	mark := func(d planner.Date, m string) {
		switch old := marks[d]; {
		case old == markSession || m == markSession:
			marks[d] = markSession
		case old != "" && old != m:
			marks[d] = markBoth
		default:
			marks[d] = m
		}
	}
	first, last := planner.DateOf(p.Sessions[0].Start.In(loc)), planner.DateOf(p.Sessions[len(p.Sessions)-1].Start.In(loc))
	for _, win := range p.Windows {
		m := markPrep
		if win.Kind == planner.Aftercare {
			m = markAfter
		}
		from, to := planner.DateOf(win.Start.In(loc)), planner.DateOf(win.End.In(loc).Add(-time.Nanosecond))
		for d := from; !to.Before(d); d = d.AddDays(1) {
			mark(d, m)
		}
		first, last = minDate(first, from), maxDate(last, to)
	}
	for _, s := range p.Sessions {
		mark(planner.DateOf(s.Start.In(loc)), markSession)
	}
	var months []string
	for y, m := first.Year, first.Month; y < last.Year || (y == last.Year && m <= last.Month); {
		months = append(months, monthGrid(y, m, marks, v))
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	fmt.Fprintln(w, wrapText(printable(headline(p, tr)), width, "  ")) // free text: the colours are the only escapes
	fmt.Fprintln(w)
	const gridWidth = 27
	perRow := max(1, (width+3)/(gridWidth+3))
	for i := 0; i < len(months); i += perRow {
		if i > 0 {
			fmt.Fprintln(w)
		}
		row := months[i:min(i+perRow, len(months))]
		var cols [][]string
		height := 0
		for _, g := range row {
			lines := strings.Split(g, "\n")
			cols = append(cols, lines)
			height = max(height, len(lines))
		}
		for l := 0; l < height; l++ {
			var parts []string
			for _, c := range cols {
				cell := ""
				if l < len(c) {
					cell = c[l]
				}
				parts = append(parts, cell+strings.Repeat(" ", max(0, gridWidth-visibleWidth(cell))))
			}
			fmt.Fprintln(w, strings.TrimRight(strings.Join(parts, "   "), " "))
		}
	}
	fmt.Fprintln(w)
	for _, l := range []struct{ mark, key string }{
		{markSession, locale.CalSession}, {markPrep, locale.CalPrep}, {markAfter, locale.CalAfter}, {markBoth, locale.CalBoth},
	} {
		fmt.Fprintf(w, "  %s  %s\n", paint(l.mark, l.mark, v.Color), wrapText(tr.Sprintf(l.key), width-5, "     "))
	}
	fmt.Fprintf(w, "\n%s\n", wrapText(printable(p.Notice), width, ""))
	return nil
}

// monthGrid draws one month: its name, the weekdays, and a line a week,
// each day as its number and its mark.
func monthGrid(y int, m time.Month, marks map[planner.Date]string, v calendarView) string {
	tr := v.Words
	var b strings.Builder
	firstDay := time.Date(y, m, 1, 12, 0, 0, 0, time.UTC)
	b.WriteString(tr.Date(firstDay, locale.MonthYear) + "\n")
	start := time.Monday
	if v.Sunday {
		start = time.Sunday
	}
	var heads []string
	for i := range 7 {
		d := firstDay.AddDate(0, 0, (int(start)-int(firstDay.Weekday())+7)%7+i)
		heads = append(heads, runewidth.Truncate(tr.Date(d, locale.Weekday), 3, ""))
	}
	for i, h := range heads {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(h + strings.Repeat(" ", max(0, 3-runewidth.StringWidth(h))))
	}
	b.WriteByte('\n')
	offset := (int(firstDay.Weekday()) - int(start) + 7) % 7
	b.WriteString(strings.Repeat("    ", offset))
	col := offset
	for d := 1; d <= time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day(); d++ {
		mk := marks[planner.Date{Year: y, Month: m, Day: d}]
		cell := fmt.Sprintf("%2d", d)
		if mk != "" {
			cell = paint(cell+mk, mk, v.Color)
		} else {
			cell += " "
		}
		if col > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(cell)
		if col++; col == 7 && d < time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day() {
			b.WriteByte('\n')
			col = 0
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// paint colours text for mark when colour is on.
func paint(text, mark string, color bool) string {
	if !color {
		return text
	}
	return "\x1b[" + markColors[mark] + "m" + text + "\x1b[0m"
}

// visibleWidth is the display width of s without its ANSI colour codes.
func visibleWidth(s string) int {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return runewidth.StringWidth(b.String())
}

func minDate(a, b planner.Date) planner.Date {
	if b.Before(a) {
		return b
	}
	return a
}

func maxDate(a, b planner.Date) planner.Date {
	if a.Before(b) {
		return b
	}
	return a
}
