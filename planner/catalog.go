package planner

import (
	"fmt"
	"slices"
	"strings"
)

// Catalog holds every treatment, preparation/aftercare rule and
// contraindication mesoplan knows, merged from the built-in catalog and the
// practitioner's files. Its format is described in docs/catalog.md.
type Catalog struct {
	Version           int                `yaml:"version"`
	Sources           map[string]string  `yaml:"sources"`
	Rules             []Rule             `yaml:"rules"`
	Contraindications []Contraindication `yaml:"contraindications"`
	Treatments        []Treatment        `yaml:"treatments"`
	// Languages hold the patient's texts in other languages than English,
	// and English rewordings, by BCP 47 tag; see [Language].
	Languages map[string]*Language `yaml:"languages"`
}

// RuleKind says whether a rule's window lies before or after a session.
type RuleKind string

// The two kinds of rule.
const (
	Prep      RuleKind = "prep"
	Aftercare RuleKind = "aftercare"
)

// AppliesTo restricts a rule or contraindication to some treatments. An
// empty list places no restriction; each non-empty list must match.
type AppliesTo struct {
	Areas      []string `yaml:"areas,omitempty" json:"areas,omitempty"`
	Techniques []string `yaml:"techniques,omitempty" json:"techniques,omitempty"`
	Treatments []string `yaml:"treatments,omitempty" json:"treatments,omitempty"`
}

// Matches reports whether the restriction admits treatment t.
func (a AppliesTo) Matches(t *Treatment) bool {
	if len(a.Areas) > 0 && !slices.ContainsFunc(t.Areas, func(x string) bool { return slices.Contains(a.Areas, x) }) {
		return false
	}
	if len(a.Techniques) > 0 && !slices.Contains(a.Techniques, t.Technique) {
		return false
	}
	if len(a.Treatments) > 0 && !slices.Contains(a.Treatments, t.ID) {
		return false
	}
	return true
}

// Rule is something the patient avoids for a window of time before
// (Kind Prep) or after (Kind Aftercare) each session.
type Rule struct {
	ID        string    `yaml:"id"`
	Kind      RuleKind  `yaml:"kind"`
	Window    Span      `yaml:"window"`
	Summary   string    `yaml:"summary"`
	Text      string    `yaml:"text"`
	AppliesTo AppliesTo `yaml:"applies_to"`
	// Keywords name the plans this rule rules out ("sauna", "hot tub"):
	// a busy event in the patient's calendar whose summary, description or
	// categories hold one as whole words, in any case, conflicts with the
	// rule's window.
	Keywords []string `yaml:"keywords"`
	Sources  []string `yaml:"sources"`
	origin   origin
}

// Severity grades a contraindication.
type Severity string

// The two severities: an absolute contraindication refuses the plan, a
// relative one warns unless screening is strict.
const (
	Absolute Severity = "absolute"
	Relative Severity = "relative"
)

// Contraindication is a condition screened before a course is planned.
type Contraindication struct {
	ID        string    `yaml:"id"`
	Name      string    `yaml:"name"`
	Severity  Severity  `yaml:"severity"`
	Text      string    `yaml:"text"`
	Advice    string    `yaml:"advice"`
	AppliesTo AppliesTo `yaml:"applies_to"`
	Sources   []string  `yaml:"sources"`
	origin    origin
}

// Range is an inclusive range of whole numbers.
type Range struct {
	Min int `yaml:"min" json:"min"`
	Max int `yaml:"max" json:"max"`
}

// Interval is the spacing, in calendar days, before each session of a
// phase: at least Min, ideally Target, at most Max.
type Interval struct {
	Min    int `yaml:"min" json:"min"`
	Target int `yaml:"target" json:"target"`
	Max    int `yaml:"max" json:"max"`
}

// Phase is a run of sessions at one spacing, such as weekly induction.
type Phase struct {
	Name     string   `yaml:"name"`
	Sessions int      `yaml:"sessions"`
	Interval Interval `yaml:"interval_days"`
}

// MaintenanceKind says what follows a course.
type MaintenanceKind string

// The kinds of maintenance.
const (
	// MaintenanceSessions: further sessions at a slower pace, planned as a
	// phase of their own.
	MaintenanceSessions MaintenanceKind = "sessions"
	// MaintenanceRecall: one check-up reminder some time after the course.
	MaintenanceRecall MaintenanceKind = "recall"
	// MaintenanceRepeat: the whole course is repeated some time after it.
	MaintenanceRepeat MaintenanceKind = "repeat"
)

// Maintenance is what a treatment prescribes after its course.
type Maintenance struct {
	Kind     MaintenanceKind `yaml:"kind"`
	Sessions int             `yaml:"sessions"`
	Interval Interval        `yaml:"interval_days"`
	After    Span            `yaml:"after"`
	Text     string          `yaml:"text"`
}

// Treatment is a type of mesotherapy course.
type Treatment struct {
	ID             string       `yaml:"id"`
	Name           string       `yaml:"name"`
	Aliases        []string     `yaml:"aliases"`
	Description    string       `yaml:"description"`
	Areas          []string     `yaml:"areas"`
	Technique      string       `yaml:"technique"`
	SessionMinutes int          `yaml:"session_minutes"`
	Sessions       Range        `yaml:"sessions"`
	Phases         []Phase      `yaml:"phases"`
	Maintenance    *Maintenance `yaml:"maintenance"`
	Rules          []string     `yaml:"rules"`
	// Price is the price of one session; PriceEUR is the same in euros,
	// as older catalogs wrote it. See [Treatment.SessionPrice].
	Price    *Price   `yaml:"price"`
	PriceEUR *Range   `yaml:"price_eur"`
	Sources  []string `yaml:"sources"`
	origin   origin
}

// Price is what one session costs: a range in a currency (an ISO 4217
// code such as EUR).
type Price struct {
	Min      int    `yaml:"min" json:"min"`
	Max      int    `yaml:"max" json:"max"`
	Currency string `yaml:"currency" json:"currency"`
}

// SessionPrice is the price of one session, or nil when the catalog gives
// none.
func (t *Treatment) SessionPrice() *Price {
	switch {
	case t.Price != nil:
		return t.Price
	case t.PriceEUR != nil:
		return &Price{Min: t.PriceEUR.Min, Max: t.PriceEUR.Max, Currency: "EUR"}
	}
	return nil
}

// DefaultSessions is the length of the treatment's default course, without
// maintenance.
func (t *Treatment) DefaultSessions() int {
	n := 0
	for _, p := range t.Phases {
		n += p.Sessions
	}
	return n
}

// merge adds o's entries to c, replacing entries with the same id in place.
func (c *Catalog) merge(o *Catalog) {
	for k, v := range o.Sources {
		c.Sources[k] = v
	}
	c.Rules = mergeByID(c.Rules, o.Rules, func(r Rule) string { return r.ID })
	c.Contraindications = mergeByID(c.Contraindications, o.Contraindications, func(r Contraindication) string { return r.ID })
	c.Treatments = mergeByID(c.Treatments, o.Treatments, func(t Treatment) string { return t.ID })
	c.Languages = mergeLanguages(c.Languages, o.Languages)
}

// mergeByID adds each entry of add to base, in place of the base entry with
// the same id if there is one, else at the end, so that a replaced entry
// keeps its place in listings.
func mergeByID[T any](base, add []T, id func(T) string) []T {
	at := make(map[string]int, len(base)+len(add)) // an index: tens of thousands of entries merged one by one took seconds
	for i, b := range base {
		if _, dup := at[id(b)]; !dup {
			at[id(b)] = i
		}
	}
	for _, a := range add {
		if i, ok := at[id(a)]; ok {
			base[i] = a
		} else {
			at[id(a)] = len(base)
			base = append(base, a)
		}
	}
	return base
}

// Treatment finds a treatment by id or alias, ignoring case. An unknown name
// is an [InputError] that lists the ids and suggests the nearest.
func (c *Catalog) Treatment(name string) (*Treatment, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	for i := range c.Treatments {
		t := &c.Treatments[i]
		if t.ID == key || slices.ContainsFunc(t.Aliases, func(a string) bool { return strings.ToLower(a) == key }) {
			return t, nil
		}
	}
	var ids, all []string
	for _, t := range c.Treatments {
		ids = append(ids, t.ID)
		all = append(all, t.ID)
		all = append(all, t.Aliases...)
	}
	e := &InputError{Value: name, Msg: fmt.Sprintf("unknown treatment %q (known: %s)", name, strings.Join(ids, ", "))}
	if s := Suggest(key, all); s != "" {
		e.Hint = fmt.Sprintf("did you mean %q? run 'mesoplan treatments' for the list", s)
	} else {
		e.Hint = "run 'mesoplan treatments' for the list"
	}
	return nil, e
}

// Contraindication finds a contraindication by id, ignoring case.
func (c *Catalog) Contraindication(id string) (*Contraindication, error) {
	key := strings.ToLower(strings.TrimSpace(id))
	var ids []string
	for i := range c.Contraindications {
		if c.Contraindications[i].ID == key {
			return &c.Contraindications[i], nil
		}
		ids = append(ids, c.Contraindications[i].ID)
	}
	e := &InputError{Value: id, Msg: fmt.Sprintf("unknown condition %q", id), Hint: "run 'mesoplan conditions' for the list"}
	if s := Suggest(key, ids); s != "" {
		e.Hint = fmt.Sprintf("did you mean %q? run 'mesoplan conditions' for the list", s)
	}
	return nil, e
}

// treatmentByID finds a treatment by its exact id, or returns nil. Unlike
// Treatment it takes no alias and builds no error: validation uses it to
// check references within the catalog.
func (c *Catalog) treatmentByID(id string) *Treatment {
	for i := range c.Treatments {
		if c.Treatments[i].ID == id {
			return &c.Treatments[i]
		}
	}
	return nil
}

// ruleByID finds a rule by its exact id, or returns nil.
func (c *Catalog) ruleByID(id string) *Rule {
	for i := range c.Rules {
		if c.Rules[i].ID == id {
			return &c.Rules[i]
		}
	}
	return nil
}

// RulesFor returns the rules that apply to t, in catalog order: exactly the
// treatment's own list when it has one, else every rule whose AppliesTo
// admits it.
func (c *Catalog) RulesFor(t *Treatment) []Rule {
	applies := func(r *Rule) bool {
		if len(t.Rules) > 0 {
			return slices.Contains(t.Rules, r.ID)
		}
		return r.AppliesTo.Matches(t)
	}
	n := 0
	for i := range c.Rules {
		if applies(&c.Rules[i]) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Rule, 0, n) // once: every plan asks
	for i := range c.Rules {
		if applies(&c.Rules[i]) {
			out = append(out, c.Rules[i])
		}
	}
	return out
}

// ContraindicationsFor returns the contraindications screened for t.
func (c *Catalog) ContraindicationsFor(t *Treatment) []Contraindication {
	var out []Contraindication
	for _, ci := range c.Contraindications {
		if ci.AppliesTo.Matches(t) {
			out = append(out, ci)
		}
	}
	return out
}
