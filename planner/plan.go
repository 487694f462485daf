package planner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Notice is the one-line notice every plan and export carries.
const Notice = "Not medical advice: this plan follows what a practitioner prescribes; protocol defaults are configurable."

// Request is everything the planner needs besides the catalog. The command
// line builds it; the planner never reads the clock or the environment.
type Request struct {
	Treatment  string         // id or alias, any case
	Start      Date           // date of session 1
	Time       Clock          // local wall-clock time of every session
	Location   *time.Location // the plan's time zone
	Sessions   int            // course length override; 0 keeps the treatment's default
	Conditions []string       // contraindication ids to screen
	Strict     bool           // refuse relative contraindications, and any other safety finding, too
	PerSession bool           // keep each session's windows separate instead of merging them
	AllowPast  bool           // allow a start date before Today
	Today      time.Time      // the current instant, for past-start and too-late checks; zero skips them
	// Constraints say which dates may hold a session. None means every
	// date is allowed.
	Constraints []Constraint
	// Busy are the patient's own appointments: no session may overlap one,
	// and one that a rule forbids inside its window is a conflict.
	Busy []BusyEvent
	// AvoidConflicts refuses dates whose windows would hold a conflict.
	AvoidConflicts bool
	// Price is what the practitioner charges for one session, for the cost
	// estimate; 0 uses the catalog's range.
	Price int
	// Lang is the BCP 47 tag of one of the catalog's languages ("it"), in
	// which the plan's texts are written; "" is English.
	Lang string
	// Notes are findings about the inputs (such as busy-calendar events
	// that could not be read), added to the plan's warnings after the
	// others. They are never safety findings.
	Notes []Finding

	// Shape, when set, gives the course's phases as a plan under way has
	// them, in place of the treatment's and Sessions; see [PhaseRun].
	Shape []PhaseRun

	// Replanning a course under way (reschedule): Keep are its first
	// sessions, which stay as they are; Next, if set, puts the session after
	// them on a given date; NotBefore keeps every other new session from
	// going earlier (today). The course is never restarted: later sessions
	// follow from the last kept or moved one by the usual rule.
	Keep      []Kept
	Next      *Next
	NotBefore Date
	// NotBeforeReason says why dates before NotBefore are refused, in
	// moved-session findings; "" for "that day has passed".
	NotBeforeReason string
	// Booked are dates chosen by hand earlier for sessions after the kept
	// and next ones, by session number: each keeps its date while the date
	// is allowed, after the session before and within its interval from it.
	Booked map[int]Date
}

// Kept is a session that stays where it is when a course is replanned.
type Kept struct {
	Start  time.Time
	Held   bool   // the session took place
	Booked bool   // its date was chosen by hand
	Moved  *Moved // why it is not on the date the placement rule wanted
}

// Next is the date chosen for the first session after the kept ones.
type Next struct {
	Date  Date
	Force bool // allow a date the constraints refuse
}

// Plan is a planned course: a plain value whose JSON form is the schema
// documented in docs/plan-json.md.
type Plan struct {
	Treatment TreatmentRef `json:"treatment"`
	// Zone is the plan's time zone: every time in the plan is in it.
	Zone        Zone             `json:"timezone"`
	Sessions    []Session        `json:"sessions"`
	Windows     []Window         `json:"windows"`
	Maintenance *MaintenancePlan `json:"maintenance"`
	// Cost estimates the course's price, when the catalog or the request
	// gives one.
	Cost     *Cost     `json:"cost,omitempty"`
	Warnings []Finding `json:"warnings"`
	Notice   string    `json:"notice"`
	// Lang is the language of the plan's texts, a tag of the catalog's
	// languages; absent for English.
	Lang string `json:"lang,omitempty"`
}

// TreatmentRef names the treatment a plan is for.
type TreatmentRef struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	SessionMinutes int    `json:"session_minutes"`
}

// Title names the treatment as a patient does, in calendar titles: its
// name without the explanation in parentheses ("Mesolifting" for
// "Mesolifting (facial rejuvenation)").
func (t TreatmentRef) Title() string {
	name := OneLine(t.Name)
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	if name == "" {
		return t.ID
	}
	return name
}

// Session is one appointment.
type Session struct {
	Number int    `json:"number"`
	Phase  string `json:"phase"`
	// Maintenance is true for sessions that follow the course proper.
	Maintenance bool      `json:"maintenance"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	// DaysSincePrevious counts calendar days from the previous session;
	// 0 for the first.
	DaysSincePrevious int `json:"days_since_previous"`
	// Moved is set when the session is not on its target date.
	Moved *Moved `json:"moved,omitempty"`
	// Held is true for a session recorded as having taken place.
	Held bool `json:"held,omitempty"`
	// Revision counts the changes rescheduling made to the session with
	// this number; see [Reschedule]. 0 for a plan as first made.
	Revision int `json:"revision,omitempty"`
	// Booked is true for a session put on a date chosen by hand (a
	// rescheduled session), not by the placement rule.
	Booked bool `json:"booked,omitempty"`
}

// Moved says why a session is not on the date the placement rule wanted.
type Moved struct {
	From   Date   `json:"from"`   // the target date
	Reason string `json:"reason"` // why that date was not allowed
}

// Window is a stretch of time in which the patient follows a rule: the
// half-open interval [Start, End).
type Window struct {
	Kind    RuleKind  `json:"kind"`
	Rule    string    `json:"rule"`
	Summary string    `json:"summary"`
	Text    string    `json:"text"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	// Sessions are the numbers of the sessions the window belongs to.
	Sessions []int `json:"sessions"`
	// Revision counts the changes rescheduling made to the window of this
	// kind and rule that starts with the same session; see [Reschedule].
	Revision int `json:"revision,omitempty"`
}

// MaintenancePlan says what follows the course.
type MaintenancePlan struct {
	Kind MaintenanceKind `json:"kind"`
	Text string          `json:"text"`
	// Sessions is the number of maintenance sessions in the plan (kind
	// sessions).
	Sessions int `json:"sessions,omitempty"`
	// After and Date give the recall or repeat date (kinds recall and
	// repeat): After the last session of the course.
	After Span `json:"after,omitzero"`
	Date  Date `json:"date,omitzero"`
	// Revision counts the changes rescheduling made to it; see
	// [Reschedule].
	Revision int `json:"revision,omitempty"`
}

// Finding is a warning on a plan, or a reason for refusing one. A
// warning is either about safety (Safety reports which) or a note.
type Finding struct {
	// Code classifies the finding: "contraindication" (a relative one),
	// "condition-not-applicable", "too-late-start", "moved",
	// "interval-exceeded"; see docs/plan-json.md.
	Code string `json:"code"`
	// Subject is the id of the condition or rule concerned.
	Subject string `json:"subject"`
	Message string `json:"message"`
}

// Act reports whether a practitioner must act on the finding: a safety
// finding, or a session booked with the patient that had to move.
func (f Finding) Act() bool {
	return f.Safety() || f.Code == "booked-moved"
}

// Safety reports whether the finding is about the patient's safety or
// the protocol: a relative contraindication, a preparation window already
// begun, an interval past the maximum, a conflict with the patient's own
// plans. The others are notes: a session moved within its interval, a
// condition that does not concern the treatment, an interval forced by the
// practitioner. Strict screening refuses a plan with a safety finding.
func (f Finding) Safety() bool {
	switch f.Code {
	case "contraindication", "too-late-start", "interval-exceeded", "conflict":
		return true
	}
	return false
}

// Make plans a course: it screens the request's conditions, places every
// session, and derives the windows around them. An unknown or out-of-range
// value is an [*InputError] or one of the typed errors in errors.go
// ([*PastStartError], [*SessionsError], ...); a refused plan is a
// [*RefusedError].
func Make(cat *Catalog, req Request) (*Plan, error) {
	if req.Location == nil {
		return nil, &InputError{Msg: "no time zone given"}
	}
	t, err := cat.Treatment(req.Treatment)
	if err != nil {
		return nil, err
	}
	warnings, err := screen(cat, t, req.Conditions, req.Strict)
	if err != nil {
		return nil, err
	}
	if err := checkStart(req); err != nil {
		return nil, err
	}
	slots, err := courseSlots(t, req)
	if err != nil {
		return nil, err
	}
	if len(req.Keep) > len(slots) || (len(req.Keep) == len(slots) && req.Next != nil) {
		return nil, &InputError{Value: itoa(len(slots)), Msg: fmt.Sprintf("the course has only %d sessions", len(slots))}
	}
	rules := cat.RulesFor(t)
	words, err := cat.localizer(req.Lang)
	if err != nil {
		return nil, err
	}
	length := time.Duration(t.SessionMinutes) * time.Minute
	placed, moves, err := placeAll(req.Start, slots, constraintsFor(req, rules, length), req.replan())
	if err != nil {
		return nil, err
	}
	sessions, err := sessionsAt(req, slots, placed, length)
	if err != nil {
		return nil, err
	}
	if first := sessions[0]; !req.Today.IsZero() && !req.AllowPast && len(req.Keep) == 0 && first.Start.Before(req.Today) {
		return nil, &PassedSessionError{Start: first.Start}
	}
	name, maintenanceText := words.treatment(t)
	p := &Plan{
		Treatment: TreatmentRef{ID: t.ID, Name: name, SessionMinutes: t.SessionMinutes},
		Zone:      ZoneOf(req.Location),
		Sessions:  sessions,
		Windows:   windows(sessions, words.rulesIn(rules), !req.PerSession),
		Notice:    words.message(Notice),
	}
	if words.lang != English {
		p.Lang = words.lang
	}
	p.Warnings = append(append([]Finding{}, warnings...), moves...)
	p.Warnings = append(p.Warnings, conflicts(p.Windows, rules, req.Busy, req.Location)...)
	if !req.Today.IsZero() && len(req.Keep) == 0 {
		p.Warnings = append(p.Warnings, tooLate(p.Sessions[0], rules, req.Today)...)
	}
	p.Warnings = append(p.Warnings, words.missing...)
	p.Warnings = append(p.Warnings, req.Notes...)
	p.Maintenance = maintenancePlan(t.Maintenance, placedDates(placed), len(slots))
	if p.Maintenance != nil && p.Maintenance.Kind == MaintenanceSessions {
		p.Maintenance.Sessions = len(p.Sessions) - p.CourseSessions()
	}
	if p.Maintenance != nil {
		p.Maintenance.Text = maintenanceText
	}
	p.Cost = courseCost(t, req.Price, len(p.Sessions))
	if req.Strict {
		if err := refuseStrictly(p.Warnings); err != nil {
			return nil, err
		}
	}
	if err := p.inYears(); err != nil {
		return nil, err
	}
	return p, nil
}

// inYears refuses a plan that runs past the years a saved plan may hold
// (a long course, or a session moved far by force): it could be printed
// but not saved, read back or written into every calendar.
func (p *Plan) inYears() error {
	last := p.Sessions[len(p.Sessions)-1].End
	for _, w := range p.Windows {
		if w.End.After(last) {
			last = w.End
		}
	}
	if m := p.Maintenance; m != nil && !m.Date.IsZero() && m.Date.Year > last.Year() {
		last = time.Date(m.Date.Year, m.Date.Month, m.Date.Day, 0, 0, 0, 0, time.UTC)
	}
	if y := last.Year(); y > lastSavedYear {
		return &YearsError{Year: y}
	}
	return nil
}

// refuseStrictly refuses, under strict screening, a plan with any safety
// finding (relative contraindications are refused by screen already).
func refuseStrictly(warnings []Finding) error {
	var reasons []Finding
	for _, f := range warnings {
		if f.Safety() {
			reasons = append(reasons, f)
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return &RefusedError{Reasons: reasons, Strict: true}
}

// checkStart refuses a start date before today (unless the request allows
// it, or continues a course under way) or too far ahead to plan.
func checkStart(req Request) error {
	if !req.Today.IsZero() && !req.AllowPast && len(req.Keep) == 0 {
		today := DateOf(req.Today.In(req.Location))
		if req.Start.Before(today) {
			return &PastStartError{Start: req.Start, Today: today, Zone: req.Location.String()}
		}
	}
	if req.Start.Year > lastSavedYear {
		return &InputError{Value: req.Start.String(), Msg: fmt.Sprintf("start date %s is too far in the future: a plan lies between %d and %d", req.Start, firstSavedYear, lastSavedYear)}
	}
	if req.Start.Year < firstSavedYear {
		return &InputError{Value: req.Start.String(), Msg: fmt.Sprintf("start date %s is too far in the past: a plan lies between %d and %d", req.Start, firstSavedYear, lastSavedYear)}
	}
	return nil
}

// constraintsFor adds to the request's constraints the patient's busy
// times, and with AvoidConflicts the dates whose windows would hold a
// plan a rule forbids.
func constraintsFor(req Request, rules []Rule, length time.Duration) []Constraint {
	return append(slices.Clip(req.Constraints), calendarConstraints(req, rules, length)...)
}

// calendarConstraints are the constraints the patient's calendar
// (req.Busy) puts on a session's date: no overlap with a busy event and,
// with req.AvoidConflicts, no event a rule forbids in its windows.
func calendarConstraints(req Request, rules []Rule, length time.Duration) []Constraint {
	if len(req.Busy) == 0 {
		return nil
	}
	cons := []Constraint{busyConstraint{clock: req.Time, loc: req.Location, length: length, busy: req.Busy}}
	if req.AvoidConflicts {
		cons = append(cons, conflictConstraint{clock: req.Time, loc: req.Location, length: length, rules: rules, busy: req.Busy})
	}
	return cons
}

// replan says how placement continues a course under way: the kept
// sessions' dates, the chosen next date and the first day allowed.
func (req Request) replan() replan {
	keep := make([]Date, len(req.Keep))
	for i, k := range req.Keep {
		keep[i] = DateOf(k.Start.In(req.Location))
	}
	return replan{keep: keep, next: req.Next, notBefore: req.NotBefore, notBeforeWhy: req.NotBeforeReason, booked: req.Booked}
}

// sessionsAt turns placed dates into sessions at the request's time: a
// kept session keeps its instant and whether it was held.
func sessionsAt(req Request, slots []slot, placed []placement, length time.Duration) ([]Session, error) {
	sessions := make([]Session, 0, len(placed))
	for i, pl := range placed {
		var start time.Time
		if i < len(req.Keep) {
			start = req.Keep[i].Start.In(req.Location)
		} else {
			var err error
			if start, err = At(pl.date, req.Time, req.Location); err != nil {
				return nil, err
			}
			if RepeatedWallTime(start) {
				return nil, &ClockRepeatError{Session: i + 1, Start: start}
			}
		}
		s := Session{Number: i + 1, Phase: slots[i].phase, Maintenance: slots[i].maintenance, Start: start, End: start.Add(length)}
		if i < len(req.Keep) {
			s.Held, s.Booked = req.Keep[i].Held, req.Keep[i].Booked
			if m := req.Keep[i].Moved; m != nil && req.Keep[i].Start.Equal(start) {
				s.Moved = &Moved{From: m.From, Reason: m.Reason}
			}
		}
		if (i == len(req.Keep) && req.Next != nil) || pl.booked {
			s.Booked = true
		}
		if i > 0 {
			s.DaysSincePrevious = placed[i-1].date.DaysUntil(pl.date)
		}
		if pl.date != pl.target {
			s.Moved = &Moved{From: pl.target, Reason: pl.reason}
		}
		sessions = append(sessions, s)
	}
	return sessions, nil
}

// placedDates lists the dates sessions were placed on.
func placedDates(placed []placement) []Date {
	dates := make([]Date, len(placed))
	for i, pl := range placed {
		dates[i] = pl.date
	}
	return dates
}

// courseLength returns the treatment's phases resized to n sessions: fewer
// drop sessions from the end, more extend the last phase. 0 keeps the
// treatment's default; a negative n is out of range like any other.
// PhaseRun is a run of sessions of one phase in a course: Reschedule keeps
// a plan's runs, less a session dropped from its own, rather than cutting
// the course from its end.
type PhaseRun struct {
	Phase       string
	Maintenance bool
	Sessions    int
}

// ShapeOf returns the runs of phases of p's sessions, in order.
func ShapeOf(p *Plan) []PhaseRun {
	var out []PhaseRun
	for _, s := range p.Sessions {
		if n := len(out); n > 0 && out[n-1].Phase == s.Phase && out[n-1].Maintenance == s.Maintenance {
			out[n-1].Sessions++
			continue
		}
		out = append(out, PhaseRun{Phase: s.Phase, Maintenance: s.Maintenance, Sessions: 1})
	}
	return out
}

// courseSlots lists the sessions of the course the request asks for: the
// request's shape, or the treatment's phases at the request's length, then
// its maintenance sessions.
func courseSlots(t *Treatment, req Request) ([]slot, error) {
	if len(req.Shape) == 0 {
		phases, err := courseLength(t, req.Sessions)
		if err != nil {
			return nil, err
		}
		return slotsFor(phases, t.Maintenance), nil
	}
	var out []slot
	for _, run := range req.Shape {
		iv, err := runInterval(t, run)
		if err != nil {
			return nil, err
		}
		for range run.Sessions {
			out = append(out, slot{phase: run.Phase, maintenance: run.Maintenance, interval: iv})
		}
	}
	if len(out) == 0 {
		return nil, &InputError{Msg: "the course has no sessions left"}
	}
	return out, nil
}

// runInterval is the interval between the sessions of a run of t's
// course: its phase's, or its maintenance's; an error when t has no such
// phase or no maintenance.
func runInterval(t *Treatment, run PhaseRun) (Interval, error) {
	if run.Maintenance && t.Maintenance != nil {
		return t.Maintenance.Interval, nil
	}
	if i := slices.IndexFunc(t.Phases, func(p Phase) bool { return p.Name == run.Phase }); !run.Maintenance && i >= 0 {
		return t.Phases[i].Interval, nil
	}
	return Interval{}, &InputError{Value: run.Phase, Msg: fmt.Sprintf("treatment %s has no phase %q", t.ID, run.Phase)}
}

// checkInputs reports the first value of req that names what the catalog
// does not have: its treatment, a condition, its language, the phase of a
// run of its shape.
func (c *Catalog) checkInputs(req Request) error {
	t, err := c.Treatment(req.Treatment)
	if err != nil {
		return err
	}
	for _, name := range req.Conditions {
		if _, err := c.Contraindication(name); err != nil {
			return err
		}
	}
	if _, err := c.localizer(req.Lang); err != nil {
		return err
	}
	for _, run := range req.Shape {
		if _, err := runInterval(t, run); err != nil {
			return err
		}
	}
	if err := checkStart(Request{Start: req.Start}); err != nil { // its years; today does not matter here
		return err
	}
	return nil
}

func courseLength(t *Treatment, n int) ([]Phase, error) {
	phases := append([]Phase(nil), t.Phases...)
	if n == 0 {
		return phases, nil
	}
	if n < t.Sessions.Min || n > t.Sessions.Max {
		return nil, &SessionsError{N: n, Treatment: t.ID, Min: t.Sessions.Min, Max: t.Sessions.Max}
	}
	extra := n - t.DefaultSessions()
	if extra >= 0 {
		phases[len(phases)-1].Sessions += extra
		return phases, nil
	}
	for extra < 0 {
		last := &phases[len(phases)-1]
		take := min(-extra, last.Sessions)
		last.Sessions -= take
		extra += take
		if last.Sessions == 0 {
			phases = phases[:len(phases)-1]
		}
	}
	return phases, nil
}

func maintenancePlan(m *Maintenance, dates []Date, courseEnd int) *MaintenancePlan {
	if m == nil {
		return nil
	}
	mp := &MaintenancePlan{Kind: m.Kind, Text: m.Text}
	switch m.Kind {
	case MaintenanceSessions:
		mp.Sessions = m.Sessions
	case MaintenanceRecall, MaintenanceRepeat:
		last := dates[courseEnd-1]
		at := m.After.AddTo(time.Date(last.Year, last.Month, last.Day, 12, 0, 0, 0, time.UTC), 1)
		mp.After = m.After
		mp.Date = DateOf(at)
	}
	return mp
}

// CourseSessions counts the sessions of the course proper, without the
// maintenance sessions that follow it.
func (p *Plan) CourseSessions() int {
	n := 0
	for _, s := range p.Sessions {
		if !s.Maintenance {
			n++
		}
	}
	return n
}

// itoa is strconv.Itoa, for the counts an InputError quotes as its Value.
func itoa(n int) string { return strconv.Itoa(n) }
