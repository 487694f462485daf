package planner

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// validateLanguages checks the catalog's languages: each tag is a
// canonical BCP 47 tag, each text belongs to a rule or treatment the
// catalog has, and each message keeps the placeholders of the English
// text it translates.
func (v *validator) validateLanguages() {
	tags := make([]string, 0, len(v.c.Languages))
	for tag := range v.c.Languages {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	for _, tag := range tags {
		l := v.c.Languages[tag]
		at := "languages." + tag
		t, err := language.Parse(tag)
		if err == nil && t == language.Und {
			v.errs = append(v.errs, fmt.Sprintf("%s: language %q: the undetermined language would stand behind every other; give a language", at, tag))
			continue
		}
		if err != nil || t.String() != tag {
			want := "a BCP 47 tag such as it or pt-BR"
			if err == nil {
				want = fmt.Sprintf("%q", t.String())
			}
			v.errs = append(v.errs, fmt.Sprintf("%s: language %q: want %s", at, tag, want))
			continue
		}
		for _, id := range sortedKeys(l.Rules) {
			if v.c.ruleByID(id) == nil {
				v.errs = append(v.errs, fmt.Sprintf("%s.rules.%s: the catalog has no rule %q", at, id, id))
			}
			if r := l.Rules[id]; strings.ContainsFunc(r.Summary+r.Text, badControl) {
				v.errs = append(v.errs, fmt.Sprintf("%s.rules.%s: a control character", at, id))
			}
		}
		for _, id := range sortedKeys(l.Treatments) {
			if v.c.treatmentByID(id) == nil {
				v.errs = append(v.errs, fmt.Sprintf("%s.treatments.%s: the catalog has no treatment %q", at, id, id))
			}
			if x := l.Treatments[id]; strings.ContainsFunc(x.Name+x.Maintenance, badControl) {
				v.errs = append(v.errs, fmt.Sprintf("%s.treatments.%s: a control character", at, id))
			}
		}
		for _, key := range sortedKeys(l.Messages) {
			want := placeholders(key)
			for _, text := range l.Messages[key].Texts() {
				if got := placeholders(text); !slices.Equal(got, want) {
					v.errs = append(v.errs, fmt.Sprintf("%s.messages: %q translates %q with placeholders %s, want %s",
						at, text, key, showPlaceholders(got), showPlaceholders(want)))
				}
			}
		}
	}
}

// rePlaceholder matches a printf verb with an optional argument index:
// "%s", "%d", "%[2]s"; "%%" is a literal percent sign.
var rePlaceholder = regexp.MustCompile(`%(\[\d+\])?[a-z]|%%`)

// placeholders lists the arguments a format uses, as "1s", "2d", ..., in
// argument order, so that a translation may reorder them.
func placeholders(format string) []string {
	var out []string
	next := 1
	for _, m := range rePlaceholder.FindAllString(format, -1) {
		if m == "%%" {
			continue
		}
		n := next
		if i := strings.Index(m, "["); i >= 0 {
			fmt.Sscanf(m[i+1:], "%d", &n)
		}
		out = append(out, fmt.Sprintf("%d%c", n, m[len(m)-1]))
		next = n + 1
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func showPlaceholders(ps []string) string {
	if len(ps) == 0 {
		return "none"
	}
	return strings.Join(ps, ", ")
}
