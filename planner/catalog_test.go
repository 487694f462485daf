package planner

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// baseCatalog is a small valid catalog. The tests below change single lines
// of it, so every expected line number can be read off here.
const baseCatalog = `version: 1
sources:
  s1: Source one
rules:
  - id: r1
    kind: prep
    window: 7d
    summary: Rule one
    sources: [s1]
contraindications:
  - id: c1
    name: Condition one
    severity: absolute
treatments:
  - id: t1
    name: Treatment one
    aliases: [tee]
    areas: [face]
    technique: injection
    session_minutes: 30
    sessions: {min: 1, max: 6}
    phases:
      - name: p
        sessions: 3
        interval_days: {min: 7, target: 7, max: 10}
    rules: [r1]
    sources: [s1]
`

// secondTreatment is appended to baseCatalog from line 28.
const secondTreatment = `  - id: t2
    name: Treatment two
    aliases: [two]
    areas: [body]
    technique: needle-free
    session_minutes: 20
    sessions: {min: 1, max: 3}
    phases:
      - name: q
        sessions: 2
        interval_days: {min: 14, target: 14, max: 14}
`

// edit returns baseCatalog with line n (1-based) replaced by each of repl
// (several lines when more are given, none when repl is empty).
func edit(n int, repl ...string) string { return editRange(n, n, repl...) }

// editRange returns baseCatalog with lines from..to (1-based, inclusive)
// replaced by repl.
func editRange(from, to int, repl ...string) string {
	lines := strings.Split(baseCatalog, "\n")
	out := append(slices.Clone(lines[:from-1]), repl...)
	return strings.Join(append(out, lines[to:]...), "\n")
}

func TestLoadCatalogBase(t *testing.T) {
	c, err := LoadCatalog(CatalogFile{Name: "base.yaml", Data: []byte(baseCatalog)})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := c.Treatment("TEE")
	if err != nil || tr.ID != "t1" || tr.DefaultSessions() != 3 || tr.Phases[0].Interval != (Interval{7, 7, 10}) {
		t.Fatalf("t1 = %+v, %v", tr, err)
	}
	if r := c.Rules[0]; r.Window != (Span{7, Days}) || r.Kind != Prep {
		t.Errorf("r1 = %+v", r)
	}
	// An empty document, or comments alone, is a catalog that adds
	// nothing (the command line refuses an empty file it is given; a saved
	// plan may hold one).
	for _, data := range []string{"", "# clinic protocols, none yet\n"} {
		c, err = LoadCatalog(CatalogFile{Name: "empty.yaml", Data: []byte(data)})
		if err != nil || len(c.Treatments) != 0 || c.Version != 1 {
			t.Errorf("catalog %q = %+v, %v", data, c, err)
		}
	}
	// Text that is not UTF-8 is named with its line.
	if _, err := LoadCatalog(CatalogFile{Name: "latin.yaml", Data: []byte("rules:\n  - id: caf\xe9\n")}); err == nil || err.Error() != "latin.yaml:2: not UTF-8 text: save the file as UTF-8" {
		t.Errorf("Latin-1 catalog: %v", err)
	}
	// No files at all: likewise.
	if c, err := LoadCatalog(); err != nil || len(c.Treatments) != 0 {
		t.Errorf("no files = %+v, %v", c, err)
	}
}

func TestLoadCatalogErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string // each a prefix of a line of the error; "a|b": either
	}{
		{"unknown key", edit(20, "    foo: 1"),
			[]string{`x.yaml:20: unknown key "foo" (see docs/catalog.md for the keys each entry takes)`}},
		{"unknown top-level key", edit(2, "colours: 1", "sources:"),
			[]string{`x.yaml:2: unknown key "colours"`}},
		{"unknown key in a phase", edit(25, "        interval_days: {min: 7, target: 7, max: 10}", "        pause: 1"),
			[]string{`x.yaml:26: unknown key "pause"`}},
		{"syntax error", edit(16, "    name: Treatment: one"),
			[]string{"x.yaml:16: mapping values are not allowed in this context"}},
		// An unclosed bracket is only noticed on the next line; either
		// line will do.
		{"unclosed flow sequence", edit(18, "    areas: [face"),
			[]string{"x.yaml:18: |x.yaml:19: did not find expected ',' or ']'"}},
		{"unclosed flow mapping", edit(25, "        interval_days: {min: 7, target: 7, max: 10"),
			[]string{"x.yaml:25: |x.yaml:26: did not find expected ',' or '}'"}},
		{"unclosed bracket at the end", baseCatalog + "    price_eur: {min: 1, max: 2",
			[]string{"x.yaml:28: did not find expected ',' or '}'"}},
		{"bad indentation", edit(16, "   name: Treatment one"),
			[]string{"x.yaml:16: "}},
		{"tab indentation", edit(18, "\tareas: [face]"),
			[]string{"x.yaml:18: a tab indents this line: YAML indents with spaces only"}},
		{"unterminated quote", edit(27, "    sources: ['s1]"),
			[]string{"x.yaml:27: found unexpected end of stream"}},
		{"wrong type for a range", edit(21, "    sessions: abc"),
			[]string{`x.yaml:21: cannot use text "abc" as a range such as {min: 3, max: 8}`}},
		{"wrong type for a count", edit(24, "        sessions: abc"),
			[]string{`x.yaml:24: cannot use text "abc" as a whole number`}},
		{"wrong type for a list", edit(18, "    areas: face"),
			[]string{`x.yaml:18: cannot use text "face" as a list`}},
		{"bad window unit", edit(7, "    window: 7x"),
			[]string{`x.yaml:7: invalid duration "7x": want a whole number and a unit m, h, d, w or mo, e.g. 30m, 48h, 7d, 2w, 6mo`}},
		{"zero window", edit(7, "    window: 0d"),
			[]string{`x.yaml:7: invalid duration "0d": must be greater than zero`}},
		{"window not a scalar", edit(7, "    window: {d: 7}"),
			[]string{"x.yaml:7: a duration must be a value such as 48h or 7d"}},
		{"missing window", edit(7),
			[]string{`x.yaml:5: rule "r1": window is missing (e.g. 48h or 7d)`}},
		{"bad kind", edit(6, "    kind: during"),
			[]string{`x.yaml:6: rule "r1": kind "during" is not prep or aftercare`}},
		{"bad severity", edit(13, "    severity: mild"),
			[]string{`x.yaml:13: contraindication "c1": severity "mild" is not absolute or relative`}},
		{"interval min above target", edit(25, "        interval_days: {min: 8, target: 7, max: 10}"),
			[]string{`x.yaml:25: treatment "t1": interval out of order: want min <= target <= max, got min 8, target 7, max 10 days`}},
		{"interval target above max", edit(25, "        interval_days: {min: 7, target: 11, max: 10}"),
			[]string{`x.yaml:25: treatment "t1": interval out of order`}},
		{"zero interval", edit(25, "        interval_days: {min: 0, target: 7, max: 10}"),
			[]string{`x.yaml:25: treatment "t1": phases[0].interval_days.min is missing or 0 (days between sessions, e.g. {min: 7, target: 7, max: 10})`}},
		{"missing interval", edit(25),
			[]string{`x.yaml:23: treatment "t1": interval must be positive (min 0, target 0, max 0 days)`}},
		{"interval over ten years", edit(25, "        interval_days: {min: 7, target: 7, max: 3661}"),
			[]string{`x.yaml:25: treatment "t1": interval of 3661 days is longer than ten years`}},
		{"phase with no sessions", edit(24, "        sessions: 0"),
			[]string{
				`x.yaml:24: treatment "t1": phase "p" has 0 sessions; a phase needs at least one`,
				`x.yaml:21: treatment "t1": the phases add up to 0 sessions, outside the allowed 1..6`,
			}},
		{"no phases", editRange(22, 25, "    phases: []"),
			[]string{`x.yaml:22: treatment "t1": a course needs at least one phase`}},
		{"unknown rule", edit(26, "    rules: [r1, r2]"),
			[]string{`x.yaml:26: treatment "t1": unknown rule "r2"`}},
		{"unknown rule on its own line", edit(26, "    rules:", "      - r1", "      - nsaids"),
			[]string{`x.yaml:28: treatment "t1": unknown rule "nsaids"`}},
		{"unknown source", edit(27, "    sources: [s2]"),
			[]string{`x.yaml:27: unknown source "s2" (known: s1)`}},
		{"unknown source in a rule", edit(9, "    sources:", "      - s1", "      - s9"),
			[]string{`x.yaml:11: unknown source "s9" (known: s1)`}},
		{"unknown area", edit(18, "    areas: [face, neck]"),
			[]string{`x.yaml:18: treatment "t1": unknown area "neck" (known: face, scalp, body)`}},
		{"unknown technique", edit(19, "    technique: laser"),
			[]string{`x.yaml:19: treatment "t1": technique "laser" is not one of injection, needle-free`}},
		{"unknown treatment in applies_to", edit(13, "    severity: absolute", "    applies_to:", "      treatments: [t1, t3]"),
			[]string{`x.yaml:15: unknown treatment "t3"`}},
		{"session minutes", edit(20, "    session_minutes: 0"),
			[]string{`x.yaml:20: treatment "t1": session_minutes 0 must be between 1 and 1440`}},
		{"default course outside the range", edit(21, "    sessions: {min: 4, max: 6}"),
			[]string{`x.yaml:21: treatment "t1": the phases add up to 3 sessions, outside the allowed 4..6`}},
		{"range upside down", edit(21, "    sessions: {min: 6, max: 4}"),
			[]string{`x.yaml:21: treatment "t1": sessions range min 6, max 4: want 1 <= min <= max`}},
		{"more than 100 sessions", edit(21, "    sessions: {min: 1, max: 101}"),
			[]string{`x.yaml:21: treatment "t1": a course of more than 100 sessions`}},
		{"more than 100 with maintenance", edit(26,
			"    maintenance:", "      kind: sessions", "      sessions: 98", "      interval_days: {min: 28, target: 30, max: 35}",
			"    rules: [r1]"),
			[]string{`x.yaml:21: treatment "t1": a course of more than 100 sessions`}},
		{"maintenance kind", edit(26, "    maintenance:", "      kind: forever", "    rules: [r1]"),
			[]string{`x.yaml:27: treatment "t1": maintenance kind "forever" is not sessions, recall or repeat`}},
		{"recall without after", edit(26, "    maintenance:", "      kind: recall", "    rules: [r1]"),
			[]string{`x.yaml:26: treatment "t1": maintenance of kind recall needs after (e.g. 6mo)`}},
		{"maintenance sessions without count", edit(26, "    maintenance:", "      kind: sessions",
			"      interval_days: {min: 28, target: 30, max: 35}", "    rules: [r1]"),
			[]string{`x.yaml:26: treatment "t1": maintenance of kind sessions needs`}},
		{"alias is another id", baseCatalog + strings.Replace(secondTreatment, "aliases: [two]", "aliases: [two, t1]", 1),
			[]string{`x.yaml:30: treatment "t2": alias "t1" is already the name of treatment "t1"`}},
		{"alias is another alias, any case", baseCatalog + strings.Replace(secondTreatment, "aliases: [two]", "aliases: [TEE]", 1),
			[]string{`x.yaml:30: treatment "t2": alias "TEE" is already the name of treatment "t1"`}},
		{"duplicate treatment id", baseCatalog + strings.Replace(secondTreatment, "id: t2", "id: t1", 1),
			[]string{`x.yaml:28: duplicate id "t1" in treatments (first at x.yaml:15)`}},
		{"duplicate rule id", edit(9, "    sources: [s1]", "  - id: r1", "    kind: aftercare", "    window: 24h", "    summary: Again"),
			[]string{`x.yaml:10: duplicate id "r1" in rules (first at x.yaml:5)`}},
		{"bad id", edit(15, "  - id: T_1"),
			[]string{`x.yaml:15: invalid treatment id "T_1": use lowercase letters, digits and '-'`}},
		{"empty id", edit(11, `  - id: ""`),
			[]string{`x.yaml:11: invalid contraindication id "": use lowercase letters, digits and '-'`}},
		{"missing name", edit(16),
			[]string{`x.yaml:15: treatment "t1": name is missing`}},
		{"version", edit(1, "version: 2"),
			[]string{"x.yaml:1: unsupported catalog version 2: this mesoplan reads version 1"}},
		{"a scalar", "# nothing\n\nnull\n",
			[]string{"x.yaml:3: a catalog must be a mapping with keys version, sources, rules, contraindications, treatments"}},
		{"price", edit(27, "    sources: [s1]", "    price_eur: {min: 100, max: 50}"),
			[]string{`x.yaml:28: treatment "t1": price range min 100, max 50: want 0 <= min <= max`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(tt.doc)})
			if err == nil {
				t.Fatalf("LoadCatalog succeeded (%d treatments), want an error\n%s", len(c.Treatments), tt.doc)
			}
			lines := strings.Split(err.Error(), "\n")
			for _, want := range tt.want {
				alts := strings.Split(want, "|")
				if !slices.ContainsFunc(lines, func(l string) bool {
					return slices.ContainsFunc(alts, func(a string) bool { return strings.HasPrefix(l, a) })
				}) {
					t.Errorf("error:\n%s\nwant a line starting %q", err, want)
				}
			}
			for _, l := range lines {
				if !strings.HasPrefix(l, "x.yaml:") {
					t.Errorf("error line %q does not start with file:line", l)
				}
			}
		})
	}
}

// TestLoadCatalogMerge: a later file replaces entries by id, whole, and
// adds new ones; the merged catalog is validated as a whole and errors name
// the file they come from.
func TestLoadCatalogMerge(t *testing.T) {
	override := `treatments:
  - id: t1
    name: Treatment one, revised
    areas: [scalp]
    technique: injection
    session_minutes: 45
    sessions: {min: 2, max: 8}
    phases:
      - name: weekly
        sessions: 5
        interval_days: {min: 6, target: 7, max: 9}
rules:
  - id: r1
    kind: prep
    window: 48h
    summary: Rule one, shorter
  - id: r2
    kind: aftercare
    window: 2w
    summary: Rule two
sources:
  s2: Source two
`
	c, err := LoadCatalog(
		CatalogFile{Name: "base.yaml", Data: []byte(baseCatalog + secondTreatment)},
		CatalogFile{Name: "mine.yaml", Data: []byte(override)},
	)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tr := range c.Treatments {
		ids = append(ids, tr.ID)
	}
	if !slices.Equal(ids, []string{"t1", "t2"}) {
		t.Errorf("treatments = %v, want [t1 t2] (replaced in place)", ids)
	}
	t1, _ := c.Treatment("t1")
	if t1.Name != "Treatment one, revised" || t1.SessionMinutes != 45 || t1.DefaultSessions() != 5 || len(t1.Aliases) != 0 || t1.Rules != nil {
		t.Errorf("t1 not replaced whole: %+v", t1)
	}
	if _, err := c.Treatment("tee"); err == nil {
		t.Error("the replaced treatment's alias still resolves")
	}
	if len(c.Rules) != 2 || c.Rules[0].Window != (Span{48, Hours}) || c.Rules[1].ID != "r2" {
		t.Errorf("rules = %+v", c.Rules)
	}
	if c.Sources["s1"] == "" || c.Sources["s2"] != "Source two" {
		t.Errorf("sources = %v", c.Sources)
	}
	// t1 now has no rule list of its own: every matching rule applies.
	var rules []string
	for _, r := range c.RulesFor(t1) {
		rules = append(rules, r.ID)
	}
	if !slices.Equal(rules, []string{"r1", "r2"}) {
		t.Errorf("RulesFor(t1) = %v", rules)
	}

	// A later file adds a treatment to the built-in catalog, and replaces one.
	mine := `treatments:
  - id: scalp-boost
    name: Scalp boost
    areas: [scalp]
    technique: injection
    session_minutes: 20
    sessions: {min: 2, max: 4}
    phases:
      - name: fortnightly
        sessions: 3
        interval_days: {min: 14, target: 14, max: 21}
    rules: [nsaids, heat]
    sources: ["001"]
  - id: mesobotox
    name: Mesobotox, two sessions
    areas: [face]
    technique: injection
    session_minutes: 15
    sessions: {min: 2, max: 2}
    phases:
      - name: treatment
        sessions: 2
        interval_days: {min: 14, target: 14, max: 14}
`
	c, err = LoadCatalog(CatalogFile{Name: "catalog.yaml", Data: builtinCatalogBytes()}, CatalogFile{Name: "mine.yaml", Data: []byte(mine)})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Treatments) != 9 || c.Treatments[8].ID != "scalp-boost" || c.Treatments[4].ID != "mesobotox" || c.Treatments[4].SessionMinutes != 15 {
		t.Errorf("merged treatments: %d, last %q", len(c.Treatments), c.Treatments[len(c.Treatments)-1].ID)
	}
	p := mustPlan(t, c, request(t, "scalp-boost", "2027-03-16"))
	if got := sessionDates(p); !slices.Equal(got, []string{"2027-03-16", "2027-03-30", "2027-04-13"}) {
		t.Errorf("scalp-boost sessions = %v", got)
	}
	for _, w := range p.Windows {
		if w.Rule != "nsaids" && w.Rule != "heat" {
			t.Errorf("window for rule %q outside the treatment's list", w.Rule)
		}
	}
	// The replacement has no aliases: the built-in ones went with the
	// entry it replaced.
	if tr, err := c.Treatment("microbotox"); err == nil {
		t.Errorf("microbotox still resolves, to %s", tr.ID)
	}
	if p := mustPlan(t, c, request(t, "mesobotox", "2027-03-16")); len(p.Sessions) != 2 || p.Maintenance != nil {
		t.Errorf("replaced mesobotox: %d sessions, maintenance %+v", len(p.Sessions), p.Maintenance)
	}

	// Validation runs after merging: an error in the second file names it.
	bad := "treatments:\n  - id: t3\n    name: Three\n    areas: [face]\n    technique: injection\n    session_minutes: 30\n" +
		"    sessions: {min: 1, max: 2}\n    phases:\n      - {name: p, sessions: 1, interval_days: {min: 1, target: 1, max: 1}}\n" +
		"    rules: [r1, r9]\n"
	_, err = LoadCatalog(CatalogFile{Name: "base.yaml", Data: []byte(baseCatalog)}, CatalogFile{Name: "extra.yaml", Data: []byte(bad)})
	if err == nil || err.Error() != `extra.yaml:10: treatment "t3": unknown rule "r9": did you mean "r1"?` {
		t.Errorf("error = %v", err)
	}
	// ... and a later file may supply what an earlier one lacks.
	fix := "rules:\n  - id: r9\n    kind: aftercare\n    window: 1d\n    summary: Nine\n"
	if _, err := LoadCatalog(
		CatalogFile{Name: "base.yaml", Data: []byte(baseCatalog)},
		CatalogFile{Name: "extra.yaml", Data: []byte(bad)},
		CatalogFile{Name: "fix.yaml", Data: []byte(fix)},
	); err != nil {
		t.Errorf("rule defined in a later file: %v", err)
	}
	// Duplicates are checked within one file only: the same id in two
	// files is a replacement.
	if _, err := LoadCatalog(
		CatalogFile{Name: "a.yaml", Data: []byte(baseCatalog)},
		CatalogFile{Name: "b.yaml", Data: []byte(baseCatalog)},
	); err != nil {
		t.Errorf("the same catalog twice: %v", err)
	}
	// A syntax error in the second file names it.
	_, err = LoadCatalog(CatalogFile{Name: "a.yaml", Data: []byte(baseCatalog)}, CatalogFile{Name: "b.yaml", Data: []byte("rules:\n  - id: x\n   kind: prep\n")})
	if err == nil || !strings.HasPrefix(err.Error(), "b.yaml:") {
		t.Errorf("error = %v", err)
	}
}

func TestLoadBuiltinCatalog(t *testing.T) {
	cat := builtin(t)
	var ids []string
	for _, tr := range cat.Treatments {
		ids = append(ids, tr.ID)
	}
	want := []string{"mesolifting", "hair", "body-contouring", "cellulite", "mesobotox", "needle-free", "analgesic", "skin-quality"}
	if !slices.Equal(ids, want) {
		t.Errorf("treatments = %v, want %v", ids, want)
	}
	if len(cat.Rules) != 14 || len(cat.Contraindications) != 19 || len(cat.Sources) != 5 {
		t.Errorf("%d rules, %d contraindications, %d sources", len(cat.Rules), len(cat.Contraindications), len(cat.Sources))
	}
	// Every alias resolves to its treatment.
	for _, tr := range cat.Treatments {
		for _, a := range tr.Aliases {
			if got, err := cat.Treatment(a); err != nil || got.ID != tr.ID {
				t.Errorf("alias %q -> %v, %v", a, got, err)
			}
		}
	}
	// The built-in catalog loads under any name, and its errors would be
	// reported under that name.
	if _, err := LoadCatalog(CatalogFile{Name: "built-in catalog.yaml", Data: builtinCatalogBytes()}); err != nil {
		t.Error(err)
	}
}

// TestLoadCatalogCourseCap: the validation caps a course, maintenance
// included, at 100 sessions (docs/catalog.md), so no catalog that loads can
// make Make place more than 100 sessions.
//
// Regression: validate once summed the course in an int that overflowed.
// With a one-session phase and "maintenance: {kind: sessions, sessions:
// 9223372036854775807}" the total wrapped negative and the catalog loaded;
// Make then tried to build 2^63 slots (hang, then out of memory). Three
// phases of 2^63-1, 2^63-1 and 3 sessions wrap to a total of 1 the same
// way. Make is not called here for that reason.
func TestLoadCatalogCourseCap(t *testing.T) {
	tests := []struct {
		name string
		doc  string
	}{
		{"maintenance overflowing the total", edit(26,
			"    maintenance:", "      kind: sessions", "      sessions: 9223372036854775807",
			"      interval_days: {min: 28, target: 30, max: 35}", "    rules: [r1]")},
		{"phases overflowing the total", editRange(21, 25,
			"    sessions: {min: 1, max: 1}",
			"    phases:",
			"      - {name: a, sessions: 9223372036854775807, interval_days: {min: 7, target: 7, max: 10}}",
			"      - {name: b, sessions: 9223372036854775807, interval_days: {min: 7, target: 7, max: 10}}",
			"      - {name: c, sessions: 3, interval_days: {min: 7, target: 7, max: 10}}")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(tt.doc)})
			if err == nil {
				tr := c.Treatments[0]
				m := 0
				if tr.Maintenance != nil {
					m = tr.Maintenance.Sessions
				}
				t.Fatalf("catalog loaded with a course of %d phase sessions + %d maintenance sessions; want a validation error", tr.DefaultSessions(), m)
			}
			if !strings.Contains(err.Error(), "x.yaml:") {
				t.Errorf("error = %v", err)
			}
		})
	}
}

// TestSessionsOverrideCap: --sessions at the top of the allowed range must
// not make a course longer than the 100-session cap that validation
// promises ("a course (phases plus maintenance sessions) has more than 100
// sessions" is rejected).
//
// Regression: the cap was once checked as max(phases + maintenance,
// sessions.max) <= 100, but Make's course is sessions.max + maintenance when
// --sessions asks for the maximum: a treatment with sessions {min: 1, max:
// 100}, one phase of 1 session and 99 maintenance sessions loaded, and Make
// with Sessions 100 planned 199 sessions.
func TestSessionsOverrideCap(t *testing.T) {
	doc := edit(21, "    sessions: {min: 1, max: 100}")
	doc = strings.Replace(doc, "        sessions: 3\n", "        sessions: 1\n", 1)
	doc = strings.Replace(doc, "    rules: [r1]\n", "    maintenance:\n      kind: sessions\n      sessions: 99\n      interval_days: {min: 28, target: 30, max: 35}\n    rules: [r1]\n", 1)
	c, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(doc)})
	if err != nil {
		return // rejecting the catalog is one correct fix
	}
	req := request(t, "t1", "2027-03-16")
	req.Sessions = 100
	p, err := Make(c, req)
	if err == nil && len(p.Sessions) > maxCourseSessions {
		t.Errorf("catalog loaded and --sessions 100 plans %d sessions, above the %d-session cap", len(p.Sessions), maxCourseSessions)
	}
}

// TestLoadCatalogTypeErrorsReadable: a value of the wrong kind (a list where
// a mapping belongs, a list for the whole document) is reported at its line
// in the catalog's own words, without YAML tags or Go type names.
//
// Regression: reBadType once wanted a value between the tag and "into",
// but the decoder gives none for lists and mappings ("cannot unmarshal
// !!seq into planner.Range"), so such messages passed through raw; for a
// top-level list the decoder's message also pre-empted the "a catalog must
// be a mapping" check.
func TestLoadCatalogTypeErrorsReadable(t *testing.T) {
	tests := []struct {
		name, doc, prefix string
	}{
		{"a list for a range", edit(21, "    sessions: [1, 6]"), "x.yaml:21: "},
		{"a mapping for a list", edit(18, "    areas: {face: 1}"), "x.yaml:18: "},
		{"a list for the document", "# a list\n- id: t1\n", "x.yaml:2: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCatalog(CatalogFile{Name: "x.yaml", Data: []byte(tt.doc)})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.prefix) {
				t.Errorf("error = %q, want it to start %q", msg, tt.prefix)
			}
			if strings.Contains(msg, "!!") || strings.Contains(msg, "planner.") {
				t.Errorf("error = %q: the decoder's raw message (YAML tag, Go type) leaks through", msg)
			}
		})
	}
}

func TestContraindicationLookup(t *testing.T) {
	cat := builtin(t)
	for _, name := range []string{"pregnancy", "PREGNANCY", " pregnancy "} {
		if ci, err := cat.Contraindication(name); err != nil || ci.ID != "pregnancy" || ci.Severity != Absolute {
			t.Errorf("Contraindication(%q) = %+v, %v", name, ci, err)
		}
	}
	_, err := cat.Contraindication("pregnacy")
	ie := asInputError(t, err)
	if ie.Value != "pregnacy" || ie.Msg != `unknown condition "pregnacy"` || !strings.HasPrefix(ie.Hint, `did you mean "pregnancy"?`) {
		t.Errorf("error = %+v", ie)
	}
	_, err = cat.Contraindication("fear-of-needles")
	if ie := asInputError(t, err); ie.Hint != "run 'mesoplan conditions' for the list" {
		t.Errorf("error = %+v", ie)
	}
}

// ExampleLoadCatalog is also a check that the doc's file:line format holds.
func ExampleLoadCatalog() {
	_, err := LoadCatalog(CatalogFile{Name: "mine.yaml", Data: []byte("treatments:\n  - id: x\n    colour: red\n")})
	fmt.Println(err)
	// Output: mine.yaml:3: unknown key "colour" (see docs/catalog.md for the keys each entry takes)
}

// TestBuiltinPlainWords: patients read the built-in rules' summaries in
// their calendars' titles, so a clinical term never stands alone: it comes
// with the words a patient uses.
func TestBuiltinPlainWords(t *testing.T) {
	explained := map[string]string{ // term -> the plain words that must stand beside it
		"NSAID":     "painkillers",
		"retinoid":  "vitamin A",
		"exfoliant": "scrub",
	}
	for _, r := range builtin(t).Rules {
		summary := strings.ToLower(r.Summary)
		for term, plain := range explained {
			if strings.Contains(summary, strings.ToLower(term)) && !strings.Contains(summary, strings.ToLower(plain)) {
				t.Errorf("rule %s: %q says %q without %q", r.ID, r.Summary, term, plain)
			}
		}
	}
}

// TestLoadCatalogHugeMapping: a mapping of tens of thousands of keys is
// refused before decoding, whose duplicate-key check would take seconds;
// tens of thousands of rules merge through an index.
func TestLoadCatalogHugeMapping(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nsources:\n")
	for i := range 10_001 {
		fmt.Fprintf(&b, "  s%d: Source %d\n", i, i)
	}
	_, err := LoadCatalog(CatalogFile{Name: "big.yaml", Data: []byte(b.String())})
	if err == nil || err.Error() != "big.yaml:3: a mapping of more than 10000 keys: a catalog has far fewer" {
		t.Errorf("error = %v", err)
	}
}
