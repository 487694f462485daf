package planner

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
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

// validate checks the merged catalog as a whole; see docs/catalog.md.
func (c *Catalog) validate() error {
	var errs []string
	bad := func(o origin, sub, format string, args ...any) {
		errs = append(errs, o.at(sub)+": "+fmt.Sprintf(format, args...))
	}
	checkSources := func(o origin, srcs []string) {
		for i, s := range srcs {
			if _, ok := c.Sources[s]; !ok {
				bad(o, fmt.Sprintf("sources[%d]", i), "unknown source %q (known: %s)", s, strings.Join(sortedKeys(c.Sources), ", "))
			}
		}
	}
	checkApplies := func(o origin, a AppliesTo) {
		for i, x := range a.Areas {
			if !slices.Contains(knownAreas, x) {
				bad(o, fmt.Sprintf("applies_to.areas[%d]", i), "unknown area %q (known: %s)", x, strings.Join(knownAreas, ", "))
			}
		}
		for i, x := range a.Techniques {
			if !slices.Contains(knownTechniques, x) {
				bad(o, fmt.Sprintf("applies_to.techniques[%d]", i), "unknown technique %q (known: %s)", x, strings.Join(knownTechniques, ", "))
			}
		}
		for i, x := range a.Treatments {
			if c.treatmentByID(x) == nil {
				bad(o, fmt.Sprintf("applies_to.treatments[%d]", i), "unknown treatment %q", x)
			}
		}
	}
	checkInterval := func(o origin, id, sub string, iv Interval) {
		switch {
		case iv.Min <= 0 || iv.Target <= 0 || iv.Max <= 0:
			bad(o, sub, "treatment %q: interval must be positive (min %d, target %d, max %d days)", id, iv.Min, iv.Target, iv.Max)
		case iv.Min > iv.Target || iv.Target > iv.Max:
			bad(o, sub, "treatment %q: interval out of order: want min <= target <= max, got min %d, target %d, max %d days", id, iv.Min, iv.Target, iv.Max)
		case iv.Max > 3660:
			bad(o, sub, "treatment %q: interval of %d days is longer than ten years", id, iv.Max)
		}
	}
	for _, r := range c.Rules {
		if !reID.MatchString(r.ID) {
			bad(r.origin, "id", "invalid rule id %q: use lowercase letters, digits and '-'", r.ID)
		}
		if r.Kind != Prep && r.Kind != Aftercare {
			bad(r.origin, "kind", "rule %q: kind %q is not prep or aftercare", r.ID, r.Kind)
		}
		if r.Window.IsZero() {
			bad(r.origin, "window", "rule %q: window is missing (e.g. 48h or 7d)", r.ID)
		}
		if r.Summary == "" {
			bad(r.origin, "summary", "rule %q: summary is missing", r.ID)
		}
		checkApplies(r.origin, r.AppliesTo)
		checkSources(r.origin, r.Sources)
	}
	for _, ci := range c.Contraindications {
		if !reID.MatchString(ci.ID) {
			bad(ci.origin, "id", "invalid contraindication id %q: use lowercase letters, digits and '-'", ci.ID)
		}
		if ci.Severity != Absolute && ci.Severity != Relative {
			bad(ci.origin, "severity", "contraindication %q: severity %q is not absolute or relative", ci.ID, ci.Severity)
		}
		if ci.Name == "" {
			bad(ci.origin, "name", "contraindication %q: name is missing", ci.ID)
		}
		checkApplies(ci.origin, ci.AppliesTo)
		checkSources(ci.origin, ci.Sources)
	}
	names := map[string]string{} // id or alias -> treatment id
	for _, t := range c.Treatments {
		o := t.origin
		if !reID.MatchString(t.ID) {
			bad(o, "id", "invalid treatment id %q: use lowercase letters, digits and '-'", t.ID)
		}
		names[t.ID] = t.ID
	}
	for _, t := range c.Treatments {
		o := t.origin
		if t.Name == "" {
			bad(o, "name", "treatment %q: name is missing", t.ID)
		}
		for i, a := range t.Aliases {
			key := strings.ToLower(a)
			if other, ok := names[key]; ok && other != t.ID {
				bad(o, fmt.Sprintf("aliases[%d]", i), "treatment %q: alias %q is already the name of treatment %q", t.ID, a, other)
			}
			names[key] = t.ID
		}
		if len(t.Areas) == 0 {
			bad(o, "areas", "treatment %q: areas is missing (one or more of %s)", t.ID, strings.Join(knownAreas, ", "))
		}
		for i, x := range t.Areas {
			if !slices.Contains(knownAreas, x) {
				bad(o, fmt.Sprintf("areas[%d]", i), "treatment %q: unknown area %q (known: %s)", t.ID, x, strings.Join(knownAreas, ", "))
			}
		}
		if !slices.Contains(knownTechniques, t.Technique) {
			bad(o, "technique", "treatment %q: technique %q is not one of %s", t.ID, t.Technique, strings.Join(knownTechniques, ", "))
		}
		if t.SessionMinutes <= 0 || t.SessionMinutes > 24*60 {
			bad(o, "session_minutes", "treatment %q: session_minutes %d must be between 1 and 1440", t.ID, t.SessionMinutes)
		}
		if len(t.Phases) == 0 {
			bad(o, "phases", "treatment %q: a course needs at least one phase", t.ID)
		}
		total := 0
		for i, p := range t.Phases {
			sub := fmt.Sprintf("phases[%d]", i)
			if p.Name == "" {
				bad(o, sub, "treatment %q: phase %d has no name", t.ID, i+1)
			}
			if p.Sessions <= 0 {
				bad(o, sub+".sessions", "treatment %q: phase %q has %d sessions; a phase needs at least one", t.ID, p.Name, p.Sessions)
			}
			total += min(max(p.Sessions, 0), maxCourseSessions+1) // no overflow on absurd input
			checkInterval(o, t.ID, sub+".interval_days", p.Interval)
		}
		if t.Sessions.Min <= 0 || t.Sessions.Min > t.Sessions.Max {
			bad(o, "sessions", "treatment %q: sessions range min %d, max %d: want 1 <= min <= max", t.ID, t.Sessions.Min, t.Sessions.Max)
		} else if total < t.Sessions.Min || total > t.Sessions.Max {
			bad(o, "sessions", "treatment %q: the phases add up to %d sessions, outside the allowed %d..%d", t.ID, total, t.Sessions.Min, t.Sessions.Max)
		}
		maintenance := 0
		if m := t.Maintenance; m != nil {
			switch m.Kind {
			case MaintenanceSessions:
				if m.Sessions <= 0 || m.Sessions > maxCourseSessions {
					bad(o, "maintenance.sessions", "treatment %q: maintenance of kind sessions needs 1 to %d sessions, got %d", t.ID, maxCourseSessions, m.Sessions)
				} else {
					maintenance = m.Sessions
				}
				checkInterval(o, t.ID, "maintenance.interval_days", m.Interval)
			case MaintenanceRecall, MaintenanceRepeat:
				if m.After.IsZero() {
					bad(o, "maintenance.after", "treatment %q: maintenance of kind %s needs after (e.g. 6mo)", t.ID, m.Kind)
				}
			default:
				bad(o, "maintenance.kind", "treatment %q: maintenance kind %q is not sessions, recall or repeat", t.ID, m.Kind)
			}
		}
		// The longest course --sessions can ask for, maintenance included.
		if max(total, min(t.Sessions.Max, maxCourseSessions+1))+maintenance > maxCourseSessions {
			bad(o, "sessions", "treatment %q: a course of more than %d sessions, maintenance included, is not allowed", t.ID, maxCourseSessions)
		}
		for i, id := range t.Rules {
			if c.ruleByID(id) == nil {
				bad(o, fmt.Sprintf("rules[%d]", i), "treatment %q: unknown rule %q", t.ID, id)
			}
		}
		if t.PriceEUR != nil && (t.PriceEUR.Min < 0 || t.PriceEUR.Min > t.PriceEUR.Max) {
			bad(o, "price_eur", "treatment %q: price range min %d, max %d: want 0 <= min <= max", t.ID, t.PriceEUR.Min, t.PriceEUR.Max)
		}
		checkSources(o, t.Sources)
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New(strings.Join(errs, "\n"))
}

// sortedKeys returns the keys of m in order, so that messages listing them
// are the same on every run.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
