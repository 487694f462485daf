package locale

import "github.com/mesoplan/mesoplan/planner"

// The messages mesoplan writes for patients, as English format strings
// (fmt verbs, "%[2]s" to name an argument): each is the key of its
// translations in a catalog language's messages.
const (
	// Calendar.
	CalendarName       = "%[1]s course"
	CalendarNameFor    = "%[1]s course — %[2]s"
	SessionTitle       = "%[1]s session %[2]d of %[3]d"
	MaintenanceTitle   = "%[1]s maintenance session %[2]d"
	SessionName        = "%[1]s session %[2]d"
	SessionReminder    = "%[1]s: %[2]s"
	SessionWithPhase   = "%[1]s, session %[2]d of %[3]d (%[4]s phase)."
	MaintenanceInPhase = "%[1]s, maintenance session %[2]d (%[3]s phase)."
	SessionLine        = "%[1]s, session %[2]d of %[3]d."
	MaintenanceLine    = "%[1]s, maintenance session %[2]d."
	PatientLine        = "Patient: %[1]s."
	DaysAfter          = "%[1]d days after session %[2]d."
	BeforeThisSession  = "Before this session:"
	AfterThisSession   = "After this session:"
	FromItem           = "- from %[1]s: %[2]s"
	UntilItem          = "- until %[1]s: %[2]s"
	YourClinic         = "Your clinic:"
	Phone              = "Phone: %[1]s"
	Email              = "E-mail: %[1]s"
	Web                = "Web: %[1]s"
	ClinicNotes        = "Clinic notes:"
	PreparationPointer = "Preparation from %[1]s: see \"%[2]s\"."
	AftercarePointer   = "Aftercare until %[1]s: see \"%[2]s\"."
	BeforeTitle        = "Before %[1]s"
	AfterTitle         = "After %[1]s"
	BeforeYour         = "Before your %[1]s on %[2]s:"
	AfterYour          = "After your %[1]s on %[2]s:"
	FromUntilSession   = "From %[1]s until session %[2]d on %[3]s: %[4]s."
	FromTime           = "From %[1]s: %[2]s."
	UntilAfterSession  = "Until %[1]s (after session %[2]d): %[3]s."
	UntilTime          = "Until %[1]s: %[2]s."
	UntilYourSession   = "your session on %[1]s"
	UntilSessionN      = "session %[1]d on %[2]s"
	FromNowUntil       = "From now until %[1]s: %[2]s"
	WindowBefore       = "%[1]s (before %[2]s)"
	WindowAfter        = "%[1]s (after %[2]s)"
	WindowSpan         = "From %[1]s until %[2]s (%[3]s %[4]s of your %[5]s course)."
	Before             = "before"
	After              = "after"
	SessionN           = "session %[1]d"
	SessionsNtoM       = "sessions %[1]d–%[2]d"
	FromNowWindow      = "From now: %[1]s until your session on %[2]s"
	RecallTitle        = "%[1]s: time to book a maintenance session"
	RepeatTitle        = "%[1]s: time to repeat the course"
	RecallLine         = "%[1]s: time to book a maintenance session."
	RepeatLine         = "%[1]s: time to repeat the course."
	Mesotherapy        = "Mesotherapy"
	Preparation        = "Preparation"
	Aftercare          = "Aftercare"
	Cancelled          = "Cancelled: %[1]s"
	Sessions           = "%[1]d sessions"
	StillUntilSession  = "Still in force: %[1]s, until session %[2]d on %[3]s."
	StillUntil         = "Still in force: %[1]s, until %[2]s."
	PreparationBegins  = "Preparation for %[1]s begins on these days (see \"%[2]s\"):"

	// Plan tables and Markdown.
	TableSessions      = "Sessions"
	ColDate            = "Date"
	ColDay             = "Day"
	ColTime            = "Time"
	ColPhase           = "Phase"
	ColDaysSince       = "Days since previous"
	ColMoved           = "Moved"
	MovedFrom          = "from %[1]s: %[2]s"
	TablePreparation   = "Preparation (before sessions)"
	TableAftercare     = "Aftercare (after sessions)"
	ColFrom            = "From"
	ColUntil           = "Until"
	ColSessions        = "Sessions"
	ColWhat            = "What to avoid"
	PlusMaintenance    = " + %[1]d maintenance"
	OnDate             = ", on %[1]s"
	DateToDate         = ", %[1]s to %[2]s"
	MinutesEach        = ", %[1]d min each, times in %[2]s"
	MaintenancePlanned = "%[1]d maintenance sessions are planned above (phase \"maintenance\")."
	RecallOn           = "Recall on or after %[1]s (%[2]s after the last session)."
	RepeatFrom         = "Repeat the course from %[1]s (%[2]s after the last session)."
	Amount             = "%[1]d %[2]s"
	AmountRange        = "%[1]d-%[2]d %[3]s"
	CostLine           = "%[1]s × %[2]s: %[3]s"
	ClinicLine         = "Clinic: %[1]s"
	None               = "none"
	MaintenanceHeading = "Maintenance"
	CostHeading        = "Estimated cost"
	WarningsHeading    = "Warnings"
	CalSession         = "a session"
	CalPrep            = "preparation: a rule before a session applies on that day"
	CalAfter           = "aftercare: a rule after a session applies on that day"
	CalBoth            = "preparation and aftercare on the same day"
	ShortWithoutBreak  = "Without a break: %[1]s, from %[2]s to %[3]s (sessions %[4]s)."
	ShortExactDates    = "Every date and time: plan --detail, the calendar (mesoplan export) or the handout."
	Days               = "%[1]d days"
	Weeks              = "%[1]d weeks"
	Months             = "%[1]d months"
	Hours              = "%[1]d hours"
	Minutes            = "%[1]d minutes"

	// Date layouts, in Go's reference time: a language may reorder them;
	// "Mon" and "Jan" stand for its short names of weekdays and months.
	DateTime = "Mon 2 Jan 2006 15:04"
	// TableDateTime is the form of instants in tables: the ISO date with
	// its weekday.
	TableDateTime = "Mon 2006-01-02 15:04"
	// Weekday is the short name of a day alone.
	Weekday = "Mon"
	DayTime = "Mon 2 Jan 15:04"
	Date    = "Mon 2 Jan 2006"
	// MonthYear is not a layout but names a month and its year, from the
	// messages "January %[1]s" to "December %[1]s".
	MonthYear = "January 2006"
)

// Layouts are the date layouts [Printer.Date] takes.
var Layouts = []string{DateTime, TableDateTime, DayTime, Date, Weekday, MonthYear, SessionAt, Clock}

var monthYears = [...]string{"January %[1]s", "February %[1]s", "March %[1]s", "April %[1]s", "May %[1]s", "June %[1]s",
	"July %[1]s", "August %[1]s", "September %[1]s", "October %[1]s", "November %[1]s", "December %[1]s"}

// Keys are every message a patient may read, date layouts and names
// included; a complete language translates each.
var Keys = append([]string{
	CalendarName, CalendarNameFor, SessionTitle, MaintenanceTitle, SessionName, SessionReminder,
	SessionWithPhase, MaintenanceInPhase, SessionLine, MaintenanceLine, PatientLine, DaysAfter,
	BeforeThisSession, AfterThisSession, FromItem, UntilItem, YourClinic, Phone, Email, Web, ClinicNotes,
	PreparationPointer, AftercarePointer, BeforeTitle, AfterTitle, BeforeYour, AfterYour,
	FromUntilSession, FromTime, UntilAfterSession, UntilTime, UntilYourSession, UntilSessionN, FromNowUntil,
	WindowBefore, WindowAfter, WindowSpan, Before, After, SessionN, SessionsNtoM, FromNowWindow,
	RecallTitle, RepeatTitle, RecallLine, RepeatLine, Mesotherapy, Preparation, Aftercare, Cancelled, Sessions, StillUntilSession, StillUntil, PreparationBegins,
	TableSessions, ColDate, ColDay, ColTime, ColPhase, ColDaysSince, ColMoved, MovedFrom, TablePreparation, TableAftercare,
	ColFrom, ColUntil, ColWhat, PlusMaintenance, OnDate, DateToDate, MinutesEach, MaintenancePlanned, RecallOn, RepeatFrom,
	Amount, AmountRange, CostLine, ClinicLine, None, MaintenanceHeading, CostHeading, WarningsHeading,
	ShortWithoutBreak, ShortExactDates, CalSession, CalPrep, CalAfter, CalBoth,
	Days, Weeks, Months, Hours, Minutes,
	planner.Notice,
	DateTime, TableDateTime, DayTime, Date,
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
}, append(monthYears[:], handoutKeys...)...)

// The handout's messages (package handout).
const (
	HandoutTitle        = "%[1]s course plan"
	HandoutTitleFor     = "%[1]s — %[2]s"
	HandoutFor          = "For %[1]s"
	HandoutMadeOn       = "Made on %[1]s."
	HandoutClinic       = "Your clinic"
	HandoutPhone        = "Phone"
	HandoutEmail        = "E-mail"
	HandoutWeb          = "Web"
	HandoutGlance       = "Your course at a glance"
	MaintenanceSessions = "%[1]d maintenance sessions"
	CountAnd            = "%[1]s and %[2]s"
	CourseFromTo        = "%[1]s, from %[2]s to %[3]s."
	CourseOn            = "%[1]s, on %[2]s."
	SessionLasts        = "Each session lasts %[1]d minutes."
	TimeZoneLine        = "All times are in the %[1]s time zone."
	ColNumber           = "#"
	TimeRange           = "%[1]s–%[2]s"
	MaintenanceLabel    = "maintenance"
	AfterTheCourse      = "After the course"
	RecallSentence      = "Maintenance recall: on or after %[1]s (%[2]s after the last session)."
	RepeatSentence      = "Repeat the course: from %[1]s (%[2]s after the last session)."
	OneMaintenance      = "Session %[1]d is a maintenance session."
	ManyMaintenance     = "Sessions %[1]d to %[2]d are maintenance sessions."
	CostNote            = "An estimate: the clinic confirms the price."
	MonthByMonth        = "Month by month"
	CalendarNote        = "Each day shows what applies on it, in local time."
	NoGrids             = "No day of the course to show."
	PrepMark            = "P"
	AfterMark           = "A"
	LegendTitle         = "Key"
	LegendSession       = "session day, bold box, with the session's time"
	LegendPrep          = "preparation day, with diagonal lines: a rule before a session applies for all or part of the day"
	LegendAfter         = "aftercare day, with dots: a rule after a session applies for all or part of the day"
	LegendBoth          = "a preparation and an aftercare day"
	ChecklistsHeading   = "Before and after each session"
	ChecklistNote       = "Tick each item off as you follow it. Each rule before a session starts at the time given and lasts until the session; each rule after a session lasts from the session until the time given."
	SessionHeading      = "Session %[1]d — %[2]s"
	BeforeHeading       = "Before"
	AfterHeading        = "After"
	NothingBefore       = "Nothing new starts before this session."
	NothingAfter        = "Nothing new after this session."

	// SessionAt is the layout of a session's date and time in a heading.
	SessionAt = "Mon 2 Jan 2006, 15:04"
	// Clock is the layout of a time of day.
	Clock = "15:04"
)

// handoutKeys are the handout's messages, part of Keys.
var handoutKeys = []string{
	HandoutTitle, HandoutTitleFor, HandoutFor, HandoutMadeOn, HandoutClinic, HandoutPhone, HandoutEmail, HandoutWeb,
	HandoutGlance, ColNumber, MaintenanceSessions, CountAnd, CourseFromTo, CourseOn, SessionLasts, TimeZoneLine, TimeRange,
	MaintenanceLabel, AfterTheCourse, RecallSentence, RepeatSentence, OneMaintenance, ManyMaintenance, CostNote,
	MonthByMonth, CalendarNote, NoGrids, PrepMark, AfterMark, LegendTitle, LegendSession, LegendPrep, LegendAfter,
	LegendBoth, ChecklistsHeading, ChecklistNote, SessionHeading, BeforeHeading, AfterHeading, NothingBefore,
	NothingAfter, SessionAt, Clock,
}
