package handout

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/mesoplan/mesoplan/locale"
	"github.com/mesoplan/mesoplan/planner"
)

// Paper is the paper size a handout is laid out for.
type Paper string

// The paper sizes: the layout fits both, and the page size printed is the
// one chosen.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// Papers lists the paper sizes, the default first.
var Papers = []Paper{A4, Letter}

// Clinic is the practice that holds the sessions, as the handout names it.
// Every field may be empty.
type Clinic struct {
	Name    string
	Address string
	Phone   string
	Email   string
	// URL is the clinic's web address: a link when it is an http or https
	// address, else plain text.
	URL string
}

// Options control a handout.
type Options struct {
	// Patient is the patient's name, under the heading; "" for none.
	Patient string
	Clinic  Clinic
	// Paper is the page size to print on; "" is A4.
	Paper Paper
	// Now, if set, is printed as the day the handout was made. It comes
	// from the caller, so that a pinned clock gives the same bytes.
	Now time.Time
	// Words writes the handout's texts in the patient's language; nil is
	// English. The plan's own texts are in the language it was made in.
	Words *locale.Printer
}

//go:embed handout.tmpl
var pageTemplate string

//go:embed handout.css
var styleSheet string

// tmpl is the page; its text is in handout.tmpl, its style in handout.css.
// tmpl is the page, parsed when first needed (not at start-up, which
// every command pays).
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("handout").Parse(pageTemplate))
})

// reURL accepts the web addresses a link may hold: http or https, with no
// spaces, controls or characters that would need escaping.
var reURL = regexp.MustCompile(`^https?://[^\s\x00-\x1f\x7f"<>\\]+$`)

// Render writes the plan as a handout: one HTML page, in the plan's time
// zone.
func Render(p *planner.Plan, o Options) ([]byte, error) {
	if p == nil || len(p.Sessions) == 0 {
		return nil, errors.New("handout: the plan has no sessions")
	}
	switch o.Paper {
	case "":
		o.Paper = A4
	case A4, Letter:
	default:
		return nil, fmt.Errorf("handout: unknown paper %q: want a4 or letter", o.Paper)
	}
	tr := o.Words
	if tr == nil {
		var err error
		if tr, err = locale.English(); err != nil {
			return nil, fmt.Errorf("handout: %w", err)
		}
	}
	v, err := build(p, o, newWords(tr))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl().Execute(&b, v); err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	return b.Bytes(), nil
}

// view is what the template shows: every text already in words, every
// value already formatted. The template escapes it all.
type view struct {
	W       *words
	CSS     template.CSS // the style sheet, the package's own text
	Page    string       // the CSS page size
	Title   string       // the document's title
	Heading string
	Patient string
	// ForPatient says whom the handout is for: "For Anna Rossi".
	ForPatient string
	MadeOn     string
	Clinic     *clinicView

	Summary  []string // sentences about the course
	Sessions []sessionRow
	// HasMaintenance shows the sessions table's column that marks them.
	HasMaintenance bool
	Afterwards     []string // what follows the course, sentence by sentence
	Cost           string
	Months         []month
	Checklists     []checklist
	Notice         string
	Legend         []legendEntry
}

// clinicView is the clinic's box.
type clinicView struct {
	Name, Address, Phone, Email, URL string
	Link                             bool // URL is a web address to link to
}

// sessionRow is a line of the sessions table.
type sessionRow struct {
	Number      int
	Date, Time  string
	Phase       string
	Maintenance bool
}

// checklist is one session's block: its heading, then what to do before
// and after it.
type checklist struct {
	Heading       string
	Maintenance   bool
	Before, After []item
}

// item is one line of a checklist: what to do from or until when, and why.
type item struct {
	Line, Reason string
}

// build makes the view of p in the words w.
func build(p *planner.Plan, o Options, w *words) (*view, error) {
	loc := p.Zone.Location()
	title := line(p.Treatment.Title())
	v := &view{
		W:       w,
		CSS:     template.CSS(styleSheet),
		Page:    "A4",
		Heading: w.sprintf(w.Title, title),
		Patient: line(o.Patient),
		Notice:  line(p.Notice),
	}
	if v.Notice == "" { // a saved plan edited by hand
		v.Notice = planner.Notice
	}
	if o.Paper == Letter {
		v.Page = "letter"
	}
	v.Title = v.Heading
	if v.Patient != "" {
		v.Title = w.sprintf(w.TitlePatient, v.Heading, v.Patient)
		v.ForPatient = w.sprintf(w.ForPatient, v.Patient)
	}
	if !o.Now.IsZero() {
		v.MadeOn = w.sprintf(w.MadeOn, w.format(o.Now.In(loc), w.Date))
	}
	v.Clinic = clinicOf(o.Clinic)
	v.Summary = summary(p, w)
	for _, s := range p.Sessions {
		start, end := s.Start.In(loc), s.End.In(loc)
		row := sessionRow{
			Number: s.Number,
			Date:   w.format(start, w.Date),
			Time:   w.sprintf(w.TimeRange, w.format(start, w.Clock), w.format(end, w.Clock)),
		}
		// The catalog's phase names (induction, consolidation) are the
		// clinic's words, in its language: the patient reads only which
		// sessions are maintenance.
		if s.Maintenance {
			row.Phase, row.Maintenance = w.Maintenance, true
			v.HasMaintenance = true
		}
		v.Sessions = append(v.Sessions, row)
	}
	v.Afterwards = afterwards(p, w)
	if c := p.Cost; c != nil {
		v.Cost = costLine(*c, w)
	}
	months, err := calendar(p, w)
	if err != nil {
		return nil, err
	}
	v.Months = months
	v.Legend = legend(p, w)
	for _, c := range p.Checklists() {
		v.Checklists = append(v.Checklists, checklistOf(c, w, loc))
	}
	return v, nil
}

// clinicOf is the clinic's box, or nil when nothing is known of it.
func clinicOf(c Clinic) *clinicView {
	v := &clinicView{Name: line(c.Name), Address: line(c.Address), Phone: line(c.Phone), Email: line(c.Email), URL: line(c.URL)}
	if *v == (clinicView{}) {
		return nil
	}
	v.Link = reURL.MatchString(v.URL)
	return v
}

// summary says how many sessions, when, how long and in which zone.
func summary(p *planner.Plan, w *words) []string {
	loc := p.Zone.Location()
	course := p.CourseSessions()
	counts := w.sprintf(w.Sessions, course)
	if maint := len(p.Sessions) - course; maint > 0 {
		counts = w.sprintf(w.And, counts, w.sprintf(w.Maintenances, maint))
	}
	first, last := p.Sessions[0].Start.In(loc), p.Sessions[len(p.Sessions)-1].Start.In(loc)
	var when string
	if len(p.Sessions) == 1 {
		when = w.sprintf(w.CourseOn, counts, w.format(first, w.Date))
	} else {
		when = w.sprintf(w.CourseFromTo, counts, w.format(first, w.Date), w.format(last, w.Date))
	}
	out := []string{when}
	if p.Treatment.SessionMinutes > 0 {
		out = append(out, w.sprintf(w.Length, p.Treatment.SessionMinutes))
	}
	return append(out, w.sprintf(w.Zone, p.Zone.Location().String()))
}

// afterwards says what follows the course: the maintenance sessions, the
// recall or the repeat, and the catalog's words about it.
func afterwards(p *planner.Plan, w *words) []string {
	m := p.Maintenance
	if m == nil {
		return nil
	}
	course := p.CourseSessions()
	var out []string
	switch m.Kind {
	case planner.MaintenanceSessions:
		if n := len(p.Sessions); n > course {
			if n == course+1 {
				out = append(out, w.sprintf(w.MaintOne, n))
			} else {
				out = append(out, w.sprintf(w.MaintMany, course+1, n))
			}
		}
	case planner.MaintenanceRecall:
		if !m.Date.IsZero() {
			out = append(out, w.sprintf(w.Recall, w.formatDate(m.Date, w.Date), w.span(m.After)))
		}
	case planner.MaintenanceRepeat:
		if !m.Date.IsZero() {
			out = append(out, w.sprintf(w.Repeat, w.formatDate(m.Date, w.Date), w.span(m.After)))
		}
	}
	if t := line(m.Text); t != "" {
		out = append(out, t)
	}
	return out
}

// costLine writes the estimate: "6 sessions × 50-100 EUR: 300-600 EUR".
func costLine(c planner.Cost, w *words) string {
	currency := line(c.Currency)
	amount := func(r planner.Range) string {
		if r.Min == r.Max {
			return w.sprintf(w.Amount, r.Min, currency)
		}
		return w.sprintf(w.AmountRange, r.Min, r.Max, currency)
	}
	return w.sprintf(w.CostLine, w.sprintf(w.Sessions, c.Sessions), amount(c.PerSession), amount(c.Total))
}

// checklistOf is the block of one session: each preparation item with its
// exact start and each aftercare item with its exact end, worded as in
// the patient calendar.
func checklistOf(c planner.Checklist, w *words, loc *time.Location) checklist {
	s := c.Session
	out := checklist{
		Heading:     w.sprintf(w.SessionHead, s.Number, w.format(s.Start.In(loc), w.SessionAt)),
		Maintenance: s.Maintenance,
	}
	for _, win := range c.Before {
		out.Before = append(out.Before, item{Line: itemLine(win, w, loc), Reason: line(win.Text)})
	}
	for _, win := range c.After {
		out.After = append(out.After, item{Line: itemLine(win, w, loc), Reason: line(win.Text)})
	}
	return out
}

// itemLine is one item with its exact local start (preparation) or end
// (aftercare), and for one that goes on across later sessions, until when.
func itemLine(win planner.Window, w *words, loc *time.Location) string {
	what := planner.LowerFirst(line(win.Summary))
	last := win.Sessions[len(win.Sessions)-1]
	if win.Kind == planner.Prep {
		from := w.format(win.Start.In(loc), w.DateTime)
		if win.Continues() {
			return w.sprintf(w.PrepUntil, from, last, w.format(win.End.In(loc), w.DateTime), what)
		}
		return w.sprintf(w.PrepItem, from, what)
	}
	until := w.format(win.End.In(loc), w.DateTime)
	if win.Continues() {
		return w.sprintf(w.AfterUntil, until, last, what)
	}
	return w.sprintf(w.AfterItem, until, what)
}

// line is free text (a name, catalog text) on one line: every run of
// white space or control characters becomes one space. The template
// escapes what remains.
func line(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return planner.OneLine(s)
}
