package planner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// CatalogFile is one catalog document: its name (a path, or "built-in") for
// error messages, and its YAML text.
type CatalogFile struct {
	Name string
	Data []byte
}

// Catalog holds every treatment, preparation/aftercare rule and
// contraindication mesoplan knows, merged from the built-in catalog and the
// practitioner's files. Its format is described in docs/catalog.md.
type Catalog struct {
	Version           int                `yaml:"version"`
	Sources           map[string]string  `yaml:"sources"`
	Rules             []Rule             `yaml:"rules"`
	Contraindications []Contraindication `yaml:"contraindications"`
	Treatments        []Treatment        `yaml:"treatments"`
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
	PriceEUR       *Range       `yaml:"price_eur"`
	Sources        []string     `yaml:"sources"`
	origin         origin
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

// Known areas and techniques. Validation rejects others, so that a typo in
// a practitioner's file cannot silently switch a rule off.
var (
	knownAreas      = []string{"face", "scalp", "body"}
	knownTechniques = []string{"injection", "needle-free"}
)

// maxCourseSessions bounds a course, maintenance included.
const maxCourseSessions = 100

// origin remembers where an entry was defined, so that validation errors
// can name the file and line.
type origin struct {
	file *fileIndex
	path string // e.g. "treatments[2]"
}

// at returns "file:line" for a key below the entry, e.g. "phases[0].interval_days".
func (o origin) at(sub string) string {
	if o.file == nil {
		return "catalog"
	}
	p := o.path
	if sub != "" {
		p += "." + sub
	}
	return o.file.position(p)
}

// fileIndex maps key paths of one YAML document to line numbers.
type fileIndex struct {
	name  string
	lines map[string]int
}

func (f *fileIndex) position(path string) string {
	// Fall back to the nearest enclosing key that has a line.
	for p := path; p != ""; {
		if line, ok := f.lines[p]; ok {
			return fmt.Sprintf("%s:%d", f.name, line)
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return f.name
}

func indexNode(n *yaml.Node, path string, lines map[string]int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			indexNode(c, path, lines)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			p := k
			if path != "" {
				p = path + "." + k
			}
			lines[p] = n.Content[i].Line
			indexNode(n.Content[i+1], p, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			lines[p] = c.Line
			indexNode(c, p, lines)
		}
	}
}

// UnmarshalYAML decodes a span written as in [ParseSpan]; the decoder adds
// the line of a bad value.
func (s *Span) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("a duration must be a value such as 48h or 7d")
	}
	v, err := ParseSpan(n.Value)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// LoadCatalog decodes and merges catalog files in order (later files add
// entries or replace earlier ones with the same id), then validates the
// result. Errors name the file and line.
func LoadCatalog(files ...CatalogFile) (*Catalog, error) {
	merged := &Catalog{Version: 1, Sources: map[string]string{}}
	for _, f := range files {
		c, err := decodeCatalog(f)
		if err != nil {
			return nil, err
		}
		merged.merge(c)
	}
	if err := merged.validate(); err != nil {
		return nil, err
	}
	return merged, nil
}

var (
	reUnknownKey = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	reBadType    = regexp.MustCompile("^cannot (?:unmarshal|construct) !!(\\w+)(?: `(.*)`)? into (.+)$")
)

func decodeCatalog(f CatalogFile) (*Catalog, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(f.Data, &root); err != nil {
		return nil, YAMLError(f.Name, f.Data, err)
	}
	idx := &fileIndex{name: f.Name, lines: map[string]int{}}
	indexNode(&root, "", idx.lines)

	if len(root.Content) > 0 && root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a catalog must be a mapping with keys version, sources, rules, contraindications, treatments", f.Name, root.Content[0].Line)
	}
	var c Catalog
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, YAMLError(f.Name, f.Data, err)
	}
	// A second document would be silently ignored: refuse it.
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%s:%d: a catalog file holds one YAML document; this is a second one", f.Name, max(extra.Line, 1))
	} else if !errors.Is(err, io.EOF) {
		return nil, YAMLError(f.Name, f.Data, err)
	}
	if c.Version != 0 && c.Version != 1 {
		return nil, fmt.Errorf("%s: unsupported catalog version %d: this mesoplan reads version 1", idx.position("version"), c.Version)
	}
	for i := range c.Rules {
		c.Rules[i].origin = origin{idx, fmt.Sprintf("rules[%d]", i)}
	}
	for i := range c.Contraindications {
		c.Contraindications[i].origin = origin{idx, fmt.Sprintf("contraindications[%d]", i)}
	}
	for i := range c.Treatments {
		c.Treatments[i].origin = origin{idx, fmt.Sprintf("treatments[%d]", i)}
	}
	if err := checkUniqueIDs(idx, c); err != nil {
		return nil, err
	}
	return &c, nil
}

// YAMLError rewrites a YAML decoder's error for the document name (a
// catalog or config file) into "name:line: message" lines, in words a
// practitioner can act on.
func YAMLError(name string, data []byte, err error) error {
	type located struct {
		line int
		msg  string
	}
	var found []located
	var many *yaml.LoadErrors
	var one *yaml.LoadError
	switch {
	case errors.As(err, &many):
		for _, e := range many.Errors {
			found = append(found, located{e.Mark.Line, e.Message})
		}
	case errors.As(err, &one):
		found = append(found, located{one.Mark.Line, one.Message})
	default:
		found = append(found, located{0, strings.TrimPrefix(err.Error(), "yaml: ")})
	}
	out := make([]string, 0, len(found))
	for _, f := range found {
		text := f.msg
		if sm := reUnknownKey.FindStringSubmatch(text); sm != nil {
			text = fmt.Sprintf("unknown key %q (see docs/catalog.md for the keys each entry takes)", sm[1])
		} else if sm := reBadType.FindStringSubmatch(text); sm != nil && sm[2] != "" {
			text = fmt.Sprintf("cannot use %s %q as %s", yamlKind(sm[1]), sm[2], goKind(sm[3]))
		} else if sm != nil {
			text = fmt.Sprintf("cannot use %s as %s", yamlKind(sm[1]), goKind(sm[3]))
		}
		if f.line > 0 {
			out = append(out, fmt.Sprintf("%s:%d: %s", name, clampLine(f.line, data), text))
		} else {
			out = append(out, fmt.Sprintf("%s: %s", name, text))
		}
	}
	return errors.New(strings.Join(out, "\n"))
}

// clampLine keeps a line number inside the document: the decoder reports
// an error found at the end of the input (an unclosed bracket) on the line
// after the last one.
func clampLine(n int, data []byte) int {
	lines := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		lines++
	}
	if n > lines && lines > 0 {
		n = lines
	}
	return n
}

func yamlKind(tag string) string {
	switch tag {
	case "str":
		return "text"
	case "int", "float":
		return "number"
	case "seq":
		return "a list"
	case "map":
		return "a mapping"
	}
	return tag
}

func goKind(t string) string {
	switch {
	case t == "int":
		return "a whole number"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	}
	return "a mapping (" + strings.TrimPrefix(t, "planner.") + ")"
}

func checkUniqueIDs(idx *fileIndex, c Catalog) error {
	check := func(list string, ids []string) error {
		seen := map[string]int{}
		for i, id := range ids {
			if j, ok := seen[id]; ok {
				return fmt.Errorf("%s: duplicate id %q in %s (first at %s)", idx.position(fmt.Sprintf("%s[%d].id", list, i)), id, list, idx.position(fmt.Sprintf("%s[%d].id", list, j)))
			}
			seen[id] = i
		}
		return nil
	}
	ids := func(n int, get func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = get(i)
		}
		return out
	}
	if err := check("rules", ids(len(c.Rules), func(i int) string { return c.Rules[i].ID })); err != nil {
		return err
	}
	if err := check("contraindications", ids(len(c.Contraindications), func(i int) string { return c.Contraindications[i].ID })); err != nil {
		return err
	}
	return check("treatments", ids(len(c.Treatments), func(i int) string { return c.Treatments[i].ID }))
}

// merge adds o's entries to c, replacing entries with the same id in place.
func (c *Catalog) merge(o *Catalog) {
	for k, v := range o.Sources {
		c.Sources[k] = v
	}
	c.Rules = mergeByID(c.Rules, o.Rules, func(r Rule) string { return r.ID })
	c.Contraindications = mergeByID(c.Contraindications, o.Contraindications, func(r Contraindication) string { return r.ID })
	c.Treatments = mergeByID(c.Treatments, o.Treatments, func(t Treatment) string { return t.ID })
}

func mergeByID[T any](base, add []T, id func(T) string) []T {
	for _, a := range add {
		if i := slices.IndexFunc(base, func(b T) bool { return id(b) == id(a) }); i >= 0 {
			base[i] = a
		} else {
			base = append(base, a)
		}
	}
	return base
}

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

func (c *Catalog) treatmentByID(id string) *Treatment {
	for i := range c.Treatments {
		if c.Treatments[i].ID == id {
			return &c.Treatments[i]
		}
	}
	return nil
}

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
	var out []Rule
	for _, r := range c.Rules {
		if len(t.Rules) > 0 {
			if slices.Contains(t.Rules, r.ID) {
				out = append(out, r)
			}
		} else if r.AppliesTo.Matches(t) {
			out = append(out, r)
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

// Suggest returns the candidate nearest to s when it is near enough to be
// a likely typo or abbreviation, else "".
func Suggest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(s, lc)
		if s != "" && (strings.HasPrefix(lc, s) || strings.HasPrefix(s, lc)) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist <= max(2, len(s)/3) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func itoa(n int) string { return strconv.Itoa(n) }
