package handout

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mesoplan/mesoplan/planner"
)

// words are every word, mark and date layout a handout prints, in one
// language: the template and the code around it hold none of their own, so
// that another language is one more value of this type. (Its fields are
// exported for the template to read them, not for other packages.)
//
// A format is a fmt format whose verbs are given in the order the comment
// says. A pair is a format for one and one for more, chosen by a count.
// A date layout is text with these verbs: %a the weekday's short name, %d
// the day of the month, %b the month's short name, %B its full name, %Y the
// year, %H the hour (00-23), %M the minute, %% a percent sign.
type words struct {
	Lang string // the language's BCP 47 tag, for <html lang>

	// Names for the date layouts, Sunday first as time.Weekday counts.
	Weekdays   [7]string
	Months     [12]string // short names
	MonthNames [12]string // full names
	// WeekHeads head the columns of a month grid, Monday first.
	WeekHeads [7]string

	// Date layouts. DateTime is the patient calendar's, so that the
	// handout and the calendar say a time the same way.
	DateTime   string // an item's start or end
	Date       string // a day
	SessionAt  string // a session in its checklist's heading
	Clock      string // a time of day
	MonthTitle string // a month grid's title

	Title        string    // the treatment's title: the heading
	TitlePatient string    // the heading, then the patient's name: the document's title
	ForPatient   string    // the patient's name
	MadeOn       string    // the date the handout was made
	Clinic       string    // the heading of the clinic's box
	Phone        string    // label
	Email        string    // label
	Web          string    // label
	Glance       string    // section heading
	Sessions     [2]string // a count of sessions
	Maintenances [2]string // a count of maintenance sessions
	And          string    // two counts
	CourseFromTo string    // the counts, the first and the last date
	CourseOn     string    // the counts, the one date
	Length       [2]string // the minutes a session lasts
	Zone         string    // the time zone's name
	ColNumber    string    // session table column
	ColDate      string    // session table column
	ColTime      string    // session table column
	ColPhase     string    // session table column
	TimeRange    string    // a session's start and end clocks
	Maintenance  string    // the label of a maintenance session
	Afterwards   string    // the heading of what follows the course
	Recall       string    // the recall date, then the span after the last session
	Repeat       string    // the repeat date, then the span after the last session
	MaintSession [2]string // which sessions are maintenance: first, (last)
	Units        map[planner.Unit][2]string
	CostHeading  string
	CostLine     string // the count of sessions, the price of one, the total
	Amount       string // a price: the number, the currency
	AmountRange  string // a price range: min, max, the currency
	CostNote     string

	Calendar     string // section heading
	CalendarNote string
	NoGrids      string // when the course has no day to mark
	SessionMark  string // a session's mark, before its time
	PrepMark     string // a preparation day's mark
	AfterMark    string // an aftercare day's mark
	LegendTitle  string
	LegendSess   string
	LegendPrep   string
	LegendAfter  string
	LegendBoth   string

	Checklists    string // section heading
	ChecklistNote string
	Checkbox      string // the box before an item
	SessionHead   string // session number, then its date and time
	Before        string // sub-heading
	After         string // sub-heading
	NothingBefore string
	NothingAfter  string
	PrepItem      string // start, summary
	PrepUntil     string // start, last session, end, summary
	AfterItem     string // end, summary
	AfterUntil    string // end, last session, summary
}

// english is the handout in English, worded as the patient calendar is.
var english = &words{
	Lang:       "en",
	Weekdays:   [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	Months:     [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	MonthNames: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	WeekHeads:  [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},

	DateTime:   "%a %d %b %Y %H:%M",
	Date:       "%a %d %b %Y",
	SessionAt:  "%a %d %b %Y, %H:%M",
	Clock:      "%H:%M",
	MonthTitle: "%B %Y",

	Title:        "%s course plan",
	TitlePatient: "%s — %s",
	ForPatient:   "For %s",
	MadeOn:       "Made on %s.",
	Clinic:       "Your clinic",
	Phone:        "Phone",
	Email:        "E-mail",
	Web:          "Web",
	Glance:       "Your course at a glance",
	Sessions:     [2]string{"%d session", "%d sessions"},
	Maintenances: [2]string{"%d maintenance session", "%d maintenance sessions"},
	And:          "%s and %s",
	CourseFromTo: "%s, from %s to %s.",
	CourseOn:     "%s, on %s.",
	Length:       [2]string{"Each session lasts %d minute.", "Each session lasts %d minutes."},
	Zone:         "All times are in the %s time zone.",
	ColNumber:    "#",
	ColDate:      "Date",
	ColTime:      "Time",
	ColPhase:     "Phase",
	TimeRange:    "%s–%s",
	Maintenance:  "maintenance",
	Afterwards:   "After the course",
	Recall:       "Maintenance recall: on or after %s (%s after the last session).",
	Repeat:       "Repeat the course: from %s (%s after the last session).",
	MaintSession: [2]string{"Session %d is a maintenance session.", "Sessions %d to %d are maintenance sessions."},
	Units: map[planner.Unit][2]string{
		planner.Minutes: {"%d minute", "%d minutes"},
		planner.Hours:   {"%d hour", "%d hours"},
		planner.Days:    {"%d day", "%d days"},
		planner.Weeks:   {"%d week", "%d weeks"},
		planner.Months:  {"%d month", "%d months"},
	},
	CostHeading: "Estimated cost",
	CostLine:    "%s × %s: %s",
	Amount:      "%d %s",
	AmountRange: "%d-%d %s",
	CostNote:    "An estimate: the clinic confirms the price.",

	Calendar:     "Month by month",
	CalendarNote: "Each day shows what applies on it, in local time.",
	NoGrids:      "No day of the course to show.",
	SessionMark:  "●",
	PrepMark:     "P",
	AfterMark:    "A",
	LegendTitle:  "Key",
	LegendSess:   "session day, bold box, with the session's time",
	LegendPrep:   "preparation day, with diagonal lines: a rule before a session applies for all or part of the day",
	LegendAfter:  "aftercare day, with dots: a rule after a session applies for all or part of the day",
	LegendBoth:   "a preparation and an aftercare day",

	Checklists:    "Before and after each session",
	ChecklistNote: "Tick each item off as you follow it. Each rule before a session starts at the time given and lasts until the session; each rule after a session lasts from the session until the time given.",
	Checkbox:      "☐",
	SessionHead:   "Session %d — %s",
	Before:        "Before",
	After:         "After",
	NothingBefore: "Nothing new starts before this session.",
	NothingAfter:  "Nothing new after this session.",
	PrepItem:      "From %s: %s.",
	PrepUntil:     "From %s until session %d on %s: %s.",
	AfterItem:     "Until %s: %s.",
	AfterUntil:    "Until %s (after session %d): %s.",
}

// format writes t with a date layout; see [words].
func (w *words) format(t time.Time, layout string) string {
	var b strings.Builder
	for i := 0; i < len(layout); i++ {
		c := layout[i]
		if c != '%' || i+1 == len(layout) {
			b.WriteByte(c)
			continue
		}
		i++
		switch layout[i] {
		case 'a':
			b.WriteString(w.Weekdays[t.Weekday()])
		case 'd':
			b.WriteString(strconv.Itoa(t.Day()))
		case 'b':
			b.WriteString(w.Months[t.Month()-1])
		case 'B':
			b.WriteString(w.MonthNames[t.Month()-1])
		case 'Y':
			b.WriteString(strconv.Itoa(t.Year()))
		case 'H':
			fmt.Fprintf(&b, "%02d", t.Hour())
		case 'M':
			fmt.Fprintf(&b, "%02d", t.Minute())
		default:
			b.WriteByte('%')
			if layout[i] != '%' {
				b.WriteByte(layout[i])
			}
		}
	}
	return b.String()
}

// formatDate writes a calendar date with a date layout, as noon that day.
func (w *words) formatDate(d planner.Date, layout string) string {
	return w.format(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC), layout)
}

// count writes n with a pair of formats: the first for one, the second for
// any other number.
func count(pair [2]string, n int) string {
	if n == 1 {
		return fmt.Sprintf(pair[0], n)
	}
	return fmt.Sprintf(pair[1], n)
}

// span writes a span in words: "6 months".
func (w *words) span(s planner.Span) string {
	pair, ok := w.Units[s.Unit]
	if !ok {
		return s.String()
	}
	return count(pair, s.N)
}
