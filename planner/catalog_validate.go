package planner

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Known areas and techniques. Validation rejects others, so that a typo in
// a practitioner's file cannot silently switch a rule off.
var (
	knownAreas      = []string{"face", "scalp", "body"}
	knownTechniques = []string{"injection", "needle-free"}
)

// maxCourseSessions bounds a course, maintenance included.
const maxCourseSessions = 100

// reID is the form of every id: lowercase, because lookups lowercase the
// name they are given (an id with a capital could never be found), and
// without spaces, so that it can be typed on a command line.
var reID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// validate checks the merged catalog as a whole; see docs/catalog.md. It
// reports every problem it finds, one per line, so that a practitioner can
// fix a file in one pass.
func (c *Catalog) validate() error {
	v := &validator{c: c, names: map[string]string{}}
	for i := range c.Rules {
		v.validateRule(&c.Rules[i])
	}
	for i := range c.Contraindications {
		v.validateContraindication(&c.Contraindications[i])
	}
	// Every id is taken before any alias is checked, so that an alias
	// equal to the id of a treatment further down is caught too.
	for i := range c.Treatments {
		v.validateTreatmentID(&c.Treatments[i])
	}
	for i := range c.Treatments {
		v.validateTreatment(&c.Treatments[i])
	}
	v.validateLanguages()
	for _, id := range sortedKeys(c.Sources) {
		if i := strings.IndexFunc(c.Sources[id], badControl); i >= 0 {
			v.errs = append(v.errs, fmt.Sprintf("sources: %q holds the control character %U", id, []rune(c.Sources[id][i:])[0]))
		}
	}
	return v.err()
}

// validator collects the problems in one catalog.
type validator struct {
	c     *Catalog
	errs  []string
	names map[string]string // treatment id or lowercased alias -> treatment id
}

// bad records a problem at key sub of the entry defined at o.
func (v *validator) bad(o origin, sub, format string, args ...any) {
	v.errs = append(v.errs, o.at(sub)+": "+fmt.Sprintf(format, args...))
}

// err returns the problems found, one per line, or nil.
func (v *validator) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return errors.New(strings.Join(v.errs, "\n"))
}

// validateRule checks a preparation or aftercare rule.
func (v *validator) validateRule(r *Rule) {
	v.checkID(r.origin, "rule", r.ID)
	if r.Kind != Prep && r.Kind != Aftercare {
		v.bad(r.origin, "kind", "rule %q: kind %q is not prep or aftercare", r.ID, r.Kind)
	}
	switch {
	case r.Window.IsZero():
		v.bad(r.origin, "window", "rule %q: window is missing (e.g. 48h or 7d)", r.ID)
	case r.Window.Unit == Minutes:
		// "1m" read as a month would be a mistake that plans in silence.
		v.bad(r.origin, "window", "rule %q: window %s is %s: a window is hours (h), days (d), weeks (w) or months (mo); for a month write %dmo", r.ID, r.Window, r.Window.Words(), r.Window.N)
	}
	if r.Summary == "" {
		v.bad(r.origin, "summary", "rule %q: summary is missing", r.ID)
	}
	v.checkText(r.origin, "rule", r.ID, map[string]string{"summary": r.Summary, "text": r.Text})
	v.checkApplies(r.origin, r.AppliesTo)
	v.checkSources(r.origin, r.Sources)
}

// validateContraindication checks a condition screened before planning.
func (v *validator) validateContraindication(ci *Contraindication) {
	v.checkID(ci.origin, "contraindication", ci.ID)
	if ci.Severity != Absolute && ci.Severity != Relative {
		v.bad(ci.origin, "severity", "contraindication %q: severity %q is not absolute or relative", ci.ID, ci.Severity)
	}
	if ci.Name == "" {
		v.bad(ci.origin, "name", "contraindication %q: name is missing", ci.ID)
	}
	v.checkText(ci.origin, "contraindication", ci.ID, map[string]string{"name": ci.Name, "text": ci.Text, "advice": ci.Advice})
	v.checkApplies(ci.origin, ci.AppliesTo)
	v.checkSources(ci.origin, ci.Sources)
}

// checkText refuses a text with control characters (an escape sequence
// would reach the practitioner's terminal, a CR would break a table row);
// line breaks and tabs are fine, as every output folds them.
func (v *validator) checkText(o origin, kind, id string, texts map[string]string) {
	for _, key := range sortedKeys(texts) {
		if i := strings.IndexFunc(texts[key], badControl); i >= 0 {
			v.bad(o, key, "%s %q: %s holds the control character %U", kind, id, key, []rune(texts[key][i:])[0])
		}
	}
}

// badControl reports a control character other than a line feed or a tab.
func badControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }

// validateTreatmentID checks the treatment's id and takes it as a name, so
// that no alias can claim it.
func (v *validator) validateTreatmentID(t *Treatment) {
	v.checkID(t.origin, "treatment", t.ID)
	v.names[t.ID] = t.ID
}

// validateTreatment checks everything about a treatment but its id.
func (v *validator) validateTreatment(t *Treatment) {
	if t.Name == "" {
		v.bad(t.origin, "name", "treatment %q: name is missing", t.ID)
	}
	texts := map[string]string{"name": t.Name, "description": t.Description}
	if t.Maintenance != nil {
		texts["maintenance.text"] = t.Maintenance.Text
	}
	v.checkText(t.origin, "treatment", t.ID, texts)
	v.checkAliases(t)
	v.checkAreas(t)
	if !slices.Contains(knownTechniques, t.Technique) {
		if t.Technique == "" {
			v.bad(t.origin, "technique", "treatment %q: technique is missing (one of %s)", t.ID, strings.Join(knownTechniques, ", "))
		} else {
			v.bad(t.origin, "technique", "treatment %q: technique %q is not one of %s", t.ID, t.Technique, strings.Join(knownTechniques, ", "))
		}
	}
	if t.SessionMinutes <= 0 || t.SessionMinutes > 24*60 {
		v.bad(t.origin, "session_minutes", "treatment %q: session_minutes %d must be between 1 and 1440", t.ID, t.SessionMinutes)
	}
	total := v.validatePhases(t)
	v.checkSessionRange(t, total)
	v.checkCourseCap(t, total, v.validateMaintenance(t))
	v.checkRules(t)
	if p := t.PriceEUR; p != nil && (p.Min < 0 || p.Min > p.Max) {
		v.bad(t.origin, "price_eur", "treatment %q: price range min %d, max %d: want 0 <= min <= max", t.ID, p.Min, p.Max)
	}
	v.checkPrice(t)
	v.checkSources(t.origin, t.Sources)
}

// checkAliases refuses an alias that is already another treatment's id or
// alias, in any case: Treatment could then find only one of them.
func (v *validator) checkAliases(t *Treatment) {
	for i, a := range t.Aliases {
		key := strings.ToLower(a)
		if other, ok := v.names[key]; ok && other != t.ID {
			v.bad(t.origin, fmt.Sprintf("aliases[%d]", i), "treatment %q: alias %q is already the name of treatment %q", t.ID, a, other)
		}
		v.names[key] = t.ID
	}
}

// checkAreas wants one or more areas, each a known one.
func (v *validator) checkAreas(t *Treatment) {
	if len(t.Areas) == 0 {
		v.bad(t.origin, "areas", "treatment %q: areas is missing (one or more of %s)", t.ID, strings.Join(knownAreas, ", "))
	}
	for i, x := range t.Areas {
		if !slices.Contains(knownAreas, x) {
			v.bad(t.origin, fmt.Sprintf("areas[%d]", i), "treatment %q: unknown area %q (known: %s)", t.ID, x, strings.Join(knownAreas, ", "))
		}
	}
}

// validatePhases checks each phase of the default course and returns the
// sessions they add up to. Each phase counts for at most
// maxCourseSessions+1, enough to break the cap, so that absurd counts
// cannot overflow the sum into a small number.
func (v *validator) validatePhases(t *Treatment) int {
	if len(t.Phases) == 0 {
		v.bad(t.origin, "phases", "treatment %q: a course needs at least one phase", t.ID)
	}
	total := 0
	for i, p := range t.Phases {
		sub := fmt.Sprintf("phases[%d]", i)
		if p.Name == "" {
			v.bad(t.origin, sub, "treatment %q: phase %d has no name", t.ID, i+1)
		}
		if p.Sessions <= 0 {
			v.bad(t.origin, sub+".sessions", "treatment %q: phase %q has %d sessions; a phase needs at least one", t.ID, p.Name, p.Sessions)
		}
		total += min(max(p.Sessions, 0), maxCourseSessions+1)
		v.checkInterval(t, sub+".interval_days", p.Interval)
	}
	return total
}

// checkSessionRange checks the range a request may ask for (Request.Sessions), and that the
// default course of total sessions lies within it.
func (v *validator) checkSessionRange(t *Treatment, total int) {
	r := t.Sessions
	if r.Min <= 0 || r.Min > r.Max {
		v.bad(t.origin, "sessions", "treatment %q: sessions range min %d, max %d: want 1 <= min <= max", t.ID, r.Min, r.Max)
	} else if total < r.Min || total > r.Max {
		v.bad(t.origin, "sessions", "treatment %q: the phases add up to %d sessions, outside the allowed %d..%d", t.ID, total, r.Min, r.Max)
	}
}

// validateMaintenance checks what follows the course and returns the
// maintenance sessions it adds to the course: 0 for a recall or repeat,
// and 0 for a count out of range, which is reported here already.
func (v *validator) validateMaintenance(t *Treatment) int {
	m := t.Maintenance
	if m == nil {
		return 0
	}
	switch m.Kind {
	case MaintenanceSessions:
		n := m.Sessions
		if n <= 0 || n > maxCourseSessions {
			v.bad(t.origin, "maintenance.sessions", "treatment %q: maintenance of kind sessions needs 1 to %d sessions, got %d", t.ID, maxCourseSessions, n)
			n = 0 // an absurd count must not overflow the course cap check
		}
		v.checkInterval(t, "maintenance.interval_days", m.Interval)
		return n
	case MaintenanceRecall, MaintenanceRepeat:
		switch {
		case m.After.IsZero():
			v.bad(t.origin, "maintenance.after", "treatment %q: maintenance of kind %s needs after (e.g. 6mo)", t.ID, m.Kind)
		case m.After.Unit == Minutes || m.After.Unit == Hours:
			v.bad(t.origin, "maintenance.after", "treatment %q: maintenance after %s is %s: want days (d), weeks (w) or months (mo); for months write %dmo", t.ID, m.After, m.After.Words(), m.After.N)
		}
	default:
		v.bad(t.origin, "maintenance.kind", "treatment %q: maintenance kind %q is not sessions, recall or repeat", t.ID, m.Kind)
	}
	return 0
}

// checkCourseCap bounds the longest course a request can ask for,
// maintenance included, so that no catalog that loads can make Make place
// more than maxCourseSessions sessions.
func (v *validator) checkCourseCap(t *Treatment, total, maintenance int) {
	if max(total, min(t.Sessions.Max, maxCourseSessions+1))+maintenance > maxCourseSessions {
		v.bad(t.origin, "sessions", "treatment %q: a course of more than %d sessions, maintenance included, is not allowed", t.ID, maxCourseSessions)
	}
}

// checkRules checks the treatment's own rule list against the merged
// catalog, so a rule may come from any file.
func (v *validator) checkRules(t *Treatment) {
	for i, id := range t.Rules {
		if v.c.ruleByID(id) == nil {
			var ids []string
			for _, r := range v.c.Rules {
				ids = append(ids, r.ID)
			}
			if s := Suggest(id, ids); s != "" {
				v.bad(t.origin, fmt.Sprintf("rules[%d]", i), "treatment %q: unknown rule %q: did you mean %q?", t.ID, id, s)
			} else {
				v.bad(t.origin, fmt.Sprintf("rules[%d]", i), "treatment %q: unknown rule %q", t.ID, id)
			}
		}
	}
}

// checkInterval checks the spacing before each session of a phase (or of
// maintenance) at key sub of treatment t.
func (v *validator) checkInterval(t *Treatment, sub string, iv Interval) {
	var missing []string
	for _, f := range []struct {
		name string
		n    int
	}{{"min", iv.Min}, {"target", iv.Target}, {"max", iv.Max}} {
		if f.n == 0 {
			missing = append(missing, sub+"."+f.name)
		}
	}
	switch {
	case len(missing) > 0 && len(missing) < 3:
		v.bad(t.origin, sub, "treatment %q: %s missing or 0 (days between sessions, e.g. {min: 7, target: 7, max: 10})", t.ID, strings.Join(missing, " and ")+map[bool]string{true: " is", false: " are"}[len(missing) == 1])
	case iv.Min <= 0 || iv.Target <= 0 || iv.Max <= 0:
		v.bad(t.origin, sub, "treatment %q: interval must be positive (min %d, target %d, max %d days)", t.ID, iv.Min, iv.Target, iv.Max)
	case iv.Min > iv.Target || iv.Target > iv.Max:
		v.bad(t.origin, sub, "treatment %q: interval out of order: want min <= target <= max, got min %d, target %d, max %d days", t.ID, iv.Min, iv.Target, iv.Max)
	case iv.Max > 3660:
		v.bad(t.origin, sub, "treatment %q: interval of %d days is longer than ten years", t.ID, iv.Max)
	}
}

// checkID checks the id of an entry of the given kind ("rule",
// "contraindication", "treatment").
func (v *validator) checkID(o origin, kind, id string) {
	if !reID.MatchString(id) {
		v.bad(o, "id", "invalid %s id %q: use lowercase letters, digits and '-'", kind, id)
	}
}

// checkApplies refuses an unknown area, technique or treatment in a
// restriction: a typo there would silently switch the entry off.
func (v *validator) checkApplies(o origin, a AppliesTo) {
	for i, x := range a.Areas {
		if !slices.Contains(knownAreas, x) {
			v.bad(o, fmt.Sprintf("applies_to.areas[%d]", i), "unknown area %q (known: %s)", x, strings.Join(knownAreas, ", "))
		}
	}
	for i, x := range a.Techniques {
		if !slices.Contains(knownTechniques, x) {
			v.bad(o, fmt.Sprintf("applies_to.techniques[%d]", i), "unknown technique %q (known: %s)", x, strings.Join(knownTechniques, ", "))
		}
	}
	for i, x := range a.Treatments {
		if v.c.treatmentByID(x) == nil {
			v.bad(o, fmt.Sprintf("applies_to.treatments[%d]", i), "unknown treatment %q", x)
		}
	}
}

// checkSources refuses a citation of a source the catalog does not list.
func (v *validator) checkSources(o origin, srcs []string) {
	for i, s := range srcs {
		if _, ok := v.c.Sources[s]; !ok {
			v.bad(o, fmt.Sprintf("sources[%d]", i), "unknown source %q (known: %s)", s, strings.Join(sortedKeys(v.c.Sources), ", "))
		}
	}
}

// sortedKeys returns the keys of m in order, so that messages listing them
// are the same on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var reCurrency = regexp.MustCompile(`^[A-Z]{3}$`)

// checkPrice checks a session price: a range in an ISO 4217 currency, not
// given twice.
func (v *validator) checkPrice(t *Treatment) {
	p := t.Price
	if p == nil {
		return
	}
	switch {
	case t.PriceEUR != nil:
		v.bad(t.origin, "price", "treatment %q: give price or price_eur, not both", t.ID)
	case p.Min < 0 || p.Min > p.Max || p.Max > 1_000_000:
		v.bad(t.origin, "price", "treatment %q: price range min %d, max %d: want 0 <= min <= max <= 1000000", t.ID, p.Min, p.Max)
	case !reCurrency.MatchString(p.Currency):
		v.bad(t.origin, "price.currency", "treatment %q: currency %q: want an ISO 4217 code such as EUR, USD, GBP", t.ID, p.Currency)
	}
}
