package handout

import (
	"time"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// words are every word, mark and date layout a handout prints, in the
// plan's language: the template and the code around it hold none of their
// own. Texts without values are translated when the words are made; the
// others are message keys, formatted with their values by tr. (Its fields
// are exported for the template to read them, not for other packages.)
type words struct {
	tr   *locale.Printer
	Lang string // the language's BCP 47 tag, for <html lang>

	// WeekHeads head the columns of a month grid, Monday first.
	WeekHeads [7]string

	// Date layouts (locale's): DateTime is the patient calendar's, so that
	// the handout and the calendar say a time the same way.
	DateTime   string // an item's start or end
	Date       string // a day
	SessionAt  string // a session in its checklist's heading
	Clock      string // a time of day
	MonthTitle string // a month grid's title

	Title        string // key: the treatment's title: the heading
	TitlePatient string // key: the heading, then the patient's name: the document's title
	ForPatient   string // key: the patient's name
	MadeOn       string // key: the date the handout was made
	Clinic       string // the heading of the clinic's box
	Phone        string // label
	Email        string // label
	Web          string // label
	Glance       string // section heading
	Sessions     string // key: a count of sessions
	Maintenances string // key: a count of maintenance sessions
	And          string // key: two counts
	CourseFromTo string // key: the counts, the first and the last date
	CourseOn     string // key: the counts, the one date
	Length       string // key: the minutes a session lasts
	Zone         string // key: the time zone's name
	ColNumber    string // session table column
	ColDate      string // session table column
	ColTime      string // session table column
	ColPhase     string // session table column
	TimeRange    string // key: a session's start and end clocks
	Maintenance  string // the label of a maintenance session
	Afterwards   string // the heading of what follows the course
	Recall       string // key: the recall date, then the span after the last session
	Repeat       string // key: the repeat date, then the span after the last session
	MaintOne     string // key: the one maintenance session
	MaintMany    string // key: the first and last maintenance sessions
	CostHeading  string
	CostLine     string // key: the count of sessions, the price of one, the total
	Amount       string // key: a price: the number, the currency
	AmountRange  string // key: a price range: min, max, the currency
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
	SessionHead   string // key: session number, then its date and time
	Before        string // sub-heading
	After         string // sub-heading
	NothingBefore string
	NothingAfter  string
	PrepItem      string // key: start, summary
	PrepUntil     string // key: start, last session, end, summary
	AfterItem     string // key: end, summary
	AfterUntil    string // key: end, last session, summary
}

// newWords returns the handout's words in tr's language, worded as the
// patient calendar is.
func newWords(tr *locale.Printer) *words {
	t := func(key string) string { return tr.Sprintf(key) }
	w := &words{
		tr:   tr,
		Lang: tr.Tag(),

		DateTime:   locale.DateTime,
		Date:       locale.Date,
		SessionAt:  locale.SessionAt,
		Clock:      locale.Clock,
		MonthTitle: locale.MonthYear,

		Title:        locale.HandoutTitle,
		TitlePatient: locale.HandoutTitleFor,
		ForPatient:   locale.HandoutFor,
		MadeOn:       locale.HandoutMadeOn,
		Clinic:       t(locale.HandoutClinic),
		Phone:        t(locale.HandoutPhone),
		Email:        t(locale.HandoutEmail),
		Web:          t(locale.HandoutWeb),
		Glance:       t(locale.HandoutGlance),
		Sessions:     locale.Sessions,
		Maintenances: locale.MaintenanceSessions,
		And:          locale.CountAnd,
		CourseFromTo: locale.CourseFromTo,
		CourseOn:     locale.CourseOn,
		Length:       locale.SessionLasts,
		Zone:         locale.TimeZoneLine,
		ColNumber:    t(locale.ColNumber),
		ColDate:      t(locale.ColDate),
		ColTime:      t(locale.ColTime),
		ColPhase:     t(locale.ColPhase),
		TimeRange:    locale.TimeRange,
		Maintenance:  t(locale.MaintenanceLabel),
		Afterwards:   t(locale.AfterTheCourse),
		Recall:       locale.RecallSentence,
		Repeat:       locale.RepeatSentence,
		MaintOne:     locale.OneMaintenance,
		MaintMany:    locale.ManyMaintenance,
		CostHeading:  t(locale.CostHeading),
		CostLine:     locale.CostLine,
		Amount:       locale.Amount,
		AmountRange:  locale.AmountRange,
		CostNote:     t(locale.CostNote),

		Calendar:     t(locale.MonthByMonth),
		CalendarNote: t(locale.CalendarNote),
		NoGrids:      t(locale.NoGrids),
		SessionMark:  "●",
		PrepMark:     t(locale.PrepMark),
		AfterMark:    t(locale.AfterMark),
		LegendTitle:  t(locale.LegendTitle),
		LegendSess:   t(locale.LegendSession),
		LegendPrep:   t(locale.LegendPrep),
		LegendAfter:  t(locale.LegendAfter),
		LegendBoth:   t(locale.LegendBoth),

		Checklists:    t(locale.ChecklistsHeading),
		ChecklistNote: t(locale.ChecklistNote),
		Checkbox:      "☐",
		SessionHead:   locale.SessionHeading,
		Before:        t(locale.BeforeHeading),
		After:         t(locale.AfterHeading),
		NothingBefore: t(locale.NothingBefore),
		NothingAfter:  t(locale.NothingAfter),
		PrepItem:      locale.FromTime,
		PrepUntil:     locale.FromUntilSession,
		AfterItem:     locale.UntilTime,
		AfterUntil:    locale.UntilAfterSession,
	}
	monday := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC) // a Monday
	for i := range w.WeekHeads {
		w.WeekHeads[i] = tr.Date(monday.AddDate(0, 0, i), locale.Weekday)
	}
	return w
}

// sprintf formats the message key with its values in the words' language.
func (w *words) sprintf(key string, args ...any) string { return w.tr.Sprintf(key, args...) }

// format writes t with one of locale's date layouts.
func (w *words) format(t time.Time, layout string) string { return w.tr.Date(t, layout) }

// formatDate writes a calendar date with a date layout, as noon that day.
func (w *words) formatDate(d planner.Date, layout string) string {
	return w.format(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC), layout)
}

// span writes a span in words: "6 months".
func (w *words) span(s planner.Span) string { return w.tr.Span(s) }
